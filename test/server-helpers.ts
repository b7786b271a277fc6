// Shared fixtures of the server tests: a JSON-coded test service (no protobuf needed) and a grpc-js client.
import * as grpc from "@grpc/grpc-js";
import type * as http2 from "node:http2";
import type { AnyMethodDefinition, MethodKind, ServiceDefinition } from "../src/grpc/index.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON bytes; `{"fail":true}` cannot be encoded on purpose (to test encode failures). */
export function toJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Parses JSON bytes; throws on malformed input, like a protobuf decoder on bad bytes. */
export function fromJsonBytes(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes));
}

function method(service: string, name: string, kind: MethodKind): AnyMethodDefinition {
  return {
    path: `/${service}/${name}`,
    name,
    localName: name[0]!.toLowerCase() + name.slice(1),
    kind,
    serializeRequest: toJsonBytes,
    deserializeRequest: fromJsonBytes,
    serializeResponse: toJsonBytes,
    deserializeResponse: fromJsonBytes,
  };
}

/** `test.Echo`: one method of each kind, JSON-coded. */
export const Echo = {
  typeName: "test.Echo",
  methods: {
    unary: method("test.Echo", "Unary", "unary"),
    serverStream: method("test.Echo", "ServerStream", "server_streaming"),
    clientStream: method("test.Echo", "ClientStream", "client_streaming"),
    bidi: method("test.Echo", "Bidi", "bidi_streaming"),
  },
} satisfies ServiceDefinition;

/** A grpc-js client for `address` with JSON codecs, plus helpers for each call kind. */
export function jsonClient(address: string, options: grpc.ChannelOptions = {}) {
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), options);
  const ser = (v: unknown): Buffer => Buffer.from(toJsonBytes(v));
  const de = (b: Buffer): unknown => fromJsonBytes(b);
  return {
    client,
    unary(path: string, req: unknown, metadata = new grpc.Metadata(), options: grpc.CallOptions = {}) {
      return new Promise<{ res: unknown; headers: grpc.Metadata | undefined; status: grpc.StatusObject }>((resolve, reject) => {
        let res: unknown;
        let headers: grpc.Metadata | undefined;
        const call = client.makeUnaryRequest(path, ser, de, req, metadata, options, (err, value) => {
          if (err) reject(err);
          else res = value;
        });
        call.on("metadata", (md) => (headers = md));
        call.on("status", (status) => {
          if (status.code === grpc.status.OK) resolve({ res, headers, status });
        });
      });
    },
    serverStream(path: string, req: unknown, metadata = new grpc.Metadata(), options: grpc.CallOptions = {}) {
      return client.makeServerStreamRequest(path, ser, de, req, metadata, options);
    },
    clientStream(path: string, metadata = new grpc.Metadata(), options: grpc.CallOptions = {}) {
      let resolve!: (v: unknown) => void;
      let reject!: (e: unknown) => void;
      const result = new Promise<unknown>((res, rej) => ((resolve = res), (reject = rej)));
      const call = client.makeClientStreamRequest(path, ser, de, metadata, options, (err, value) => (err ? reject(err) : resolve(value)));
      return { call, result };
    },
    bidi(path: string, metadata = new grpc.Metadata(), options: grpc.CallOptions = {}) {
      return client.makeBidiStreamRequest(path, ser, de, metadata, options);
    },
    close() {
      client.close();
    },
  };
}

/** Collects a grpc-js readable stream's messages, rejecting with its error. */
export function collect(stream: grpc.ClientReadableStream<unknown> | grpc.ClientDuplexStream<unknown, unknown>): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const out: unknown[] = [];
    stream.on("data", (m) => out.push(m));
    stream.on("error", reject);
    stream.on("end", () => resolve(out));
  });
}

/** The answer to a raw HTTP/2 request: response headers, trailers (empty for trailers-only), body bytes. */
export interface RawResponse {
  headers: http2.IncomingHttpHeaders;
  trailers: http2.IncomingHttpHeaders;
  body: Buffer;
  /** The RST_STREAM code when the server reset the stream, else 0. */
  rstCode: number;
}

/** Headers of a well-formed gRPC request for `path`, with `extra` merged (a `null` value removes a header). */
export function grpcHeaders(path: string, extra: Record<string, string | null> = {}): http2.OutgoingHttpHeaders {
  const headers: http2.OutgoingHttpHeaders = {
    ":method": "POST",
    ":path": path,
    "content-type": "application/grpc",
    te: "trailers",
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return headers;
}

/** Frames `payload` with a gRPC length prefix (flag 0). */
export function frame(payload: Uint8Array, flags = 0): Buffer {
  const out = Buffer.alloc(5 + payload.length);
  out[0] = flags;
  out.writeUInt32BE(payload.length, 1);
  out.set(payload, 5);
  return out;
}

/** Sends one raw request on `session` and collects the answer. `body` chunks are written in order. */
export function rawRequest(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body: Uint8Array[] = []): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body.length === 0 });
    const chunks: Buffer[] = [];
    let responseHeaders: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    stream.on("response", (h) => (responseHeaders = h));
    stream.on("trailers", (t) => (trailers = t));
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("error", () => {});
    stream.on("close", () => resolve({ headers: responseHeaders, trailers, body: Buffer.concat(chunks), rstCode: stream.rstCode ?? 0 }));
    for (const b of body) stream.write(b);
    if (body.length > 0) stream.end();
    stream.on("aborted", () => {});
    void reject;
  });
}

/** The gRPC status of a raw response: from the trailers, or from the headers of a trailers-only answer. */
export function statusOf(r: RawResponse): { code: number | undefined; message: string | undefined; httpStatus: number | undefined } {
  const src = r.trailers["grpc-status"] !== undefined ? r.trailers : r.headers;
  const code = src["grpc-status"];
  return {
    code: code === undefined ? undefined : Number(code),
    message: src["grpc-message"] === undefined ? undefined : decodeURIComponent(String(src["grpc-message"])),
    httpStatus: r.headers[":status"] as number | undefined,
  };
}

/** Splits a response body into gRPC message payloads. */
export function unframe(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at + 5 <= body.length) {
    const len = body.readUInt32BE(at + 1);
    out.push(body.subarray(at + 5, at + 5 + len));
    at += 5 + len;
  }
  return out;
}
