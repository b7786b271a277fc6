// The @grpc/grpc-js anchor's server: bench.proto loaded with @grpc/proto-loader, the way its users load
// protos without codegen; server streams wait for 'drain' so that backpressure is honoured.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";
import { benchProtoDir, SERVICE_NAME } from "./bench-proto.js";
import type { RunningServer } from "./server-kinds.js";

interface Payload {
  body: Buffer;
}
interface StreamRequest {
  count: number;
  size: number;
}

/** The Bench service definition for grpc-js (shared by the grpc-js client). */
export function grpcJsBenchDefinition(): grpc.ServiceDefinition {
  const packageDefinition = protoLoader.loadSync(join(benchProtoDir(), "bench.proto"), { defaults: true });
  const definition = packageDefinition[SERVICE_NAME];
  if (definition === undefined || !("Unary" in definition)) throw new Error(`${SERVICE_NAME} is missing from bench.proto`);
  return definition as grpc.ServiceDefinition;
}

function serverStream(call: grpc.ServerWritableStream<StreamRequest, Payload>): void {
  const { count, size } = call.request;
  const reply = { body: Buffer.alloc(size, 7) };
  let sent = 0;
  let isCancelled = false;
  call.on("cancelled", () => {
    isCancelled = true;
  });
  const pump = (): void => {
    while (sent < count && !isCancelled) {
      sent++;
      if (!call.write(reply)) {
        call.once("drain", pump);
        return;
      }
    }
    if (!isCancelled) call.end();
  };
  pump();
}

function pingPong(call: grpc.ServerDuplexStream<Payload, Payload>): void {
  call.on("data", (m: Payload) => call.write({ body: m.body }));
  call.on("end", () => call.end());
  call.on("error", () => {});
}

/** Starts the grpc-js server on 127.0.0.1:`port`. */
export function startGrpcJsServer(port: number): Promise<RunningServer> {
  const server = new grpc.Server();
  server.addService(grpcJsBenchDefinition(), {
    Unary: (call: grpc.ServerUnaryCall<Payload, Payload>, callback: grpc.sendUnaryData<Payload>) => callback(null, { body: call.request.body }),
    ServerStream: serverStream,
    PingPong: pingPong,
  });
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error !== null) return reject(error);
      resolve({ port: bound, close: () => server.forceShutdown() });
    });
  });
}
