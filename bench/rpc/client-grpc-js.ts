// The @grpc/grpc-js anchor's client: a generic client constructor over the proto-loader definition.
import * as grpc from "@grpc/grpc-js";
import type { BenchClient, PingPongCall } from "./client-kinds.js";
import { grpcJsBenchDefinition } from "./server-grpc-js.js";

interface Payload {
  body: Uint8Array;
}
/** The generic client's methods for bench.proto (makeGenericClientConstructor types them loosely). */
interface GrpcJsBenchStub {
  Unary(req: Payload, callback: (error: grpc.ServiceError | null, res?: Payload) => void): grpc.ClientUnaryCall;
  ServerStream(req: { count: number; size: number }): grpc.ClientReadableStream<Payload>;
  PingPong(): grpc.ClientDuplexStream<Payload, Payload>;
  close(): void;
}

/** Creates a grpc-js client for the Bench service on 127.0.0.1:`port`. */
export function createGrpcJsBenchClient(port: number): BenchClient {
  const Client = grpc.makeGenericClientConstructor(grpcJsBenchDefinition(), "Bench");
  const stub = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as GrpcJsBenchStub;
  return {
    unary(body) {
      return new Promise((resolve, reject) => {
        stub.Unary({ body }, (error) => (error === null ? resolve() : reject(error)));
      });
    },
    serverStream(count, size) {
      // A Readable: `for await` pulls, so a slow reader pauses it and flow control reaches the server.
      return stub.ServerStream({ count, size });
    },
    pingPong(): PingPongCall {
      const call = stub.PingPong();
      let waiting: { resolve: () => void; reject: (e: Error) => void } | undefined;
      let failure: Error | undefined;
      const ended = new Promise<void>((resolve) => call.on("end", resolve));
      call.on("data", () => {
        const w = waiting;
        waiting = undefined;
        w?.resolve();
      });
      call.on("error", (e: Error) => {
        failure = e;
        waiting?.reject(e);
      });
      return {
        ping(body) {
          if (failure !== undefined) return Promise.reject(failure);
          return new Promise((resolve, reject) => {
            waiting = { resolve, reject };
            call.write({ body });
          });
        },
        async end() {
          call.end();
          await ended;
        },
      };
    },
    close() {
      stub.close();
    },
  };
}
