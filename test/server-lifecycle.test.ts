// The server's life: listening (TCP, unix sockets, TLS, mTLS), connection management (keepalive, ping
// policy, idle and age limits, concurrent streams), registration errors, graceful and forced shutdown.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import { Status } from "../src/grpc/index.js";
import { createServer, parseListenAddress, type ServerContext, type ServerOptions } from "../src/server/index.js";
import { Echo, frame, grpcHeaders, jsonClient, rawRequest, statusOf, toJsonBytes } from "./server-helpers.js";

function certs(): { ca: string; key: string; cert: string; clientKey: string; clientCert: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const read = (f: string): string => readFileSync(join(dir, "interop", "certs", f), "utf8");
      return { ca: read("ca.pem"), key: read("server.key"), cert: read("server.pem"), clientKey: read("client.key"), clientCert: read("client.pem") };
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error("interop/certs not found");
}

function waitAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
}

/** A server whose Unary handler reports its ctx and can be held open until released. */
function echoServer(options: ServerOptions = {}) {
  const contexts: ServerContext[] = [];
  const server = createServer({ onError: () => {}, ...options });
  server.addService(Echo, {
    async unary(req: unknown, ctx: ServerContext) {
      contexts.push(ctx);
      const r = req as { holdMs?: number; untilAbort?: boolean };
      if (r.untilAbort) await waitAbort(ctx.signal);
      if (r.holdMs) await new Promise((resolve) => setTimeout(resolve, r.holdMs));
      return { peer: ctx.peer, cn: (ctx.peerCertificate?.subject as { CN?: string } | undefined)?.CN ?? null };
    },
    async *serverStream() {},
    async clientStream() {
      return {};
    },
    async *bidi() {},
  });
  return { server, contexts };
}

describe("parseListenAddress", () => {
  const table: { in: string; want?: ReturnType<typeof parseListenAddress>; error?: RegExp }[] = [
    { in: "127.0.0.1:50051", want: { host: "127.0.0.1", port: 50051 } },
    { in: "[::]:0", want: { host: "::", port: 0 } },
    { in: "localhost:8080", want: { host: "localhost", port: 8080 } },
    { in: ":9000", want: { host: "::", port: 9000 } },
    { in: "unix:/tmp/a.sock", want: { path: "/tmp/a.sock" } },
    { in: "unix:///tmp/a.sock", want: { path: "/tmp/a.sock" } },
    { in: "unix:", error: /empty unix socket path/ },
    { in: "localhost", error: /expected "host:port"/ },
    { in: "localhost:http", error: /invalid port/ },
    { in: "localhost:70000", error: /invalid port/ },
  ];
  for (const c of table) {
    it(`${c.in} → ${c.error ? "error" : JSON.stringify(c.want)}`, () => {
      if (c.error) assert.throws(() => parseListenAddress(c.in), c.error);
      else assert.deepEqual(parseListenAddress(c.in), c.want);
    });
  }
});

describe("server registration and options", () => {
  it("refuses an implementation that lacks a method, naming it", () => {
    const server = createServer();
    assert.throws(
      () => server.addService(Echo, { async unary() { return {}; } } as never),
      /test\.Echo lacks serverStream\(\), clientStream\(\), bidi\(\)/,
    );
  });

  it("refuses to register a service twice", () => {
    const { server } = echoServer();
    assert.throws(() => server.addService(Echo, { async unary() { return {}; }, async *serverStream() {}, async clientStream() { return {}; }, async *bidi() {} }), /already registered/);
  });

  it("rejects invalid options with the option's name", () => {
    assert.throws(() => createServer({ maxReceiveMessageBytes: -1 }), /maxReceiveMessageBytes/);
    assert.throws(() => createServer({ responseCompression: "br" }), /responseCompression "br"/);
  });

  it("treats durations beyond node's timer range as never, instead of firing at once", async () => {
    const month = 30 * 24 * 60 * 60 * 1000;
    const { server } = echoServer({ maxConnectionIdleMs: month, maxConnectionAgeMs: month, keepalive: { timeMs: month, timeoutMs: month } });
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    try {
      let isGone = false;
      session.on("goaway", () => (isGone = true));
      await new Promise((r) => setTimeout(r, 50));
      const r = await rawRequest(session, grpcHeaders("/test.Echo/Unary"), [frame(toJsonBytes({}))]);
      assert.equal(statusOf(r).code, 0);
      assert.equal(isGone, false);
    } finally {
      session.close();
      await server.shutdown({ graceMs: 100 });
    }
  });

  it("rejects listening on an address in use", async () => {
    const a = echoServer().server;
    const b = echoServer().server;
    const port = await a.listen("127.0.0.1:0");
    try {
      await assert.rejects(b.listen(`127.0.0.1:${port}`), /EADDRINUSE/);
    } finally {
      await a.shutdown({ graceMs: 100 });
      await b.shutdown({ graceMs: 100 });
    }
  });
});

describe("server listening", () => {
  it("serves on a unix socket", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spindle-unix-"));
    const path = join(dir, "s.sock");
    const { server } = echoServer();
    assert.equal(await server.listen(`unix:${path}`), 0);
    const client = jsonClient(`unix:${path}`);
    try {
      const { res } = await client.unary("/test.Echo/Unary", {});
      assert.equal((res as { peer: string }).peer, `unix:${path}`);
    } finally {
      client.close();
      await server.shutdown({ graceMs: 100 });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("serves TLS", async () => {
    const c = certs();
    const { server } = echoServer({ tls: { key: c.key, cert: c.cert } });
    const port = await server.listen("127.0.0.1:0");
    const client = new grpc.Client(`localhost:${port}`, grpc.credentials.createSsl(Buffer.from(c.ca)));
    try {
      const res = await unaryOn(client, {});
      assert.equal(res.cn, null);
    } finally {
      client.close();
      await server.shutdown({ graceMs: 100 });
    }
  });

  it("requires and exposes a client certificate with mTLS", async () => {
    const c = certs();
    const { server } = echoServer({ tls: { key: c.key, cert: c.cert, ca: c.ca, requireClientCert: true } });
    const port = await server.listen("127.0.0.1:0");
    const withCert = new grpc.Client(`localhost:${port}`, grpc.credentials.createSsl(Buffer.from(c.ca), Buffer.from(c.clientKey), Buffer.from(c.clientCert)));
    const withoutCert = new grpc.Client(`localhost:${port}`, grpc.credentials.createSsl(Buffer.from(c.ca)));
    try {
      const res = await unaryOn(withCert, {});
      assert.equal(res.cn, "spindle-test-client");
      await assert.rejects(unaryOn(withoutCert, {}, { deadline: Date.now() + 2000 }), (e: grpc.ServiceError) => e.code === Status.UNAVAILABLE || e.code === Status.DEADLINE_EXCEEDED);
    } finally {
      withCert.close();
      withoutCert.close();
      await server.shutdown({ graceMs: 100 });
    }
  });
});

function unaryOn(client: grpc.Client, req: unknown, options: grpc.CallOptions = {}): Promise<{ peer: string; cn: string | null }> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      "/test.Echo/Unary",
      (v: unknown) => Buffer.from(toJsonBytes(v)),
      (b: Buffer) => JSON.parse(b.toString()),
      req,
      new grpc.Metadata(),
      options,
      (err, value) => (err ? reject(err) : resolve(value as { peer: string; cn: string | null })),
    );
  });
}

function connect(port: number): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.once("connect", () => resolve(session));
    session.once("error", reject);
  });
}

describe("server connections", () => {
  it("advertises maxConcurrentStreams", async () => {
    const { server } = echoServer({ maxConcurrentStreams: 7 });
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    try {
      await new Promise((r) => (session.remoteSettings.maxConcurrentStreams === 7 ? r(undefined) : session.once("remoteSettings", r)));
      assert.equal(session.remoteSettings.maxConcurrentStreams, 7);
    } finally {
      session.close();
      await server.shutdown({ graceMs: 100 });
    }
  });

  it("answers a client that pings too often with GOAWAY ENHANCE_YOUR_CALM too_many_pings", async () => {
    const { server } = echoServer({ keepalive: { minPingIntervalMs: 10_000, maxPingStrikes: 2, permitWithoutCalls: true } });
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    session.on("error", () => {});
    try {
      const goaway = new Promise<{ code: number; data: string }>((resolve) =>
        session.once("goaway", (code, _last, data) => resolve({ code, data: data?.toString() ?? "" })),
      );
      for (let i = 0; i < 5 && !session.destroyed; i++) {
        await new Promise<void>((resolve) => {
          try {
            session.ping(() => resolve());
          } catch {
            resolve();
          }
        });
      }
      const got = await goaway;
      assert.equal(got.code, http2.constants.NGHTTP2_ENHANCE_YOUR_CALM);
      assert.equal(got.data, "too_many_pings");
    } finally {
      session.destroy();
      await server.shutdown({ graceMs: 100 });
    }
  });

  it("pings the client at keepalive.timeMs, and does not count the acks against the client", async () => {
    const { server } = echoServer({ keepalive: { timeMs: 20, timeoutMs: 1000 } });
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    let isGone = false;
    session.on("goaway", () => (isGone = true));
    try {
      // Three pings on an idle connection: the ping policy (2 strikes) would have sent GOAWAY if the client's
      // acks counted as client pings.
      for (let i = 0; i < 4; i++) await new Promise((resolve) => session.once("ping", resolve));
      assert.equal(isGone, false);
    } finally {
      session.close();
      await server.shutdown({ graceMs: 100 });
    }
  });

  it("sends GOAWAY to a connection idle for maxConnectionIdleMs", async () => {
    const { server } = echoServer({ maxConnectionIdleMs: 50 });
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    try {
      // (Timing-free: a connection that never carries a call is idle from its start.)
      const code = await new Promise((resolve) => session.once("goaway", resolve));
      assert.equal(code, http2.constants.NGHTTP2_NO_ERROR);
    } finally {
      session.destroy();
      await server.shutdown({ graceMs: 100 });
    }
  });

  it("sends GOAWAY at maxConnectionAgeMs and lets the call in flight finish", async () => {
    const { server } = echoServer({ maxConnectionAgeMs: 300, maxConnectionAgeGraceMs: 5000 });
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    try {
      const goaway = new Promise((resolve) => session.once("goaway", resolve));
      const call = rawRequest(session, grpcHeaders("/test.Echo/Unary"), [frame(toJsonBytes({ holdMs: 700 }))]);
      await goaway;
      assert.equal(statusOf(await call).code, 0);
    } finally {
      session.destroy();
      await server.shutdown({ graceMs: 100 });
    }
  });
});

describe("server shutdown", () => {
  it("drains calls in flight, refuses new connections, then resolves", async () => {
    const { server, contexts } = echoServer();
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    try {
      const call = rawRequest(session, grpcHeaders("/test.Echo/Unary"), [frame(toJsonBytes({ holdMs: 150 }))]);
      while (contexts.length === 0) await new Promise((r) => setTimeout(r, 5));
      const done = server.shutdown({ graceMs: 5000 });
      assert.equal(statusOf(await call).code, 0, "the call in flight completes");
      await done;
      await assert.rejects(connect(port));
    } finally {
      session.destroy();
    }
  });

  it("cancels calls still running after the grace period and aborts their ctx.signal", async () => {
    const { server, contexts } = echoServer();
    const port = await server.listen("127.0.0.1:0");
    const session = await connect(port);
    session.on("error", () => {});
    try {
      const call = rawRequest(session, grpcHeaders("/test.Echo/Unary"), [frame(toJsonBytes({ untilAbort: true }))]);
      while (contexts.length === 0) await new Promise((r) => setTimeout(r, 5));
      await server.shutdown({ graceMs: 50 });
      const r = await call;
      assert.equal(statusOf(r).code, Status.UNAVAILABLE);
      assert.match(String(statusOf(r).message), /shutting down/);
      assert.ok(contexts[0]!.signal.aborted);
    } finally {
      session.destroy();
    }
  });

  it("forceShutdown cancels everything at once", async () => {
    const { server, contexts } = echoServer();
    const port = await server.listen("127.0.0.1:0");
    const client = jsonClient(`127.0.0.1:${port}`);
    try {
      const call = client.unary("/test.Echo/Unary", { untilAbort: true });
      while (contexts.length === 0) await new Promise((r) => setTimeout(r, 5));
      server.forceShutdown();
      await assert.rejects(call, (e: grpc.ServiceError) => e.code === Status.UNAVAILABLE && /shut down/.test(e.details));
      await waitAbort(contexts[0]!.signal);
    } finally {
      client.close();
    }
  });
});
