// bench.proto as FileDescriptorSet bytes, compiled by Spindle's compiler: the anchors that need descriptors
// (Connect, through @bufbuild/protobuf's createFileRegistry) get them at run time, with no generated code.
import { join } from "node:path";
import { compile, formatDiagnostic, toDescriptorSet } from "../../src/compiler/index.js";
import { toBinary, wellKnownRegistry } from "../../src/protobuf/index.js";
import { benchProtoDir } from "./bench-proto.js";

/** Compiles bench/rpc/bench.proto and encodes it as a `google.protobuf.FileDescriptorSet`. */
export function benchDescriptorSetBytes(): Uint8Array {
  const dir = benchProtoDir();
  const result = compile(["bench.proto"], { includeDirs: [dir] });
  if (result.errors.length > 0) throw new Error(`cannot compile ${join(dir, "bench.proto")}:\n${result.errors.map(formatDiagnostic).join("\n")}`);
  const schema = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet");
  if (schema === undefined) throw new Error("google.protobuf.FileDescriptorSet is missing from the well-known registry");
  return toBinary(schema, toDescriptorSet(result, { includeImports: true }));
}
