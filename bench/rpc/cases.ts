// The benchmark cases: each starts its servers and clients as pinned child processes, runs the contenders
// interleaved round by round, and returns medians plus the issue-6 targets it checks.
import { createServer } from "node:net";
import { writeRequestBody, runH2load } from "./h2load.js";
import { LOAD_CORE, readCpuMs, readMemory, SERVER_CORE, spawnNode, type Child } from "./processes.js";
import { rawUnary } from "./client-raw.js";
import { unaryRequestBody } from "./bench-proto.js";
import { median } from "./stats.js";
import { connect } from "node:http2";
import type { ServerKind } from "./server-kinds.js";
import type { ClientKind } from "./client-kinds.js";

/** How long and how often to measure. */
export interface RunOptions {
  rounds: number;
  warmupS: number;
  durationS: number;
  coldStartTrials: number;
}

/** One contender's medians, by metric name. */
export interface Row {
  contender: string;
  metrics: Record<string, number>;
}

/** A target from issue 6, checked in this run. */
export interface TargetCheck {
  caseName: string;
  what: string;
  /** The measured ratio (or value) from wall-clock rates, and the bound it must meet. */
  value: number;
  /**
   * The same ratio from CPU-normalized rates (operations per CPU-second of the process under test), which a
   * shared, loaded machine disturbs far less than wall-clock rates; undefined where it does not apply.
   */
  cpuValue: number | undefined;
  bound: number;
  /** "min": value ≥ bound; "max": value ≤ bound. */
  kind: "min" | "max";
  ok: boolean;
  /** Whether `cpuValue` meets the bound (undefined without one). */
  cpuOk: boolean | undefined;
}

/** What a case reports. */
export interface CaseResult {
  name: string;
  /** The metric names, in column order; the first is the headline. */
  metrics: string[];
  rows: Row[];
  targets: TargetCheck[];
  notes: string[];
  /** Whether the table gets "Spindle / anchor" columns for the headline metric (default true). */
  hasRatios?: boolean;
}

/** A case: a stable name and how to run it. */
export interface BenchCase {
  name: string;
  run(options: RunOptions): Promise<CaseResult>;
}

interface RunningServerProcess {
  kind: ServerKind;
  child: Child;
  port: number;
}

async function startServerProcess(kind: ServerKind, port = 0): Promise<RunningServerProcess> {
  const child = spawnNode(SERVER_CORE, "server-main", ["--kind", kind, "--port", String(port)]);
  const m = await child.waitForLine(/^listening (\d+)$/);
  return { kind, child, port: Number(m[1]) };
}

/** Checks that a server answers a Unary call with OK before it is timed (h2load counts HTTP 200s only). */
async function verifyUnary(port: number, size: number): Promise<void> {
  const session = connect(`http://127.0.0.1:${port}`);
  session.on("error", () => {});
  try {
    await rawUnary(session, unaryRequestBody(size));
  } finally {
    session.close();
  }
}

/** Rotates `items` by `round`, so that no contender always runs first (or right after a heavy one). */
function rotate<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function check(caseName: string, what: string, value: number, cpuValue: number | undefined, bound: number, kind: "min" | "max"): TargetCheck {
  const meets = (v: number): boolean => (kind === "min" ? v >= bound : v <= bound);
  return { caseName, what, value, cpuValue, bound, kind, ok: meets(value), cpuOk: cpuValue === undefined ? undefined : meets(cpuValue) };
}

function metric(rows: Row[], contender: string, name: string): number {
  return rows.find((r) => r.contender === contender)?.metrics[name] ?? NaN;
}

interface ClientRunResult {
  ops: number;
  wallMs: number;
  cpuMs: number;
}

async function runClient(kind: ClientKind, port: number, args: string[]): Promise<{ result: ClientRunResult; child: Child }> {
  const child = spawnNode(LOAD_CORE, "client-main", ["--kind", kind, "--port", String(port), ...args]);
  const m = await child.waitForLine(/^result (\{.*\})$/, 120_000);
  await child.exited;
  return { result: JSON.parse(m[1]!) as ClientRunResult, child };
}

const MB = 1024 * 1024;
const UNARY_SERVER_KINDS: ServerKind[] = ["spindle", "grpc-js", "connect", "raw"];

function unaryServerCase(label: string, size: number): BenchCase {
  const name = `rpc/unary-server/${label}`;
  return {
    name,
    async run(o) {
      const bodyFile = writeRequestBody(size);
      const servers: RunningServerProcess[] = [];
      const samples = new Map<string, { rps: number[]; perCpu: number[] }>();
      try {
        for (const kind of UNARY_SERVER_KINDS) {
          const s = await startServerProcess(kind);
          servers.push(s);
          await verifyUnary(s.port, size);
          samples.set(kind, { rps: [], perCpu: [] });
        }
        for (let round = 0; round < o.rounds; round++) {
          for (const s of rotate(servers, round)) {
            const cpuAtStart = readCpuMs(s.child.pid);
            const load = runH2load(s.port, bodyFile, { clients: 4, streams: 64, warmupS: o.warmupS, durationS: o.durationS });
            // Server CPU over h2load's measured window: sample once the warm-up is over.
            let cpuAfterWarmup = cpuAtStart;
            const timer = setTimeout(() => {
              cpuAfterWarmup = readCpuMs(s.child.pid);
            }, o.warmupS * 1000 + 100);
            const r = await load;
            clearTimeout(timer);
            const cpuS = (readCpuMs(s.child.pid) - cpuAfterWarmup) / 1000;
            if (r.failed + r.errored > 0) throw new Error(`${name} ${s.kind}: h2load saw ${r.failed} failed and ${r.errored} errored requests`);
            const entry = samples.get(s.kind)!;
            entry.rps.push(r.reqPerSec);
            entry.perCpu.push(cpuS > 0 ? (r.reqPerSec * o.durationS) / cpuS : NaN);
          }
        }
        const rows: Row[] = servers.map((s) => ({
          contender: s.kind,
          metrics: {
            "req/s": median(samples.get(s.kind)!.rps),
            "req/CPU-s": median(samples.get(s.kind)!.perCpu),
            "peak RSS MB": readMemory(s.child.pid).hwmBytes / MB,
          },
        }));
        const sp = (m: string): number => metric(rows, "spindle", m);
        return {
          name,
          metrics: ["req/s", "req/CPU-s", "peak RSS MB"],
          rows,
          targets: [
            check(name, "req/s vs raw node:http2", sp("req/s") / metric(rows, "raw", "req/s"), sp("req/CPU-s") / metric(rows, "raw", "req/CPU-s"), 0.8, "min"),
            check(name, "req/s vs grpc-js", sp("req/s") / metric(rows, "grpc-js", "req/s"), sp("req/CPU-s") / metric(rows, "grpc-js", "req/CPU-s"), 1.6, "min"),
            check(name, "peak RSS vs grpc-js", sp("peak RSS MB") / metric(rows, "grpc-js", "peak RSS MB"), undefined, 1, "max"),
          ],
          notes: [`h2load -c 4 -m 64 -D ${o.durationS} --warm-up-time=${o.warmupS}, ${size} B payload (${size + 7} B request body with the frame); req/CPU-s = requests in the window over the server's own CPU time`],
        };
      } finally {
        await Promise.all(servers.map((s) => s.child.stop()));
      }
    },
  };
}

const UNARY_CLIENT_KINDS: ClientKind[] = ["spindle", "grpc-js", "connect", "raw"];

function unaryClientCase(): BenchCase {
  const name = "rpc/unary-client/32B";
  return {
    name,
    async run(o) {
      const server = await startServerProcess("raw");
      const samples = new Map<string, { cps: number[]; perCpu: number[] }>(UNARY_CLIENT_KINDS.map((k) => [k, { cps: [], perCpu: [] }]));
      try {
        for (let round = 0; round < o.rounds; round++) {
          for (const kind of rotate(UNARY_CLIENT_KINDS, round)) {
            const { result } = await runClient(kind, server.port, ["--workload", "unary", "--size", "32", "--inflight", "64", "--warmup-ms", String(o.warmupS * 1000), "--duration-ms", String(o.durationS * 1000)]);
            samples.get(kind)!.cps.push((result.ops * 1000) / result.wallMs);
            samples.get(kind)!.perCpu.push((result.ops * 1000) / result.cpuMs);
          }
        }
      } finally {
        await server.child.stop();
      }
      const rows: Row[] = UNARY_CLIENT_KINDS.map((k) => ({ contender: k, metrics: { "calls/s": median(samples.get(k)!.cps), "calls/CPU-s": median(samples.get(k)!.perCpu) } }));
      const sp = (m: string): number => metric(rows, "spindle", m);
      return {
        name,
        metrics: ["calls/s", "calls/CPU-s"],
        rows,
        targets: [
          check(name, "calls/s vs raw node:http2 client", sp("calls/s") / metric(rows, "raw", "calls/s"), sp("calls/CPU-s") / metric(rows, "raw", "calls/CPU-s"), 0.8, "min"),
          check(name, "calls/s vs grpc-js client", sp("calls/s") / metric(rows, "grpc-js", "calls/s"), sp("calls/CPU-s") / metric(rows, "grpc-js", "calls/CPU-s"), 2.5, "min"),
        ],
        notes: ["64 calls in flight on one connection against the raw node:http2 server (core 0); calls/CPU-s = calls over the client process's CPU time"],
      };
    },
  };
}

/** Spindle client + server against grpc-js client + server, for a client workload. */
function pairCase(name: string, unit: string, clientArgs: string[], target: number): BenchCase {
  const kinds: (ServerKind & ClientKind)[] = ["spindle", "grpc-js"];
  return {
    name,
    async run(o) {
      const samples = new Map<string, { rate: number[]; perCpu: number[] }>(kinds.map((k) => [k, { rate: [], perCpu: [] }]));
      const servers: RunningServerProcess[] = [];
      try {
        for (const kind of kinds) servers.push(await startServerProcess(kind));
        for (let round = 0; round < o.rounds; round++) {
          for (const s of rotate(servers, round)) {
            const serverCpu0 = readCpuMs(s.child.pid);
            const { result } = await runClient(s.kind as ClientKind, s.port, [...clientArgs, "--warmup-ms", String(o.warmupS * 1000), "--duration-ms", String(o.durationS * 1000)]);
            // The server's CPU over the whole client run (warm-up included), scaled to the window's share.
            const serverCpuMs = ((readCpuMs(s.child.pid) - serverCpu0) * o.durationS) / (o.durationS + o.warmupS);
            samples.get(s.kind)!.rate.push((result.ops * 1000) / result.wallMs);
            samples.get(s.kind)!.perCpu.push((result.ops * 1000) / (result.cpuMs + serverCpuMs));
          }
        }
      } finally {
        await Promise.all(servers.map((s) => s.child.stop()));
      }
      const perCpu = `${unit.split("/")[0]}/CPU-s`;
      const rows: Row[] = kinds.map((k) => ({ contender: k, metrics: { [unit]: median(samples.get(k)!.rate), [perCpu]: median(samples.get(k)!.perCpu) } }));
      return {
        name,
        metrics: [unit, perCpu],
        rows,
        targets: [check(name, `${unit} vs grpc-js`, metric(rows, "spindle", unit) / metric(rows, "grpc-js", unit), metric(rows, "spindle", perCpu) / metric(rows, "grpc-js", perCpu), target, "min")],
        notes: [`client and server of the same stack; ${perCpu} = ${unit.split("/")[0]} over client + server CPU time (server's prorated to the window)`],
      };
    },
  };
}

function slowReaderCase(): BenchCase {
  const name = "rpc/slow-reader";
  const kinds: (ServerKind & ClientKind)[] = ["spindle", "grpc-js"];
  return {
    name,
    async run(o) {
      const rows: Row[] = [];
      const series: string[] = [];
      const durationMs = Math.max(4000, o.durationS * 4000);
      for (const kind of kinds) {
        const server = await startServerProcess(kind);
        try {
          const before = readMemory(server.child.pid).rssBytes;
          const client = spawnNode(LOAD_CORE, "client-main", ["--kind", kind, "--port", String(server.port), "--workload", "slow-reader", "--size", "65536", "--read-delay-ms", "20", "--duration-ms", String(durationMs)]);
          const rss: number[] = [];
          const sampler = setInterval(() => rss.push(readMemory(server.child.pid).rssBytes), 100);
          const m = await client.waitForLine(/^result (\{.*\})$/, durationMs + 60_000);
          clearInterval(sampler);
          await client.exited;
          const result = JSON.parse(m[1]!) as ClientRunResult;
          // Growth over the second half of the run, once the flow-control windows have filled, tells a
          // bounded buffer (flat, up to garbage-collection sawtooth) from an unbounded one (hundreds of MB/s).
          const half = rss.length >> 1;
          const growth = (Math.max(...rss.slice(half)) - rss[half]!) / MB;
          series.push(`${kind} server RSS MB every 0.5 s: ${rss.filter((_, i) => i % 5 === 0).map((b) => (b / MB).toFixed(0)).join(" ")}`);
          rows.push({
            contender: kind,
            metrics: {
              "msgs read": result.ops,
              "RSS before MB": before / MB,
              "RSS max MB": Math.max(...rss) / MB,
              "growth 2nd half MB": growth,
            },
          });
        } finally {
          await server.child.stop();
        }
      }
      return {
        name,
        metrics: ["msgs read", "RSS before MB", "RSS max MB", "growth 2nd half MB"],
        rows,
        targets: [check(name, "server RSS growth while the client reads slowly (MB)", metric(rows, "spindle", "growth 2nd half MB"), undefined, 32, "max")],
        hasRatios: false,
        notes: [...series, `ServerStream of 1,000,000 x 64 KiB messages (61 GiB if the server did not wait), read at one message per 20 ms for ${durationMs / 1000} s; server RSS sampled every 100 ms`],
      };
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (address !== null && typeof address !== "string" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function coldStartCase(): BenchCase {
  const name = "rpc/cold-start";
  const kinds: ServerKind[] = ["spindle", "raw", "grpc-js", "connect"];
  return {
    name,
    async run(o) {
      const samples = new Map<string, number[]>(kinds.map((k) => [k, []]));
      const cpuSamples = new Map<string, number[]>(kinds.map((k) => [k, []]));
      for (let trial = 0; trial < o.coldStartTrials; trial++) {
        for (const kind of rotate(kinds, trial)) {
          const port = await freePort();
          const probe = spawnNode(LOAD_CORE, "client-main", ["--workload", "probe", "--port", String(port)]);
          let server: Child | undefined;
          try {
            await probe.waitForLine(/^ready$/);
            const t0 = performance.now();
            server = spawnNode(SERVER_CORE, "server-main", ["--kind", kind, "--port", String(port)]);
            await probe.waitForLine(/^answered$/);
            samples.get(kind)!.push(performance.now() - t0);
            cpuSamples.get(kind)!.push(readCpuMs(server.pid));
          } finally {
            await probe.stop();
            await server?.stop();
          }
        }
      }
      const rows: Row[] = kinds.map((k) => ({ contender: k, metrics: { "ms to first answer": median(samples.get(k)!), "server CPU ms": median(cpuSamples.get(k)!) } }));
      const ratio = (m: string): number => metric(rows, "spindle", m) / metric(rows, "raw", m);
      return {
        name,
        metrics: ["ms to first answer", "server CPU ms"],
        rows,
        targets: [check(name, "time to first answer vs raw node:http2", ratio("ms to first answer"), ratio("server CPU ms"), 1.5, "max")],
        notes: [`from spawning \`node server-main.js\` (core 0) until a raw node:http2 client already retrying every 1 ms (core 1) gets an OK answer (server CPU ms: the server process's CPU time at that moment); Spindle loads bench.proto with loadProto (compiles it); median of ${o.coldStartTrials} trials`],
      };
    },
  };
}

/** Every case, in run order. */
export const CASES: BenchCase[] = [
  unaryServerCase("32B", 32),
  unaryServerCase("1KB", 1024),
  unaryClientCase(),
  pairCase("rpc/server-stream/1", "msgs/s", ["--workload", "stream", "--size", "32", "--streams", "1"], 3),
  pairCase("rpc/server-stream/8", "msgs/s", ["--workload", "stream", "--size", "32", "--streams", "8"], 3),
  pairCase("rpc/ping-pong", "round trips/s", ["--workload", "ping-pong", "--size", "32"], 1.2),
  slowReaderCase(),
  coldStartCase(),
];
