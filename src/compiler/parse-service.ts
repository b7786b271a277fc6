/**
 * Service definitions: `option` statements and `rpc` methods with their streaming keywords, input and
 * output types, and an optional `{ option …; }` body.
 */
import type { MethodDescriptorProto, ServiceDescriptorProto } from "../protobuf/index.js";
import type { LocationRecorder } from "./location-recorder.js";
import { done, parseDeclarationName, type ParseContext } from "./parse-context.js";
import { parseOption } from "./parse-option.js";
import { parseUserDefinedType } from "./parse-type.js";
import { ErrorLocation } from "./source-location-table.js";

/** `service Name { … }` (protoc's ParseServiceDefinition). */
export function parseServiceDefinition(ctx: ParseContext, s: ServiceDescriptorProto, loc: LocationRecorder): boolean {
  if (!ctx.consume("service")) return false;
  if (!parseDeclarationName(ctx, loc, s, "Expected service name.")) return false;
  return ctx.parseBlock(loc, "service definition", () => parseServiceStatement(ctx, s, loc));
}

function parseServiceStatement(ctx: ParseContext, s: ServiceDescriptorProto, loc: LocationRecorder): boolean {
  if (ctx.tryConsumeEndOfDeclaration(";", undefined)) return true;
  if (ctx.lookingAt("option")) {
    const l = loc.child(3);
    s.options ??= { uninterpretedOption: [] };
    return done(l, parseOption(ctx, s.options, l, true));
  }
  const l = loc.child(2, s.method.length);
  const m: MethodDescriptorProto = {};
  s.method.push(m);
  return done(l, parseServiceMethod(ctx, m, l));
}

function parseServiceMethod(ctx: ParseContext, m: MethodDescriptorProto, loc: LocationRecorder): boolean {
  if (!ctx.consume("rpc")) return false;
  if (!parseDeclarationName(ctx, loc, m, "Expected method name.")) return false;
  if (!parseMethodType(ctx, m, loc, true)) return false;
  if (!ctx.consume("returns")) return false;
  if (!parseMethodType(ctx, m, loc, false)) return false;
  if (ctx.lookingAt("{")) {
    // protoc creates the options message as soon as a method has a body, even an empty one.
    m.options ??= { uninterpretedOption: [] };
    ctx.consumeEndOfDeclaration("{", loc);
    while (!ctx.tryConsumeEndOfDeclaration("}", undefined)) {
      if (ctx.atEnd()) {
        ctx.addError("Reached end of input in method options (missing '}').");
        return false;
      }
      if (ctx.tryConsumeEndOfDeclaration(";", undefined)) continue;
      const l = loc.child(4);
      if (!parseOption(ctx, m.options, l, true)) ctx.skipStatement();
      l.end();
    }
    return true;
  }
  return ctx.consumeEndOfDeclaration(";", loc);
}

/** `(stream? Type)`: the input side of a method (`isInput`) or its output side. */
function parseMethodType(ctx: ParseContext, m: MethodDescriptorProto, loc: LocationRecorder, isInput: boolean): boolean {
  if (!ctx.consume("(")) return false;
  if (ctx.lookingAt("stream")) {
    const l = loc.child(isInput ? 5 : 6);
    l.legacy(m, ErrorLocation.Other);
    if (!ctx.consume("stream")) return false;
    if (isInput) m.clientStreaming = true;
    else m.serverStreaming = true;
    l.end();
  }
  const l = loc.child(isInput ? 2 : 3);
  l.legacy(m, isInput ? ErrorLocation.InputType : ErrorLocation.OutputType);
  const t = parseUserDefinedType(ctx);
  if (t === undefined) return false;
  if (isInput) m.inputType = t;
  else m.outputType = t;
  l.end();
  return ctx.consume(")");
}
