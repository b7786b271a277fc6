/**
 * The reader generated decoders use: a cursor over one buffer with the primitive reads inlined as far as V8
 * lets them be, and the bookkeeping generated code needs (unknown fields, group ends, depth, error locations).
 *
 * Every malformed input ends in a `ProtobufError`. A read that fails throws a bare one; the generated decoder
 * catches it once and passes it through {@link CodecReader.locate}, which adds the field and message it happened
 * in (innermost wins), e.g. "premature end of data reading field 3 of shop.v1.Product".
 */
import { ProtobufError } from "../../protobuf/index.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");
const located = new WeakSet<Error>();
const tagErrors = new WeakSet<Error>();
const scratch = new DataView(new ArrayBuffer(8));
/** With `aliasBytes`, `bytes` values up to this long are still copied: on V8's heap they cost less than a view. */
const SMALL_BYTES = 64;
// Little-endian platforms only (every platform Node and browsers run on); checked once below.
const f32 = new Float32Array(1);
const f32b = new Uint8Array(f32.buffer);
const f64 = new Float64Array(1);
const f64b = new Uint8Array(f64.buffer);
if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error("spindle/runtime/v1 needs a little-endian platform");

/** Options for generated `decode` functions (the same as the reflection codec's `fromBinary`). */
export interface DecodeOptions {
  /** Keep fields the schema does not know as raw bytes (default `true`). */
  readUnknownFields?: boolean;
  /** Nesting limit for sub-messages and groups (default 100). */
  maxDepth?: number;
  /**
   * The caller hands the input over for good (nothing modifies or reuses it afterwards), so `bytes` fields
   * longer than 64 bytes may be views of it instead of copies (default `false`). The server passes it for
   * request messages; a view kept past that keeps the whole input alive.
   */
  aliasBytes?: boolean;
}

/** A cursor over protobuf bytes for generated decoders. */
export class CodecReader {
  /** The next byte to read. */
  pos = 0;
  /** Whether unknown fields are kept (from the options). */
  keepUnknown: boolean;
  /** Depth budget left; a sub-message decode that would take it below zero fails. */
  maxDepth: number;
  constructor(buf: Uint8Array, options?: DecodeOptions) {
    // No DataView here: creating one costs more than decoding a small message. Fixed-width values are
    // assembled from bytes, floats go through a shared scratch array.
    this.buf = buf;
    this.keepUnknown = options?.readUnknownFields ?? true;
    this.maxDepth = options?.maxDepth ?? 100;
    this.aliasBytes = options?.aliasBytes ?? false;
  }

  /** Whether `bytes` values past {@link SMALL_BYTES} are views of the input (the `aliasBytes` option). */
  aliasBytes: boolean;

  /** The input. */
  buf: Uint8Array;

  /**
   * A reader for `buf`: the shared one when it is free (decoding is synchronous, so it is free unless a decode
   * is running further up the stack), else a new one. Pair with {@link CodecReader.release}.
   */
  static acquire(buf: Uint8Array, options?: DecodeOptions): CodecReader {
    const r = shared;
    if (r === undefined || r.busy) return new CodecReader(buf, options);
    r.busy = true;
    r.buf = buf;
    r.pos = 0;
    r.keepUnknown = options?.readUnknownFields ?? true;
    r.maxDepth = options?.maxDepth ?? 100;
    r.aliasBytes = options?.aliasBytes ?? false;
    return r;
  }

  /** Hands a reader from {@link CodecReader.acquire} back (and drops its reference to the input). */
  release(): void {
    if (this === shared) {
      this.busy = false;
      this.buf = empty;
    }
  }

  private busy = false;

  /** Reads an unsigned 32-bit varint (tags, lengths, uint32). Longer varints keep their low 32 bits. */
  uint32(): number {
    // One-byte varints (most tags and lengths) take this small path, which V8 inlines into the decoders.
    const b = this.buf[this.pos]!;
    if (b < 0x80) {
      this.pos++;
      return b;
    }
    return this.uint32Slow();
  }

  /**
   * Reads a tag. Tags past 32 bits are an error (as in the reflection codec); field number 0 and wire types 6
   * and 7 are caught where unknown fields are skipped.
   */
  tag(): number {
    const b = this.buf[this.pos]!;
    if (b < 0x80) {
      this.pos++;
      return b;
    }
    const start = this.pos;
    try {
      const v = this.uint32Slow();
      if (this.pos - start > 5 || (this.buf[this.pos - 1]! > 0x0f && this.pos - start === 5)) {
        throw new ProtobufError("invalid tag: varint larger than 32 bits");
      }
      return v;
    } catch (e) {
      // Located as "reading a tag of …", not as the field before it.
      if (e instanceof Error) tagErrors.add(e);
      throw e;
    }
  }

  private uint32Slow(): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++]!;
    let v = b & 0x7f;
    b = buf[pos++]!;
    v |= (b & 0x7f) << 7;
    if (b < 0x80) return this.done(pos, v);
    b = buf[pos++]!;
    v |= (b & 0x7f) << 14;
    if (b < 0x80) return this.done(pos, v);
    b = buf[pos++]!;
    v |= (b & 0x7f) << 21;
    if (b < 0x80) return this.done(pos, v);
    b = buf[pos++]!;
    v = (v | ((b & 0x0f) << 28)) >>> 0;
    if (b < 0x80) return this.done(pos, v);
    // Bytes 6 to 10 only carry high bits of a 64-bit varint.
    for (let i = 5; i < 10; i++) {
      b = buf[pos++]!;
      if (b < 0x80) {
        if (i === 9 && b > 1) throw new ProtobufError("invalid varint: overflows 64 bits");
        return this.done(pos, v);
      }
    }
    if (pos > this.buf.length) throw eof();
    throw new ProtobufError("invalid varint: more than 10 bytes");
  }

  private done(pos: number, v: number): number {
    if (pos > this.buf.length) throw eof();
    this.pos = pos;
    return v;
  }

  /** Reads an int32 or enum (a 64-bit varint truncated to 32 bits). */
  int32(): number {
    return this.uint32() | 0;
  }

  /** Reads a sint32. */
  sint32(): number {
    const v = this.uint32();
    return (v >>> 1) ^ -(v & 1);
  }

  /** Reads a bool: any non-zero varint is true. */
  bool(): boolean {
    this.varint64();
    return this.lo !== 0 || this.hi !== 0;
  }

  /** Reads a fixed32. */
  fixed32(): number {
    const p = this.take(4);
    const b = this.buf;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** Reads an sfixed32. */
  sfixed32(): number {
    const p = this.take(4);
    const b = this.buf;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  /** Reads a float. */
  float(): number {
    const p = this.take(4);
    const b = this.buf;
    f32b[0] = b[p]!;
    f32b[1] = b[p + 1]!;
    f32b[2] = b[p + 2]!;
    f32b[3] = b[p + 3]!;
    return f32[0]!;
  }

  /** Reads a double. */
  double(): number {
    const p = this.take(8);
    const b = this.buf;
    for (let i = 0; i < 8; i++) f64b[i] = b[p + i]!;
    return f64[0]!;
  }

  /** Low and high halves of the last 64-bit value read (unsigned). */
  lo = 0;
  hi = 0;

  /** Reads a 64-bit varint into {@link CodecReader.lo}/{@link CodecReader.hi}. */
  varint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    for (; shift < 28; shift += 7) {
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = 0;
        this.done(pos, 0);
        return;
      }
    }
    b = buf[pos++]!;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    shift = 3;
    if (b >= 0x80) {
      for (let i = 5; ; shift += 7, i++) {
        if (i === 10) {
          if (pos > buf.length) throw eof();
          throw new ProtobufError("invalid varint: more than 10 bytes");
        }
        b = buf[pos++]!;
        if (i === 9 && (b & 0x7f) > 1) throw new ProtobufError("invalid varint: overflows 64 bits");
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    this.done(pos, 0);
  }

  /** Reads an int64 as bigint. */
  int64(): bigint {
    this.varint64();
    return toBigInt(this.lo, this.hi, true);
  }

  /** Reads a uint64 as bigint. */
  uint64(): bigint {
    this.varint64();
    return toBigInt(this.lo, this.hi, false);
  }

  /** Reads a sint64 as bigint. */
  sint64(): bigint {
    this.varint64();
    const sign = -(this.lo & 1);
    const lo = (((this.lo >>> 1) | (this.hi << 31)) ^ sign) >>> 0;
    const hi = ((this.hi >>> 1) ^ sign) >>> 0;
    return toBigInt(lo, hi, true);
  }

  /** Reads a fixed64 as bigint. */
  fixed64(): bigint {
    const p = this.take(8);
    return toBigInt(this.word(p), this.word(p + 4), false);
  }

  /** Reads an sfixed64 as bigint. */
  sfixed64(): bigint {
    const p = this.take(8);
    return toBigInt(this.word(p), this.word(p + 4), true);
  }

  private word(p: number): number {
    const b = this.buf;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** Reads a length prefix and returns where the delimited payload ends, checking it is inside the buffer. */
  len(): number {
    let n = this.buf[this.pos]!;
    if (n < 0x80) {
      this.pos++;
    } else {
      // Lengths are read as full varints: 2^32 and more must not wrap around to a small length.
      this.varint64();
      if (this.hi !== 0) throw new ProtobufError(`length ${toBigInt(this.lo, this.hi, false)} runs past the end of the data`);
      n = this.lo;
    }
    const end = this.pos + n;
    if (end > this.buf.length) throw new ProtobufError(`length ${n} runs past the end of the data (${this.buf.length - this.pos} bytes left)`);
    return end;
  }

  /** Reads a length-delimited string; with `validate` (proto3), invalid UTF-8 is an error. */
  string(validate: boolean): string {
    const end = this.len();
    const buf = this.buf;
    const start = this.pos;
    this.pos = end;
    const n = end - start;
    if (n <= 64) {
      let or = 0;
      for (let i = start; i < end; i++) or |= buf[i]!;
      if (or < 0x80) {
        // Short ASCII strings (ids, keys, enum-like values) are cheapest as one String.fromCharCode call with
        // the bytes as arguments: about twice as fast as the native slice or a concatenation loop (Node 20).
        if (n <= 32) return shortAscii(buf, start, n);
        // ASCII is valid UTF-8: no replacement-character check needed.
        if (nativeUtf8Slice !== undefined) return nativeUtf8Slice.call(buf, start, end);
      }
    }
    return decodeUtf8(buf, start, end, validate);
  }

  /**
   * Reads length-delimited bytes into a new array (the input buffer is not retained), or, with `aliasBytes`,
   * as a view of the input when longer than {@link SMALL_BYTES} (small ones are still copied: they pin nothing).
   */
  bytes(): Uint8Array {
    const end = this.len();
    const start = this.pos;
    this.pos = end;
    const buf = this.buf;
    // A plain Uint8Array view: a Node Buffer's subarray() would make a Buffer, slower to create.
    if (this.aliasBytes && end - start > SMALL_BYTES) return new Uint8Array(buf.buffer, buf.byteOffset + start, end - start);
    if (buf.constructor === Uint8Array) return buf.slice(start, end);
    // A subclass (a Node Buffer) would slice() a view of the caller's memory: copy into a plain Uint8Array.
    const from = buf.byteOffset;
    return new Uint8Array(buf.buffer.slice(from + start, from + end));
  }

  /** Advances past `n` bytes and returns where they start. */
  private take(n: number): number {
    const p = this.pos;
    if (p + n > this.buf.length) throw eof();
    this.pos = p + n;
    return p;
  }

  /**
   * Skips the field whose tag was just read (starting at `start`, inside a message at `depth`) and, unless
   * unknown fields are dropped, appends its raw bytes to `unknown`. Returns the new unknown bytes. Throws for
   * field number 0, wire types 6 and 7, a stray END_GROUP, and groups that do not close.
   */
  unknown(unknown: Uint8Array | undefined, tag: number, start: number, depth: number): Uint8Array | undefined {
    this.skip(tag, depth);
    if (!this.keepUnknown) return unknown;
    return appendBytes(unknown, this.buf, start, this.pos);
  }

  /** Appends `buf[start, end)` to unknown bytes (a map entry whose closed enum value is unknown). */
  raw(unknown: Uint8Array | undefined, start: number, end: number): Uint8Array {
    return appendBytes(unknown, this.buf, start, end);
  }

  /** Skips the value of the field whose tag was just read; `depth` bounds nested groups. */
  skip(tag: number, depth: number): void {
    const fieldNo = tag >>> 3;
    if (fieldNo === 0) throw new ProtobufError("invalid field number 0");
    switch (tag & 7) {
      case 0:
        this.varint64();
        return;
      case 1:
        this.take(8);
        return;
      case 2:
        this.pos = this.len();
        return;
      case 5:
        this.take(4);
        return;
      case 3: {
        if (depth >= this.maxDepth) throw this.tooDeep();
        for (;;) {
          if (this.pos >= this.buf.length) throw new ProtobufError(`group ${fieldNo} has no END_GROUP`);
          const t = this.tag();
          if ((t & 7) === 4) {
            if (t >>> 3 !== fieldNo) throw new ProtobufError(`END_GROUP for field ${t >>> 3} closes group ${fieldNo}`);
            return;
          }
          this.skip(t, depth + 1);
        }
      }
      case 4:
        throw new ProtobufError(`unexpected END_GROUP for field ${fieldNo}`);
      default:
        throw new ProtobufError(`invalid wire type ${tag & 7} for field ${fieldNo}`);
    }
  }

  /** The error for nesting deeper than the limit. */
  tooDeep(): ProtobufError {
    return new ProtobufError(`nesting deeper than the limit of ${this.maxDepth}`);
  }

  /** The error for a known field (proto name `name`, wire type `expected`) arriving with another wire type. */
  wrongWireType(tag: number, name: string, expected: number): ProtobufError {
    return new ProtobufError(`wrong wire type ${tag & 7} for ${name} (expected ${expected})`);
  }

  /** The error for a map entry's key (field 1) or value (field 2) with the wrong wire type. */
  wrongMapWireType(tag: number): ProtobufError {
    return new ProtobufError(`wrong wire type ${tag & 7} for map entry field ${tag >>> 3 === 1 ? "key" : "value"}`);
  }

  /** The error for an END_GROUP that closes no group here. */
  strayEndGroup(tag: number, group: number | undefined): ProtobufError {
    return new ProtobufError(group === undefined ? "unexpected END_GROUP" : `END_GROUP for field ${tag >>> 3} inside group ${group >>> 3}`);
  }

  /** The error for data ending inside a value. */
  truncated(): ProtobufError {
    return eof();
  }

  /** The error for a group without its END_GROUP. */
  missingEndGroup(group: number): ProtobufError {
    return new ProtobufError(`missing END_GROUP for group ${group >>> 3}`);
  }

  /**
   * Turns what a decoder caught into the error to throw: a ProtobufError naming the field and message where it
   * happened, unless an inner decoder already named them.
   */
  locate(e: unknown, tag: number, typeName: string): unknown {
    if (e instanceof Error && located.has(e)) return e;
    let message = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError || e instanceof TypeError) message = "premature end of data";
    const where = tag === 0 || (e instanceof Error && tagErrors.has(e)) ? `reading a tag of ${typeName}` : `reading field ${tag >>> 3} of ${typeName}`;
    const out = new ProtobufError(`${message} ${where}`, {
      cause: e,
    });
    located.add(out);
    return out;
  }
}

/**
 * Node's native UTF-8 slice when present (feature-detected, so the browser build needs no `node:` import):
 * far cheaper per call than TextDecoder for the short and medium strings protobuf messages hold.
 */
const nativeUtf8Slice = (globalThis as { Buffer?: { prototype?: { utf8Slice?: unknown } } }).Buffer?.prototype?.utf8Slice as
  | ((this: Uint8Array, start: number, end: number) => string)
  | undefined;

/** Decodes `buf[start, end)`; with `validate`, invalid UTF-8 throws instead of becoming U+FFFD. */
function decodeUtf8(buf: Uint8Array, start: number, end: number, validate: boolean): string {
  if (nativeUtf8Slice !== undefined) {
    const s = nativeUtf8Slice.call(buf, start, end);
    // U+FFFD in the result is either in the input or a replaced invalid sequence: only then check strictly.
    if (!validate || s.indexOf("\ufffd") < 0) return s;
  }
  const bytes = buf.subarray(start, end);
  if (!validate) return lenientUtf8.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ProtobufError("invalid UTF-8 in a string");
  }
}

const fcc = String.fromCharCode as (...codes: (number | undefined)[]) => string;

/** `n` (0 to 32) ASCII bytes at `s` as a string, in one call with the bytes as arguments. */
function shortAscii(b: Uint8Array, s: number, n: number): string {
  switch (n) {
    case 0:
      return "";
    case 1:
      return fcc(b[s]);
    case 2:
      return fcc(b[s], b[s + 1]);
    case 3:
      return fcc(b[s], b[s + 1], b[s + 2]);
    case 4:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    case 9:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8]);
    case 10:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9]);
    case 11:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10]);
    case 12:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11]);
    case 13:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12]);
    case 14:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13]);
    case 15:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14]);
    case 16:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15]);
    case 17:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16]);
    case 18:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17]);
    case 19:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18]);
    case 20:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19]);
    case 21:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20]);
    case 22:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21]);
    case 23:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22]);
    case 24:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23]);
    case 25:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24]);
    case 26:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25]);
    case 27:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26]);
    case 28:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27]);
    case 29:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28]);
    case 30:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29]);
    case 31:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30]);
    case 32:
      return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31]);
    default:
      return fcc(...b.subarray(s, s + n));
  }
}

const empty = new Uint8Array(0);
const shared: CodecReader | undefined = new CodecReader(empty);

function eof(): ProtobufError {
  return new ProtobufError("premature end of data");
}

/** Joins unsigned halves into a bigint. */
function toBigInt(lo: number, hi: number, signed: boolean): bigint {
  // Through the DataView even for small values: faster than BigInt(number) on Node 20.
  scratch.setUint32(0, lo, true);
  scratch.setUint32(4, hi, true);
  return signed ? scratch.getBigInt64(0, true) : scratch.getBigUint64(0, true);
}

/** Returns `prefix` followed by `buf[start, end)` in a new array. */
function appendBytes(prefix: Uint8Array | undefined, buf: Uint8Array, start: number, end: number): Uint8Array {
  if (prefix === undefined) return buf.slice(start, end);
  const out = new Uint8Array(prefix.length + end - start);
  out.set(prefix);
  out.set(buf.subarray(start, end), prefix.length);
  return out;
}

/** Appends a varint field (tag and value) to unknown bytes: where closed enums put numbers they do not know. */
export function appendUnknownVarint(prefix: Uint8Array | undefined, fieldNo: number, value: number): Uint8Array {
  const tmp: number[] = [];
  let t = (fieldNo << 3) >>> 0;
  while (t > 0x7f) {
    tmp.push((t & 0x7f) | 0x80);
    t >>>= 7;
  }
  tmp.push(t);
  let lo = value >>> 0;
  let hi = value < 0 ? 0xffffffff : 0;
  while (hi !== 0 || lo > 0x7f) {
    tmp.push((lo & 0x7f) | 0x80);
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  tmp.push(lo);
  const bytes = Uint8Array.from(tmp);
  return appendBytes(prefix, bytes, 0, bytes.length);
}
