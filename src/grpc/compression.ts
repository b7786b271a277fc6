/**
 * Message compression (grpc/grpc doc/compression.md): the sender names its algorithm in `grpc-encoding` and
 * sets flag bit 0 on each compressed message; each side lists what it accepts in `grpc-accept-encoding`.
 *
 * This folder is pure (it also runs in browsers), so only `identity` lives here; `gzip` and `deflate` on
 * node:zlib are in src/node/compression.ts, behind the same {@link Compressor} interface.
 */
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";

/**
 * A message compression algorithm, named as in `grpc-encoding`.
 */
export interface Compressor {
  /** The `grpc-encoding` token: `"gzip"`, `"deflate"`, `"identity"`… */
  readonly name: string;
  /** Compresses one message. */
  compress(data: Uint8Array): Promise<Uint8Array>;
  /**
   * Decompresses one message, stopping as soon as the output would exceed `maxBytes`, so a small "zip bomb"
   * never expands in memory.
   *
   * @throws RpcError RESOURCE_EXHAUSTED when the output would exceed `maxBytes`.
   * @throws RpcError INTERNAL when `data` is not valid compressed data.
   */
  decompress(data: Uint8Array, maxBytes: number): Promise<Uint8Array>;
}

/** The no-op algorithm; always supported and never needs to be negotiated. */
export const identity: Compressor = {
  name: "identity",
  compress(data) {
    return Promise.resolve(data);
  },
  decompress(data, maxBytes) {
    if (data.length > maxBytes) {
      return Promise.reject(
        new RpcError(Status.RESOURCE_EXHAUSTED, `received message larger than max (${data.length} vs. ${maxBytes} bytes)`),
      );
    }
    return Promise.resolve(data);
  },
};

/**
 * Splits a `grpc-accept-encoding` (or `grpc-encoding`) value into its tokens: comma-separated, whitespace
 * trimmed, empty entries dropped. Names are compared exactly, as gRPC implementations send them lowercase.
 *
 * @example
 * ```ts
 * parseAcceptEncoding("gzip, deflate,identity"); // ["gzip", "deflate", "identity"]
 * ```
 */
export function parseAcceptEncoding(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(",") : header;
  const out: string[] = [];
  for (const part of text.split(",")) {
    const name = part.trim();
    if (name !== "") out.push(name);
  }
  return out;
}

/**
 * The `grpc-accept-encoding` value that advertises `compressors`, in order, e.g. `"identity,deflate,gzip"`.
 */
export function acceptEncodingHeader(compressors: readonly Compressor[]): string {
  return compressors.map((c) => c.name).join(",");
}

/**
 * Finds the compressor for a received `grpc-encoding`. An absent header means `identity`.
 *
 * doc/compression.md: a message compressed with an algorithm the receiver does not support is answered with
 * UNIMPLEMENTED, and the response carries `grpc-accept-encoding` listing what is supported (send
 * {@link acceptEncodingHeader} of the same list with the error).
 *
 * @throws RpcError UNIMPLEMENTED naming the encoding and the supported ones.
 */
export function findCompressor(encoding: string | undefined, compressors: readonly Compressor[]): Compressor {
  if (encoding === undefined || encoding === "" || encoding === "identity") return identity;
  for (const c of compressors) if (c.name === encoding) return c;
  const supported = ["identity", ...compressors.map((c) => c.name).filter((n) => n !== "identity")];
  throw new RpcError(
    Status.UNIMPLEMENTED,
    `Compression algorithm "${encoding}" is not supported (supported: ${supported.join(", ")})`,
  );
}

/**
 * Chooses the compressor for messages sent to a peer: `preferred` if the peer accepts it (per its
 * `grpc-accept-encoding`) and it is available here, otherwise `identity`. doc/compression.md forbids
 * compressing with an algorithm the peer did not announce; peers that send no list are assumed to accept
 * only `identity`.
 */
export function negotiateCompressor(
  preferred: string | undefined,
  peerAccepts: readonly string[],
  compressors: readonly Compressor[],
): Compressor {
  if (preferred === undefined || preferred === "identity" || !peerAccepts.includes(preferred)) return identity;
  return compressors.find((c) => c.name === preferred) ?? identity;
}

/**
 * Turns a received frame's payload into message bytes: decompresses it when flag bit 0 is set, checks the
 * size limit on the decompressed result.
 *
 * @throws RpcError INTERNAL when the flag is set but the call's encoding is `identity` (PROTOCOL-HTTP2.md).
 * @throws RpcError RESOURCE_EXHAUSTED when the decompressed message exceeds `maxMessageBytes`.
 * @throws RpcError INTERNAL when the payload does not decompress.
 */
export async function decompressPayload(
  payload: Uint8Array,
  isCompressed: boolean,
  compressor: Compressor,
  maxMessageBytes: number,
): Promise<Uint8Array> {
  if (!isCompressed) return payload;
  if (compressor.name === "identity") {
    throw new RpcError(Status.INTERNAL, "received a compressed message but the call's grpc-encoding is identity");
  }
  return compressor.decompress(payload, maxMessageBytes);
}
