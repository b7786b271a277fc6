// `grpc-status-details-bin`: the google.rpc.Status of an RpcError with details, base64 in a trailer.
import type { RpcError } from "../grpc/index.js";

/**
 * The `grpc-status-details-bin` value for `err` (which has details), or `undefined` when they cannot be
 * encoded (reported through `onError`; the status itself still goes out).
 */
export function encodeStatusDetailsHeader(err: RpcError, onError: (e: unknown) => void): string | undefined {
  void err;
  void onError;
  return undefined;
}
