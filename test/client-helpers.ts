// Test helpers for the client: a scriptable raw node:http2 server (so tests can send exactly the bytes and
// headers a case needs, including wrong ones) and byte-passthrough method definitions.
import { createSecureServer, createServer, type SecureServerOptions, type Http2Server, type Http2ServerRequest, type ServerHttp2Stream, type IncomingHttpHeaders, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import type { AnyMethodDefinition, MethodKind } from "../src/grpc/index.js";

/** A method whose messages are raw bytes (strings are UTF-8 encoded on the way out), for wire-level tests. */
export function rawMethod(path: string, kind: MethodKind = "unary"): AnyMethodDefinition {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return {
    path,
    name,
    localName: name.charAt(0).toLowerCase() + name.slice(1),
    kind,
    serializeRequest: (m) => (typeof m === "string" ? new TextEncoder().encode(m) : (m as Uint8Array)),
    deserializeRequest: (b) => b,
    serializeResponse: (m) => m as Uint8Array,
    deserializeResponse: (b) => new TextDecoder().decode(b),
  };
}

/** A 5-byte-prefixed gRPC frame. */
export function frame(payload: string | Uint8Array, compressed = false): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload) : Buffer.from(payload);
  const out = Buffer.alloc(5 + body.length);
  out[0] = compressed ? 1 : 0;
  out.writeUInt32BE(body.length, 1);
  body.copy(out, 5);
  return out;
}

/** Splits received request bytes into frame payloads (as strings). */
export function unframe(data: Buffer): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos + 5 <= data.length) {
    const len = data.readUInt32BE(pos + 1);
    out.push(data.subarray(pos + 5, pos + 5 + len).toString());
    pos += 5 + len;
  }
  return out;
}

/** What a scripted handler gets: the stream, request headers and a helper to read the whole request body. */
export interface RawCall {
  stream: ServerHttp2Stream;
  headers: IncomingHttpHeaders;
  body(): Promise<Buffer>;
}

export type RawHandler = (call: RawCall) => void | Promise<void>;

/** A raw HTTP/2 server on 127.0.0.1 with handlers per path, counting sessions. */
export interface RawServer {
  port: number;
  target: string;
  sessions: Set<ServerHttp2Session>;
  sessionCount: number;
  handle(path: string, handler: RawHandler): void;
  close(): Promise<void>;
  server: Http2Server;
}

export async function startRawServer(options: { port?: number; path?: string; tls?: SecureServerOptions } = {}): Promise<RawServer> {
  const handlers = new Map<string, RawHandler>();
  const server = (options.tls ? createSecureServer({ allowHTTP1: false, ...options.tls }) : createServer()) as Http2Server;
  const sessions = new Set<ServerHttp2Session>();
  const state: RawServer = {
    port: 0,
    target: "",
    sessions,
    sessionCount: 0,
    handle: (path, h) => void handlers.set(path, h),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
    server,
  };
  server.on("session", (s) => {
    sessions.add(s);
    state.sessionCount++;
    s.on("close", () => sessions.delete(s));
    s.on("error", () => undefined);
  });
  server.on("stream", (stream, headers) => {
    stream.on("error", () => undefined);
    const h = handlers.get(String(headers[":path"]));
    let bodyPromise: Promise<Buffer> | undefined;
    const body = () =>
      (bodyPromise ??= new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => resolve(Buffer.concat(chunks)));
        stream.on("close", () => resolve(Buffer.concat(chunks)));
      }));
    if (!h) {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12", "grpc-message": "no handler" }, { endStream: true });
      return;
    }
    Promise.resolve(h({ stream, headers, body })).catch((e) => {
      if (!stream.destroyed) stream.close();
      console.error("raw handler failed", e);
    });
  });
  await new Promise<void>((resolve) => {
    if (options.path) server.listen(options.path, resolve);
    else server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  state.port = options.path ? 0 : (server.address() as AddressInfo).port;
  state.target = options.path ? `unix:${options.path}` : `127.0.0.1:${state.port}`;
  return state;
}

/** Responds with headers, frames and OK trailers (or the given trailers). */
export function reply(stream: ServerHttp2Stream, messages: (string | Buffer)[], trailers: Record<string, string> = { "grpc-status": "0" }, headers: Record<string, string> = {}): void {
  stream.respond({ ":status": 200, "content-type": "application/grpc", ...headers }, { waitForTrailers: true });
  stream.on("wantTrailers", () => stream.sendTrailers(trailers));
  for (const m of messages) stream.write(typeof m === "string" ? frame(m) : m);
  stream.end();
}

export type { Http2ServerRequest };
