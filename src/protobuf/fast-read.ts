/**
 * The decoder's compiled fast path: for each message, one function that switches on the full tag and reads
 * the common field shapes (singular scalars, open enums and messages outside oneofs; lists, packed or not)
 * with property names as constants, so V8 sees one object shape per store site instead of the megamorphic
 * `msg[name] = v` of the generic loop. Anything else (maps, oneofs, closed enums, groups, unknown fields,
 * wrong wire types, errors) returns `false` and takes the generic path in from-binary.ts, which stays the
 * reference: the fast path only ever does what the generic one would.
 *
 * Generated source contains only numbers and JSON-quoted property names; values come from the plan. Where
 * compiling is forbidden (CSP), the generic path does everything.
 */
import { ScalarType } from "./desc.js";
import type { Message } from "./message.js";
import { Kind, LongRep, compileFailed, mayCompile, type FieldPlan, type MessagePlan } from "./plan.js";
import { readScalar } from "./scalar.js";
import type { BinaryReader } from "./wire/binary-reader.js";
import { WireType } from "./wire/wire-type.js";

/** Reads one field whose tag was just read; returns `false` if the generic path must handle it. */
export type FastRead = (r: BinaryReader, m: Message, tag: number, depth: number, ctx: unknown) => boolean;

/** What compiled code calls back into. */
export interface FastReadHelpers {
  newMessage(f: FieldPlan): Message;
  readSubMessage(f: FieldPlan, r: BinaryReader, target: Message, depth: number, ctx: unknown): void;
  /** Reads a map entry's message value (length-delimited), merging into `v` if the entry repeats it. */
  readMapValue(f: FieldPlan, r: BinaryReader, v: Message | undefined, depth: number, ctx: unknown): Message;
  /** The value of a map entry that has none. */
  mapDefault(f: FieldPlan): unknown;
  /** Handles a map entry field other than key and value: skips it, or throws as the generic path does. */
  skipEntryField(tag: number, r: BinaryReader, depth: number, ctx: unknown): void;
  setMapEntry(map: Record<string, unknown>, key: string, value: unknown): void;
}

/** The expression that reads a map key as the property string it becomes. */
function keyExpr(f: FieldPlan, i: number): string {
  switch (f.mapKey) {
    case ScalarType.STRING:
      return f.validateUtf8 ? "r.string(true)" : "r.string(false)";
    case ScalarType.BOOL:
      return '(r.bool() ? "true" : "false")';
    case ScalarType.INT32:
      return '("" + r.int32())';
    case ScalarType.SINT32:
      return '("" + r.sint32())';
    case ScalarType.SFIXED32:
      return '("" + r.sfixed32())';
    case ScalarType.UINT32:
      return '("" + r.uint32())';
    case ScalarType.FIXED32:
      return '("" + r.fixed32())';
    default:
      return `S(r, F[${i}].mapKey, ${LongRep.String}, false)`;
  }
}

/** The expression that reads one value of a scalar field, or `undefined` to leave the field to the generic path. */
function readExpr(f: FieldPlan, i: number, validate: boolean): string {
  switch (f.scalar) {
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
    case ScalarType.BOOL:
      return "r.bool()";
    case ScalarType.FIXED32:
      return "r.fixed32()";
    case ScalarType.SFIXED32:
      return "r.sfixed32()";
    case ScalarType.STRING:
      return validate ? "r.string(true)" : "r.string(false)";
    case ScalarType.BYTES:
      return "r.bytes()";
  }
  if (f.long === LongRep.BigInt) {
    switch (f.scalar) {
      case ScalarType.INT64:
        return "r.int64()";
      case ScalarType.UINT64:
        return "r.uint64()";
      case ScalarType.SINT64:
        return "r.sint64()";
      case ScalarType.FIXED64:
        return "r.fixed64()";
      case ScalarType.SFIXED64:
        return "r.sfixed64()";
    }
  }
  return `S(r, F[${i}].scalar, F[${i}].long, false)`;
}

/** Compiles the fast path of a message, or returns `null` when compiling is unavailable. */
export function compileFastRead(plan: MessagePlan, helpers: FastReadHelpers): FastRead | null {
  if (!mayCompile()) return null;
  const cases: string[] = [];
  plan.fields.forEach((f, i) => {
    if (f.oneof !== undefined) return;
    const name = JSON.stringify(f.name);
    const list = `let l = m[${name}]; if (l === undefined) m[${name}] = l = [];`;
    switch (f.kind) {
      case Kind.Scalar:
        cases.push(`case ${f.tag}: m[${name}] = ${readExpr(f, i, f.validateUtf8)}; return true;`);
        break;
      case Kind.Enum:
        if (f.closedEnum === undefined) cases.push(`case ${f.tag}: m[${name}] = r.int32(); return true;`);
        break;
      case Kind.Message:
        if (!f.delimited) {
          cases.push(`case ${f.tag}: { let t = m[${name}]; if (t === undefined) m[${name}] = t = H.newMessage(F[${i}]); H.readSubMessage(F[${i}], r, t, depth, ctx); return true; }`);
        }
        break;
      case Kind.ListScalar:
      case Kind.ListEnum: {
        if (f.kind === Kind.ListEnum && f.closedEnum !== undefined) break;
        const read = f.kind === Kind.ListEnum ? "r.int32()" : readExpr(f, i, f.validateUtf8);
        cases.push(`case ${f.tag}: { ${list} l.push(${read}); return true; }`);
        if (f.altWireType === WireType.LengthDelimited) {
          const packedRead = f.kind === Kind.ListEnum ? "r.int32()" : readExpr(f, i, false);
          cases.push(
            `case ${f.delimitedTag}: { ${list} const end = r.delimitedEnd(); const outer = r.end; r.end = end; ` +
              `while (r.pos < end) l.push(${packedRead}); r.end = outer; return true; }`,
          );
        }
        break;
      }
      case Kind.Map: {
        if (f.mapValueKind === Kind.Enum && f.closedEnum !== undefined) break;
        const keyTag = (1 << 3) | f.mapKeyWireType;
        const valueTag = (2 << 3) | f.mapValueWireType;
        const keyZero = JSON.stringify(f.mapKey === ScalarType.BOOL ? "false" : f.mapKey === ScalarType.STRING ? "" : "0");
        const valueRead =
          f.mapValueKind === Kind.Message
            ? `H.readMapValue(F[${i}], r, v, depth, ctx)`
            : f.mapValueKind === Kind.Enum
              ? "r.int32()"
              : readExpr(f, i, f.validateUtf8);
        cases.push(
          `case ${f.tag}: { if (depth >= ctx.maxDepth) return false; let mp = m[${name}]; if (mp === undefined) m[${name}] = mp = {}; ` +
            `const end = r.delimitedEnd(); const outer = r.end; r.end = end; let k = ${keyZero}; let v = undefined; ` +
            `while (r.pos < end) { const t = r.rawTag(); if (t === ${keyTag}) k = ${keyExpr(f, i)}; ` +
            `else if (t === ${valueTag}) v = ${valueRead}; else H.skipEntryField(t, r, depth, ctx); } ` +
            `r.end = outer; if (v === undefined) v = H.mapDefault(F[${i}]); ` +
            `if (k === "__proto__") H.setMapEntry(mp, k, v); else mp[k] = v; return true; }`,
        );
        break;
      }
      case Kind.ListMessage:
        if (!f.delimited) {
          cases.push(`case ${f.tag}: { ${list} const t = H.newMessage(F[${i}]); H.readSubMessage(F[${i}], r, t, depth, ctx); l.push(t); return true; }`);
        }
        break;
    }
  });
  if (cases.length === 0) return null;
  const source = `return function fastRead(r, m, tag, depth, ctx) { switch (tag) { ${cases.join("\n")} } return false; };`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function("F", "H", "S", source)(plan.fields, helpers, readScalar) as FastRead;
  } catch {
    compileFailed();
    return null;
  }
}
