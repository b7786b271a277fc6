/**
 * The protoc plugin protocol (google/protobuf/compiler/plugin.proto): a plugin reads a
 * `CodeGeneratorRequest` from stdin and writes a `CodeGeneratorResponse` to stdout. These helpers decode and
 * encode both, and build the request protoc would send from a Spindle compile, so a generator can run with
 * or without protoc.
 */
import {
  fromBinary,
  toBinary,
  wellKnownRegistry,
  type FileDescriptorProto,
  type GeneratedCodeInfo,
} from "../protobuf/index.js";
import { toDescriptorSet, type CompileResult } from "./compile.js";

/** The compiler version a request names (plugin.proto `Version`). */
export interface CompilerVersion {
  major?: number;
  minor?: number;
  patch?: number;
  suffix?: string;
}

/** What protoc sends a plugin. */
export interface CodeGeneratorRequest {
  /** The files named on the command line, to generate code for. */
  fileToGenerate: string[];
  /** The `--<plugin>_opt` / `--<plugin>_out=PARAM:` parameter, if any. */
  parameter?: string;
  /** Every file in `fileToGenerate` and everything they import, dependencies first, with source info. */
  protoFile: FileDescriptorProto[];
  compilerVersion?: CompilerVersion;
}

/** One generated file. */
export interface CodeGeneratorResponseFile {
  name?: string;
  insertionPoint?: string;
  content?: string;
  generatedCodeInfo?: GeneratedCodeInfo;
}

/** What a plugin answers. */
export interface CodeGeneratorResponse {
  /** Set when the input was bad (protoc prints it and fails); leave unset for plugin bugs — exit non-zero instead. */
  error?: string;
  /** Bit set of `CodeGeneratorResponse.Feature` (1: proto3 optional). */
  supportedFeatures?: bigint;
  file: CodeGeneratorResponseFile[];
}

/** `CodeGeneratorResponse.Feature.FEATURE_PROTO3_OPTIONAL`. */
export const FEATURE_PROTO3_OPTIONAL = 1n;

function type(name: string) {
  const t = wellKnownRegistry.getMessage(name);
  if (t === undefined) throw new Error(`${name} is missing from the well-known registry`);
  return t;
}

/**
 * Decodes a `CodeGeneratorRequest` (a plugin's stdin).
 *
 * @throws ProtobufError when the bytes are not a valid request.
 */
export function readCodeGeneratorRequest(bytes: Uint8Array): CodeGeneratorRequest {
  return fromBinary(type("google.protobuf.compiler.CodeGeneratorRequest"), bytes) as unknown as CodeGeneratorRequest;
}

/** Encodes a `CodeGeneratorRequest` (what protoc writes to a plugin). */
export function encodeCodeGeneratorRequest(request: CodeGeneratorRequest): Uint8Array {
  return toBinary(type("google.protobuf.compiler.CodeGeneratorRequest"), request as unknown as Record<string, unknown>);
}

/** Decodes a `CodeGeneratorResponse` (a plugin's stdout). */
export function readCodeGeneratorResponse(bytes: Uint8Array): CodeGeneratorResponse {
  return fromBinary(type("google.protobuf.compiler.CodeGeneratorResponse"), bytes) as unknown as CodeGeneratorResponse;
}

/**
 * Encodes a `CodeGeneratorResponse` (what a plugin writes to stdout).
 *
 * @example
 * ```ts
 * const req = readCodeGeneratorRequest(await readAll(process.stdin));
 * process.stdout.write(encodeCodeGeneratorResponse({ supportedFeatures: FEATURE_PROTO3_OPTIONAL, file: [{ name: "a.ts", content: "…" }] }));
 * ```
 */
export function encodeCodeGeneratorResponse(response: CodeGeneratorResponse): Uint8Array {
  return toBinary(type("google.protobuf.compiler.CodeGeneratorResponse"), response as unknown as Record<string, unknown>);
}

/**
 * The request protoc 3.21 would send a plugin for a successful compile: the inputs to generate, and every
 * file they need (dependencies first) with json names and source info.
 */
export function createCodeGeneratorRequest(result: CompileResult, parameter?: string): CodeGeneratorRequest {
  const set = toDescriptorSet(result, { includeImports: true, includeSourceInfo: true });
  const request: CodeGeneratorRequest = {
    fileToGenerate: [...result.inputNames],
    protoFile: set.file,
    compilerVersion: { major: 3, minor: 21, patch: 12, suffix: "" },
  };
  if (parameter !== undefined) request.parameter = parameter;
  return request;
}
