// What the client and the server interceptor share: one span per call with message events, and the RPC
// metrics recorded when the call ends.
import {
  SpanKind,
  SpanStatusCode,
  context as otelContext,
  metrics,
  trace,
  type Attributes,
  type Context,
  type Histogram,
  type MeterProvider,
  type Span,
  type TracerProvider,
} from "@opentelemetry/api";
import { Status, statusName, type AnyMethodDefinition } from "../grpc/index.js";
import { isErrorStatus, methodTelemetryNames, statusOf } from "./rpc-attributes.js";

/** The instrumentation scope name spans and metrics are reported under. */
export const INSTRUMENTATION_NAME = "spindle";

/** Which end of the call is instrumented. */
export type RpcSide = "client" | "server";

/** Providers to report to; the global ones (`trace`/`metrics` of `@opentelemetry/api`) when absent. */
export interface RpcTelemetryProviders {
  readonly tracerProvider?: TracerProvider;
  readonly meterProvider?: MeterProvider;
}

/** One call in flight: count its messages, then end it exactly once. */
export interface CallTelemetry {
  /** The call's span. */
  readonly span: Span;
  /** The active context with the call's span in it (handlers and transports run inside it). */
  readonly context: Context;
  /** Records a message sent (an event with its 1-based id). */
  sent(): void;
  /** Records a message received. */
  received(): void;
  /** Ends the span and records the metrics; `error` absent means OK. Later calls do nothing. */
  end(error?: unknown): void;
  /** Ends with an explicit status code (a stream the reader stopped early, say). */
  endWithStatus(code: Status, error?: unknown): void;
}

interface Instruments {
  duration: Histogram;
  requestsPerRpc: Histogram;
  responsesPerRpc: Histogram;
}

/** Starts call telemetry for one side; create it once per interceptor. */
export function createRpcTelemetry(side: RpcSide, providers: RpcTelemetryProviders) {
  // The tracer comes through the API's proxy provider, so a global provider registered later still applies.
  const tracer = (providers.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_NAME);
  // Meters have no proxy: look the provider up on the first call, after the application set it up.
  let instruments: Instruments | undefined;
  const getInstruments = (): Instruments => {
    if (instruments) return instruments;
    const meter = (providers.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_NAME);
    const countBoundaries = { advice: { explicitBucketBoundaries: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] } };
    instruments = {
      duration: meter.createHistogram(`rpc.${side}.duration`, {
        unit: "ms",
        description: side === "client" ? "Measures the duration of outbound RPC." : "Measures the duration of inbound RPC.",
      }),
      requestsPerRpc: meter.createHistogram(`rpc.${side}.requests_per_rpc`, {
        unit: "{count}",
        description: `Measures the number of messages ${side === "client" ? "sent" : "received"} per RPC.`,
        ...countBoundaries,
      }),
      responsesPerRpc: meter.createHistogram(`rpc.${side}.responses_per_rpc`, {
        unit: "{count}",
        description: `Measures the number of messages ${side === "client" ? "received" : "sent"} per RPC.`,
        ...countBoundaries,
      }),
    };
    return instruments;
  };
  const kind = side === "client" ? SpanKind.CLIENT : SpanKind.SERVER;

  return {
    /**
     * Starts the span of a call to `method` as a child of `parent`.
     *
     * @param extra attributes beyond the method's (server.address, network.peer.*).
     */
    start(method: AnyMethodDefinition, parent: Context, extra: Attributes): CallTelemetry {
      const names = methodTelemetryNames(method);
      const attributes = { ...names.attributes, ...extra };
      const span = tracer.startSpan(names.spanName, { kind, attributes }, parent);
      const startedMs = performance.now();
      let sentCount = 0;
      let receivedCount = 0;
      let ended = false;
      const endWithStatus = (code: Status, error?: unknown): void => {
        if (ended) return;
        ended = true;
        span.setAttribute("rpc.grpc.status_code", code);
        if (error !== undefined && code !== Status.OK) {
          if (error instanceof Error) span.recordException(error);
          else span.recordException(String(error));
        }
        if (isErrorStatus(code, side)) {
          const message = error instanceof Error ? error.message : statusName(code);
          span.setStatus({ code: SpanStatusCode.ERROR, message });
        }
        span.end();
        const metricAttributes: Attributes = { ...attributes, "rpc.grpc.status_code": code };
        // network.peer.* are per connection: high cardinality, so they stay on spans only.
        delete metricAttributes["network.peer.address"];
        delete metricAttributes["network.peer.port"];
        const inst = getInstruments();
        inst.duration.record(performance.now() - startedMs, metricAttributes);
        inst.requestsPerRpc.record(side === "client" ? sentCount : receivedCount, metricAttributes);
        inst.responsesPerRpc.record(side === "client" ? receivedCount : sentCount, metricAttributes);
      };
      return {
        span,
        context: trace.setSpan(parent, span),
        sent() {
          span.addEvent("message", { "message.type": "SENT", "message.id": ++sentCount });
        },
        received() {
          span.addEvent("message", { "message.type": "RECEIVED", "message.id": ++receivedCount });
        },
        end(error?: unknown) {
          endWithStatus(error === undefined ? Status.OK : statusOf(error), error);
        },
        endWithStatus,
      };
    },
  };
}

/**
 * Wraps a message stream: `onMessage` for each message, `onEnd` once when it finishes, fails, or its reader
 * stops early (`early: true`). Each `next()` runs inside `ctx`, so a generator's body sees the call's span.
 */
export function observeStream(
  messages: AsyncIterable<unknown>,
  ctx: Context | undefined,
  onMessage: () => void,
  onEnd: (result: { error?: unknown; early?: boolean }) => void,
): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      const it = messages[Symbol.asyncIterator]();
      let done = false;
      const finish = (result: { error?: unknown; early?: boolean }): void => {
        if (done) return;
        done = true;
        onEnd(result);
      };
      return {
        async next() {
          try {
            const r = ctx === undefined ? await it.next() : await otelContext.with(ctx, () => it.next());
            if (r.done) finish({});
            else onMessage();
            return r;
          } catch (error) {
            finish({ error });
            throw error;
          }
        },
        async return(value?: unknown) {
          finish({ early: true });
          return it.return ? await it.return(value) : { done: true, value: undefined };
        },
        async throw(error?: unknown) {
          finish({ error });
          if (it.throw) return await it.throw(error);
          throw error;
        },
      };
    },
  };
}
