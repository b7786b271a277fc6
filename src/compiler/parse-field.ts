/**
 * Field declarations inside messages, oneofs and `extend` blocks: label, type (with `map<K, V>`, whose
 * entry message is synthesized here), name, number, the `[…]` options with `default` and `json_name`, and
 * groups (a field plus a nested message whose body parse-message.ts parses).
 */
import type { DescriptorProto, FieldDescriptorProto } from "../protobuf/index.js";
import { mapEntryName } from "./camel-case.js";
import { LocationRecorder } from "./location-recorder.js";
import { parseDeclarationName, type ParseContext } from "./parse-context.js";
import { parseDefaultAssignment } from "./parse-default-value.js";
import { newMessage, parseMessageBlock } from "./parse-message.js";
import { parseOption } from "./parse-option.js";
import { parseType, TYPE_GROUP } from "./parse-type.js";
import { ErrorLocation } from "./source-location-table.js";
import type { Token } from "./tokenizer.js";

/** `FieldDescriptorProto.Label.LABEL_OPTIONAL` (oneof members get it without writing it). */
export const LABEL_OPTIONAL = 1;
const LABEL_REQUIRED = 2;
const LABEL_REPEATED = 3;

/**
 * Where the messages a field brings along (a group's, a map's entry) go: appended to `messages`, whose
 * source path is `parentLoc`'s plus `pathNumber` (`nested_type` = 3 in a message, `message_type` = 4 for a
 * top-level `extend`).
 */
export interface NestedMessages {
  messages: DescriptorProto[];
  parentLoc: LocationRecorder;
  pathNumber: number;
}

/** A field with an optional label. */
export function parseMessageField(
  ctx: ParseContext,
  field: FieldDescriptorProto,
  nested: NestedMessages,
  fieldLoc: LocationRecorder,
): boolean {
  if (ctx.lookingAt("optional") || ctx.lookingAt("repeated") || ctx.lookingAt("required")) {
    const l = fieldLoc.child(4);
    let label: number;
    if (ctx.tryConsume("optional")) label = LABEL_OPTIONAL;
    else if (ctx.tryConsume("repeated")) label = LABEL_REPEATED;
    else {
      ctx.consume("required");
      label = LABEL_REQUIRED;
    }
    l.end();
    field.label = label;
    if (label === LABEL_OPTIONAL && ctx.syntax === "proto3") field.proto3Optional = true;
  }
  return parseMessageFieldNoLabel(ctx, field, nested, fieldLoc);
}

/** The key and value types of a `map<K, V>` field, as `[type, typeName]` pairs (typeName "" for scalars). */
interface MapTypes {
  key: [number, string];
  value: [number, string];
}

/** A field after its label (oneof members have none). */
export function parseMessageFieldNoLabel(
  ctx: ParseContext,
  field: FieldDescriptorProto,
  nested: NestedMessages,
  fieldLoc: LocationRecorder,
): boolean {
  let map: MapTypes | undefined;
  {
    const l = fieldLoc.child();
    l.legacy(field, ErrorLocation.Type);
    let typeParsed = false;
    let type = 5;
    let typeName = "";
    if (ctx.tryConsume("map")) {
      if (ctx.lookingAt("<")) {
        if (field.oneofIndex !== undefined) {
          ctx.addError("Map fields are not allowed in oneofs.");
          return false;
        }
        if (field.label !== undefined) {
          ctx.addError("Field labels (required/optional/repeated) are not allowed on map fields.");
          return false;
        }
        if (field.extendee !== undefined) {
          ctx.addError("Map fields are not allowed to be extensions.");
          return false;
        }
        field.label = LABEL_REPEATED;
        if (!ctx.consume("<")) return false;
        const key = parseType(ctx);
        if (key === undefined) return false;
        if (!ctx.consume(",")) return false;
        const value = parseType(ctx);
        if (value === undefined) return false;
        if (!ctx.consume(">")) return false;
        map = { key, value };
        l.addPath(6);
      } else {
        typeParsed = true;
        typeName = "map";
      }
    }
    if (map === undefined) {
      if (field.label === undefined && ctx.syntax === "proto3") field.label = LABEL_OPTIONAL;
      if (field.label === undefined) {
        ctx.addError('Expected "required", "optional", or "repeated".');
        field.label = LABEL_OPTIONAL;
      }
      if (!typeParsed) {
        const t = parseType(ctx);
        if (t === undefined) return false;
        [type, typeName] = t;
      }
      if (typeName === "") {
        l.addPath(5);
        field.type = type;
      } else {
        l.addPath(6);
        field.typeName = typeName;
      }
    }
    l.end();
  }
  const nameToken = ctx.input.current;
  if (!parseDeclarationName(ctx, fieldLoc, field, "Expected field name.")) return false;
  if (!ctx.consume("=", "Missing field number.")) return false;
  {
    const l = fieldLoc.child(3);
    l.legacy(field, ErrorLocation.Number);
    const n = ctx.consumeInteger("Expected field number.");
    if (n === undefined) return false;
    field.number = n;
    l.end();
  }
  if (!parseFieldOptions(ctx, field, fieldLoc)) return false;
  if (field.type === TYPE_GROUP) {
    if (!parseGroup(ctx, field, nameToken, nested, fieldLoc)) return false;
  } else {
    if (!ctx.consumeEndOfDeclaration(";", fieldLoc)) return false;
  }
  if (map !== undefined) nested.messages.push(newMapEntry(field, map));
  return true;
}

/** A group's message: named after the field (which is lower-cased), with the body that follows. */
function parseGroup(
  ctx: ParseContext,
  field: FieldDescriptorProto,
  nameToken: Token,
  nested: NestedMessages,
  fieldLoc: LocationRecorder,
): boolean {
  const groupLoc = new LocationRecorder(ctx, [...nested.parentLoc.loc.path], ctx.locations);
  groupLoc.startAtLocation(fieldLoc);
  groupLoc.addPath(nested.pathNumber);
  groupLoc.addPath(nested.messages.length);
  const group = newMessage(field.name);
  nested.messages.push(group);
  {
    const l = groupLoc.child(1);
    l.startAt(nameToken);
    l.endAt(nameToken);
    l.legacy(group, ErrorLocation.Name);
  }
  {
    const l = fieldLoc.child(6);
    l.startAt(nameToken);
    l.endAt(nameToken);
  }
  const first = group.name!.charCodeAt(0);
  if (!(first >= 0x41 && first <= 0x5a)) {
    ctx.addErrorAt(nameToken.line, nameToken.column, "Group names must start with a capital letter.");
  }
  field.name = field.name!.toLowerCase();
  field.typeName = group.name;
  if (!ctx.lookingAt("{")) {
    ctx.addError("Missing group body.");
    return false;
  }
  const ok = parseMessageBlock(ctx, group, groupLoc);
  groupLoc.end();
  return ok;
}

/** The `*Entry` message protoc synthesizes for a map field (it inherits `enforce_utf8` for string parts). */
function newMapEntry(field: FieldDescriptorProto, map: MapTypes): DescriptorProto {
  const entryName = mapEntryName(field.name!);
  field.typeName = entryName;
  const entry = newMessage(entryName);
  entry.options = { mapEntry: true, uninterpretedOption: [] };
  const key: FieldDescriptorProto = { name: "key", label: LABEL_OPTIONAL, number: 1 };
  if (map.key[1] === "") key.type = map.key[0];
  else key.typeName = map.key[1];
  const value: FieldDescriptorProto = { name: "value", label: LABEL_OPTIONAL, number: 2 };
  if (map.value[1] === "") value.type = map.value[0];
  else value.typeName = map.value[1];
  entry.field.push(key, value);
  for (const o of field.options?.uninterpretedOption ?? []) {
    if (o.name.length === 1 && o.name[0]!.namePart === "enforce_utf8" && !o.name[0]!.isExtension) {
      if (key.type === 9) (key.options ??= { uninterpretedOption: [] }).uninterpretedOption.push(o);
      if (value.type === 9) (value.options ??= { uninterpretedOption: [] }).uninterpretedOption.push(o);
    }
  }
  return entry;
}

function parseFieldOptions(ctx: ParseContext, field: FieldDescriptorProto, fieldLoc: LocationRecorder): boolean {
  if (!ctx.lookingAt("[")) return true;
  const l = fieldLoc.child(8);
  if (!ctx.consume("[")) return false;
  do {
    if (ctx.lookingAt("default")) {
      if (!parseDefaultAssignment(ctx, field, fieldLoc)) return false;
    } else if (ctx.lookingAt("json_name")) {
      if (!parseJsonName(ctx, field, fieldLoc)) return false;
    } else {
      field.options ??= { uninterpretedOption: [] };
      if (!parseOption(ctx, field.options, l, false)) return false;
    }
  } while (ctx.tryConsume(","));
  if (!ctx.consume("]")) return false;
  l.end();
  return true;
}

function parseJsonName(ctx: ParseContext, field: FieldDescriptorProto, fieldLoc: LocationRecorder): boolean {
  if (field.jsonName !== undefined) {
    ctx.addError('Already set option "json_name".');
    delete field.jsonName;
  }
  const l = fieldLoc.child(10);
  l.legacy(field, ErrorLocation.OptionName);
  if (!ctx.consume("json_name")) return false;
  if (!ctx.consume("=")) return false;
  const v = l.child();
  v.legacy(field, ErrorLocation.OptionValue);
  const s = ctx.consumeStringText("Expected string for JSON name.");
  if (s === undefined) return false;
  field.jsonName = s;
  v.end();
  l.end();
  return true;
}
