/**
 * protoc's checks of reserved and extension ranges and reserved names once a message's or enum's members
 * are built: ranges that overlap, fields and values that use reserved numbers or names, fields inside
 * extension ranges. Message ranges are end-exclusive, enum ranges end-inclusive.
 */
import type { LinkContext } from "./link-context.js";
import type { EnumNode, MessageNode } from "./nodes.js";
import { hint } from "./suggest-field-numbers.js";
import { ErrorLocation } from "./source-location-table.js";

type Range = { start?: number; end?: number };

/** `start to end` as protoc prints a range (its last number, whichever way the range is stored). */
function describe(r: Range, isInclusive: boolean): string {
  return `${r.start} to ${isInclusive ? r.end : r.end! - 1}`;
}

function overlap(a: Range, b: Range, isInclusive: boolean): boolean {
  return isInclusive ? a.end! >= b.start! && b.end! >= a.start! : a.end! > b.start! && b.end! > a.start!;
}

/** Reports each later range that overlaps `ranges[i]`, at `ranges[i]`. */
function reportLaterOverlaps(ctx: LinkContext, what: "Reserved" | "Extension", ranges: Range[], i: number, isInclusive: boolean): void {
  const a = ranges[i]!;
  for (let j = i + 1; j < ranges.length; j++) {
    const b = ranges[j]!;
    if (overlap(a, b, isInclusive)) {
      ctx.addError(
        a,
        ErrorLocation.Number,
        `${what} range ${describe(b, isInclusive)} overlaps with already-defined range ${describe(a, isInclusive)}.`,
      );
    }
  }
}

/** The reserved names, each reported at `element` when listed twice (as `"<what> "name" is reserved …"`). */
function reservedNameSet(ctx: LinkContext, names: string[], element: object, what: string): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    if (out.has(n)) ctx.addError(element, ErrorLocation.Name, `${what} "${n}" is reserved multiple times.`);
    out.add(n);
  }
  return out;
}

/** The range checks of a message, in protoc's order (end of its BuildMessage). */
export function checkMessageRanges(ctx: LinkContext, node: MessageNode): void {
  const proto = node.proto;
  const rr = proto.reservedRange;
  for (let i = 0; i < rr.length; i++) reportLaterOverlaps(ctx, "Reserved", rr, i, false);
  const reservedNames = reservedNameSet(ctx, proto.reservedName, proto, "Field name");
  for (const f of node.fields) {
    for (const r of proto.extensionRange) {
      if (r.start! <= f.number && f.number < r.end!) {
        hint(ctx, node, r, ErrorLocation.Number);
        ctx.addError(r, ErrorLocation.Number, `Extension range ${describe(r, false)} includes field "${f.name}" (${f.number}).`);
      }
    }
    for (const r of rr) {
      if (r.start! <= f.number && f.number < r.end!) {
        hint(ctx, node, r, ErrorLocation.Number);
        ctx.addError(r, ErrorLocation.Number, `Field "${f.name}" uses reserved number ${f.number}.`);
      }
    }
    if (reservedNames.has(f.name)) {
      ctx.addError(f.proto, ErrorLocation.Name, `Field name "${f.name}" is reserved.`);
    }
  }
  const er = proto.extensionRange;
  for (let i = 0; i < er.length; i++) {
    const a = er[i]!;
    for (const b of rr) {
      if (overlap(a, b, false)) {
        ctx.addError(
          a,
          ErrorLocation.Number,
          `Extension range ${describe(a, false)} overlaps with reserved range ${describe(b, false)}.`,
        );
      }
    }
    reportLaterOverlaps(ctx, "Extension", er, i, false);
  }
}

/** The reserved-range and reserved-name checks of an enum, in protoc's order (end of its BuildEnum). */
export function checkEnumReserved(ctx: LinkContext, node: EnumNode): void {
  const proto = node.proto;
  const rr = proto.reservedRange;
  for (let i = 0; i < rr.length; i++) reportLaterOverlaps(ctx, "Reserved", rr, i, true);
  const reservedNames = reservedNameSet(ctx, proto.reservedName, proto, "Enum value");
  for (const v of node.values) {
    for (const r of rr) {
      if (r.start! <= v.number && v.number <= r.end!) {
        ctx.addError(r, ErrorLocation.Number, `Enum value "${v.name}" uses reserved number ${v.number}.`);
      }
    }
    if (reservedNames.has(v.name)) ctx.addError(v.proto, ErrorLocation.Name, `Enum value "${v.name}" is reserved.`);
  }
}
