// Combines the `--json` files of several bench/rpc runs: for every case, contender and metric, the median
// of the runs' medians, with the issue-6 targets re-checked on those (the table bench/README.md shows).
//   node dist/bench/rpc/merge-runs.js run1.json run2.json …
import { readFileSync } from "node:fs";
import type { CaseResult, TargetCheck } from "./cases.js";
import { markdownTable, median } from "./stats.js";
import { printCase, printTargets } from "./report.js";

interface RunFile {
  date: string;
  loadavg: number[];
  results: CaseResult[];
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error("usage: merge-runs RUN.json…");
  const runs = files.map((f) => JSON.parse(readFileSync(f, "utf8")) as RunFile);
  console.log(`## bench/rpc: medians of ${runs.length} runs (${runs.map((r) => `${r.date}, load ${r.loadavg.map((l) => l.toFixed(1)).join(" ")}`).join("; ")})`);
  const merged: CaseResult[] = [];
  for (const first of runs[0]!.results) {
    const all = runs.map((r) => r.results.find((c) => c.name === first.name)).filter((c): c is CaseResult => c !== undefined);
    const rows = first.rows.map((row) => ({
      contender: row.contender,
      metrics: Object.fromEntries(first.metrics.map((m) => [m, median(all.map((c) => c.rows.find((r) => r.contender === row.contender)?.metrics[m] ?? NaN).filter(Number.isFinite))])),
    }));
    const targets: TargetCheck[] = first.targets.map((t, i) => {
      const value = median(all.map((c) => c.targets[i]!.value));
      const cpuValues = all.map((c) => c.targets[i]!.cpuValue).filter((v): v is number => v !== undefined);
      const cpuValue = cpuValues.length > 0 ? median(cpuValues) : undefined;
      const meets = (v: number): boolean => (t.kind === "min" ? v >= t.bound : v <= t.bound);
      return { ...t, value, cpuValue, ok: meets(value), cpuOk: cpuValue === undefined ? undefined : meets(cpuValue) };
    });
    const result: CaseResult = { ...first, rows, targets };
    merged.push(result);
    printCase(result);
  }
  printTargets(merged);
  // The spread: each run's own ratios, so a reader can tell a clear miss from noise.
  console.log("\n### Per-run ratios (wall-clock / per CPU-s)\n");
  const rows = merged.flatMap((c) =>
    c.targets.map((t, i) => [
      c.name,
      t.what,
      runs
        .map((r) => r.results.find((x) => x.name === c.name)?.targets[i])
        .map((x) => (x === undefined ? "-" : `${x.value.toFixed(2)}${x.cpuValue === undefined ? "" : ` / ${x.cpuValue.toFixed(2)}`}`))
        .join(", "),
    ]),
  );
  console.log(markdownTable(["case", "measure", `runs 1-${runs.length}`], rows));
}

main();
