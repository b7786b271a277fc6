/**
 * The protobuf text format, enough of it for aggregate option values (`option (foo) = { a: 1 b { c: "x" } }`):
 * fields by name, extensions in `[…]`, nested messages in `{}` or `<>`, lists `[a, b]`, scalars of every
 * type. The result is serialized the way protoc's DynamicMessage does (fields in number order, proto3
 * repeated scalars packed). Errors come back as protoc's TextFormat messages, joined by "; ".
 */
import type { LinkContext } from "./link-context.js";
import { findType, lookupSymbol } from "./lookup-symbol.js";
import { cppType, type FieldNode, type MessageNode } from "./nodes.js";
import { parseFloatText, parseInteger, parseStringAppend } from "./parse-literal.js";
import { TokenType, Tokenizer } from "./tokenizer.js";
import { WireBytes, wireTypeOf } from "./wire-bytes.js";

type Value = { field: FieldNode; bytes: number[] }[];

class TextError extends Error {}

/** Parses `text` as a message of type `type`; returns its serialized bytes or an error message. */
export function parseTextFormat(ctx: LinkContext, text: Uint8Array, type: MessageNode): Uint8Array | string {
  const errors: string[] = [];
  const tok = new Tokenizer(text, (_l, _c, m) => errors.push(m));
  tok.next();
  try {
    const values = parseMessage(ctx, tok, type, undefined);
    if (errors.length > 0) return errors.join("; ");
    return Uint8Array.from(serialize(values));
  } catch (e) {
    if (e instanceof TextError) return [...errors, e.message].join("; ");
    throw e;
  }
}

function fail(message: string): never {
  throw new TextError(message);
}

function lookingAt(tok: Tokenizer, text: string): boolean {
  return tok.current.type !== TokenType.String && tok.current.text === text;
}

function tryConsume(tok: Tokenizer, text: string): boolean {
  if (lookingAt(tok, text)) {
    tok.next();
    return true;
  }
  return false;
}

function consume(tok: Tokenizer, text: string): void {
  if (!tryConsume(tok, text)) fail(`Expected "${text}", found "${tok.current.text}".`);
}

/** Consumes the `{` or `<` that opens a message value; returns the token that closes it. */
function openMessage(tok: Tokenizer): string {
  if (tryConsume(tok, "{")) return "}";
  if (tryConsume(tok, "<")) return ">";
  fail(`Expected "{", found "${tok.current.text}".`);
}

/** Nesting limit for aggregate values (protoc has none; the JS stack needs one). */
const MAX_DEPTH = 1000;

function parseMessage(ctx: LinkContext, tok: Tokenizer, type: MessageNode, end: string | undefined, depth = 0): Value {
  if (depth > MAX_DEPTH) fail(`Message is too deep, the parser exceeded the configured recursion limit of ${MAX_DEPTH}.`);
  const values: Value = [];
  const seenSingular = new Set<FieldNode>();
  const seenOneof = new Map<object, FieldNode>();
  for (;;) {
    if (end !== undefined && tryConsume(tok, end)) return values;
    if (end === undefined && tok.current.type === TokenType.End) return values;
    if (tok.current.type === TokenType.End) fail(`Expected "${end}".`);
    let field: FieldNode | undefined;
    if (tryConsume(tok, "[")) {
      let name = identifier(tok);
      while (tryConsume(tok, ".") || tryConsume(tok, "/")) name += tok.previous.text + identifier(tok);
      consume(tok, "]");
      const slash = name.lastIndexOf("/");
      if (slash >= 0 && type.fullName === "google.protobuf.Any") {
        // An expanded Any: [type.googleapis.com/pkg.Msg] { … } becomes type_url and value.
        const prefix = name.slice(0, slash + 1);
        const found = findType(ctx, name.slice(slash + 1));
        if ((prefix !== "type.googleapis.com/" && prefix !== "type.googleprod.com/") || found === undefined) {
          fail(`Could not find type "${name}" stored in google.protobuf.Any.`);
        }
        tryConsume(tok, ":");
        const inner = serialize(parseMessage(ctx, tok, found, openMessage(tok), depth + 1));
        const typeUrl = type.fieldsByName.get("type_url");
        const value = type.fieldsByName.get("value");
        if (typeUrl === undefined || value === undefined) fail("google.protobuf.Any has no type_url or value field.");
        values.push({ field: typeUrl, bytes: [...new TextEncoder().encode(name)] });
        values.push({ field: value, bytes: inner });
        if (!tryConsume(tok, ";")) tryConsume(tok, ",");
        continue;
      }
      const l = lookupSymbol(ctx, name, type.fullName);
      field = l.symbol?.kind === "field" && l.symbol.isExtension ? l.symbol : undefined;
      if (field === undefined || field.containing !== type) {
        fail(`Extension "${name}" is not defined or is not an extension of "${type.fullName}".`);
      }
    } else {
      const name = identifier(tok);
      field = type.fieldsByName.get(name);
      if (field === undefined) {
        const lower = type.fieldsByName.get(name.toLowerCase());
        if (lower !== undefined && lower.type === 10) field = lower;
      }
      if (field !== undefined && field.type === 10 && field.messageType?.name !== name) field = undefined;
      if (field === undefined) fail(`Message type "${type.fullName}" has no field named "${name}".`);
    }
    if (field.label !== 3) {
      if (seenSingular.has(field)) {
        fail(`Non-repeated field "${field.name}" is specified multiple times.`);
      }
      seenSingular.add(field);
      if (field.oneof !== undefined) {
        const other = seenOneof.get(field.oneof);
        if (other !== undefined) {
          fail(`Field "${field.name}" is specified along with field "${other.name}", another member of oneof "${field.oneof.name}".`);
        }
        seenOneof.set(field.oneof, field);
      }
    }
    const isMessage = cppType(field.type) === "message";
    if (isMessage) {
      tryConsume(tok, ":");
    } else if (!tryConsume(tok, ":")) {
      fail(`Expected ":", found "${tok.current.text}".`);
    }
    if (field.label === 3 && tryConsume(tok, "[")) {
      if (!tryConsume(tok, "]")) {
        do values.push({ field, bytes: parseValue(ctx, tok, field, depth) });
        while (tryConsume(tok, ","));
        consume(tok, "]");
      }
    } else {
      values.push({ field, bytes: parseValue(ctx, tok, field, depth) });
    }
    if (!tryConsume(tok, ";")) tryConsume(tok, ",");
  }
}

function identifier(tok: Tokenizer): string {
  if (tok.current.type === TokenType.Identifier) {
    const t = tok.current.text;
    tok.next();
    return t;
  }
  fail(`Expected identifier, got: ${tok.current.text}`);
}

/** Parses one value and returns its encoding without tag (for messages: the nested message's bytes). */
function parseValue(ctx: LinkContext, tok: Tokenizer, field: FieldNode, depth: number): number[] {
  const ct = cppType(field.type);
  const w = new WireBytes();
  switch (ct) {
    case "message":
      return serialize(parseMessage(ctx, tok, field.messageType!, openMessage(tok), depth + 1));
    case "string": {
      if (tok.current.type !== TokenType.String) fail(`Expected string, got: ${tok.current.text}`);
      const out: number[] = [];
      while (tok.current.type === TokenType.String) {
        parseStringAppend(tok.bytes(tok.current.start, tok.current.end), out);
        tok.next();
      }
      return out;
    }
    case "bool": {
      const t = tok.current;
      if (t.type === TokenType.Integer) {
        tok.next();
        if (t.text === "0") return w.varint(0).bytes;
        if (t.text === "1") return w.varint(1).bytes;
        fail(`Integer out of range (${t.text})`);
      }
      const id = identifier(tok);
      if (id === "true" || id === "True" || id === "t") return w.varint(1).bytes;
      if (id === "false" || id === "False" || id === "f") return w.varint(0).bytes;
      fail(`Invalid value for boolean field "${field.name}". Value: "${id}".`);
      break;
    }
    case "enum": {
      const e = field.enumType!;
      let number: number | undefined;
      if (tok.current.type === TokenType.Identifier) {
        const id = identifier(tok);
        number = e.values.find((v) => v.name === id)?.number;
        if (number === undefined) fail(`Unknown enumeration value of "${id}" for field "${field.name}".`);
      } else {
        const neg = tryConsume(tok, "-");
        const t = tok.current;
        if (t.type !== TokenType.Integer) fail(`Expected integer or identifier, got: ${t.text}`);
        tok.next();
        const v = parseInteger(t.text, 0x7fffffffn + (neg ? 1n : 0n));
        if (v === undefined) fail(`Integer out of range (${t.text})`);
        number = Number(neg ? -v : v);
        if (e.file.syntax !== "proto3" && !e.values.some((x) => x.number === number)) {
          fail(`Unknown enumeration value of "${neg ? "-" : ""}${t.text}" for field "${field.name}".`);
        }
      }
      return w.varint(BigInt(number)).bytes;
    }
    case "float":
    case "double": {
      const neg = tryConsume(tok, "-");
      const t = tok.current;
      let v: number;
      if (t.type === TokenType.Integer) {
        if (/^0[xX]/.test(t.text)) fail(`Expect a decimal number, got: ${t.text}`);
        const i = parseInteger(t.text, 0xffffffffffffffffn);
        if (i === undefined) fail(`Integer out of range (${t.text})`);
        v = Number(i);
      } else if (t.type === TokenType.Float) v = parseFloatText(t.text);
      else if (t.type === TokenType.Identifier) {
        const l = t.text.toLowerCase();
        if (l === "inf" || l === "infinity") v = Infinity;
        else if (l === "nan") v = NaN;
        else fail(`Expected double, got: ${t.text}`);
      } else fail(`Expected double, got: ${t.text}`);
      tok.next();
      if (neg) v = -v;
      return ct === "float" ? w.float(v).bytes : w.double(v).bytes;
    }
    default: {
      const signed = ct === "int32" || ct === "int64";
      const neg = signed && tryConsume(tok, "-");
      const t = tok.current;
      if (t.type !== TokenType.Integer) fail(`Expected integer, got: ${t.text}`);
      const max =
        ct === "int32" ? 0x7fffffffn + (neg ? 1n : 0n) : ct === "int64" ? 0x7fffffffffffffffn + (neg ? 1n : 0n) : ct === "uint32" ? 0xffffffffn : 0xffffffffffffffffn;
      const i = parseInteger(t.text, max);
      if (i === undefined) fail(`Integer out of range (${t.text})`);
      tok.next();
      return w.integer(field.type, neg ? -i : i).bytes;
    }
  }
  return [];
}

function isPacked(field: FieldNode): boolean {
  if (field.label !== 3) return false;
  const wt = wireTypeOf(field.type);
  if (wt === 2 || wt === 3) return false;
  const packed = field.proto.options?.packed;
  if (packed !== undefined) return packed;
  return field.file.syntax === "proto3";
}

/** Serializes parsed values in field-number order, as a DynamicMessage would. */
function serialize(values: Value): number[] {
  const byField = new Map<FieldNode, number[][]>();
  for (const v of values) {
    let list = byField.get(v.field);
    if (!list) byField.set(v.field, (list = []));
    if (v.field.label === 3) list.push(v.bytes);
    else list[0] = v.bytes;
  }
  const fields = [...byField.keys()].sort((a, b) => a.number - b.number);
  const w = new WireBytes();
  for (const f of fields) {
    const list = byField.get(f)!;
    const wt = wireTypeOf(f.type);
    if (isPacked(f)) {
      const payload: number[] = [];
      for (const b of list) payload.push(...b);
      w.tag(f.number, 2).lengthDelimited(payload);
      continue;
    }
    for (const b of list) {
      if (f.isExtension && f.containing?.proto.options?.messageSetWireFormat && f.type === 11) {
        // MessageSet items: group 1 { type_id = 2; message = 3; }.
        w.tag(1, 3).tag(2, 0).varint(f.number).tag(3, 2).lengthDelimited(b).tag(1, 4);
      } else if (wt === 2) w.tag(f.number, 2).lengthDelimited(b);
      else if (wt === 3) w.tag(f.number, 3).raw(b).tag(f.number, 4);
      else w.tag(f.number, wt).raw(b);
    }
  }
  return w.bytes;
}
