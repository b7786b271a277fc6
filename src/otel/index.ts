// The otel layer's only door: OpenTelemetry interceptors for Spindle clients and servers. It is its own
// subpath export (`spindle/otel`) so that `@opentelemetry/api`, an optional peer dependency, is loaded only
// by applications that import it.
export { otelClientInterceptor } from "./client-interceptor.js";
export type { OtelClientInterceptorOptions } from "./client-interceptor.js";
export { otelServerInterceptor } from "./server-interceptor.js";
export type { OtelServerInterceptorOptions } from "./server-interceptor.js";
export { metadataGetter, metadataSetter } from "./metadata-carrier.js";
export { INSTRUMENTATION_NAME } from "./rpc-telemetry.js";
export { createW3CTraceContextPropagator, parseTraceparent, TRACEPARENT, TRACESTATE } from "./w3c-trace-context.js";
