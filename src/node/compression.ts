/**
 * `gzip` and `deflate` message compression on node:zlib, for src/grpc's {@link Compressor} interface
 * (grpc/grpc doc/compression.md). src/grpc itself stays free of `node:` imports so browsers can use it.
 */
import { constants as bufferConstants } from "node:buffer";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { type Compressor, identity, RpcError, Status } from "../grpc/index.js";

type ZlibFn = (buf: Uint8Array, options: zlib.ZlibOptions) => Promise<Buffer>;

function makeCompressor(name: string, compressFn: ZlibFn, decompressFn: ZlibFn): Compressor {
  return {
    name,
    async compress(data) {
      const out = await compressFn(data, {});
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
    async decompress(data, maxBytes) {
      // maxOutputLength makes zlib stop (and fail) as soon as the output would grow past the limit, so a
      // small bomb never expands in memory. It must be at least 1.
      const limit = Math.max(1, Math.min(maxBytes, bufferConstants.MAX_LENGTH));
      let out: Buffer;
      try {
        out = await decompressFn(data, { maxOutputLength: limit });
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          throw new RpcError(
            Status.RESOURCE_EXHAUSTED,
            `received message larger than max after decompression (limit ${maxBytes} bytes)`,
            { cause: e },
          );
        }
        throw new RpcError(Status.INTERNAL, `received message could not be decompressed with ${name}`, { cause: e });
      }
      if (out.length > maxBytes) {
        throw new RpcError(
          Status.RESOURCE_EXHAUSTED,
          `received message larger than max after decompression (${out.length} vs. ${maxBytes} bytes)`,
        );
      }
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
  };
}

/** `grpc-encoding: gzip` (RFC 1952). */
export const gzip: Compressor = makeCompressor("gzip", promisify(zlib.gzip), promisify(zlib.gunzip));

/** `grpc-encoding: deflate`: the zlib format (RFC 1950), as HTTP's `deflate` and grpc-js use. */
export const deflate: Compressor = makeCompressor("deflate", promisify(zlib.deflate), promisify(zlib.inflate));

/** Every compressor available on Node, in the order to advertise them: `identity`, `gzip`, `deflate`. */
export const nodeCompressors: readonly Compressor[] = [identity, gzip, deflate];
