#!/usr/bin/env node
/**
 * The `spindle` bin. It runs the bundled CLI (dist/bundle/spindle.cjs, written by scripts/bundle-cli.ts)
 * through a V8 code cache kept beside it, because a cold start is mostly Node loading and compiling our
 * code: one file and cached bytecode make `spindle compile` start about twice as fast (bench/compile).
 * Without the bundle (a checkout built with plain `tsc`) it runs the unbundled ES modules instead.
 *
 * The cache is V8's own format: V8 rejects it when Node, V8 flags or the bundle change, and then this
 * rewrites it after the run. Failing to write it (a read-only install) only costs speed.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import type * as Main from "./main.js";


const bundle = join(__dirname, "..", "..", "bundle", "spindle.cjs");

/**
 * Commands that run unbundled: `conformance-testee --generated` imports freshly generated ES modules, and
 * code run by vm.Script can't import() on Node 20 (without --experimental-vm-modules). A test harness's
 * start-up time doesn't matter.
 */
const unbundledCommands = new Set(["conformance-testee"]);

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache through a temporary file, so a concurrent run never reads half of one. */
function writeCache(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // Read-only or full: the next run compiles from source again.
  }
}

/** Loads the bundle as CommonJS through `vm.Script`, the one loader that takes a code cache on Node 20. */
function loadBundle(): { main: typeof Main.main; saveCache: () => void } {
  const cacheFile = `${bundle}.cache`;
  const cachedData = readCache(cacheFile);
  // The entry's "#!" line survives bundling but is not valid inside a function: keep it as a comment.
  const source = readFileSync(bundle, "utf8").replace(/^#!/, "//");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} as typeof Main };
  const wrapper = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
  wrapper(module.exports, require, module, bundle, dirname(bundle));
  return {
    main: module.exports.main,
    // After the run, so the functions compiled on first call are in the cache too.
    saveCache: () => {
      if (cachedData === undefined || script.cachedDataRejected === true) writeCache(cacheFile, script.createCachedData());
    },
  };
}

async function run(): Promise<number> {
  const argv = process.argv.slice(2);
  if (!existsSync(bundle) || unbundledCommands.has(argv.find((a) => !a.startsWith("-")) ?? "")) {
    const { main } = (await import("./main.js")) as typeof Main;
    return main(argv);
  }
  const { main, saveCache } = loadBundle();
  const code = await main(argv);
  saveCache();
  return code;
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`spindle: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
