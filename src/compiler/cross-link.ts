/**
 * Cross-linking (protoc's CrossLinkMessage and CrossLinkField), once every symbol of the file is known:
 * oneof membership and synthetic oneofs, field types and default enum values, extendees and their
 * extension ranges, and duplicate field and extension numbers (recorded across files in the pool).
 */
import type { LinkContext } from "./link-context.js";
import { addNotDefinedError, lookupSymbol } from "./lookup-symbol.js";
import { cppType, type FieldNode, type MessageNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";
import { isIdentifier } from "./tokenizer.js";

/** Cross-links a message: nested messages first, then its fields and extensions, then its oneofs. */
export function crossLinkMessage(ctx: LinkContext, m: MessageNode): void {
  for (const n of m.nested) crossLinkMessage(ctx, n);
  for (const f of m.fields) crossLinkField(ctx, f);
  for (const f of m.extensions) crossLinkField(ctx, f);
  for (let i = 0; i < m.fields.length; i++) {
    const oneof = m.fields[i]!.oneof;
    if (oneof === undefined) continue;
    if (oneof.fieldCount > 0 && m.fields[i - 1]!.oneof !== oneof) {
      const prev = m.fields[i - 1]!;
      ctx.addError(
        prev.proto,
        ErrorLocation.Type,
        `Fields in the same oneof must be defined consecutively. "${prev.name}" cannot be defined before the completion of the "${oneof.name}" oneof definition.`,
      );
    }
    oneof.fieldCount++;
  }
  for (const o of m.oneofs) {
    if (o.fieldCount === 0) ctx.addError(o.proto, ErrorLocation.Name, "Oneof must have at least one field.");
    const first = m.fields.find((f) => f.oneof === o);
    o.isSynthetic = o.fieldCount === 1 && first !== undefined && first.proto.proto3Optional === true;
  }
  for (const f of m.fields) {
    if (f.proto.proto3Optional && (f.oneof === undefined || !f.oneof.isSynthetic)) {
      ctx.addError(f.proto, ErrorLocation.Other, "Fields with proto3_optional set must be a member of a one-field oneof");
    }
  }
  let firstSynthetic = -1;
  m.oneofs.forEach((o, i) => {
    if (o.isSynthetic) {
      if (firstSynthetic === -1) firstSynthetic = i;
    } else if (firstSynthetic !== -1) {
      ctx.addError(o.proto, ErrorLocation.Other, "Synthetic oneofs must be after all other oneofs");
    }
  });
}

/** Cross-links a field or extension: its extendee, its type, then its number in the containing message. */
export function crossLinkField(ctx: LinkContext, f: FieldNode): void {
  const proto = f.proto;
  if (proto.extendee !== undefined) {
    const l = lookupSymbol(ctx, proto.extendee, f.fullName);
    if (l.symbol === undefined) {
      addNotDefinedError(ctx, proto, ErrorLocation.Extendee, proto.extendee, l);
      return;
    }
    if (l.symbol.kind !== "message") {
      ctx.addError(proto, ErrorLocation.Extendee, `"${proto.extendee}" is not a message type.`);
      return;
    }
    f.containing = l.symbol;
    const inRange = l.symbol.proto.extensionRange.some((r) => f.number >= r.start! && f.number < r.end!);
    if (!inRange) {
      ctx.addError(
        proto,
        ErrorLocation.Number,
        `"${l.symbol.fullName}" does not declare ${f.number} as an extension number.`,
      );
    }
  }
  if (proto.typeName !== undefined) {
    if (!resolveType(ctx, f)) return;
  } else if (f.type === 11 || f.type === 10 || f.type === 14) {
    ctx.addError(proto, ErrorLocation.Type, "Field with message or enum type missing type_name.");
  }
  checkNumberUnique(ctx, f);
}

/** Resolves `type_name` to a message or enum (and checks an enum default); false when the field is unusable. */
function resolveType(ctx: LinkContext, f: FieldNode): boolean {
  const proto = f.proto;
  const typeName = proto.typeName!;
  const l = lookupSymbol(ctx, typeName, f.fullName, true);
  if (l.symbol === undefined) {
    addNotDefinedError(ctx, proto, ErrorLocation.Type, typeName, l);
    return false;
  }
  const sym = l.symbol;
  if (proto.type === undefined) {
    if (sym.kind === "message") f.type = 11;
    else if (sym.kind === "enum") f.type = 14;
    else {
      ctx.addError(proto, ErrorLocation.Type, `"${typeName}" is not a type.`);
      return false;
    }
  }
  const ct = cppType(f.type);
  if (ct === "message") {
    if (sym.kind !== "message") {
      ctx.addError(proto, ErrorLocation.Type, `"${typeName}" is not a message type.`);
      return false;
    }
    f.messageType = sym;
    if (proto.defaultValue !== undefined) {
      ctx.addError(proto, ErrorLocation.DefaultValue, "Messages can't have default values.");
    }
  } else if (ct === "enum") {
    if (sym.kind !== "enum") {
      ctx.addError(proto, ErrorLocation.Type, `"${typeName}" is not an enum type.`);
      return false;
    }
    f.enumType = sym;
    if (proto.defaultValue !== undefined) {
      if (!isIdentifier(proto.defaultValue)) {
        ctx.addError(proto, ErrorLocation.DefaultValue, "Default value for an enum field must be an identifier.");
      } else {
        const v = lookupSymbol(ctx, proto.defaultValue, sym.fullName).symbol;
        if (!(v !== undefined && v.kind === "enum_value" && v.enumNode === sym)) {
          ctx.addError(
            proto,
            ErrorLocation.DefaultValue,
            `Enum type "${sym.fullName}" has no value named "${proto.defaultValue}".`,
          );
        }
      }
    }
  } else {
    ctx.addError(proto, ErrorLocation.Type, "Field with primitive type has type_name.");
  }
  return true;
}

/** A field number used twice in a message, or an extension number used twice for an extendee. */
function checkNumberUnique(ctx: LinkContext, f: FieldNode): void {
  const containing = f.containing;
  if (containing === undefined) return;
  const existing = containing.fieldsByNumber.get(f.number);
  if (existing !== undefined && (existing.file === ctx.file || !f.isExtension)) {
    if (f.isExtension) {
      ctx.addError(
        f.proto,
        ErrorLocation.Number,
        `Extension number ${f.number} has already been used in "${containing.fullName}" by extension "${existing.fullName}".`,
      );
    } else {
      ctx.addError(
        f.proto,
        ErrorLocation.Number,
        `Field number ${f.number} has already been used in "${containing.fullName}" by field "${existing.name}".`,
      );
    }
    return;
  }
  if (existing === undefined) containing.fieldsByNumber.set(f.number, f);
  if (f.isExtension) {
    let byNumber = ctx.pool.extensions.get(containing.fullName);
    if (!byNumber) ctx.pool.extensions.set(containing.fullName, (byNumber = new Map()));
    if (!byNumber.has(f.number)) byNumber.set(f.number, f);
  }
}
