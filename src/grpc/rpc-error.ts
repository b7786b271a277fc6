/**
 * The one error type that crosses Spindle's public API.
 */
import type { ErrorDetail } from "./error-detail.js";
import { Metadata, type MetadataInit } from "./metadata.js";
import { Status, statusName } from "./status.js";

/** Marks RpcErrors across copies of the library (two bundles, two realms), where `instanceof` fails. */
const brand = Symbol.for("spindle.grpc.RpcError");

/** Options of {@link RpcError}'s constructor. */
export interface RpcErrorOptions {
  /** Trailers to send with the status (server) or the trailers received (client). */
  metadata?: MetadataInit;
  /** Rich error details, sent as `google.rpc.Status` in `grpc-status-details-bin`. */
  details?: ErrorDetail[];
  /** The underlying cause, kept for logs; never sent to the peer. */
  cause?: unknown;
}

/**
 * An RPC ended with a non-OK status. Throw it from a handler to choose the status a client sees; clients
 * reject with it.
 *
 * `message` reads `"NOT_FOUND: no such product"`; `rawMessage` is the text alone, as sent in `grpc-message`.
 *
 * @example
 * ```ts
 * throw new RpcError(Status.NOT_FOUND, "no such product", { metadata: { "retry-after": "5" } });
 * ```
 */
export class RpcError extends Error {
  /** The status code. */
  readonly code: Status;
  /** The status message as sent on the wire (without the code prefix of `message`). */
  readonly rawMessage: string;
  /** Trailers that travel with the status. */
  readonly metadata: Metadata;
  /** Rich error details (`google.rpc.Status.details`). */
  readonly details: ErrorDetail[];
  override readonly cause?: unknown;

  /**
   * @param code the status code; it must not be `Status.OK`, which is not an error (it is kept but reads
   *   oddly in logs).
   * @param message the status message sent to the peer: say what failed, without secrets or stack traces.
   */
  constructor(code: Status, message = "", options: RpcErrorOptions = {}) {
    super(message === "" ? statusName(code) : `${statusName(code)}: ${message}`);
    this.name = "RpcError";
    this.code = code;
    this.rawMessage = message;
    this.metadata = options.metadata === undefined ? new Metadata() : new Metadata(options.metadata);
    this.details = options.details ?? [];
    if (options.cause !== undefined) this.cause = options.cause;
  }

  /**
   * The single place where anything thrown becomes an RpcError:
   *
   * - an `RpcError` (from this or another copy of the library) is returned unchanged, so an `AbortSignal`
   *   whose reason is an RpcError passes through;
   * - an abort (`DOMException` named `AbortError`, as `AbortController.abort()` makes) → CANCELLED;
   * - a timeout (`DOMException` named `TimeoutError`, as `AbortSignal.timeout()` makes) → DEADLINE_EXCEEDED;
   * - any other `Error` → `fallbackCode` with the error's message, the error as `cause`;
   * - anything else (a string, a number…) → `fallbackCode` with its string form.
   *
   * Servers should not send the message of an unexpected error to clients; they log `cause` instead.
   */
  static from(e: unknown, fallbackCode: Status = Status.UNKNOWN): RpcError {
    if (e instanceof RpcError) return e;
    if (typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[brand] === true) return e as RpcError;
    if (e instanceof Error || isDomException(e)) {
      const err = e as Error;
      if (err.name === "AbortError") return new RpcError(Status.CANCELLED, err.message || "operation was aborted", { cause: e });
      if (err.name === "TimeoutError") {
        return new RpcError(Status.DEADLINE_EXCEEDED, err.message || "deadline exceeded", { cause: e });
      }
      return new RpcError(fallbackCode, err.message, { cause: e });
    }
    return new RpcError(fallbackCode, describe(e), { cause: e });
  }
}

// On the prototype, so construction costs nothing and every copy's instances answer `e[brand] === true`.
Object.defineProperty(RpcError.prototype, brand, { value: true });

function isDomException(e: unknown): boolean {
  return typeof DOMException !== "undefined" && e instanceof DOMException;
}

function describe(e: unknown): string {
  if (typeof e === "string") return e;
  try {
    return String(e);
  } catch {
    return "unknown error";
  }
}
