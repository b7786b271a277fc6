// OpenTelemetry interceptors on an in-process Spindle server and client, judged with the SDK's in-memory
// exporters: span linkage across the wire, semantic-convention attributes, statuses, message counts, metrics.
import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, createTraceState, trace } from "@opentelemetry/api";
import { loadProto } from "../src/compiler/index.js";
import { RpcError, Status, serviceFromDesc, type HandlerContext } from "../src/grpc/index.js";
import { createServer, type Server, type ServerContext } from "../src/server/index.js";
import { createChannel, createClient, type Channel } from "../src/client/index.js";
import { createW3CTraceContextPropagator, otelClientInterceptor, otelServerInterceptor } from "../src/otel/index.js";
import { createTelemetry, messageEvents, spanNamed } from "./otel-helpers.js";

const registry = loadProto("otel/v1/traced.proto", {
  sources: {
    "otel/v1/traced.proto": `syntax = "proto3"; package otel.v1;
      message Req { string id = 1; int32 count = 2; string fail = 3; }
      message Res { string id = 1; int32 n = 2; string active_span = 3; string traceparent = 4; }
      service Traced {
        rpc Unary(Req) returns (Res);
        rpc ServerStream(Req) returns (stream Res);
        rpc ClientStream(stream Req) returns (Res);
        rpc Bidi(stream Req) returns (stream Res);
      }`,
  },
});
const Traced = serviceFromDesc(registry.getService("otel.v1.Traced")!);

interface Req {
  id: string;
  count: number;
  fail: string;
}

/** The span the handler runs in, as its id. */
function activeSpanId(): string {
  return trace.getActiveSpan()?.spanContext().spanId ?? "";
}

function failIfAsked(req: Req): void {
  if (req.fail === "not-found") throw new RpcError(Status.NOT_FOUND, "no such thing");
  if (req.fail === "internal") throw new RpcError(Status.INTERNAL, "broken invariant");
  if (req.fail === "crash") throw new Error("plain failure");
}

const handlers = {
  async unary(req: Req, ctx: HandlerContext) {
    if (req.fail === "slow") {
      // Outlives the deadline and then answers anyway, as a handler that ignores its signal does.
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
      return { id: "too late" };
    }
    failIfAsked(req);
    return { id: req.id, activeSpan: activeSpanId(), traceparent: String(ctx.metadata.get("traceparent") ?? "") };
  },
  async *serverStream(req: Req, ctx: HandlerContext) {
    if (req.fail === "hang") {
      // One message, then wait for the client to go away.
      yield { n: 0 };
      await new Promise((resolve) => (ctx.signal.aborted ? resolve(undefined) : ctx.signal.addEventListener("abort", resolve, { once: true })));
      return;
    }
    for (let i = 0; i < req.count; i++) yield { n: i, activeSpan: activeSpanId() };
    failIfAsked(req);
  },
  async clientStream(requests: AsyncIterable<Req>) {
    let n = 0;
    for await (const r of requests) {
      failIfAsked(r);
      n++;
    }
    return { n };
  },
  async *bidi(requests: AsyncIterable<Req>) {
    for await (const r of requests) yield { id: r.id, activeSpan: activeSpanId() };
  },
};

type Res = { id: string; n: number; activeSpan: string; traceparent: string };
interface TracedClient {
  unary(req: Partial<Req>, options?: { timeout?: number }): Promise<Res>;
  serverStream(req: Partial<Req>): AsyncIterable<Res>;
  clientStream(reqs: Iterable<Partial<Req>>): Promise<Res>;
  bidi(reqs: Iterable<Partial<Req>>): AsyncIterable<Res>;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof RpcError, `want an RpcError, got ${String(e)}`);
    return e;
  }
  assert.fail("the call succeeded");
}

describe("otel interceptors between a Spindle client and server", () => {
  const telemetry = createTelemetry();
  const propagator = createW3CTraceContextPropagator();
  const providers = { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider, propagator };
  let server: Server;
  let channel: Channel;
  let client: TracedClient;
  let port: number;

  before(async () => {
    server = createServer({ interceptors: [otelServerInterceptor<ServerContext>(providers)] });
    server.addService(Traced, handlers as never);
    port = await server.listen("127.0.0.1:0");
    const target = `127.0.0.1:${port}`;
    channel = createChannel(target, { interceptors: [otelClientInterceptor({ ...providers, target })] });
    client = createClient(Traced, channel) as unknown as TracedClient;
  });
  after(async () => {
    channel.close();
    await server.shutdown();
    await telemetry.close();
  });
  beforeEach(() => telemetry.spanExporter.reset());

  it("makes the server span a child of the client span, across the wire, with the handler running inside it", async () => {
    const tracer = telemetry.tracerProvider.getTracer("test");
    const outer = tracer.startSpan("outer");
    const res = await context.with(trace.setSpan(context.active(), outer), () => client.unary({ id: "a" }));
    outer.end();
    const spans = await telemetry.spans(3);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.CLIENT);
    const serverSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.SERVER);
    const traceId = outer.spanContext().traceId;
    assert.equal(clientSpan.spanContext().traceId, traceId);
    assert.equal(clientSpan.parentSpanContext?.spanId, outer.spanContext().spanId);
    assert.equal(serverSpan.spanContext().traceId, traceId);
    assert.equal(serverSpan.parentSpanContext?.spanId, clientSpan.spanContext().spanId);
    assert.equal(serverSpan.parentSpanContext?.isRemote, true);
    assert.equal(res.activeSpan, serverSpan.spanContext().spanId);
    assert.equal(res.traceparent, `00-${traceId}-${clientSpan.spanContext().spanId}-01`);
  });

  it("starts a new trace when the caller has no active span", async () => {
    await client.unary({ id: "b" });
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.CLIENT);
    const serverSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.SERVER);
    assert.equal(clientSpan.parentSpanContext, undefined);
    assert.equal(serverSpan.spanContext().traceId, clientSpan.spanContext().traceId);
  });

  it("carries the caller's tracestate to the server", async () => {
    const parent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      traceFlags: 1,
      isRemote: true,
      traceState: createTraceState("vendor=abc,other=1"),
    });
    await context.with(parent, () => client.unary({ id: "c" }));
    const serverSpan = spanNamed(await telemetry.spans(2), "otel.v1.Traced/Unary", SpanKind.SERVER);
    assert.equal(serverSpan.spanContext().traceId, "0af7651916cd43dd8448eb211c80319c");
    assert.equal(serverSpan.spanContext().traceState?.get("vendor"), "abc");
    assert.equal(serverSpan.spanContext().traceState?.get("other"), "1");
  });

  it("sets the RPC semantic-convention attributes on both spans", async () => {
    await client.unary({ id: "d" });
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.CLIENT);
    const serverSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.SERVER);
    assert.deepEqual(clientSpan.attributes, {
      "rpc.system": "grpc",
      "rpc.service": "otel.v1.Traced",
      "rpc.method": "Unary",
      "server.address": "127.0.0.1",
      "server.port": port,
      "rpc.grpc.status_code": 0,
    });
    const { "network.peer.port": peerPort, ...rest } = serverSpan.attributes;
    assert.deepEqual(rest, {
      "rpc.system": "grpc",
      "rpc.service": "otel.v1.Traced",
      "rpc.method": "Unary",
      "network.peer.address": "127.0.0.1",
      "rpc.grpc.status_code": 0,
    });
    assert.equal(typeof peerPort, "number");
    assert.equal(clientSpan.status.code, SpanStatusCode.UNSET);
    assert.equal(serverSpan.status.code, SpanStatusCode.UNSET);
    assert.deepEqual(messageEvents(clientSpan), ["SENT:1", "RECEIVED:1"]);
    assert.deepEqual(messageEvents(serverSpan), ["RECEIVED:1", "SENT:1"]);
  });

  const statusCases: { fail: string; code: Status; clientStatus: SpanStatusCode; serverStatus: SpanStatusCode }[] = [
    // A client mistake: an error for the client, not a server fault.
    { fail: "not-found", code: Status.NOT_FOUND, clientStatus: SpanStatusCode.ERROR, serverStatus: SpanStatusCode.UNSET },
    { fail: "internal", code: Status.INTERNAL, clientStatus: SpanStatusCode.ERROR, serverStatus: SpanStatusCode.ERROR },
    // A plain exception reaches the client as UNKNOWN.
    { fail: "crash", code: Status.UNKNOWN, clientStatus: SpanStatusCode.ERROR, serverStatus: SpanStatusCode.ERROR },
  ];
  for (const c of statusCases) {
    it(`records ${Status[c.code]} with span status ${SpanStatusCode[c.clientStatus]} on the client and ${SpanStatusCode[c.serverStatus]} on the server`, async () => {
      const error = await rejection(client.unary({ fail: c.fail }));
      assert.equal(error.code, c.code);
      const spans = await telemetry.spans(2);
      const clientSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.CLIENT);
      const serverSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.SERVER);
      assert.equal(clientSpan.attributes["rpc.grpc.status_code"], c.code);
      assert.equal(serverSpan.attributes["rpc.grpc.status_code"], c.code);
      assert.equal(clientSpan.status.code, c.clientStatus);
      assert.equal(serverSpan.status.code, c.serverStatus);
      // Both ends record the exception, whatever the span status.
      assert.equal(clientSpan.events.filter((e) => e.name === "exception").length, 1);
      const serverException = serverSpan.events.find((e) => e.name === "exception");
      assert.ok(serverException);
      if (c.fail === "crash") assert.equal(serverException.attributes?.["exception.message"], "plain failure");
    });
  }

  it("records DEADLINE_EXCEEDED on both sides when the deadline passes, even if the handler answers late", async () => {
    const error = await rejection(client.unary({ fail: "slow" }, { timeout: 50 }));
    assert.equal(error.code, Status.DEADLINE_EXCEEDED);
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.CLIENT);
    assert.equal(clientSpan.attributes["rpc.grpc.status_code"], Status.DEADLINE_EXCEEDED);
    assert.equal(clientSpan.status.code, SpanStatusCode.ERROR);
    // Both ends time the same deadline: the server's timer or the client's RST_STREAM (CANCELLED) comes
    // first. Either way the late answer is not reported as OK.
    const serverSpan = spanNamed(spans, "otel.v1.Traced/Unary", SpanKind.SERVER);
    const serverCode = serverSpan.attributes["rpc.grpc.status_code"];
    assert.ok(serverCode === Status.DEADLINE_EXCEEDED || serverCode === Status.CANCELLED, `server status ${String(serverCode)}`);
    assert.equal(serverSpan.status.code, serverCode === Status.DEADLINE_EXCEEDED ? SpanStatusCode.ERROR : SpanStatusCode.UNSET);
  });

  it("counts server-streaming messages and ends both spans with the stream", async () => {
    const res = await collect(client.serverStream({ count: 3 }));
    assert.equal(res.length, 3);
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/ServerStream", SpanKind.CLIENT);
    const serverSpan = spanNamed(spans, "otel.v1.Traced/ServerStream", SpanKind.SERVER);
    assert.deepEqual(messageEvents(clientSpan), ["SENT:1", "RECEIVED:1", "RECEIVED:2", "RECEIVED:3"]);
    assert.deepEqual(messageEvents(serverSpan), ["RECEIVED:1", "SENT:1", "SENT:2", "SENT:3"]);
    // The handler's generator body runs in the server span too.
    assert.deepEqual(new Set(res.map((r) => r.activeSpan)), new Set([serverSpan.spanContext().spanId]));
    assert.equal(serverSpan.parentSpanContext?.spanId, clientSpan.spanContext().spanId);
  });

  it("counts client-streaming requests", async () => {
    const res = await client.clientStream([{}, {}, {}, {}]);
    assert.equal(res.n, 4);
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/ClientStream", SpanKind.CLIENT);
    const serverSpan = spanNamed(spans, "otel.v1.Traced/ClientStream", SpanKind.SERVER);
    assert.deepEqual(messageEvents(clientSpan).filter((e) => e.startsWith("SENT")), ["SENT:1", "SENT:2", "SENT:3", "SENT:4"]);
    assert.deepEqual(messageEvents(clientSpan).filter((e) => e.startsWith("RECEIVED")), ["RECEIVED:1"]);
    assert.deepEqual(messageEvents(serverSpan), ["RECEIVED:1", "RECEIVED:2", "RECEIVED:3", "RECEIVED:4", "SENT:1"]);
  });

  it("counts bidi messages both ways", async () => {
    const res = await collect(client.bidi([{ id: "x" }, { id: "y" }]));
    assert.deepEqual(res.map((r) => r.id), ["x", "y"]);
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/Bidi", SpanKind.CLIENT);
    const serverSpan = spanNamed(spans, "otel.v1.Traced/Bidi", SpanKind.SERVER);
    const count = (events: string[], type: string) => events.filter((e) => e.startsWith(type)).length;
    assert.equal(count(messageEvents(clientSpan), "SENT"), 2);
    assert.equal(count(messageEvents(clientSpan), "RECEIVED"), 2);
    assert.equal(count(messageEvents(serverSpan), "SENT"), 2);
    assert.equal(count(messageEvents(serverSpan), "RECEIVED"), 2);
    assert.equal(clientSpan.attributes["rpc.grpc.status_code"], 0);
  });

  it("ends a stream's spans with the error status when the handler fails after sending", async () => {
    const messages: Res[] = [];
    const error = await rejection(
      (async () => {
        for await (const m of client.serverStream({ count: 2, fail: "internal" })) messages.push(m);
      })(),
    );
    assert.equal(error.code, Status.INTERNAL);
    assert.equal(messages.length, 2);
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/ServerStream", SpanKind.CLIENT);
    const serverSpan = spanNamed(spans, "otel.v1.Traced/ServerStream", SpanKind.SERVER);
    assert.equal(clientSpan.attributes["rpc.grpc.status_code"], Status.INTERNAL);
    assert.equal(serverSpan.attributes["rpc.grpc.status_code"], Status.INTERNAL);
    assert.equal(clientSpan.status.code, SpanStatusCode.ERROR);
    assert.equal(serverSpan.status.code, SpanStatusCode.ERROR);
    assert.deepEqual(messageEvents(clientSpan).filter((e) => e.startsWith("RECEIVED")), ["RECEIVED:1", "RECEIVED:2"]);
  });

  it("ends the client span as CANCELLED when the caller stops reading a stream", async () => {
    for await (const _ of client.serverStream({ fail: "hang" })) break;
    const spans = await telemetry.spans(2);
    const clientSpan = spanNamed(spans, "otel.v1.Traced/ServerStream", SpanKind.CLIENT);
    assert.equal(clientSpan.attributes["rpc.grpc.status_code"], Status.CANCELLED);
    assert.equal(clientSpan.status.code, SpanStatusCode.ERROR);
    // The server's span ends too, CANCELLED as the call's signal says; not a server fault.
    const serverSpan = spanNamed(spans, "otel.v1.Traced/ServerStream", SpanKind.SERVER);
    assert.equal(serverSpan.attributes["rpc.grpc.status_code"], Status.CANCELLED);
    assert.equal(serverSpan.status.code, SpanStatusCode.UNSET);
  });

  it("records duration and messages-per-RPC histograms on both sides", async () => {
    await client.unary({ id: "m" });
    // Counts above those of the earlier tests, whose calls the cumulative histograms also hold.
    await collect(client.serverStream({ count: 9 }));
    await client.clientStream([{}, {}, {}, {}, {}, {}, {}]);
    await telemetry.spans(6);
    const methodOf = (p: { attributes: Record<string, unknown> }) => p.attributes["rpc.method"];
    for (const side of ["client", "server"]) {
      const duration = await telemetry.histogram(`rpc.${side}.duration`);
      assert.equal(duration.unit, "ms");
      const unary = duration.points.find((p) => methodOf(p) === "Unary" && p.attributes["rpc.grpc.status_code"] === 0);
      assert.ok(unary, `rpc.${side}.duration has a point for Unary with status 0`);
      assert.ok(unary.value.count >= 1);
      assert.ok(unary.value.sum! >= 0);
      assert.equal(unary.attributes["rpc.system"], "grpc");
      assert.equal(unary.attributes["rpc.service"], "otel.v1.Traced");
      assert.equal(unary.attributes["network.peer.address"], undefined, "per-connection attributes stay off metrics");
    }
    const clientRequests = await telemetry.histogram("rpc.client.requests_per_rpc");
    assert.equal(clientRequests.unit, "{count}");
    const clientStreamReqs = clientRequests.points.find((p) => methodOf(p) === "ClientStream" && p.attributes["rpc.grpc.status_code"] === 0)!;
    assert.equal(clientStreamReqs.value.max, 7);
    assert.equal(clientStreamReqs.attributes["server.port"], port);
    const serverResponses = await telemetry.histogram("rpc.server.responses_per_rpc");
    assert.equal(serverResponses.points.find((p) => methodOf(p) === "ServerStream" && p.attributes["rpc.grpc.status_code"] === 0)!.value.max, 9);
    const clientResponses = await telemetry.histogram("rpc.client.responses_per_rpc");
    assert.equal(clientResponses.points.find((p) => methodOf(p) === "ServerStream" && p.attributes["rpc.grpc.status_code"] === 0)!.value.max, 9);
    const serverRequests = await telemetry.histogram("rpc.server.requests_per_rpc");
    assert.equal(serverRequests.points.find((p) => methodOf(p) === "Unary" && p.attributes["rpc.grpc.status_code"] === 0)!.value.max, 1);
  });
});
