/**
 * BinaryReader: reads protobuf wire data from a Uint8Array, with bounds checks against `end` (which the
 * decoder narrows to a sub-message's extent while reading it, so no value can spill out of its parent).
 *
 * Errors are {@link ProtobufError}s that say what went wrong; the decoder adds which field of which message.
 */
import { ProtobufError } from "../errors.js";
import { decodeUtf8 } from "./utf8.js";
import { joinBigInt, zigzagDecode64, type Halves } from "./varint.js";
import { WireType } from "./wire-type.js";

/** Bytes values up to this size get their own array (V8 keeps typed arrays of up to 64 bytes on its heap). */
const SMALL_BYTES = 64;

/**
 * Reads the protobuf binary format.
 *
 * @example
 * ```ts
 * const r = new BinaryReader(bytes);
 * while (r.pos < r.end) { const [no, wt] = r.tag(); r.skip(wt, no); }
 * ```
 */
export class BinaryReader {
  /** The input. */
  readonly buf: Uint8Array;
  /** The read position. */
  pos: number;
  /** Reads must stay before this offset. */
  end: number;
  private dataView: DataView | undefined;
  private inputCopy: Uint8Array | undefined;
  /** The halves of the last 64-bit varint or fixed64 read by {@link varint64} or {@link fixed64Halves}. */
  readonly halves: Halves = { lo: 0, hi: 0 };
  /**
   * Whether {@link bytes} may return views of the input instead of copies. Only for input handed over for
   * good: nothing may modify or reuse it while a decoded value lives, and a view keeps the input's whole
   * ArrayBuffer alive (e.g. the server's request data, see BinaryReadOptions.aliasBytes). Default `false`.
   */
  aliasBytes = false;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** Made on first use: many messages have no fixed-width fields, and a DataView costs an allocation. */
  private get view(): DataView {
    return (this.dataView ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  /**
   * Reads a tag and returns `[fieldNumber, wireType]`. Throws for field number 0, wire types 6 and 7, and tags
   * that do not fit 32 bits.
   */
  tag(): [number, WireType] {
    const t = this.rawTag();
    return [t >>> 3, t & 7];
  }

  /** Reads a tag as one number (`fieldNo << 3 | wireType`), validated like {@link tag}. */
  rawTag(): number {
    const t = this.varint32Unsigned(true);
    if (t >>> 3 === 0) throw new ProtobufError("invalid field number 0");
    const wt = t & 7;
    if (wt > 5) throw new ProtobufError(`invalid wire type ${wt} for field ${t >>> 3}`);
    return t;
  }

  /** Throws the error for reading past `end`. */
  truncated(): never {
    throw new ProtobufError("premature end of data");
  }

  /**
   * Reads a varint and returns its low 32 bits, unsigned. Varints up to 10 bytes are accepted (negative int32
   * are sign-extended to 10); an 11th byte, or a 10th byte above 1 (overflowing 64 bits), is an error.
   * With `isTag`, anything past 32 bits is an error.
   */
  private varint32Unsigned(isTag: boolean): number {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    if (pos < end) {
      const b = buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    let result = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) this.truncated();
      const b = buf[pos++]!;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    // Fifth byte: bits 28..31 belong to the result, the rest to the high half.
    if (pos >= end) this.truncated();
    let b = buf[pos++]!;
    result |= (b & 0x0f) << 28;
    if (b < 0x80) {
      if (isTag && b > 0x0f) throw new ProtobufError("invalid tag: varint larger than 32 bits");
      this.pos = pos;
      return result >>> 0;
    }
    if (isTag) throw new ProtobufError("invalid tag: varint larger than 32 bits");
    for (let i = 5; i < 10; i++) {
      if (pos >= end) this.truncated();
      b = buf[pos++]!;
      if (b < 0x80) {
        if (i === 9 && b > 1) throw new ProtobufError("invalid varint: overflows 64 bits");
        this.pos = pos;
        return result >>> 0;
      }
    }
    throw new ProtobufError("invalid varint: more than 10 bytes");
  }

  /** Reads a varint as uint32 (the low 32 bits). */
  uint32(): number {
    return this.varint32Unsigned(false);
  }

  /** Reads a varint as int32 (the low 32 bits, signed). */
  int32(): number {
    return this.varint32Unsigned(false) | 0;
  }

  /** Reads a zigzag-encoded sint32. */
  sint32(): number {
    const v = this.varint32Unsigned(false);
    return (v >>> 1) ^ -(v & 1);
  }

  /** Reads a bool: any non-zero varint is true. */
  bool(): boolean {
    const h = this.varint64();
    return h.lo !== 0 || h.hi !== 0;
  }

  /** Reads a 64-bit varint into {@link halves} (and returns them). */
  varint64(): Halves {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) this.truncated();
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.halves.lo = lo >>> 0;
        this.halves.hi = 0;
        return this.halves;
      }
    }
    if (pos >= end) this.truncated();
    b = buf[pos++]!;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x70) >> 4;
    if (b >= 0x80) {
      for (let shift = 3, i = 5; ; shift += 7, i++) {
        if (i === 10) throw new ProtobufError("invalid varint: more than 10 bytes");
        if (pos >= end) this.truncated();
        b = buf[pos++]!;
        if (i === 9 && (b & 0x7f) > 1) throw new ProtobufError("invalid varint: overflows 64 bits");
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.halves.lo = lo >>> 0;
    this.halves.hi = hi >>> 0;
    return this.halves;
  }

  /** Reads an int64 varint as a bigint. */
  int64(): bigint {
    const h = this.varint64();
    return joinBigInt(h.lo, h.hi, true);
  }

  /** Reads a uint64 varint as a bigint. */
  uint64(): bigint {
    const h = this.varint64();
    return joinBigInt(h.lo, h.hi, false);
  }

  /** Reads a zigzag-encoded sint64 as a bigint. */
  sint64(): bigint {
    const h = this.varint64();
    zigzagDecode64(h);
    return joinBigInt(h.lo, h.hi, true);
  }

  private need(n: number): number {
    const pos = this.pos;
    if (pos + n > this.end) this.truncated();
    this.pos = pos + n;
    return pos;
  }

  /** Reads a little-endian fixed32. */
  fixed32(): number {
    return this.view.getUint32(this.need(4), true);
  }

  /** Reads a little-endian sfixed32. */
  sfixed32(): number {
    return this.view.getInt32(this.need(4), true);
  }

  /** Reads a fixed64/sfixed64 into {@link halves}. */
  fixed64Halves(): Halves {
    const pos = this.need(8);
    this.halves.lo = this.view.getUint32(pos, true);
    this.halves.hi = this.view.getUint32(pos + 4, true);
    return this.halves;
  }

  /** Reads a fixed64 as a bigint. */
  fixed64(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }

  /** Reads an sfixed64 as a bigint. */
  sfixed64(): bigint {
    return this.view.getBigInt64(this.need(8), true);
  }

  /** Reads a float. */
  float(): number {
    return this.view.getFloat32(this.need(4), true);
  }

  /** Reads a double. */
  double(): number {
    return this.view.getFloat64(this.need(8), true);
  }

  /** Reads a length prefix and checks that the value fits before `end`; returns the value's end offset. */
  delimitedEnd(): number {
    const buf = this.buf;
    const pos = this.pos;
    // One-byte lengths (0..127) are by far the most common: no loop, no 64-bit arithmetic.
    if (pos < this.end) {
      const b = buf[pos]!;
      if (b < 0x80) {
        const end = pos + 1 + b;
        if (end > this.end) this.lengthPastEnd(b, pos + 1);
        this.pos = pos + 1;
        return end;
      }
    }
    // The whole varint counts: a length of 2^32 or more must not be read as its low 32 bits (so 2^32 + 1
    // would become 1), it is simply longer than any input we can hold.
    const h = this.varint64();
    const len = h.hi * 0x1_0000_0000 + h.lo;
    const end = this.pos + len;
    if (h.hi !== 0 || len > 0x7fffffff || end > this.end) this.lengthPastEnd(len, this.pos);
    return end;
  }

  private lengthPastEnd(len: number, pos: number): never {
    throw new ProtobufError(`length ${len} runs past the end of the data (${this.end - pos} bytes left)`);
  }

  /**
   * Reads length-prefixed bytes. Unless {@link aliasBytes} is set, the result never aliases the input (a caller
   * may reuse its buffer): small values are copied into their own (on-heap) array; for larger ones the first
   * copies the whole input once and each is a view into that copy, which costs far less than one ArrayBuffer
   * per value. With {@link aliasBytes}, larger values are views of the input itself (no ArrayBuffer at all:
   * about 1 µs less for a 1 KiB value); small ones are still copied, so they pin nothing.
   */
  bytes(): Uint8Array {
    const end = this.delimitedEnd();
    const start = this.pos;
    this.pos = end;
    const len = end - start;
    if (len <= SMALL_BYTES) {
      // Small typed arrays live on V8's heap: cheaper to allocate and copy than any ArrayBuffer.
      const out = new Uint8Array(len);
      const buf = this.buf;
      for (let i = 0; i < len; i++) out[i] = buf[start + i]!;
      return out;
    }
    const buf = this.buf;
    // A plain Uint8Array either way: a Node Buffer's subarray() would make a Buffer, slower to create.
    if (this.aliasBytes) return new Uint8Array(buf.buffer, buf.byteOffset + start, len);
    // new Uint8Array(x) always copies (a Node Buffer's slice() would be a view of the caller's memory).
    const copy = (this.inputCopy ??= new Uint8Array(buf));
    return copy.subarray(start, end);
  }

  /**
   * Reads a length-prefixed string. With `validate` (proto3), invalid UTF-8 is an error; without (proto2),
   * it decodes to U+FFFD.
   */
  string(validate = false): string {
    const end = this.delimitedEnd();
    const start = this.pos;
    this.pos = end;
    const s = decodeUtf8(this.buf, start, end, validate);
    if (s === undefined) throw new ProtobufError("invalid UTF-8 in a string");
    return s;
  }

  /**
   * Skips a field's value of wire type `wireType` (after its tag) and returns the offset where it started.
   * Groups are skipped to their matching END_GROUP; `depth` counts nesting against `maxDepth`.
   */
  skip(wireType: WireType, fieldNo: number, depth = 0, maxDepth = 100): number {
    const start = this.pos;
    switch (wireType) {
      case WireType.Varint:
        this.varint64();
        break;
      case WireType.Bit64:
        this.need(8);
        break;
      case WireType.Bit32:
        this.need(4);
        break;
      case WireType.LengthDelimited:
        this.pos = this.delimitedEnd();
        break;
      case WireType.StartGroup: {
        if (depth >= maxDepth) throw new ProtobufError(`nesting deeper than the limit of ${maxDepth}`);
        for (;;) {
          if (this.pos >= this.end) throw new ProtobufError(`group ${fieldNo} has no END_GROUP`);
          const t = this.rawTag();
          const no = t >>> 3;
          const wt = t & 7;
          if (wt === WireType.EndGroup) {
            if (no !== fieldNo) throw new ProtobufError(`END_GROUP for field ${no} closes group ${fieldNo}`);
            break;
          }
          this.skip(wt, no, depth + 1, maxDepth);
        }
        break;
      }
      case WireType.EndGroup:
        throw new ProtobufError(`unexpected END_GROUP for field ${fieldNo}`);
      default:
        throw new ProtobufError(`invalid wire type ${wireType as number}`);
    }
    return start;
  }
}
