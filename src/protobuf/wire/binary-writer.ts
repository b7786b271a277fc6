/**
 * BinaryWriter: appends protobuf wire data to one growable buffer.
 *
 * Length-delimited values (sub-messages, packed lists, map entries) use `fork()`/`join()`: `fork()` reserves
 * one byte for the length and returns where the value starts; `join()` writes the length and, only when it
 * needs more than one byte, shifts the value right. Most nested messages are under 128 bytes, so this is one
 * pass with no size precomputation and no chunk lists; large ones pay one `copyWithin` (a memmove) per level.
 */
import { ProtobufError } from "../errors.js";
import { encodeUtf8Into, maxUtf8Length } from "./utf8.js";
import { sizeVarint32, splitInt64, zigzagEncode64, type Halves } from "./varint.js";
import { WireType } from "./wire-type.js";

/**
 * Writes the protobuf binary format into a growable buffer.
 *
 * @example
 * ```ts
 * const w = new BinaryWriter();
 * w.tag(1, WireType.LengthDelimited).string("hello");
 * const bytes = w.finish();
 * ```
 */
export class BinaryWriter {
  /** The buffer; valid bytes are `[0, pos)`. */
  buf: Uint8Array;
  /** The write position. */
  pos = 0;
  private view: DataView;
  private readonly halves: Halves = { lo: 0, hi: 0 };

  constructor(initialSize = 1024) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Returns a copy of the bytes written so far and resets the writer for reuse. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Writes a tag: field number and wire type. */
  tag(fieldNo: number, wireType: WireType): this {
    return this.uint32(((fieldNo << 3) | wireType) >>> 0);
  }

  /** Writes an unsigned 32-bit varint (also used for precomputed tags and lengths). */
  uint32(value: number): this {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    value >>>= 0;
    while (value > 0x7f) {
      buf[pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[pos++] = value;
    this.pos = pos;
    return this;
  }

  /** Writes a signed 32-bit varint: negative values take 10 bytes (sign-extended to 64 bits). */
  int32(value: number): this {
    if (value >= 0) return this.uint32(value);
    this.ensure(10);
    return this.varint64(value >>> 0, 0xffffffff);
  }

  /** Writes a zigzag-encoded 32-bit varint (sint32). */
  sint32(value: number): this {
    return this.uint32(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** Writes a bool as a one-byte varint. */
  bool(value: boolean): this {
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
    return this;
  }

  /** Writes a 64-bit varint from unsigned halves. */
  varint64(lo: number, hi: number): this {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi > 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
    return this;
  }

  /** Writes an int64 varint (bigint, decimal string or number). */
  int64(value: bigint | string | number): this {
    const h = this.halves;
    splitInt64(value, h, true);
    return this.varint64(h.lo, h.hi);
  }

  /** Writes a uint64 varint. */
  uint64(value: bigint | string | number): this {
    const h = this.halves;
    splitInt64(value, h, false);
    return this.varint64(h.lo, h.hi);
  }

  /** Writes a zigzag-encoded sint64 varint. */
  sint64(value: bigint | string | number): this {
    const h = this.halves;
    splitInt64(value, h, true);
    zigzagEncode64(h);
    return this.varint64(h.lo, h.hi);
  }

  /** Writes a little-endian fixed32. */
  fixed32(value: number): this {
    this.ensure(4);
    this.view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
    return this;
  }

  /** Writes a little-endian sfixed32. */
  sfixed32(value: number): this {
    this.ensure(4);
    this.view.setInt32(this.pos, value | 0, true);
    this.pos += 4;
    return this;
  }

  /** Writes a fixed64 from a 64-bit value. */
  fixed64(value: bigint | string | number): this {
    const h = this.halves;
    splitInt64(value, h, false);
    return this.fixed64Halves(h.lo, h.hi);
  }

  /** Writes an sfixed64 from a 64-bit value. */
  sfixed64(value: bigint | string | number): this {
    const h = this.halves;
    splitInt64(value, h, true);
    return this.fixed64Halves(h.lo, h.hi);
  }

  private fixed64Halves(lo: number, hi: number): this {
    this.ensure(8);
    this.view.setUint32(this.pos, lo, true);
    this.view.setUint32(this.pos + 4, hi, true);
    this.pos += 8;
    return this;
  }

  /** Writes a float (32-bit IEEE 754; NaN payloads and -0 as the platform rounds them). */
  float(value: number): this {
    this.ensure(4);
    this.view.setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  /** Writes a double (64-bit IEEE 754, bit-exact including -0 and infinities). */
  double(value: number): this {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  /** Writes length-prefixed bytes. */
  bytes(value: Uint8Array): this {
    const len = value.length;
    this.uint32(len);
    this.ensure(len);
    this.buf.set(value, this.pos);
    this.pos += len;
    return this;
  }

  /** Writes bytes as they are, without a length (already-encoded fields, e.g. unknown fields). */
  raw(value: Uint8Array): this {
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** Writes a length-prefixed UTF-8 string, encoding straight into the buffer. */
  string(value: string): this {
    const max = maxUtf8Length(value);
    const reserve = sizeVarint32(max);
    this.ensure(reserve + max);
    const start = this.pos + reserve;
    const len = encodeUtf8Into(value, this.buf, start);
    const need = sizeVarint32(len);
    if (need < reserve) this.buf.copyWithin(this.pos + need, start, start + len);
    this.uint32(len);
    this.pos += len;
    return this;
  }

  /** Starts a length-delimited value; pass the result to {@link join} when the value is written. */
  fork(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Ends a length-delimited value started by {@link fork}: writes its length in front of it. */
  join(start: number): this {
    const len = this.pos - start - 1;
    if (len < 0x80) {
      this.buf[start] = len;
      return this;
    }
    const size = sizeVarint32(len);
    if (len > 0x7fffffff) throw new ProtobufError(`cannot encode a length-delimited value of ${len} bytes (limit 2 GiB)`);
    this.ensure(size - 1);
    const buf = this.buf;
    buf.copyWithin(start + size, start + 1, this.pos);
    let pos = start;
    let v = len;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos] = v;
    this.pos += size - 1;
    return this;
  }
}
