/**
 * 64-bit integers as two unsigned 32-bit halves, so that the codec never allocates a `bigint` on its hot path
 * unless the field is represented as one. Helpers convert between halves and the three JS representations
 * (`bigint`, decimal `string`, `number`), and apply zigzag (sint32/sint64).
 */
import { ProtobufError } from "../errors.js";

const TWO_32 = 4294967296;
const scratch = new DataView(new ArrayBuffer(8));

/** Size in bytes of `value` (an unsigned 32-bit number) as a varint. */
export function sizeVarint32(value: number): number {
  value >>>= 0;
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** Zigzag-encodes a signed 32-bit number (sint32): small magnitudes give small varints. */
export function zigzagEncode32(value: number): number {
  return ((value << 1) ^ (value >> 31)) >>> 0;
}

/** Inverse of {@link zigzagEncode32}. */
export function zigzagDecode32(value: number): number {
  return (value >>> 1) ^ -(value & 1);
}

/** Two 32-bit halves of a 64-bit integer; `lo` and `hi` are unsigned. */
export interface Halves {
  lo: number;
  hi: number;
}

/**
 * Splits a 64-bit value given as bigint, decimal string or number into halves (two's complement, so negative
 * values and values up to 2^64-1 both work). Throws for values that are not integers or do not fit 64 bits.
 */
export function splitInt64(value: bigint | string | number, out: Halves, signed: boolean): void {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new ProtobufError(`invalid ${signed ? "int64" : "uint64"} value ${value}: not an integer`);
    // A number cannot hold 2^63 - 1 or 2^64 - 1: they round up to 2^63 and 2^64 (what a `jstype = JS_NUMBER`
    // field decodes from the largest values). Those two are read as the extremes they stand for, so whatever
    // the decoder produced can be written back; anything further out is an error.
    if (signed ? value === 9223372036854775808 : value === 18446744073709551616) {
      out.lo = 0xffffffff;
      out.hi = signed ? 0x7fffffff : 0xffffffff;
      return;
    }
    if (signed ? value < -9223372036854775808 || value > 9223372036854775808 : value < 0 || value > 18446744073709551616) {
      throw new ProtobufError(`invalid ${signed ? "int64" : "uint64"} value ${value}: out of range`);
    }
    out.lo = value >>> 0;
    out.hi = Math.floor(value / TWO_32) >>> 0;
    return;
  }
  let b: bigint;
  if (typeof value === "bigint") {
    // Most 64-bit values are far below 2^53: split them as numbers, without bigint arithmetic.
    const n = Number(value);
    if (n <= 9007199254740991 && n >= (signed ? -9007199254740991 : 0)) {
      out.lo = n >>> 0;
      out.hi = Math.floor(n / TWO_32) >>> 0;
      return;
    }
    b = value;
  } else {
    if (typeof value !== "string" || !/^-?[0-9]+$/.test(value)) {
      throw new ProtobufError(`invalid ${signed ? "int64" : "uint64"} value ${JSON.stringify(value)}`);
    }
    b = BigInt(value);
  }
  if (signed ? b < -0x8000000000000000n || b > 0x7fffffffffffffffn : b < 0n || b > 0xffffffffffffffffn) {
    throw new ProtobufError(`invalid ${signed ? "int64" : "uint64"} value ${b}: out of range`);
  }
  scratch.setBigUint64(0, BigInt.asUintN(64, b), true);
  out.lo = scratch.getUint32(0, true);
  out.hi = scratch.getUint32(4, true);
}

/** Joins halves into a signed (int64) or unsigned (uint64) bigint. */
export function joinBigInt(lo: number, hi: number, signed: boolean): bigint {
  if (hi === 0) return BigInt(lo);
  if (signed) {
    if (hi === 0xffffffff && lo >= 0x80000000) return BigInt(lo | 0);
    scratch.setUint32(0, lo, true);
    scratch.setUint32(4, hi, true);
    return scratch.getBigInt64(0, true);
  }
  scratch.setUint32(0, lo, true);
  scratch.setUint32(4, hi, true);
  return scratch.getBigUint64(0, true);
}

/** Joins halves into a number (exact up to 2^53, rounded beyond, as `jstype = JS_NUMBER` asks). */
export function joinNumber(lo: number, hi: number, signed: boolean): number {
  return signed ? (hi | 0) * TWO_32 + lo : hi * TWO_32 + lo;
}

/** Joins halves into a decimal string (`jstype = JS_STRING`). */
export function joinString(lo: number, hi: number, signed: boolean): string {
  if (hi === 0) return String(lo);
  if (hi < 0x200000 || (signed && hi >= 0xffe00000)) return String(joinNumber(lo, hi, signed));
  return joinBigInt(lo, hi, signed).toString();
}

/** Zigzag-encodes halves in place (sint64). */
export function zigzagEncode64(h: Halves): void {
  const sign = h.hi >> 31;
  const hi = ((h.hi << 1) | (h.lo >>> 31)) ^ sign;
  const lo = (h.lo << 1) ^ sign;
  h.hi = hi >>> 0;
  h.lo = lo >>> 0;
}

/** Zigzag-decodes halves in place (sint64). */
export function zigzagDecode64(h: Halves): void {
  const negate = h.lo & 1;
  let lo = ((h.lo >>> 1) | (h.hi << 31)) >>> 0;
  let hi = h.hi >>> 1;
  if (negate) {
    lo = ~lo >>> 0;
    hi = ~hi >>> 0;
  }
  h.lo = lo;
  h.hi = hi;
}
