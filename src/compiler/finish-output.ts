/**
 * The last step of a successful build: the parsed `FileDescriptorProto` is rewritten in place into what
 * protoc's FileDescriptor::CopyTo plus CopyJsonNameTo produce (resolved types and extendees, json names,
 * labels, canonical default values, no `syntax` for proto2).
 */
import { cEscape } from "./c-escape.js";
import { parseCUnescape } from "./c-unescape.js";
import type { LinkContext } from "./link-context.js";
import { cppType, type FieldNode, type MessageNode } from "./nodes.js";
import { formatDouble, formatFloat } from "./number-format.js";

/** Rewrites the file's descriptor into protoc's output form. */
export function finishOutput(ctx: LinkContext): void {
  const proto = ctx.proto;
  if (proto.syntax !== "proto3") delete proto.syntax;
  const walk = (m: MessageNode): void => {
    m.fields.forEach(finishField);
    m.extensions.forEach(finishField);
    m.nested.forEach(walk);
  };
  ctx.file.messages.forEach(walk);
  ctx.file.extensions.forEach(finishField);
}

function finishField(f: FieldNode): void {
  const p = f.proto;
  p.jsonName = f.jsonName;
  p.type = f.type;
  p.label = f.label;
  if (f.isExtension && f.containing) p.extendee = "." + f.containing.fullName;
  if (f.messageType) p.typeName = "." + f.messageType.fullName;
  else if (f.enumType) p.typeName = "." + f.enumType.fullName;
  if (p.defaultValue !== undefined) p.defaultValue = formatDefault(f, p.defaultValue);
}

/** The default value as protoc's DefaultValueAsString writes it back. */
function formatDefault(f: FieldNode, s: string): string {
  switch (cppType(f.type)) {
    case "int32":
    case "int64":
    case "uint32":
    case "uint64":
      return parseCInteger(s).toString();
    case "float":
      return formatFloat(parseCDouble(s));
    case "double":
      return formatDouble(parseCDouble(s));
    case "string":
      return f.type === 12 ? cEscape(parseCUnescape(s)) : s;
    default:
      return s;
  }
}

/** An integer as strtol reads it: optional sign, then decimal, `0x` hex or `0` octal. */
function parseCInteger(s: string): bigint {
  let neg = false;
  let t = s;
  if (t.startsWith("-")) {
    neg = true;
    t = t.slice(1);
  } else if (t.startsWith("+")) t = t.slice(1);
  let v: bigint;
  if (/^0[xX]/.test(t)) v = BigInt(t);
  else if (/^0[0-7]+$/.test(t)) v = BigInt("0o" + t.slice(1));
  else v = BigInt(t === "" ? "0" : t);
  return neg ? -v : v;
}

/** A double as strtod reads it, with `inf`, `infinity` and `nan` in any case. */
function parseCDouble(s: string): number {
  const t = s.toLowerCase();
  if (t === "inf" || t === "infinity" || t === "+inf") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  if (t === "nan" || t === "-nan" || t === "+nan") return NaN;
  return Number(s);
}
