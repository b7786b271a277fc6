// The codec against protoc: descriptor.proto decodes protoc's --descriptor_set_out output to what Python's
// descriptor_pb2 sees, and re-encodes it to the identical bytes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBinary, toBinary, wellKnownRegistry, type Message } from "./index.js";
import { protocDescriptorSet, testdataDir } from "./testdata/protoc-fixture.js";

const FileDescriptorSet = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;

/** Our decoded value in the JSON shape the Python script prints (bigint and bytes made JSON-safe). */
function plain(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Uint8Array) return [...v];
  if (typeof v === "number" && Number.isNaN(v)) return "NaN";
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

function pythonPlain(bytes: Uint8Array): unknown {
  const dir = mkdtempSync(join(tmpdir(), "spindle-fds-"));
  try {
    const file = join(dir, "set.binpb");
    writeFileSync(file, bytes);
    return JSON.parse(execFileSync("/usr/bin/python3", [join(testdataDir, "to_plain.py"), file], { encoding: "utf8", maxBuffer: 64 << 20 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const wkt = [
  "google/protobuf/descriptor.proto",
  "google/protobuf/any.proto",
  "google/protobuf/api.proto",
  "google/protobuf/duration.proto",
  "google/protobuf/empty.proto",
  "google/protobuf/field_mask.proto",
  "google/protobuf/source_context.proto",
  "google/protobuf/struct.proto",
  "google/protobuf/timestamp.proto",
  "google/protobuf/type.proto",
  "google/protobuf/wrappers.proto",
  "google/protobuf/compiler/plugin.proto",
];
const grpcTesting = ["grpc/testing/test.proto", "grpc/testing/messages.proto", "grpc/testing/empty.proto"];

const cases: { name: string; files: string[]; sourceInfo: boolean }[] = [
  { name: "well-known files", files: wkt, sourceInfo: false },
  { name: "well-known files with source info", files: wkt, sourceInfo: true },
  { name: "grpc/testing with source info", files: grpcTesting, sourceInfo: true },
  { name: "Spindle's test schemas with source info", files: ["test2.proto", "test3.proto"], sourceInfo: true },
];

describe("the bootstrapped well-known files (wkt/bootstrap.ts)", () => {
  it("equal what protoc describes today, decoded by the codec", () => {
    const bytes = protocDescriptorSet(wkt, { includePaths: ["/usr/include"] });
    const fromProtoc = (fromBinary(FileDescriptorSet, bytes).file as Message[]).map((f) => plain(f));
    const bootstrapped = wellKnownRegistry.files.map((f) => plain(f.proto));
    assert.deepEqual(
      bootstrapped.map((f) => (f as { name: string }).name).sort(),
      fromProtoc.map((f) => (f as { name: string }).name).sort(),
    );
    for (const f of fromProtoc) {
      const name = (f as { name: string }).name;
      assert.deepEqual(plain(wellKnownRegistry.getFile(name)!.proto), f, `${name} differs: run scripts/bootstrap-descriptors.sh`);
    }
  });
});

describe("FileDescriptorSet from protoc", () => {
  for (const c of cases) {
    it(`decodes and re-encodes ${c.name} identically, agreeing with Python`, () => {
      const bytes = protocDescriptorSet(c.files, {
        includePaths: [testdataDir, "/usr/include", "/usr/share/grpc-proto"],
        sourceInfo: c.sourceInfo,
      });
      const decoded: Message = fromBinary(FileDescriptorSet, bytes);
      assert.deepEqual(plain(decoded), pythonPlain(bytes));
      const again = toBinary(FileDescriptorSet, decoded);
      assert.ok(Buffer.from(again).equals(Buffer.from(bytes)), "re-encoded bytes differ from protoc's");
    });
  }
});
