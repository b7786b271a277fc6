/**
 * `gzip` and `deflate` message compression on node:zlib, for src/grpc's {@link Compressor} interface
 * (grpc/grpc doc/compression.md). src/grpc itself stays free of `node:` imports so browsers can use it.
 */
import { constants as bufferConstants } from "node:buffer";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import type * as Zlib from "node:zlib";
import { type Compressor, identity, RpcError, Status } from "../grpc/index.js";

type SyncFn = (buf: Uint8Array, options: Zlib.ZlibOptions) => Buffer;
type AsyncFn = (buf: Uint8Array, options: Zlib.ZlibOptions) => Promise<Buffer>;

let zlibModule: typeof Zlib | undefined;

/**
 * node:zlib, loaded on the first (de)compression: most calls are never compressed, and loading it up front
 * cost about 3 ms of every server's and client's cold start (measured with process.cpuUsage around imports).
 * `require` of a builtin is synchronous, so the Compressor interface stays as it is.
 */
function zlib(): typeof Zlib {
  return (zlibModule ??= createRequire(import.meta.url)("node:zlib") as typeof Zlib);
}

/** The zlib functions of one format, resolved on first use. */
interface ZlibFunctions {
  compressSync: SyncFn;
  compressAsync: AsyncFn;
  decompressSync: SyncFn;
  decompressAsync: AsyncFn;
}

/**
 * Small messages are (de)compressed synchronously: the zlib thread pool costs far more than the work itself
 * (measured here: gunzip of a 1 KB message 37 µs sync, 363 µs async). Bigger ones go to the pool so the event
 * loop is never blocked for long. For decompression what counts is the largest possible output (deflate
 * expands at most ~1032×, and maxOutputLength caps it), kept under 1 MiB (about a millisecond of work).
 */
const syncCompressBytes = 16 * 1024;
const syncInflateOutputBytes = 1024 * 1024;
const maxDeflateRatio = 1032;

function toUint8Array(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function decompressError(name: string, maxBytes: number, e: unknown): RpcError {
  if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
    return new RpcError(
      Status.RESOURCE_EXHAUSTED,
      `received message larger than max after decompression (limit ${maxBytes} bytes)`,
      { cause: e },
    );
  }
  return new RpcError(Status.INTERNAL, `received message could not be decompressed with ${name}`, { cause: e });
}

function makeCompressor(name: string, load: (z: typeof Zlib) => ZlibFunctions): Compressor {
  let fns: ZlibFunctions | undefined;
  const functions = (): ZlibFunctions => (fns ??= load(zlib()));
  return {
    name,
    async compress(data) {
      const { compressSync, compressAsync } = functions();
      const out = data.length <= syncCompressBytes ? compressSync(data, {}) : await compressAsync(data, {});
      return toUint8Array(out);
    },
    async decompress(data, maxBytes) {
      // maxOutputLength makes zlib stop (and fail) as soon as the output would grow past the limit, so a
      // small bomb never expands in memory. It must be at least 1.
      const { decompressSync, decompressAsync } = functions();
      const limit = Math.max(1, Math.min(maxBytes, bufferConstants.MAX_LENGTH));
      let out: Buffer;
      try {
        out =
          Math.min(limit, data.length * maxDeflateRatio) <= syncInflateOutputBytes
            ? decompressSync(data, { maxOutputLength: limit })
            : await decompressAsync(data, { maxOutputLength: limit });
      } catch (e) {
        throw decompressError(name, maxBytes, e);
      }
      if (out.length > maxBytes) {
        throw new RpcError(
          Status.RESOURCE_EXHAUSTED,
          `received message larger than max after decompression (${out.length} vs. ${maxBytes} bytes)`,
        );
      }
      return toUint8Array(out);
    },
  };
}

/** `grpc-encoding: gzip` (RFC 1952). */
export const gzip: Compressor = makeCompressor("gzip", (z) => ({
  compressSync: z.gzipSync,
  compressAsync: promisify(z.gzip),
  decompressSync: z.gunzipSync,
  decompressAsync: promisify(z.gunzip),
}));

/** `grpc-encoding: deflate`: the zlib format (RFC 1950), as HTTP's `deflate` and grpc-js use. */
export const deflate: Compressor = makeCompressor("deflate", (z) => ({
  compressSync: z.deflateSync,
  compressAsync: promisify(z.deflate),
  decompressSync: z.inflateSync,
  decompressAsync: promisify(z.inflate),
}));

/** Every compressor available on Node, in the order to advertise them: `identity`, `gzip`, `deflate`. */
export const nodeCompressors: readonly Compressor[] = [identity, gzip, deflate];
