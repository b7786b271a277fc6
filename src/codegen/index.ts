/**
 * Spindle's TypeScript code generator: `.proto` descriptors in, one TypeScript module per file out (types,
 * generated codecs, service definitions). Used by `spindle gen` and `protoc-gen-spindle`.
 *
 * @example
 * ```ts
 * import { generateFiles } from "spindle/codegen";
 * const files = generateFiles([registry.getFile("shop.proto")!], { long: "string" });
 * ```
 */
export { generateFiles, GENERATED_RUNTIME_VERSION, type OutputFile } from "./generate.js";
export { parseOptions, resolveOptions, type GenerateOptions, type ResolvedOptions } from "./options.js";
export { createGeneratedFile, type GeneratedFile, type ImportSymbol, type Printable } from "./printer.js";
export { runtimeWellKnownFiles } from "./file-context.js";
