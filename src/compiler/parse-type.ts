/** Field and method types: the scalar type keywords and (possibly qualified) message or enum names. */
import type { ParseContext } from "./parse-context.js";
import { TokenType } from "./tokenizer.js";

/**
 * `FieldDescriptorProto.Type` of each scalar type keyword (and `group`). A Map, not an object literal: a
 * type named `toString` or `constructor` must not find Object.prototype's members.
 */
const TYPE_NAMES = new Map<string, number>([
  ["double", 1],
  ["float", 2],
  ["int64", 3],
  ["uint64", 4],
  ["int32", 5],
  ["fixed64", 6],
  ["fixed32", 7],
  ["bool", 8],
  ["string", 9],
  ["group", 10],
  ["bytes", 12],
  ["uint32", 13],
  ["sfixed32", 15],
  ["sfixed64", 16],
  ["sint32", 17],
  ["sint64", 18],
]);
/** `FieldDescriptorProto.Type.TYPE_GROUP`. */
export const TYPE_GROUP = 10;
/** `FieldDescriptorProto.Type.TYPE_MESSAGE`. */
export const TYPE_MESSAGE = 11;
/** `FieldDescriptorProto.Type.TYPE_ENUM`. */
export const TYPE_ENUM = 14;

/** A field type: `[type, ""]` for a scalar keyword, `[0, name]` for a named type; undefined after an error. */
export function parseType(ctx: ParseContext): [number, string] | undefined {
  const t = TYPE_NAMES.get(ctx.input.current.text);
  if (t !== undefined && ctx.input.current.type === TokenType.Identifier) {
    ctx.input.next();
    return [t, ""];
  }
  const name = parseUserDefinedType(ctx);
  return name === undefined ? undefined : [0, name];
}

/** A message or enum name such as `.pkg.Outer.Inner` (a scalar keyword is reported, then taken as the name). */
export function parseUserDefinedType(ctx: ParseContext): string | undefined {
  const cur = ctx.input.current;
  if (cur.type === TokenType.Identifier && TYPE_NAMES.has(cur.text)) {
    ctx.addError("Expected message type.");
    ctx.input.next();
    return cur.text;
  }
  let name = "";
  if (ctx.tryConsume(".")) name += ".";
  const first = ctx.consumeIdentifier("Expected type name.");
  if (first === undefined) return undefined;
  name += first;
  while (ctx.tryConsume(".")) {
    name += ".";
    const id = ctx.consumeIdentifier("Expected identifier.");
    if (id === undefined) return undefined;
    name += id;
  }
  return name;
}
