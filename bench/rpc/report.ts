// The printed report: one markdown table per case, then the targets table.
import type { CaseResult } from "./cases.js";
import { formatNumber, formatRatio, markdownTable } from "./stats.js";

const ANCHORS = ["raw", "grpc-js", "connect"];

/** Prints a case's table: medians per contender and Spindle's ratios to the anchors (headline metric). */
export function printCase(result: CaseResult): void {
  const header = ["contender", ...result.metrics];
  const spindle = result.rows.find((r) => r.contender === "spindle");
  const headline = result.metrics[0]!;
  const anchors = result.hasRatios === false ? [] : ANCHORS.filter((a) => result.rows.some((r) => r.contender === a));
  for (const a of anchors) header.push(`Spindle / ${a}`);
  const rows = result.rows.map((r) => {
    const cells = [r.contender, ...result.metrics.map((m) => formatNumber(r.metrics[m] ?? NaN))];
    for (const a of anchors) {
      const anchor = result.rows.find((x) => x.contender === a);
      cells.push(r.contender === "spindle" && spindle !== undefined && anchor !== undefined ? formatRatio(spindle.metrics[headline]! / anchor.metrics[headline]!) : "");
    }
    return cells;
  });
  console.log(`\n### ${result.name}\n`);
  console.log(markdownTable(header, rows));
  for (const n of result.notes) console.log(`\n${n}`);
}

/** Prints the issue-6 targets with wall-clock and CPU-normalized verdicts. */
export function printTargets(results: CaseResult[]): void {
  const verdict = (ok: boolean | undefined): string => (ok === undefined ? "" : ok ? "met" : "MISSED");
  const rows = results.flatMap((r) =>
    r.targets.map((t) => {
      const isMb = t.what.includes("MB");
      const show = (v: number | undefined): string => (v === undefined ? "" : isMb ? formatNumber(v) : formatRatio(v));
      return [t.caseName, t.what, `${t.kind === "min" ? "≥" : "≤"} ${isMb ? t.bound : formatRatio(t.bound)}`, show(t.value), verdict(t.ok), show(t.cpuValue), verdict(t.cpuOk)];
    }),
  );
  console.log("\n### Targets (issue 6)\n");
  console.log(markdownTable(["case", "measure", "target", "wall-clock", "verdict", "per CPU-s", "verdict"], rows));
}
