/**
 * Enum definitions: values with their `[…]` options, `option` and `reserved` statements, and the two
 * `allow_alias` checks protoc's parser makes (an alias option that has no effect, or no alias to allow).
 */
import type { EnumDescriptorProto, EnumValueDescriptorProto } from "../protobuf/index.js";
import type { LocationRecorder } from "./location-recorder.js";
import { done, parseDeclarationName, type ParseContext } from "./parse-context.js";
import { parseOption, parseOptionList } from "./parse-option.js";
import { parseReserved } from "./parse-reserved.js";
import { ErrorLocation } from "./source-location-table.js";

/** A new empty enum descriptor in Spindle's representation. */
export function newEnum(): EnumDescriptorProto {
  return { value: [], reservedRange: [], reservedName: [] };
}

/** `enum Name { … }` (protoc's ParseEnumDefinition). */
export function parseEnumDefinition(ctx: ParseContext, e: EnumDescriptorProto, loc: LocationRecorder): boolean {
  if (!ctx.consume("enum")) return false;
  if (!parseDeclarationName(ctx, loc, e, "Expected enum name.")) return false;
  if (!ctx.parseBlock(loc, "enum definition", () => parseEnumStatement(ctx, e, loc))) return false;
  return validateAllowAlias(ctx, e);
}

function validateAllowAlias(ctx: ParseContext, e: EnumDescriptorProto): boolean {
  let hasAllowAlias = false;
  let allowAlias = false;
  for (const o of e.options?.uninterpretedOption ?? []) {
    if (o.name.length > 1) continue;
    if (!o.name[0]!.isExtension && o.name[0]!.namePart === "allow_alias") {
      hasAllowAlias = true;
      if (o.identifierValue === "true") allowAlias = true;
      break;
    }
  }
  if (hasAllowAlias && !allowAlias) {
    ctx.addError(`"${e.name}" declares 'option allow_alias = false;' which has no effect. Please remove the declaration.`);
    return false;
  }
  const used = new Set<number>();
  let hasDuplicates = false;
  for (const v of e.value) {
    if (used.has(v.number!)) {
      hasDuplicates = true;
      break;
    }
    used.add(v.number!);
  }
  if (allowAlias && !hasDuplicates) {
    ctx.addError(
      `"${e.name}" declares support for enum aliases but no enum values share field numbers. Please remove the unnecessary 'option allow_alias = true;' declaration.`,
    );
    return false;
  }
  return true;
}

function parseEnumStatement(ctx: ParseContext, e: EnumDescriptorProto, loc: LocationRecorder): boolean {
  if (ctx.tryConsumeEndOfDeclaration(";", undefined)) return true;
  if (ctx.lookingAt("option")) {
    const l = loc.child(3);
    e.options ??= { uninterpretedOption: [] };
    return done(l, parseOption(ctx, e.options, l, true));
  }
  if (ctx.lookingAt("reserved")) return parseReserved(ctx, e, loc, true);
  const l = loc.child(2, e.value.length);
  const v: EnumValueDescriptorProto = {};
  e.value.push(v);
  return done(l, parseEnumConstant(ctx, v, l));
}

function parseEnumConstant(ctx: ParseContext, v: EnumValueDescriptorProto, loc: LocationRecorder): boolean {
  if (!parseDeclarationName(ctx, loc, v, "Expected enum constant name.")) return false;
  if (!ctx.consume("=", "Missing numeric value for enum constant.")) return false;
  {
    const l = loc.child(2);
    l.legacy(v, ErrorLocation.Number);
    const n = ctx.consumeSignedInteger("Expected integer.");
    if (n === undefined) return false;
    v.number = n;
    l.end();
  }
  if (ctx.lookingAt("[")) {
    const l = loc.child(3);
    if (!ctx.consume("[")) return false;
    v.options ??= { uninterpretedOption: [] };
    if (!parseOptionList(ctx, v.options, l)) return false;
    l.end();
  }
  return ctx.consumeEndOfDeclaration(";", loc);
}
