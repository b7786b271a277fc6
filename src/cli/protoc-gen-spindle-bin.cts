#!/usr/bin/env node
/**
 * The `protoc-gen-spindle` bin: the protoc/buf plugin of protoc-gen-spindle.ts, run from its bundle through a
 * code cache (see run-bundled.cts), since protoc starts the plugin afresh for every run.
 */
import type { BinModule } from "./run-bundled.cjs";
import { runBin } from "./run-bundled.cjs";

runBin("protoc-gen-spindle", () => import("./protoc-gen-spindle.js") as Promise<BinModule>);
