/**
 * `spindle gen`: TypeScript modules from `.proto` files.
 *
 * ```
 * spindle gen -I protos --out src/gen shop/v1/shop.proto [--opt long=string,import_extension=none] [--types_only]
 * ```
 *
 * Options are the same `key=value` list `protoc --spindle_opt` takes (see src/codegen/options.ts), so both
 * write the same files. Descriptors come from Spindle's own compiler: no protoc needed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateFiles, parseOptions, runtimeWellKnownFiles, type GenerateOptions, type OutputFile } from "../codegen/index.js";
import { compile, formatDiagnostic, toDescriptorSet } from "../compiler/index.js";
import { createRegistry, type DescFile, type FileDescriptorSet } from "../protobuf/index.js";

const usage = `usage: spindle gen [-I DIR]... --out DIR [--opt k=v,...] [--long bigint|string|number]
                  [--import_extension .js|none] [--types_only] FILE.proto...`;

/** What {@link generate} needs: include directories, input files, and generator options. */
export interface GenRequest {
  /** Directories imports are resolved against (protoc's `-I`); defaults to the current directory. */
  includes: readonly string[];
  /** `.proto` files, as paths on disk (inside one of the include directories) or relative to one. */
  inputs: readonly string[];
  options: GenerateOptions;
}

/**
 * Compiles the inputs and generates their modules (without writing them). Throws an Error with the
 * compiler's diagnostics when the inputs do not compile.
 */
export function generate(request: GenRequest): OutputFile[] {
  const includes = request.includes.length > 0 ? request.includes : ["."];
  const names = request.inputs.map((input) => protoName(input, includes));
  const registry = createRegistry(compileProtos(includes, names));
  const files = names.map((n): DescFile => {
    const f = registry.getFile(n);
    if (f === undefined) throw new Error(`${n}: not found in the compiled descriptors`);
    return f;
  });
  return generateFiles(files, request.options);
}

/** The import path of `input` (relative to the include directory containing it), as protoc names files. */
function protoName(input: string, includes: readonly string[]): string {
  const abs = resolve(input);
  for (const dir of includes) {
    const rel = relative(resolve(dir), abs);
    if (!rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  }
  // Not under an include directory: take it as already relative to one.
  return input.split(sep).join("/");
}

/** Compiles with Spindle's compiler (no protoc needed); throws an Error listing every diagnostic. */
function compileProtos(includes: readonly string[], names: readonly string[]): FileDescriptorSet {
  const result = compile([...names], { includeDirs: [...includes] });
  if (result.errors.length > 0) throw new Error(result.errors.map(formatDiagnostic).join("\n"));
  return toDescriptorSet(result, { includeImports: true, includeSourceInfo: true });
}

/** Writes generated files under `outDir`, creating directories. */
export function writeOutput(outDir: string, files: readonly OutputFile[]): void {
  for (const f of files) {
    const path = join(outDir, f.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
}

/** A generated message type as loaded at run time (the `MessageType` of spindle/runtime/v1, untyped). */
export interface LoadedMessageType {
  readonly typeName: string;
  encode(message: object): Uint8Array;
  decode(bytes: Uint8Array): object;
  toJsonString(message: object, options?: object): string;
  fromJsonString(text: string, options?: object): object;
}

/**
 * Generates TypeScript for every file of a serialized `FileDescriptorSet` (the well-known files come from the
 * runtime), transpiles it with the `typescript` package into a temporary directory, imports it, and returns
 * the generated message types by full name. Used by `spindle conformance-testee --generated` to run the same
 * requests through generated code, and by tests of the generator options. Throws an Error when `typescript`
 * is not installed.
 */
export async function loadGeneratedTypes(descriptorSet: Uint8Array, options: GenerateOptions = {}): Promise<Map<string, LoadedMessageType>> {
  let ts: typeof import("typescript");
  try {
    // require, not import(): the bundled bin (scripts/bundle.ts) runs where import() of a package can't.
    ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");
  } catch {
    throw new Error("loading generated code needs the typescript package (npm install --save-dev typescript)");
  }
  const registry = createRegistry(descriptorSet);
  const files = registry.files.filter((f) => !runtimeWellKnownFiles.has(f.name) && f.name !== "google/protobuf/descriptor.proto");
  // The compiled runtime beside this file (dist), or its source when running under tsx.
  const compiled = new URL("../runtime/v1/index.js", import.meta.url);
  const runtime = existsSync(fileURLToPath(compiled)) ? compiled.href : new URL("../runtime/v1/index.ts", import.meta.url).href;
  const generated = generateFiles(files, { ...options, runtimeImport: runtime });
  const dir = mkdtempSync(join(tmpdir(), "spindle-generated-"));
  const types = new Map<string, LoadedMessageType>();
  try {
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    for (const f of generated) {
      const js = ts.transpileModule(f.content, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      }).outputText;
      const path = join(dir, f.name.replace(/\.ts$/, ".js"));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, js);
    }
    for (const f of generated) {
      const mod = (await import(pathToFileURL(join(dir, f.name.replace(/\.ts$/, ".js"))).href)) as Record<string, unknown>;
      for (const value of Object.values(mod)) {
        if (typeof value === "object" && value !== null && "encodeTo" in value && "typeName" in value) {
          const t = value as unknown as LoadedMessageType;
          types.set(t.typeName, t);
        }
      }
    }
  } finally {
    // The modules are loaded; the files are not needed any more.
    rmSync(dir, { recursive: true, force: true });
  }
  return types;
}

/** The `spindle gen` subcommand; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        include: { type: "string", short: "I", multiple: true },
        out: { type: "string", short: "o" },
        opt: { type: "string", multiple: true },
        long: { type: "string" },
        import_extension: { type: "string" },
        types_only: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    process.stderr.write(`spindle gen: ${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  const inputs = parsed.positionals.filter((p) => p.endsWith(".proto"));
  const extra = parsed.positionals.filter((p) => !p.endsWith(".proto"));
  if (v.out === undefined || inputs.length === 0) {
    process.stderr.write(`spindle gen: ${v.out === undefined ? "--out DIR is required" : "no .proto inputs"}\n${usage}\n`);
    return 2;
  }
  let options: GenerateOptions;
  try {
    const list = [...(v.opt ?? []), ...extra];
    if (v.long !== undefined) list.push(`long=${v.long}`);
    if (v.import_extension !== undefined) list.push(`import_extension=${v.import_extension}`);
    if (v.types_only) list.push("types_only");
    options = parseOptions(list.join(","));
  } catch (e) {
    process.stderr.write(`spindle gen: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const files = generate({ includes: v.include ?? [], inputs, options });
    writeOutput(v.out, files);
    process.stderr.write(`spindle gen: wrote ${files.length} file(s) to ${v.out}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
