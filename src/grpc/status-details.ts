/**
 * `grpc-status-details-bin`: a serialized `google.rpc.Status` (code, message, details as
 * `google.protobuf.Any`) carried in the trailers of a failed call, base64-encoded like any `-bin` value.
 * The `google.rpc` error-detail types (ErrorInfo, RetryInfo, DebugInfo, QuotaFailure, PreconditionFailure,
 * BadRequest, RequestInfo, ResourceInfo, Help, LocalizedMessage) are always known; other types are looked up
 * in a registry the caller passes.
 */
import { createRegistry, fromBinary, type Message, type Registry, toBinary } from "../protobuf/index.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import type { ErrorDetail } from "./error-detail.js";
import { googleRpcDescriptorSet } from "./proto/descriptors.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";

const typeUrlPrefix = "type.googleapis.com/";

let googleRpc: Registry | undefined;

/**
 * A registry with `google/rpc/status.proto` and `google/rpc/error_details.proto` (and the well-known types).
 * Built on first use, so that programs that never see rich errors do not pay for it.
 */
export function googleRpcRegistry(): Registry {
  return (googleRpc ??= createRegistry(decodeBase64(googleRpcDescriptorSet)!));
}

/** Options of the status-details codecs. */
export interface StatusDetailsOptions {
  /** Where to find detail types beyond the `google.rpc` ones (and the well-known types). */
  registry?: Registry;
}

/** A `google.rpc.Status` as the codecs read and write it. */
export interface StatusDetails {
  code: number;
  message: string;
  details: ErrorDetail[];
}

function findType(typeName: string, options: StatusDetailsOptions | undefined) {
  return options?.registry?.getMessage(typeName) ?? googleRpcRegistry().getMessage(typeName);
}

/**
 * Encodes a `google.rpc.Status`. Each detail is written from its `bytes` when given, else from `value` with
 * the type named by `typeName`.
 *
 * @throws Error naming the detail when its type is unknown and it has no `bytes`, or when its value does not
 *   fit its type (a ProtobufError).
 */
export function encodeStatusDetails(status: StatusDetails, options?: StatusDetailsOptions): Uint8Array {
  const details = status.details.map((d) => {
    let bytes = d.bytes;
    if (bytes === undefined) {
      const desc = findType(d.typeName, options);
      if (desc === undefined) {
        throw new Error(
          `cannot encode error detail of type "${d.typeName}": the type is not a google.rpc error detail and is not in the registry; pass a registry or the encoded bytes`,
        );
      }
      bytes = toBinary(desc, d.value ?? {});
    }
    return { typeUrl: typeUrlPrefix + d.typeName, value: bytes };
  });
  const desc = googleRpcRegistry().getMessage("google.rpc.Status")!;
  return toBinary(desc, { code: status.code, message: status.message, details });
}

/**
 * Decodes a `google.rpc.Status`. Details of known types get a decoded `value`; all keep their `bytes`. A
 * detail whose bytes do not decode as its type keeps only `bytes` (the status matters more than one detail).
 *
 * @throws RpcError INTERNAL when `bytes` is not a `google.rpc.Status` (as grpc-go reports it).
 */
export function decodeStatusDetails(bytes: Uint8Array, options?: StatusDetailsOptions): StatusDetails {
  let status: Message;
  try {
    status = fromBinary(googleRpcRegistry().getMessage("google.rpc.Status")!, bytes);
  } catch (e) {
    throw new RpcError(Status.INTERNAL, `malformed grpc-status-details-bin: ${(e as Error).message}`, { cause: e });
  }
  const anys = status["details"] as { typeUrl: string; value: Uint8Array }[];
  const details = anys.map((any): ErrorDetail => {
    const typeName = any.typeUrl.slice(any.typeUrl.lastIndexOf("/") + 1);
    const detail: ErrorDetail = { typeName, bytes: any.value };
    const desc = findType(typeName, options);
    if (desc !== undefined) {
      try {
        detail.value = fromBinary(desc, any.value);
      } catch {
        // Keep the raw bytes only; see the doc comment.
      }
    }
    return detail;
  });
  return { code: status["code"] as number, message: status["message"] as string, details };
}

/**
 * The `grpc-status-details-bin` trailer value for an error (unpadded base64), or `undefined` when it has no
 * details (then the trailer is not sent, as grpc-go and grpc-js do).
 *
 * @throws Error as {@link encodeStatusDetails} does; servers should log it and send the status without details.
 */
export function encodeStatusDetailsBin(error: RpcError, options?: StatusDetailsOptions): string | undefined {
  if (error.details.length === 0) return undefined;
  return encodeBase64(encodeStatusDetails({ code: error.code, message: error.rawMessage, details: error.details }, options));
}

/**
 * The details of a received `grpc-status-details-bin` trailer, decoded leniently: `[]` when the trailer is
 * absent, is not base64, is not a `google.rpc.Status`, or carries a code other than `grpc-status` (the
 * trailer then describes something else; grpc-go ignores it too). Never throws: the status itself must reach
 * the application.
 */
export function decodeStatusDetailsBin(
  value: string | string[] | undefined,
  code: number,
  options?: StatusDetailsOptions,
): ErrorDetail[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value[0] : value;
  const bytes = text === undefined ? undefined : decodeBase64(text.trim());
  if (bytes === undefined) return [];
  try {
    const status = decodeStatusDetails(bytes, options);
    return status.code === code ? status.details : [];
  } catch {
    return [];
  }
}
