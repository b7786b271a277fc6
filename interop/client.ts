// The interop client on Spindle (grpc/grpc doc/interop-test-descriptions.md, "Client").
// Run: npm run interop:client -- --server_host=127.0.0.1 --server_port=10000 --test_case=all [--use_tls]
// Prints one line per case and exits non-zero if any failed. `--test_case` also takes a comma-separated list.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createChannel, createClient, type ChannelOptions } from "../src/client/index.js";
import { DEFAULT_SOAK, interopCases, type InteropContext, type SoakOptions, type TestServiceClient, type UnimplementedServiceClient } from "./cases/index.js";
import { TestService, UnimplementedService } from "./testing.js";

/** The flags of the official interop client that apply here. */
export interface InteropClientArgs {
  serverHost: string;
  serverPort: number;
  testCases: string[];
  useTls: boolean;
  serverHostOverride: string | undefined;
  soak: SoakOptions;
}

/** The outcome of one case. */
export interface CaseResult {
  name: string;
  passed: boolean;
  ms: number;
  error?: string;
}

const BOOLEAN_FLAGS = new Set(["use_tls", "use_test_ca"]);

/**
 * Parses the official client's flags. Booleans may be bare (`--use_tls`) or valued (`--use_tls=false`);
 * flags this client does not use (`--use_test_ca`, `--default_service_account`, …) are accepted and ignored.
 *
 * @throws Error naming the flag when `--server_port` is missing or not a port, or a test case is unknown.
 */
export function parseInteropArgs(argv: string[]): InteropClientArgs {
  const normalized = argv.map((arg) => {
    const m = /^--([a-z_]+)$/.exec(arg);
    return m && BOOLEAN_FLAGS.has(m[1]!) ? `${arg}=true` : arg;
  });
  const { values } = parseArgs({
    args: normalized,
    strict: false,
    options: {
      server_host: { type: "string" },
      server_port: { type: "string" },
      test_case: { type: "string" },
      use_tls: { type: "string" },
      server_host_override: { type: "string" },
      soak_iterations: { type: "string" },
      soak_max_failures: { type: "string" },
      soak_per_iteration_max_acceptable_latency_ms: { type: "string" },
      soak_overall_timeout_seconds: { type: "string" },
      soak_min_time_ms_between_rpcs: { type: "string" },
    },
  });
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const portText = str(values.server_port);
  const port = portText !== undefined && /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`--server_port must be a port number, got ${JSON.stringify(portText ?? "")}`);
  const testCase = str(values.test_case) ?? "large_unary";
  const testCases = testCase === "all" ? Object.keys(interopCases) : testCase.split(",").filter((s) => s !== "");
  for (const name of testCases) {
    if (!(name in interopCases)) throw new Error(`unknown --test_case ${JSON.stringify(name)} (known: all, ${Object.keys(interopCases).join(", ")})`);
  }
  const tls = str(values.use_tls)?.toLowerCase();
  const count = (name: string, fallback: number): number => {
    const text = str(values[name]);
    if (text === undefined) return fallback;
    if (!/^\d{1,9}$/.test(text)) throw new Error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
    return Number(text);
  };
  return {
    serverHost: str(values.server_host) ?? "127.0.0.1",
    serverPort: port,
    testCases,
    useTls: tls === "true" || tls === "1" || tls === "yes",
    serverHostOverride: str(values.server_host_override),
    soak: {
      iterations: count("soak_iterations", DEFAULT_SOAK.iterations),
      maxFailures: count("soak_max_failures", DEFAULT_SOAK.maxFailures),
      maxLatencyMs: count("soak_per_iteration_max_acceptable_latency_ms", DEFAULT_SOAK.maxLatencyMs),
      overallTimeoutMs: count("soak_overall_timeout_seconds", DEFAULT_SOAK.overallTimeoutMs / 1000) * 1000,
      minTimeBetweenMs: count("soak_min_time_ms_between_rpcs", DEFAULT_SOAK.minTimeBetweenMs),
    },
  };
}

/** Runs the chosen cases one after the other on one channel; `onResult` sees each outcome as it comes. */
export async function runInteropClient(args: InteropClientArgs, onResult: (r: CaseResult) => void = () => undefined): Promise<CaseResult[]> {
  const host = args.serverHost.includes(":") ? `[${args.serverHost}]` : args.serverHost;
  const options: ChannelOptions = {};
  if (args.serverHostOverride !== undefined) options.authority = `${args.serverHostOverride}:${args.serverPort}`;
  if (args.useTls) {
    // Our test CA (interop/certs, the counterpart of grpc's src/core/tsi/test_creds/ca.pem).
    options.tls = { ca: readFileSync(fileURLToPath(certUrl("ca.pem"))) };
  }
  const target = `${host}:${args.serverPort}`;
  const channel = createChannel(target, options);
  const ctx: InteropContext = {
    channel,
    newChannel: () => createChannel(target, options),
    soak: args.soak,
    client: createClient(TestService, channel) as unknown as TestServiceClient,
    unimplemented: createClient(UnimplementedService, channel) as unknown as UnimplementedServiceClient,
  };
  const results: CaseResult[] = [];
  try {
    for (const name of args.testCases) {
      const started = performance.now();
      let result: CaseResult;
      try {
        await interopCases[name]!(ctx);
        result = { name, passed: true, ms: performance.now() - started };
      } catch (e) {
        result = { name, passed: false, ms: performance.now() - started, error: e instanceof Error ? e.message : String(e) };
      }
      results.push(result);
      onResult(result);
    }
  } finally {
    channel.close();
  }
  return results;
}

/** interop/certs beside the sources, also when running from dist/interop/. */
function certUrl(name: string): URL {
  const here = new URL(`./certs/${name}`, import.meta.url);
  return fileURLToPath(here).includes(`${"/dist/"}`) ? new URL(`../../interop/certs/${name}`, import.meta.url) : here;
}

/** One output line per case. */
export function formatResult(r: CaseResult): string {
  return r.passed ? `PASS ${r.name} (${r.ms.toFixed(0)} ms)` : `FAIL ${r.name} (${r.ms.toFixed(0)} ms): ${r.error}`;
}

async function main(): Promise<void> {
  let args: InteropClientArgs;
  try {
    args = parseInteropArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`interop client: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
    return;
  }
  const results = await runInteropClient(args, (r) => console.log(formatResult(r)));
  const failed = results.filter((r) => !r.passed).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) void main();
