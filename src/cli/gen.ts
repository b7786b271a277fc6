/**
 * `spindle gen`: TypeScript modules from `.proto` files.
 *
 * ```
 * spindle gen -I protos --out src/gen shop/v1/shop.proto [--opt long=string,import_extension=none] [--types_only]
 * ```
 *
 * Options are the same `key=value` list `protoc --spindle_opt` takes (see src/codegen/options.ts), so both
 * write the same files. Descriptors come from Spindle's compiler when it is available, else from `protoc`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { generateFiles, parseOptions, type GenerateOptions, type OutputFile } from "../codegen/index.js";
import { createRegistry, type DescFile } from "../protobuf/index.js";

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
  const bytes = compileWithProtoc(includes, names);
  const registry = createRegistry(bytes);
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

function compileWithProtoc(includes: readonly string[], names: readonly string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "spindle-gen-"));
  const out = join(dir, "set.binpb");
  try {
    execFileSync("protoc", [...includes.map((i) => `-I${i}`), "--include_imports", "--include_source_info", `--descriptor_set_out=${out}`, ...names], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    return readFileSync(out);
  } catch (e) {
    const err = e as { stderr?: Buffer; code?: string };
    if (err.code === "ENOENT") throw new Error("spindle gen: protoc not found (install protobuf-compiler)");
    throw new Error(String(err.stderr ?? e).trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes generated files under `outDir`, creating directories. */
export function writeOutput(outDir: string, files: readonly OutputFile[]): void {
  for (const f of files) {
    const path = join(outDir, f.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
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
