/**
 * The proto3 JSON forms of scalar values, both ways (the mapping table of
 * https://protobuf.dev/programming-guides/json/):
 *
 * - int32, sint32, sfixed32, uint32, fixed32: JSON numbers; strings holding a number are accepted.
 * - 64-bit integers: decimal strings; numbers are accepted.
 * - Integers written with a fraction or an exponent ("1e5", 100000.000) are accepted when exact.
 * - float, double: numbers, or "NaN", "Infinity", "-Infinity"; numeric strings are accepted. A float is
 *   written in the shortest form that reads back as the same 32-bit value (Python prints 0.1, not
 *   0.10000000149011612).
 * - bool: true or false (the strings "true"/"false" only as map keys); string; bytes: base64.
 */
import { decodeBase64, encodeBase64 } from "../base64.js";
import { ScalarType, type LongType } from "../desc.js";
import { describeJson, JsonValueError } from "./json-value-error.js";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
/** A JSON number, as RFC 8259 spells it: no "+", no leading zeros, no bare ".5". */
const jsonNumberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Converts a scalar field value to its JSON form. 64-bit values may arrive as bigint, string or number
 * (per `jstype`); they always leave as a decimal string.
 */
export function scalarToJson(type: ScalarType, value: unknown): number | string | boolean {
  switch (type) {
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT: {
      const n = value as number;
      if (Number.isNaN(n)) return "NaN";
      if (n === Infinity) return "Infinity";
      if (n === -Infinity) return "-Infinity";
      return type === ScalarType.FLOAT ? shortestFloat32(n) : n;
    }
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
    case ScalarType.SINT64:
      return String(value);
    case ScalarType.BYTES:
      return encodeBase64(value as Uint8Array);
    default:
      return value as number | string | boolean;
  }
}

/**
 * The shortest decimal that reads back as the same float32. `Number.prototype.toString` would print the
 * float64 widening of the value (0.1f → 0.10000000149011612).
 */
export function shortestFloat32(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const f = Math.fround(n);
  for (let digits = 1; digits < 17; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

/**
 * Reads a scalar from its JSON form. `longType` says how a 64-bit value is represented (bigint by default).
 * `isMapKey` selects the map-key rules: keys are always JSON strings, so `"true"` is a bool there.
 *
 * @throws JsonValueError for a value of the wrong JSON type, a non-numeric or partially numeric string,
 *   a fraction where an integer is needed, a value outside the type's range, bad base64, or a string with
 *   an unpaired UTF-16 surrogate (it has no UTF-8 encoding).
 */
export function scalarFromJson(
  type: ScalarType,
  json: unknown,
  longType: LongType = "bigint",
  isMapKey = false,
): number | bigint | string | boolean | Uint8Array {
  switch (type) {
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return floatFromJson(type, json);
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return Number(integerFromJson(json, -(2n ** 31n), 2n ** 31n - 1n, "int32"));
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return Number(integerFromJson(json, 0n, 2n ** 32n - 1n, "uint32"));
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return longValue(integerFromJson(json, INT64_MIN, INT64_MAX, "int64"), longType);
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return longValue(integerFromJson(json, 0n, UINT64_MAX, "uint64"), longType);
    case ScalarType.BOOL:
      if (isMapKey) {
        if (json === "true") return true;
        if (json === "false") return false;
        throw new JsonValueError(`expected map key "true" or "false", got ${describeJson(json)}`);
      }
      if (typeof json !== "boolean") throw new JsonValueError(`expected true or false, got ${describeJson(json)}`);
      return json;
    case ScalarType.STRING:
      if (typeof json !== "string") throw new JsonValueError(`expected a string, got ${describeJson(json)}`);
      checkWellFormed(json);
      return json;
    case ScalarType.BYTES:
      if (typeof json !== "string") throw new JsonValueError(`expected a base64 string, got ${describeJson(json)}`);
      try {
        return decodeBase64(json);
      } catch (e) {
        throw new JsonValueError((e as Error).message);
      }
    default:
      throw new JsonValueError(`unknown scalar type ${String(type)}`);
  }
}

/** Rejects a string holding a lone UTF-16 surrogate: it cannot be encoded as UTF-8 on the wire. */
export function checkWellFormed(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    throw new JsonValueError(`string has an unpaired surrogate U+${c.toString(16).toUpperCase()} at index ${i}`);
  }
}

function floatFromJson(type: ScalarType, json: unknown): number {
  const kind = type === ScalarType.FLOAT ? "float" : "double";
  let n: number;
  if (typeof json === "number") {
    if (Number.isNaN(json)) throw new JsonValueError(`NaN must be written as the string "NaN"`);
    n = json;
  } else if (typeof json === "bigint") {
    n = Number(json);
  } else if (typeof json === "string") {
    if (json === "NaN") return NaN;
    if (json === "Infinity") return Infinity;
    if (json === "-Infinity") return -Infinity;
    if (!jsonNumberPattern.test(json)) throw new JsonValueError(`expected a ${kind}, got ${describeJson(json)}`);
    n = Number(json);
  } else {
    throw new JsonValueError(`expected a ${kind}, got ${describeJson(json)}`);
  }
  if (!Number.isFinite(n)) {
    throw new JsonValueError(`${kind} ${describeJson(json)} out of range (write "Infinity" or "-Infinity" for infinities)`);
  }
  if (type === ScalarType.FLOAT) {
    // Out of range only when float32 rounding overflows: 3.4028235e+38, the shortest text of FLT_MAX, is a
    // hair above FLT_MAX as a double but reads back as FLT_MAX.
    const f = Math.fround(n);
    if (!Number.isFinite(f)) throw new JsonValueError(`float ${describeJson(json)} out of range`);
    return f;
  }
  return n;
}

/**
 * Reads an integer from a JSON number, a bigint (what our text parser yields for integer literals beyond
 * 2^53, so none of their digits are lost) or a string holding a JSON number. Fractions and exponents are
 * accepted only when the value is an exact integer.
 */
function integerFromJson(json: unknown, min: bigint, max: bigint, kind: string): bigint {
  let value: bigint;
  if (typeof json === "number") {
    if (!Number.isInteger(json)) throw new JsonValueError(`${kind} must be an integer, got ${describeJson(json)}`);
    value = BigInt(json);
  } else if (typeof json === "bigint") {
    value = json;
  } else if (typeof json === "string") {
    const parsed = parseDecimalInteger(json);
    if (parsed === undefined) throw new JsonValueError(`${kind} must be an integer, got ${describeJson(json)}`);
    if (parsed === "overflow") throw new JsonValueError(`${kind} ${describeJson(json)} out of range`);
    value = parsed;
  } else {
    throw new JsonValueError(`expected ${kind}, got ${describeJson(json)}`);
  }
  if (value < min || value > max) throw new JsonValueError(`${kind} ${describeJson(json)} out of range ${min}..${max}`);
  return value;
}

/** Exact integer value of a JSON number literal; `undefined` if it is not one or not integral. */
function parseDecimalInteger(text: string): bigint | "overflow" | undefined {
  if (!jsonNumberPattern.test(text)) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const sign = m[1] === "-" ? -1n : 1n;
  let digits = m[2]! + (m[3] ?? "");
  let exponent = (m[4] === undefined ? 0 : Number(m[4])) - (m[3]?.length ?? 0);
  digits = digits.replace(/^0+(?=\d)/, "");
  if (/^0+$/.test(digits)) return 0n;
  // Drop trailing zeros into the exponent so "100000.000" and "1e5" look alike.
  const stripped = digits.replace(/0+$/, "");
  exponent += digits.length - stripped.length;
  if (exponent < 0) return undefined;
  // More than 20 significant digits is beyond every 64-bit range: stop before building a huge bigint.
  if (stripped.length + exponent > 20) return "overflow";
  return sign * BigInt(stripped) * 10n ** BigInt(exponent);
}

function longValue(value: bigint, longType: LongType): bigint | string | number {
  if (longType === "string") return value.toString();
  if (longType === "number") return Number(value);
  return value;
}
