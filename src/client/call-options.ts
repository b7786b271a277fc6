// Per-call options of the Node client: the shared ones from src/grpc plus what only a channel can do.
import type { CallOptions as BaseCallOptions } from "../grpc/index.js";
import type { CallCredentials } from "./credentials.js";

/**
 * Options of one call. All optional; pass them as the last argument of a stub method.
 *
 * Deadlines: `timeout` (ms from now), `deadline` (a `Date` or epoch ms) and, inside a Spindle server
 * handler, the handler's own deadline: the earliest wins and is sent as `grpc-timeout`.
 *
 * @example
 * ```ts
 * await catalog.getProduct({ id: "p1" }, { timeout: 2000, metadata: { authorization: `Bearer ${token}` } });
 * ```
 */
export interface CallOptions extends BaseCallOptions {
  /**
   * Waits for the channel to become READY instead of failing at once with UNAVAILABLE while it is in
   * TRANSIENT_FAILURE (grpc/grpc doc/wait-for-ready.md). The deadline still applies.
   */
  waitForReady?: boolean;
  /**
   * Inside a Spindle server handler, calls inherit the handler's deadline and cancellation. `false` opts
   * out (for work that must outlive the inbound call); `propagate: false` means the same.
   */
  inheritContext?: boolean;
  /**
   * With `compression` set, decides per request message whether to compress it (default: all), as
   * grpc-java's setMessageCompression does; a message sent uncompressed has flag 0 on the wire.
   */
  compressMessage?(message: unknown, index: number): boolean;
  /** Extra call credentials for this call, after the channel's. */
  callCredentials?: CallCredentials;
  /**
   * Observes each received message's length prefix before decoding: whether it was compressed and its
   * size on the wire. For diagnostics and interop tests.
   */
  onResponseFrame?(frame: { isCompressed: boolean; byteLength: number }): void;
}
