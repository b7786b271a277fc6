// The Spindle contender's server: bench.proto loaded at run time with loadProto (no codegen), handlers in the
// DESIGN.md style (a plain async function, async generators for streams). It imports the package by name, so
// it runs what users get: the bundled exports of `npm run build` (scripts/bundle.ts).
import { loadProto } from "spindle/compiler";
import { serviceFromDesc } from "spindle/grpc";
import { createServer } from "spindle/server";
import { benchProtoDir, SERVICE_NAME } from "./bench-proto.js";
import type { RunningServer } from "./server-kinds.js";

interface Payload {
  body: Uint8Array;
}
interface StreamRequest {
  count: number;
  size: number;
}

/** Starts Spindle's server for the Bench service on 127.0.0.1:`port` (0 picks one). */
export async function startSpindleServer(port: number): Promise<RunningServer> {
  const registry = loadProto("bench.proto", { includeDirs: [benchProtoDir()] });
  const desc = registry.getService(SERVICE_NAME);
  if (desc === undefined) throw new Error(`${SERVICE_NAME} is missing from bench.proto`);
  const Bench = serviceFromDesc(desc);
  const server = createServer({ onError: () => {} });
  server.addService(Bench, {
    async unary(req: unknown) {
      return { body: (req as Payload).body };
    },
    async *serverStream(req: unknown) {
      const { count, size } = req as StreamRequest;
      const reply = { body: new Uint8Array(size).fill(7) };
      for (let i = 0; i < count; i++) yield reply;
    },
    async *pingPong(requests: AsyncIterable<unknown>) {
      for await (const m of requests) yield { body: (m as Payload).body };
    },
  });
  const bound = await server.listen(`127.0.0.1:${port}`);
  return { port: bound, close: () => server.forceShutdown() };
}
