// The client ceiling: bare node:http2 requests carrying a pre-framed message, checking only grpc-status.
import { connect, type ClientHttp2Session } from "node:http2";
import { UNARY_PATH } from "./bench-proto.js";
import { unsupported, type BenchClient } from "./client-kinds.js";

const HEADERS = { ":method": "POST", ":path": UNARY_PATH, "content-type": "application/grpc", te: "trailers" };

/** One unary call over `session`: resolves on grpc-status 0, rejects otherwise. */
export function rawUnary(session: ClientHttp2Session, framed: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = session.request(HEADERS);
    let status: string | undefined;
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
    });
    req.on("trailers", (trailers) => {
      status = String(trailers["grpc-status"]);
    });
    req.on("end", () => {
      if (status === "0" && received > 0) resolve();
      else reject(new Error(`raw unary: grpc-status ${status ?? "missing"}, ${received} bytes`));
    });
    req.on("error", reject);
    req.end(framed);
  });
}

/** Creates the raw node:http2 client (unary only) for 127.0.0.1:`port`. */
export function createRawBenchClient(port: number): BenchClient {
  const session = connect(`http://127.0.0.1:${port}`);
  session.on("error", () => {});
  // The caller hands over the message body; a client library encodes and frames it, so the ceiling does too
  // (by hand: field 1, length-delimited), into one buffer.
  const frameOf = (body: Uint8Array): Buffer => {
    const lengthBytes: number[] = [];
    for (let n = body.length; ; n >>>= 7) {
      if (n <= 0x7f) {
        lengthBytes.push(n);
        break;
      }
      lengthBytes.push((n & 0x7f) | 0x80);
    }
    const messageLength = 1 + lengthBytes.length + body.length;
    const out = Buffer.allocUnsafe(5 + messageLength);
    out[0] = 0;
    out.writeUInt32BE(messageLength, 1);
    out[5] = 0x0a;
    out.set(lengthBytes, 6);
    out.set(body, 6 + lengthBytes.length);
    return out;
  };
  return {
    unary: (body) => rawUnary(session, frameOf(body)),
    serverStream: () => unsupported("raw", "server streaming"),
    pingPong: () => unsupported("raw", "ping-pong"),
    close: () => session.close(),
  };
}
