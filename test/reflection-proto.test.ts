// The standard services' embedded descriptors are the real ones: byte for byte what Debian's protoc makes of
// gRPC's own .proto files (/usr/share/grpc-proto), and what the checked-in generated code embeds.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fromBinary, toBinary, wellKnownRegistry, type FileDescriptorSet } from "../src/protobuf/index.js";
import { Health } from "../src/server/health.js";
import { ServerReflectionV1, ServerReflectionV1alpha } from "../src/server/reflection.js";
import { Health as GenHealth } from "../gen/grpc/health/v1/health.js";
import { ServerReflection as GenV1 } from "../gen/grpc/reflection/v1/reflection.js";
import { ServerReflection as GenV1alpha } from "../gen/grpc/reflection/v1alpha/reflection.js";

const FileDescriptorProto = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorProto")!;
const FileDescriptorSetDesc = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;

describe("embedded descriptors of the standard services", () => {
  const cases = [
    { definition: Health, generated: GenHealth, file: "grpc/health/v1/health.proto" },
    { definition: ServerReflectionV1, generated: GenV1, file: "grpc/reflection/v1/reflection.proto" },
    { definition: ServerReflectionV1alpha, generated: GenV1alpha, file: "grpc/reflection/v1alpha/reflection.proto" },
  ];

  it("are protoc's descriptors of /usr/share/grpc-proto, byte for byte", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spindle-std-protos-"));
    try {
      const out = join(dir, "set.binpb");
      await promisify(execFile)("protoc", ["-I/usr/share/grpc-proto", `--descriptor_set_out=${out}`, ...cases.map((c) => c.file)]);
      const set = fromBinary(FileDescriptorSetDesc, readFileSync(out)) as unknown as FileDescriptorSet;
      for (const { definition, file } of cases) {
        const want = set.file.find((f) => f.name === file);
        assert.ok(want, `protoc made no ${file}`);
        assert.equal(definition.desc!.file.name, file);
        assert.deepEqual(toBinary(FileDescriptorProto, definition.desc!.file.proto), toBinary(FileDescriptorProto, want), file);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("match the generated code's paths and method kinds", () => {
    for (const { definition, generated } of cases) {
      assert.equal(definition.typeName, generated.typeName);
      const shape = (d: typeof definition | typeof generated) =>
        Object.values(d.methods as Record<string, { path: string; kind: string; localName: string }>).map((m) => [m.localName, m.path, m.kind]);
      assert.deepEqual(shape(definition), shape(generated));
    }
  });
});
