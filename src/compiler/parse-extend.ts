/**
 * `extend Foo { … }` blocks, at file level or inside a message: each field becomes an extension with
 * `extendee` set, and gets its own source location for the extendee name (the first one also the position
 * the linker reports extendee errors at).
 */
import type { FieldDescriptorProto } from "../protobuf/index.js";
import type { LocationRecorder } from "./location-recorder.js";
import type { ParseContext } from "./parse-context.js";
import { parseMessageField, type NestedMessages } from "./parse-field.js";
import { parseUserDefinedType } from "./parse-type.js";
import { ErrorLocation } from "./source-location-table.js";

/** An `extend` block; extensions go to `extensions`, groups' messages to `nested`. */
export function parseExtend(
  ctx: ParseContext,
  extensions: FieldDescriptorProto[],
  nested: NestedMessages,
  extendLoc: LocationRecorder,
): boolean {
  if (!ctx.consume("extend")) return false;
  const extendeeStart = ctx.input.current;
  const extendee = parseUserDefinedType(ctx);
  if (extendee === undefined) return false;
  const extendeeEnd = ctx.input.previous;
  if (!ctx.consumeEndOfDeclaration("{", extendLoc)) return false;
  let isFirst = true;
  do {
    if (ctx.atEnd()) {
      ctx.addError("Reached end of input in extend definition (missing '}').");
      return false;
    }
    const l = extendLoc.child(extensions.length);
    const field: FieldDescriptorProto = {};
    extensions.push(field);
    {
      const e = l.child(2);
      e.startAt(extendeeStart);
      e.endAt(extendeeEnd);
      if (isFirst) {
        e.legacy(field, ErrorLocation.Extendee);
        isFirst = false;
      }
    }
    field.extendee = extendee;
    if (!parseMessageField(ctx, field, nested, l)) ctx.skipStatement();
    l.end();
  } while (!ctx.tryConsumeEndOfDeclaration("}", undefined));
  return true;
}
