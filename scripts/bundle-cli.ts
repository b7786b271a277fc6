/**
 * Bundles each bin (`spindle`, `protoc-gen-spindle`) into one CommonJS file under dist/bundle/ and primes its
 * V8 code cache. Run after `tsc` (`npm run build` does both).
 *
 * Why: a cold `spindle compile` spent most of its time in Node's ES module loader (resolving, reading and
 * compiling ~60 files) and in compiling functions on first call. One file removes the resolution and the
 * per-module work; the code cache (src/cli/run-bundled.cts; primed here by running each bin on real input)
 * removes most of the parsing and first-call compilation. See bench/compile.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { compile, createCodeGeneratorRequest, encodeCodeGeneratorRequest } from "../src/compiler/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(root, "dist", "src", "cli");
const outDir = join(root, "dist", "bundle");
const shopDir = join(root, "examples", "shop");

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

await bundle("spindle", "main.js");
await bundle("protoc-gen-spindle", "protoc-gen-spindle.js");

const out = join(outDir, "prime.pb");
prime("spindle-bin.cjs", ["compile", "-I", shopDir, `--descriptor_set_out=${out}`, "--include_imports", "--include_source_info", "shop.proto"]);
rmSync(out, { force: true });
const shop = compile(["shop.proto"], { includeDirs: [shopDir] });
prime("protoc-gen-spindle-bin.cjs", [], encodeCodeGeneratorRequest(createCodeGeneratorRequest(shop)));
