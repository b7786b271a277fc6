// The errors a call can end with on the client's side, besides a status the server sent: a reset stream,
// a lost connection, a cancellation, a request that would not encode, a response that is not gRPC.
import type { IncomingHttpHeaders } from "node:http2";
import { constants } from "node:http2";
import { RpcError, Status } from "../grpc/index.js";

const { NGHTTP2_REFUSED_STREAM, NGHTTP2_CANCEL, NGHTTP2_ENHANCE_YOUR_CALM, NGHTTP2_INADEQUATE_SECURITY } = constants;

/** Why a stream ended without a status, as far as the call can tell. */
export interface ResetContext {
  /** The channel was closed by its owner. */
  readonly channelClosed: boolean;
  /** The connection went away (socket closed, session destroyed, stream error). */
  readonly connectionLost: boolean;
  /** The stream's error, if one was emitted. */
  readonly cause?: Error;
}

/**
 * The status for a stream that closed without trailers, from its RST_STREAM code (PROTOCOL-HTTP2.md
 * "Errors"): REFUSED_STREAM → UNAVAILABLE (safe to retry: the server did not process it), CANCEL →
 * CANCELLED, ENHANCE_YOUR_CALM → RESOURCE_EXHAUSTED, INADEQUATE_SECURITY → PERMISSION_DENIED; a lost
 * connection → UNAVAILABLE (statuscodes.md); anything else → INTERNAL.
 */
export function errorFromReset(code: number, context: ResetContext): RpcError {
  if (context.channelClosed) return new RpcError(Status.CANCELLED, "the channel was closed");
  switch (code) {
    case NGHTTP2_REFUSED_STREAM:
      return new RpcError(Status.UNAVAILABLE, "stream refused by the server before processing (RST_STREAM REFUSED_STREAM)");
    case NGHTTP2_CANCEL:
      return new RpcError(Status.CANCELLED, "stream cancelled by the server (RST_STREAM CANCEL)");
    case NGHTTP2_ENHANCE_YOUR_CALM:
      return new RpcError(Status.RESOURCE_EXHAUSTED, "bandwidth exhausted (RST_STREAM ENHANCE_YOUR_CALM)");
    case NGHTTP2_INADEQUATE_SECURITY:
      return new RpcError(Status.PERMISSION_DENIED, "protocol not secure enough (RST_STREAM INADEQUATE_SECURITY)");
  }
  if (context.connectionLost) {
    return new RpcError(Status.UNAVAILABLE, `connection lost${context.cause ? `: ${context.cause.message}` : ""}`, { cause: context.cause });
  }
  return new RpcError(Status.INTERNAL, `stream closed without a status (RST_STREAM code ${code})`);
}

/**
 * The error for an aborted signal: its reason when that is an RpcError (so callers choose the status),
 * DEADLINE_EXCEEDED for a timeout signal, CANCELLED otherwise.
 */
export function abortError(reason: unknown): RpcError {
  if (reason instanceof RpcError) return reason;
  const e = RpcError.from(reason, Status.CANCELLED);
  return e.code === Status.CANCELLED || e.code === Status.DEADLINE_EXCEEDED ? e : new RpcError(Status.CANCELLED, e.rawMessage, { cause: reason });
}

/** INTERNAL for a request message the method's serializer refused (a value of the wrong type). */
export function serializeError(e: unknown): RpcError {
  return new RpcError(Status.INTERNAL, `failed to encode the request message: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** `application/grpc`, `application/grpc+proto`, `application/grpc;…` — but not `application/grpc-web`. */
export function isGrpcContentType(value: unknown): boolean {
  if (typeof value !== "string" || !value.startsWith("application/grpc")) return false;
  const next = value.charCodeAt(16);
  return value.length === 16 || next === 0x2b /* + */ || next === 0x3b /* ; */;
}

/** ` (content-type "…")` for error messages, or nothing. */
export function describeContentType(headers: IncomingHttpHeaders): string {
  const ct = headers["content-type"];
  return ct === undefined ? "" : ` (content-type ${JSON.stringify(ct)})`;
}

/**
 * Rethrows `e` with the stack of the code awaiting it, not the socket callback's where it was made: as a
 * promise's rejection handler (`p.then(undefined, withCallerStack)`) V8 adds the awaiting async frames,
 * without the cost of an async function on the path that succeeds.
 */
export function withCallerStack(e: unknown): never {
  if (e instanceof Error) Error.captureStackTrace(e);
  throw e;
}
