/**
 * Scalar values on the wire and in objects: zero values, the implicit-presence "is zero" test, and reading and
 * writing one value of each scalar type. Switches on the numeric type so that the codec's hot loops stay free
 * of closures.
 */
import { ScalarType } from "./desc.js";
import { ProtobufError } from "./errors.js";
import { LongRep } from "./plan.js";
import type { BinaryReader } from "./wire/binary-reader.js";
import type { BinaryWriter } from "./wire/binary-writer.js";
import { joinBigInt, joinNumber, joinString, zigzagDecode64 } from "./wire/varint.js";

/** A scalar field's value in a message object. */
export type ScalarValue = number | bigint | string | boolean | Uint8Array;

/** The zero value of a scalar type (a new empty array for bytes). */
export function scalarZero(t: ScalarType, long: LongRep): ScalarValue {
  switch (t) {
    case ScalarType.BOOL:
      return false;
    case ScalarType.STRING:
      return "";
    case ScalarType.BYTES:
      return new Uint8Array(0);
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return long === LongRep.BigInt ? 0n : long === LongRep.String ? "0" : 0;
    default:
      return 0;
  }
}

/**
 * Whether `v` is the zero value, which implicit presence does not write. `-0` is not zero here: protoc and
 * Python compare the bits of floating point values, so `-0` is written.
 */
export function isScalarZero(t: ScalarType, v: unknown): boolean {
  switch (t) {
    case ScalarType.DOUBLE:
      return v === 0 && 1 / v > 0;
    case ScalarType.FLOAT:
      // A double that float32 rounds to +0 is stored as 0 by protoc and Python, so it is not written either.
      return Math.fround(v as number) === 0 && 1 / (v as number) > 0;
    case ScalarType.BOOL:
      return v === false;
    case ScalarType.STRING:
      return v === "";
    case ScalarType.BYTES:
      return (v as Uint8Array).length === 0;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return v === 0n || v === "0" || v === 0;
    default:
      return v === 0;
  }
}

/** Reads one value of scalar type `t`. */
export function readScalar(r: BinaryReader, t: ScalarType, long: LongRep, validateUtf8: boolean): ScalarValue {
  switch (t) {
    case ScalarType.STRING:
      return r.string(validateUtf8);
    case ScalarType.INT32:
      return r.int32();
    case ScalarType.UINT32:
      return r.uint32();
    case ScalarType.SINT32:
      return r.sint32();
    case ScalarType.BOOL:
      return r.bool();
    case ScalarType.DOUBLE:
      return r.double();
    case ScalarType.FLOAT:
      return r.float();
    case ScalarType.FIXED32:
      return r.fixed32();
    case ScalarType.SFIXED32:
      return r.sfixed32();
    case ScalarType.BYTES:
      return r.bytes();
    case ScalarType.INT64: {
      const h = r.varint64();
      return long64(h.lo, h.hi, true, long);
    }
    case ScalarType.UINT64: {
      const h = r.varint64();
      return long64(h.lo, h.hi, false, long);
    }
    case ScalarType.SINT64: {
      const h = r.varint64();
      zigzagDecode64(h);
      return long64(h.lo, h.hi, true, long);
    }
    case ScalarType.FIXED64: {
      const h = r.fixed64Halves();
      return long64(h.lo, h.hi, false, long);
    }
    case ScalarType.SFIXED64: {
      const h = r.fixed64Halves();
      return long64(h.lo, h.hi, true, long);
    }
  }
  throw new ProtobufError(`unknown scalar type ${t as number}`);
}

function long64(lo: number, hi: number, signed: boolean, long: LongRep): bigint | string | number {
  return long === LongRep.BigInt ? joinBigInt(lo, hi, signed) : long === LongRep.String ? joinString(lo, hi, signed) : joinNumber(lo, hi, signed);
}

/** Throws the error for a value that does not fit scalar type `t`. */
export function invalidScalar(t: ScalarType, v: unknown): never {
  const shown = typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : v instanceof Uint8Array ? "Uint8Array" : String(v);
  throw new ProtobufError(`invalid value for ${ScalarType[t]!.toLowerCase()}: ${shown}`);
}

/** Writes one value of scalar type `t`; throws a {@link ProtobufError} for a value of the wrong type or range. */
export function writeScalar(w: BinaryWriter, t: ScalarType, v: unknown): void {
  switch (t) {
    case ScalarType.STRING:
      if (typeof v !== "string") invalidScalar(t, v);
      w.string(v);
      return;
    case ScalarType.INT32:
      if (typeof v !== "number" || (v | 0) !== v) invalidScalar(t, v);
      w.int32(v);
      return;
    case ScalarType.UINT32:
      if (typeof v !== "number" || v >>> 0 !== v) invalidScalar(t, v);
      w.uint32(v);
      return;
    case ScalarType.SINT32:
      if (typeof v !== "number" || (v | 0) !== v) invalidScalar(t, v);
      w.sint32(v);
      return;
    case ScalarType.BOOL:
      if (typeof v !== "boolean") invalidScalar(t, v);
      w.bool(v);
      return;
    case ScalarType.DOUBLE:
      if (typeof v !== "number") invalidScalar(t, v);
      w.double(v);
      return;
    case ScalarType.FLOAT:
      if (typeof v !== "number") invalidScalar(t, v);
      w.float(v);
      return;
    case ScalarType.FIXED32:
      if (typeof v !== "number" || v >>> 0 !== v) invalidScalar(t, v);
      w.fixed32(v);
      return;
    case ScalarType.SFIXED32:
      if (typeof v !== "number" || (v | 0) !== v) invalidScalar(t, v);
      w.sfixed32(v);
      return;
    case ScalarType.BYTES:
      if (!(v instanceof Uint8Array)) invalidScalar(t, v);
      w.bytes(v);
      return;
    case ScalarType.INT64:
      w.int64(v as bigint);
      return;
    case ScalarType.UINT64:
      w.uint64(v as bigint);
      return;
    case ScalarType.SINT64:
      w.sint64(v as bigint);
      return;
    case ScalarType.FIXED64:
      w.fixed64(v as bigint);
      return;
    case ScalarType.SFIXED64:
      w.sfixed64(v as bigint);
      return;
  }
  invalidScalar(t, v);
}
