/**
 * The checks protoc's DescriptorBuilder runs once options are interpreted, because they need option values
 * (packed, lazy, jstype, map_entry, message_set_wire_format, allow_alias, optimize_for), with protoc's
 * messages, in protoc's order; proto3 files then get validate-proto3.ts's rules.
 */
import { mapEntryName, toJsonName } from "./camel-case.js";
import type { LinkContext } from "./link-context.js";
import { MAX_FIELD_NUMBER, type EnumNode, type FieldNode, type MessageNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";
import { validateProto3Enum, validateProto3Field, validateProto3Message } from "./validate-proto3.js";

/** Runs protoc's ValidateFileOptions (and ValidateProto3 for proto3 files) on the file being built. */
export function validateFileOptions(ctx: LinkContext): void {
  const file = ctx.file;
  for (const m of file.messages) validateMessageOptions(ctx, m);
  for (const e of file.enums) validateEnumOptions(ctx, e);
  for (const s of file.services) {
    if (file.isLite && (s.file.proto.options?.ccGenericServices || s.file.proto.options?.javaGenericServices)) {
      ctx.addError(
        s.proto,
        ErrorLocation.Name,
        "Files with optimize_for = LITE_RUNTIME cannot define services unless you set both options cc_generic_services and java_generic_services to false.",
      );
    }
  }
  for (const f of file.extensions) validateFieldOptions(ctx, f);
  if (!file.isLite) {
    for (const d of file.dependencies) {
      if (d && d.isLite) {
        ctx.addError(
          ctx.proto,
          "import:" + d.name,
          `Files that do not use optimize_for = LITE_RUNTIME cannot import files which do use this option.  This file is not lite, but it imports "${d.name}" which is.`,
        );
        break;
      }
    }
  }
  if (file.syntax === "proto3") {
    for (const f of file.extensions) validateProto3Field(ctx, f);
    for (const m of file.messages) validateProto3Message(ctx, m);
    for (const e of file.enums) validateProto3Enum(ctx, e);
  }
}

function validateMessageOptions(ctx: LinkContext, m: MessageNode): void {
  for (const f of m.fields) validateFieldOptions(ctx, f);
  for (const n of m.nested) validateMessageOptions(ctx, n);
  for (const e of m.enums) validateEnumOptions(ctx, e);
  for (const f of m.extensions) validateFieldOptions(ctx, f);
  const max = m.proto.options?.messageSetWireFormat ? 0x7fffffff : MAX_FIELD_NUMBER;
  for (const r of m.proto.extensionRange) {
    if (r.end! > max + 1) {
      ctx.addError(r, ErrorLocation.Number, `Extension numbers cannot be greater than ${max}.`);
    }
  }
}

function validateFieldOptions(ctx: LinkContext, f: FieldNode): void {
  const o = f.proto.options;
  if (o?.lazy || o?.unverifiedLazy) {
    if (f.type !== 11) {
      ctx.addError(f.proto, ErrorLocation.Type, "[lazy = true] can only be specified for submessage fields.");
    }
  }
  if (o?.packed) {
    const packable = f.label === 3 && f.type !== 9 && f.type !== 10 && f.type !== 11 && f.type !== 12;
    if (!packable) {
      ctx.addError(f.proto, ErrorLocation.Type, "[packed = true] can only be specified for repeated primitive fields.");
    }
  }
  const c = f.containing;
  if (c !== undefined && c.proto.options?.messageSetWireFormat) {
    if (f.isExtension) {
      if (f.label !== 1 || f.type !== 11) {
        ctx.addError(f.proto, ErrorLocation.Type, "Extensions of MessageSets must be optional messages.");
      }
    } else {
      ctx.addError(f.proto, ErrorLocation.Name, "MessageSets cannot have fields, only extensions.");
    }
  }
  if (f.file.isLite && c !== undefined && !c.file.isLite) {
    ctx.addError(
      f.proto,
      ErrorLocation.Extendee,
      "Extensions to non-lite types can only be declared in non-lite files.  Note that you cannot extend a non-lite type to contain a lite type, but the reverse is allowed.",
    );
  }
  if (f.type === 11 && f.label === 3 && f.messageType?.proto.options?.mapEntry) {
    if (!validateMapEntry(ctx, f)) {
      ctx.addError(
        f.proto,
        ErrorLocation.Type,
        "map_entry should not be set explicitly. Use map<KeyType, ValueType> instead.",
      );
    }
  }
  const js = o?.jstype ?? 0;
  if (js !== 0) {
    if (f.type === 3 || f.type === 4 || f.type === 18 || f.type === 6 || f.type === 16) {
      if (js !== 1 && js !== 2) {
        ctx.addError(
          f.proto,
          ErrorLocation.Type,
          "Illegal jstype for int64, uint64, sint64, fixed64 or sfixed64 field: " + js,
        );
      }
    } else {
      ctx.addError(
        f.proto,
        ErrorLocation.Type,
        "jstype is only allowed on int64, uint64, sint64, fixed64 or sfixed64 fields.",
      );
    }
  }
  if (f.isExtension && f.proto.jsonName !== undefined && f.proto.jsonName !== toJsonName(f.name)) {
    ctx.addError(f.proto, ErrorLocation.OptionName, "option json_name is not allowed on extension fields.");
  }
}

function validateMapEntry(ctx: LinkContext, f: FieldNode): boolean {
  const m = f.messageType!;
  if (
    m.extensions.length !== 0 ||
    m.proto.extensionRange.length !== 0 ||
    m.nested.length !== 0 ||
    m.enums.length !== 0 ||
    m.fields.length !== 2 ||
    m.name !== mapEntryName(f.name) ||
    f.containing !== m.parent
  ) {
    return false;
  }
  const key = m.fields[0]!.number === 1 ? m.fields[0]! : m.fields[1]!;
  const value = key === m.fields[0] ? m.fields[1]! : m.fields[0]!;
  if (key.label !== 1 || key.number !== 1 || key.name !== "key") return false;
  if (value.label !== 1 || value.number !== 2 || value.name !== "value") return false;
  switch (key.type) {
    case 14:
      ctx.addError(f.proto, ErrorLocation.Type, "Key in map fields cannot be enum types.");
      break;
    case 2:
    case 1:
    case 11:
    case 10:
    case 12:
      ctx.addError(
        f.proto,
        ErrorLocation.Type,
        "Key in map fields cannot be float/double, bytes or message types.",
      );
      break;
  }
  if (value.type === 14 && value.enumType && value.enumType.values[0]?.number !== 0) {
    ctx.addError(f.proto, ErrorLocation.Type, "Enum value in map must define 0 as the first value.");
  }
  return true;
}

function validateEnumOptions(ctx: LinkContext, e: EnumNode): void {
  if (!e.proto.options?.allowAlias) {
    const used = new Map<number, string>();
    for (const v of e.values) {
      const prev = used.get(v.number);
      if (prev !== undefined) {
        ctx.addError(
          v.proto,
          ErrorLocation.Number,
          `"${v.fullName}" uses the same enum value as "${prev}". If this is intended, set 'option allow_alias = true;' to the enum definition.`,
        );
      } else used.set(v.number, v.fullName);
    }
  }
}

