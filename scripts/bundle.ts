/**
 * Bundles what the package ships, after `tsc` (`npm run build` does both):
 *
 * - the library: every subpath export of package.json, as ES modules under dist/bundle/lib/ that share
 *   chunks (so each class exists once however many subpaths a program imports);
 * - each bin (`spindle`, `protoc-gen-spindle`): one CommonJS file under dist/bundle/, with its V8 code cache
 *   primed by running the bin on real input (src/cli/run-bundled.cts reads and refreshes it).
 *
 * Why: start-up was mostly Node's ES module loader resolving, reading and compiling our ~100 small files
 * (a server with loadProto imported them in ~120 ms of CPU, ~45 ms bundled; a cold `spindle compile` took
 * twice as long unbundled). See bench/compile and bench/rpc's cold start.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { compile, createCodeGeneratorRequest, encodeCodeGeneratorRequest } from "../src/compiler/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(root, "dist", "src", "cli");
const outDir = join(root, "dist", "bundle");
const shopDir = join(root, "examples", "shop");
const libDir = join(outDir, "lib");
const libPrefix = "./dist/bundle/lib/";

/**
 * The library's entry points, from package.json's exports: each export's file under dist/bundle/lib/ is the
 * bundle of the same path under dist/src/ (test/package-exports.test.ts checks they export the same names).
 */
function libraryEntries(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, string | { default?: string }> };
  return Object.values(pkg.exports).flatMap((target) => {
    const file = typeof target === "string" ? target : target.default;
    return file?.startsWith(libPrefix) ? [join(root, "dist", "src", file.slice(libPrefix.length))] : [];
  });
}

async function bundleLibrary(): Promise<void> {
  rmSync(libDir, { recursive: true, force: true });
  await build({
    entryPoints: libraryEntries(),
    outdir: libDir,
    outbase: join(root, "dist", "src"),
    entryNames: "[dir]/[name]",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Peers and dependencies (the optional OpenTelemetry API) resolve from the user's node_modules.
    packages: "external",
    logLevel: "warning",
  });
}

/** Bundles `entry` (a module of dist/src/cli exporting `main`) as dist/bundle/NAME.cjs. */
async function bundle(name: string, entry: string): Promise<void> {
  const outfile = join(outDir, `${name}.cjs`);
  rmSync(`${outfile}.cache`, { force: true });
  await build({
    entryPoints: [join(cli, entry)],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // The bins run bundles through vm.Script, where Node 20 allows no import(): esbuild turns each import()
    // into a require (our own modules are in the bundle; node: builtins and packages are CommonJS-safe).
    supported: { "dynamic-import": false },
    // Packages (typescript for `spindle gen --check`, the optional OpenTelemetry API) stay where npm put them.
    packages: "external",
    // Our modules find files beside themselves (the runtime for generated code, package.json) through
    // import.meta.url; in a bundle it stands for the unbundled entry in dist/src/cli, which ships too.
    define: { "import.meta.url": "__spindleEntryUrl" },
    banner: {
      js: `var __spindleEntryUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "src", "cli", ${JSON.stringify(entry)})).href;`,
    },
    logLevel: "warning",
  });
}

/** Runs a bin once on real input, which writes its code cache with the functions that input compiled. */
function prime(bin: string, args: string[], input?: Uint8Array): void {
  const p = spawnSync(process.execPath, [join(cli, bin), ...args], { input, stdio: [input ? "pipe" : "ignore", "ignore", "inherit"] });
  if (p.status !== 0) throw new Error(`priming ${bin}'s code cache failed (exit ${p.status})`);
}

await bundleLibrary();
await bundle("spindle", "main.js");
await bundle("protoc-gen-spindle", "protoc-gen-spindle.js");

const out = join(outDir, "prime.pb");
prime("spindle-bin.cjs", ["compile", "-I", shopDir, `--descriptor_set_out=${out}`, "--include_imports", "--include_source_info", "shop.proto"]);
rmSync(out, { force: true });
const shop = compile(["shop.proto"], { includeDirs: [shopDir] });
prime("protoc-gen-spindle-bin.cjs", [], encodeCodeGeneratorRequest(createCodeGeneratorRequest(shop)));
