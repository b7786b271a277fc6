/**
 * `spindle compile`: protoc's descriptor-set mode, without protoc.
 *
 * ```
 * spindle compile -I protos --descriptor_set_out=out.pb [--include_imports] [--include_source_info] shop/v1/shop.proto
 * ```
 *
 * Flags are protoc's (`-I`/`--proto_path`, `-o`/`--descriptor_set_out`, `--include_imports`,
 * `--include_source_info`), the output is byte-identical to `protoc --descriptor_set_out`, and errors are
 * printed as protoc prints them (`file:line:col: message`) with exit code 1.
 */
import { writeFileSync } from "node:fs";
import { compile, formatDiagnostic, toDescriptorSet } from "../compiler/index.js";
import { toBinary, wellKnownRegistry } from "../protobuf/index.js";

const usage = `Usage: spindle compile [OPTION] PROTO_FILES
  -IPATH, --proto_path=PATH   Directory in which to search for imports (may be repeated;
                              default: the current directory).
  -oFILE, --descriptor_set_out=FILE
                              Write a FileDescriptorSet (protocol buffer, binary) of the inputs.
  --include_imports           Also include all dependencies of the inputs in the set.
  --include_source_info       Keep SourceCodeInfo (locations and comments) in the set.
`;

interface Flags {
  includeDirs: string[];
  out: string | undefined;
  includeImports: boolean;
  includeSourceInfo: boolean;
  inputs: string[];
}

/** Parses protoc-style arguments; returns an error message for bad ones. */
export function parseCompileArgs(argv: string[]): Flags | string {
  const flags: Flags = { includeDirs: [], out: undefined, includeImports: false, includeSourceInfo: false, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // protoc's value flags: "-IDIR", "-I DIR", "--proto_path=DIR", "--proto_path DIR" (same for -o).
    let name: "include" | "out" | undefined;
    let inline: string | undefined;
    if (arg.startsWith("-I")) [name, inline] = ["include", arg.length > 2 ? arg.slice(2) : undefined];
    else if (arg.startsWith("-o")) [name, inline] = ["out", arg.length > 2 ? arg.slice(2) : undefined];
    else if (arg === "--proto_path" || arg.startsWith("--proto_path=")) [name, inline] = ["include", valueAfterEquals(arg)];
    else if (arg === "--descriptor_set_out" || arg.startsWith("--descriptor_set_out=")) {
      [name, inline] = ["out", valueAfterEquals(arg)];
    }
    if (name !== undefined) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") return `Missing value for flag: ${arg}`;
      if (name === "include") flags.includeDirs.push(...value.split(":").filter((d) => d !== ""));
      else if (flags.out !== undefined) return `${arg} may only be passed once.`;
      else flags.out = value;
    } else if (arg === "--include_imports") flags.includeImports = true;
    else if (arg === "--include_source_info") flags.includeSourceInfo = true;
    else if (arg.startsWith("-")) return `Unknown flag: ${arg}`;
    else flags.inputs.push(arg);
  }
  return flags;
}

function valueAfterEquals(arg: string): string | undefined {
  const eq = arg.indexOf("=");
  return eq < 0 ? undefined : arg.slice(eq + 1);
}

/** Runs the command; returns the exit code (0 on success, 1 on any error, as protoc). */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(usage);
    return 0;
  }
  const flags = parseCompileArgs(argv);
  if (typeof flags === "string") {
    process.stderr.write(flags + "\n");
    return 1;
  }
  if (flags.inputs.length === 0) {
    process.stderr.write("Missing input file.\n");
    return 1;
  }
  if (flags.out === undefined) {
    process.stderr.write("Missing output directives.\n");
    return 1;
  }
  const result = compile(flags.inputs, { includeDirs: flags.includeDirs });
  if (result.warnings.length > 0) process.stderr.write(result.warnings.map(formatDiagnostic).join("\n") + "\n");
  if (result.errors.length > 0) {
    process.stderr.write(result.errors.map(formatDiagnostic).join("\n") + "\n");
    return 1;
  }
  const set = toDescriptorSet(result, {
    includeImports: flags.includeImports,
    includeSourceInfo: flags.includeSourceInfo,
  });
  const bytes = toBinary(wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!, set);
  try {
    writeFileSync(flags.out, bytes);
  } catch (e) {
    process.stderr.write(`${flags.out}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "No such file or directory" : (e as Error).message}\n`);
    return 1;
  }
  return 0;
}
