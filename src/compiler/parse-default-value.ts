/**
 * `[default = …]`: the value is checked against the field's type (when the parser knows it, i.e. for
 * scalars) and stored as protoc's parser stores it: integers in decimal, floats as protoc formats doubles,
 * `bytes` C-escaped, strings as text, enum values as identifiers. Named types are checked by the linker.
 */
import type { FieldDescriptorProto } from "../protobuf/index.js";
import { cEscape } from "./c-escape.js";
import type { LocationRecorder } from "./location-recorder.js";
import { INT32_MAX, INT64_MAX, UINT32_MAX, UINT64_MAX, type ParseContext } from "./parse-context.js";
import { TYPE_ENUM, TYPE_GROUP, TYPE_MESSAGE } from "./parse-type.js";
import { ErrorLocation } from "./source-location-table.js";
import { formatDouble } from "./number-format.js";
import { decodeUtf8 } from "./tokenizer.js";

/** `default = value` inside a field's options (protoc's ParseDefaultAssignment). */
export function parseDefaultAssignment(ctx: ParseContext, field: FieldDescriptorProto, fieldLoc: LocationRecorder): boolean {
  if (field.defaultValue !== undefined) {
    ctx.addError('Already set option "default".');
    delete field.defaultValue;
  }
  if (!ctx.consume("default")) return false;
  if (!ctx.consume("=")) return false;
  const l = fieldLoc.child(7);
  l.legacy(field, ErrorLocation.DefaultValue);
  let value = "";
  if (field.type === undefined) {
    field.defaultValue = ctx.input.current.text;
    ctx.input.next();
    l.end();
    return true;
  }
  switch (field.type) {
    case 5:
    case 3:
    case 17:
    case 18:
    case 15:
    case 16: {
      let max = field.type === 5 || field.type === 17 || field.type === 15 ? INT32_MAX : INT64_MAX;
      if (ctx.tryConsume("-")) {
        value += "-";
        max += 1n;
      }
      const v = ctx.consumeInteger64(max, "Expected integer for field default value.");
      if (v === undefined) return false;
      value += v.toString();
      break;
    }
    case 13:
    case 4:
    case 7:
    case 6: {
      const max = field.type === 13 || field.type === 7 ? UINT32_MAX : UINT64_MAX;
      if (ctx.tryConsume("-")) ctx.addError("Unsigned field can't have negative default value.");
      const v = ctx.consumeInteger64(max, "Expected integer for field default value.");
      if (v === undefined) return false;
      value += v.toString();
      break;
    }
    case 2:
    case 1: {
      if (ctx.tryConsume("-")) value += "-";
      const v = ctx.consumeNumber("Expected number.");
      if (v === undefined) return false;
      value += formatDouble(v);
      break;
    }
    case 8:
      if (ctx.tryConsume("true")) value = "true";
      else if (ctx.tryConsume("false")) value = "false";
      else {
        ctx.addError('Expected "true" or "false".');
        return false;
      }
      break;
    case 9: {
      const s = ctx.consumeString("Expected string for field default value.");
      if (s === undefined) return false;
      value = decodeUtf8(Uint8Array.from(s));
      break;
    }
    case 12: {
      const s = ctx.consumeString("Expected string.");
      if (s === undefined) return false;
      value = cEscape(s);
      break;
    }
    case TYPE_ENUM: {
      const id = ctx.consumeIdentifier("Expected enum identifier for field default value.");
      if (id === undefined) return false;
      value = id;
      break;
    }
    case TYPE_MESSAGE:
    case TYPE_GROUP:
      ctx.addError("Messages can't have default values.");
      return false;
  }
  field.defaultValue = value;
  l.end();
  return true;
}
