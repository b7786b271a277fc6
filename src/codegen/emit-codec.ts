/**
 * The straight-line binary codec of one message: an encode function writing its fields in field-number order
 * (as the reflection codec, protoc and Python do, so the bytes are identical) followed by the unknown fields,
 * and a decode function switching on whole tags. Everything the reflection codec decides per field at run
 * time (presence, packing, zero tests, key conversion) is decided here once.
 */
import { ScalarType, type DescField, type DescMessage } from "../protobuf/index.js";
import type { FileContext } from "./file-context.js";
import { propertyAccess } from "./names.js";

type Field = DescField;

/** Writes a constant tag: one byte below 128 (most tags), a varint above. */
function writeTag(tag: number): string {
  return tag < 0x80 ? `w.byte(${tag})` : `w.uint32(${tag})`;
}

/** The wire type a field's values are written with (packed lists aside). */
function naturalWireType(field: Field): number {
  switch (field.fieldKind) {
    case "scalar":
      return scalarWireType(field.scalar);
    case "enum":
      return 0;
    case "message":
      return field.delimitedEncoding ? 3 : 2;
    case "map":
      return 2;
    case "list":
      if (field.listKind === "message") return field.delimitedEncoding ? 3 : 2;
      if (field.listKind === "enum") return field.packed ? 2 : 0;
      return field.packed ? 2 : scalarWireType(field.scalar);
  }
}

/** Wire type of one value of a scalar type. */
function scalarWireType(t: ScalarType): number {
  switch (t) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 1;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return 5;
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return 2;
    default:
      return 0;
  }
}

function is64(t: ScalarType): boolean {
  return t === ScalarType.INT64 || t === ScalarType.UINT64 || t === ScalarType.SINT64 || t === ScalarType.FIXED64 || t === ScalarType.SFIXED64;
}

/** The writer call for one scalar value. */
function writeScalar(t: ScalarType, v: string): string {
  switch (t) {
    case ScalarType.DOUBLE:
      return `w.double(${v})`;
    case ScalarType.FLOAT:
      return `w.float(${v})`;
    case ScalarType.INT32:
      return `w.int32(${v})`;
    case ScalarType.UINT32:
      return `w.uint32(${v})`;
    case ScalarType.SINT32:
      return `w.sint32(${v})`;
    case ScalarType.FIXED32:
      return `w.fixed32(${v})`;
    case ScalarType.SFIXED32:
      return `w.sfixed32(${v})`;
    case ScalarType.INT64:
      return `w.int64(${v}, true)`;
    case ScalarType.UINT64:
      return `w.int64(${v}, false)`;
    case ScalarType.SINT64:
      return `w.sint64(${v})`;
    case ScalarType.FIXED64:
      return `w.fixed64(${v}, false)`;
    case ScalarType.SFIXED64:
      return `w.fixed64(${v}, true)`;
    case ScalarType.BOOL:
      return `w.bool(${v})`;
    case ScalarType.STRING:
      return `w.string(${v})`;
    case ScalarType.BYTES:
      return `w.bytes(${v})`;
  }
}

/** The reader expression for one scalar value in the representation `long` for 64-bit types. */
function readScalar(t: ScalarType, long: string, validateUtf8: boolean): string {
  const conv = (e: string) => (long === "string" ? `${e}.toString()` : long === "number" ? `Number(${e})` : e);
  switch (t) {
    case ScalarType.DOUBLE:
      return "r.double()";
    case ScalarType.FLOAT:
      return "r.float()";
    case ScalarType.INT32:
      return "r.int32()";
    case ScalarType.UINT32:
      return "r.uint32()";
    case ScalarType.SINT32:
      return "r.sint32()";
    case ScalarType.FIXED32:
      return "r.fixed32()";
    case ScalarType.SFIXED32:
      return "r.sfixed32()";
    case ScalarType.INT64:
      return conv("r.int64()");
    case ScalarType.UINT64:
      return conv("r.uint64()");
    case ScalarType.SINT64:
      return conv("r.sint64()");
    case ScalarType.FIXED64:
      return conv("r.fixed64()");
    case ScalarType.SFIXED64:
      return conv("r.sfixed64()");
    case ScalarType.BOOL:
      return "r.bool()";
    case ScalarType.STRING:
      return `r.string(${validateUtf8})`;
    case ScalarType.BYTES:
      return "r.bytes()";
  }
}

/** The implicit-presence test "is not the zero value" (the reflection codec's `isScalarZero`, negated). */
function isNonZero(t: ScalarType, v: string, long: string): string {
  switch (t) {
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      // -0 is written (protoc compares bits); NaN too.
      return `${v} != null && (${v} !== 0 || 1 / ${v} < 0)`;
    case ScalarType.BYTES:
      return `${v} != null && ${v}.length !== 0`;
    case ScalarType.STRING:
    case ScalarType.BOOL:
      return v;
    default:
      // A falsy test catches 0n and 0 whatever the representation; decimal strings also need "0".
      if (is64(t) && long === "string") return `${v} && ${v} !== "0"`;
      return v;
  }
}

/** Map keys are object property strings: the expression turning one back into its key type. */
function mapKeyFromString(t: ScalarType, k: string): string {
  if (t === ScalarType.STRING || is64(t)) return k;
  if (t === ScalarType.BOOL) return `${k} === "true"`;
  return `Number(${k})`;
}

/** The expression turning a decoded key into its property string. */
function mapKeyToString(t: ScalarType): string {
  if (t === ScalarType.STRING) return "r.string(" + "VALIDATE" + ")";
  if (t === ScalarType.BOOL) return `(r.bool() ? "true" : "false")`;
  return `String(${readScalar(t, "bigint", false)})`;
}

function mapKeyDefault(t: ScalarType): string {
  return t === ScalarType.STRING ? `""` : t === ScalarType.BOOL ? `"false"` : `"0"`;
}

/** Emits `<Name>$encode` and `<Name>$decode` for one message. */
export function emitCodec(ctx: FileContext, msg: DescMessage): void {
  emitEncode(ctx, msg);
  ctx.f.print();
  emitDecode(ctx, msg);
}

function emitEncode(ctx: FileContext, msg: DescMessage): void {
  const { f } = ctx;
  const name = ctx.localName(msg);
  const init = ctx.rtType("MessageInit");
  const writer = ctx.rtType("CodecWriter");
  f.print(`function ${name}$encode(m: `, init, `<${name}>, w: `, writer, `): void {`);
  const fields = [...msg.fields].sort((a, b) => a.number - b.number);
  const oneofVars = new Map<string, string>();
  msg.oneofs.forEach((o, i) => {
    if (o.isSynthetic) return;
    const v = `o${i}`;
    oneofVars.set(o.localName, v);
    f.print(`  const ${v} = m${propertyAccess(o.localName)};`);
  });
  for (const field of fields) {
    const tagOf = (wt: number) => ((field.number << 3) | wt) >>> 0;
    if (field.oneof !== undefined) {
      const o = oneofVars.get(field.oneof.localName)!;
      f.print(`  if (${o} != null && ${o}.case === ${JSON.stringify(field.localName)}) {`);
      emitEncodeValue(ctx, field, `${o}.value`, "    ", tagOf);
      f.print(`  }`);
      continue;
    }
    const v = `f${field.number}`;
    f.print(`  const ${v} = m${propertyAccess(field.localName)};`);
    switch (field.fieldKind) {
      case "scalar": {
        const cond = field.presence === "implicit" ? isNonZero(field.scalar, v, ctx.longOf(field)) : `${v} != null`;
        f.print(`  if (${cond}) {`);
        emitEncodeValue(ctx, field, v, "    ", tagOf);
        f.print(`  }`);
        break;
      }
      case "enum":
        f.print(`  if (${field.presence === "implicit" ? v : `${v} != null`}) {`);
        emitEncodeValue(ctx, field, v, "    ", tagOf);
        f.print(`  }`);
        break;
      case "message":
        f.print(`  if (${v} != null) {`);
        emitEncodeValue(ctx, field, v, "    ", tagOf);
        f.print(`  }`);
        break;
      case "list": {
        f.print(`  if (${v} != null && ${v}.length !== 0) {`);
        if (field.listKind === "message") {
          f.print(`    for (let i = 0; i < ${v}.length; i++) {`);
          emitMessageValue(ctx, field.message, field.delimitedEncoding, `${v}[i]!`, "      ", field.number);
          f.print(`    }`);
        } else {
          const t = field.listKind === "enum" ? ScalarType.INT32 : field.scalar;
          if (field.packed) {
            f.print(`    ${writeTag(tagOf(2))};`);
            f.print(`    const s = w.fork();`);
            f.print(`    for (let i = 0; i < ${v}.length; i++) ${writeScalar(t, `${v}[i]!`)};`);
            f.print(`    w.join(s);`);
          } else {
            f.print(`    for (let i = 0; i < ${v}.length; i++) {`);
            f.print(`      ${writeTag(tagOf(scalarWireType(t)))};`);
            f.print(`      ${writeScalar(t, `${v}[i]!`)};`);
            f.print(`    }`);
          }
        }
        f.print(`  }`);
        break;
      }
      case "map": {
        f.print(`  if (${v} != null) {`);
        // Object.keys: own enumerable keys in the order the reflection codec's for-in/hasOwnProperty sees them.
        f.print(`    const keys = Object.keys(${v});`);
        f.print(`    for (let i = 0; i < keys.length; i++) {`);
        f.print(`      const k = keys[i]!;`);
        f.print(`      const e = ${v}[k];`);
        f.print(`      ${writeTag(tagOf(2))};`);
        f.print(`      const s = w.fork();`);
        f.print(`      ${writeTag(8 | scalarWireType(field.mapKey))};`);
        f.print(`      ${writeScalar(field.mapKey, mapKeyFromString(field.mapKey, "k"))};`);
        if (field.mapKind === "message") {
          f.print(`      ${writeTag(18)};`);
          f.print(`      const vs = w.fork();`);
          f.print(`      if (e != null) `, ctx.encodeRef(field.message), `(e, w);`);
          f.print(`      w.join(vs);`);
        } else {
          const t = field.mapKind === "enum" ? ScalarType.INT32 : field.scalar;
          f.print(`      ${writeTag(16 | scalarWireType(t))};`);
          f.print(`      ${writeScalar(t, "e!")};`);
        }
        f.print(`      w.join(s);`);
        f.print(`    }`);
        f.print(`  }`);
        break;
      }
    }
  }
  f.print(`  const u = m[`, ctx.rt("UnknownFields"), `];`);
  f.print(`  if (u !== undefined && u.length !== 0 && w.writeUnknown) w.raw(u);`);
  f.print(`}`);
}

/** Writes one present singular value (scalar, enum or message) with its tag. */
function emitEncodeValue(ctx: FileContext, field: Field, v: string, indent: string, tagOf: (wt: number) => number): void {
  const { f } = ctx;
  if (field.fieldKind === "scalar") {
    f.print(`${indent}${writeTag(tagOf(scalarWireType(field.scalar)))};`);
    f.print(`${indent}${writeScalar(field.scalar, v)};`);
  } else if (field.fieldKind === "enum") {
    f.print(`${indent}${writeTag(tagOf(0))};`);
    f.print(`${indent}w.int32(${v});`);
  } else if (field.fieldKind === "message") {
    emitMessageValue(ctx, field.message, field.delimitedEncoding, v, indent, field.number);
  }
}

function emitMessageValue(ctx: FileContext, message: DescMessage, delimited: boolean, v: string, indent: string, no: number): void {
  const { f } = ctx;
  if (delimited) {
    f.print(`${indent}${writeTag(((no << 3) | 3) >>> 0)};`);
    f.print(indent, ctx.encodeRef(message), `(${v}, w);`);
    f.print(`${indent}${writeTag(((no << 3) | 4) >>> 0)};`);
  } else {
    f.print(`${indent}${writeTag(((no << 3) | 2) >>> 0)};`);
    f.print(`${indent}const s = w.fork();`);
    f.print(indent, ctx.encodeRef(message), `(${v}, w);`);
    f.print(`${indent}w.join(s);`);
  }
}

function emitDecode(ctx: FileContext, msg: DescMessage): void {
  const { f } = ctx;
  const name = ctx.localName(msg);
  const reader = ctx.rtType("CodecReader");
  const validate = msg.file.syntax === "proto3";
  f.print(`function ${name}$decode(r: `, reader, `, end: number, depth: number, target?: ${name}, group?: number): ${name} {`);
  f.print(`  if (depth > r.maxDepth) throw r.tooDeep();`);
  f.print(`  const m: ${name} = target ?? ${name}$empty();`);
  f.print(`  let u = target === undefined ? undefined : m[`, ctx.rt("UnknownFields"), `];`);
  f.print(`  let tag = 0;`);
  f.print(`  let closed = group === undefined;`);
  f.print(`  try {`);
  f.print(`    loop: while (r.pos < end) {`);
  f.print(`      const start = r.pos;`);
  f.print(`      tag = r.tag();`);
  f.print(`      switch (tag) {`);
  const fields = [...msg.fields].sort((a, b) => a.number - b.number);
  for (const field of fields) emitDecodeField(ctx, field, validate);
  f.print(`        default:`);
  f.print(`          if ((tag & 7) === 4) {`);
  f.print(`            if (tag !== group) throw r.strayEndGroup(tag, group);`);
  f.print(`            closed = true;`);
  f.print(`            break loop;`);
  f.print(`          }`);
  if (fields.length > 0) {
    // A known field with another wire type is an error, as in the reflection codec.
    f.print(`          switch (tag >>> 3) {`);
    for (const x of fields) {
      f.print(`            case ${x.number}:`);
      f.print(`              throw r.wrongWireType(tag, ${JSON.stringify(x.name)}, ${naturalWireType(x)});`);
    }
    f.print(`          }`);
  }
  f.print(`          u = r.unknown(u, tag, start, depth);`);
  f.print(`      }`);
  f.print(`    }`);
  f.print(`    if (r.pos > end) throw r.truncated();`);
  f.print(`    if (!closed) throw r.missingEndGroup(group!);`);
  f.print(`  } catch (e) {`);
  f.print(`    throw r.locate(e, tag, ${JSON.stringify(msg.typeName)});`);
  f.print(`  }`);
  f.print(`  if (u !== undefined) m[`, ctx.rt("UnknownFields"), `] = u;`);
  f.print(`  return m;`);
  f.print(`}`);
}

function emitDecodeField(ctx: FileContext, field: Field, validate: boolean): void {
  const { f } = ctx;
  const no = field.number;
  const tagOf = (wt: number) => ((no << 3) | wt) >>> 0;
  const prop = `m${propertyAccess(field.localName)}`;
  const set = (expr: string): string =>
    field.oneof !== undefined
      ? `m${propertyAccess(field.oneof.localName)} = { case: ${JSON.stringify(field.localName)}, value: ${expr} };`
      : `${prop} = ${expr};`;
  switch (field.fieldKind) {
    case "scalar":
      f.print(`        case ${tagOf(scalarWireType(field.scalar))}:`);
      f.print(`          ${set(readScalar(field.scalar, ctx.longOf(field), validate))}`);
      f.print(`          break;`);
      return;
    case "enum":
      f.print(`        case ${tagOf(0)}: {`);
      f.print(`          const v = r.int32();`);
      if (field.enum.open) {
        f.print(`          ${set("v")}`);
      } else {
        f.print(`          if (`, ctx.ref(field.enum), `[v] !== undefined) ${set("v")}`);
        f.print(`          else if (r.keepUnknown) u = `, ctx.rt("appendUnknownVarint"), `(u, ${no}, v);`);
      }
      f.print(`          break;`);
      f.print(`        }`);
      return;
    case "message": {
      const dec = ctx.decodeRef(field.message);
      const wt = field.delimitedEncoding ? 3 : 2;
      const args = field.delimitedEncoding ? `end, depth + 1, T, ${tagOf(4)}` : `r.len(), depth + 1, T`;
      f.print(`        case ${tagOf(wt)}:`);
      if (field.oneof !== undefined) {
        const o = `m${propertyAccess(field.oneof.localName)}`;
        const t = `${o}.case === ${JSON.stringify(field.localName)} ? ${o}.value : undefined`;
        f.print(`          ${o} = { case: ${JSON.stringify(field.localName)}, value: `, dec, `(r, ${args.replace("T", `${t}`)}) };`);
      } else {
        f.print(`          ${prop} = `, dec, `(r, ${args.replace("T", prop)});`);
      }
      f.print(`          break;`);
      return;
    }
    case "list": {
      if (field.listKind === "message") {
        const dec = ctx.decodeRef(field.message);
        if (field.delimitedEncoding) {
          f.print(`        case ${tagOf(3)}:`);
          f.print(`          ${prop}.push(`, dec, `(r, end, depth + 1, undefined, ${tagOf(4)}));`);
        } else {
          f.print(`        case ${tagOf(2)}:`);
          f.print(`          ${prop}.push(`, dec, `(r, r.len(), depth + 1));`);
        }
        f.print(`          break;`);
        return;
      }
      const t = field.listKind === "enum" ? ScalarType.INT32 : field.scalar;
      const read = field.listKind === "enum" ? "r.int32()" : readScalar(t, ctx.longOf(field), validate);
      const wt = scalarWireType(t);
      const push = (indent: string, readExpr: string) => {
        if (field.listKind === "enum" && !field.enum.open) {
          f.print(`${indent}{`);
          f.print(`${indent}  const v = ${readExpr};`);
          f.print(`${indent}  if (`, ctx.ref(field.enum), `[v] !== undefined) ${prop}.push(v);`);
          f.print(`${indent}  else if (r.keepUnknown) u = `, ctx.rt("appendUnknownVarint"), `(u, ${no}, v);`);
          f.print(`${indent}}`);
        } else {
          f.print(`${indent}${prop}.push(${readExpr});`);
        }
      };
      f.print(`        case ${tagOf(wt)}:`);
      push("          ", read);
      f.print(`          break;`);
      if (wt !== 2) {
        // Packed and unpacked are both accepted, whatever the field declares.
        f.print(`        case ${tagOf(2)}: {`);
        f.print(`          const e = r.len();`);
        f.print(`          while (r.pos < e) `);
        push("            ", field.listKind === "enum" ? "r.int32()" : readScalar(t, ctx.longOf(field), false));
        f.print(`          if (r.pos > e) throw r.truncated();`);
        f.print(`          break;`);
        f.print(`        }`);
      }
      return;
    }
    case "map": {
      const keyWt = scalarWireType(field.mapKey);
      const valueT = field.mapKind === "scalar" ? field.scalar : ScalarType.INT32;
      const valueWt = field.mapKind === "message" ? 2 : scalarWireType(valueT);
      f.print(`        case ${tagOf(2)}: {`);
      f.print(`          if (depth >= r.maxDepth) throw r.tooDeep();`);
      f.print(`          const e = r.len();`);
      f.print(`          let k = ${mapKeyDefault(field.mapKey)};`);
      if (field.mapKind === "message") {
        f.print(`          let v: `, ctx.ref(field.message), ` | undefined;`);
      } else if (field.mapKind === "enum") {
        f.print(`          let v = 0;`);
      } else {
        const annotation = field.scalar === ScalarType.BYTES ? ": Uint8Array" : "";
        f.print(`          let v${annotation} = ${zeroLiteral(field.scalar, ctx.longOf(field))};`);
      }
      f.print(`          while (r.pos < e) {`);
      f.print(`            const t = r.tag();`);
      f.print(`            if (t === ${8 | keyWt}) k = ${mapKeyToString(field.mapKey).replace("VALIDATE", String(validate))};`);
      if (field.mapKind === "message") {
        f.print(`            else if (t === 18) v = `, ctx.decodeRef(field.message), `(r, r.len(), depth + 1, v);`);
      } else if (field.mapKind === "enum") {
        f.print(`            else if (t === ${16 | valueWt}) v = r.int32();`);
      } else {
        f.print(`            else if (t === ${16 | valueWt}) v = ${readScalar(valueT, ctx.longOf(field), validate)};`);
      }
      f.print(`            else if (t >>> 3 === 1 || t >>> 3 === 2) throw r.wrongMapWireType(t);`);
      f.print(`            else r.skip(t, depth + 1);`);
      f.print(`          }`);
      f.print(`          if (r.pos > e) throw r.truncated();`);
      if (field.mapKind === "message") {
        f.print(`          ${prop}[k] = v ?? `, ctx.decodeRef(field.message), `(r, r.pos, depth + 1);`);
      } else if (field.mapKind === "enum" && !field.enum.open) {
        f.print(`          if (`, ctx.ref(field.enum), `[v] !== undefined) ${prop}[k] = v;`);
        f.print(`          else if (r.keepUnknown) u = r.raw(u, start, e);`);
      } else {
        f.print(`          ${prop}[k] = v;`);
      }
      f.print(`          break;`);
      f.print(`        }`);
      return;
    }
  }
}

/** The zero value of a scalar as a TypeScript literal. */
export function zeroLiteral(t: ScalarType, long: string): string {
  switch (t) {
    case ScalarType.BOOL:
      return "false";
    case ScalarType.STRING:
      return `""`;
    case ScalarType.BYTES:
      return "new Uint8Array(0)";
    default:
      if (is64(t)) return long === "bigint" ? "0n" : long === "string" ? `"0"` : "0";
      return "0";
  }
}
