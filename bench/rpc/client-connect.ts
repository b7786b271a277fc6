// The Connect anchor's client: @connectrpc/connect-node's gRPC transport over HTTP/2, with the service
// descriptor built at run time (createFileRegistry).
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { unsupported, type BenchClient } from "./client-kinds.js";
import { connectBenchService } from "./server-connect.js";

interface Payload {
  body: Uint8Array;
}
/** The client's shape for bench.proto (a run-time DescService gives Connect no method types). */
interface ConnectBenchStub {
  unary(req: Payload): Promise<Payload>;
}

/** Creates a Connect client (gRPC protocol, HTTP/2) for the Bench service on 127.0.0.1:`port`. */
export function createConnectBenchClient(port: number): BenchClient {
  const baseUrl = `http://127.0.0.1:${port}`;
  const sessionManager = new Http2SessionManager(baseUrl);
  const transport = createGrpcTransport({ baseUrl, sessionManager });
  const stub = createClient(connectBenchService(), transport) as unknown as ConnectBenchStub;
  return {
    async unary(body) {
      await stub.unary({ body });
    },
    serverStream: () => unsupported("connect", "server streaming"),
    pingPong: () => unsupported("connect", "ping-pong"),
    close() {
      sessionManager.abort();
    },
  };
}
