/**
 * Reading a message from the proto3 JSON mapping (https://protobuf.dev/programming-guides/json/), with the
 * rules the conformance suite checks (conformance/binary_json_conformance_suite.cc):
 *
 * - a key is a field's JSON name or its proto name; `[full.name]` is an extension; anything else is an
 *   error unless `ignoreUnknownFields` (which also drops unknown enum names);
 * - one field given twice (say through its JSON and its proto name), or two members of a oneof, is an error;
 * - `null` means "absent" — except for `google.protobuf.Value` (a null value) and `NullValue`; `null` is
 *   never an element of a list or a map value (unless those hold `Value`s);
 * - an enum value is a name, a number, or a quoted number (`"1"`, as the C++ reference parser reads it); a
 *   number a closed enum lacks goes to the unknown fields, as C++ and the binary format keep it;
 * - the well-known types read their special forms, with their range checks;
 * - messages nest at most `maxDepth` (100) deep, counting each Struct/Value/ListValue level.
 */
import type { DescEnum, DescMessage } from "../desc.js";
import { parseDuration } from "./duration.js";
import { parseFieldMask } from "./field-mask.js";
import { findFieldByJsonKey, setFieldValue, setOwn, type FieldLike } from "./field-lookup.js";
import { parseJsonText } from "./json-text.js";
import { describeJson, JsonValueError } from "./json-value-error.js";
import type { JsonValue } from "./json-value.js";
import { checkWellFormed, scalarFromJson } from "./scalar-json.js";
import {
  BinaryWriter,
  create,
  getWellKnownRegistry,
  ProtobufError,
  setExtension,
  toBinary,
  UnknownFields,
  WireType,
  type Message,
  type Registry,
} from "./runtime.js";
import { parseTimestamp } from "./timestamp.js";
import { enumNumberFromString } from "./enum-number.js";
import { hasSpecialJson, typeNameFromUrl, wrapperTypeNames } from "./well-known.js";

/** Options for {@link fromJson} and {@link fromJsonString}. */
export interface JsonReadOptions {
  /** Skip keys that name no field, and enum names the enum does not have, instead of failing. */
  ignoreUnknownFields?: boolean;
  /** Where `Any` payload types and `[extension]` keys are looked up. The well-known types are always found. */
  registry?: Registry;
  /** Deepest message nesting accepted. Default 100. */
  maxDepth?: number;
}

/** Returned for an unknown enum name under `ignoreUnknownFields`: the element or field is left out. */
const DROP: unique symbol = Symbol("drop");
type Drop = typeof DROP;

/**
 * Returned for a number a closed enum does not have. The C++ reference parser sets it through reflection,
 * which puts it in the unknown fields (`Reflection::SetEnumValue`/`AddEnumValue`), as the binary format does:
 * the field stays unset and the number is kept as a varint record.
 */
class ClosedEnumNumber {
  constructor(readonly number: number) {}
}

/** Wire records for the unknown fields of the message being read (closed enum numbers it does not know). */
type UnknownSink = Uint8Array[];

type JsonObjectIn = Record<string, unknown>;

/**
 * Reads a message of type `desc` from a parsed JSON value.
 *
 * @throws ProtobufError naming the JSON path (`TestAllTypes.repeatedInt32[1]`) for: a value of the wrong
 *   JSON type, a number out of its field's range, bad base64, an unknown field or enum name (unless
 *   ignored), a field given twice, two members of one oneof, a null list element or map value, a bad
 *   Timestamp/Duration/FieldMask, an `Any` whose type is missing or unknown, or nesting beyond `maxDepth`.
 * @example
 * const product = fromJson(Product, { id: "p1", priceCents: "1999" });
 */
export function fromJson(desc: DescMessage, json: JsonValue, options: JsonReadOptions = {}): Message {
  return new JsonReader(options).readMessage(desc, json, desc.name, 0);
}

/**
 * Reads a message from JSON text. Stricter than `JSON.parse`: duplicate keys and unpaired surrogates are
 * errors, and 64-bit integers written as bare numbers keep every digit.
 *
 * @throws ProtobufError for text that is not JSON (with its offset), and for everything {@link fromJson} rejects.
 */
export function fromJsonString(desc: DescMessage, text: string, options: JsonReadOptions = {}): Message {
  if (typeof text !== "string") throw new ProtobufError(`cannot read ${desc.typeName}: JSON text must be a string, got ${typeof text}`);
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonValueError) throw new ProtobufError(`cannot read ${desc.typeName}: ${e.message}`);
    throw e;
  }
  return new JsonReader(options).readMessage(desc, json, desc.name, 0);
}

class JsonReader {
  private readonly ignoreUnknown: boolean;
  private readonly maxDepth: number;

  constructor(private readonly options: JsonReadOptions) {
    this.ignoreUnknown = options.ignoreUnknownFields ?? false;
    this.maxDepth = options.maxDepth ?? 100;
  }

  private fail(path: string, reason: string): never {
    throw new ProtobufError(`invalid JSON at ${path}: ${reason}`);
  }

  /** Runs a value helper, turning its path-less error into one that names `path`. */
  private at<T>(path: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof JsonValueError) this.fail(path, e.message);
      throw e;
    }
  }

  readMessage(desc: DescMessage, json: unknown, path: string, depth: number): Message {
    if (depth >= this.maxDepth) this.fail(path, `messages nest deeper than ${this.maxDepth}`);
    if (desc.file.name.startsWith("google/protobuf/") && hasSpecialJson(desc.typeName)) {
      return this.readWellKnown(desc, json, path, depth);
    }
    if (!isObject(json)) this.fail(path, `expected an object for ${desc.typeName}, got ${describeJson(json)}`);
    const message = create(desc);
    this.readFields(desc, json, message, path, depth, undefined);
    return message;
  }

  /** Reads the keys of `json` into `message`; `skipKey` is the `@type` of an Any's payload. */
  private readFields(
    desc: DescMessage,
    json: JsonObjectIn,
    message: Message,
    path: string,
    depth: number,
    skipKey: string | undefined,
  ): void {
    const seen = new Map<number, string>();
    const seenOneofs = new Map<string, string>();
    const unknown: UnknownSink = [];
    for (const key of Object.keys(json)) {
      if (key === skipKey) continue;
      const value = json[key];
      const keyPath = `${path}.${key}`;
      const field: FieldLike | undefined = findFieldByJsonKey(desc, key) ?? this.findExtension(desc, key);
      if (!field) {
        if (this.ignoreUnknown) continue;
        this.fail(keyPath, `${desc.typeName} has no field named ${JSON.stringify(key)}`);
      }
      const earlier = seen.get(field.number);
      if (earlier !== undefined) {
        this.fail(keyPath, `field ${field.name} is given twice (as ${JSON.stringify(earlier)} and ${JSON.stringify(key)})`);
      }
      seen.set(field.number, key);
      const oneof = field.kind === "field" ? field.oneof : undefined;
      if (oneof && value !== null) {
        const other = seenOneofs.get(oneof.name);
        if (other !== undefined) {
          this.fail(keyPath, `oneof ${oneof.name} already has a value from ${JSON.stringify(other)}`);
        }
        seenOneofs.set(oneof.name, key);
      }
      let parsed: unknown;
      if (value === null) {
        parsed = this.readNull(field, keyPath, depth);
        if (parsed === undefined) continue;
      } else {
        parsed = this.readFieldValue(field, value, keyPath, depth, unknown);
        if (parsed === DROP) continue;
        if (parsed instanceof ClosedEnumNumber) {
          unknown.push(varintRecord(field.number, parsed.number));
          continue;
        }
      }
      if (field.kind === "extension") setExtension(message, field, parsed as never);
      else setFieldValue(message, field, parsed);
    }
    if (unknown.length > 0) appendUnknown(message, unknown);
  }

  /** `[pkg.ext]` keys: an extension of this message known to the registry. */
  private findExtension(desc: DescMessage, key: string): FieldLike | undefined {
    if (!key.startsWith("[") || !key.endsWith("]")) return undefined;
    const ext = this.options.registry?.getExtension(key.slice(1, -1));
    return ext && ext.extendee.typeName === desc.typeName ? ext : undefined;
  }

  /**
   * What `null` sets a field to: a null `Value`, or `NULL_VALUE` for a `NullValue` enum; for every other
   * field `undefined`, meaning "leave it absent".
   */
  private readNull(field: FieldLike, path: string, depth: number): unknown {
    if (field.fieldKind === "message" && field.message.typeName === "google.protobuf.Value") {
      return this.readMessage(field.message, null, path, depth + 1);
    }
    if (field.fieldKind === "enum" && field.enum.typeName === "google.protobuf.NullValue") return 0;
    return undefined;
  }

  private readFieldValue(field: FieldLike, json: unknown, path: string, depth: number, unknown: UnknownSink): unknown {
    switch (field.fieldKind) {
      case "scalar":
        return this.at(path, () => scalarFromJson(field.scalar, json, field.longType));
      case "enum":
        return this.readEnum(field.enum, json, path);
      case "message":
        return this.readMessage(field.message, json, path, depth + 1);
      case "list": {
        if (!Array.isArray(json)) this.fail(path, `expected an array, got ${describeJson(json)}`);
        const out: unknown[] = [];
        for (let i = 0; i < json.length; i++) {
          const item: unknown = json[i];
          const itemPath = `${path}[${i}]`;
          if (item === null && !(field.listKind === "message" && field.message.typeName === "google.protobuf.Value")) {
            this.fail(itemPath, "null is not allowed as a list element");
          }
          let v: unknown;
          if (field.listKind === "scalar") v = this.at(itemPath, () => scalarFromJson(field.scalar, item, field.longType));
          else if (field.listKind === "enum") v = this.readEnum(field.enum, item, itemPath);
          else v = this.readMessage(field.message, item, itemPath, depth + 1);
          if (v instanceof ClosedEnumNumber) unknown.push(varintRecord(field.number, v.number));
          else if (v !== DROP) out.push(v);
        }
        return out;
      }
      case "map": {
        if (!isObject(json)) this.fail(path, `expected an object for a map, got ${describeJson(json)}`);
        const out: Record<string, unknown> = {};
        const seenKeys = new Set<string>();
        for (const key of Object.keys(json)) {
          const item = json[key];
          const itemPath = `${path}[${JSON.stringify(key)}]`;
          const k = this.at(itemPath, () => scalarFromJson(field.mapKey, key, "bigint", true));
          const mapKey = String(k);
          if (seenKeys.has(mapKey)) this.fail(itemPath, `map key ${mapKey} is given twice`);
          seenKeys.add(mapKey);
          const isValueMessage = field.mapKind === "message" && field.message.typeName === "google.protobuf.Value";
          if (item === null && !isValueMessage) this.fail(itemPath, "null is not allowed as a map value");
          let v: unknown;
          if (field.mapKind === "scalar") v = this.at(itemPath, () => scalarFromJson(field.scalar, item, field.longType));
          else if (field.mapKind === "enum") v = this.readEnum(field.enum, item, itemPath);
          else v = this.readMessage(field.message, item, itemPath, depth + 1);
          // The whole entry goes to the unknown fields, as the binary format keeps an entry whose closed enum
          // value is unknown (C++'s JSON parser would add the key with the enum's first value instead).
          if (v instanceof ClosedEnumNumber) unknown.push(delimitedRecord(field.number, toBinary(field.entry, { key: k, value: v.number })));
          else if (v !== DROP) setOwn(out, mapKey, v);
        }
        return out;
      }
    }
  }

  /**
   * An enum value by name, by number, or by a quoted number (`"1"`, as the C++ reference parser reads it).
   * An unknown name is an error, or dropped under `ignoreUnknownFields`; an unknown number is kept, by an
   * open enum as its value and by a closed one in the unknown fields (see {@link ClosedEnumNumber}).
   */
  private readEnum(desc: DescEnum, json: unknown, path: string): number | Drop | ClosedEnumNumber {
    if (desc.typeName === "google.protobuf.NullValue" && json === null) return 0;
    let n: number;
    if (typeof json === "string") {
      const value = desc.values.find((v) => v.name === json);
      if (value) return value.number;
      const quoted = enumNumberFromString(json);
      if (quoted === undefined) {
        if (this.ignoreUnknown) return DROP;
        this.fail(path, `enum ${desc.typeName} has no value named ${describeJson(json)}`);
      }
      n = quoted;
    } else if ((typeof json === "number" && Number.isInteger(json)) || typeof json === "bigint") {
      n = Number(json);
      if (n < -0x80000000 || n > 0x7fffffff) this.fail(path, `enum number ${describeJson(json)} out of int32 range`);
    } else {
      this.fail(path, `expected an enum name or number for ${desc.typeName}, got ${describeJson(json)}`);
    }
    return desc.open || desc.value(n) ? n : new ClosedEnumNumber(n);
  }

  private readWellKnown(desc: DescMessage, json: unknown, path: string, depth: number): Message {
    const message = create(desc);
    switch (desc.typeName) {
      case "google.protobuf.Any":
        return this.readAny(desc, json, path, depth);
      case "google.protobuf.Timestamp":
      case "google.protobuf.Duration": {
        const isTimestamp = desc.name === "Timestamp";
        if (typeof json !== "string") this.fail(path, `expected a ${desc.name} string, got ${describeJson(json)}`);
        const { seconds, nanos } = this.at(path, () => (isTimestamp ? parseTimestamp(json) : parseDuration(json)));
        message["seconds"] = seconds;
        message["nanos"] = nanos;
        return message;
      }
      case "google.protobuf.FieldMask":
        if (typeof json !== "string") this.fail(path, `expected a FieldMask string, got ${describeJson(json)}`);
        message["paths"] = this.at(path, () => parseFieldMask(json));
        return message;
      case "google.protobuf.Struct":
        if (!isObject(json)) this.fail(path, `expected an object for Struct, got ${describeJson(json)}`);
        message["fields"] = this.readStructFields(desc, json, path, depth);
        return message;
      case "google.protobuf.ListValue":
        if (!Array.isArray(json)) this.fail(path, `expected an array for ListValue, got ${describeJson(json)}`);
        message["values"] = this.readListValues(desc, json, path, depth);
        return message;
      case "google.protobuf.Value":
        message["kind"] = this.readValueKind(desc, json, path, depth);
        return message;
    }
    // A wrapper: the JSON value is the wrapped field's value.
    if (!wrapperTypeNames.has(desc.typeName)) throw new ProtobufError(`no JSON reader for ${desc.typeName}`);
    const field = desc.fields.find((f) => f.name === "value");
    if (!field || field.fieldKind !== "scalar") throw new ProtobufError(`${desc.typeName} has no scalar field "value"`);
    message[field.localName] = this.at(path, () => scalarFromJson(field.scalar, json, field.longType));
    return message;
  }

  private valueDesc(structLike: DescMessage, name: string): DescMessage {
    const desc = structLike.file.messages.find((m) => m.name === name);
    if (!desc) throw new ProtobufError(`google.protobuf.${name} missing from ${structLike.file.name}`);
    return desc;
  }

  private readStructFields(desc: DescMessage, json: JsonObjectIn, path: string, depth: number): Record<string, Message> {
    const valueDesc = this.valueDesc(desc, "Value");
    const out: Record<string, Message> = {};
    for (const key of Object.keys(json)) {
      this.at(path, () => checkWellFormed(key));
      setOwn(out, key, this.readMessage(valueDesc, json[key], `${path}.${key}`, depth + 1));
    }
    return out;
  }

  private readListValues(desc: DescMessage, json: unknown[], path: string, depth: number): Message[] {
    const valueDesc = this.valueDesc(desc, "Value");
    return json.map((item, i) => this.readMessage(valueDesc, item, `${path}[${i}]`, depth + 1));
  }

  /** The `kind` oneof of a `google.protobuf.Value` for any JSON value. */
  private readValueKind(desc: DescMessage, json: unknown, path: string, depth: number): { case: string; value: unknown } {
    if (json === null) return { case: "nullValue", value: 0 };
    switch (typeof json) {
      case "boolean":
        return { case: "boolValue", value: json };
      case "string":
        this.at(path, () => checkWellFormed(json));
        return { case: "stringValue", value: json };
      case "number":
      case "bigint": {
        const n = Number(json);
        if (!Number.isFinite(n)) this.fail(path, `number ${describeJson(json)} out of range for a Value`);
        return { case: "numberValue", value: n };
      }
    }
    if (Array.isArray(json)) {
      const list = create(this.valueDesc(desc, "ListValue"));
      if (depth + 1 >= this.maxDepth) this.fail(path, `messages nest deeper than ${this.maxDepth}`);
      list["values"] = this.readListValues(desc, json, path, depth + 1);
      return { case: "listValue", value: list };
    }
    if (isObject(json)) {
      const struct = create(this.valueDesc(desc, "Struct"));
      if (depth + 1 >= this.maxDepth) this.fail(path, `messages nest deeper than ${this.maxDepth}`);
      struct["fields"] = this.readStructFields(desc, json, path, depth + 1);
      return { case: "structValue", value: struct };
    }
    this.fail(path, `expected a JSON value, got ${describeJson(json)}`);
  }

  /**
   * `{"@type": url, ...fields}` for an ordinary payload, `{"@type": url, "value": json}` for a well-known
   * type with its own JSON form, and `{}` for an empty Any.
   */
  private readAny(desc: DescMessage, json: unknown, path: string, depth: number): Message {
    if (!isObject(json)) this.fail(path, `expected an object for Any, got ${describeJson(json)}`);
    const any = create(desc);
    const keys = Object.keys(json);
    if (keys.length === 0) return any;
    const typeUrl = json["@type"];
    if (typeUrl === undefined) this.fail(path, `Any has no "@type"`);
    if (typeof typeUrl !== "string") this.fail(`${path}.@type`, `expected a type URL string, got ${describeJson(typeUrl)}`);
    const typeName = typeNameFromUrl(typeUrl);
    if (typeName === undefined) this.fail(`${path}.@type`, `${JSON.stringify(typeUrl)} is not a type URL like "type.googleapis.com/pkg.Message"`);
    const payloadDesc = this.options.registry?.getMessage(typeName) ?? getWellKnownRegistry().getMessage(typeName);
    if (!payloadDesc) this.fail(`${path}.@type`, `type ${typeName} is not in the registry`);
    let payload: Message;
    if (payloadDesc.file.name.startsWith("google/protobuf/") && hasSpecialJson(payloadDesc.typeName)) {
      for (const key of keys) {
        if (key !== "@type" && key !== "value") this.fail(`${path}.${key}`, `Any holding ${typeName} has only "@type" and "value"`);
      }
      if (!("value" in json)) this.fail(path, `Any holding ${typeName} needs a "value"`);
      payload = this.readMessage(payloadDesc, json["value"], `${path}.value`, depth + 1);
    } else {
      if (depth + 1 >= this.maxDepth) this.fail(path, `messages nest deeper than ${this.maxDepth}`);
      payload = create(payloadDesc);
      this.readFields(payloadDesc, json, payload, path, depth + 1, "@type");
    }
    any["typeUrl"] = typeUrl;
    any["value"] = toBinary(payloadDesc, payload);
    return any;
  }
}

function isObject(json: unknown): json is JsonObjectIn {
  return typeof json === "object" && json !== null && !Array.isArray(json) && !(json instanceof Uint8Array);
}

/** A varint record: how the binary format keeps a closed enum number the enum does not have. */
function varintRecord(fieldNo: number, value: number): Uint8Array {
  return new BinaryWriter(16).tag(fieldNo, WireType.Varint).int32(value).finish();
}

/** A length-delimited record (a map entry kept whole). */
function delimitedRecord(fieldNo: number, payload: Uint8Array): Uint8Array {
  return new BinaryWriter(payload.length + 16).tag(fieldNo, WireType.LengthDelimited).bytes(payload).finish();
}

/** Appends records after the unknown fields `message` already has. */
function appendUnknown(message: Message, records: readonly Uint8Array[]): void {
  const prev = message[UnknownFields];
  const parts = prev === undefined ? records : [prev, ...records];
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  message[UnknownFields] = out;
}
