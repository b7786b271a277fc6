/**
 * Per-call options of client stubs. The client (src/client, src/web) implements them; the type lives here so
 * that {@link ServiceClient} can name it in both.
 */
import type { Metadata, MetadataInit } from "./metadata.js";

/**
 * Options of one call.
 *
 * @example
 * ```ts
 * await catalog.getProduct({ id: "p1" }, { timeout: 2000, metadata: { authorization: `Bearer ${token}` } });
 * ```
 */
export interface CallOptions {
  /** Time budget in milliseconds from the start of the call; sent as `grpc-timeout`. */
  timeout?: number;
  /** Absolute deadline (a `Date` or epoch milliseconds). With `timeout` too, the earlier one wins. */
  deadline?: Date | number;
  /** Request metadata. */
  metadata?: MetadataInit;
  /** Cancels the call; the call then fails with CANCELLED (or the signal's reason if it is an RpcError). */
  signal?: AbortSignal;
  /** Compression for request messages (a `grpc-encoding` name such as `"gzip"`); `"identity"` by default. */
  compression?: string;
  /**
   * Inherit the deadline and cancellation of the server call this call is made from (Node only). `true` by
   * default; `false` opts out.
   */
  propagate?: boolean;
  /** Called with the response headers when they arrive. */
  onHeader?: (headers: Metadata) => void;
  /** Called with the response trailers when they arrive (also for calls that fail). */
  onTrailer?: (trailers: Metadata) => void;
}
