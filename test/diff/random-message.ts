/**
 * Seeded random messages for any message type, driven only by its resolved descriptor (desc.ts), in the
 * representation of DESIGN.md: complete objects (implicit-presence scalars zero-filled, lists, maps, oneofs
 * `{ case: undefined }`), explicit-presence fields absent when unset, 64-bit as bigint (or as `jstype` asks).
 *
 * Values lean on the edges: 0, -1, the min and max of every integer type, NaN, ±Infinity, -0, denormals,
 * empty and non-ASCII strings, long bytes. The well-known types get valid values only (timestamps and
 * durations in range, field-mask paths that survive the JSON name conversion, Struct numbers that are finite),
 * because their invalid values are errors by design and belong to the malformed-input tests.
 */
import { ScalarType, type DescEnum, type DescExtension, type DescField, type DescMessage, type LongType } from "../../src/protobuf/desc.js";
import type { Random } from "./random.js";
import type { UnknownFields } from "../../src/protobuf/unknown-fields.js";

/** A message in Spindle's plain-object representation. */
export type PlainMessage = { [key: string]: unknown; [UnknownFields]?: Uint8Array };

/** What the generator needs besides randomness. */
export interface RandomMessageOptions {
  /** Message nesting beyond which optional message fields stay unset (required ones are still filled). */
  maxDepth?: number;
  /** How many nested messages one top-level message may hold (keeps recursive types from exploding). */
  maxMessages?: number;
  /** Serializes a message, for the `value` of an `Any`. */
  encode(desc: DescMessage, message: PlainMessage): Uint8Array;
  /** The types an `Any` may hold (each must be resolvable by whoever reads the `Any` back). */
  anyTypes: readonly DescMessage[];
  /** Replaces drawn float and double values, e.g. to steer clear of a known disagreement. */
  numberFilter?: ((value: number, type: ScalarType.FLOAT | ScalarType.DOUBLE) => number) | undefined;
  /** The extensions to consider for an extendee, and how to set one (absent: extensions are never set). */
  extensions?: {
    of(extendee: DescMessage): readonly DescExtension[];
    set(message: PlainMessage, extension: DescExtension, value: unknown): void;
  };
}

/** Generates random messages; one instance per seeded stream. */
export interface MessageGenerator {
  message(desc: DescMessage): PlainMessage;
  /** One random value of a scalar type, as a singular field would hold it. */
  scalar(type: ScalarType, longType?: LongType): unknown;
}

const INT32_EDGES = [0, 1, -1, 2, -2, 127, 128, -128, 255, 256, 16383, 16384, 2147483647, -2147483648, 2147483646, -2147483647];
const UINT32_EDGES = [0, 1, 2, 127, 128, 255, 256, 16383, 16384, 2097151, 2097152, 2147483647, 2147483648, 4294967295, 4294967294];
const INT64_EDGES = [0n, 1n, -1n, 127n, 128n, -128n, 2147483647n, -2147483648n, 4294967295n, 4294967296n, 2n ** 53n, -(2n ** 53n), 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), -(2n ** 63n) + 1n];
const UINT64_EDGES = [0n, 1n, 127n, 128n, 4294967295n, 4294967296n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n - 2n];
const DOUBLE_EDGES = [0, -0, 1, -1, 0.1, -2.5, 1e-300, 1e300, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, NaN, Infinity, -Infinity, 123456789.125, 1.7976931348623157e308];
const FLOAT_EDGES = [0, -0, 1, -1, 0.1, 3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38, 16777216, 16777217, NaN, Infinity, -Infinity, 1e-10, 65504].map(Math.fround);
const STRING_EDGES = [
  "",
  "a",
  "hello world",
  "héllo wörld",
  "日本語のテキスト",
  "🦀🚀 astral 𝄞",
  "\u0000nul\u0001ctl\u001f",
  "quote \" backslash \\ slash / newline \n tab \t",
  "\u2028\u2029 line separators",
  "\u007f\u0080\u00ff\u0100",
  "<script>&amp;</script>",
  "\uffff\ufffe\ufeff",
  "x".repeat(300),
];
// Characters drawn for random strings: ASCII, escapes JSON must handle, 2-, 3- and 4-byte UTF-8.
const CHAR_POOL = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.,;:!?'\"\\/\n\t\r\b\f", "é", "ß", "Ω", "ж", "中", "文", "ㅎ", "€", "\u2028", "\u0000", "\u001b", "😀", "𝄞", "🦀"];

const TIMESTAMP_MIN_SECONDS = -62135596800; // 0001-01-01T00:00:00Z
const TIMESTAMP_MAX_SECONDS = 253402300799; // 9999-12-31T23:59:59Z
const DURATION_MAX_SECONDS = 315576000000; // ±10,000 years, as duration.proto says

/** The field properties the generator reads; an extension carries the same ones (read through `asField`). */
type FieldLike = DescField;
const asField = (extension: DescExtension) => extension as unknown as DescField;

/** Creates a generator drawing from `random`. */
export function createMessageGenerator(random: Random, options: RandomMessageOptions): MessageGenerator {
  const maxDepth = options.maxDepth ?? 4;
  const maxMessages = options.maxMessages ?? 40;
  // Messages left to create in the current top-level message; when it runs out, optional message fields stay
  // unset and message lists and maps stay empty.
  let budget = maxMessages;
  const roomFor = (depth: number) => depth < maxDepth && budget > 0;

  function int32(): number {
    return random.chance(0.5) ? random.pick(INT32_EDGES) : random.chance(0.5) ? random.int(-1000, 1000) : random.uint32() | 0;
  }
  function uint32(): number {
    return random.chance(0.5) ? random.pick(UINT32_EDGES) : random.chance(0.5) ? random.int(0, 1000) : random.uint32();
  }
  function int64(): bigint {
    if (random.chance(0.4)) return random.pick(INT64_EDGES);
    if (random.chance(0.4)) return BigInt(random.int(-100000, 100000));
    return BigInt.asIntN(64, random.uint64());
  }
  function uint64(): bigint {
    if (random.chance(0.4)) return random.pick(UINT64_EDGES);
    if (random.chance(0.4)) return BigInt(random.int(0, 100000));
    return random.uint64();
  }
  function double(): number {
    if (random.chance(0.4)) return random.pick(DOUBLE_EDGES);
    if (random.chance(0.5)) return Math.round((random.float() - 0.5) * 2e6) / 64;
    // Any bit pattern; NaN payloads are collapsed to the canonical NaN, which every encoder writes.
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, random.uint32());
    view.setUint32(4, random.uint32());
    const value = view.getFloat64(0);
    return Number.isNaN(value) ? NaN : value;
  }
  function float(): number {
    if (random.chance(0.4)) return random.pick(FLOAT_EDGES);
    if (random.chance(0.5)) return Math.fround(Math.round((random.float() - 0.5) * 2e4) / 8);
    const view = new DataView(new ArrayBuffer(4));
    view.setUint32(0, random.uint32());
    const value = view.getFloat32(0);
    return Number.isNaN(value) ? NaN : value;
  }
  function string(): string {
    if (random.chance(0.35)) return random.pick(STRING_EDGES);
    const length = random.chance(0.02) ? random.int(100, 1000) : random.int(0, 12);
    let text = "";
    for (let i = 0; i < length; i++) text += random.pick(CHAR_POOL);
    return text;
  }
  function bytes(): Uint8Array {
    const roll = random.float();
    const length = roll < 0.2 ? 0 : roll < 0.98 ? random.int(1, 24) : random.int(500, 3000);
    const out = new Uint8Array(length);
    const fill = random.chance(0.1) ? random.pick([0, 0xff]) : -1;
    for (let i = 0; i < length; i++) out[i] = fill >= 0 ? fill : random.uint32() & 0xff;
    return out;
  }
  function long(value: bigint, longType: LongType, signed: boolean): unknown {
    if (longType === "string") return value.toString();
    if (longType === "number") {
      // Only safe integers survive as JS numbers; draw again within range.
      const bound = BigInt(Number.MAX_SAFE_INTEGER);
      if (value > bound || value < (signed ? -bound : 0n)) value = BigInt(signed ? random.int(-1e15, 1e15) : random.int(0, 1e15));
      return Number(value);
    }
    return value;
  }

  function scalar(type: ScalarType, longType: LongType = "bigint"): unknown {
    switch (type) {
      case ScalarType.DOUBLE:
        return options.numberFilter ? options.numberFilter(double(), ScalarType.DOUBLE) : double();
      case ScalarType.FLOAT:
        return options.numberFilter ? options.numberFilter(float(), ScalarType.FLOAT) : float();
      case ScalarType.INT32:
      case ScalarType.SINT32:
      case ScalarType.SFIXED32:
        return int32();
      case ScalarType.UINT32:
      case ScalarType.FIXED32:
        return uint32();
      case ScalarType.INT64:
      case ScalarType.SINT64:
      case ScalarType.SFIXED64:
        return long(int64(), longType, true);
      case ScalarType.UINT64:
      case ScalarType.FIXED64:
        return long(uint64(), longType, false);
      case ScalarType.BOOL:
        return random.chance(0.5);
      case ScalarType.STRING:
        return string();
      case ScalarType.BYTES:
        return bytes();
    }
  }

  /** A map key in its property form: decimal for integers, "true"/"false" for bools. */
  function mapKey(type: ScalarType): string {
    if (type === ScalarType.STRING) return string();
    if (type === ScalarType.BOOL) return random.chance(0.5) ? "true" : "false";
    return String(scalar(type, "bigint"));
  }

  function enumValue(desc: DescEnum): number {
    // NullValue has one value; any other number means nothing in JSON.
    if (desc.open && desc.typeName !== "google.protobuf.NullValue" && random.chance(0.08)) {
      const unknown = random.pick([-7, 99, 12345, -2147483647, 2147483646]);
      if (!desc.value(unknown)) return unknown;
    }
    return random.pick(desc.values).number;
  }

  function zero(field: FieldLike): unknown {
    if (field.fieldKind === "enum") return 0;
    if (field.fieldKind !== "scalar") return undefined;
    switch (field.scalar) {
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
        return field.longType === "string" ? "0" : field.longType === "number" ? 0 : 0n;
      default:
        return 0;
    }
  }

  function listLength(): number {
    const roll = random.float();
    return roll < 0.35 ? 0 : roll < 0.92 ? random.int(1, 3) : random.int(4, 10);
  }

  /** A value for a singular field (or one element of a list, or a map value). */
  function singular(field: FieldLike, depth: number): unknown {
    switch (field.fieldKind) {
      case "scalar":
        return scalar(field.scalar, field.longType);
      case "enum":
        return enumValue(field.enum);
      case "message":
        return message(field.message, depth + 1);
      case "list":
        if (field.listKind === "scalar") return scalar(field.scalar, field.longType);
        if (field.listKind === "enum") return enumValue(field.enum);
        return message(field.message, depth + 1);
      case "map":
        if (field.mapKind === "scalar") return scalar(field.scalar, field.longType);
        if (field.mapKind === "enum") return enumValue(field.enum);
        return message(field.message, depth + 1);
    }
  }

  /** The value a field gets in a new message, or `undefined` to leave an explicit-presence field unset. */
  function fieldValue(field: FieldLike, depth: number): unknown {
    if (field.fieldKind === "list") {
      if (field.listKind === "message" && !roomFor(depth)) return [];
      const n = listLength();
      const list: unknown[] = [];
      for (let i = 0; i < n; i++) list.push(singular(field, depth));
      return list;
    }
    if (field.fieldKind === "map") {
      const map: Record<string, unknown> = {};
      if (field.mapKind === "message" && !roomFor(depth)) return map;
      const n = listLength();
      for (let i = 0; i < n; i++) map[mapKey(field.mapKey)] = singular(field, depth);
      return map;
    }
    const required = field.presence === "legacy_required";
    if (field.fieldKind === "message") {
      if (required) return message(field.message, depth + 1);
      return roomFor(depth) && random.chance(depth === 0 ? 0.7 : 0.4) ? message(field.message, depth + 1) : undefined;
    }
    if (required || random.chance(0.55)) return singular(field, depth);
    return field.presence === "implicit" ? zero(field) : undefined;
  }

  function message(desc: DescMessage, depth = 0): PlainMessage {
    budget--;
    const special = wellKnown(desc, depth);
    if (special) return special;
    const out: PlainMessage = {};
    for (const member of desc.members) {
      if (member.kind === "oneof") {
        if (random.chance(0.25)) {
          out[member.localName] = { case: undefined };
          continue;
        }
        const candidates = member.fields.filter((f) => f.fieldKind !== "message" || roomFor(depth));
        if (candidates.length === 0) {
          out[member.localName] = { case: undefined };
          continue;
        }
        const field = random.pick(candidates);
        out[member.localName] = { case: field.localName, value: singular(field, depth) };
        continue;
      }
      const value = fieldValue(member, depth);
      if (value !== undefined) out[member.localName] = value;
    }
    if (options.extensions && roomFor(depth)) {
      for (const extension of options.extensions.of(desc)) {
        if (!random.chance(0.4)) continue;
        const field = asField(extension);
        const value = field.fieldKind === "list" ? fieldValue(field, depth) : singular(field, depth);
        if (value !== undefined) options.extensions.set(out, extension, value);
      }
    }
    return out;
  }

  /** Valid values for the well-known types whose JSON forms constrain them; `undefined` for other types. */
  function wellKnown(desc: DescMessage, depth: number): PlainMessage | undefined {
    switch (desc.typeName) {
      case "google.protobuf.Timestamp":
        return { seconds: BigInt(random.chance(0.3) ? random.pick([TIMESTAMP_MIN_SECONDS, TIMESTAMP_MAX_SECONDS, 0, -1, 1]) : random.int(TIMESTAMP_MIN_SECONDS, TIMESTAMP_MAX_SECONDS)), nanos: nanos() };
      case "google.protobuf.Duration": {
        const seconds = random.chance(0.3) ? random.pick([0, 1, -1, DURATION_MAX_SECONDS, -DURATION_MAX_SECONDS]) : random.int(-DURATION_MAX_SECONDS, DURATION_MAX_SECONDS);
        const n = nanos();
        // Seconds and nanos share the sign; with zero seconds the nanos carry it.
        const signed = seconds < 0 || (seconds === 0 && random.chance(0.5)) ? -n : n;
        return { seconds: BigInt(seconds), nanos: signed === 0 ? 0 : signed };
      }
      case "google.protobuf.FieldMask": {
        const paths: string[] = [];
        for (let i = random.int(0, 3); i > 0; i--) paths.push(fieldPath());
        return { paths };
      }
      case "google.protobuf.Struct":
        return struct(depth);
      case "google.protobuf.Value":
        return value(depth);
      case "google.protobuf.ListValue":
        return listValue(depth);
      case "google.protobuf.Any":
        return any(depth);
      default:
        return undefined;
    }
  }

  function nanos(): number {
    const roll = random.float();
    if (roll < 0.3) return 0;
    if (roll < 0.5) return random.int(0, 999) * 1000000;
    if (roll < 0.7) return random.int(0, 999999) * 1000;
    return random.chance(0.1) ? 999999999 : random.int(0, 999999999);
  }

  function fieldPath(): string {
    const segments: string[] = [];
    for (let i = random.int(1, 3); i > 0; i--) {
      const words: string[] = [];
      for (let j = random.int(1, 3); j > 0; j--) words.push(random.pick(["foo", "bar", "id", "x", "name", "display", "v2"]));
      segments.push(words.join("_"));
    }
    return segments.join(".");
  }

  function structValueNumber(): number {
    const n = random.chance(0.5) ? random.pick([0, -0, 1, -1, 0.5, 1e21, 1e-7, 2 ** 53, -123.456, 1e300]) : Math.round((random.float() - 0.5) * 1e6) / 100;
    return options.numberFilter ? options.numberFilter(n, ScalarType.DOUBLE) : n;
  }

  function value(depth: number): PlainMessage {
    const kinds = roomFor(depth) ? 6 : 4;
    switch (random.int(0, kinds - 1)) {
      case 0:
        return { kind: { case: "nullValue", value: 0 } };
      case 1:
        return { kind: { case: "numberValue", value: structValueNumber() } };
      case 2:
        return { kind: { case: "stringValue", value: string() } };
      case 3:
        return { kind: { case: "boolValue", value: random.chance(0.5) } };
      case 4:
        return { kind: { case: "structValue", value: struct(depth + 1) } };
      default:
        return { kind: { case: "listValue", value: listValue(depth + 1) } };
    }
  }

  function struct(depth: number): PlainMessage {
    budget--;
    const fields: Record<string, unknown> = {};
    for (let i = listLength(); i > 0; i--) fields[string()] = value(depth + 1);
    return { fields };
  }

  function listValue(depth: number): PlainMessage {
    budget--;
    const values: unknown[] = [];
    for (let i = listLength(); i > 0; i--) values.push(value(depth + 1));
    return { values };
  }

  function any(depth: number): PlainMessage {
    if (options.anyTypes.length === 0 || random.chance(0.05)) return { typeUrl: "", value: new Uint8Array(0) };
    const type = random.pick(options.anyTypes);
    const inner = message(type, depth + 1);
    const prefix = random.chance(0.9) ? "type.googleapis.com/" : "example.com/types/";
    return { typeUrl: prefix + type.typeName, value: options.encode(type, inner) };
  }

  return {
    message(desc) {
      budget = maxMessages;
      return message(desc, 0);
    },
    scalar,
  };
}
