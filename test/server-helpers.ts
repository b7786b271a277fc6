// Shared fixtures of the server tests: a JSON-coded test service (no protobuf needed) and a grpc-js client.
import * as grpc from "@grpc/grpc-js";
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
