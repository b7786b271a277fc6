// The Spindle contender's client: a channel and a typed stub over bench.proto loaded with loadProto.
import { loadProto } from "spindle/compiler";
import { serviceFromDesc } from "spindle/grpc";
import { createChannel, createClient, createWritableIterable } from "spindle/client";
import { benchProtoDir, SERVICE_NAME } from "./bench-proto.js";
import type { BenchClient, PingPongCall } from "./client-kinds.js";

interface Payload {
  body: Uint8Array;
}
/** The stub's shape for bench.proto (the reflection definition types messages loosely). */
interface BenchStub {
  unary(req: Payload): Promise<Payload>;
  serverStream(req: { count: number; size: number }): AsyncIterable<Payload>;
  pingPong(requests: AsyncIterable<Payload>): AsyncIterable<Payload>;
}

/** Creates a Spindle client for the Bench service on 127.0.0.1:`port`. */
export function createSpindleBenchClient(port: number): BenchClient {
  const registry = loadProto("bench.proto", { includeDirs: [benchProtoDir()] });
  const desc = registry.getService(SERVICE_NAME);
  if (desc === undefined) throw new Error(`${SERVICE_NAME} is missing from bench.proto`);
  const channel = createChannel(`127.0.0.1:${port}`);
  const stub = createClient(serviceFromDesc(desc), channel) as unknown as BenchStub;
  return {
    async unary(body) {
      await stub.unary({ body });
    },
    serverStream(count, size) {
      return stub.serverStream({ count, size });
    },
    pingPong(): PingPongCall {
      const requests = createWritableIterable<Payload>();
      const replies = stub.pingPong(requests)[Symbol.asyncIterator]();
      return {
        async ping(body) {
          await requests.write({ body });
          const r = await replies.next();
          if (r.done === true) throw new Error("PingPong ended early");
        },
        async end() {
          requests.close();
          while ((await replies.next()).done !== true);
        },
      };
    },
    close() {
      channel.close();
    },
  };
}
