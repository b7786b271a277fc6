/**
 * The checks protoc's DescriptorBuilder runs after options are interpreted (they need option values:
 * packed, lazy, jstype, map_entry, message_set_wire_format, allow_alias, optimize_for) and the proto3 rules,
 * with protoc's messages, in protoc's order.
 */
import type { Builder } from "./linker.js";
import { ErrorLocation } from "./parser.js";
import { toJsonName, type EnumNode, type FieldNode, type MessageNode } from "./nodes.js";

const MAX_NUMBER = 536870911;

/** Runs protoc's ValidateFileOptions (and ValidateProto3 for proto3 files) on the file being built. */
export function validateFileOptions(b: Builder): void {
  const file = b.file;
  for (const m of file.messages) validateMessageOptions(b, m);
  for (const e of file.enums) validateEnumOptions(b, e);
  for (const s of file.services) {
    if (file.isLite && (s.file.proto.options?.ccGenericServices || s.file.proto.options?.javaGenericServices)) {
      b.addError(
        s.proto,
        ErrorLocation.Name,
        "Files with optimize_for = LITE_RUNTIME cannot define services unless you set both options cc_generic_services and java_generic_services to false.",
      );
    }
  }
  for (const f of file.extensions) validateFieldOptions(b, f);
  if (!file.isLite) {
    for (const d of file.dependencies) {
      if (d && d.isLite) {
        b.addError(
          b.proto,
          "import:" + d.name,
          `Files that do not use optimize_for = LITE_RUNTIME cannot import files which do use this option.  This file is not lite, but it imports "${d.name}" which is.`,
        );
        break;
      }
    }
  }
  if (file.syntax === "proto3") {
    for (const f of file.extensions) validateProto3Field(b, f);
    for (const m of file.messages) validateProto3Message(b, m);
    for (const e of file.enums) validateProto3Enum(b, e);
  }
}

function validateMessageOptions(b: Builder, m: MessageNode): void {
  for (const f of m.fields) validateFieldOptions(b, f);
  for (const n of m.nested) validateMessageOptions(b, n);
  for (const e of m.enums) validateEnumOptions(b, e);
  for (const f of m.extensions) validateFieldOptions(b, f);
  const max = m.proto.options?.messageSetWireFormat ? 0x7fffffff : MAX_NUMBER;
  for (const r of m.proto.extensionRange) {
    if (r.end! > max + 1) {
      b.addError(r, ErrorLocation.Number, `Extension numbers cannot be greater than ${max}.`);
    }
  }
}

function validateFieldOptions(b: Builder, f: FieldNode): void {
  const o = f.proto.options;
  if (o?.lazy || o?.unverifiedLazy) {
    if (f.type !== 11) {
      b.addError(f.proto, ErrorLocation.Type, "[lazy = true] can only be specified for submessage fields.");
    }
  }
  if (o?.packed) {
    const packable = f.label === 3 && f.type !== 9 && f.type !== 10 && f.type !== 11 && f.type !== 12;
    if (!packable) {
      b.addError(f.proto, ErrorLocation.Type, "[packed = true] can only be specified for repeated primitive fields.");
    }
  }
  const c = f.containing;
  if (c !== undefined && c.proto.options?.messageSetWireFormat) {
    if (f.isExtension) {
      if (f.label !== 1 || f.type !== 11) {
        b.addError(f.proto, ErrorLocation.Type, "Extensions of MessageSets must be optional messages.");
      }
    } else {
      b.addError(f.proto, ErrorLocation.Name, "MessageSets cannot have fields, only extensions.");
    }
  }
  if (f.file.isLite && c !== undefined && !c.file.isLite) {
    b.addError(
      f.proto,
      ErrorLocation.Extendee,
      "Extensions to non-lite types can only be declared in non-lite files.  Note that you cannot extend a non-lite type to contain a lite type, but the reverse is allowed.",
    );
  }
  if (f.type === 11 && f.label === 3 && f.messageType?.proto.options?.mapEntry) {
    if (!validateMapEntry(b, f)) {
      b.addError(
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
        b.addError(
          f.proto,
          ErrorLocation.Type,
          "Illegal jstype for int64, uint64, sint64, fixed64 or sfixed64 field: " + js,
        );
      }
    } else {
      b.addError(
        f.proto,
        ErrorLocation.Type,
        "jstype is only allowed on int64, uint64, sint64, fixed64 or sfixed64 fields.",
      );
    }
  }
  if (f.isExtension && f.proto.jsonName !== undefined && f.proto.jsonName !== toJsonName(f.name)) {
    b.addError(f.proto, ErrorLocation.OptionName, "option json_name is not allowed on extension fields.");
  }
}

function validateMapEntry(b: Builder, f: FieldNode): boolean {
  const m = f.messageType!;
  if (
    m.extensions.length !== 0 ||
    m.proto.extensionRange.length !== 0 ||
    m.nested.length !== 0 ||
    m.enums.length !== 0 ||
    m.fields.length !== 2 ||
    m.name !== toCamelCaseUpper(f.name) + "Entry" ||
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
      b.addError(f.proto, ErrorLocation.Type, "Key in map fields cannot be enum types.");
      break;
    case 2:
    case 1:
    case 11:
    case 10:
    case 12:
      b.addError(
        f.proto,
        ErrorLocation.Type,
        "Key in map fields cannot be float/double, bytes or message types.",
      );
      break;
  }
  if (value.type === 14 && value.enumType && value.enumType.values[0]?.number !== 0) {
    b.addError(f.proto, ErrorLocation.Type, "Enum value in map must define 0 as the first value.");
  }
  return true;
}

function validateEnumOptions(b: Builder, e: EnumNode): void {
  if (!e.proto.options?.allowAlias) {
    const used = new Map<number, string>();
    for (const v of e.values) {
      const prev = used.get(v.number);
      if (prev !== undefined) {
        b.addError(
          v.proto,
          ErrorLocation.Number,
          `"${v.fullName}" uses the same enum value as "${prev}". If this is intended, set 'option allow_alias = true;' to the enum definition.`,
        );
      } else used.set(v.number, v.fullName);
    }
  }
}

function validateProto3Message(b: Builder, m: MessageNode): void {
  for (const n of m.nested) validateProto3Message(b, n);
  for (const e of m.enums) validateProto3Enum(b, e);
  for (const f of m.fields) validateProto3Field(b, f);
  for (const f of m.extensions) validateProto3Field(b, f);
  if (m.proto.extensionRange.length > 0) {
    b.addError(m.proto.extensionRange[0]!, ErrorLocation.Number, "Extension ranges are not allowed in proto3.");
  }
  if (m.proto.options?.messageSetWireFormat) {
    b.addError(m.proto, ErrorLocation.Name, "MessageSet is not supported in proto3.");
  }
  const byLower = new Map<string, string>();
  for (const f of m.fields) {
    const lower = f.name.replace(/_/g, "").toLowerCase();
    const prev = byLower.get(lower);
    if (prev !== undefined) {
      b.addError(
        f.proto,
        ErrorLocation.Name,
        `The JSON camel-case name of field "${f.name}" conflicts with field "${prev}". This is not allowed in proto3.`,
      );
    } else byLower.set(lower, f.name);
  }
}

function validateProto3Field(b: Builder, f: FieldNode): void {
  if (f.isExtension && f.containing && !PROTO3_EXTENDEES.has(f.containing.fullName)) {
    b.addError(f.proto, ErrorLocation.Extendee, "Extensions in proto3 are only allowed for defining options.");
  }
  if (f.label === 2) b.addError(f.proto, ErrorLocation.Type, "Required fields are not allowed in proto3.");
  if (f.proto.defaultValue !== undefined) {
    b.addError(f.proto, ErrorLocation.DefaultValue, "Explicit default values are not allowed in proto3.");
  }
  if (f.type === 14 && f.enumType && f.enumType.file.syntax !== "proto3") {
    b.addError(
      f.proto,
      ErrorLocation.Type,
      `Enum type "${f.enumType.fullName}" is not a proto3 enum, but is used in "${f.containing?.fullName}" which is a proto3 message type.`,
    );
  }
  if (f.type === 10) b.addError(f.proto, ErrorLocation.Type, "Groups are not supported in proto3 syntax.");
}

function validateProto3Enum(b: Builder, e: EnumNode): void {
  if (e.values.length > 0 && e.values[0]!.number !== 0) {
    b.addError(e.values[0]!.proto, ErrorLocation.Number, "The first enum value must be zero in proto3.");
  }
}

/** protoc's extra check, run only when a file already has errors: map entry names that clash. */
export function detectMapConflicts(b: Builder, m: MessageNode): void {
  const seen = new Map<string, MessageNode>();
  for (const n of m.nested) {
    const prev = seen.get(n.name);
    if (prev === undefined) seen.set(n.name, n);
    else if (prev.proto.options?.mapEntry || n.proto.options?.mapEntry) {
      b.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${n.name} conflicts with an existing nested message type.`);
      break;
    }
    detectMapConflicts(b, n);
  }
  for (const f of m.fields) {
    const t = seen.get(f.name);
    if (t?.proto.options?.mapEntry) {
      b.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${t.name} conflicts with an existing field.`);
    }
  }
  for (const e of m.enums) {
    const t = seen.get(e.name);
    if (t?.proto.options?.mapEntry) {
      b.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${t.name} conflicts with an existing enum type.`);
    }
  }
  for (const o of m.oneofs) {
    const t = seen.get(o.name);
    if (t?.proto.options?.mapEntry) {
      b.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${t.name} conflicts with an existing oneof type.`);
    }
  }
}

const PROTO3_EXTENDEES = new Set(
  [
    "FileOptions",
    "MessageOptions",
    "FieldOptions",
    "EnumOptions",
    "EnumValueOptions",
    "ServiceOptions",
    "MethodOptions",
    "OneofOptions",
    "ExtensionRangeOptions",
  ].flatMap((n) => ["google.protobuf." + n, "proto2." + n]),
);

function toCamelCaseUpper(name: string): string {
  let out = "";
  let cap = true;
  for (const c of name) {
    if (c === "_") cap = true;
    else if (cap) {
      out += c >= "a" && c <= "z" ? c.toUpperCase() : c;
      cap = false;
    } else out += c;
  }
  return out;
}
