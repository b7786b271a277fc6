// The call's status from received trailers (or Trailers-Only headers): grpc/grpc doc/PROTOCOL-HTTP2.md
// "Responses", read leniently as statuscodes.md asks of clients.
import type { IncomingHttpHeaders } from "node:http2";
import { decodeGrpcMessage, decodeStatusDetailsBin, parseGrpcStatus, RpcError, Status, type Metadata } from "../grpc/index.js";

/**
 * Reads `grpc-status`, `grpc-message` and `grpc-status-details-bin`: `undefined` for OK, otherwise the
 * RpcError to end the call with, carrying `metadata` (the trailers).
 *
 * - missing or unparsable `grpc-status` → UNKNOWN ("Error parsing returned status", statuscodes.md);
 * - a code outside 0..16 → UNKNOWN, the number kept in the message;
 * - `grpc-message` is percent-decoded leniently; details that do not decode, or whose code disagrees
 *   with `grpc-status`, are dropped.
 */
export function readStatus(headers: IncomingHttpHeaders, metadata: Metadata): RpcError | undefined {
  const raw = headers["grpc-status"] as string | undefined;
  const parsed = parseGrpcStatus(raw);
  if (parsed === undefined) {
    const why = raw === undefined ? "missing grpc-status in trailers" : `invalid grpc-status ${JSON.stringify(raw)}`;
    return new RpcError(Status.UNKNOWN, why, { metadata });
  }
  if (parsed === Status.OK) return undefined;
  const message = decodeGrpcMessage(String(headers["grpc-message"] ?? ""));
  const known = parsed <= 16;
  const code = known ? (parsed as Status) : Status.UNKNOWN;
  const text = known ? message : `unknown status code ${parsed}${message ? `: ${message}` : ""}`;
  const details = decodeStatusDetailsBin(headers["grpc-status-details-bin"], code);
  return new RpcError(code, text, { metadata, details });
}
