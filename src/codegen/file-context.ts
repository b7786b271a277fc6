/**
 * What the emitters share while writing one file: the printer, the options, and how to refer to a message or
 * enum (by its local name in this file, or through an import of the module generated for its file).
 */
import { posix } from "node:path";
import type { DescEnum, DescField, DescFile, DescMessage } from "../protobuf/index.js";
import { indexComments, type CommentIndex } from "./comments.js";
import { declarationName, outputPath, relativeImport } from "./names.js";
import type { ResolvedOptions } from "./options.js";
import type { GeneratedFile, ImportSymbol, Printable } from "./printer.js";

/** The well-known files the runtime ships generated code for (imported from it instead of generated again). */
export const runtimeWellKnownFiles: ReadonlySet<string> = new Set([
  "google/protobuf/any.proto",
  "google/protobuf/api.proto",
  "google/protobuf/descriptor.proto",
  "google/protobuf/duration.proto",
  "google/protobuf/empty.proto",
  "google/protobuf/field_mask.proto",
  "google/protobuf/source_context.proto",
  "google/protobuf/struct.proto",
  "google/protobuf/timestamp.proto",
  "google/protobuf/type.proto",
  "google/protobuf/wrappers.proto",
  "google/protobuf/compiler/plugin.proto",
]);

/** The emitters' view of the file being generated. */
export interface FileContext {
  readonly f: GeneratedFile;
  readonly file: DescFile;
  readonly options: ResolvedOptions;
  readonly comments: CommentIndex;
  /** A value exported by the runtime module. */
  rt(name: string): ImportSymbol;
  /** A type exported by the runtime module. */
  rtType(name: string): ImportSymbol;
  /** The name of a declaration of this file. */
  localName(desc: DescMessage | DescEnum): string;
  /** A message or enum as a value, imported when it lives in another file. */
  ref(desc: DescMessage | DescEnum): Printable;
  /** A message or enum in a type position. */
  typeRef(desc: DescMessage | DescEnum): Printable;
  /** The generated file handle of `file` (this one or an import). */
  fileRef(file: DescFile): Printable;
  /** The function encoding a message's fields into a writer. */
  encodeRef(desc: DescMessage): Printable;
  /** The function decoding a message's fields from a reader. */
  decodeRef(desc: DescMessage): Printable;
  /** How a 64-bit field is represented (jstype, else the `long` option). */
  longOf(field: DescField | { longType: string }): string;
  /** The module specifier for the generated module of `file`. */
  moduleOf(file: DescFile): string;
}

/** Creates the context for generating `file` into `f`. */
export function createFileContext(f: GeneratedFile, file: DescFile, options: ResolvedOptions, fileHandle: (file: DescFile) => string): FileContext {
  const self = outputPath(file.name);
  const runtime = options.runtimeImport.startsWith(".") ? relativeSpecifier(self, options.runtimeImport) : options.runtimeImport;
  const moduleOf = (other: DescFile): string => {
    if (options.wellKnownFromRuntime && runtimeWellKnownFiles.has(other.name)) return runtime;
    return relativeImport(self, outputPath(other.name), options.importExtension);
  };
  const ctx: FileContext = {
    f,
    file,
    options,
    comments: indexComments(file),
    rt: (name) => f.import(name, runtime),
    rtType: (name) => f.importType(name, runtime),
    localName: (desc) => declarationName(desc),
    ref(desc) {
      if (desc.file === file) return declarationName(desc);
      return f.import(declarationName(desc), moduleOf(desc.file));
    },
    typeRef(desc) {
      if (desc.file === file) return declarationName(desc);
      return f.importType(declarationName(desc), moduleOf(desc.file));
    },
    fileRef(other) {
      if (other === file) return fileHandle(file);
      return f.import(fileHandle(other), moduleOf(other));
    },
    encodeRef(desc) {
      if (desc.file === file) return `${declarationName(desc)}$encode`;
      return [f.import(declarationName(desc), moduleOf(desc.file)), ".encodeTo"];
    },
    decodeRef(desc) {
      if (desc.file === file) return `${declarationName(desc)}$decode`;
      return [f.import(declarationName(desc), moduleOf(desc.file)), ".decodeFrom"];
    },
    longOf(field) {
      const long = "longType" in field ? field.longType : "bigint";
      return long === "bigint" ? options.long : long;
    },
    moduleOf,
  };
  return ctx;
}

/** `target` (relative to the output directory) as seen from the output file `self`. */
function relativeSpecifier(self: string, target: string): string {
  // Both paths are relative to the output directory; anchor them deep enough that `..` never hits the root.
  const base = "/o".repeat(32);
  const r = posix.relative(posix.join(base, posix.dirname(self)), posix.join(base, target));
  return r.startsWith(".") ? r : "./" + r;
}
