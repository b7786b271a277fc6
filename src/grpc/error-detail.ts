/**
 * One entry of `google.rpc.Status.details`: a `google.protobuf.Any` as the application sees it.
 */
import type { Message } from "../protobuf/index.js";

/**
 * A rich error detail (https://google.aip.dev/193), sent in `grpc-status-details-bin`.
 *
 * - `typeName` is the full protobuf type name, e.g. `"google.rpc.ErrorInfo"` (the `Any.type_url` without
 *   its `type.googleapis.com/` prefix).
 * - `value` is the message as a plain object. When sending, give `value` for a `google.rpc` error-detail
 *   type or a type in the registry passed to the encoder, or give `bytes`. When receiving, `value` is set
 *   when the type is known.
 * - `bytes` is the encoded message (`Any.value`); always set on received details.
 *
 * @example
 * ```ts
 * throw new RpcError(Status.INVALID_ARGUMENT, "bad id", {
 *   details: [{ typeName: "google.rpc.BadRequest", value: { fieldViolations: [{ field: "id", description: "empty" }] } }],
 * });
 * ```
 */
export interface ErrorDetail {
  typeName: string;
  value?: Message;
  bytes?: Uint8Array;
}
