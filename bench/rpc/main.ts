// bench/rpc: Spindle's gRPC server and client beside @grpc/grpc-js, Connect and raw node:http2, in one run
// (issue 6). Servers run pinned to core 0, load generators and clients to core 1.
//   npm run build && npm run bench:rpc                  # every case, 3 rounds, medians
//   npm run bench:rpc -- unary-server                   # cases whose name matches the regex
//   npm run bench:rpc -- --quick                        # a smoke run (1 round, short windows)
//   npm run bench:rpc -- --rounds 5 --duration 3 --json out.json --cpu-prof /tmp/prof
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { CASES, type CaseResult, type RunOptions } from "./cases.js";
import { childNodeFlags } from "./processes.js";
import { printCase, printTargets } from "./report.js";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      rounds: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      json: { type: "string" },
      "cpu-prof": { type: "string" },
      list: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.list) {
    for (const c of CASES) console.log(c.name);
    return;
  }
  const filter = new RegExp(positionals[0] ?? ".");
  const selected = CASES.filter((c) => filter.test(c.name));
  if (selected.length === 0) throw new Error(`no case matches /${filter.source}/; cases: ${CASES.map((c) => c.name).join(", ")}`);
  const positive = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${text}`);
    return n;
  };
  const options: RunOptions = {
    rounds: positive("rounds", values.rounds, values.quick ? 1 : 3),
    durationS: positive("duration", values.duration, values.quick ? 1 : 3),
    warmupS: positive("warmup", values.warmup, 1),
    coldStartTrials: values.quick ? 2 : 7,
  };
  if (values["cpu-prof"] !== undefined) {
    mkdirSync(values["cpu-prof"], { recursive: true });
    childNodeFlags.push("--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`);
  }
  if (availableParallelism() < 2) console.warn("warning: fewer than 2 CPUs; server and load generator share a core");
  console.log(`## bench/rpc (${new Date().toISOString()}, node ${process.version}, ${cpus()[0]?.model ?? "cpu"} x${cpus().length}, load ${loadavg().map((l) => l.toFixed(1)).join(" ")})`);
  console.log(`rounds ${options.rounds}, warm-up ${options.warmupS} s, window ${options.durationS} s; servers on core 0, load on core 1; medians`);
  const results: CaseResult[] = [];
  for (const c of selected) {
    const started = performance.now();
    const result = await c.run(options);
    results.push(result);
    printCase(result);
    console.log(`\n(${c.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  printTargets(results);
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), options, loadavg: loadavg(), results }, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
