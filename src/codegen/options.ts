/**
 * Generator options: one object for the API, and the `key=value,…` string that `spindle gen --opt` and
 * protoc's `--spindle_opt` pass (the same parser for both, so both write the same files).
 */

/** What {@link generateFiles} accepts. */
export interface GenerateOptions {
  /**
   * How 64-bit integer fields without a `jstype` are represented: `bigint` (default), decimal `string`, or
   * `number` (precision is lost above 2^53). Fields with `jstype = JS_STRING / JS_NUMBER` keep theirs.
   */
  long?: "bigint" | "string" | "number";
  /** The extension written on relative imports: `.js` (default, for ESM under NodeNext) or `""` (bundlers). */
  importExtension?: ".js" | "";
  /** Only types and enums: no codecs, descriptors or services, and no runtime import. */
  typesOnly?: boolean;
  /**
   * The module generated code imports its runtime from (default `spindle/runtime/v1`). A specifier starting
   * with `.` is relative to the output directory and rewritten for each file.
   */
  runtimeImport?: string;
  /**
   * Import the well-known types (google/protobuf/*.proto) from the runtime module, which ships them
   * (default `true`). `false` treats them like any other file (used to generate the runtime's own copy).
   */
  wellKnownFromRuntime?: boolean;
}

/** The options with defaults applied. */
export type ResolvedOptions = Required<GenerateOptions>;

/** Applies defaults. */
export function resolveOptions(options: GenerateOptions = {}): ResolvedOptions {
  return {
    long: options.long ?? "bigint",
    importExtension: options.importExtension ?? ".js",
    typesOnly: options.typesOnly ?? false,
    runtimeImport: options.runtimeImport ?? "spindle/runtime/v1",
    wellKnownFromRuntime: options.wellKnownFromRuntime ?? true,
  };
}

/**
 * Parses `long=string,import_extension=none,types_only` (protoc's parameter string). Throws an Error naming
 * the bad key or value.
 */
export function parseOptions(parameter: string): GenerateOptions {
  const out: GenerateOptions = {};
  for (const raw of parameter.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    const key = eq < 0 ? item : item.slice(0, eq).trim();
    const value = eq < 0 ? undefined : item.slice(eq + 1).trim();
    switch (key) {
      case "long":
        if (value !== "bigint" && value !== "string" && value !== "number") {
          throw new Error(`option long: expected bigint, string or number, got ${JSON.stringify(value ?? "")}`);
        }
        out.long = value;
        break;
      case "import_extension":
        if (value === ".js" || value === "js") out.importExtension = ".js";
        else if (value === "none" || value === "") out.importExtension = "";
        else throw new Error(`option import_extension: expected .js or none, got ${JSON.stringify(value ?? "")}`);
        break;
      case "types_only":
        if (value !== undefined && value !== "true" && value !== "false") {
          throw new Error(`option types_only: expected true or false, got ${JSON.stringify(value)}`);
        }
        out.typesOnly = value !== "false";
        break;
      case "runtime_import":
        if (!value) throw new Error("option runtime_import: expected a module specifier");
        out.runtimeImport = value;
        break;
      case "well_known_from_runtime":
        if (value !== "true" && value !== "false") throw new Error(`option well_known_from_runtime: expected true or false`);
        out.wellKnownFromRuntime = value === "true";
        break;
      default:
        throw new Error(
          `unknown option ${JSON.stringify(key)} (known: long, import_extension, types_only, runtime_import, well_known_from_runtime)`,
        );
    }
  }
  return out;
}
