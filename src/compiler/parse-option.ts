/**
 * Options, as statements (`option (my.opt).field = value;`) and in `[…]` lists: the dotted name with
 * `(extension)` parts and the value (identifier, signed integer, number, string, or an aggregate `{ … }`
 * kept as text plus raw bytes for the text-format parser). Everything stays uninterpreted here;
 * options.ts interprets it after linking.
 */
import type { UninterpretedOption } from "../protobuf/index.js";
import type { LocationRecorder } from "./location-recorder.js";
import { INT64_MAX, UINT64_MAX, type ParseContext } from "./parse-context.js";
import { ErrorLocation } from "./source-location-table.js";
import { decodeUtf8, TokenType } from "./tokenizer.js";

/** Any `*Options` message while it only holds uninterpreted options. */
export type AnyOptions = { uninterpretedOption: UninterpretedOption[] };

/**
 * One option, appended to `options.uninterpretedOption` (path 999 under `optionsLoc`). A `statement` starts
 * with `option` and ends with `;`; otherwise it is one entry of a `[…]` list.
 */
export function parseOption(ctx: ParseContext, options: AnyOptions, optionsLoc: LocationRecorder, statement: boolean): boolean {
  const loc = optionsLoc.child(999, options.uninterpretedOption.length);
  if (statement && !ctx.consume("option")) return false;
  const option: UninterpretedOption = { name: [] };
  options.uninterpretedOption.push(option);
  {
    const nameLoc = loc.child(2);
    nameLoc.legacy(option, ErrorLocation.OptionName);
    {
      const part = nameLoc.child(option.name.length);
      if (!parseOptionNamePart(ctx, option, part)) return false;
      part.end();
    }
    while (ctx.lookingAt(".")) {
      if (!ctx.consume(".")) return false;
      const part = nameLoc.child(option.name.length);
      if (!parseOptionNamePart(ctx, option, part)) return false;
      part.end();
    }
    nameLoc.end();
  }
  if (!ctx.consume("=")) return false;
  {
    const v = loc.child();
    v.legacy(option, ErrorLocation.OptionValue);
    const negative = ctx.tryConsume("-");
    const t = ctx.input.current;
    switch (t.type) {
      case TokenType.End:
        ctx.addError("Unexpected end of stream while parsing option value.");
        return false;
      case TokenType.Identifier: {
        v.addPath(3);
        if (negative) {
          ctx.addError("Invalid '-' symbol before identifier.");
          return false;
        }
        option.identifierValue = t.text;
        ctx.input.next();
        break;
      }
      case TokenType.Integer: {
        const max = negative ? INT64_MAX + 1n : UINT64_MAX;
        const value = ctx.consumeInteger64(max, "Expected integer.");
        if (value === undefined) return false;
        if (negative) {
          v.addPath(5);
          option.negativeIntValue = -value;
        } else {
          v.addPath(4);
          option.positiveIntValue = value;
        }
        break;
      }
      case TokenType.Float: {
        v.addPath(6);
        const value = ctx.consumeNumber("Expected number.");
        if (value === undefined) return false;
        option.doubleValue = negative ? -value : value;
        break;
      }
      case TokenType.String: {
        v.addPath(7);
        if (negative) {
          ctx.addError("Invalid '-' symbol before string.");
          return false;
        }
        const s = ctx.consumeString("Expected string.");
        if (s === undefined) return false;
        option.stringValue = Uint8Array.from(s);
        break;
      }
      case TokenType.Symbol:
        if (ctx.lookingAt("{")) {
          v.addPath(8);
          if (!parseUninterpretedBlock(ctx, option)) return false;
        } else {
          ctx.addError("Expected option value.");
          return false;
        }
        break;
      default:
        ctx.addError("Expected option value.");
        return false;
    }
    v.end();
  }
  if (statement && !ctx.consumeEndOfDeclaration(";", loc)) return false;
  loc.end();
  return true;
}

/** The rest of a `[a = 1, b = 2]` list after its `[`, through the `]`. */
export function parseOptionList(ctx: ParseContext, options: AnyOptions, loc: LocationRecorder): boolean {
  do {
    if (!parseOption(ctx, options, loc, false)) return false;
  } while (ctx.tryConsume(","));
  return ctx.consume("]");
}

function parseOptionNamePart(ctx: ParseContext, option: UninterpretedOption, partLoc: LocationRecorder): boolean {
  const part: { namePart?: string; isExtension?: boolean } = {};
  option.name.push(part);
  if (ctx.lookingAt("(")) {
    if (!ctx.consume("(")) return false;
    const l = partLoc.child(1);
    let name = "";
    if (ctx.lookingAtType(TokenType.Identifier)) {
      const id = ctx.consumeIdentifier("Expected identifier.");
      if (id === undefined) return false;
      name += id;
    }
    while (ctx.lookingAt(".")) {
      if (!ctx.consume(".")) return false;
      name += ".";
      const id = ctx.consumeIdentifier("Expected identifier.");
      if (id === undefined) return false;
      name += id;
    }
    part.namePart = name;
    l.end();
    if (!ctx.consume(")")) return false;
    part.isExtension = true;
  } else {
    const l = partLoc.child(1);
    const id = ctx.consumeIdentifier("Expected identifier.");
    if (id === undefined) return false;
    part.namePart = id;
    l.end();
    part.isExtension = false;
  }
  return true;
}

/** An aggregate value `{ … }`: its tokens joined by spaces, as protoc's ParseUninterpretedBlock keeps it. */
function parseUninterpretedBlock(ctx: ParseContext, option: UninterpretedOption): boolean {
  if (!ctx.consume("{")) return false;
  let depth = 1;
  const out: number[] = [];
  while (!ctx.atEnd()) {
    if (ctx.lookingAt("{")) depth++;
    else if (ctx.lookingAt("}")) {
      depth--;
      if (depth === 0) {
        ctx.input.next();
        const bytes = Uint8Array.from(out);
        option.aggregateValue = decodeUtf8(bytes);
        ctx.aggregates.set(option, bytes);
        return true;
      }
    }
    if (out.length > 0) out.push(0x20);
    const t = ctx.input.current;
    const raw = ctx.input.bytes(t.start, t.end);
    for (let i = 0; i < raw.length; i++) out.push(raw[i]!);
    ctx.input.next();
  }
  ctx.addError("Unexpected end of stream while parsing aggregate value.");
  return false;
}
