// A grpc.testing.TestService server on @grpc/grpc-js and @grpc/proto-loader, for Spindle's interop client.
//
// Implements the server features of grpc/grpc doc/interop-test-descriptions.md that grpc-js's API can
// express: EmptyCall, UnaryCall (payload sizes, Echo Status, Echo Metadata), StreamingOutputCall (sizes,
// interval_us), StreamingInputCall, FullDuplexCall, HalfDuplexCall; UnimplementedCall stays unimplemented.
// Not expressible: CompressedRequest (a handler cannot see whether a request message was compressed) and
// CompressedResponse (a handler cannot choose compression per call or per message).
//
// Usage: node dist/interop/peers/grpcjs-server.js --port=N [--host=127.0.0.1]
// Prints "listening on PORT" once serving (port 0 picks a free port); exits when stdin closes or on SIGTERM.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { parseArgs } from "node:util";

const PROTO_ROOT = "/usr/share/grpc-proto";

interface Payload {
  type?: string;
  body?: Buffer;
}
interface EchoStatus {
  code: number;
  message: string;
}
interface ResponseParameters {
  size: number;
  intervalUs: number;
}
interface StreamingOutputCallRequest {
  responseParameters: ResponseParameters[];
  payload?: Payload;
  responseStatus?: EchoStatus;
}

function payload(size: number): Payload {
  return { type: "COMPRESSABLE", body: Buffer.alloc(size) };
}

function echoMetadata(call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown> | grpc.ServerReadableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>): grpc.Metadata {
  const initial = call.metadata.get("x-grpc-test-echo-initial");
  if (initial.length > 0) {
    const md = new grpc.Metadata();
    md.set("x-grpc-test-echo-initial", initial[0]!);
    call.sendMetadata(md);
  }
  const trailing = new grpc.Metadata();
  const bin = call.metadata.get("x-grpc-test-echo-trailing-bin");
  if (bin.length > 0) trailing.set("x-grpc-test-echo-trailing-bin", bin[0]!);
  return trailing;
}

function statusError(status: EchoStatus | undefined, trailers: grpc.Metadata): grpc.ServiceError | undefined {
  if (!status || status.code === 0) return undefined;
  return Object.assign(new Error(status.message), { code: status.code, details: status.message, metadata: trailers });
}

const sleep = (us: number) => new Promise((r) => setTimeout(r, us / 1000));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, host: { type: "string", default: "127.0.0.1" }, use_tls: { type: "string", default: "false" } } });
  if (values.use_tls === "true") throw new Error("--use_tls is not supported by this peer");
  const definition = protoLoader.loadSync("grpc/testing/test.proto", { includeDirs: [PROTO_ROOT], enums: String, defaults: true, oneofs: true });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { grpc: { testing: { TestService: grpc.ServiceClientConstructor } } };
  const server = new grpc.Server();
  const impl: grpc.UntypedServiceImplementation = {
    emptyCall(call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const trailers = echoMetadata(call);
      callback(null, {}, trailers);
    },
    unaryCall(call: grpc.ServerUnaryCall<{ responseSize: number; responseStatus?: EchoStatus }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const trailers = echoMetadata(call);
      const err = statusError(call.request.responseStatus, trailers);
      if (err) return callback(err);
      callback(null, { payload: payload(call.request.responseSize) }, trailers);
    },
    async streamingOutputCall(call: grpc.ServerWritableStream<StreamingOutputCallRequest, unknown>) {
      const trailers = echoMetadata(call);
      const err = statusError(call.request.responseStatus, trailers);
      if (err) return call.emit("error", err);
      for (const p of call.request.responseParameters) {
        if (p.intervalUs) await sleep(p.intervalUs);
        if (call.cancelled) return;
        call.write({ payload: payload(p.size) });
      }
      call.end(trailers);
    },
    streamingInputCall(call: grpc.ServerReadableStream<{ payload?: Payload }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const trailers = echoMetadata(call);
      let total = 0;
      call.on("data", (r: { payload?: Payload }) => (total += r.payload?.body?.length ?? 0));
      call.on("end", () => callback(null, { aggregatedPayloadSize: total }, trailers));
      call.on("error", () => undefined);
    },
    fullDuplexCall(call: grpc.ServerDuplexStream<StreamingOutputCallRequest, unknown>) {
      const trailers = echoMetadata(call);
      let chain = Promise.resolve();
      let failed = false;
      call.on("data", (req: StreamingOutputCallRequest) => {
        chain = chain.then(async () => {
          if (failed) return;
          const err = statusError(req.responseStatus, trailers);
          if (err) {
            failed = true;
            call.emit("error", err);
            return;
          }
          for (const p of req.responseParameters) {
            if (p.intervalUs) await sleep(p.intervalUs);
            if (call.cancelled) return;
            call.write({ payload: payload(p.size) });
          }
        });
      });
      call.on("end", () => void chain.then(() => !failed && !call.cancelled && call.end(trailers)));
      call.on("error", () => undefined);
    },
    halfDuplexCall(call: grpc.ServerDuplexStream<StreamingOutputCallRequest, unknown>) {
      const trailers = echoMetadata(call);
      const requests: StreamingOutputCallRequest[] = [];
      call.on("data", (r: StreamingOutputCallRequest) => requests.push(r));
      call.on("end", () => {
        for (const r of requests) for (const p of r.responseParameters) call.write({ payload: payload(p.size) });
        call.end(trailers);
      });
      call.on("error", () => undefined);
    },
  };
  server.addService(loaded.grpc.testing.TestService.service, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${values.host}:${values.port}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  console.log(`listening on ${port}`);
  const stop = () => server.tryShutdown(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Exit with the test runner: it holds our stdin open.
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
