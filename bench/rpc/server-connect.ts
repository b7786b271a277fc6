// The Connect anchor's server: @connectrpc/connect-node speaking only the gRPC protocol on node:http2, its
// service descriptor built at run time from bench.proto's FileDescriptorSet (createFileRegistry).
import { createServer } from "node:http2";
import type { Socket } from "node:net";
import { createFileRegistry, fromBinary, type DescService } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { SERVICE_NAME } from "./bench-proto.js";
import { benchDescriptorSetBytes } from "./descriptor-set.js";
import type { RunningServer } from "./server-kinds.js";

interface Payload {
  body: Uint8Array;
}
interface StreamRequest {
  count: number;
  size: number;
}

/** The Bench service as a @bufbuild/protobuf descriptor (shared by the Connect client). */
export function connectBenchService(): DescService {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, benchDescriptorSetBytes()));
  const service = registry.getService(SERVICE_NAME);
  if (service === undefined) throw new Error(`${SERVICE_NAME} is missing from bench.proto`);
  return service;
}

/** Starts the Connect server (gRPC protocol only) on 127.0.0.1:`port`. */
export function startConnectServer(port: number): Promise<RunningServer> {
  const service = connectBenchService();
  // Connect types implementations from generated GenService types; a run-time DescService has none, so the
  // implementation goes in untyped (`as never`), exactly as a reflection-based user would have to.
  const implementation = {
      unary: async (req: unknown) => ({ body: (req as Payload).body }),
      serverStream: async function* (req: unknown) {
        const { count, size } = req as StreamRequest;
        const reply = { body: new Uint8Array(size).fill(7) };
        for (let i = 0; i < count; i++) yield reply;
      },
      pingPong: async function* (requests: AsyncIterable<unknown>) {
        for await (const m of requests) yield { body: (m as Payload).body };
      },
  };
  const routes = (router: ConnectRouter): void => {
    router.service(service, implementation as never);
  };
  const server = createServer(connectNodeAdapter({ routes, grpc: true, grpcWeb: false, connect: false }));
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error("connect server: no TCP address"));
      resolve({
        port: address.port,
        close: () => {
          server.close();
          for (const s of sockets) s.destroy();
        },
      });
    });
  });
}
