// The server side: trace context extracted from the request metadata, a SERVER span per call (a child of
// the client's), handlers run inside it, message events, and the rpc.server.* metrics.
import { context as otelContext, propagation, ROOT_CONTEXT, type TextMapPropagator } from "@opentelemetry/api";
import { RpcError, Status, type HandlerContext, type ServerInterceptor } from "../grpc/index.js";
import { metadataGetter } from "./metadata-carrier.js";
import { addressAttributes, metadataAttributes } from "./rpc-attributes.js";
import { createRpcTelemetry, observeStream } from "./rpc-telemetry.js";
import type { OtelInterceptorOptions } from "./interceptor-options.js";

/** Options of {@link otelServerInterceptor}. */
export interface OtelServerInterceptorOptions extends OtelInterceptorOptions {
  /** Reads the trace context from request metadata; the global propagator by default. */
  readonly propagator?: TextMapPropagator;
  /** This server's address and port (`"0.0.0.0:50051"`), for the `server.address`/`server.port` attributes. */
  readonly address?: string;
}

/**
 * Traces and measures the calls a Spindle server handles with OpenTelemetry: one SERVER span per call,
 * named `package.Service/Method`, whose parent is the trace context the client sent in its metadata (W3C
 * `traceparent`/`tracestate` with the default propagator), with the RPC semantic-convention attributes
 * (`network.peer.*` from the client's address), a `message` event per message, status ERROR only for the
 * codes that mean a server fault (UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE,
 * DATA_LOSS), recorded exceptions, and the `rpc.server.duration` (ms), `rpc.server.requests_per_rpc` and
 * `rpc.server.responses_per_rpc` histograms. Handlers run with the span active, so their own spans nest.
 *
 * @example
 * ```ts
 * const server = createServer({ interceptors: [otelServerInterceptor()] });
 * ```
 */
export function otelServerInterceptor<Ctx extends HandlerContext = HandlerContext>(
  options: OtelServerInterceptorOptions = {},
): ServerInterceptor<Ctx> {
  const telemetry = createRpcTelemetry("server", options);
  const own = options.address === undefined ? {} : addressAttributes(options.address, "server.address", "server.port");
  const propagator = options.propagator ?? propagation;
  const filter = options.filter;
  const requestKeys = options.requestMetadata ?? [];
  const responseKeys = options.responseMetadata ?? [];
  return (next) => async (req, ctx) => {
    if (filter !== undefined && !filter(req.method)) return next(req, ctx);
    // The remote context is the only parent: a server call does not continue whatever span happened to be
    // active in the connection's async context.
    const parent = propagator.extract(ROOT_CONTEXT, ctx.metadata, metadataGetter);
    const peer = ctx.peer === "" ? {} : addressAttributes(ctx.peer, "network.peer.address", "network.peer.port");
    const call = telemetry.start(req.method, parent, { ...own, ...peer });
    // Span-only: metadata values would make metric series without bound.
    if (requestKeys.length > 0) call.span.setAttributes(metadataAttributes("request", ctx.metadata, requestKeys));
    const request = req.stream ? { ...req, messages: observeStream(req.messages, call.context, () => call.received(), () => {}) } : req;
    if (!req.stream) call.received();
    // Until the handler is done the call has not completed, so an aborted signal means the call ended under
    // the handler (cancellation, deadline, shutdown): that, not what the handler did next, is its status.
    const end = (error?: unknown): void => {
      if (responseKeys.length > 0) call.span.setAttributes(metadataAttributes("response", ctx.responseHeaders, responseKeys));
      const reason: unknown = ctx.signal.aborted ? ctx.signal.reason : undefined;
      if (reason instanceof RpcError) call.endWithStatus(reason.code, reason);
      else call.end(error);
    };
    try {
      const response = await otelContext.with(call.context, () => next(request, ctx));
      if (!response.stream) {
        call.sent();
        end();
        return response;
      }
      const messages = observeStream(
        response.messages,
        call.context,
        () => call.sent(),
        ({ error, early }) => {
          if (!early) return end(error);
          // The server stops reading a handler's stream early only when the call ended under it.
          if (responseKeys.length > 0) call.span.setAttributes(metadataAttributes("response", ctx.responseHeaders, responseKeys));
          const reason: unknown = ctx.signal.aborted ? ctx.signal.reason : undefined;
          call.endWithStatus(reason instanceof RpcError ? reason.code : Status.CANCELLED, reason);
        },
      );
      return { stream: true, messages };
    } catch (error) {
      end(error);
      throw error;
    }
  };
}
