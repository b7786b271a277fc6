// `spindle gen` and `protoc --plugin=protoc-gen-spindle` write the same files; bad input gets a clear message.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { run } from "../../src/cli/gen.js";
import { repoRoot } from "./targets.js";

const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
const pluginPath = fileURLToPath(new URL(`../../src/cli/protoc-gen-spindle.${extension}`, import.meta.url));
const grpcProto = "/usr/share/grpc-proto";

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "spindle-gen-cli-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p, "utf8");
    }
  };
  walk(root);
  return out;
}

/** Runs `run()` with stderr captured. */
async function gen(argv: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write;
  let stderr = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await run(argv), stderr };
  } finally {
    process.stderr.write = write;
  }
}

/** Generates `inputs` with `spindle gen` and with protoc running protoc-gen-spindle; answers both trees. */
async function viaGenAndPlugin(name: string, includes: string[], inputs: string[], opt: string): Promise<[Record<string, string>, Record<string, string>]> {
  const viaGen = join(dir, name, "gen");
  const { code, stderr } = await gen([...includes.flatMap((i) => ["-I", i]), "--out", viaGen, "--opt", opt, ...inputs.map((i) => join(includes[0]!, i))]);
  assert.equal(code, 0, stderr);
  const wrapper = join(dir, "protoc-gen-spindle");
  writeFileSync(wrapper, `#!/bin/sh\nexec ${[process.execPath, ...process.execArgv, pluginPath].map((a) => `'${a}'`).join(" ")}\n`);
  chmodSync(wrapper, 0o755);
  const viaPlugin = join(dir, name, "plugin");
  mkdirSync(viaPlugin, { recursive: true });
  await promisify(execFile)("protoc", [...includes.map((i) => `-I${i}`), `--plugin=protoc-gen-spindle=${wrapper}`, `--spindle_out=${opt}:${viaPlugin}`, ...inputs], {
    cwd: repoRoot,
  });
  return [readTree(viaGen), readTree(viaPlugin)];
}

describe("spindle gen", () => {
  it("writes the same files as protoc-gen-spindle, options included", async () => {
    const inputs = ["grpc/testing/test.proto", "grpc/testing/messages.proto", "grpc/testing/empty.proto"];
    const [a, b] = await viaGenAndPlugin("grpc", [grpcProto], inputs, "long=string,import_extension=none");
    assert.deepEqual(Object.keys(a).sort(), ["grpc/testing/empty.ts", "grpc/testing/messages.ts", "grpc/testing/test.ts"]);
    assert.deepEqual(b, a);
    assert.match(a["grpc/testing/test.ts"]!, /from "\.\/empty"/);
  });

  it("writes the same files as protoc-gen-spindle for public imports, extensions and custom options", async () => {
    const inputs = ["public/top.proto", "public/middle.proto", "public/left.proto", "public/right.proto", "public/base.proto", "custom_options.proto", "diff2.proto"];
    const [a, b] = await viaGenAndPlugin("ext", [join(repoRoot, "test/codegen/protos"), "/usr/include"], inputs, "long=number");
    assert.equal(Object.keys(a).length, inputs.length);
    assert.deepEqual(b, a);
    assert.match(a["public/top.ts"]!, /^export \{ Base, .*label \} from "\.\/middle\.js";$/m);
    assert.match(a["diff2.ts"]!, /ext_sint64: Extension<Extendable, number> = .*\{ long: "number" \}\);$/m);
  });

  it("answers bad arguments with usage and exit code 2", async () => {
    const noOut = await gen(["x.proto"]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out DIR is required/);
    const badOpt = await gen(["--out", dir, "--opt", "long=int", "x.proto"]);
    assert.equal(badOpt.code, 2);
    assert.match(badOpt.stderr, /option long: expected bigint, string or number/);
  });

  it("reports compile errors as file:line:col with exit code 1", async () => {
    const src = join(dir, "src");
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, "bad.proto"), 'syntax = "proto3";\nmessage M { int32 x = 1 }\n');
    const { code, stderr } = await gen(["-I", src, "--out", join(dir, "out"), join(src, "bad.proto")]);
    assert.equal(code, 1);
    assert.match(stderr, /^bad\.proto:2:\d+: /m);
  });
});
