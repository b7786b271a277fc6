/**
 * Timing for the codec benchmark: several rounds, contenders interleaved within each round (so a burst of
 * load from elsewhere on the machine hits all of them alike), and the median of the rounds.
 *
 * Time is the process's CPU time (user + system, all threads, GC included), not wall time: on a shared
 * machine a wall clock counts the time other processes hold the CPU, which made rates swing tenfold here.
 */

/** One timed function. */
export interface Runner {
  readonly name: string;
  /** One operation; its result is kept alive so the JIT cannot drop the work. */
  run(): unknown;
}

/** The measured rate of one runner. */
export interface Measurement {
  readonly name: string;
  /** Median over rounds. */
  readonly opsPerSecond: number;
  readonly rounds: readonly number[];
}

/** How long to measure. */
export interface MeasureOptions {
  /** Rounds per runner (the median is reported). */
  readonly rounds: number;
  /** Target duration of one runner's batch in one round. */
  readonly roundMs: number;
}

let sink: unknown;

/** Keeps a value reachable, so computing it cannot be optimized away. */
export function consume(value: unknown): void {
  sink = value;
}

/** CPU milliseconds `iterations` runs take. */
function timeBatch(runner: Runner, iterations: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) sink = runner.run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** How many iterations take about `ms`, after a warm-up that lets the JIT settle. */
function calibrate(runner: Runner, ms: number): number {
  let iterations = 16;
  for (;;) {
    const elapsed = timeBatch(runner, iterations);
    if (elapsed >= 50 || iterations >= 1 << 26) return Math.max(1, Math.round((iterations * ms) / Math.max(elapsed, 0.001)));
    iterations *= 2;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Measures every runner, interleaved round by round. */
export function measure(runners: readonly Runner[], options: MeasureOptions): Measurement[] {
  const iterations = runners.map((r) => calibrate(r, options.roundMs));
  const rounds: number[][] = runners.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    runners.forEach((runner, i) => {
      const ms = timeBatch(runner, iterations[i]!);
      rounds[i]!.push((iterations[i]! * 1000) / ms);
    });
  }
  consume(sink);
  return runners.map((runner, i) => ({ name: runner.name, opsPerSecond: median(rounds[i]!), rounds: rounds[i]! }));
}
