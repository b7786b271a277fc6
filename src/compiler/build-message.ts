/**
 * Builds a message node from its descriptor, as protoc's BuildMessage does: oneofs, fields, nested enums,
 * extension ranges, extensions, nested messages (to protoc's nesting limit), options and the symbol itself,
 * then the range checks. Every error comes in protoc's order.
 */
import type { DescriptorProto } from "../protobuf/index.js";
import { addSymbol, validateSymbolName } from "./add-symbol.js";
import { buildEnum } from "./build-enum.js";
import { buildField } from "./build-field.js";
import { checkMessageRanges } from "./check-ranges.js";
import type { LinkContext } from "./link-context.js";
import { qualifiedName, type MessageNode, type OneofNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";
import { hint } from "./suggest-field-numbers.js";

/** A message (and everything in it) at `path` in the file's source info, under `parent` or the package. */
export function buildMessage(ctx: LinkContext, proto: DescriptorProto, parent: MessageNode | undefined, path: number[]): MessageNode {
  const name = proto.name ?? "";
  const fullName = qualifiedName(parent === undefined ? ctx.file.packageName : parent.fullName, name);
  const node: MessageNode = {
    kind: "message",
    name,
    fullName,
    proto,
    file: ctx.file,
    parent,
    path,
    fields: [],
    extensions: [],
    oneofs: [],
    nested: [],
    enums: [],
    fieldsByNumber: new Map(),
    fieldsByName: new Map(),
  };
  validateSymbolName(ctx, name, proto);
  proto.oneofDecl.forEach((o, i) => {
    const oneofFull = fullName + "." + (o.name ?? "");
    const on: OneofNode = {
      kind: "oneof",
      name: o.name ?? "",
      fullName: oneofFull,
      proto: o,
      message: node,
      index: i,
      fieldCount: 0,
      isSynthetic: false,
      path: [...path, 8, i],
    };
    validateSymbolName(ctx, on.name, o);
    if (o.options !== undefined) {
      ctx.queueOptions(o.options, oneofFull, oneofFull, [...on.path, 2], "google.protobuf.OneofOptions");
    }
    addSymbol(ctx, oneofFull, o, on);
    node.oneofs.push(on);
  });
  proto.field.forEach((f, i) => {
    const fn = buildField(ctx, f, node, false, [...path, 2, i]);
    node.fields.push(fn);
    if (!node.fieldsByName.has(fn.name)) node.fieldsByName.set(fn.name, fn);
  });
  proto.enumType.forEach((e, i) => node.enums.push(buildEnum(ctx, e, node, [...path, 4, i])));
  proto.extensionRange.forEach((r, i) => {
    if ((r.start ?? 0) <= 0) {
      hint(ctx, node, r, ErrorLocation.Number, r.start ?? 0, r.end ?? 0);
      ctx.addError(r, ErrorLocation.Number, "Extension numbers must be positive integers.");
    }
    if ((r.start ?? 0) >= (r.end ?? 0)) {
      ctx.addError(r, ErrorLocation.Number, "Extension range end number must be greater than start number.");
    }
    if (r.options !== undefined) {
      ctx.queueOptions(r.options, fullName, fullName, [...path, 5, i, 3], "google.protobuf.ExtensionRangeOptions");
    }
  });
  proto.extension.forEach((f, i) => node.extensions.push(buildField(ctx, f, node, true, [...path, 6, i])));
  for (const r of proto.reservedRange) {
    if ((r.start ?? 0) <= 0) {
      hint(ctx, node, r, ErrorLocation.Number, r.start ?? 0, r.end ?? 0);
      ctx.addError(r, ErrorLocation.Number, "Reserved numbers must be positive integers.");
    }
  }
  ctx.recursionDepth--;
  if (ctx.recursionDepth <= 0) {
    ctx.addError(proto, ErrorLocation.Other, "Reached maximum recursion limit for nested messages.");
  } else {
    proto.nestedType.forEach((m, i) => node.nested.push(buildMessage(ctx, m, node, [...path, 3, i])));
  }
  ctx.recursionDepth++;
  if (proto.options !== undefined) {
    ctx.queueOptions(proto.options, fullName, fullName, [...path, 7], "google.protobuf.MessageOptions");
  }
  addSymbol(ctx, fullName, proto, node);
  checkMessageRanges(ctx, node);
  return node;
}
