// loadProto (runtime loading without codegen) and the protoc plugin protocol.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  compile,
  createCodeGeneratorRequest,
  encodeCodeGeneratorRequest,
  encodeCodeGeneratorResponse,
  loadProto,
  readCodeGeneratorRequest,
  readCodeGeneratorResponse,
  FEATURE_PROTO3_OPTIONAL,
} from "../../src/compiler/index.js";
import { create, fromBinary, toBinary } from "../../src/protobuf/index.js";
import { fixtures, hasProtoc } from "./corpus.js";

const tmp = mkdtempSync(join(tmpdir(), "spindle-load-proto-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("loadProto", () => {
  it("loads services and messages with their imports, well-known types without an include path", () => {
    const registry = loadProto("corner/wkt_use.proto", { includeDirs: [join(fixtures, "valid")] });
    const ws = registry.getService("corner.wkt.WS");
    assert.ok(ws);
    assert.equal(ws.methods.length, 1);
    const W = registry.getMessage("corner.wkt.W")!;
    const msg = create(W, { ts: { seconds: 5n, nanos: 1 } });
    assert.deepEqual(fromBinary(W, toBinary(W, msg)), msg);
  });
  it("loads inline sources", () => {
    const registry = loadProto("a.proto", {
      sources: { "a.proto": 'syntax = "proto3"; package a; message M { map<string, int32> m = 1; } service S { rpc Do(M) returns (stream M); }' },
    });
    assert.equal(registry.getService("a.S")?.methods[0]?.name, "Do");
    assert.ok(registry.getMessage("a.M"));
  });
  it("throws every diagnostic when the files do not compile", () => {
    assert.throws(
      () => loadProto("bad.proto", { sources: { "bad.proto": 'syntax = "proto3";\nmessage A { B b = 1; C c = 2; }' } }),
      (e: Error) => e.message.includes('bad.proto:2:13: "B" is not defined.') && e.message.includes('bad.proto:2:22: "C" is not defined.'),
    );
  });
});

describe("protoc plugin protocol", () => {
  it("round-trips a CodeGeneratorResponse", () => {
    const response = { supportedFeatures: FEATURE_PROTO3_OPTIONAL, file: [{ name: "a.ts", content: "export {};\n" }] };
    const back = readCodeGeneratorResponse(encodeCodeGeneratorResponse(response));
    assert.equal(back.supportedFeatures, 1n);
    assert.equal(back.file[0]?.name, "a.ts");
    assert.equal(back.file[0]?.content, "export {};\n");
  });
  it("builds the same CodeGeneratorRequest bytes protoc sends a plugin", { skip: !hasProtoc && "protoc is not installed" }, () => {
    const dir = join(fixtures, "valid");
    const dump = join(tmp, "protoc-gen-dump");
    const captured = join(tmp, "request.bin");
    writeFileSync(dump, `#!/bin/sh\ncat > ${captured}\nprintf ''\n`);
    chmodSync(dump, 0o755);
    execFileSync("/usr/bin/protoc", [`-I${dir}`, "-I/usr/include", `--plugin=protoc-gen-dump=${dump}`, `--dump_out=k=v:${tmp}`, "corner/options_custom.proto", "corner/maps.proto"], { cwd: dir });
    assert.ok(existsSync(captured));
    const want = readFileSync(captured);
    const result = compile(["corner/options_custom.proto", "corner/maps.proto"], { includeDirs: [dir, "/usr/include"] });
    assert.deepEqual(result.errors, []);
    const got = encodeCodeGeneratorRequest(createCodeGeneratorRequest(result, "k=v"));
    assert.ok(Buffer.from(got).equals(want), "request bytes differ from protoc's");
    const decoded = readCodeGeneratorRequest(want);
    assert.deepEqual(decoded.fileToGenerate, ["corner/options_custom.proto", "corner/maps.proto"]);
    assert.equal(decoded.parameter, "k=v");
  });
});
