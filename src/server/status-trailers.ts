// `grpc-status-details-bin`: the google.rpc.Status of an RpcError with details, base64 in a trailer.
import { encodeStatusDetailsBin, type RpcError } from "../grpc/index.js";
import type { Registry } from "../protobuf/index.js";

/**
 * The `grpc-status-details-bin` value for `err` (which has details), or `undefined` when they cannot be
 * encoded: an unknown detail type, a value that does not fit its type. That is reported through `onError`;
 * the status itself still goes out (a detail must never cost the client its status).
 */
export function encodeStatusDetailsHeader(err: RpcError, registry: Registry | undefined, onError: (e: unknown) => void): string | undefined {
  try {
    return encodeStatusDetailsBin(err, registry === undefined ? undefined : { registry });
  } catch (e) {
    onError(e);
    return undefined;
  }
}
