/**
 * Spindle's .proto compiler: parses proto2/proto3 files and links them into the same `FileDescriptorProto`s
 * Debian's protoc 3.21 writes (including source info), with protoc's error messages and positions.
 * This file is the layer's only door.
 *
 * @example
 * ```ts
 * import { compile, toDescriptorSet, formatDiagnostic } from "spindle/compiler";
 * const result = compile(["shop/v1/shop.proto"], { includeDirs: ["protos"] });
 * if (result.errors.length > 0) throw new Error(result.errors.map(formatDiagnostic).join("\n"));
 * const set = toDescriptorSet(result, { includeImports: true });
 * ```
 */
export { compile, toDescriptorSet, type CompileOptions, type CompileResult, type DescriptorSetOptions } from "./compile.js";
export { formatDiagnostic, type Diagnostic } from "./diagnostic.js";
export { loadProto, type LoadProtoOptions } from "./load-proto.js";
export {
  createCodeGeneratorRequest,
  encodeCodeGeneratorRequest,
  encodeCodeGeneratorResponse,
  readCodeGeneratorRequest,
  readCodeGeneratorResponse,
  FEATURE_PROTO3_OPTIONAL,
  type CodeGeneratorRequest,
  type CodeGeneratorResponse,
  type CodeGeneratorResponseFile,
  type CompilerVersion,
} from "./plugin.js";
