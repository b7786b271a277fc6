// A client workload in its own process (the orchestrator pins it with `taskset -c 1`):
//   node dist/bench/rpc/client-main.js --kind K --port N --workload unary|stream|ping-pong|slow-reader|probe …
// Prints one line `result {json}` (`ops` completed in the measured window, `wallMs`, `cpuMs` of this process).
// The `probe` workload is the cold-start client: it prints `ready`, retries a raw unary call every
// millisecond until one is answered, then prints `answered`.
import { connect, type ClientHttp2Session } from "node:http2";
import { parseArgs } from "node:util";
import { payloadBody, unaryRequestBody } from "./bench-proto.js";
import { CLIENT_KINDS, createBenchClient, type BenchClient, type ClientKind } from "./client-kinds.js";
import { rawUnary } from "./client-raw.js";

/** What a measured workload reports. */
export interface WorkloadResult {
  ops: number;
  wallMs: number;
  cpuMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs `workers` loops that count operations in `counter.done` until `stop` is set; measures the window
 * [warmupMs, warmupMs + durationMs]. A worker failing before the end fails the workload.
 */
async function measure(workers: number, warmupMs: number, durationMs: number, loop: (state: { stop: boolean; done: number }) => Promise<void>): Promise<WorkloadResult> {
  const state = { stop: false, done: 0 };
  let failure: unknown;
  const running = Array.from({ length: workers }, () =>
    loop(state).catch((e: unknown) => {
      if (!state.stop && failure === undefined) failure = e;
    }),
  );
  await sleep(warmupMs);
  const ops0 = state.done;
  const t0 = performance.now();
  const c0 = cpuMs();
  await sleep(durationMs);
  const result = { ops: state.done - ops0, wallMs: performance.now() - t0, cpuMs: cpuMs() - c0 };
  state.stop = true;
  await Promise.race([Promise.allSettled(running), sleep(5000)]);
  if (failure !== undefined) throw failure;
  return result;
}

function connectOnce(port: number): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.once("connect", () => {
      session.off("error", reject);
      session.on("error", () => {});
      resolve(session);
    });
    session.once("error", reject);
  });
}

/** The cold-start client: retries until the first call is answered. */
async function probe(port: number): Promise<void> {
  const framed = unaryRequestBody(32);
  process.stdout.write("ready\n");
  for (;;) {
    try {
      const session = await connectOnce(port);
      try {
        await rawUnary(session, framed);
      } finally {
        session.close();
      }
      process.stdout.write("answered\n");
      return;
    } catch {
      await sleep(1);
    }
  }
}

async function run(client: BenchClient, workload: string, o: { size: number; inflight: number; streams: number; warmupMs: number; durationMs: number; readDelayMs: number }): Promise<WorkloadResult> {
  const body = payloadBody(o.size);
  switch (workload) {
    case "unary":
      return measure(o.inflight, o.warmupMs, o.durationMs, async (s) => {
        while (!s.stop) {
          await client.unary(body);
          s.done++;
        }
      });
    case "stream":
      return measure(o.streams, o.warmupMs, o.durationMs, async (s) => {
        while (!s.stop) {
          for await (const _ of client.serverStream(10_000, o.size)) {
            s.done++;
            if (s.stop) break;
          }
        }
      });
    case "ping-pong":
      return measure(1, o.warmupMs, o.durationMs, async (s) => {
        const call = client.pingPong();
        while (!s.stop) {
          await call.ping(body);
          s.done++;
        }
        await call.end();
      });
    case "slow-reader": {
      // A reader taking one message per readDelayMs from a stream that would be gigabytes long: the server
      // can only keep up with it if it waits for flow control, which is what the orchestrator's RSS samples show.
      const t0 = performance.now();
      const c0 = cpuMs();
      let ops = 0;
      for await (const _ of client.serverStream(1_000_000, o.size)) {
        ops++;
        await sleep(o.readDelayMs);
        if (performance.now() - t0 > o.durationMs) break;
      }
      return { ops, wallMs: performance.now() - t0, cpuMs: cpuMs() - c0 };
    }
    default:
      throw new Error(`unknown --workload ${workload} (unary, stream, ping-pong, slow-reader, probe)`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: "string", default: "spindle" },
      port: { type: "string" },
      workload: { type: "string", default: "unary" },
      size: { type: "string", default: "32" },
      inflight: { type: "string", default: "64" },
      streams: { type: "string", default: "1" },
      "warmup-ms": { type: "string", default: "1000" },
      "duration-ms": { type: "string", default: "3000" },
      "read-delay-ms": { type: "string", default: "20" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a port number, got ${String(values.port)}`);
  if (values.workload === "probe") return probe(port);
  const kind = values.kind as ClientKind;
  if (!CLIENT_KINDS.includes(kind)) throw new Error(`--kind must be one of ${CLIENT_KINDS.join(", ")}, got ${String(values.kind)}`);
  const number = (name: keyof typeof values): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${String(values[name])}`);
    return n;
  };
  const client = await createBenchClient(kind, port);
  try {
    const result = await run(client, values.workload!, {
      size: number("size"),
      inflight: number("inflight"),
      streams: number("streams"),
      warmupMs: number("warmup-ms"),
      durationMs: number("duration-ms"),
      readDelayMs: number("read-delay-ms"),
    });
    process.stdout.write(`result ${JSON.stringify(result)}\n`);
  } finally {
    client.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
