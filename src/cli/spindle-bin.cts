#!/usr/bin/env node
/** The `spindle` bin: the CLI of main.ts, run from its bundle through a code cache (see run-bundled.cts). */
import type { BinModule } from "./run-bundled.cjs";
import { runBin } from "./run-bundled.cjs";

/**
 * Commands that run unbundled: `conformance-testee --generated` imports freshly generated ES modules, which a
 * bundle run by vm.Script can't. A test harness's start-up time doesn't matter.
 */
const unbundledCommands = new Set(["conformance-testee"]);

runBin(
  "spindle",
  () => import("./main.js") as Promise<BinModule>,
  (argv) => !unbundledCommands.has(argv.find((a) => !a.startsWith("-")) ?? ""),
);
