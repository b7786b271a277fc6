// The opt-in rpc.grpc.{request,response}.metadata.<key> span attributes: only the keys asked for, only
// string values, on spans and never on metrics.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SpanKind } from "@opentelemetry/api";
import { createChannel, createClient, type CallOptions, type Channel } from "../src/client/index.js";
import { createServer, type Server, type ServerContext } from "../src/server/index.js";
import { createW3CTraceContextPropagator, otelClientInterceptor, otelServerInterceptor } from "../src/otel/index.js";
import { createTelemetry, spanNamed } from "./otel-helpers.js";
import { Echo } from "./server-helpers.js";

describe("otel metadata attributes", () => {
  const telemetry = createTelemetry();
  const capture = { requestMetadata: ["x-tenant", "x-trace-bin", "X-Absent"], responseMetadata: ["x-served-by"] };
  const providers = { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider, propagator: createW3CTraceContextPropagator() };
  let server: Server;
  let channel: Channel;

  before(async () => {
    server = createServer({ interceptors: [otelServerInterceptor<ServerContext>({ ...providers, ...capture })] });
    server.addService(Echo, {
      async unary(_req: unknown, ctx: ServerContext) {
        ctx.responseHeaders.set("x-served-by", "node-a");
        return { ok: true };
      },
      async *serverStream() {},
      clientStream: async () => ({}),
      async *bidi() {},
    } as never);
    const port = await server.listen("127.0.0.1:0");
    channel = createChannel(`127.0.0.1:${port}`, { interceptors: [otelClientInterceptor({ ...providers, ...capture })] });
  });
  after(async () => {
    channel.close();
    await server.shutdown();
    await telemetry.close();
  });

  it("records the listed keys' string values on both spans, and nothing else", async () => {
    const client = createClient(Echo, channel) as unknown as { unary(r: unknown, o: CallOptions): Promise<unknown> };
    await client.unary({}, { metadata: { "x-tenant": "t1", "x-secret": "hunter2", "x-trace-bin": new Uint8Array([1]) } });
    const spans = await telemetry.spans(2);
    for (const kind of [SpanKind.CLIENT, SpanKind.SERVER]) {
      const span = spanNamed(spans, "test.Echo/Unary", kind);
      const recorded = Object.fromEntries(Object.entries(span.attributes).filter(([k]) => k.startsWith("rpc.grpc.") && k.includes(".metadata.")));
      assert.deepEqual(recorded, {
        "rpc.grpc.request.metadata.x-tenant": ["t1"],
        "rpc.grpc.response.metadata.x-served-by": ["node-a"],
      });
    }
    const duration = await telemetry.histogram("rpc.server.duration");
    for (const p of duration.points) assert.ok(!Object.keys(p.attributes).some((k) => k.includes(".metadata.")), "metadata stays off metrics");
  });
});
