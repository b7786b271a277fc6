// `spindle compile` takes protoc's flags and writes protoc's bytes; errors exit 1 as protoc's do.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCompileArgs, run } from "../../src/cli/compile.js";
import { fixtures, hasProtoc } from "./corpus.js";

const tmp = mkdtempSync(join(tmpdir(), "spindle-cli-compile-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the command in-process, capturing stderr. */
async function runCaptured(argv: string[]): Promise<{ code: number; stderr: string }> {
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

describe("parseCompileArgs", () => {
  const cases: { args: string[]; want: ReturnType<typeof parseCompileArgs> }[] = [
    {
      args: ["-Ia", "-I", "b", "--proto_path=c:d", "--proto_path", "e", "-oout.pb", "x.proto"],
      want: { includeDirs: ["a", "b", "c", "d", "e"], out: "out.pb", includeImports: false, includeSourceInfo: false, inputs: ["x.proto"] },
    },
    {
      args: ["--descriptor_set_out=o", "--include_imports", "--include_source_info", "a.proto", "b.proto"],
      want: { includeDirs: [], out: "o", includeImports: true, includeSourceInfo: true, inputs: ["a.proto", "b.proto"] },
    },
    { args: ["--frobnicate"], want: "Unknown flag: --frobnicate" },
    { args: ["-I"], want: "Missing value for flag: -I" },
    { args: ["-o", "a", "-o", "b"], want: "-o may only be passed once." },
  ];
  for (const c of cases) {
    it(`parses ${c.args.join(" ")}`, () => assert.deepEqual(parseCompileArgs(c.args), c.want));
  }
});

describe("spindle compile", () => {
  const grpcTest = "/usr/share/grpc-proto/grpc/testing/test.proto";
  for (const flags of [[], ["--include_imports", "--include_source_info"]]) {
    it(`writes protoc's bytes for grpc/testing/test.proto ${flags.join(" ")}`, { skip: !(hasProtoc && existsSync(grpcTest)) }, async () => {
      const got = join(tmp, "got.pb");
      const want = join(tmp, "want.pb");
      const args = ["-I/usr/share/grpc-proto", "-I/usr/include", ...flags, "grpc/testing/test.proto"];
      execFileSync("/usr/bin/protoc", [`--descriptor_set_out=${want}`, ...args], { cwd: "/usr/share/grpc-proto" });
      const r = await runCaptured([`--descriptor_set_out=${got}`, ...args.map((a) => (a.endsWith(".proto") ? "/usr/share/grpc-proto/" + a : a))]);
      assert.equal(r.stderr, "");
      assert.equal(r.code, 0);
      assert.ok(readFileSync(got).equals(readFileSync(want)));
    });
  }
  it("prints protoc's diagnostics and exits 1 on errors", async () => {
    const dir = join(fixtures, "invalid");
    const r = await runCaptured([`-I${dir}`, `-o${join(tmp, "x.pb")}`, join(dir, "undefined_type.proto")]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'undefined_type.proto:2:13: "Missing" is not defined.\n');
  });
  it("maps inputs to the include path as protoc does", async () => {
    const dir = join(fixtures, "valid");
    const out = join(tmp, "p.pb");
    assert.deepEqual(await runCaptured([`-I${dir}`, `-o${out}`, "corner/maps.proto"]), { code: 0, stderr: "" });
    assert.deepEqual(await runCaptured([`-I${dir}`, `-o${out}`, "corner/nope.proto"]), {
      code: 1,
      stderr: "Could not make proto path relative: corner/nope.proto: No such file or directory\n",
    });
    const outside = join(fixtures, "invalid", "README.md");
    const r = await runCaptured([`-I${dir}`, `-o${out}`, outside]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^.*README\.md: File does not reside within any path specified using --proto_path \(or -I\)\./);
  });
  it("says what is missing", async () => {
    assert.deepEqual(await runCaptured([]), { code: 1, stderr: "Missing input file.\n" });
    assert.deepEqual(await runCaptured(["a.proto"]), { code: 1, stderr: "Missing output directives.\n" });
  });
  it("runs as the spindle bin", { skip: !import.meta.url.endsWith(".js") && "only from dist" }, () => {
    const main = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "cli", "main.js");
    const out = join(tmp, "bin.pb");
    const dir = join(fixtures, "valid");
    const p = spawnSync(process.execPath, [main, "compile", `-I${dir}`, `-o${out}`, join(dir, "corner", "maps.proto")], { encoding: "utf8" });
    assert.equal(p.stderr, "");
    assert.equal(p.status, 0);
    assert.ok(readFileSync(out).length > 100);
  });
});
