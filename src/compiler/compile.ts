/**
 * The compiler's driver: finds files on the include path, parses them, builds them depth-first in import
 * order (as protoc's Importer does), and returns the descriptors. The well-known files resolve without an
 * include path: when `google/protobuf/….proto` is not found on disk, the embedded descriptors are used.
 */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, normalize, relative, resolve, sep } from "node:path";
import { wellKnownFiles, type FileDescriptorProto, type FileDescriptorSet } from "../protobuf/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { buildFile } from "./build-file.js";
import { getFallbackPool } from "./fallback-pool.js";
import type { FileNode } from "./nodes.js";
import { parseProto } from "./parse-proto.js";
import { Pool } from "./pool.js";

/** Options for {@link compile}. */
export interface CompileOptions {
  /** Directories searched for imports (and inputs), like protoc's `-I`. Default: the current directory. */
  includeDirs?: string[];
  /** Reads a file; default `fs.readFileSync`. Return undefined when the file does not exist. */
  readFile?: (path: string) => Uint8Array | undefined;
  /** Extra sources by virtual name (checked before the include path). */
  sources?: Record<string, string | Uint8Array>;
}

/** What {@link compile} returns. */
export interface CompileResult {
  /** Every error, in the order protoc reports them. Empty on success. */
  errors: Diagnostic[];
  /** Warnings protoc would print too (unused imports of the inputs); they do not fail the compile. */
  warnings: Diagnostic[];
  /** The input files' descriptors (virtual names), in input order; empty entries are omitted on failure. */
  files: FileDescriptorProto[];
  /** Every built file (inputs and imports) by virtual name. */
  all: Map<string, FileDescriptorProto>;
  /** Virtual names of the inputs, in input order. */
  inputNames: string[];
}

function defaultRead(path: string): Uint8Array | undefined {
  try {
    // No exception for the common miss: most include dirs do not have most files.
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Compiles .proto files. Inputs are paths (relative to the current directory, or virtual names relative to
 * an include dir), mapped to virtual names as protoc does. Never throws for bad input: errors come back in
 * `errors` as protoc would print them.
 */
export function compile(inputs: string[], options: CompileOptions = {}): CompileResult {
  const includeDirs = options.includeDirs && options.includeDirs.length > 0 ? options.includeDirs : ["."];
  const read = options.readFile ?? defaultRead;
  const errors: Diagnostic[] = [];
  const pool = new Pool();
  pool.fallback = getFallbackPool;
  const built = new Map<string, FileNode | null>();
  const pending: string[] = [];
  const all = new Map<string, FileDescriptorProto>();

  // Own properties only: an import named "toString" must not find Object.prototype's.
  const inlineSource = (name: string): string | Uint8Array | undefined =>
    options.sources !== undefined && Object.hasOwn(options.sources, name) ? options.sources[name] : undefined;

  const open = (name: string): Uint8Array | FileDescriptorProto | string => {
    // protoc's DiskSourceTree: a file is identified by its name, so names must be canonical.
    if (name !== canonicalizePath(name) || containsParentReference(name)) {
      return 'Backslashes, consecutive slashes, ".", or ".." are not allowed in the virtual path';
    }
    const src = inlineSource(name);
    if (src !== undefined) return typeof src === "string" ? new TextEncoder().encode(src) : src;
    for (const dir of includeDirs) {
      const bytes = read(join(dir, name));
      if (bytes !== undefined) return bytes;
    }
    const wkt = wellKnownFiles.find((f) => f.name === name);
    return wkt ? structuredClone(wkt) : "File not found.";
  };

  /** Loads and builds a file and its imports; undefined if it (or its parse) failed. */
  const load = (name: string): FileNode | undefined => {
    const done = built.get(name);
    if (done !== undefined) return done ?? undefined;
    const data = open(name);
    if (typeof data === "string") {
      errors.push({ file: name, message: data });
      return undefined;
    }
    let proto: FileDescriptorProto;
    let table;
    let aggregates;
    if (data instanceof Uint8Array) {
      const parsed = parseProto(name, data);
      for (const e of parsed.errors) errors.push({ file: name, line: e.line, column: e.column, message: e.message });
      if (parsed.errors.length > 0) {
        built.set(name, null);
        return undefined;
      }
      proto = parsed.file;
      table = parsed.locations;
      aggregates = parsed.aggregates;
    } else {
      proto = data;
    }
    const cycleAt = pending.indexOf(name);
    if (cycleAt >= 0) {
      // protoc: "File recursively imports itself: a -> b -> a", at the import in the file that closes the cycle.
      const chain = [...pending.slice(cycleAt), name].join(" -> ");
      const at = cycleAt < pending.length - 1 ? pending[cycleAt + 1]! : name;
      const pos = table?.find(proto, "import:" + at);
      errors.push(
        pos
          ? { file: name, line: pos[0], column: pos[1], message: "File recursively imports itself: " + chain }
          : { file: name, message: "File recursively imports itself: " + chain },
      );
      return undefined;
    }
    pending.push(name);
    for (const dep of proto.dependency) {
      if (!pool.files.has(dep) && built.get(dep) === undefined) load(dep);
    }
    pending.pop();
    if (built.has(name)) return built.get(name) ?? undefined;
    const node = buildFile(pool, proto, table, errors, {
      aggregates,
      warnings,
      trackUnusedImports: inputSet.has(name) && data instanceof Uint8Array,
    });
    built.set(name, node ?? null);
    if (node) all.set(name, proto);
    return node;
  };

  const inputNames: string[] = [];
  const inputSet = new Set<string>();
  const warnings: Diagnostic[] = [];
  for (const input of inputs) {
    // Inline sources are addressed by their virtual name directly.
    const virtual = inlineSource(input) !== undefined ? input : toVirtual(input, includeDirs, read, errors);
    if (virtual === undefined) continue;
    inputNames.push(virtual);
    inputSet.add(virtual);
  }
  if (errors.length === 0) {
    for (const name of inputNames) load(name);
  }
  const files = inputNames.map((n) => all.get(n)).filter((f): f is FileDescriptorProto => f !== undefined);
  return { errors, warnings, files, all, inputNames };
}

/** protoc's CanonicalizePath: drops empty and "." components, keeps leading and trailing slashes. */
function canonicalizePath(path: string): string {
  let result = path.split("/").filter((p) => p !== "" && p !== ".").join("/");
  if (path.startsWith("/")) result = "/" + result;
  if (path.endsWith("/") && result !== "" && !result.endsWith("/")) result += "/";
  return result;
}

function containsParentReference(path: string): boolean {
  return path === ".." || path.startsWith("../") || path.endsWith("/..") || path.includes("/../");
}

/**
 * Maps an input to its virtual name as protoc's MakeProtoProtoPathRelative does: a path that exists on disk
 * becomes relative to the first include dir containing it; otherwise the input must be a virtual name found
 * on the include path (or a well-known file).
 */
function toVirtual(
  input: string,
  includeDirs: string[],
  read: (path: string) => Uint8Array | undefined,
  errors: Diagnostic[],
): string | undefined {
  const existsAsVirtual = (): boolean =>
    includeDirs.some((dir) => read(join(dir, input)) !== undefined) || wellKnownFiles.some((f) => f.name === input);
  if (read(input) === undefined) {
    if (existsAsVirtual()) return input;
    errors.push({ file: "", message: `Could not make proto path relative: ${input}: No such file or directory` });
    return undefined;
  }
  const abs = resolve(input);
  for (const dir of includeDirs) {
    const rel = relative(resolve(dir), abs);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) continue;
    const virtual = rel.split(sep).join("/");
    // protoc rejects an input that an earlier include dir shadows.
    for (const earlier of includeDirs) {
      if (earlier === dir) break;
      if (read(join(earlier, virtual)) !== undefined) {
        errors.push({
          file: input,
          message: `Input is shadowed in the --proto_path by "${normalize(join(earlier, virtual))}".  Either use the latter file as your input or reorder the --proto_path so that the former file's location comes first.`,
        });
        return undefined;
      }
    }
    return virtual;
  }
  if (existsAsVirtual()) return input;
  errors.push({
    file: input,
    message:
      "File does not reside within any path specified using --proto_path (or -I).  You must specify a --proto_path which encompasses this file.  Note that the proto_path must be an exact prefix of the .proto file names -- protoc is too dumb to figure out when two paths (e.g. absolute and relative) are equivalent (it's harder than you think).",
  });
  return undefined;
}

/** Options for {@link toDescriptorSet}, named after protoc's flags. */
export interface DescriptorSetOptions {
  /** `--include_imports`: also every transitive import, dependencies first. */
  includeImports?: boolean;
  /** `--include_source_info`: keep `source_code_info`. */
  includeSourceInfo?: boolean;
}

/** The `FileDescriptorSet` protoc's `--descriptor_set_out` writes for a successful compile. */
export function toDescriptorSet(result: CompileResult, options: DescriptorSetOptions = {}): FileDescriptorSet {
  const out: FileDescriptorProto[] = [];
  const seen = new Set<string>();
  const inputs = new Set(result.inputNames);
  if (!options.includeImports) {
    for (const name of result.inputNames) {
      for (const dep of result.all.get(name)?.dependency ?? []) if (!inputs.has(dep)) seen.add(dep);
    }
  }
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const f = result.all.get(name);
    if (!f) return;
    for (const d of f.dependency) visit(d);
    if (options.includeSourceInfo || f.sourceCodeInfo === undefined) out.push(f);
    else {
      const { sourceCodeInfo: _omit, ...rest } = f;
      out.push(rest as FileDescriptorProto);
    }
  };
  for (const name of result.inputNames) visit(name);
  return { file: out };
}
