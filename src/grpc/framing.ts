/**
 * Length-prefixed messages (grpc/grpc doc/PROTOCOL-HTTP2.md, "Length-Prefixed-Message"): a 1-byte flag
 * (bit 0: compressed), a 4-byte big-endian length, then the message. gRPC-Web (doc/PROTOCOL-WEB.md) adds
 * flag bit 7 (0x80) for the frame that carries the trailers as an HTTP/1 header block.
 */
import type { HeaderRecord } from "./metadata.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";

/** One length-prefixed message, as the decoder yields it. */
export interface Frame {
  /** Flag bit 0: the payload is compressed with the call's `grpc-encoding`. */
  isCompressed: boolean;
  /**
   * The message bytes. When a message arrives whole inside one chunk this is a view into that chunk (no
   * copy), so callers must not reuse pushed chunks while they still read payloads.
   */
  payload: Uint8Array;
  /** gRPC-Web only (flag bit 7): the payload is the trailers block. Set only with `acceptTrailers`. */
  isTrailers?: boolean;
}

/** The length prefix's size in bytes. */
export const FRAME_HEADER_BYTES = 5;

/** Flag bit 0 of the prefix. */
export const FLAG_COMPRESSED = 0x01;
/** Flag bit 7 of the prefix: a gRPC-Web trailers frame. */
export const FLAG_TRAILERS = 0x80;

/** The default bound on a received message (4 MiB), as in grpc-go, grpc-js and DESIGN.md. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * Writes the 5-byte prefix for a message of `length` bytes with the given flag byte (0, `FLAG_COMPRESSED`,
 * `FLAG_TRAILERS`). Transports that write the prefix and the payload as two buffers use it to avoid the copy
 * {@link encodeFrame} makes.
 */
export function encodeFrameHeader(length: number, flags: number): Uint8Array {
  const header = new Uint8Array(FRAME_HEADER_BYTES);
  header[0] = flags;
  header[1] = length >>> 24;
  header[2] = (length >>> 16) & 0xff;
  header[3] = (length >>> 8) & 0xff;
  header[4] = length & 0xff;
  return header;
}

/**
 * Frames one message: the 5-byte prefix followed by `payload`.
 *
 * @example
 * ```ts
 * encodeFrame(new Uint8Array([8, 1]), false); // [0, 0, 0, 0, 2, 8, 1]
 * ```
 */
export function encodeFrame(payload: Uint8Array, isCompressed: boolean): Uint8Array {
  const len = payload.length;
  if (len > 0xffffffff) throw new RangeError(`message of ${len} bytes does not fit a 4-byte length prefix`);
  const out = new Uint8Array(FRAME_HEADER_BYTES + len);
  out[0] = isCompressed ? FLAG_COMPRESSED : 0;
  out[1] = len >>> 24;
  out[2] = (len >>> 16) & 0xff;
  out[3] = (len >>> 8) & 0xff;
  out[4] = len & 0xff;
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/** Options of {@link createFrameDecoder}. */
export interface FrameDecoderOptions {
  /** The largest message accepted, in bytes (before decompression). Larger ones fail before any buffering. */
  maxMessageBytes: number;
  /** Accept gRPC-Web trailers frames (flag 0x80); without it such a flag is a protocol error. */
  acceptTrailers?: boolean;
}

/**
 * A streaming parser of length-prefixed messages. Chunks may split a message anywhere (the prefix
 * included) or hold several messages.
 */
export interface FrameDecoder {
  /**
   * Feeds received bytes and returns the messages they complete, in order (often none or one).
   *
   * @throws RpcError RESOURCE_EXHAUSTED when a prefix announces more than `maxMessageBytes` (checked before
   *   anything is allocated for it).
   * @throws RpcError INTERNAL when a flag byte is not 0 or 1 (or 0x80/0x81 with `acceptTrailers`).
   *
   * After a throw, the stream is unusable: later calls throw the same error.
   */
  push(chunk: Uint8Array): Frame[];
  /**
   * Declares the end of the stream.
   *
   * @throws RpcError INTERNAL when the stream ended inside a message (a truncated prefix or payload).
   */
  end(): void;
  /** Bytes held for an incomplete message (useful for flow-control accounting and tests). */
  readonly bufferedBytes: number;
}

/**
 * Creates a {@link FrameDecoder}.
 *
 * @example
 * ```ts
 * const decoder = createFrameDecoder({ maxMessageBytes: 4 << 20 });
 * stream.on("data", (chunk) => { for (const frame of decoder.push(chunk)) handle(frame); });
 * stream.on("end", () => decoder.end());
 * ```
 */
export function createFrameDecoder(options: FrameDecoderOptions): FrameDecoder {
  const max = options.maxMessageBytes;
  if (typeof max !== "number" || Number.isNaN(max) || max < 0) {
    // A NaN limit would compare false against every length and silently disable the check.
    throw new TypeError(`maxMessageBytes must be a non-negative number (Infinity for no limit), got ${String(max)}`);
  }
  return new FrameDecoderImpl(options.maxMessageBytes, options.acceptTrailers ?? false);
}

class FrameDecoderImpl implements FrameDecoder {
  readonly #max: number;
  readonly #acceptTrailers: boolean;
  /** The prefix being assembled when it is split across chunks (allocated only then). */
  #header: Uint8Array | undefined;
  #headerFilled = 0;
  #flags = 0;
  /** The payload being assembled; `undefined` while reading a prefix. */
  #body: Uint8Array | undefined;
  #bodyFilled = 0;
  #error: RpcError | undefined;

  constructor(max: number, acceptTrailers: boolean) {
    this.#max = max;
    this.#acceptTrailers = acceptTrailers;
  }

  get bufferedBytes(): number {
    return this.#body === undefined ? this.#headerFilled : FRAME_HEADER_BYTES + this.#bodyFilled;
  }

  push(chunk: Uint8Array): Frame[] {
    if (this.#error) throw this.#error;
    const frames: Frame[] = [];
    let pos = 0;
    const end = chunk.length;
    while (pos < end) {
      if (this.#body !== undefined) {
        // Finish a payload that started in an earlier chunk.
        const take = Math.min(this.#body.length - this.#bodyFilled, end - pos);
        this.#body.set(chunk.subarray(pos, pos + take), this.#bodyFilled);
        this.#bodyFilled += take;
        pos += take;
        if (this.#bodyFilled === this.#body.length) {
          frames.push(this.#frame(this.#flags, this.#body));
          this.#body = undefined;
          this.#bodyFilled = 0;
        }
        continue;
      }
      let flags: number;
      let length: number;
      if (this.#headerFilled === 0 && end - pos >= FRAME_HEADER_BYTES) {
        // Fast path: the whole prefix is in this chunk.
        flags = chunk[pos]!;
        length = ((chunk[pos + 1]! << 24) | (chunk[pos + 2]! << 16) | (chunk[pos + 3]! << 8) | chunk[pos + 4]!) >>> 0;
        pos += FRAME_HEADER_BYTES;
      } else {
        const h = (this.#header ??= new Uint8Array(FRAME_HEADER_BYTES));
        const take = Math.min(FRAME_HEADER_BYTES - this.#headerFilled, end - pos);
        h.set(chunk.subarray(pos, pos + take), this.#headerFilled);
        this.#headerFilled += take;
        pos += take;
        if (this.#headerFilled < FRAME_HEADER_BYTES) break;
        flags = h[0]!;
        length = ((h[1]! << 24) | (h[2]! << 16) | (h[3]! << 8) | h[4]!) >>> 0;
        this.#headerFilled = 0;
      }
      this.#check(flags, length);
      if (end - pos >= length) {
        // The whole payload is here: hand out a view instead of copying.
        frames.push(this.#frame(flags, chunk.subarray(pos, pos + length)));
        pos += length;
      } else {
        this.#flags = flags;
        this.#body = new Uint8Array(length);
        this.#bodyFilled = 0;
      }
    }
    return frames;
  }

  end(): void {
    if (this.#error) throw this.#error;
    if (this.#body !== undefined) {
      this.#fail(
        new RpcError(
          Status.INTERNAL,
          `truncated message: the stream ended after ${this.#bodyFilled} of ${this.#body.length} payload bytes`,
        ),
      );
    }
    if (this.#headerFilled > 0) {
      this.#fail(
        new RpcError(Status.INTERNAL, `truncated message: the stream ended inside a message prefix (${this.#headerFilled} of 5 bytes)`),
      );
    }
  }

  #check(flags: number, length: number): void {
    const valid = flags === 0 || flags === 1 || (this.#acceptTrailers && (flags === 0x80 || flags === 0x81));
    if (!valid) {
      this.#fail(
        new RpcError(Status.INTERNAL, `invalid message flags 0x${flags.toString(16).padStart(2, "0")} in length prefix`),
      );
    }
    if (length > this.#max) {
      this.#fail(
        new RpcError(Status.RESOURCE_EXHAUSTED, `received message larger than max (${length} vs. ${this.#max} bytes)`),
      );
    }
  }

  #frame(flags: number, payload: Uint8Array): Frame {
    if (flags & FLAG_TRAILERS) return { isCompressed: (flags & FLAG_COMPRESSED) !== 0, payload, isTrailers: true };
    return { isCompressed: flags === FLAG_COMPRESSED, payload };
  }

  #fail(error: RpcError): never {
    this.#error = error;
    this.#body = undefined;
    throw error;
  }
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Encodes a gRPC-Web trailers frame (doc/PROTOCOL-WEB.md): flag 0x80, then the trailers as an HTTP/1 header
 * block, `name: value\r\n` per value, names lowercase.
 *
 * @example
 * ```ts
 * encodeTrailersFrame({ "grpc-status": "0", "grpc-message": "" });
 * ```
 */
export function encodeTrailersFrame(trailers: HeaderRecord): Uint8Array {
  let text = "";
  for (const name of Object.keys(trailers)) {
    const value = trailers[name]!;
    const key = name.toLowerCase();
    for (const v of Array.isArray(value) ? value : [value]) text += `${key}: ${v}\r\n`;
  }
  const payload = textEncoder.encode(text);
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  out.set(encodeFrameHeader(payload.length, FLAG_TRAILERS), 0);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/**
 * Parses the payload of a gRPC-Web trailers frame into a header record with lowercase names; a repeated
 * name yields an array. Lenient like an HTTP/1 parser: accepts `\n` line ends, trims whitespace around
 * values, and skips lines without a colon.
 */
export function parseTrailersFrame(payload: Uint8Array): HeaderRecord {
  const out: HeaderRecord = {};
  for (const line of textDecoder.decode(payload).split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [prev, value];
  }
  return out;
}
