// The server's call behaviour, driven by @grpc/grpc-js (an independent client) and raw node:http2.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import { gunzipSync } from "node:zlib";
import * as grpc from "@grpc/grpc-js";
import { RpcError, Status, decodeStatusDetailsBin, type ServerInterceptor } from "../src/grpc/index.js";
import { createServer, type Server, type ServerContext } from "../src/server/index.js";
import { currentCallContext, enableCallContext, isCallContextEnabled } from "../src/node/index.js";
import { Echo, collect, frame, fromJsonBytes, grpcHeaders, jsonClient, rawRequest, statusOf, toJsonBytes, unframe } from "./server-helpers.js";

type Json = Record<string, unknown>;

/** What handlers observed, for assertions. */
const seen: { signals: Map<string, AbortSignal>; logged: unknown[]; yielded: number } = { signals: new Map(), logged: [], yielded: 0 };

function waitAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
}

const handlers = {
  async unary(req: unknown, ctx: ServerContext): Promise<unknown> {
    const r = req as Json;
    switch (r.mode) {
      case "echo-metadata": {
        ctx.sendHeader({ "x-header": String(ctx.metadata.get("x-in") ?? "") });
        ctx.setTrailer({ "x-trailer": "t1", "x-bin-bin": new Uint8Array([1, 2, 3]) });
        return { path: ctx.path, method: ctx.method.name, peer: ctx.peer, deadline: ctx.deadline ?? null };
      }
      case "context-misuse": {
        ctx.sendHeader();
        const thrown: string[] = [];
        for (const misuse of [() => ctx.sendHeader(), () => ctx.setCompression("gzip")]) {
          try {
            misuse();
          } catch (e) {
            thrown.push((e as Error).message);
          }
        }
        return { thrown };
      }
      case "rpc-error":
        throw new RpcError(Status.NOT_FOUND, "no such thing: 100% gone", { metadata: { "x-why": "missing" } });
      case "rich-error":
        throw new RpcError(Status.INVALID_ARGUMENT, "bad id", {
          details: [{ typeName: "google.rpc.ErrorInfo", value: { reason: "BAD_ID", domain: "test.example" } }],
        });
      case "plain-error":
        throw new Error("secret database password in stack");
      case "wait-abort": {
        seen.signals.set(String(r.key), ctx.signal);
        await waitAbort(ctx.signal);
        return { never: true };
      }
      case "context":
        return { hasContext: currentCallContext() === ctx, remaining: ctx.timeRemaining() };
      case "big-response":
        return { data: "x".repeat(Number(r.size)) };
      case "compressed-response":
        ctx.setCompression("gzip");
        return { data: "y".repeat(1000), wasCompressed: ctx.isRequestCompressed, encoding: ctx.requestCompression };
      default:
        return { echo: r };
    }
  },
  async *serverStream(req: unknown, ctx: ServerContext): AsyncIterable<unknown> {
    const r = req as Json;
    if (r.mode === "slow-reader") {
      // Yields until the client stops reading; backpressure must stop us long before `count`.
      seen.signals.set("slow-reader", ctx.signal);
      for (let i = 0; i < Number(r.count); i++) {
        seen.yielded = i;
        yield { i, pad: "p".repeat(1024) };
      }
      return;
    }
    for (let i = 0; i < Number(r.count); i++) yield { i };
    if (r.fail === true) throw new RpcError(Status.ABORTED, "stopped after the messages");
  },
  async clientStream(requests: AsyncIterable<unknown>): Promise<unknown> {
    let sum = 0;
    let count = 0;
    for await (const r of requests) {
      sum += Number((r as Json).n);
      count++;
    }
    return { sum, count };
  },
  async *bidi(requests: AsyncIterable<unknown>, ctx: ServerContext): AsyncIterable<unknown> {
    ctx.sendHeader({ "x-bidi": "yes" });
    for await (const r of requests) yield { echo: (r as Json).n };
  },
};

describe("server calls", () => {
  let server: Server;
  let address: string;
  let client: ReturnType<typeof jsonClient>;
  const interceptorLog: string[] = [];

  before(async () => {
    const audit: ServerInterceptor<ServerContext> = (next) => async (req, ctx) => {
      interceptorLog.push(`${req.method.name}:${req.stream}`);
      if (ctx.metadata.get("x-deny") !== undefined) throw new RpcError(Status.PERMISSION_DENIED, "denied by interceptor");
      const res = await next(req, ctx);
      ctx.responseTrailers.set("x-intercepted", "1");
      return res;
    };
    server = createServer({
      interceptors: [audit],
      maxReceiveMessageBytes: 64 * 1024,
      maxSendMessageBytes: 64 * 1024,
      onError: (e) => seen.logged.push(e),
    });
    server.addService(Echo, handlers);
    const port = await server.listen("127.0.0.1:0");
    address = `127.0.0.1:${port}`;
    client = jsonClient(address, { "grpc.max_receive_message_length": 1024 * 1024, "grpc.max_send_message_length": 1024 * 1024 });
  });

  after(async () => {
    client.close();
    await server.shutdown({ graceMs: 100 });
  });

  it("answers a unary call with headers, the message and trailers", async () => {
    const md = new grpc.Metadata();
    md.set("x-in", "hello");
    let trailers: grpc.Metadata | undefined;
    const res = await new Promise<{ value: Json; headers: grpc.Metadata }>((resolve, reject) => {
      let headers!: grpc.Metadata;
      const call = client.client.makeUnaryRequest(
        "/test.Echo/Unary",
        (v: unknown) => Buffer.from(toJsonBytes(v)),
        (b: Buffer) => fromJsonBytes(b),
        { mode: "echo-metadata" },
        md,
        { deadline: Date.now() + 10_000 },
        (err, value) => (err ? reject(err) : resolve({ value: value as Json, headers })),
      );
      call.on("metadata", (h) => (headers = h));
      call.on("status", (s) => (trailers = s.metadata));
    });
    assert.equal(res.headers.get("x-header")[0], "hello");
    assert.equal(res.value.path, "/test.Echo/Unary");
    assert.equal(res.value.method, "Unary");
    assert.match(String(res.value.peer), /^127\.0\.0\.1:\d+$/);
    assert.ok(typeof res.value.deadline === "number" && res.value.deadline > Date.now());
    await new Promise((r) => setImmediate(r));
    assert.equal(trailers?.get("x-trailer")[0], "t1");
    assert.deepEqual([...(trailers?.get("x-bin-bin")[0] as Buffer)], [1, 2, 3]);
    assert.equal(trailers?.get("x-intercepted")[0], "1");
  });

  it("runs handlers outside any call context until a client enables it (no AsyncLocalStorage cost)", async () => {
    assert.equal(isCallContextEnabled(), false, "nothing in this test file loads the Spindle client");
    const { res } = await client.unary("/test.Echo/Unary", { mode: "context" });
    assert.equal((res as Json).hasContext, false);
  });

  it("runs the handler inside the call context, with timeRemaining from grpc-timeout", async () => {
    enableCallContext();
    const { res } = await client.unary("/test.Echo/Unary", { mode: "context" }, undefined, { deadline: Date.now() + 5000 });
    const r = res as Json;
    assert.equal(r.hasContext, true);
    assert.ok(Number(r.remaining) > 3000 && Number(r.remaining) <= 5000, `remaining ${r.remaining}`);
  });

  it("refuses to send headers twice or change compression once headers are out", async () => {
    const { res } = await client.unary("/test.Echo/Unary", { mode: "context-misuse" });
    const thrown = (res as { thrown: string[] }).thrown;
    assert.equal(thrown.length, 2);
    assert.match(thrown[0]!, /sendHeader: response headers were already sent/);
    assert.match(thrown[1]!, /setCompression: response headers were already sent/);
  });

  it("streams server responses in order", async () => {
    const out = await collect(client.serverStream("/test.Echo/ServerStream", { count: 5 }));
    assert.deepEqual(out, [0, 1, 2, 3, 4].map((i) => ({ i })));
  });

  it("sends the messages, then the error status, when a streaming handler throws", async () => {
    const stream = client.serverStream("/test.Echo/ServerStream", { count: 2, fail: true });
    const got: unknown[] = [];
    stream.on("data", (m) => got.push(m));
    const err = await new Promise<grpc.ServiceError>((resolve) => stream.on("error", resolve));
    assert.deepEqual(got, [{ i: 0 }, { i: 1 }]);
    assert.equal(err.code, Status.ABORTED);
    assert.equal(err.details, "stopped after the messages");
  });

  it("reads a client stream to its end", async () => {
    const { call, result } = client.clientStream("/test.Echo/ClientStream");
    for (let n = 1; n <= 10; n++) call.write({ n });
    call.end();
    assert.deepEqual(await result, { sum: 55, count: 10 });
  });

  it("answers a client stream with no messages", async () => {
    const { call, result } = client.clientStream("/test.Echo/ClientStream");
    call.end();
    assert.deepEqual(await result, { sum: 0, count: 0 });
  });

  it("plays ping-pong on a bidi stream", async () => {
    const call = client.bidi("/test.Echo/Bidi");
    const headers = new Promise<grpc.Metadata>((resolve) => call.on("metadata", resolve));
    const replies: unknown[] = [];
    for (let n = 0; n < 5; n++) {
      call.write({ n });
      replies.push(await new Promise((resolve) => call.once("data", resolve)));
    }
    call.end();
    await new Promise((resolve) => call.on("end", resolve));
    assert.deepEqual(replies, [0, 1, 2, 3, 4].map((n) => ({ echo: n })));
    assert.equal((await headers).get("x-bidi")[0], "yes");
  });

  it("sends an RpcError's code, message and metadata", async () => {
    const err = await client.unary("/test.Echo/Unary", { mode: "rpc-error" }).then(
      () => assert.fail("expected an error"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(err.code, Status.NOT_FOUND);
    assert.equal(err.details, "no such thing: 100% gone");
    assert.equal(err.metadata.get("x-why")[0], "missing");
  });

  it("turns an unexpected throw into UNKNOWN without leaking its message, and logs the cause", async () => {
    const before = seen.logged.length;
    const err = await client.unary("/test.Echo/Unary", { mode: "plain-error" }).then(
      () => assert.fail("expected an error"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(err.code, Status.UNKNOWN);
    assert.doesNotMatch(err.details, /secret|stack|at /);
    assert.ok(seen.logged.slice(before).some((e) => e instanceof Error && e.message.includes("secret")));
  });

  it("answers UNKNOWN and logs a clear error when a handler has the wrong shape for its method kind", async () => {
    const logged: unknown[] = [];
    const wrong = createServer({ onError: (e) => logged.push(e) });
    wrong.addService(Echo, {
      ...handlers,
      // A generator for a unary method, a plain async function for a server-streaming one.
      unary: async function* () {
        yield {};
      },
      serverStream: async () => ({ not: "a stream" }),
    } as never);
    const port = await wrong.listen("127.0.0.1:0");
    const c = jsonClient(`127.0.0.1:${port}`);
    try {
      const err = await c.unary("/test.Echo/Unary", {}).then(() => assert.fail("expected an error"), (e: grpc.ServiceError) => e);
      assert.equal(err.code, Status.UNKNOWN);
      const streamErr = await collect(c.serverStream("/test.Echo/ServerStream", {})).then(() => assert.fail("expected an error"), (e: grpc.ServiceError) => e);
      assert.equal(streamErr.code, Status.UNKNOWN);
      assert.match(String(logged[0]), /returned a stream, but unary methods answer with one message/);
      assert.match(String(logged[1]), /must return an AsyncIterable/);
    } finally {
      c.close();
      await wrong.shutdown({ graceMs: 100 });
    }
  });

  it("answers unknown services and methods with UNIMPLEMENTED", async () => {
    const cases = [
      { path: "/test.Nope/Unary", want: /unknown service test\.Nope/ },
      { path: "/test.Echo/Nope", want: /unknown method Nope for service test\.Echo/ },
    ];
    for (const c of cases) {
      const err = await client.unary(c.path, {}).then(
        () => assert.fail(`expected an error for ${c.path}`),
        (e: grpc.ServiceError) => e,
      );
      assert.equal(err.code, Status.UNIMPLEMENTED, c.path);
      assert.match(err.details, c.want);
    }
  });

  it("ends a call past its deadline with DEADLINE_EXCEEDED and aborts ctx.signal", async () => {
    // Raw HTTP/2, so that no client-side deadline races the server's.
    const session = http2.connect(`http://${address}`);
    try {
      const started = Date.now();
      const r = await rawRequest(session, grpcHeaders("/test.Echo/Unary", { "grpc-timeout": "100m" }), [
        frame(toJsonBytes({ mode: "wait-abort", key: "deadline" })),
      ]);
      assert.equal(statusOf(r).code, Status.DEADLINE_EXCEEDED);
      assert.ok(Date.now() - started >= 90, "not before the deadline");
      const signal = seen.signals.get("deadline")!;
      assert.ok(signal.aborted);
      assert.ok(signal.reason instanceof RpcError);
      assert.equal(signal.reason.code, Status.DEADLINE_EXCEEDED);
    } finally {
      session.close();
    }
  });

  it("gives grpc-js clients DEADLINE_EXCEEDED for a slow handler", async () => {
    const err = await client.unary("/test.Echo/Unary", { mode: "wait-abort", key: "deadline-js" }, undefined, { deadline: Date.now() + 100 }).then(
      () => assert.fail("expected an error"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(err.code, Status.DEADLINE_EXCEEDED);
    await waitAbort(seen.signals.get("deadline-js")!);
  });

  it("aborts ctx.signal with CANCELLED when the client cancels", async () => {
    const session = http2.connect(`http://${address}`);
    try {
      const stream = session.request(grpcHeaders("/test.Echo/Unary"));
      stream.on("error", () => {});
      stream.end(frame(toJsonBytes({ mode: "wait-abort", key: "cancel" })));
      while (!seen.signals.has("cancel")) await new Promise((r) => setTimeout(r, 5));
      stream.close(http2.constants.NGHTTP2_CANCEL);
      const signal = seen.signals.get("cancel")!;
      await waitAbort(signal);
      assert.equal((signal.reason as RpcError).code, Status.CANCELLED);
    } finally {
      session.close();
    }
  });

  it("lets an interceptor refuse a call", async () => {
    const md = new grpc.Metadata();
    md.set("x-deny", "1");
    const err = await client.unary("/test.Echo/Unary", {}, md).then(
      () => assert.fail("expected an error"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(err.code, Status.PERMISSION_DENIED);
    assert.ok(interceptorLog.includes("Unary:false"));
  });

  it("runs interceptors around streaming calls too, with stream: true", () => {
    // The calls of the tests above went through the interceptor.
    for (const want of ["ServerStream:true", "ClientStream:true", "Bidi:true"]) assert.ok(interceptorLog.includes(want), want);
  });

  it("refuses a request over maxReceiveMessageBytes with RESOURCE_EXHAUSTED", async () => {
    const err = await client.unary("/test.Echo/Unary", { pad: "z".repeat(100 * 1024) }).then(
      () => assert.fail("expected an error"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(err.code, Status.RESOURCE_EXHAUSTED);
  });

  it("refuses to send a response over maxSendMessageBytes with RESOURCE_EXHAUSTED", async () => {
    const err = await client.unary("/test.Echo/Unary", { mode: "big-response", size: 100 * 1024 }).then(
      () => assert.fail("expected an error"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(err.code, Status.RESOURCE_EXHAUSTED);
  });

  it("decompresses gzip requests and compresses responses the client accepts", async () => {
    const gz = jsonClient(address, { "grpc.default_compression_algorithm": 2 /* gzip */ });
    try {
      const { res } = await gz.unary("/test.Echo/Unary", { mode: "compressed-response", pad: "q".repeat(2000) });
      const r = res as Json;
      assert.equal(r.wasCompressed, true);
      assert.equal(r.encoding, "gzip");
      assert.equal(String(r.data).length, 1000);
    } finally {
      gz.close();
    }
    const session = http2.connect(`http://${address}`);
    try {
      const body = [frame(toJsonBytes({ mode: "compressed-response" }))];
      const accepted = await rawRequest(session, grpcHeaders("/test.Echo/Unary", { "grpc-accept-encoding": "identity,gzip" }), body);
      assert.equal(accepted.headers["grpc-encoding"], "gzip");
      assert.equal(accepted.body[0], 1, "the compressed flag is set");
      assert.deepEqual((fromJsonBytes(gunzipSync(unframe(accepted.body)[0]!)) as Json).data, "y".repeat(1000));
      // A client that does not accept gzip gets the message uncompressed.
      const plain = await rawRequest(session, grpcHeaders("/test.Echo/Unary"), body);
      assert.equal(plain.headers["grpc-encoding"], undefined);
      assert.equal(plain.body[0], 0);
    } finally {
      session.close();
    }
  });

  it("compresses every response with responseCompression when the client accepts it", async () => {
    const gz = createServer({ responseCompression: "gzip" });
    gz.addService(Echo, handlers);
    const port = await gz.listen("127.0.0.1:0");
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const body = [frame(toJsonBytes({ a: 1 }))];
      const accepted = await rawRequest(session, grpcHeaders("/test.Echo/Unary", { "grpc-accept-encoding": "gzip" }), body);
      assert.equal(accepted.headers["grpc-encoding"], "gzip");
      assert.deepEqual(fromJsonBytes(gunzipSync(unframe(accepted.body)[0]!)), { echo: { a: 1 } });
      const plain = await rawRequest(session, grpcHeaders("/test.Echo/Unary", { "grpc-accept-encoding": "deflate" }), body);
      assert.equal(plain.headers["grpc-encoding"], undefined);
      assert.equal(plain.body[0], 0);
    } finally {
      session.close();
      await gz.shutdown({ graceMs: 100 });
    }
  });

  it("sends a trailers-only response for an immediate error", async () => {
    const session = http2.connect(`http://${address}`);
    try {
      const r = await rawRequest(session, grpcHeaders("/test.Echo/Unary"), [frame(toJsonBytes({ mode: "rpc-error" }))]);
      assert.equal(r.headers["grpc-status"], String(Status.NOT_FOUND));
      assert.equal(r.headers["grpc-message"], "no such thing: 100%25 gone");
      assert.equal(r.body.length, 0);
      const ok = await rawRequest(session, grpcHeaders("/test.Echo/Unary"), [frame(toJsonBytes({ a: 1 }))]);
      assert.deepEqual(statusOf(ok).code, 0);
      assert.deepEqual(fromJsonBytes(unframe(ok.body)[0]!), { echo: { a: 1 } });
    } finally {
      session.close();
    }
  });

  it("sends RpcError details as google.rpc.Status in grpc-status-details-bin", async () => {
    const session = http2.connect(`http://${address}`);
    try {
      const r = await rawRequest(session, grpcHeaders("/test.Echo/Unary"), [frame(toJsonBytes({ mode: "rich-error" }))]);
      assert.equal(statusOf(r).code, Status.INVALID_ARGUMENT);
      const details = decodeStatusDetailsBin(r.headers["grpc-status-details-bin"] as string, Status.INVALID_ARGUMENT);
      assert.equal(details.length, 1);
      assert.equal(details[0]!.typeName, "google.rpc.ErrorInfo");
      assert.equal(details[0]!.value?.reason, "BAD_ID");
      assert.equal(details[0]!.value?.domain, "test.example");
    } finally {
      session.close();
    }
  });

  it("stops pulling a server-streaming handler while the client does not read", async () => {
    const session = http2.connect(`http://${address}`);
    try {
      const stream = session.request(grpcHeaders("/test.Echo/ServerStream"));
      stream.on("error", () => {});
      stream.end(frame(toJsonBytes({ mode: "slow-reader", count: 100_000 })));
      stream.pause();
      // Let the server fill the flow-control windows and the socket buffers.
      let last = -1;
      for (let i = 0; i < 50 && seen.yielded !== last; i++) {
        last = seen.yielded;
        await new Promise((r) => setTimeout(r, 40));
      }
      assert.ok(seen.yielded < 5_000, `the handler ran ahead to message ${seen.yielded}`);
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await waitAbort(seen.signals.get("slow-reader")!);
    } finally {
      session.close();
    }
  });

  it("finishes a client-streaming call whose handler answers before the client stops sending", async () => {
    const early = createServer();
    early.addService(Echo, {
      ...handlers,
      async clientStream(requests: AsyncIterable<unknown>) {
        for await (const _ of requests) return { first: true };
        return { first: false };
      },
    });
    const port = await early.listen("127.0.0.1:0");
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const stream = session.request(grpcHeaders("/test.Echo/ClientStream"));
      const done = rawResult(stream);
      const chunk = frame(toJsonBytes({ n: 1, pad: "e".repeat(16 * 1024) }));
      // Far more than the flow-control windows hold: the server must keep reading (and discarding).
      for (let i = 0; i < 100 && !stream.closed; i++) {
        if (!stream.write(chunk)) await new Promise((r) => stream.once("drain", r));
      }
      if (!stream.closed) stream.end();
      const r = await done;
      assert.equal(statusOf(r).code, 0);
      assert.deepEqual(fromJsonBytes(unframe(r.body)[0]!), { first: true });
    } finally {
      session.close();
      await early.shutdown({ graceMs: 100 });
    }
  });

  it("ends a client-streaming call whose handler fails without reading while the client floods it", async () => {
    const failing = createServer({ onError: () => {} });
    failing.addService(Echo, {
      ...handlers,
      async clientStream() {
        await new Promise((r) => setTimeout(r, 50));
        throw new RpcError(Status.FAILED_PRECONDITION, "not now");
      },
    });
    const port = await failing.listen("127.0.0.1:0");
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const stream = session.request(grpcHeaders("/test.Echo/ClientStream"));
      const done = rawResult(stream);
      const chunk = frame(toJsonBytes({ n: 1, pad: "f".repeat(4 * 1024) }));
      let isClosed = false;
      stream.on("close", () => (isClosed = true));
      for (let i = 0; i < 300 && !isClosed; i++) {
        if (!stream.write(chunk)) await Promise.race([new Promise((r) => stream.once("drain", r)), done]);
      }
      if (!isClosed) stream.end();
      const r = await done;
      assert.equal(statusOf(r).code, Status.FAILED_PRECONDITION);
    } finally {
      session.close();
      await failing.shutdown({ graceMs: 100 });
    }
  });

  it("keeps the request side bounded when a streaming handler does not read", async () => {
    const stalled = createServer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    stalled.addService(Echo, {
      ...handlers,
      async clientStream(requests: AsyncIterable<unknown>) {
        await gate;
        let count = 0;
        for await (const _ of requests) count++;
        return { count };
      },
    });
    const port = await stalled.listen("127.0.0.1:0");
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const stream = session.request(grpcHeaders("/test.Echo/ClientStream"));
      const chunk = frame(toJsonBytes({ n: 1, pad: "w".repeat(16 * 1024) }));
      let written = 0;
      while (written < 400) {
        written++;
        if (!stream.write(chunk)) break;
      }
      // The write buffer filled before 400 × 16 KiB went out: the server is not swallowing everything.
      assert.ok(written < 400, `wrote ${written} frames without backpressure`);
      const done = rawResult(stream);
      release();
      for (let i = written; i < 400; i++) {
        if (!stream.write(chunk)) await new Promise((r) => stream.once("drain", r));
      }
      stream.end();
      const r = await done;
      assert.equal(statusOf(r).code, 0);
      assert.deepEqual(fromJsonBytes(unframe(r.body)[0]!), { count: 400 });
    } finally {
      session.close();
      await stalled.shutdown({ graceMs: 100 });
    }
  });
});

function rawResult(stream: http2.ClientHttp2Stream): Promise<{ headers: http2.IncomingHttpHeaders; trailers: http2.IncomingHttpHeaders; body: Buffer; rstCode: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let headers: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    stream.on("response", (h) => (headers = h));
    stream.on("trailers", (t) => (trailers = t));
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("error", () => {});
    stream.on("close", () => resolve({ headers, trailers, body: Buffer.concat(chunks), rstCode: stream.rstCode ?? 0 }));
  });
}
