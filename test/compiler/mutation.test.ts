// Seeded random mutations of valid files: the compiler must never throw, hang or produce nothing — every
// mutant either compiles (and encodes) or yields diagnostics.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { compile, formatDiagnostic, toDescriptorSet } from "../../src/compiler/index.js";
import { toBinary, wellKnownRegistry } from "../../src/protobuf/index.js";
import { fixtures, hasProtoc } from "./corpus.js";

const FileDescriptorSet = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  "{", "}", ";", "=", "(", ")", "[", "]", "<", ">", ",", ".", "-", "\"", "'", "/*", "*/", "//", "\n", "\t",
  "message ", "enum ", "service ", "rpc ", "returns ", "stream ", "oneof ", "map<", "group ", "extend ",
  "extensions ", "reserved ", "to ", "max ", "option ", "(foo).bar", "import ", "public ", "weak ", "package ",
  "syntax = \"proto3\";", "syntax = \"proto2\";", "optional ", "required ", "repeated ", "default = ",
  "json_name = ", "0x", "0", "1e", "inf", "nan", "-1", "99999999999999999999", "\\", "\\x", "\\u12", "\u00e9",
  "\u0000", "\u0001", "google.protobuf.Any", ".a.b", "{ a: 1 }", "[packed = true]", "int32 x = 1;",
];

const SOURCES = [
  "corner/options_custom.proto",
  "corner/scalars2.proto",
  "corner/groups.proto",
  "corner/maps.proto",
  "corner/comments.proto",
  "corner/scope.proto",
  "corner/extensions.proto",
  "corner/oneofs.proto",
  "gen/gen_03.proto",
  "gen/gen_17.proto",
];

function mutate(text: string, rand: () => number): string {
  let s = text;
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const kind = rand();
    if (kind < 0.3) {
      const len = Math.floor(rand() * 12);
      s = s.slice(0, at) + s.slice(at + len);
    } else if (kind < 0.7) {
      s = s.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + s.slice(at);
    } else if (kind < 0.85) {
      const len = Math.floor(rand() * 30);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    } else {
      s = s.slice(0, at) + String.fromCharCode(Math.floor(rand() * 256)) + s.slice(at + 1);
    }
  }
  return s;
}

describe("mutated .proto files", () => {
  const valid = join(fixtures, "valid");
  it("never crash the compiler: each mutant compiles or reports errors", { timeout: 60_000 }, () => {
    const rand = mulberry32(4242);
    let compiled = 0;
    let rejected = 0;
    for (let round = 0; round < 400; round++) {
      const file = SOURCES[round % SOURCES.length]!;
      const mutant = mutate(readFileSync(join(valid, file), "utf8"), rand);
      let result;
      try {
        result = compile([file], { includeDirs: [valid, "/usr/include"], sources: { [file]: mutant } });
        if (result.errors.length === 0) toBinary(FileDescriptorSet, toDescriptorSet(result, { includeSourceInfo: true }));
      } catch (e) {
        assert.fail(`round ${round} (${file}) threw ${(e as Error).stack}\n--- mutant ---\n${mutant}`);
      }
      if (result.errors.length > 0) {
        rejected++;
        assert.deepEqual(result.files, []);
        for (const d of result.errors) assert.ok(d.message.length > 0);
      } else {
        compiled++;
        assert.equal(result.files.length, 1);
      }
    }
    assert.ok(compiled > 0 && rejected > 0, `compiled ${compiled}, rejected ${rejected}`);
  });
  it("rejects absurd nesting with an error instead of overflowing the stack", () => {
    const deep = 'syntax = "proto2";\n' + "message A {".repeat(20000) + "}".repeat(20000);
    const braces = 'syntax = "proto2"; message A { ' + "{".repeat(100000) + " }";
    for (const src of [deep, braces]) {
      const result = compile(["deep.proto"], { sources: { "deep.proto": src } });
      assert.ok(result.errors.length > 0);
    }
  });
  it("agrees with protoc on mutants: same diagnostics, or the same bytes", { skip: !hasProtoc && "protoc is not installed", timeout: 60_000 }, () => {
    const rand = mulberry32(777);
    const tmp = mkdtempSync(join(tmpdir(), "spindle-mutants-"));
    after(() => rmSync(tmp, { recursive: true, force: true }));
    const disagreements: string[] = [];
    for (let round = 0; round < 60; round++) {
      const file = SOURCES[round % SOURCES.length]!;
      const mutant = mutate(readFileSync(join(valid, file), "utf8"), rand);
      mkdirSync(dirname(join(tmp, file)), { recursive: true });
      writeFileSync(join(tmp, file), mutant);
      const includeDirs = [tmp, valid, "/usr/include"];
      const out = join(tmp, "want.pb");
      const p = spawnSync("/usr/bin/protoc", [...includeDirs.map((d) => "-I" + d), "--include_source_info", `-o${out}`, file], { encoding: "utf8" });
      const result = compile([file], { includeDirs });
      if (p.status === 0) {
        const got = result.errors.length === 0 ? toBinary(FileDescriptorSet, toDescriptorSet(result, { includeSourceInfo: true })) : undefined;
        if (got === undefined || !Buffer.from(got).equals(readFileSync(out))) disagreements.push(`${round} ${file}: protoc accepts`);
      } else {
        const want = p.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("[libprotobuf")).join("\n");
        const got = [...result.warnings, ...result.errors].map(formatDiagnostic).join("\n");
        if (got !== want) disagreements.push(`${round} ${file}:\nwant ${want}\ngot  ${got}`);
      }
      rmSync(join(tmp, file));
    }
    assert.deepEqual(disagreements, []);
  });
});
