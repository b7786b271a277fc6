// The client side: a CLIENT span per call, trace context injected into the request metadata, message events,
// and the rpc.client.* metrics.
import { context as otelContext, propagation, type TextMapPropagator } from "@opentelemetry/api";
import { Status, type ClientInterceptor, type ClientResponse } from "../grpc/index.js";
import { metadataSetter } from "./metadata-carrier.js";
import { addressAttributes, metadataAttributes } from "./rpc-attributes.js";
import { createRpcTelemetry, observeStream } from "./rpc-telemetry.js";
import type { OtelInterceptorOptions } from "./interceptor-options.js";

/** Options of {@link otelClientInterceptor}. */
export interface OtelClientInterceptorOptions extends OtelInterceptorOptions {
  /**
   * Writes the trace context into request metadata; the global propagator by default (register a
   * W3CTraceContextPropagator, as the Node SDK does, to send `traceparent`/`tracestate`).
   */
  readonly propagator?: TextMapPropagator;
  /**
   * The channel's target (`"localhost:50051"`, `"dns:///api.example.com:443"`), for the `server.address`
   * and `server.port` attributes; interceptors do not see the channel, so name it here to have them.
   */
  readonly target?: string;
}

/**
 * Traces and measures the calls of a Spindle client with OpenTelemetry: one CLIENT span per call, named
 * `package.Service/Method`, with the RPC semantic-convention attributes, a `message` event per message sent
 * and received, status ERROR for any non-OK status, and the `rpc.client.duration` (ms),
 * `rpc.client.requests_per_rpc` and `rpc.client.responses_per_rpc` histograms. The trace context goes to the
 * server in the request metadata. A streaming call's span ends when its response stream has been read to
 * the end, fails, or is abandoned (then with CANCELLED).
 *
 * @example
 * ```ts
 * const channel = createChannel("localhost:50051", { interceptors: [otelClientInterceptor({ target: "localhost:50051" })] });
 * ```
 */
export function otelClientInterceptor(options: OtelClientInterceptorOptions = {}): ClientInterceptor {
  const telemetry = createRpcTelemetry("client", options);
  const extra = options.target === undefined ? {} : addressAttributes(options.target, "server.address", "server.port", 443);
  const propagator = options.propagator ?? propagation;
  const filter = options.filter;
  const requestKeys = options.requestMetadata ?? [];
  const responseKeys = options.responseMetadata ?? [];
  return (next) => async (req) => {
    if (filter !== undefined && !filter(req.method)) return next(req);
    const call = telemetry.start(req.method, otelContext.active(), extra);
    // Before injection: the trace context the interceptor writes is not the caller's metadata.
    if (requestKeys.length > 0) call.span.setAttributes(metadataAttributes("request", req.metadata, requestKeys));
    propagator.inject(call.context, req.metadata, metadataSetter);
    let response: ClientResponse;
    try {
      if (!req.stream) {
        call.sent();
        response = await otelContext.with(call.context, () => next(req));
      } else {
        const messages = observeStream(req.messages, undefined, () => call.sent(), () => {});
        response = await otelContext.with(call.context, () => next({ ...req, messages }));
      }
    } catch (error) {
      call.end(error);
      throw error;
    }
    if (responseKeys.length > 0) call.span.setAttributes(metadataAttributes("response", response.headers, responseKeys));
    if (!response.stream) {
      call.received();
      call.end();
      return response;
    }
    const messages = observeStream(
      response.messages,
      undefined,
      () => call.received(),
      ({ error, early }) => (early ? call.endWithStatus(Status.CANCELLED) : call.end(error)),
    );
    // Keep the response's own object (its `trailers` fill in as the stream ends); only the messages change.
    return Object.create(response, { messages: { value: messages, enumerable: true } }) as ClientResponse;
  };
}
