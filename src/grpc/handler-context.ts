/**
 * What a server handler sees of its call. The server (src/server) implements it; the shape lives here so
 * that {@link ServiceImplementation} and server interceptors can name it without depending on Node.
 */
import type { Metadata } from "./metadata.js";
import type { AnyMethodDefinition } from "./method.js";

/**
 * The context passed to every handler as its last argument.
 *
 * @example
 * ```ts
 * async getProduct(req, ctx) {
 *   if (!ctx.metadata.get("authorization")) throw new RpcError(Status.UNAUTHENTICATED, "missing token");
 *   ctx.responseTrailers.set("x-served-by", "a");
 *   return await db.load(req.id, { signal: ctx.signal });
 * }
 * ```
 */
export interface HandlerContext {
  /** The method being called. */
  readonly method: AnyMethodDefinition;
  /** The request metadata (custom headers; reserved headers are not included). */
  readonly metadata: Metadata;
  /**
   * Aborted when the call ends for any reason: client cancellation (reason: RpcError CANCELLED), deadline
   * (RpcError DEADLINE_EXCEEDED), server shutdown, or completion. Pass it on to work the handler starts.
   */
  readonly signal: AbortSignal;
  /** The absolute deadline in epoch milliseconds, `undefined` when the client set none. */
  readonly deadline: number | undefined;
  /** Milliseconds left until the deadline (never negative), `Infinity` without a deadline. */
  timeRemaining(): number;
  /** The client's address, e.g. `"127.0.0.1:50123"` or `"unix:/tmp/s.sock"`. */
  readonly peer: string;
  /** Response headers; mutable until they are sent (with the first response message or the status). */
  readonly responseHeaders: Metadata;
  /** Response trailers, sent with the status. */
  readonly responseTrailers: Metadata;
}
