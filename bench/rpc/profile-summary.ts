// Summarizes V8 CPU profiles (`node --cpu-prof`, or `npm run bench:rpc -- --cpu-prof DIR`): the functions
// with the most self time, and self time by origin (Spindle, node internals, GC, other packages).
//   node dist/bench/rpc/profile-summary.js DIR/CPU.*.cpuprofile [--top 25]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function and by origin, in microseconds, most first; and the total busy (non-idle) time. */
export function selfTimes(profile: Profile): { byFunction: [string, number][]; byOrigin: [string, number][]; totalUs: number } {
  const frames = new Map<number, ProfileNode["callFrame"]>();
  for (const n of profile.nodes) frames.set(n.id, n.callFrame);
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(profile.samples[i]!);
    // Idle time is the process waiting for work (and for its turn on a shared core): not part of the cost.
    if (frame === undefined || frame.functionName === "(idle)") continue;
    totalUs += us;
    const url = frame.url.replace(/^file:\/\/.*?\/(dist\/|node_modules\/)/, "$1");
    const key = `${frame.functionName || "(anonymous)"} ${url === "" ? "" : `${url}:${frame.lineNumber + 1}`}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const origin = url === "" ? frame.functionName : url.startsWith("node:") ? "node internals" : url.includes("dist/src/") ? "spindle (src)" : url.includes("node_modules/") ? url.split("/").slice(1, url.includes("/@") ? 3 : 2).join("/") : "bench and other";
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);
  return { byFunction: sorted(byFunction), byOrigin: sorted(byOrigin), totalUs };
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { top: { type: "string", default: "25" } }, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new Error("usage: profile-summary FILE.cpuprofile… [--top N]");
  const top = Number(values.top);
  for (const file of positionals) {
    const { byFunction, byOrigin, totalUs } = selfTimes(JSON.parse(readFileSync(file, "utf8")) as Profile);
    const pct = (us: number): string => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
    console.log(`\n${file}: ${(totalUs / 1000).toFixed(0)} ms busy (idle excluded)`);
    console.log("  by origin:");
    for (const [k, us] of byOrigin.slice(0, 10)) console.log(`    ${pct(us)}  ${k}`);
    console.log(`  top ${top} self time:`);
    for (const [k, us] of byFunction.slice(0, top)) console.log(`    ${pct(us)}  ${k}`);
  }
}

main();
