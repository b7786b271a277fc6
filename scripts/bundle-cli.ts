/**
 * Bundles the `spindle` command into one CommonJS file, dist/bundle/spindle.cjs, and primes its V8 code
 * cache. Run after `tsc` (`npm run build` does both).
 *
 * Why: a cold `spindle compile` spent most of its time in Node's ES module loader (resolving, reading and
 * compiling ~60 files) and in compiling functions on first call. One file removes the resolution and the
 * per-module work; the code cache (written by src/cli/spindle-bin.cts beside the bundle, primed here by
 * running a real compile) removes most of the parsing and first-call compilation. See bench/compile.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const outfile = join(root, "dist", "bundle", "spindle.cjs");

await build({
  entryPoints: [join(root, "dist", "src", "cli", "main.js")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // The bin runs the bundle through vm.Script, where Node 20 allows no import(): esbuild turns each
  // import() into a require (our own modules are in the bundle; node: builtins and packages are CommonJS-safe).
  supported: { "dynamic-import": false },
  // Packages (typescript for `spindle gen --check`, the optional OpenTelemetry API) stay where npm put them.
  packages: "external",
  // The CLI's modules find files beside themselves (the runtime for generated code, package.json) through
  // import.meta.url; in the bundle it stands for the unbundled entry, dist/src/cli/main.js, which ships too.
  define: { "import.meta.url": "__spindleEntryUrl" },
  banner: { js: 'var __spindleEntryUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "src", "cli", "main.js")).href;' },
  logLevel: "warning",
});

// Prime the code cache with a compile that touches the parser, linker, options and descriptor encoding.
const bin = join(root, "dist", "src", "cli", "spindle-bin.cjs");
for (const cache of [`${outfile}.cache`]) rmSync(cache, { force: true });
const out = join(root, "dist", "bundle", "prime.pb");
const primed = spawnSync(
  process.execPath,
  [bin, "compile", "-I", join(root, "examples", "shop"), `--descriptor_set_out=${out}`, "--include_imports", "--include_source_info", "shop.proto"],
  { stdio: "inherit" },
);
rmSync(out, { force: true });
if (primed.status !== 0) throw new Error(`priming the CLI's code cache failed (exit ${primed.status})`);
