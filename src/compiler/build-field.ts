/**
 * Builds a field or extension node, as protoc's BuildFieldOrExtension does: json name, the checks that
 * need no other symbol (label, default value syntax, field number limits, extendee and oneof index), its
 * options and its symbol. Types and extendees are resolved later, by cross-link.ts.
 */
import type { FieldDescriptorProto } from "../protobuf/index.js";
import { addSymbol, validateSymbolName } from "./add-symbol.js";
import { toJsonName } from "./camel-case.js";
import type { LinkContext } from "./link-context.js";
import {
  cppType,
  FIRST_RESERVED_FIELD_NUMBER,
  LAST_RESERVED_FIELD_NUMBER,
  MAX_FIELD_NUMBER,
  qualifiedName,
  type FieldNode,
  type MessageNode,
} from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";
import { hint } from "./suggest-field-numbers.js";

/** A field of `parent`, or an extension declared in `parent` (or at file level when it is undefined). */
export function buildField(
  ctx: LinkContext,
  proto: FieldDescriptorProto,
  parent: MessageNode | undefined,
  isExtension: boolean,
  path: number[],
): FieldNode {
  const name = proto.name ?? "";
  const fullName = qualifiedName(parent === undefined ? ctx.file.packageName : parent.fullName, name);
  const node: FieldNode = {
    kind: "field",
    name,
    fullName,
    proto,
    file: ctx.file,
    number: proto.number ?? 0,
    label: proto.label ?? 1,
    type: proto.type ?? 0,
    isExtension,
    containing: isExtension ? undefined : parent,
    scope: isExtension ? parent : undefined,
    messageType: undefined,
    enumType: undefined,
    oneof: undefined,
    jsonName: proto.jsonName ?? toJsonName(name),
    path,
  };
  validateSymbolName(ctx, name, proto);
  if (proto.proto3Optional && ctx.file.syntax !== "proto3") {
    ctx.addError(
      proto,
      ErrorLocation.Type,
      "The [proto3_optional=true] option may only be set on proto3fields, not " + fullName,
    );
  }
  if (node.label === 2 && isExtension) {
    ctx.addError(proto, ErrorLocation.Type, `The extension ${fullName} cannot be required.`);
  }
  if (proto.defaultValue !== undefined && node.label === 3) {
    ctx.addError(proto, ErrorLocation.DefaultValue, "Repeated fields can't have default values.");
  }
  if (proto.type !== undefined && proto.defaultValue !== undefined) {
    checkDefault(ctx, node);
  }
  checkNumber(ctx, node, parent);
  if (isExtension) {
    if (proto.extendee === undefined) {
      ctx.addError(proto, ErrorLocation.Extendee, "FieldDescriptorProto.extendee not set for extension field.");
    }
    if (proto.oneofIndex !== undefined) {
      ctx.addError(proto, ErrorLocation.Type, "FieldDescriptorProto.oneof_index should not be set for extensions.");
    }
  } else if (proto.oneofIndex !== undefined && parent) {
    if (proto.oneofIndex < 0 || proto.oneofIndex >= parent.oneofs.length) {
      ctx.addError(
        proto,
        ErrorLocation.Type,
        `FieldDescriptorProto.oneof_index ${proto.oneofIndex} is out of range for type "${parent.name}".`,
      );
    } else {
      node.oneof = parent.oneofs[proto.oneofIndex];
    }
  }
  if (proto.options !== undefined) {
    ctx.queueOptions(proto.options, fullName, fullName, [...path, 8], "google.protobuf.FieldOptions");
  }
  addSymbol(ctx, fullName, proto, node);
  return node;
}

/** Field numbers: positive, at most MAX_FIELD_NUMBER (not checked for extensions here), not protoc's own. */
function checkNumber(ctx: LinkContext, node: FieldNode, parent: MessageNode | undefined): void {
  const proto = node.proto;
  if (node.number <= 0) {
    hint(ctx, parent, proto, ErrorLocation.Number);
    ctx.addError(proto, ErrorLocation.Number, "Field numbers must be positive integers.");
  } else if (!node.isExtension && node.number > MAX_FIELD_NUMBER) {
    hint(ctx, parent, proto, ErrorLocation.Number);
    ctx.addError(proto, ErrorLocation.Number, `Field numbers cannot be greater than ${MAX_FIELD_NUMBER}.`);
  } else if (node.number >= FIRST_RESERVED_FIELD_NUMBER && node.number <= LAST_RESERVED_FIELD_NUMBER) {
    hint(ctx, parent, proto, ErrorLocation.Number);
    ctx.addError(
      proto,
      ErrorLocation.Number,
      `Field numbers ${FIRST_RESERVED_FIELD_NUMBER} through ${LAST_RESERVED_FIELD_NUMBER} are reserved for the protocol buffer library implementation.`,
    );
  }
}

/** Checks a default value of a field whose type the parser already knew (protoc's BuildFieldOrExtension). */
function checkDefault(ctx: LinkContext, node: FieldNode): void {
  const proto = node.proto;
  const s = proto.defaultValue!;
  let ok = true;
  switch (cppType(node.type)) {
    case "int32":
    case "int64":
    case "uint32":
    case "uint64":
      ok = /^[-+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(s);
      break;
    case "float":
    case "double":
      ok = s === "inf" || s === "-inf" || s === "nan" || /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|inf|nan|infinity)$/i.test(s);
      break;
    case "bool":
      if (s !== "true" && s !== "false") {
        ctx.addError(proto, ErrorLocation.DefaultValue, "Boolean default must be true or false.");
      }
      return;
    case "message":
      ctx.addError(proto, ErrorLocation.DefaultValue, "Messages can't have default values.");
      delete proto.defaultValue;
      return;
    default:
      return;
  }
  if (!ok) ctx.addError(proto, ErrorLocation.DefaultValue, `Couldn't parse default value "${s}".`);
}
