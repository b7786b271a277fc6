// The ceiling: a bare node:http2 server that answers every call with a fixed gRPC response: the request's
// own frame sent back unparsed (for the unary echo that is exactly the right answer), then grpc-status 0.
// No routing, no decoding, no metadata: what any gRPC server on node:http2 pays at least.
import { createServer, type ServerHttp2Stream } from "node:http2";
import type { Socket } from "node:net";
import type { RunningServer } from "./server-kinds.js";

const HEADERS = { ":status": 200, "content-type": "application/grpc" };
const TRAILERS = { "grpc-status": "0" };

function answer(stream: ServerHttp2Stream): void {
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  stream.on("end", () => {
    if (stream.destroyed) return;
    stream.respond(HEADERS, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers(TRAILERS));
    stream.end(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  });
  stream.on("error", () => {});
}

/** Starts the raw node:http2 server on 127.0.0.1:`port`. */
export function startRawServer(port: number): Promise<RunningServer> {
  const server = createServer();
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("stream", answer);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error("raw server: no TCP address"));
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
