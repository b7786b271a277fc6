/**
 * `reserved` statements of messages and enums: names (`reserved "foo", "bar";`) or number ranges
 * (`reserved 2, 15, 9 to 11, 40 to max;`). Message ranges are end-exclusive; enum ranges are
 * end-inclusive, may be negative, and their `max` is INT32_MAX.
 */
import type { LocationRecorder } from "./location-recorder.js";
import { done, type ParseContext } from "./parse-context.js";
import { TokenType } from "./tokenizer.js";

/** Stands for `max` in a message's range until the body knows whether it is a MessageSet. */
export const MAX_RANGE_SENTINEL = -1;

type Range = { start?: number; end?: number };

/**
 * A `reserved` statement of a message (paths 9 and 10 under `parentLoc`) or an enum (`isEnum`: paths 4 and
 * 5), appending to `target.reservedName` or `target.reservedRange`.
 */
export function parseReserved(
  ctx: ParseContext,
  target: { reservedName: string[]; reservedRange: Range[] },
  parentLoc: LocationRecorder,
  isEnum: boolean,
): boolean {
  const startToken = ctx.input.current;
  if (!ctx.consume("reserved")) return false;
  if (ctx.lookingAtType(TokenType.String)) {
    const l = parentLoc.child(isEnum ? 5 : 10);
    l.startAt(startToken);
    return done(l, parseReservedNames(ctx, target.reservedName, l, isEnum ? "Expected enum value." : "Expected field name."));
  }
  const l = parentLoc.child(isEnum ? 4 : 9);
  l.startAt(startToken);
  return done(l, parseReservedNumbers(ctx, target.reservedRange, l, isEnum));
}

function parseReservedNames(ctx: ParseContext, names: string[], parent: LocationRecorder, error: string): boolean {
  do {
    const l = parent.child(names.length);
    const s = ctx.consumeStringText(error);
    if (s === undefined) return false;
    names.push(s);
    l.end();
  } while (ctx.tryConsume(","));
  return ctx.consumeEndOfDeclaration(";", parent);
}

function parseReservedNumbers(ctx: ParseContext, ranges: Range[], parent: LocationRecorder, isEnum: boolean): boolean {
  let first = true;
  do {
    const l = parent.child(ranges.length);
    const range: Range = {};
    ranges.push(range);
    const startError = isEnum
      ? first ? "Expected enum value or number range." : "Expected enum number range."
      : first ? "Expected field name or number range." : "Expected field number range.";
    const r = parseRange(ctx, l, startError, isEnum);
    if (r === undefined) return false;
    range.start = r.start;
    range.end = isEnum ? r.end : r.end + 1;
    first = false;
    l.end();
  } while (ctx.tryConsume(","));
  return ctx.consumeEndOfDeclaration(";", parent);
}

/**
 * One range, `N`, `N to M` or `N to max` (start at path 1 under `l`, end at path 2), with its end as written:
 * inclusive, `max` read as MAX_RANGE_SENTINEL - 1 for messages and INT32_MAX for enums, whose numbers may be
 * negative. Undefined after an error.
 */
export function parseRange(
  ctx: ParseContext,
  l: LocationRecorder,
  startError: string,
  isEnum: boolean,
): { start: number; end: number } | undefined {
  const startToken = ctx.input.current;
  const s = l.child(1);
  const start = isEnum ? ctx.consumeSignedInteger(startError) : ctx.consumeInteger(startError);
  if (start === undefined) return undefined;
  s.end();
  if (!ctx.tryConsume("to")) {
    const e = l.child(2);
    e.startAt(startToken);
    e.endAt(startToken);
    return { start, end: start };
  }
  // The end's location starts after "to".
  const e = l.child(2);
  let end: number | undefined;
  if (ctx.tryConsume("max")) end = isEnum ? 0x7fffffff : MAX_RANGE_SENTINEL - 1;
  else {
    end = isEnum ? ctx.consumeSignedInteger("Expected integer.") : ctx.consumeInteger("Expected integer.");
    if (end === undefined) return undefined;
  }
  e.end();
  return { start, end };
}
