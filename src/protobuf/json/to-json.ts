/**
 * Writing a message in the proto3 JSON mapping (https://protobuf.dev/programming-guides/json/), matching
 * Python's `json_format.MessageToJson` value for value:
 *
 * - keys are JSON names (`useProtoFieldName` for proto names), extensions `[full.name]`;
 * - a field appears when it is set: explicit-presence fields when present, implicit ones when not zero,
 *   lists and maps when not empty, oneof members when selected (even with a zero value);
 * - `emitDefaultValues` adds the unset singular scalars and enums outside oneofs, and empty lists and maps
 *   (never message fields), as Python's `including_default_value_fields` does;
 * - 64-bit integers are strings, bytes standard base64, floats in their shortest float32 form, enums by
 *   name (numbers for values the enum does not declare);
 * - the well-known types use their special forms, and refuse values outside their ranges.
 */
import type { DescEnum, DescExtension, DescField, DescMessage } from "../desc.js";
import { ScalarType } from "../desc.js";
import { formatDuration } from "./duration.js";
import { formatFieldMask } from "./field-mask.js";
import { getFieldValue, setOwn, type FieldLike } from "./field-lookup.js";
import { stringifyJson } from "./json-stringify.js";
import { JsonValueError } from "./json-value-error.js";
import type { JsonObject, JsonValue } from "./json-value.js";
import { scalarToJson } from "./scalar-json.js";
import {
  fromBinary,
  getExtension,
  getWellKnownRegistry,
  hasExtension,
  LongRep,
  ProtobufError,
  scalarZero,
  type Message,
  type Registry,
} from "./runtime.js";
import { formatTimestamp } from "./timestamp.js";
import { hasSpecialJson, typeNameFromUrl, wrapperTypeNames } from "./well-known.js";

/** Options for {@link toJson} and {@link toJsonString}. */
export interface JsonWriteOptions {
  /** Also write unset singular scalars and enums (outside oneofs) and empty lists and maps. Default `false`. */
  emitDefaultValues?: boolean;
  /** Write enum values as numbers instead of names. Default `false`. */
  enumAsInteger?: boolean;
  /** Use the proto field names (`foo_bar`) instead of the JSON names (`fooBar`). Default `false`. */
  useProtoFieldName?: boolean;
  /** Where `Any` payload types and extensions are found. The well-known types are always found. */
  registry?: Registry;
}

/**
 * Converts a message to its JSON value.
 *
 * @throws ProtobufError naming the field path for values JSON cannot express: a Timestamp or Duration out
 *   of range, a FieldMask path that does not round-trip, a `Value` holding NaN or an infinity, or an `Any`
 *   whose type is not in the registry (or whose payload bytes do not decode).
 * @example
 * toJson(Product, product); // { id: "p1", priceCents: "1999", tags: ["new"] }
 */
export function toJson(desc: DescMessage, message: Message, options: JsonWriteOptions = {}): JsonValue {
  return new JsonWriter(options).writeMessage(desc, message, desc.name);
}

/**
 * Converts a message to JSON text, compact unless `prettySpaces` asks for indentation.
 *
 * @throws ProtobufError as {@link toJson} does.
 */
export function toJsonString(
  desc: DescMessage,
  message: Message,
  options: JsonWriteOptions & { prettySpaces?: number } = {},
): string {
  return stringifyJson(toJson(desc, message, options), options.prettySpaces ?? 0);
}

/**
 * How deep toJson follows nested messages. Decoded messages are at most 100 deep; this only stops a cyclic
 * or absurdly deep hand-built object with an error instead of a stack overflow.
 */
const MAX_WRITE_DEPTH = 1000;

class JsonWriter {
  private depth = 0;

  constructor(private readonly options: JsonWriteOptions) {}

  /** Counts one level of nesting around `fn`. */
  private nested<T>(path: string, fn: () => T): T {
    if (++this.depth > MAX_WRITE_DEPTH) this.fail(path, `messages nest deeper than ${MAX_WRITE_DEPTH} (is the object cyclic?)`);
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private fail(path: string, reason: string): never {
    throw new ProtobufError(`cannot write ${path} as JSON: ${reason}`);
  }

  private at<T>(path: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof JsonValueError) this.fail(path, e.message);
      throw e;
    }
  }

  writeMessage(desc: DescMessage, message: Message, path: string): JsonValue {
    return this.nested(path, () => {
      if (desc.file.name.startsWith("google/protobuf/") && hasSpecialJson(desc.typeName)) {
        return this.writeWellKnown(desc, message, path);
      }
      return this.writeFields(desc, message, path, {});
    });
  }

  private writeFields(desc: DescMessage, message: Message, path: string, out: JsonObject): JsonObject {
    const { emitDefaultValues, useProtoFieldName } = this.options;
    for (const field of desc.fields) {
      const name = useProtoFieldName ? field.name : field.jsonName;
      const value = getFieldValue(message, field);
      if (isFieldSet(field, value)) {
        setOwn(out, name, this.writeFieldValue(field, value, `${path}.${name}`));
      } else if (emitDefaultValues && emitsDefault(field)) {
        setOwn(out, name, this.writeDefault(field));
      }
    }
    const registry = this.options.registry;
    if (registry) {
      for (const ext of extensionsOf(registry, desc)) {
        if (!hasExtension(message, ext)) continue;
        const name = `[${ext.typeName}]`;
        setOwn(out, name, this.writeFieldValue(ext, getExtension(message, ext), `${path}.${name}`));
      }
    }
    return out;
  }

  private writeFieldValue(field: FieldLike, value: unknown, path: string): JsonValue {
    switch (field.fieldKind) {
      case "scalar":
        return scalarToJson(field.scalar, value);
      case "enum":
        return this.writeEnum(field.enum, value as number);
      case "message":
        return this.writeMessage(field.message, value as Message, path);
      case "list": {
        const list = value as unknown[];
        if (field.listKind === "scalar") return list.map((v) => scalarToJson(field.scalar, v));
        if (field.listKind === "enum") return list.map((v) => this.writeEnum(field.enum, v as number));
        return list.map((v, i) => this.writeMessage(field.message, v as Message, `${path}[${i}]`));
      }
      case "map": {
        const out: JsonObject = {};
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
          let json: JsonValue;
          if (field.mapKind === "scalar") json = scalarToJson(field.scalar, v);
          else if (field.mapKind === "enum") json = this.writeEnum(field.enum, v as number);
          else json = this.writeMessage(field.message, v as Message, `${path}[${JSON.stringify(key)}]`);
          setOwn(out, key, json);
        }
        return out;
      }
    }
  }

  private writeEnum(desc: DescEnum, value: number): JsonValue {
    if (desc.typeName === "google.protobuf.NullValue") return null;
    if (this.options.enumAsInteger) return value;
    return desc.value(value)?.name ?? value;
  }

  private writeDefault(field: DescField): JsonValue {
    switch (field.fieldKind) {
      case "list":
        return [];
      case "map":
        return {};
      case "enum":
        return this.writeEnum(field.enum, field.defaultValue ?? field.enum.values[0]?.number ?? 0);
      case "scalar":
        return scalarToJson(field.scalar, field.defaultValue ?? scalarZero(field.scalar, LongRep.BigInt));
      default:
        return null;
    }
  }

  private writeWellKnown(desc: DescMessage, message: Message, path: string): JsonValue {
    switch (desc.typeName) {
      case "google.protobuf.Any":
        return this.writeAny(message, path);
      case "google.protobuf.Timestamp":
        return this.at(path, () => formatTimestamp((message["seconds"] as bigint | undefined) ?? 0n, (message["nanos"] as number | undefined) ?? 0));
      case "google.protobuf.Duration":
        return this.at(path, () => formatDuration((message["seconds"] as bigint | undefined) ?? 0n, (message["nanos"] as number | undefined) ?? 0));
      case "google.protobuf.FieldMask":
        return this.at(path, () => formatFieldMask((message["paths"] as string[] | undefined) ?? []));
      case "google.protobuf.Struct":
        return this.writeStruct(message, path);
      case "google.protobuf.ListValue":
        return this.writeListValue(message, path);
      case "google.protobuf.Value":
        return this.writeValue(message, path);
    }
    if (!wrapperTypeNames.has(desc.typeName)) throw new ProtobufError(`no JSON writer for ${desc.typeName}`);
    const field = desc.fields.find((f) => f.name === "value");
    if (!field || field.fieldKind !== "scalar") throw new ProtobufError(`${desc.typeName} has no scalar field "value"`);
    return scalarToJson(field.scalar, message[field.localName] ?? scalarZero(field.scalar, LongRep.BigInt));
  }

  private writeStruct(message: Message, path: string): JsonObject {
    const out: JsonObject = {};
    const fields = (message["fields"] as Record<string, Message> | undefined) ?? {};
    for (const [key, value] of Object.entries(fields)) setOwn(out, key, this.writeValue(value, `${path}.${key}`));
    return out;
  }

  private writeListValue(message: Message, path: string): JsonValue[] {
    const values = (message["values"] as Message[] | undefined) ?? [];
    return values.map((v, i) => this.writeValue(v, `${path}[${i}]`));
  }

  /** A `Value` with no kind set is written as null, as Python does. */
  private writeValue(message: Message, path: string): JsonValue {
    return this.nested(path, () => this.writeValueKind(message, path));
  }

  private writeValueKind(message: Message, path: string): JsonValue {
    const kind = message["kind"] as { case?: string; value?: unknown } | undefined;
    switch (kind?.case) {
      case undefined:
      case "nullValue":
        return null;
      case "numberValue": {
        const n = kind.value as number;
        if (!Number.isFinite(n)) this.fail(path, `a Value cannot hold ${n} in JSON`);
        return n;
      }
      case "stringValue":
        return kind.value as string;
      case "boolValue":
        return kind.value as boolean;
      case "structValue":
        return this.writeStruct(kind.value as Message, path);
      case "listValue":
        return this.writeListValue(kind.value as Message, path);
      default:
        return this.fail(path, `unknown Value kind ${String(kind?.case)}`);
    }
  }

  private writeAny(message: Message, path: string): JsonObject {
    const typeUrl = (message["typeUrl"] as string | undefined) ?? "";
    const value = (message["value"] as Uint8Array | undefined) ?? new Uint8Array(0);
    if (typeUrl === "" && value.length === 0) return {};
    const typeName = typeNameFromUrl(typeUrl);
    if (typeName === undefined) this.fail(path, `Any has an invalid type URL ${JSON.stringify(typeUrl)}`);
    const desc = this.options.registry?.getMessage(typeName) ?? getWellKnownRegistry().getMessage(typeName);
    if (!desc) this.fail(path, `Any holds ${typeName}, which is not in the registry`);
    let payload: Message;
    try {
      payload = fromBinary(desc, value);
    } catch (e) {
      this.fail(path, `Any payload of type ${typeName} does not decode: ${(e as Error).message}`);
    }
    const out: JsonObject = { "@type": typeUrl };
    if (desc.file.name.startsWith("google/protobuf/") && hasSpecialJson(desc.typeName)) {
      out["value"] = this.writeMessage(desc, payload, `${path}.value`);
      return out;
    }
    return this.writeFields(desc, payload, path, out);
  }
}

const extensionCache = new WeakMap<Registry, Map<string, DescExtension[]>>();

/** The registry's extensions of `desc`, indexed once per registry rather than scanned per message. */
function extensionsOf(registry: Registry, desc: DescMessage): readonly DescExtension[] {
  let byExtendee = extensionCache.get(registry);
  if (!byExtendee) {
    byExtendee = new Map();
    for (const type of registry) {
      if (type.kind !== "extension") continue;
      const list = byExtendee.get(type.extendee.typeName);
      if (list) list.push(type);
      else byExtendee.set(type.extendee.typeName, [type]);
    }
    extensionCache.set(registry, byExtendee);
  }
  return byExtendee.get(desc.typeName) ?? [];
}

/** Whether a field counts as present for JSON output. */
function isFieldSet(field: DescField, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  switch (field.fieldKind) {
    case "list":
      return (value as unknown[]).length > 0;
    case "map":
      return Object.keys(value as object).length > 0;
    case "message":
      return true;
    default:
      // A selected oneof member and an explicit-presence field are present even when zero.
      if (field.oneof || field.presence !== "implicit") return true;
      if (field.fieldKind === "scalar" && field.longType === "string" && isLong(field.scalar)) return value !== "0";
      return !isZero(value);
  }
}

/** The implicit-presence zero test. A 64-bit value with `jstype = JS_STRING` is a decimal string. */
function isZero(value: unknown): boolean {
  switch (typeof value) {
    case "number":
      // -0 is not the default: it has a different bit pattern, and the binary codecs write it too.
      return value === 0 && !Object.is(value, -0);
    case "bigint":
      return value === 0n;
    case "string":
      // "" for string fields; "0" only for 64-bit integers kept as strings (never "0" for a string field).
      return value === "";
    case "boolean":
      return !value;
    default:
      return value instanceof Uint8Array && value.length === 0;
  }
}

/** Python's `including_default_value_fields`: no message fields, nothing in a oneof (proto3 `optional` included). */
function emitsDefault(field: DescField): boolean {
  if (field.fieldKind === "list" || field.fieldKind === "map") return true;
  if (field.fieldKind === "message") return false;
  return field.oneof === undefined && !field.proto.proto3Optional;
}

function isLong(scalar: ScalarType): boolean {
  return (
    scalar === ScalarType.INT64 ||
    scalar === ScalarType.UINT64 ||
    scalar === ScalarType.FIXED64 ||
    scalar === ScalarType.SFIXED64 ||
    scalar === ScalarType.SINT64
  );
}

