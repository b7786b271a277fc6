// The Spindle interop client against three TestService servers: Python grpcio (the C core), @grpc/grpc-js,
// and Spindle's own (plaintext and TLS). Every applicable case must pass; the others are listed as skipped
// with the reason they do not apply to that peer.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { formatResult, parseInteropArgs, runInteropClient, type CaseResult } from "../interop/client.js";
import { interopCases } from "../interop/cases/index.js";
import { createInteropServer } from "../interop/server.js";
import type { Server } from "../src/server/index.js";

const NO_COMPRESSED_REQUEST = "the peer's server API cannot see whether a request message arrived compressed (CompressedRequest)";
const NO_COMPRESSED_RESPONSE = "@grpc/grpc-js handlers cannot choose compression per call or per message (CompressedResponse)";

/** Short soaks with generous latency bounds: the machine running the suite is shared and busy. */
const SOAK_FLAGS = ["--soak_iterations=5", "--soak_per_iteration_max_acceptable_latency_ms=5000", "--soak_overall_timeout_seconds=60"];

/** Cases that do not apply to a peer, with the reason. */
const notApplicable: Record<string, Record<string, string>> = {
  "python grpcio": {
    client_compressed_unary: `grpcio (Python): ${NO_COMPRESSED_REQUEST}`,
    client_compressed_streaming: `grpcio (Python): ${NO_COMPRESSED_REQUEST}`,
  },
  "@grpc/grpc-js": {
    client_compressed_unary: `@grpc/grpc-js: ${NO_COMPRESSED_REQUEST}`,
    client_compressed_streaming: `@grpc/grpc-js: ${NO_COMPRESSED_REQUEST}`,
    server_compressed_unary: NO_COMPRESSED_RESPONSE,
    server_compressed_streaming: NO_COMPRESSED_RESPONSE,
  },
  spindle: {},
  "spindle (TLS)": {},
};

/** The node arguments that run a sibling program, whether this test runs compiled (dist/) or under tsx. */
function nodeArgs(relative: string): string[] {
  if (!import.meta.url.endsWith(".ts")) return [fileURLToPath(new URL(relative, import.meta.url))];
  return ["--import", "tsx", fileURLToPath(new URL(relative.replace(/\.js$/, ".ts"), import.meta.url))];
}

/** A file of the source tree (not compiled to dist/), from this test's location in either tree. */
function sourcePath(relative: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.split(sep).includes("dist") ? resolve(here, "..", "..", relative) : resolve(here, "..", relative);
}

/** Starts a peer process and waits for its "listening on PORT" line. Its stdin stays open: closing it stops the peer. */
function startPeer(command: string, args: string[]): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`peer ${args.join(" ")} did not start within 30 s: ${err}`));
    }, 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), child });
      }
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`peer ${args.join(" ")} exited with ${code}: ${err}`));
    });
  });
}

function stopPeer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin!.end();
    child.kill("SIGTERM");
  });
}

/** Runs every applicable case against the peer once (one channel), then reports each as its own test. */
function interopSuite(peer: string, start: () => Promise<{ port: number; stop: () => Promise<void> }>, extraArgs: string[] = []): void {
  describe(`interop client → ${peer} server`, () => {
    const skips = notApplicable[peer] ?? {};
    const applicable = Object.keys(interopCases).filter((name) => !(name in skips));
    let results = new Map<string, CaseResult>();
    let stop: (() => Promise<void>) | undefined;

    before(async () => {
      const peerServer = await start();
      stop = peerServer.stop;
      const args = parseInteropArgs([`--server_host=127.0.0.1`, `--server_port=${peerServer.port}`, `--test_case=${applicable.join(",")}`, ...SOAK_FLAGS, ...extraArgs]);
      results = new Map((await runInteropClient(args)).map((r) => [r.name, r]));
    });
    after(async () => {
      await stop?.();
    });

    for (const name of Object.keys(interopCases)) {
      const reason = skips[name];
      if (reason !== undefined) {
        it(name, { skip: `does not apply: ${reason}` }, () => undefined);
        continue;
      }
      it(name, () => {
        const r = results.get(name);
        assert.ok(r, `${name} did not run`);
        assert.ok(r.passed, formatResult(r));
      });
    }
  });
}

interopSuite("python grpcio", async () => {
  const { port, child } = await startPeer("/usr/bin/python3", [sourcePath("interop/peers/python_server.py"), "--port=0"]);
  return { port, stop: () => stopPeer(child) };
});

interopSuite("@grpc/grpc-js", async () => {
  const { port, child } = await startPeer(process.execPath, [...nodeArgs("../interop/peers/grpcjs-server.js"), "--port=0"]);
  return { port, stop: () => stopPeer(child) };
});

interopSuite("spindle", async () => {
  const server: Server = createInteropServer();
  const port = await server.listen("127.0.0.1:0");
  return { port, stop: () => server.shutdown({ graceMs: 500 }) };
});

interopSuite(
  "spindle (TLS)",
  async () => {
    const server: Server = createInteropServer({ useTls: true });
    const port = await server.listen("127.0.0.1:0");
    return { port, stop: () => server.shutdown({ graceMs: 500 }) };
  },
  ["--use_tls", "--server_host_override=foo.test.google.fr"],
);

describe("interop client command line", () => {
  it("parses the official flags, bare and valued booleans, and ignores flags it does not use", () => {
    const a = parseInteropArgs(["--server_host=localhost", "--server_port=10000", "--test_case=all", "--use_tls", "--use_test_ca=true", "--default_service_account=x"]);
    assert.equal(a.serverHost, "localhost");
    assert.equal(a.serverPort, 10000);
    assert.equal(a.useTls, true);
    assert.deepEqual(a.testCases, Object.keys(interopCases));
    const b = parseInteropArgs(["--server_port=1", "--test_case=empty_unary,large_unary", "--use_tls=false", "--server_host_override=foo.test.google.fr"]);
    assert.equal(b.useTls, false);
    assert.deepEqual(b.testCases, ["empty_unary", "large_unary"]);
    assert.equal(b.serverHostOverride, "foo.test.google.fr");
    assert.deepEqual(b.soak, { iterations: 10, maxFailures: 0, maxLatencyMs: 1000, overallTimeoutMs: 10_000, minTimeBetweenMs: 0 });
    const c = parseInteropArgs(["--server_port=1", "--soak_iterations=3", "--soak_overall_timeout_seconds=2"]);
    assert.equal(c.soak.iterations, 3);
    assert.equal(c.soak.overallTimeoutMs, 2000);
    assert.throws(() => parseInteropArgs(["--server_port=1", "--soak_iterations=many"]), /--soak_iterations must be a whole number/);
  });

  it("rejects a missing port and an unknown case with a clear message", () => {
    assert.throws(() => parseInteropArgs(["--test_case=all"]), /--server_port/);
    assert.throws(() => parseInteropArgs(["--server_port=1", "--test_case=nope"]), /unknown --test_case "nope"/);
  });

  it("prints one line per case and exits non-zero when a case fails", async () => {
    const server = createInteropServer();
    const port = await server.listen("127.0.0.1:0");
    try {
      const run = (testCase: string) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, [...nodeArgs("../interop/client.js"), "--server_host=127.0.0.1", `--server_port=${port}`, `--test_case=${testCase}`]);
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.on("exit", (code) => resolve({ code, out }));
        });
      const ok = await run("empty_unary,unimplemented_method");
      assert.equal(ok.code, 0, ok.out);
      assert.match(ok.out, /^PASS empty_unary \(\d+ ms\)\nPASS unimplemented_method \(\d+ ms\)\n2 passed, 0 failed\n$/);
      await server.shutdown({ graceMs: 0 });
      const failed = await run("empty_unary");
      assert.equal(failed.code, 1, failed.out);
      assert.match(failed.out, /^FAIL empty_unary/);
    } finally {
      await server.shutdown({ graceMs: 0 });
    }
  });
});
