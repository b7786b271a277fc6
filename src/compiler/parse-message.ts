/**
 * Message definitions: the body's statements (fields, nested messages and enums, `extensions`, `reserved`,
 * `extend`, `option`, `oneof`), proto3's synthetic oneofs for `optional` fields, and the `to max` ends of
 * ranges, which depend on `message_set_wire_format`. Fields, including groups (whose bodies are message
 * bodies again, hence the mutual import with parse-field.ts), are in parse-field.ts.
 */
import type { DescriptorProto, FieldDescriptorProto, OneofDescriptorProto } from "../protobuf/index.js";
import type { LocationRecorder } from "./location-recorder.js";
import { done, parseDeclarationName, type ParseContext } from "./parse-context.js";
import { newEnum, parseEnumDefinition } from "./parse-enum.js";
import { parseExtend } from "./parse-extend.js";
import { parseExtensions } from "./parse-extensions.js";
import { LABEL_OPTIONAL, parseMessageField, parseMessageFieldNoLabel, type NestedMessages } from "./parse-field.js";
import { parseOption } from "./parse-option.js";
import { MAX_RANGE_SENTINEL, parseReserved } from "./parse-reserved.js";
import { ErrorLocation } from "./source-location-table.js";

/** How deeply message (and group) bodies may nest before the parser gives up. */
const MAX_NESTING = 1000;

/** A new empty message descriptor in Spindle's representation. */
export function newMessage(name?: string): DescriptorProto {
  const m: DescriptorProto = {
    field: [],
    extension: [],
    nestedType: [],
    enumType: [],
    extensionRange: [],
    oneofDecl: [],
    reservedRange: [],
    reservedName: [],
  };
  if (name !== undefined) m.name = name;
  return m;
}

/** `message Name { … }`, then proto3's synthetic oneofs (protoc's ParseMessageDefinition). */
export function parseMessageDefinition(ctx: ParseContext, message: DescriptorProto, loc: LocationRecorder): boolean {
  if (!ctx.consume("message")) return false;
  if (!parseDeclarationName(ctx, loc, message, "Expected message name.")) return false;
  if (!parseMessageBlock(ctx, message, loc)) return false;
  if (ctx.syntax === "proto3") addSyntheticOneofs(message);
  return true;
}

/** Gives each proto3 `optional` field a one-field oneof named `_field` (prefixed with X until unique). */
function addSyntheticOneofs(message: DescriptorProto): void {
  const names = new Set<string>();
  for (const f of message.field) names.add(f.name ?? "");
  for (const o of message.oneofDecl) names.add(o.name ?? "");
  for (const f of message.field) {
    if (f.proto3Optional) {
      let oneofName = f.name ?? "";
      if (oneofName === "" || oneofName[0] !== "_") oneofName = "_" + oneofName;
      while (names.has(oneofName)) oneofName = "X" + oneofName;
      names.add(oneofName);
      f.oneofIndex = message.oneofDecl.length;
      message.oneofDecl.push({ name: oneofName });
    }
  }
}

/** A message body `{ … }` (also a group's). */
export function parseMessageBlock(ctx: ParseContext, message: DescriptorProto, loc: LocationRecorder): boolean {
  // protoc has no parser limit (its linker stops at 32 levels); ours keeps the JS stack safe.
  if (ctx.depth >= MAX_NESTING) {
    ctx.addError(`Messages are nested too deeply (more than ${MAX_NESTING} levels).`);
    return false;
  }
  ctx.depth++;
  try {
    if (!ctx.parseBlock(loc, "message definition", () => parseMessageStatement(ctx, message, loc))) return false;
  } finally {
    ctx.depth--;
  }
  if (message.extensionRange.length > 0 || message.reservedRange.length > 0) {
    const isMessageSet = message.options?.uninterpretedOption.some(
      (o) => o.name.length === 1 && o.name[0]!.namePart === "message_set_wire_format" && o.identifierValue === "true",
    );
    const max = isMessageSet ? 0x7fffffff : 536870912;
    for (const r of message.extensionRange) if (r.end === MAX_RANGE_SENTINEL) r.end = max;
    for (const r of message.reservedRange) if (r.end === MAX_RANGE_SENTINEL) r.end = max;
  }
  return true;
}

function parseMessageStatement(ctx: ParseContext, message: DescriptorProto, loc: LocationRecorder): boolean {
  if (ctx.tryConsumeEndOfDeclaration(";", undefined)) return true;
  if (ctx.lookingAt("message")) {
    const l = loc.child(3, message.nestedType.length);
    const m = newMessage();
    message.nestedType.push(m);
    return done(l, parseMessageDefinition(ctx, m, l));
  }
  if (ctx.lookingAt("enum")) {
    const l = loc.child(4, message.enumType.length);
    const e = newEnum();
    message.enumType.push(e);
    return done(l, parseEnumDefinition(ctx, e, l));
  }
  if (ctx.lookingAt("extensions")) {
    const l = loc.child(5);
    return done(l, parseExtensions(ctx, message, l));
  }
  if (ctx.lookingAt("reserved")) return parseReserved(ctx, message, loc, false);
  if (ctx.lookingAt("extend")) {
    const l = loc.child(6);
    return done(l, parseExtend(ctx, message.extension, nestedIn(message, loc), l));
  }
  if (ctx.lookingAt("option")) {
    const l = loc.child(7);
    message.options ??= { uninterpretedOption: [] };
    return done(l, parseOption(ctx, message.options, l, true));
  }
  if (ctx.lookingAt("oneof")) {
    const index = message.oneofDecl.length;
    const l = loc.child(8, index);
    const o: OneofDescriptorProto = {};
    message.oneofDecl.push(o);
    return done(l, parseOneof(ctx, o, message, index, l, loc));
  }
  const l = loc.child(2, message.field.length);
  const f: FieldDescriptorProto = {};
  message.field.push(f);
  return done(l, parseMessageField(ctx, f, nestedIn(message, loc), l));
}

function parseOneof(
  ctx: ParseContext,
  oneof: OneofDescriptorProto,
  containing: DescriptorProto,
  oneofIndex: number,
  oneofLoc: LocationRecorder,
  containingLoc: LocationRecorder,
): boolean {
  if (!ctx.consume("oneof")) return false;
  {
    const l = oneofLoc.child(1);
    const name = ctx.consumeIdentifier("Expected oneof name.");
    if (name === undefined) return false;
    oneof.name = name;
    l.end();
  }
  if (!ctx.consumeEndOfDeclaration("{", oneofLoc)) return false;
  const nested = nestedIn(containing, containingLoc);
  do {
    if (ctx.atEnd()) {
      ctx.addError("Reached end of input in oneof definition (missing '}').");
      return false;
    }
    if (ctx.lookingAt("option")) {
      const l = oneofLoc.child(2);
      oneof.options ??= { uninterpretedOption: [] };
      if (!parseOption(ctx, oneof.options, l, true)) return false;
      l.end();
      continue;
    }
    if (ctx.lookingAt("required") || ctx.lookingAt("optional") || ctx.lookingAt("repeated")) {
      ctx.addError("Fields in oneofs must not have labels (required / optional / repeated).");
      ctx.input.next();
    }
    const l = containingLoc.child(2, containing.field.length);
    const field: FieldDescriptorProto = { label: LABEL_OPTIONAL, oneofIndex };
    containing.field.push(field);
    if (!parseMessageFieldNoLabel(ctx, field, nested, l)) ctx.skipStatement();
    l.end();
  } while (!ctx.tryConsumeEndOfDeclaration("}", undefined));
  return true;
}

/** A message's nested types, where its groups' and map fields' messages go. */
function nestedIn(message: DescriptorProto, loc: LocationRecorder): NestedMessages {
  return { messages: message.nestedType, parentLoc: loc, pathNumber: 3 };
}
