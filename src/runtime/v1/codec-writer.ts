/**
 * The writer generated encoders use: one growable buffer written front to back in a single pass.
 *
 * Why not the reflection codec's BinaryWriter: generated code knows every field statically, so the cheapest
 * plan is to skip the sizing pass altogether. A length-delimited field reserves one byte for its length (enough
 * for 127 bytes, which covers most strings and sub-messages), writes its payload, and only when the payload
 * turned out longer shifts it right to make room for the longer varint (as mapbox's pbf does). Every encode
 * reuses one scratch buffer and copies out exactly the bytes written, so an encode allocates one array.
 *
 * Encoders are synchronous and never call user code, so one shared writer is safe; `start()` resets it.
 */
import { ProtobufError } from "../../protobuf/index.js";

const encoder = new TextEncoder();
/** Scratch buffers that grew past this are dropped after the encode, so one huge message does not pin memory. */
const KEEP_BYTES = 1 << 20;
const TWO_32 = 4294967296;

/** A single-pass protobuf writer for generated encoders. Use {@link CodecWriter.start} to get the shared one. */
export class CodecWriter {
  /** The scratch buffer; valid bytes are `[0, pos)`. */
  buf: Uint8Array;
  /** The next byte to write. */
  pos = 0;
  /** Whether generated encoders re-emit unknown fields (the `writeUnknownFields` option). */
  writeUnknown = true;
  private view: DataView;
  /** Whether {@link lend} has handed out a view of `buf` that is still in use. */
  private lent = false;

  constructor(initialBytes = 1024) {
    this.buf = new Uint8Array(initialBytes);
    this.view = new DataView(this.buf.buffer);
  }

  /** Returns the shared writer, emptied (a new one while the shared one's bytes are lent out, see {@link lend}). */
  static start(): CodecWriter {
    if (shared.lent) return new CodecWriter();
    shared.pos = 0;
    shared.writeUnknown = true;
    return shared;
  }

  /** Copies out the bytes written so far (and drops an oversized scratch buffer). */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.reset();
    return out;
  }

  /**
   * Hands the bytes written so far to `use` without copying them (a view of the scratch buffer, valid only
   * until `use` returns), then empties the writer. Encodes `use` starts meanwhile get writers of their own.
   */
  lend<R>(use: (bytes: Uint8Array) => R): R {
    this.lent = true;
    try {
      return use(this.buf.subarray(0, this.pos));
    } finally {
      this.lent = false;
      this.reset();
    }
  }

  /** Empties the writer, dropping an oversized scratch buffer so one huge message does not pin memory. */
  private reset(): void {
    if (this.buf.length > KEEP_BYTES) {
      this.buf = new Uint8Array(1024);
      this.view = new DataView(this.buf.buffer);
    }
    this.pos = 0;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Writes a tag or any unsigned 32-bit varint (a field key is `number << 3 | wireType`). */
  uint32(v: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    v >>>= 0;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** Writes an int32 or enum value: negative numbers take ten bytes, sign-extended to 64 bits. */
  int32(v: number): void {
    if (v >= 0) this.uint32(v);
    else this.varint64(v >>> 0, 0xffffffff);
  }

  /** Writes a sint32 (zigzag). */
  sint32(v: number): void {
    this.uint32(((v << 1) ^ (v >> 31)) >>> 0);
  }

  /** Writes a bool as a one-byte varint. */
  bool(v: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  /** Writes a fixed32 (unsigned, little-endian). */
  fixed32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v >>> 0, true);
    this.pos += 4;
  }

  /** Writes an sfixed32. */
  sfixed32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v | 0, true);
    this.pos += 4;
  }

  /** Writes a float (IEEE 754 single precision, NaN and -0 bit-exact as the platform gives them). */
  float(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
  }

  /** Writes a double. */
  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** Writes a 64-bit varint from unsigned 32-bit halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** Writes an int64 (or uint64 when `signed` is false) given as bigint, decimal string or number. */
  int64(v: bigint | string | number, signed: boolean): void {
    split(v, signed);
    this.varint64(halves.lo, halves.hi);
  }

  /** Writes a sint64 (zigzag). */
  sint64(v: bigint | string | number): void {
    split(v, true);
    const sign = halves.hi >> 31;
    const hi = (((halves.hi << 1) | (halves.lo >>> 31)) ^ sign) >>> 0;
    const lo = ((halves.lo << 1) ^ sign) >>> 0;
    this.varint64(lo, hi);
  }

  /** Writes a fixed64 (or sfixed64 when `signed`). */
  fixed64(v: bigint | string | number, signed: boolean): void {
    split(v, signed);
    this.ensure(8);
    this.view.setUint32(this.pos, halves.lo, true);
    this.view.setUint32(this.pos + 4, halves.hi, true);
    this.pos += 8;
  }

  /** Writes a length-prefixed UTF-8 string (lone surrogates become U+FFFD, as TextEncoder does). */
  string(s: string): void {
    const n = s.length;
    if (n < 32) {
      // At most 3 bytes per UTF-16 unit: the length fits the one reserved byte. Short strings are cheapest
      // copied in JS (measured on Node 20 against the native writers).
      this.ensure(1 + n * 3);
      const buf = this.buf;
      const start = this.pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[start + i] = c;
      }
      const len = i === n ? n : writeUtf8(s, buf, start);
      buf[this.pos] = len;
      this.pos = start + len;
      return;
    }
    const max = n * 3;
    const reserve = varintSize(max);
    this.ensure(reserve + max);
    const start = this.pos + reserve;
    const len = writeUtf8(s, this.buf, start);
    this.finishLength(this.pos, start, len, reserve);
  }

  /** Writes one byte: a tag or length known to be below 128. */
  byte(b: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = b;
  }

  /** Writes length-prefixed bytes. */
  bytes(b: Uint8Array): void {
    this.uint32(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes bytes as they are (unknown fields). */
  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Reserves one byte for a length prefix and returns where the payload starts; pair with {@link CodecWriter.join}. */
  fork(): number {
    this.ensure(1);
    return ++this.pos;
  }

  /** Writes the length of the payload that started at `start` (from {@link CodecWriter.fork}). */
  join(start: number): void {
    this.finishLength(start - 1, start, this.pos - start, 1);
  }

  /** Writes `len` as a varint at `at`, where `reserved` bytes were kept, shifting the payload if needed. */
  private finishLength(at: number, start: number, len: number, reserved: number): void {
    const need = varintSize(len);
    if (need !== reserved) {
      const delta = need - reserved;
      if (delta > 0) this.ensure(delta);
      this.buf.copyWithin(start + delta, start, start + len);
      start += delta;
    }
    const buf = this.buf;
    let v = len;
    let pos = at;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos] = v;
    this.pos = start + len;
  }
}

const shared = new CodecWriter();

/**
 * Node's native UTF-8 writer when present (feature-detected, so the browser build needs no `node:` import);
 * TextEncoder.encodeInto otherwise. The caller guarantees 3 bytes of room per UTF-16 unit.
 */
const nativeUtf8Write = (globalThis as { Buffer?: { prototype?: { utf8Write?: unknown } } }).Buffer?.prototype?.utf8Write as
  | ((this: Uint8Array, s: string, offset: number, length: number) => number)
  | undefined;

function writeUtf8(s: string, buf: Uint8Array, pos: number): number {
  if (nativeUtf8Write !== undefined) return nativeUtf8Write.call(buf, s, pos, buf.length - pos);
  return encoder.encodeInto(s, buf.subarray(pos)).written;
}
const halves = { lo: 0, hi: 0 };
const scratch = new DataView(new ArrayBuffer(8));

/** Size of an unsigned 32-bit varint. */
function varintSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** Splits a 64-bit value into `halves` (two's complement); throws a ProtobufError for values out of range. */
function split(v: bigint | string | number, signed: boolean): void {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw bad(v, signed);
    // A number cannot hold 2^63 - 1 or 2^64 - 1: they round up to 2^63 and 2^64, which is what a
    // `jstype = JS_NUMBER` field decodes the largest values to. Those stand for the extremes, so whatever a
    // decoder produced can be written back (as the reflection codec does); anything further out is an error.
    if (signed ? v === 9223372036854775808 : v === 18446744073709551616) {
      halves.lo = 0xffffffff;
      halves.hi = signed ? 0x7fffffff : 0xffffffff;
      return;
    }
    if (signed ? v < -9223372036854775808 || v > 9223372036854775808 : v < 0 || v > 18446744073709551616) throw bad(v, signed);
    halves.lo = v >>> 0;
    halves.hi = Math.floor(v / TWO_32) >>> 0;
    return;
  }
  if (typeof v !== "bigint") {
    if (typeof v !== "string" || !/^-?[0-9]+$/.test(v)) throw bad(v, signed);
    v = BigInt(v);
  }
  if (signed ? v < -0x8000000000000000n || v > 0x7fffffffffffffffn : v < 0n || v > 0xffffffffffffffffn) throw bad(v, signed);
  // DataView conversions are the cheapest way between bigint and 32-bit halves on Node 20.
  if (signed) scratch.setBigInt64(0, v, true);
  else scratch.setBigUint64(0, v, true);
  halves.lo = scratch.getUint32(0, true);
  halves.hi = scratch.getUint32(4, true);
}

function bad(v: unknown, signed: boolean): ProtobufError {
  return new ProtobufError(`invalid ${signed ? "int64" : "uint64"} value ${typeof v === "string" ? JSON.stringify(v) : String(v)}: not an integer in range`);
}
