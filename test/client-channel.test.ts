// Channels: lazy connect, connectivity states, fail-fast vs wait-for-ready, reconnect after GOAWAY and
// backoff, close(), unix sockets, TLS and mutual TLS, call credentials, keepalive, interceptors.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { bearerToken, ConnectivityState, createChannel, createClient, createStub, type Channel, type ClientInterceptor } from "../src/client/index.js";
import { Metadata, RpcError, Status } from "../src/grpc/index.js";
import { rawMethod, reply, startRawServer, unframe, type RawServer } from "./client-helpers.js";

type Unary = (req: unknown, options?: object) => Promise<string>;

function certs(name: string): Buffer {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = here.split(sep).includes("dist") ? resolve(here, "..", "..") : resolve(here, "..");
  return readFileSync(join(root, "interop", "certs", name));
}

function echo(server: RawServer, path = "/t.S/Echo"): void {
  server.handle(path, async ({ stream, headers, body }) => {
    const [msg] = unframe(await body());
    reply(stream, [`${msg}|auth=${headers.authorization ?? ""}`]);
  });
}

/** A port nothing listens on (bound then released). */
async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function withChannel<T>(target: string, options: Parameters<typeof createChannel>[1], fn: (channel: Channel) => Promise<T>): Promise<T> {
  const channel = createChannel(target, options);
  try {
    return await fn(channel);
  } finally {
    channel.close();
  }
}

describe("channel connectivity", () => {
  it("connects lazily: IDLE and no connection until the first call, then READY", async () => {
    const server = await startRawServer();
    echo(server);
    try {
      await withChannel(server.target, {}, async (channel) => {
        assert.equal(channel.getState(), ConnectivityState.IDLE);
        await new Promise((r) => setTimeout(r, 30));
        assert.equal(server.sessionCount, 0, "no connection before the first call");
        assert.equal(await (createStub(channel, rawMethod("/t.S/Echo")) as Unary)("a"), "a|auth=");
        assert.equal(channel.getState(), ConnectivityState.READY);
        assert.equal(server.sessionCount, 1);
      });
    } finally {
      await server.close();
    }
  });

  it("starts connecting on getState(true) and reports each change through waitForStateChange", async () => {
    const server = await startRawServer();
    try {
      await withChannel(server.target, {}, async (channel) => {
        const seen: string[] = [];
        assert.equal(channel.getState(true), ConnectivityState.CONNECTING);
        let state = channel.getState();
        while (state !== ConnectivityState.READY) {
          state = await channel.waitForStateChange(state, AbortSignal.timeout(5000));
          seen.push(state);
        }
        assert.deepEqual(seen, ["READY"]);
        channel.close();
        assert.equal(channel.getState(), ConnectivityState.SHUTDOWN);
      });
    } finally {
      await server.close();
    }
  });

  it("fails fast with UNAVAILABLE when nothing listens, and goes to TRANSIENT_FAILURE", async () => {
    const port = await freePort();
    await withChannel(`127.0.0.1:${port}`, { backoff: { initialBackoffMs: 10_000 } }, async (channel) => {
      const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
      await assert.rejects(stub("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /ECONNREFUSED/.test(e.message));
      assert.equal(channel.getState(), ConnectivityState.TRANSIENT_FAILURE);
      // While in TRANSIENT_FAILURE, fail-fast calls do not wait for the next attempt.
      const started = Date.now();
      await assert.rejects(stub("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      assert.ok(Date.now() - started < 1000);
    });
  });

  it("lets a waitForReady call wait through failed attempts until the server comes up", async () => {
    const port = await freePort();
    await withChannel(`127.0.0.1:${port}`, { backoff: { initialBackoffMs: 50, maxBackoffMs: 100 } }, async (channel) => {
      const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
      const call = stub("late", { waitForReady: true, timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 150));
      assert.notEqual(channel.getState(), ConnectivityState.READY);
      const server = await startRawServer({ port });
      echo(server);
      try {
        assert.equal(await call, "late|auth=");
      } finally {
        await server.close();
      }
    });
  });

  it("ends a waitForReady call at its deadline when the server never comes", async () => {
    const port = await freePort();
    await withChannel(`127.0.0.1:${port}`, { backoff: { initialBackoffMs: 20 } }, async (channel) => {
      const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
      await assert.rejects(stub("x", { waitForReady: true, timeout: 150 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
    });
  });

  it("closes its connection after idleTimeoutMs without calls, and reconnects on the next call", async () => {
    const server = await startRawServer();
    echo(server);
    try {
      await withChannel(server.target, { idleTimeoutMs: 50 }, async (channel) => {
        const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
        await stub("1");
        assert.equal(channel.getState(), ConnectivityState.READY);
        await channel.waitForStateChange(ConnectivityState.READY, AbortSignal.timeout(5000));
        assert.equal(channel.getState(), ConnectivityState.IDLE);
        assert.equal(await stub("2"), "2|auth=");
        assert.equal(server.sessionCount, 2);
      });
      assert.throws(() => createChannel(server.target, { idleTimeoutMs: 0 }), /idleTimeoutMs/);
    } finally {
      await server.close();
    }
  });

  it("reconnects on the next call after the server sent GOAWAY, letting calls in flight finish", async () => {
    const server = await startRawServer();
    echo(server);
    let release: (() => void) | undefined;
    server.handle("/t.S/Held", async ({ stream, body }) => {
      await body();
      await new Promise<void>((r) => (release = r));
      reply(stream, ["held-done"]);
    });
    try {
      await withChannel(server.target, {}, async (channel) => {
        const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
        await stub("1");
        const held = (createStub(channel, rawMethod("/t.S/Held")) as Unary)("h");
        await new Promise((r) => setTimeout(r, 30));
        for (const s of server.sessions) s.goaway();
        await channel.waitForStateChange(ConnectivityState.READY, AbortSignal.timeout(5000));
        assert.equal(channel.getState(), ConnectivityState.IDLE);
        assert.equal(await stub("2"), "2|auth=");
        assert.equal(server.sessionCount, 2, "a new connection for the new call");
        release!();
        assert.equal(await held, "held-done");
      });
    } finally {
      await server.close();
    }
  });

  it("reconnects after the server went away and came back on the same port", async () => {
    const server = await startRawServer();
    echo(server);
    const port = server.port;
    await withChannel(server.target, { backoff: { initialBackoffMs: 20 } }, async (channel) => {
      const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
      assert.equal(await stub("1"), "1|auth=");
      await server.close();
      const again = await startRawServer({ port });
      echo(again);
      try {
        assert.equal(await stub("2", { waitForReady: true, timeout: 5000 }), "2|auth=");
      } finally {
        await again.close();
      }
    });
  });

  it("close() cancels calls in flight and fails new calls with UNAVAILABLE", async () => {
    const server = await startRawServer();
    server.handle("/t.S/Hang", () => undefined);
    try {
      const channel = createChannel(server.target);
      const stub = createStub(channel, rawMethod("/t.S/Hang")) as Unary;
      const inflight = stub("x");
      await new Promise((r) => setTimeout(r, 30));
      channel.close();
      channel.close();
      await assert.rejects(inflight, (e: unknown) => e instanceof RpcError && (e.code === Status.CANCELLED || e.code === Status.UNAVAILABLE));
      await assert.rejects(stub("y"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /closed/.test(e.message));
    } finally {
      await server.close();
    }
  });

  it("connects to a unix socket target (unix:path and unix:///path)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spindle-client-"));
    const path = join(dir, "s.sock");
    const server = await startRawServer({ path });
    let authority: unknown;
    server.handle("/t.S/U", async ({ stream, headers, body }) => {
      authority = headers[":authority"];
      await body();
      reply(stream, ["unix"]);
    });
    try {
      for (const target of [`unix:${path}`, `unix://${path}`]) {
        await withChannel(target, {}, async (channel) => {
          assert.equal(await (createStub(channel, rawMethod("/t.S/U")) as Unary)("x"), "unix");
        });
      }
      assert.equal(authority, "localhost");
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("does not keep the process alive once calls are done, even if never closed", async () => {
    const server = await startRawServer();
    echo(server);
    try {
      const script = import.meta.url.endsWith(".ts")
        ? ["--import", "tsx", fileURLToPath(new URL("./client-exit-fixture.ts", import.meta.url))]
        : [fileURLToPath(new URL("./client-exit-fixture.js", import.meta.url))];
      const child = spawn(process.execPath, [...script, server.target], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(-1);
        }, 15_000);
        child.on("exit", (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      assert.equal(code, 0, "the child must exit on its own");
      assert.equal(out.trim(), "from-child|auth=");
    } finally {
      await server.close();
    }
  });

  it("rejects malformed targets and options at creation", () => {
    assert.throws(() => createChannel("host:99999"), /port/);
    assert.throws(() => createChannel("localhost:1", { compression: "lz4" }), /lz4/);
    assert.throws(() => createChannel("localhost:1", { maxReceiveMessageBytes: 0 }), /maxReceiveMessageBytes/);
  });
});

describe("load balancing", () => {
  async function twoServers(): Promise<[RawServer, RawServer, number[]]> {
    const counts = [0, 0];
    const servers = await Promise.all([startRawServer(), startRawServer()]);
    servers.forEach((server, i) =>
      server.handle("/t.S/Who", async ({ stream, body }) => {
        await body();
        counts[i]!++;
        reply(stream, [`s${i}`]);
      }),
    );
    return [servers[0], servers[1], counts];
  }

  it("pick_first sends every call to the first address that answers", async () => {
    const [a, b, counts] = await twoServers();
    try {
      await withChannel(`ipv4:127.0.0.1:${a.port},127.0.0.1:${b.port}`, {}, async (channel) => {
        const stub = createStub(channel, rawMethod("/t.S/Who")) as Unary;
        for (let i = 0; i < 6; i++) await stub("x");
        assert.deepEqual(counts, [6, 0]);
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("round_robin spreads calls over every address, and keeps going when one server goes away", async () => {
    const [a, b, counts] = await twoServers();
    try {
      await withChannel(`ipv4:127.0.0.1:${a.port},127.0.0.1:${b.port}`, { loadBalancing: "round_robin", backoff: { initialBackoffMs: 10_000 } }, async (channel) => {
        const stub = createStub(channel, rawMethod("/t.S/Who")) as Unary;
        // Both connections are dialled at once; call until both servers have seen a call, i.e. both are up.
        for (let i = 0; i < 200 && (counts[0] === 0 || counts[1] === 0); i++) {
          await stub("warm-up");
          if (counts[1] === 0) await new Promise((r) => setTimeout(r, 5));
        }
        counts[0] = counts[1] = 0;
        for (let i = 0; i < 10; i++) await stub("x");
        assert.deepEqual(counts, [5, 5]);
        await a.close();
        await new Promise((r) => setTimeout(r, 50));
        counts[0] = counts[1] = 0;
        for (let i = 0; i < 4; i++) assert.equal(await stub("y"), "s1");
        assert.equal(channel.getState(), ConnectivityState.READY);
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("rejects an unknown policy", () => {
    assert.throws(() => createChannel("localhost:1", { loadBalancing: "random" as "pick_first" }), /loadBalancing/);
  });
});

describe("channel security", () => {
  const serverTls = () => ({ key: certs("server.key"), cert: certs("server.pem") });

  it("calls over TLS, checking the certificate against the CA and the name", async () => {
    const server = await startRawServer({ tls: serverTls() });
    echo(server);
    try {
      await withChannel(`localhost:${server.port}`, { tls: { ca: certs("ca.pem") } }, async (channel) => {
        assert.equal(await (createStub(channel, rawMethod("/t.S/Echo")) as Unary)("tls"), "tls|auth=");
      });
      // An authority override (the interop --server_host_override) is what the certificate must match.
      await withChannel(`127.0.0.1:${server.port}`, { tls: { ca: certs("ca.pem") }, authority: "foo.test.google.fr" }, async (channel) => {
        assert.equal(await (createStub(channel, rawMethod("/t.S/Echo")) as Unary)("o"), "o|auth=");
      });
      // Without our CA the server is not trusted.
      await withChannel(`localhost:${server.port}`, { tls: true }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Echo")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      });
      // A name the certificate does not hold is refused.
      await withChannel(`127.0.0.1:${server.port}`, { tls: { ca: certs("ca.pem") }, authority: "evil.example.com" }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Echo")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /evil\.example\.com/.test(e.message));
      });
    } finally {
      await server.close();
    }
  });

  it("presents a client certificate for mutual TLS", async () => {
    const server = await startRawServer({ tls: { ...serverTls(), ca: certs("ca.pem"), requestCert: true, rejectUnauthorized: true } });
    let peerCn: unknown;
    server.handle("/t.S/Who", async ({ stream, body }) => {
      peerCn = (stream.session?.socket as import("node:tls").TLSSocket).getPeerCertificate().subject?.CN;
      await body();
      reply(stream, ["hi"]);
    });
    try {
      await withChannel(`localhost:${server.port}`, { tls: { ca: certs("ca.pem"), cert: certs("client.pem"), key: certs("client.key") } }, async (channel) => {
        assert.equal(await (createStub(channel, rawMethod("/t.S/Who")) as Unary)("x"), "hi");
      });
      assert.equal(peerCn, "spindle-test-client");
      await withChannel(`localhost:${server.port}`, { tls: { ca: certs("ca.pem") } }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Who")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      });
    } finally {
      await server.close();
    }
  });

  it("sends call credentials (a bearer token) over TLS, per channel and per call", async () => {
    const server = await startRawServer({ tls: serverTls() });
    echo(server);
    try {
      await withChannel(`localhost:${server.port}`, { tls: { ca: certs("ca.pem") }, callCredentials: bearerToken("abc") }, async (channel) => {
        const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
        assert.equal(await stub("x"), "x|auth=Bearer abc");
      });
      await withChannel(`localhost:${server.port}`, { tls: { ca: certs("ca.pem") } }, async (channel) => {
        const stub = createStub(channel, rawMethod("/t.S/Echo")) as Unary;
        assert.equal(await stub("y", { callCredentials: bearerToken(async () => "fresh") }), "y|auth=Bearer fresh");
        const failing = async () => {
          throw new Error("token service down");
        };
        await assert.rejects(stub("z", { callCredentials: failing }), (e: unknown) => e instanceof RpcError && e.code === Status.UNAUTHENTICATED && /token service down/.test(e.message));
      });
    } finally {
      await server.close();
    }
  });

  it("refuses to send call credentials in plaintext unless allowed", async () => {
    const server = await startRawServer();
    echo(server);
    try {
      await withChannel(server.target, { callCredentials: bearerToken("secret") }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Echo")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAUTHENTICATED && /TLS/.test(e.message));
      });
      await withChannel(server.target, { callCredentials: bearerToken("secret"), allowInsecureCallCredentials: true }, async (channel) => {
        assert.equal(await (createStub(channel, rawMethod("/t.S/Echo")) as Unary)("x"), "x|auth=Bearer secret");
      });
    } finally {
      await server.close();
    }
  });
});

describe("service config", () => {
  const retryConfig = (codes: string[], extra: object = {}) => ({
    methodConfig: [{ name: [{ service: "t.S" }], retryPolicy: { maxAttempts: 3, initialBackoff: "0.01s", maxBackoff: "0.05s", backoffMultiplier: 2, retryableStatusCodes: codes } }],
    ...extra,
  });
  const failTimes = (server: RawServer, path: string, times: number, code = "14", trailers: Record<string, string> = {}) => {
    let calls = 0;
    server.handle(path, async ({ stream, body }) => {
      await body();
      if (++calls <= times) stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": code, "grpc-message": `try ${calls}`, ...trailers }, { endStream: true });
      else reply(stream, [`ok after ${calls}`]);
    });
    return () => calls;
  };

  it("retries a retryable status and succeeds on a later attempt", async () => {
    const server = await startRawServer();
    const calls = failTimes(server, "/t.S/Flaky", 2);
    try {
      await withChannel(server.target, { serviceConfig: retryConfig(["UNAVAILABLE"]) }, async (channel) => {
        assert.equal(await (createStub(channel, rawMethod("/t.S/Flaky")) as Unary)("x"), "ok after 3");
        assert.equal(calls(), 3);
      });
    } finally {
      await server.close();
    }
  });

  it("gives up after maxAttempts with the last status, and never retries other codes", async () => {
    const server = await startRawServer();
    const calls = failTimes(server, "/t.S/Down", 10);
    const other = failTimes(server, "/t.S/Bad", 10, "3");
    try {
      await withChannel(server.target, { serviceConfig: JSON.stringify(retryConfig(["UNAVAILABLE"])) }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Down")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && e.rawMessage === "try 3");
        assert.equal(calls(), 3);
        await assert.rejects((createStub(channel, rawMethod("/t.S/Bad")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.INVALID_ARGUMENT);
        assert.equal(other(), 1);
      });
    } finally {
      await server.close();
    }
  });

  it("honours grpc-retry-pushback-ms: a malformed value stops retrying", async () => {
    const server = await startRawServer();
    const calls = failTimes(server, "/t.S/Push", 10, "14", { "grpc-retry-pushback-ms": "-1" });
    try {
      await withChannel(server.target, { serviceConfig: retryConfig(["UNAVAILABLE"]) }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Push")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
        assert.equal(calls(), 1);
      });
    } finally {
      await server.close();
    }
  });

  it("does not retry once response headers arrived (the call is committed)", async () => {
    const server = await startRawServer();
    let calls = 0;
    server.handle("/t.S/Committed", async ({ stream, body }) => {
      await body();
      calls++;
      reply(stream, [], { "grpc-status": "14" });
    });
    try {
      await withChannel(server.target, { serviceConfig: retryConfig(["UNAVAILABLE"]) }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Committed")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
        assert.equal(calls, 1);
      });
    } finally {
      await server.close();
    }
  });

  it("stops retrying when the throttle's tokens run low", async () => {
    const server = await startRawServer();
    const calls = failTimes(server, "/t.S/Storm", 100);
    try {
      await withChannel(server.target, { serviceConfig: retryConfig(["UNAVAILABLE"], { retryThrottling: { maxTokens: 2, tokenRatio: 0.1 } }) }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Storm")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
        // 2 tokens: the first failure leaves 1, which is not more than half: no retry.
        assert.equal(calls(), 1);
      });
    } finally {
      await server.close();
    }
  });

  it("applies the config's timeout and waitForReady defaults", async () => {
    const server = await startRawServer();
    server.handle("/t.S/Slow", () => undefined);
    try {
      const serviceConfig = { methodConfig: [{ name: [{ service: "t.S", method: "Slow" }], timeout: "0.1s" }] };
      await withChannel(server.target, { serviceConfig }, async (channel) => {
        const started = Date.now();
        await assert.rejects((createStub(channel, rawMethod("/t.S/Slow")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
        assert.ok(Date.now() - started < 2000);
      });
    } finally {
      await server.close();
    }
    const port = await freePort();
    const serviceConfig = { methodConfig: [{ name: [{}], waitForReady: true, timeout: "0.15s" }] };
    await withChannel(`127.0.0.1:${port}`, { serviceConfig, backoff: { initialBackoffMs: 20 } }, async (channel) => {
      // Waits (instead of failing fast with UNAVAILABLE) until the config's deadline.
      await assert.rejects((createStub(channel, rawMethod("/t.S/Echo")) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
    });
  });
});

describe("keepalive and interceptors", () => {
  it("sends keepalive PINGs while a call is open", async () => {
    const server = await startRawServer();
    let pings = 0;
    server.server.on("session", (s) => s.on("ping", () => pings++));
    server.handle("/t.S/Long", async ({ stream, body }) => {
      await body();
      setTimeout(() => reply(stream, ["late"]), 400);
    });
    try {
      await withChannel(server.target, { keepaliveTimeMs: 50 }, async (channel) => {
        assert.equal(await (createStub(channel, rawMethod("/t.S/Long")) as Unary)("x"), "late");
      });
      assert.ok(pings >= 1, `server saw ${pings} pings`);
    } finally {
      await server.close();
    }
  });

  it("runs channel interceptors outside client interceptors, for unary and streaming calls", async () => {
    const server = await startRawServer();
    server.handle("/t.S/Echo", async ({ stream, headers, body }) => {
      const [msg] = unframe(await body());
      reply(stream, [`${msg}|${headers["x-order"]}`], { "grpc-status": "0", "x-t": "1" });
    });
    server.handle("/t.S/List", async ({ stream, headers, body }) => {
      await body();
      reply(stream, ["a", `b|${headers["x-order"]}`]);
    });
    const log: string[] = [];
    const tag = (name: string): ClientInterceptor => (next) => async (req) => {
      const prior = req.metadata.get("x-order");
      req.metadata.set("x-order", prior ? `${prior},${name}` : name);
      log.push(`${name}>${req.stream ? "stream" : "unary"}`);
      const res = await next(req);
      log.push(`${name}<${res.headers instanceof Metadata}`);
      return res;
    };
    try {
      await withChannel(server.target, { interceptors: [tag("channel")] }, async (channel) => {
        const service = { typeName: "t.S", methods: { echo: rawMethod("/t.S/Echo"), list: rawMethod("/t.S/List", "server_streaming") } };
        const client = createClient(service, channel, { interceptors: [tag("client")] }) as unknown as { echo: Unary; list: (r: unknown) => AsyncIterable<string> };
        assert.equal(await client.echo("x"), "x|channel,client");
        assert.deepEqual(log, ["channel>unary", "client>unary", "client<true", "channel<true"]);
        const got: string[] = [];
        for await (const m of client.list("y")) got.push(m);
        assert.deepEqual(got, ["a", "b|channel,client"]);
      });
    } finally {
      await server.close();
    }
  });

  it("lets an interceptor fail a call with its own RpcError", async () => {
    const server = await startRawServer();
    echo(server);
    const deny: ClientInterceptor = () => async () => {
      throw new RpcError(Status.PERMISSION_DENIED, "not today");
    };
    try {
      await withChannel(server.target, { interceptors: [deny] }, async (channel) => {
        await assert.rejects((createStub(channel, rawMethod("/t.S/Echo"), [deny]) as Unary)("x"), (e: unknown) => e instanceof RpcError && e.code === Status.PERMISSION_DENIED);
      });
    } finally {
      await server.close();
    }
  });
});
