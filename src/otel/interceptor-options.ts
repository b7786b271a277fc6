// The options both OpenTelemetry interceptors take.
import type { MeterProvider, TextMapPropagator, TracerProvider } from "@opentelemetry/api";
import type { AnyMethodDefinition } from "../grpc/index.js";

/** What the client and server interceptors share: which calls to trace, what to record, where it goes. */
export interface OtelInterceptorOptions {
  /**
   * Which methods to instrument (all by default); return `false` to leave a method untraced and unmeasured,
   * e.g. `(m) => !m.path.startsWith("/grpc.health.v1.")`.
   */
  readonly filter?: (method: AnyMethodDefinition) => boolean;
  /**
   * Request metadata keys to record as `rpc.grpc.request.metadata.<key>` span attributes (none by default:
   * metadata often carries credentials, so only name keys that are safe to export).
   */
  readonly requestMetadata?: readonly string[];
  /** Response header keys to record as `rpc.grpc.response.metadata.<key>` span attributes (none by default). */
  readonly responseMetadata?: readonly string[];
  /** Where spans go; the global tracer provider by default. */
  readonly tracerProvider?: TracerProvider;
  /** Where metrics go; the global meter provider (looked up on the first call) by default. */
  readonly meterProvider?: MeterProvider;
  /** Carries the trace context in metadata; the global propagator by default. */
  readonly propagator?: TextMapPropagator;
}
