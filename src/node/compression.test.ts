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

    it("stops a decompression bomb at the limit (RESOURCE_EXHAUSTED), on both paths", async () => {
      // 16 MiB of zeros packs into ~16 KiB; decompressing must stop at the limit instead of expanding it all.
      const zeros = Buffer.alloc(16 << 20);
      const bomb = c.name === "gzip" ? zlib.gzipSync(zeros) : zlib.deflateSync(zeros);
      assert.ok(bomb.length < 64 << 10);
      for (const limit of [4 << 20 /* thread pool */, 1 << 20 /* synchronous */]) {
        const before = process.memoryUsage().arrayBuffers;
        await assert.rejects(c.decompress(bomb, limit), (e: unknown) => {
          return isRpcError(Status.RESOURCE_EXHAUSTED)(e) && /larger than max after decompression/.test((e as Error).message);
        });
        assert.ok(process.memoryUsage().arrayBuffers - before < 12 << 20, "memory stayed bounded");
      }
    });

    it("handles big messages on the thread pool the same way", async () => {
      // Pseudo-random bytes (a fixed LCG) do not compress, so the compressed form stays over the sync bounds.
      let x = 1;
      const big = new Uint8Array(256 * 1024).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24));
      const packed = await c.compress(big);
      assert.ok(packed.length > 16 * 1024, "big enough to take the async path");
      assert.deepEqual(await c.decompress(packed, big.length), big);
      await assert.rejects(c.decompress(packed, big.length - 1), isRpcError(Status.RESOURCE_EXHAUSTED));
      const corrupt = packed.slice();
      corrupt.fill(0xaa, 100, 2000);
      await assert.rejects(c.decompress(corrupt, big.length), isRpcError(Status.INTERNAL));
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
