import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as zlib from "node:zlib";
import { RpcError, Status } from "../grpc/index.js";
import { deflate, gzip, nodeCompressors } from "./compression.js";

function isRpcError(code: Status) {
  return (e: unknown) => e instanceof RpcError && e.code === code;
}

const text = new TextEncoder().encode("hello gRPC ".repeat(100));

for (const c of [gzip, deflate]) {
  describe(`${c.name} compressor`, () => {
    it("round-trips messages, the empty one included", async () => {
      for (const data of [new Uint8Array(), new Uint8Array([1]), text]) {
        const packed = await c.compress(data);
        assert.deepEqual(await c.decompress(packed, data.length), data);
      }
      assert.ok((await c.compress(text)).length < text.length / 10);
    });

    it("reads what other implementations write (zlib's own format)", async () => {
      const foreign = c.name === "gzip" ? zlib.gzipSync(text) : zlib.deflateSync(text);
      assert.deepEqual(await c.decompress(foreign, 1 << 20), text);
      const ours = await c.compress(text);
      const back = c.name === "gzip" ? zlib.gunzipSync(ours) : zlib.inflateSync(ours);
      assert.deepEqual(new Uint8Array(back), text);
    });

    it("accepts output of exactly maxBytes and refuses one byte more", async () => {
      const packed = await c.compress(text);
      assert.equal((await c.decompress(packed, text.length)).length, text.length);
      await assert.rejects(c.decompress(packed, text.length - 1), isRpcError(Status.RESOURCE_EXHAUSTED));
    });

    it("stops a decompression bomb at the limit (RESOURCE_EXHAUSTED)", async () => {
      // 64 MiB of zeros packs into ~64 KiB; decompressing with a 4 MiB limit must fail without expanding it all.
      const bomb = c.name === "gzip" ? zlib.gzipSync(Buffer.alloc(64 << 20)) : zlib.deflateSync(Buffer.alloc(64 << 20));
      assert.ok(bomb.length < 256 << 10);
      const before = process.memoryUsage().arrayBuffers;
      await assert.rejects(c.decompress(bomb, 4 << 20), (e: unknown) => {
        return isRpcError(Status.RESOURCE_EXHAUSTED)(e) && /larger than max after decompression/.test((e as Error).message);
      });
      assert.ok(process.memoryUsage().arrayBuffers - before < 32 << 20, "memory stayed bounded");
    });

    it("answers corrupt input with INTERNAL", async () => {
      for (const junk of [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array()]) {
        await assert.rejects(c.decompress(junk, 100), isRpcError(Status.INTERNAL));
      }
      const truncated = (await c.compress(text)).subarray(0, 20);
      await assert.rejects(c.decompress(truncated, 1 << 20), isRpcError(Status.INTERNAL));
    });
  });
}

describe("nodeCompressors", () => {
  it("lists identity, gzip and deflate", () => {
    assert.deepEqual(
      nodeCompressors.map((c) => c.name),
      ["identity", "gzip", "deflate"],
    );
  });
});
