// The client contenders behind one small interface, each loaded only when asked for.

/** A client contender connected (lazily) to one server. */
export interface BenchClient {
  /** One unary `Unary` call with this payload body; rejects unless the call ends with status OK. */
  unary(body: Uint8Array): Promise<void>;
  /** A `ServerStream` call; the iterable yields one item per message (reading it slowly slows the server). */
  serverStream(count: number, size: number): AsyncIterable<unknown>;
  /** Opens a `PingPong` call: `ping` sends one message and resolves with the answer's arrival. */
  pingPong(): PingPongCall;
  /** Closes the connection. */
  close(): void;
}

/** An open bidi `PingPong` call. */
export interface PingPongCall {
  /** Sends `body` and resolves when the echo arrives. */
  ping(body: Uint8Array): Promise<void>;
  /** Half-closes and waits for the end of the call. */
  end(): Promise<void>;
}

/** The client contenders. Streaming workloads are implemented for `spindle` and `grpc-js` only. */
export const CLIENT_KINDS = ["spindle", "grpc-js", "connect", "raw"] as const;
/** One of {@link CLIENT_KINDS}. */
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Creates the client contender `kind` for the server on 127.0.0.1:`port`. */
export async function createBenchClient(kind: ClientKind, port: number): Promise<BenchClient> {
  switch (kind) {
    case "spindle":
      return (await import("./client-spindle.js")).createSpindleBenchClient(port);
    case "grpc-js":
      return (await import("./client-grpc-js.js")).createGrpcJsBenchClient(port);
    case "connect":
      return (await import("./client-connect.js")).createConnectBenchClient(port);
    case "raw":
      return (await import("./client-raw.js")).createRawBenchClient(port);
  }
}

/** For contenders without streaming support here. */
export function unsupported(kind: string, what: string): never {
  throw new Error(`the ${kind} contender does not implement ${what} in this benchmark`);
}
