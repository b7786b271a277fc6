/**
 * The conformance-style test schema (test_messages_proto3.proto and test_messages_proto2.proto beside this
 * file), compiled by Debian's protoc once per process and linked into a registry.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRegistry, type DescMessage, type Registry } from "../../src/protobuf/index.js";

/** The repository root, found from this file whether it runs from test/ (tsx) or dist/test/ (node). */
export const repoRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the repository root (package.json) above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
})();

/** The .proto files of the test schema. */
export const schemaDir: string = join(repoRoot, "test", "conformance");

let cached: Uint8Array | undefined;

/** The serialized FileDescriptorSet of both test files with their imports, from protoc. */
export function testDescriptorSetBytes(): Uint8Array {
  if (cached) return cached;
  const out = mkdtempSync(join(tmpdir(), "spindle-conformance-"));
  try {
    const file = join(out, "set.pb");
    execFileSync("protoc", [
      `-I${schemaDir}`,
      "-I/usr/include",
      "--include_imports",
      `-o${file}`,
      "test_messages_proto3.proto",
      "test_messages_proto2.proto",
    ]);
    cached = new Uint8Array(readFileSync(file));
    return cached;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

let registry: Registry | undefined;

/** The registry of the test schema. */
export function testRegistry(): Registry {
  registry ??= createRegistry(testDescriptorSetBytes());
  return registry;
}

/** A message type of the test schema, by full name. */
export function testMessage(typeName: string): DescMessage {
  const desc = testRegistry().getMessage(typeName);
  if (!desc) throw new Error(`${typeName} is not in the test schema`);
  return desc;
}

export const PROTO3 = "spindle.conformance.test.TestAllTypesProto3";
export const PROTO2 = "spindle.conformance.test2.TestAllTypesProto2";
