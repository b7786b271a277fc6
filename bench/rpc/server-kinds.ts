// The server contenders, by name, each loaded only when asked for (so a cold start measures one stack).

/** A server contender listening on 127.0.0.1. */
export interface RunningServer {
  readonly port: number;
  /** Closes the listener and every connection now. */
  close(): void;
}

/** The server contenders. `raw` is the ceiling: node:http2 answering without parsing (unary only). */
export const SERVER_KINDS = ["spindle", "grpc-js", "connect", "raw"] as const;
/** One of {@link SERVER_KINDS}. */
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Starts the server contender `kind` on `port` (0 picks a free port). */
export async function startServer(kind: ServerKind, port: number): Promise<RunningServer> {
  switch (kind) {
    case "spindle":
      return (await import("./server-spindle.js")).startSpindleServer(port);
    case "grpc-js":
      return (await import("./server-grpc-js.js")).startGrpcJsServer(port);
    case "connect":
      return (await import("./server-connect.js")).startConnectServer(port);
    case "raw":
      return (await import("./server-raw.js")).startRawServer(port);
  }
}
