/**
 * `extensions 100 to 199, 500 [ (opt) = … ];`: extension ranges (end exclusive; `max` is fixed up by the
 * message body once it knows whether the message is a MessageSet) and their options, which protoc copies
 * into every range of the statement together with their source locations.
 */
import type { DescriptorProto, SourceCodeInfo_Location, UninterpretedOption } from "../protobuf/index.js";
import { LocationRecorder } from "./location-recorder.js";
import type { ParseContext } from "./parse-context.js";
import { parseOptionList, type AnyOptions } from "./parse-option.js";
import { parseRange } from "./parse-reserved.js";
import { ErrorLocation } from "./source-location-table.js";

/** An `extensions` statement of `message` (protoc's ParseExtensions). */
export function parseExtensions(ctx: ParseContext, message: DescriptorProto, extLoc: LocationRecorder): boolean {
  if (!ctx.consume("extensions")) return false;
  const oldSize = message.extensionRange.length;
  do {
    const l = extLoc.child(message.extensionRange.length);
    const range: { start?: number; end?: number; options?: AnyOptions } = {};
    message.extensionRange.push(range);
    l.legacy(range, ErrorLocation.Number);
    const r = parseRange(ctx, l, "Expected field number range.", false);
    if (r === undefined) return false;
    range.start = r.start;
    range.end = r.end + 1;
    l.end();
  } while (ctx.tryConsume(","));
  if (ctx.lookingAt("[")) {
    if (!parseRangeOptions(ctx, message, oldSize, extLoc)) return false;
  }
  return ctx.consumeEndOfDeclaration(";", extLoc);
}

/**
 * The `[…]` options of the ranges from `firstRange` on: parsed once with their locations recorded aside,
 * then each range gets its own copy of both (a copy, so interpreting one range's options leaves the others').
 */
function parseRangeOptions(ctx: ParseContext, message: DescriptorProto, firstRange: number, extLoc: LocationRecorder): boolean {
  const rangeNumberIndex = extLoc.pathSize();
  const info: SourceCodeInfo_Location[] = [];
  const options: AnyOptions = { uninterpretedOption: [] };
  message.extensionRange[firstRange]!.options = options;
  {
    const saved = ctx.locations;
    // The recorders below, nested ones included, must go into `info`.
    ctx.locations = info;
    const index = new LocationRecorder(ctx, [...extLoc.loc.path, 0], info);
    const l = index.child(3);
    const ok = ctx.consume("[") && parseOptionList(ctx, options, l);
    ctx.locations = saved;
    if (!ok) return false;
    l.end();
    index.end();
  }
  for (let i = firstRange + 1; i < message.extensionRange.length; i++) {
    message.extensionRange[i]!.options = {
      uninterpretedOption: options.uninterpretedOption.map((o) => {
        const c: UninterpretedOption = { ...o, name: o.name.map((n) => ({ ...n })) };
        const agg = ctx.aggregates.get(o);
        if (agg !== undefined) ctx.aggregates.set(c, agg);
        return c;
      }),
    };
  }
  for (let i = firstRange; i < message.extensionRange.length; i++) {
    for (const loc of info) {
      if (loc.path.length === rangeNumberIndex + 1) continue;
      const copy: SourceCodeInfo_Location = {
        path: [...loc.path],
        span: [...loc.span],
        leadingDetachedComments: [...loc.leadingDetachedComments],
      };
      if (loc.leadingComments !== undefined) copy.leadingComments = loc.leadingComments;
      if (loc.trailingComments !== undefined) copy.trailingComments = loc.trailingComments;
      copy.path[rangeNumberIndex] = i;
      ctx.locations.push(copy);
    }
  }
  return true;
}
