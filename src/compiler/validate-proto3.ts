/**
 * protoc's ValidateProto3: what proto3 files may not contain (required fields, defaults, groups, extension
 * ranges, MessageSets, extensions of anything but options, proto2 enums, first enum values other than 0)
 * and field names whose JSON camel-case names collide.
 */
import type { LinkContext } from "./link-context.js";
import type { EnumNode, FieldNode, MessageNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";

/** The proto3 rules for a message, its nested types, fields and extensions. */
export function validateProto3Message(ctx: LinkContext, m: MessageNode): void {
  for (const n of m.nested) validateProto3Message(ctx, n);
  for (const e of m.enums) validateProto3Enum(ctx, e);
  for (const f of m.fields) validateProto3Field(ctx, f);
  for (const f of m.extensions) validateProto3Field(ctx, f);
  if (m.proto.extensionRange.length > 0) {
    ctx.addError(m.proto.extensionRange[0]!, ErrorLocation.Number, "Extension ranges are not allowed in proto3.");
  }
  if (m.proto.options?.messageSetWireFormat) {
    ctx.addError(m.proto, ErrorLocation.Name, "MessageSet is not supported in proto3.");
  }
  const byLower = new Map<string, string>();
  for (const f of m.fields) {
    const lower = f.name.replace(/_/g, "").toLowerCase();
    const prev = byLower.get(lower);
    if (prev !== undefined) {
      ctx.addError(
        f.proto,
        ErrorLocation.Name,
        `The JSON camel-case name of field "${f.name}" conflicts with field "${prev}". This is not allowed in proto3.`,
      );
    } else byLower.set(lower, f.name);
  }
}

/** The proto3 rules for a field or extension. */
export function validateProto3Field(ctx: LinkContext, f: FieldNode): void {
  if (f.isExtension && f.containing && !PROTO3_EXTENDEES.has(f.containing.fullName)) {
    ctx.addError(f.proto, ErrorLocation.Extendee, "Extensions in proto3 are only allowed for defining options.");
  }
  if (f.label === 2) ctx.addError(f.proto, ErrorLocation.Type, "Required fields are not allowed in proto3.");
  if (f.proto.defaultValue !== undefined) {
    ctx.addError(f.proto, ErrorLocation.DefaultValue, "Explicit default values are not allowed in proto3.");
  }
  if (f.type === 14 && f.enumType && f.enumType.file.syntax !== "proto3") {
    ctx.addError(
      f.proto,
      ErrorLocation.Type,
      `Enum type "${f.enumType.fullName}" is not a proto3 enum, but is used in "${f.containing?.fullName}" which is a proto3 message type.`,
    );
  }
  if (f.type === 10) ctx.addError(f.proto, ErrorLocation.Type, "Groups are not supported in proto3 syntax.");
}

/** proto3: an enum's first value must be zero. */
export function validateProto3Enum(ctx: LinkContext, e: EnumNode): void {
  if (e.values.length > 0 && e.values[0]!.number !== 0) {
    ctx.addError(e.values[0]!.proto, ErrorLocation.Number, "The first enum value must be zero in proto3.");
  }
}

/** The extendees proto3 allows: the options messages, under both of descriptor.proto's package names. */
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
