// Channel connectivity states: grpc/grpc doc/connectivity-semantics-and-api.md.

/**
 * The state of a channel's connection, as gRPC names them.
 *
 * - `IDLE`: no connection and no attempt under way; the next call (or `getState(true)`) starts one.
 * - `CONNECTING`: resolving the name and opening a connection.
 * - `READY`: a connection is open; calls go out at once.
 * - `TRANSIENT_FAILURE`: the last attempt failed; a retry follows after the backoff delay. Calls fail fast
 *   with UNAVAILABLE unless they set `waitForReady`.
 * - `SHUTDOWN`: `close()` was called; new calls fail with UNAVAILABLE.
 */
export type ConnectivityState = "IDLE" | "CONNECTING" | "READY" | "TRANSIENT_FAILURE" | "SHUTDOWN";

/** The connectivity states by name, for comparisons without string literals. */
export const ConnectivityState = {
  IDLE: "IDLE",
  CONNECTING: "CONNECTING",
  READY: "READY",
  TRANSIENT_FAILURE: "TRANSIENT_FAILURE",
  SHUTDOWN: "SHUTDOWN",
} as const satisfies Record<ConnectivityState, ConnectivityState>;
