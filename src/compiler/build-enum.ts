/**
 * Builds an enum node and its values, as protoc's BuildEnum and BuildEnumValue do: values are siblings of
 * their enum in the symbol table (C++ scoping), proto3 rejects values that differ only in case and prefix,
 * and reserved ranges and names are checked last.
 */
import type { EnumDescriptorProto } from "../protobuf/index.js";
import { addSymbol, validateSymbolName } from "./add-symbol.js";
import { checkEnumReserved } from "./check-ranges.js";
import type { LinkContext } from "./link-context.js";
import { qualifiedName, type EnumNode, type EnumValueNode, type MessageNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";

/** An enum at `path` in the file's source info, under `parent` or the package. */
export function buildEnum(ctx: LinkContext, proto: EnumDescriptorProto, parent: MessageNode | undefined, path: number[]): EnumNode {
  const scope = parent === undefined ? ctx.file.packageName : parent.fullName;
  const name = proto.name ?? "";
  const fullName = qualifiedName(scope, name);
  const node: EnumNode = { kind: "enum", name, fullName, proto, file: ctx.file, parent, values: [], path };
  validateSymbolName(ctx, name, proto);
  if (proto.value.length === 0) {
    ctx.addError(proto, ErrorLocation.Name, "Enums must contain at least one value.");
  }
  const valueScope = fullName.slice(0, fullName.length - name.length);
  const innerNames = new Set<string>();
  proto.value.forEach((v, i) => {
    const vName = v.name ?? "";
    const vFull = valueScope + vName;
    const vn: EnumValueNode = {
      kind: "enum_value",
      name: vName,
      fullName: vFull,
      number: v.number ?? 0,
      proto: v,
      enumNode: node,
      file: ctx.file,
      path: [...path, 2, i],
    };
    node.values.push(vn);
    validateSymbolName(ctx, vName, v);
    if (v.options !== undefined) {
      ctx.queueOptions(v.options, vFull, vFull, [...vn.path, 3], "google.protobuf.EnumValueOptions");
    }
    const addedOuter = addSymbol(ctx, vFull, v, vn);
    const addedInner = !innerNames.has(vName);
    innerNames.add(vName);
    if (addedInner && !addedOuter) {
      const outer = scope === "" ? "the global scope" : `"${scope}"`;
      ctx.addError(
        v,
        ErrorLocation.Name,
        `Note that enum values use C++ scoping rules, meaning that enum values are siblings of their type, not children of it.  Therefore, "${vName}" must be unique within ${outer}, not just within "${name}".`,
      );
    }
  });
  for (const r of proto.reservedRange) {
    if (r.start! > r.end!) {
      ctx.addError(r, ErrorLocation.Number, "Reserved range end number must be greater than start number.");
    }
  }
  checkEnumValueUniqueness(ctx, node);
  if (proto.options !== undefined) {
    ctx.queueOptions(proto.options, fullName, fullName, [...path, 3], "google.protobuf.EnumOptions");
  }
  addSymbol(ctx, fullName, proto, node);
  checkEnumReserved(ctx, node);
  return node;
}

/** proto3: values whose names match once the enum's prefix, `_` and case are ignored must share a number. */
function checkEnumValueUniqueness(ctx: LinkContext, node: EnumNode): void {
  const prefix = node.name.replace(/_/g, "").toLowerCase();
  const seen = new Map<string, { name: string; number: number }>();
  for (const v of node.values) {
    const stripped = enumValueToPascalCase(removePrefix(prefix, v.name));
    const prev = seen.get(stripped);
    if (prev === undefined) {
      seen.set(stripped, v);
      continue;
    }
    if (prev.name !== v.name && prev.number !== v.number && ctx.file.syntax === "proto3") {
      ctx.addError(
        v.proto,
        ErrorLocation.Name,
        `Enum name ${v.name} has the same name as ${prev.name} if you ignore case and strip out the enum name prefix (if any). This is error-prone and can lead to undefined behavior. Please avoid doing this. If you are using allow_alias, please assign the same numeric value to both enums.`,
      );
    }
  }
}

/** protoc's PrefixRemover, for the proto3 enum value uniqueness check. */
function removePrefix(prefix: string, value: string): string {
  let i = 0;
  let j = 0;
  while (i < value.length && j < prefix.length) {
    if (value[i] === "_") {
      i++;
      continue;
    }
    if (value[i]!.toLowerCase() !== prefix[j]) return value;
    i++;
    j++;
  }
  if (j < prefix.length) return value;
  while (i < value.length && value[i] === "_") i++;
  return i === value.length ? value : value.slice(i);
}

/** protoc's EnumValueToPascalCase. */
function enumValueToPascalCase(input: string): string {
  let next = true;
  let out = "";
  for (const c of input) {
    if (c === "_") next = true;
    else if (next) {
      out += c.toUpperCase();
      next = false;
    } else out += c.toLowerCase();
  }
  return out;
}
