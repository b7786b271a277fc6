/**
 * Comparisons for the differential tests, each answering with the path and values of the first difference
 * (or `undefined` when equal), so a finding can say exactly what disagreed.
 *
 * - {@link diffMessages}: two decoded messages, walked by descriptor. NaN equals NaN, -0 differs from 0 (the
 *   wire keeps the sign), `Any` payloads are compared decoded (their bytes may order map entries differently),
 *   extensions by value, other unknown fields as their sorted wire records.
 * - {@link diffJson}: two parsed JSON texts; object key order is ignored, numbers compare with `Object.is`.
 */
import type { DescEnum, DescExtension, DescField, DescMessage } from "../../src/protobuf/desc.js";
import { ScalarType } from "../../src/protobuf/desc.js";
import { UnknownFields } from "../../src/protobuf/unknown-fields.js";
import type { PlainMessage } from "./random-message.js";

/** What message comparison needs from the runtime. */
export interface CompareContext {
  /** Decodes the payload of an `Any`. */
  decode(desc: DescMessage, bytes: Uint8Array): PlainMessage;
  /** Resolves an `Any` type URL (the part after the last `/`) to a message type, if known. */
  resolveType(typeName: string): DescMessage | undefined;
  /** Extensions of a type, compared by value through `getExtension`. */
  extensionsOf(extendee: DescMessage): readonly DescExtension[];
  getExtension(message: PlainMessage, extension: DescExtension): unknown;
}

function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return `bytes[${value.length}](${Buffer.from(value.subarray(0, 48)).toString("hex")}${value.length > 48 ? "…" : ""})`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === undefined) return "undefined";
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? `bytes(${Buffer.from(v).toString("hex")})` : v));
    return text.length > 200 ? text.slice(0, 200) + "…" : text;
  } catch {
    return String(value);
  }
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}

/** The implicit-presence zero of a scalar, in the representation the field uses. */
function zeroOf(type: ScalarType): unknown {
  switch (type) {
    case ScalarType.BOOL:
      return false;
    case ScalarType.STRING:
      return "";
    case ScalarType.BYTES:
      return new Uint8Array(0);
    default:
      return 0;
  }
}

/** An extension carries a field's properties; read it as one. */
type FieldLike = DescField;

function diffSingular(field: FieldLike, kind: "scalar" | "enum" | "message", a: unknown, b: unknown, path: string, ctx: CompareContext): string | undefined {
  if (kind === "message") {
    const message = (field as { message: DescMessage }).message;
    if (a === undefined || b === undefined) return a === b ? undefined : `${path}: ${show(a)} != ${show(b)}`;
    return diffMessages(message, a as PlainMessage, b as PlainMessage, ctx, path);
  }
  if (kind === "enum") return a === b ? undefined : `${path}: ${show(a)} != ${show(b)} (enum ${(field as { enum: DescEnum }).enum.typeName})`;
  // 64-bit values may be bigint, string or number by jstype; compare their decimal forms.
  if (isLong(field)) return String(a) === String(b) ? undefined : `${path}: ${show(a)} != ${show(b)}`;
  return sameScalar(a, b) ? undefined : `${path}: ${show(a)} != ${show(b)}`;
}

function isLong(field: FieldLike): boolean {
  const scalar = (field as { scalar?: ScalarType }).scalar;
  return scalar === ScalarType.INT64 || scalar === ScalarType.UINT64 || scalar === ScalarType.SINT64 || scalar === ScalarType.FIXED64 || scalar === ScalarType.SFIXED64;
}

function elementKind(field: FieldLike): "scalar" | "enum" | "message" {
  switch (field.fieldKind) {
    case "list":
      return field.listKind;
    case "map":
      return field.mapKind;
    default:
      return field.fieldKind;
  }
}

/** Compares one field's values (as read from two messages). */
export function diffField(fieldOrExtension: FieldLike | DescExtension, a: unknown, b: unknown, ctx: CompareContext, path: string): string | undefined {
  const field = fieldOrExtension as FieldLike;
  if (field.fieldKind === "list") {
    const la = (a ?? []) as unknown[];
    const lb = (b ?? []) as unknown[];
    if (!Array.isArray(la) || !Array.isArray(lb)) return `${path}: not a list: ${show(a)} / ${show(b)}`;
    if (la.length !== lb.length) return `${path}: length ${la.length} != ${lb.length}: ${show(la)} / ${show(lb)}`;
    for (let i = 0; i < la.length; i++) {
      const d = diffSingular(field, elementKind(field), la[i], lb[i], `${path}[${i}]`, ctx);
      if (d) return d;
    }
    return undefined;
  }
  if (field.fieldKind === "map") {
    const ma = (a ?? {}) as Record<string, unknown>;
    const mb = (b ?? {}) as Record<string, unknown>;
    const ka = Object.keys(ma).sort();
    const kb = Object.keys(mb).sort();
    if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: keys ${show(ka)} != ${show(kb)}`;
    for (const k of ka) {
      const d = diffSingular(field, elementKind(field), ma[k], mb[k], `${path}[${JSON.stringify(k)}]`, ctx);
      if (d) return d;
    }
    return undefined;
  }
  if (field.fieldKind === "message") return diffSingular(field, "message", a, b, path, ctx);
  // Explicit presence: absent and set-to-default differ; implicit: an absent value reads as the zero.
  if (field.presence === "implicit") {
    const zero = field.fieldKind === "enum" ? 0 : zeroOf(field.scalar);
    const za = a === undefined ? zero : a;
    const zb = b === undefined ? zero : b;
    return diffSingular(field, field.fieldKind, za, zb, path, ctx);
  }
  if (a === undefined || b === undefined) return a === b ? undefined : `${path}: ${show(a)} != ${show(b)} (presence)`;
  return diffSingular(field, field.fieldKind, a, b, path, ctx);
}

/**
 * Compares two messages of type `desc`; `path` prefixes the answer (`Everything.maps.mapInt32Leaf["1"].name: …`).
 */
export function diffMessages(desc: DescMessage, a: PlainMessage, b: PlainMessage, ctx: CompareContext, path: string = desc.name): string | undefined {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return `${path}: not messages: ${show(a)} / ${show(b)}`;
  if (desc.typeName === "google.protobuf.Any") return diffAny(a, b, ctx, path);
  for (const member of desc.members) {
    if (member.kind === "oneof") {
      const oa = (a[member.localName] ?? { case: undefined }) as { case?: string; value?: unknown };
      const ob = (b[member.localName] ?? { case: undefined }) as { case?: string; value?: unknown };
      if (oa.case !== ob.case) return `${path}.${member.localName}: case ${show(oa.case)} != ${show(ob.case)}`;
      if (oa.case === undefined) continue;
      const field = member.fields.find((f) => f.localName === oa.case);
      if (!field) return `${path}.${member.localName}: unknown case ${show(oa.case)}`;
      const d = diffSingular(field, elementKind(field), oa.value, ob.value, `${path}.${member.localName}.${oa.case}`, ctx);
      if (d) return d;
      continue;
    }
    const d = diffField(member, a[member.localName], b[member.localName], ctx, `${path}.${member.localName}`);
    if (d) return d;
  }
  const extensions = ctx.extensionsOf(desc);
  for (const ext of extensions) {
    const d = diffField(ext, ctx.getExtension(a, ext), ctx.getExtension(b, ext), ctx, `${path}.[${ext.typeName}]`);
    if (d) return d;
  }
  const known = new Set(extensions.map((e) => e.number));
  const ua = unknownRecords(a[UnknownFields], known);
  const ub = unknownRecords(b[UnknownFields], known);
  if (ua !== ub) return `${path}: unknown fields ${ua || "(none)"} != ${ub || "(none)"}`;
  return undefined;
}

function diffAny(a: PlainMessage, b: PlainMessage, ctx: CompareContext, path: string): string | undefined {
  const urlA = (a.typeUrl ?? "") as string;
  const urlB = (b.typeUrl ?? "") as string;
  if (urlA !== urlB) return `${path}.typeUrl: ${show(urlA)} != ${show(urlB)}`;
  const va = (a.value ?? new Uint8Array(0)) as Uint8Array;
  const vb = (b.value ?? new Uint8Array(0)) as Uint8Array;
  if (sameScalar(va, vb)) return undefined;
  const inner = ctx.resolveType(urlA.slice(urlA.lastIndexOf("/") + 1));
  if (!inner) return `${path}.value: ${show(va)} != ${show(vb)} (type ${urlA} unknown)`;
  let ma: PlainMessage;
  let mb: PlainMessage;
  try {
    ma = ctx.decode(inner, va);
    mb = ctx.decode(inner, vb);
  } catch (error) {
    return `${path}.value: cannot decode ${inner.typeName}: ${(error as Error).message}`;
  }
  return diffMessages(inner, ma, mb, ctx, `${path}<${inner.typeName}>`);
}

/**
 * The unknown-field wire records other than `skip`'s field numbers, as hex, sorted stably by field number
 * (encoders may interleave them differently with known fields).
 */
function unknownRecords(bytes: unknown, skip: ReadonlySet<number>): string {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return "";
  const records: { field: number; hex: string }[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= bytes.length || shift > 63) throw new Error("bad varint");
      const byte = bytes[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
  };
  const skipValue = (tag: number): void => {
    const wireType = tag % 8;
    if (wireType === 0) varint();
    else if (wireType === 1) pos += 8;
    else if (wireType === 2) {
      const length = varint(); // read before `pos +=` evaluates pos
      pos += length;
    }
    else if (wireType === 5) pos += 4;
    else if (wireType === 3) {
      for (let inner = varint(); inner % 8 !== 4; inner = varint()) skipValue(inner);
    } else throw new Error(`wire type ${wireType}`);
    if (pos > bytes.length) throw new Error("truncated");
  };
  try {
    while (pos < bytes.length) {
      const start = pos;
      const tag = varint();
      skipValue(tag);
      const number = Math.floor(tag / 8);
      if (!skip.has(number)) records.push({ field: number, hex: Buffer.from(bytes.subarray(start, pos)).toString("hex") });
    }
  } catch (error) {
    return `unparseable(${Buffer.from(bytes).toString("hex")}: ${(error as Error).message})`;
  }
  records.sort((x, y) => x.field - y.field);
  return records.map((r) => r.hex).join(" ");
}

/** Compares two parsed JSON values; answers with the JSON path of the first difference. */
export function diffJson(a: unknown, b: unknown, path = "$"): string | undefined {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) ? undefined : `${path}: ${show(a)} != ${show(b)}`;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return a === b ? undefined : `${path}: ${show(a)} != ${show(b)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: ${show(a)} != ${show(b)}`;
    if (a.length !== b.length) return `${path}: length ${a.length} != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diffJson(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  for (const k of Object.keys(oa)) {
    if (!(k in ob)) return `${path}.${k}: ${show(oa[k])} != (absent)`;
    const d = diffJson(oa[k], ob[k], `${path}.${k}`);
    if (d) return d;
  }
  for (const k of Object.keys(ob)) if (!(k in oa)) return `${path}.${k}: (absent) != ${show(ob[k])}`;
  return undefined;
}

/**
 * Parses JSON text keeping `-0` (JSON.parse does) and failing with the text in the message.
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message}): ${text.slice(0, 200)}`);
  }
}

/** Well-known types whose JSON form is not an object of fields (Any's is, plus `@type`, unless it wraps one). */
const specialJson = new Set([
  "google.protobuf.Timestamp",
  "google.protobuf.Duration",
  "google.protobuf.FieldMask",
  "google.protobuf.Struct",
  "google.protobuf.Value",
  "google.protobuf.ListValue",
  "google.protobuf.DoubleValue",
  "google.protobuf.FloatValue",
  "google.protobuf.Int64Value",
  "google.protobuf.UInt64Value",
  "google.protobuf.Int32Value",
  "google.protobuf.UInt32Value",
  "google.protobuf.BoolValue",
  "google.protobuf.StringValue",
  "google.protobuf.BytesValue",
]);

/**
 * Rounds every `float` field's JSON number to float32, walking the JSON by descriptor: both "1e-45" and
 * "1.4013e-45" are correct JSON for the smallest float32 (Spindle prints the shortest text that reads back
 * to the same float, Python 4.21 prints at least 6 significant digits), so they compare as the float they
 * denote. Doubles, and everything else, are left as they are. Returns a new value.
 */
export function canonicalFloats(desc: DescMessage, json: unknown, ctx: CompareContext): unknown {
  if (desc.typeName === "google.protobuf.FloatValue") return roundFloat(json);
  if (specialJson.has(desc.typeName) || json === null || typeof json !== "object" || Array.isArray(json)) return json;
  const object = json as Record<string, unknown>;
  if (desc.typeName === "google.protobuf.Any") {
    const url = object["@type"];
    const inner = typeof url === "string" ? ctx.resolveType(url.slice(url.lastIndexOf("/") + 1)) : undefined;
    if (!inner) return json;
    if (specialJson.has(inner.typeName) || inner.typeName === "google.protobuf.Any") {
      return { ...object, value: canonicalFloats(inner, object.value, ctx) };
    }
    const { "@type": type, ...rest } = object;
    return { "@type": type, ...(canonicalFloats(inner, rest, ctx) as object) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const field: FieldLike | undefined = key.startsWith("[")
      ? (ctx.extensionsOf(desc).find((e) => `[${e.typeName}]` === key) as FieldLike | undefined)
      : desc.fields.find((f) => f.jsonName === key || f.name === key);
    out[key] = field ? canonicalFieldFloats(field, value, ctx) : value;
  }
  return out;
}

function roundFloat(value: unknown): unknown {
  return typeof value === "number" ? Math.fround(value) : value;
}

function canonicalFieldFloats(field: FieldLike, value: unknown, ctx: CompareContext): unknown {
  const one = (v: unknown): unknown => {
    switch (field.fieldKind) {
      case "scalar":
        return field.scalar === ScalarType.FLOAT ? roundFloat(v) : v;
      case "message":
        return canonicalFloats(field.message, v, ctx);
      case "list":
      case "map":
        if (field.fieldKind === "list" ? field.listKind === "message" : field.mapKind === "message") return canonicalFloats((field as { message: DescMessage }).message, v, ctx);
        return (field as { scalar?: ScalarType }).scalar === ScalarType.FLOAT ? roundFloat(v) : v;
      default:
        return v;
    }
  };
  if (field.fieldKind === "list" && Array.isArray(value)) return value.map(one);
  if (field.fieldKind === "map" && value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, one(v)]));
  }
  return one(value);
}
