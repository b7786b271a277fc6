// The server's cold start is mostly ES module loading (bench/README.md, cold start): each module costs a
// file lookup, a read and a compile. This pins what a plain server loads, so the graph cannot silently grow
// back: no health or reflection (their own doors, spindle/server/health and spindle/server/reflection), no
// compiler, codegen, runtime, client, browser or otel code, and no more modules than the budget below; the
// health service adds its own three small modules and nothing else.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/**
 * Modules the plain server may load: 74 when this was written (server 14, node 4, grpc 15, protobuf 41; the
 * protobuf ones come through src/grpc's status details and serviceFromDesc), plus a little room for a split file. Raise it only with a reason; each module costs about
 * half a millisecond of CPU at start.
 */
const MODULE_BUDGET = 80;

/** Parts a server without health or reflection has no use for, by path under the project root. */
const FORBIDDEN = [
  /^src\/server\/health/,
  /^src\/server\/reflection/,
  /^src\/server\/lazy-service/,
  /^src\/(compiler|codegen|runtime|client|web|otel|cli)\//,
  /^gen\//,
];

async function loadedModules(...args: string[]): Promise<string[]> {
  const isTs = import.meta.url.endsWith(".ts");
  const fixture = fileURLToPath(new URL(`./server-imports-fixture.${isTs ? "ts" : "js"}`, import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [...(isTs ? ["--import", "tsx"] : []), fixture, ...args], { timeout: 30_000 });
  // Paths from the project root (for the compiled tests, from dist/), without the extension.
  const root = new URL("../", import.meta.url).href;
  return (JSON.parse(stdout) as string[])
    .filter((url) => url.startsWith(root) && !url.includes("/node_modules/"))
    .map((url) => url.slice(root.length).replace(/\.(ts|js)$/, ""));
}

describe("a plain server's module graph", () => {
  it("loads neither health nor reflection, nor any layer above the server, within the module budget", async () => {
    const modules = await loadedModules();
    assert.ok(modules.includes("src/server/index"), `the fixture did not load the server: ${modules.join(", ")}`);
    const forbidden = modules.filter((m) => FORBIDDEN.some((re) => re.test(m)));
    assert.deepEqual(forbidden, [], "a plain server loaded modules it has no use for");
    const byLayer = new Map<string, number>();
    for (const m of modules) {
      const layer = m.split("/").slice(0, 2).join("/");
      byLayer.set(layer, (byLayer.get(layer) ?? 0) + 1);
    }
    const summary = [...byLayer].map(([layer, n]) => `${layer} ${n}`).join(", ");
    assert.ok(modules.length <= MODULE_BUDGET, `a plain server loads ${modules.length} modules (budget ${MODULE_BUDGET}): ${summary}`);
  });

  it("adds only the health door and its codecs for a server with the health service", async () => {
    const [plain, withHealth] = await Promise.all([loadedModules(), loadedModules("health")]);
    const added = withHealth.filter((m) => !plain.includes(m)).sort();
    assert.deepEqual(added, ["src/server/health", "src/server/health-proto", "src/server/lazy-service"]);
  });
});
