/**
 * Runtime loading: `.proto` files → a linked `Registry` of message types, enums, services and extensions,
 * without codegen (what `@grpc/proto-loader` does, with the runtime's typed descriptors).
 */
import { createRegistry, type Registry } from "../protobuf/index.js";
import { compile, toDescriptorSet, type CompileOptions } from "./compile.js";
import { formatDiagnostic } from "./diagnostic.js";

/** Options for {@link loadProto}. */
export interface LoadProtoOptions {
  /** Directories searched for the files and their imports (protoc's `-I`). Default: the current directory. */
  includeDirs?: string[];
  /** Keep comments and locations (`SourceCodeInfo`) on the loaded files. Default false. */
  includeSourceInfo?: boolean;
  /** Sources by virtual name, checked before the include path (e.g. for tests or bundled protos). */
  sources?: CompileOptions["sources"];
}

/**
 * Compiles `.proto` files and their imports and links them into a registry. The well-known types resolve
 * without any include path.
 *
 * @throws Error listing every compiler diagnostic (`file:line:col: message`) when the files do not compile.
 *
 * @example
 * ```ts
 * const registry = loadProto(["shop/v1/shop.proto"], { includeDirs: ["protos"] });
 * const Catalog = registry.getService("shop.v1.Catalog");
 * ```
 */
export function loadProto(files: string | string[], options: LoadProtoOptions = {}): Registry {
  const inputs = typeof files === "string" ? [files] : files;
  const compileOptions: CompileOptions = {};
  if (options.includeDirs !== undefined) compileOptions.includeDirs = options.includeDirs;
  if (options.sources !== undefined) compileOptions.sources = options.sources;
  const result = compile(inputs, compileOptions);
  if (result.errors.length > 0) {
    throw new Error(`cannot load ${inputs.join(", ")}:\n${result.errors.map(formatDiagnostic).join("\n")}`);
  }
  const set = toDescriptorSet(result, { includeImports: true, includeSourceInfo: options.includeSourceInfo ?? false });
  return createRegistry(set);
}
