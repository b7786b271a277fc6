/**
 * Runs a bin from its bundle (dist/bundle/NAME.cjs, written by scripts/bundle.ts) through a V8 code cache
 * kept beside it, because a cold start is mostly Node loading and compiling our code: one file and cached
 * bytecode make `spindle compile` start about twice as fast (bench/compile). Without the bundle (a checkout
 * built with plain `tsc`) the bin runs its unbundled ES module instead.
 *
 * The cache is V8's own format: V8 rejects it when Node, V8 flags or the bundle change, and then it is
 * rewritten after the run. Failing to write it (a read-only install) only costs speed.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/** What a bin's entry module exports: its whole program, returning the exit code. */
export interface BinModule {
  main(argv: string[]): Promise<number>;
}

/** Where the bundle of bin `name` lives (dist/bundle/, two levels above this file's dist/src/cli/). */
export function bundlePath(name: string): string {
  return join(__dirname, "..", "..", "bundle", `${name}.cjs`);
}

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

/**
 * Loads a bundle as CommonJS through `vm.Script`, the one loader that takes a code cache on Node 20. Code
 * run this way can't import() (Node 20 wants --experimental-vm-modules for that), so the bundles are built
 * with every import() turned into a require.
 */
function loadBundle(bundle: string): { module: BinModule; saveCache: () => void } {
  const cacheFile = `${bundle}.cache`;
  const cachedData = readCache(cacheFile);
  // The entry's "#!" line survives bundling but is not valid inside a function: keep it as a comment.
  const source = readFileSync(bundle, "utf8").replace(/^#!/, "//");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} as BinModule };
  const wrapper = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
  wrapper(module.exports, require, module, bundle, dirname(bundle));
  return {
    module: module.exports,
    // After the run, so the functions compiled on first call are in the cache too.
    saveCache: () => {
      if (cachedData === undefined || script.cachedDataRejected === true) writeCache(cacheFile, script.createCachedData());
    },
  };
}

/**
 * Runs bin `name` with the process's arguments and sets the exit code: from the bundle when there is one
 * and `useBundle` allows it, otherwise from `unbundled()`.
 */
export function runBin(name: string, unbundled: () => Promise<BinModule>, useBundle: (argv: string[]) => boolean = () => true): void {
  const argv = process.argv.slice(2);
  const bundle = bundlePath(name);
  const run = async (): Promise<number> => {
    if (!existsSync(bundle) || !useBundle(argv)) return (await unbundled()).main(argv);
    const { module, saveCache } = loadBundle(bundle);
    const code = await module.main(argv);
    saveCache();
    return code;
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
