// The server's protobuf fast paths, on a service loaded from a .proto: responses framed straight from the
// encoder's buffer (serializeResponseWith), request `bytes` fields as views of the received data (aliasBytes).
// What must hold: the same bytes on the wire, the send limit, compression, and received values that stay
// intact however many requests follow on the same connection.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import { gunzipSync } from "node:zlib";
import { loadProto } from "../src/compiler/index.js";
import { RpcError, Status, serviceFromDesc } from "../src/grpc/index.js";
import { fromBinary, toBinary } from "../src/protobuf/index.js";
import { createChannel, createClient, type Channel } from "../src/client/index.js";
import { createServer, type Server } from "../src/server/index.js";
import { frame, grpcHeaders, rawRequest, statusOf, unframe } from "./server-helpers.js";

const registry = loadProto("blob.proto", {
  sources: {
    "blob.proto": `
      syntax = "proto3";
      package test.blob;
      message Blob { bytes data = 1; string note = 2; }
      message Count { int32 n = 1; }
      service Blobs {
        rpc Echo(Blob) returns (Blob);
        rpc Keep(Blob) returns (Count);
        rpc Repeat(Blob) returns (stream Blob);
        rpc Chat(stream Blob) returns (stream Blob);
      }`,
  },
});
const Blob = registry.getMessage("test.blob.Blob")!;
const Blobs = serviceFromDesc(registry.getService("test.blob.Blobs")!);

interface BlobMessage {
  data: Uint8Array;
  note: string;
}
interface Stub {
  echo(req: Partial<BlobMessage>): Promise<BlobMessage>;
  keep(req: Partial<BlobMessage>): Promise<{ n: number }>;
  repeat(req: Partial<BlobMessage>): AsyncIterable<BlobMessage>;
  chat(reqs: Iterable<Partial<BlobMessage>>): AsyncIterable<BlobMessage>;
}

/** `n` bytes from a seeded generator (xorshift), different for each seed. */
function seeded(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const SIZES = [0, 1, 64, 65, 1024, 5000, 100_000];

describe("server protobuf fast paths", () => {
  let server: Server;
  let port: number;
  let channel: Channel;
  let stub: Stub;
  const kept: Uint8Array[] = [];

  before(async () => {
    server = createServer({ maxSendMessageBytes: 200_000 });
    server.addService(Blobs, {
      async echo(req: BlobMessage) {
        if (req.note === "too-big") return { data: new Uint8Array(200_001) };
        return req;
      },
      async keep(req: BlobMessage) {
        kept.push(req.data);
        return { n: kept.length };
      },
      async *repeat(req: BlobMessage) {
        for (const size of SIZES) yield { data: req.data.subarray(0, size), note: String(size) };
      },
      async *chat(reqs: AsyncIterable<BlobMessage>) {
        for await (const r of reqs) yield r;
      },
    } as never);
    port = await server.listen("127.0.0.1:0");
    channel = createChannel(`127.0.0.1:${port}`);
    stub = createClient(Blobs, channel) as unknown as Stub;
  });

  after(async () => {
    channel.close();
    await server.shutdown({ graceMs: 100 });
  });

  it("echoes bytes fields of every size exactly, unary and streaming", async () => {
    for (const size of SIZES) {
      const data = seeded(size, size);
      assert.deepEqual((await stub.echo({ data, note: "x" })).data, data, `unary, ${size} bytes`);
    }
    const big = seeded(100_000, 7);
    const repeated: [string, Uint8Array][] = [];
    for await (const m of stub.repeat({ data: big })) repeated.push([m.note, m.data]);
    assert.deepEqual(repeated, SIZES.map((size) => [String(size), big.subarray(0, size)]));
    const sent = SIZES.map((size) => ({ data: seeded(size, size + 1), note: String(size) }));
    const answers: BlobMessage[] = [];
    for await (const m of stub.chat(sent)) answers.push(m);
    assert.deepEqual(answers, sent);
  });

  it("keeps received bytes values intact while later requests arrive on the same connection", async () => {
    kept.length = 0;
    const want: Uint8Array[] = [];
    // Sequential and concurrent calls, so that reads hold one request or several.
    for (let i = 0; i < 20; i++) {
      want.push(seeded(100 + i * 37, i));
      await stub.keep({ data: want[i] });
    }
    const batch = Array.from({ length: 60 }, (_, i) => seeded(65 + i * 53, 100 + i));
    want.push(...batch);
    await Promise.all(batch.map((data) => stub.keep({ data })));
    for (let i = 0; i < 40; i++) await stub.echo({ data: seeded(3000, 500 + i) });
    assert.equal(kept.length, want.length);
    const sorted = (list: Uint8Array[]) => list.map((b) => Buffer.from(b).toString("hex")).sort();
    assert.deepEqual(sorted(kept), sorted(want));
  });

  it("refuses a response over maxSendMessageBytes with RESOURCE_EXHAUSTED", async () => {
    await assert.rejects(stub.echo({ note: "too-big" }), (e: unknown) => e instanceof RpcError && e.code === Status.RESOURCE_EXHAUSTED && /200005 bytes exceeds the limit/.test(e.message));
  });

  it("answers without a Date header, on success and on early refusal (gRPC has no use for it)", async () => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const ok = await rawRequest(session, grpcHeaders("/test.blob.Blobs/Echo"), [frame(toBinary(Blob, { note: "x" }))]);
      const refused = await rawRequest(session, grpcHeaders("/test.blob.Blobs/Nope"), [frame(new Uint8Array())]);
      assert.deepEqual([statusOf(ok).code, statusOf(refused).code], [Status.OK, Status.UNIMPLEMENTED]);
      assert.deepEqual([ok.headers.date, refused.headers.date], [undefined, undefined]);
    } finally {
      session.close();
    }
  });

  it("still compresses responses when asked to", async () => {
    const gz = createServer({ responseCompression: "gzip" });
    gz.addService(Blobs, {
      async echo(req: BlobMessage) {
        return req;
      },
      keep: async () => ({}),
      async *repeat() {},
      async *chat() {},
    } as never);
    const gzPort = await gz.listen("127.0.0.1:0");
    const session = http2.connect(`http://127.0.0.1:${gzPort}`);
    try {
      const request = { data: seeded(2000, 3), note: "gzip" };
      const r = await rawRequest(session, grpcHeaders("/test.blob.Blobs/Echo", { "grpc-accept-encoding": "gzip" }), [frame(toBinary(Blob, request))]);
      assert.equal(statusOf(r).code, Status.OK);
      assert.equal(r.body[0], 1, "the compressed flag");
      assert.deepEqual(fromBinary(Blob, gunzipSync(unframe(r.body)[0]!)), request);
    } finally {
      session.close();
      await gz.shutdown({ graceMs: 100 });
    }
  });
});
