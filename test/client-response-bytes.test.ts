// The client decodes response `bytes` fields over 64 bytes as views of what node:http2 received
// (aliasBytes), for loaded and generated services alike. What must hold: every value the caller keeps stays
// intact however many responses follow on the same connection, unary and streaming, in one read or split
// across several (70,000 bytes span HTTP/2 frames).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadProto } from "../src/compiler/index.js";
import { serviceFromDesc } from "../src/grpc/index.js";
import { createChannel, createClient, type Channel } from "../src/client/index.js";
import { createServer, type Server } from "../src/server/index.js";

const registry = loadProto("blob.proto", {
  sources: {
    "blob.proto": `
      syntax = "proto3";
      package test.clientblob;
      message Blob { bytes data = 1; int32 seq = 2; }
      message Ask { int32 size = 1; int32 count = 2; int32 seed = 3; }
      service Blobs {
        rpc One(Ask) returns (Blob);
        rpc Many(Ask) returns (stream Blob);
      }`,
  },
});
const Blobs = serviceFromDesc(registry.getService("test.clientblob.Blobs")!);

interface Blob {
  data: Uint8Array;
  seq: number;
}
interface Ask {
  size: number;
  count: number;
  seed: number;
}
interface Stub {
  one(req: Partial<Ask>, options?: object): Promise<Blob>;
  many(req: Partial<Ask>, options?: object): AsyncIterable<Blob>;
}

/** The bytes the server sends for message `seq` of request `seed`: distinct per message, so a reuse shows. */
function pattern(size: number, seed: number, seq: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (seed * 31 + seq * 7 + i) & 0xff;
  return out;
}

describe("client response bytes", () => {
  let server: Server;
  let channel: Channel;
  let stub: Stub;

  before(async () => {
    server = createServer();
    server.addService(Blobs, {
      async one(req: unknown) {
        const { size, seed } = req as Ask;
        return { data: pattern(size, seed, 0), seq: 0 };
      },
      async *many(req: unknown) {
        const { size, count, seed } = req as Ask;
        for (let seq = 0; seq < count; seq++) yield { data: pattern(size, seed, seq), seq };
      },
    } as never);
    const port = await server.listen("127.0.0.1:0");
    channel = createChannel(`127.0.0.1:${port}`);
    stub = createClient(Blobs, channel) as unknown as Stub;
  });
  after(async () => {
    channel.close();
    await server.shutdown({ graceMs: 0 });
  });

  it("keeps every unary answer intact across 150 calls on one connection, large ones as views", async () => {
    const sizes = [1, 64, 65, 1000, 20_000, 70_000];
    const kept: { size: number; seed: number; blob: Blob }[] = [];
    for (let round = 0; round < 25; round++) {
      const answers = await Promise.all(sizes.map((size, i) => stub.one({ size, seed: round * 10 + i }).then((blob) => ({ size, seed: round * 10 + i, blob }))));
      kept.push(...answers);
    }
    let views = 0;
    for (const { size, seed, blob } of kept) {
      assert.deepEqual(blob.data, pattern(size, seed, 0), `size ${size} seed ${seed}`);
      if (blob.data.byteLength !== blob.data.buffer.byteLength) views++;
    }
    assert.ok(views > 0, "some large values are views of a received buffer");
  });

  it("keeps every streamed message intact", async () => {
    const kept: Blob[] = [];
    for await (const blob of stub.many({ size: 3000, count: 200, seed: 5 })) kept.push(blob);
    assert.equal(kept.length, 200);
    for (const blob of kept) assert.deepEqual(blob.data, pattern(3000, 5, blob.seq), `seq ${blob.seq}`);
  });
});
