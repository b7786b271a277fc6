/**
 * The 17 canonical gRPC status codes (grpc/grpc doc/statuscodes.md), with their canonical names, and the
 * mapping from an HTTP status to a gRPC code for responses that carry no `grpc-status`
 * (grpc/grpc doc/http-grpc-status-mapping.md).
 */

/**
 * A gRPC status code. The numbers are fixed by the protocol; the names are the canonical ones.
 *
 * Notes on who produces each code say whether Spindle itself ever returns it (as grpc-go codes/codes.go does);
 * every code may also come from application code.
 *
 * @example
 * ```ts
 * throw new RpcError(Status.NOT_FOUND, "no such product");
 * ```
 */
export enum Status {
  /** Not an error; returned on success. */
  OK = 0,
  /** The operation was cancelled, typically by the caller. Produced by the library on client cancellation. */
  CANCELLED = 1,
  /** Unknown error. Produced by the library when a handler throws something that is not an `RpcError`. */
  UNKNOWN = 2,
  /** The client specified an invalid argument. Never produced by the library. */
  INVALID_ARGUMENT = 3,
  /** The deadline expired before the operation could complete. Produced by the library on both sides. */
  DEADLINE_EXCEEDED = 4,
  /** Some requested entity was not found. Never produced by the library. */
  NOT_FOUND = 5,
  /** The entity a client tried to create already exists. Never produced by the library. */
  ALREADY_EXISTS = 6,
  /** The caller lacks permission. Never produced by the library. */
  PERMISSION_DENIED = 7,
  /** Some resource has been exhausted. Produced by the library for message, metadata and decompression limits. */
  RESOURCE_EXHAUSTED = 8,
  /** The system is not in a state required for the operation. Never produced by the library. */
  FAILED_PRECONDITION = 9,
  /** The operation was aborted (concurrency conflict). Never produced by the library. */
  ABORTED = 10,
  /** The operation was attempted past the valid range. Never produced by the library. */
  OUT_OF_RANGE = 11,
  /** The operation is not implemented. Produced for unknown methods and unsupported compression. */
  UNIMPLEMENTED = 12,
  /** Internal error: an invariant of the protocol was broken (malformed frames, bad flags, undecodable messages). */
  INTERNAL = 13,
  /** The service is currently unavailable (connection failures, GOAWAY). Usually transient; safe to retry. */
  UNAVAILABLE = 14,
  /** Unrecoverable data loss or corruption. Never produced by the library. */
  DATA_LOSS = 15,
  /** The request lacks valid authentication credentials. Never produced by the library. */
  UNAUTHENTICATED = 16,
}

/**
 * The canonical name of a status code (`"DEADLINE_EXCEEDED"`), or `"CODE_<n>"` for a number outside the
 * 17 codes (a peer may send one; doc/statuscodes.md asks that it be treated as UNKNOWN when acted upon).
 */
export function statusName(code: number): string {
  const name = (Status as unknown as Record<number, string | undefined>)[code];
  return Number.isInteger(code) && name !== undefined ? name : `CODE_${code}`;
}

/** `true` if `code` is one of the 17 canonical status codes. */
export function isStatus(code: number): code is Status {
  return Number.isInteger(code) && code >= 0 && code <= 16;
}

/**
 * The gRPC status to report for an HTTP response that carries no `grpc-status` (a proxy or a non-gRPC
 * server answered), per grpc/grpc doc/http-grpc-status-mapping.md. Every status not listed there maps to
 * UNKNOWN.
 */
export function statusFromHttpStatus(httpStatus: number): Status {
  switch (httpStatus) {
    case 400:
      return Status.INTERNAL;
    case 401:
      return Status.UNAUTHENTICATED;
    case 403:
      return Status.PERMISSION_DENIED;
    case 404:
      return Status.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return Status.UNAVAILABLE;
    default:
      return Status.UNKNOWN;
  }
}

/**
 * Parses a `grpc-status` header value: a decimal number. Returns `undefined` when the value is not one
 * (the caller then reports INTERNAL / UNKNOWN as its context requires). Codes outside 0..16 are returned as
 * they are, so that they can be shown; treat them as UNKNOWN when acting on them.
 */
export function parseGrpcStatus(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  const code = Number(value);
  return code <= 0x7fffffff ? code : undefined;
}

/**
 * The gRPC status for a stream reset with an HTTP/2 error code (RST_STREAM), per the table in
 * PROTOCOL-HTTP2.md "Errors": REFUSED_STREAM → UNAVAILABLE (nothing was processed: safe to retry),
 * CANCEL → CANCELLED, ENHANCE_YOUR_CALM → RESOURCE_EXHAUSTED, INADEQUATE_SECURITY → PERMISSION_DENIED,
 * everything else (NO_ERROR included: the peer should have sent a status) → INTERNAL.
 */
export function statusFromHttp2ErrorCode(errorCode: number): Status {
  switch (errorCode) {
    case 0x7:
      return Status.UNAVAILABLE;
    case 0x8:
      return Status.CANCELLED;
    case 0xb:
      return Status.RESOURCE_EXHAUSTED;
    case 0xc:
      return Status.PERMISSION_DENIED;
    default:
      return Status.INTERNAL;
  }
}
