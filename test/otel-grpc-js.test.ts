// Trace context between Spindle and an independent implementation (@grpc/grpc-js), in both directions, with
// the globally registered propagator (the default of both interceptors).
import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { SpanKind, SpanStatusCode, propagation } from "@opentelemetry/api";
import { RpcError, Status } from "../src/grpc/index.js";
import { createChannel, createClient, type Channel } from "../src/client/index.js";
import { createServer, type Server, type ServerContext } from "../src/server/index.js";
import { createW3CTraceContextPropagator, otelClientInterceptor, otelServerInterceptor } from "../src/otel/index.js";
import { createTelemetry, messageEvents, spanNamed } from "./otel-helpers.js";
import { Echo, fromJsonBytes, jsonClient, toJsonBytes } from "./server-helpers.js";

type Json = Record<string, unknown>;

describe("otel interop with @grpc/grpc-js", () => {
  const telemetry = createTelemetry();
  const providers = { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider };
  const seen: { traceparent: unknown[]; tracestate: unknown[] } = { traceparent: [], tracestate: [] };
  let grpcServer: grpc.Server;
  let channel: Channel;
  let spindleServer: Server;
  let spindlePort: number;

  before(async () => {
    propagation.setGlobalPropagator(createW3CTraceContextPropagator());
    grpcServer = new grpc.Server();
    const ser = (v: unknown) => Buffer.from(toJsonBytes(v));
    const de = (b: Buffer) => fromJsonBytes(b);
    const common = { requestSerialize: ser, requestDeserialize: de, responseSerialize: ser, responseDeserialize: de };
    grpcServer.addService(
      {
        Unary: { path: Echo.methods.unary.path, requestStream: false, responseStream: false, ...common },
        ServerStream: { path: Echo.methods.serverStream.path, requestStream: false, responseStream: true, ...common },
      },
      {
        Unary: (call: grpc.ServerUnaryCall<Json, Json>, callback: grpc.sendUnaryData<Json>) => {
          seen.traceparent = call.metadata.get("traceparent");
          seen.tracestate = call.metadata.get("tracestate");
          if (call.request.fail) callback({ code: grpc.status.PERMISSION_DENIED, details: "not you" });
          else callback(null, { ok: true });
        },
        ServerStream: (call: grpc.ServerWritableStream<Json, Json>) => {
          seen.traceparent = call.metadata.get("traceparent");
          for (let i = 0; i < Number(call.request.count); i++) call.write({ i });
          call.end();
        },
      },
    );
    const port = await new Promise<number>((resolve, reject) =>
      grpcServer.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    const target = `127.0.0.1:${port}`;
    channel = createChannel(target, { interceptors: [otelClientInterceptor({ ...providers, target })] });
    spindleServer = createServer({ interceptors: [otelServerInterceptor<ServerContext>(providers)] });
    spindleServer.addService(Echo, {
      unary: async (req: unknown) => ({ echo: req }),
      async *serverStream() {},
      clientStream: async () => ({}),
      async *bidi() {},
    } as never);
    spindlePort = await spindleServer.listen("127.0.0.1:0");
  });
  after(async () => {
    channel.close();
    await new Promise<void>((resolve) => grpcServer.tryShutdown(() => resolve()));
    await spindleServer.shutdown();
    propagation.disable();
    await telemetry.close();
  });
  beforeEach(() => {
    telemetry.spanExporter.reset();
    seen.traceparent = [];
    seen.tracestate = [];
  });

  it("sends one well-formed traceparent naming the client span to a grpc-js server", async () => {
    const client = createClient(Echo, channel) as unknown as { unary(r: Json): Promise<Json> };
    assert.deepEqual(await client.unary({ hi: 1 }), { ok: true });
    const span = spanNamed(await telemetry.spans(1), "test.Echo/Unary", SpanKind.CLIENT);
    assert.equal(seen.traceparent.length, 1);
    const value = String(seen.traceparent[0]);
    assert.match(value, /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    assert.equal(value, `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    // No trace state to carry, so no empty tracestate header either.
    assert.deepEqual(seen.tracestate, []);
    assert.deepEqual(messageEvents(span), ["SENT:1", "RECEIVED:1"]);
  });

  it("records a grpc-js server's error status on the client span", async () => {
    const client = createClient(Echo, channel) as unknown as { unary(r: Json): Promise<Json> };
    await assert.rejects(client.unary({ fail: true }), (e: unknown) => e instanceof RpcError && e.code === Status.PERMISSION_DENIED);
    const span = spanNamed(await telemetry.spans(1), "test.Echo/Unary", SpanKind.CLIENT);
    assert.equal(span.attributes["rpc.grpc.status_code"], Status.PERMISSION_DENIED);
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(seen.traceparent.length, 1);
  });

  it("counts the messages of a grpc-js server stream", async () => {
    const client = createClient(Echo, channel) as unknown as { serverStream(r: Json): AsyncIterable<Json> };
    const got: Json[] = [];
    for await (const m of client.serverStream({ count: 4 })) got.push(m);
    assert.equal(got.length, 4);
    const span = spanNamed(await telemetry.spans(1), "test.Echo/ServerStream", SpanKind.CLIENT);
    assert.deepEqual(messageEvents(span), ["SENT:1", "RECEIVED:1", "RECEIVED:2", "RECEIVED:3", "RECEIVED:4"]);
    assert.equal(String(seen.traceparent[0]), `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
  });

  it("leaves methods the filter excludes untraced, without trace context in their metadata", async () => {
    const filtered = createChannel(channel.target, {
      interceptors: [otelClientInterceptor({ ...providers, filter: (m) => m.path !== Echo.methods.unary.path })],
    });
    try {
      const client = createClient(Echo, filtered) as unknown as { unary(r: Json): Promise<Json>; serverStream(r: Json): AsyncIterable<Json> };
      assert.deepEqual(await client.unary({}), { ok: true });
      assert.deepEqual(seen.traceparent, []);
      for await (const _ of client.serverStream({ count: 1 }));
      const spans = await telemetry.spans(1);
      assert.deepEqual(spans.map((s) => s.name), ["test.Echo/ServerStream"]);
    } finally {
      filtered.close();
    }
  });

  it("continues the trace a grpc-js client sends to a Spindle server", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const parentId = "00f067aa0ba902b7";
    const md = new grpc.Metadata();
    md.set("traceparent", `00-${traceId}-${parentId}-01`);
    md.set("tracestate", "congo=t61rcWkgMzE");
    const client = jsonClient(`127.0.0.1:${spindlePort}`);
    try {
      await client.unary(Echo.methods.unary.path, { x: 1 }, md);
    } finally {
      client.close();
    }
    const span = spanNamed(await telemetry.spans(1), "test.Echo/Unary", SpanKind.SERVER);
    assert.equal(span.spanContext().traceId, traceId);
    assert.equal(span.parentSpanContext?.spanId, parentId);
    assert.equal(span.spanContext().traceState?.get("congo"), "t61rcWkgMzE");
  });

  it("starts a new trace on a Spindle server when a grpc-js client sends a malformed traceparent", async () => {
    const md = new grpc.Metadata();
    md.set("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
    const client = jsonClient(`127.0.0.1:${spindlePort}`);
    try {
      await client.unary(Echo.methods.unary.path, { x: 1 }, md);
    } finally {
      client.close();
    }
    const span = spanNamed(await telemetry.spans(1), "test.Echo/Unary", SpanKind.SERVER);
    assert.equal(span.parentSpanContext, undefined);
    assert.notEqual(span.spanContext().traceId, "00000000000000000000000000000000");
  });
});
