// `@opentelemetry/api` is an optional peer dependency: only src/otel (the `spindle/otel` subpath) may load
// it, so every other entry point works where it is not installed, and no OpenTelemetry SDK package is ever
// a runtime import.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

// The repository root, from test/ (tsx) or dist/test/ (compiled).
const here = dirname(fileURLToPath(import.meta.url));
const root = existsSync(join(here, "..", "package.json")) ? resolve(here, "..") : resolve(here, "..", "..");
const src = join(root, "src");

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".test.ts")) yield path;
  }
}

const importPattern = /(?:import|export)\s[^;]*?from\s+["'](@opentelemetry\/[^"']+)["']|import\(\s*["'](@opentelemetry\/[^"']+)["']\s*\)/g;

describe("@opentelemetry/api as an optional peer", () => {
  it("is imported only by src/otel, which imports no SDK package", () => {
    const problems: string[] = [];
    for (const file of sourceFiles(src)) {
      const layer = relative(src, file).split(sep)[0];
      for (const m of readFileSync(file, "utf8").matchAll(importPattern)) {
        const spec = m[1] ?? m[2]!;
        if (layer !== "otel") problems.push(`${relative(root, file)} imports ${spec}`);
        else if (spec !== "@opentelemetry/api") problems.push(`${relative(root, file)} imports ${spec}, which users need not have`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("is declared as an optional peer and not as a dependency", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, unknown> | undefined>;
    assert.equal(typeof pkg.peerDependencies?.["@opentelemetry/api"], "string");
    assert.deepEqual(pkg.peerDependenciesMeta?.["@opentelemetry/api"], { optional: true });
    assert.equal(pkg.dependencies?.["@opentelemetry/api"], undefined);
    assert.ok(pkg.exports?.["./otel"], "spindle/otel is its own subpath export");
  });
});
