/**
 * The encoder's compiled fast path: one function per message that writes its fields in number order with
 * property names, tags and scalar types as constants (the generic loop in to-binary.ts reads them from the
 * plan and switches per field). Maps and anything unusual call back into the generic helpers; validation
 * and error messages are the same as the generic path's.
 *
 * Generated source contains only numbers and JSON-quoted property names. Where compiling is forbidden
 * (CSP), the generic path does everything.
 */
import { ScalarType } from "./desc.js";
import type { Message } from "./message.js";
import { Kind, compileFailed, mayCompile, type FieldPlan, type MessagePlan } from "./plan.js";
import { invalidScalar } from "./scalar.js";
import { UnknownFields } from "./unknown-fields.js";
import type { BinaryWriter } from "./wire/binary-writer.js";

/** Writes a message's fields (without length prefix). */
export type FastWrite = (w: BinaryWriter, m: Message, writeUnknown: boolean, depth: number) => void;

/** What compiled code calls back into. */
export interface FastWriteHelpers {
  writeSubMessage(f: FieldPlan, v: Message, w: BinaryWriter, writeUnknown: boolean, depth: number): void;
  writeMap(f: FieldPlan, v: Record<string, unknown>, w: BinaryWriter, writeUnknown: boolean, depth: number): void;
  /** Throws for a list value that is not an array. */
  notArray(v: unknown): never;
  /** Adds the field to an error, as the generic path does. */
  annotate(e: unknown, plan: MessagePlan, f: FieldPlan | undefined): unknown;
}

/** Statements that validate and write `x` as scalar type `t` (`t` is INT32 for enums). */
function writeStmt(t: ScalarType, x: string): string {
  const bad = `B(${t}, ${x})`;
  switch (t) {
    case ScalarType.STRING:
      return `if (typeof ${x} !== "string") ${bad}; w.string(${x});`;
    case ScalarType.INT32:
      return `if (typeof ${x} !== "number" || (${x} | 0) !== ${x}) ${bad}; w.int32(${x});`;
    case ScalarType.SINT32:
      return `if (typeof ${x} !== "number" || (${x} | 0) !== ${x}) ${bad}; w.sint32(${x});`;
    case ScalarType.SFIXED32:
      return `if (typeof ${x} !== "number" || (${x} | 0) !== ${x}) ${bad}; w.sfixed32(${x});`;
    case ScalarType.UINT32:
      return `if (typeof ${x} !== "number" || ${x} >>> 0 !== ${x}) ${bad}; w.uint32(${x});`;
    case ScalarType.FIXED32:
      return `if (typeof ${x} !== "number" || ${x} >>> 0 !== ${x}) ${bad}; w.fixed32(${x});`;
    case ScalarType.BOOL:
      return `if (typeof ${x} !== "boolean") ${bad}; w.bool(${x});`;
    case ScalarType.DOUBLE:
      return `if (typeof ${x} !== "number") ${bad}; w.double(${x});`;
    case ScalarType.FLOAT:
      return `if (typeof ${x} !== "number") ${bad}; w.float(${x});`;
    case ScalarType.BYTES:
      return `if (!(${x} instanceof Uint8Array)) ${bad}; w.bytes(${x});`;
    case ScalarType.INT64:
      return `w.int64(${x});`;
    case ScalarType.UINT64:
      return `w.uint64(${x});`;
    case ScalarType.SINT64:
      return `w.sint64(${x});`;
    case ScalarType.FIXED64:
      return `w.fixed64(${x});`;
    case ScalarType.SFIXED64:
      return `w.sfixed64(${x});`;
  }
  return bad + ";";
}

/** The condition under which an implicit-presence value is not the zero value (so it is written). */
function nonZero(t: ScalarType, x: string): string {
  switch (t) {
    case ScalarType.DOUBLE:
      return `(${x} !== 0 || 1 / ${x} < 0)`;
    case ScalarType.FLOAT:
      return `(Math.fround(${x}) !== 0 || 1 / ${x} < 0)`;
    case ScalarType.BOOL:
      return `${x} !== false`;
    case ScalarType.STRING:
      return `${x} !== ""`;
    case ScalarType.BYTES:
      return `${x}.length !== 0`;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return `!(${x} === 0n || ${x} === "0" || ${x} === 0)`;
    default:
      return `${x} !== 0`;
  }
}

/** Compiles the encoder of a message, or returns `null` when compiling is unavailable. */
export function compileFastWrite(plan: MessagePlan, helpers: FastWriteHelpers): FastWrite | null {
  if (!mayCompile()) return null;
  const body: string[] = [];
  plan.fields.forEach((f, i) => {
    const name = JSON.stringify(f.name);
    const stmts: string[] = [];
    const t = f.kind === Kind.Enum || f.kind === Kind.ListEnum ? ScalarType.INT32 : f.scalar;
    switch (f.kind) {
      case Kind.Scalar:
      case Kind.Enum: {
        const write = `w.uint32(${f.tag}); ${writeStmt(t, "v")}`;
        stmts.push(f.implicit ? `if (${nonZero(t, "v")}) { ${write} }` : write);
        break;
      }
      case Kind.Message:
        stmts.push(`H.writeSubMessage(F[${i}], v, w, wu, depth);`);
        break;
      case Kind.ListScalar:
      case Kind.ListEnum:
        stmts.push("if (!Array.isArray(v)) H.notArray(v);");
        if (f.packed) {
          stmts.push(
            `if (v.length > 0) { w.uint32(${f.delimitedTag}); const s = w.fork(); ` +
              `for (let j = 0; j < v.length; j++) { const x = v[j]; ${writeStmt(t, "x")} } w.join(s); }`,
          );
        } else {
          stmts.push(`for (let j = 0; j < v.length; j++) { const x = v[j]; w.uint32(${f.tag}); ${writeStmt(t, "x")} }`);
        }
        break;
      case Kind.ListMessage:
        stmts.push(`if (!Array.isArray(v)) H.notArray(v); for (let j = 0; j < v.length; j++) H.writeSubMessage(F[${i}], v[j], w, wu, depth);`);
        break;
      case Kind.Map:
        stmts.push(`H.writeMap(F[${i}], v, w, wu, depth);`);
        break;
    }
    if (f.oneof !== undefined) {
      const o = JSON.stringify(f.oneof);
      body.push(
        `fi = ${i}; v = m[${o}]; if (v !== undefined && v !== null && v.case === ${name}) { v = v.value; ` +
          `if (v !== undefined && v !== null) { ${stmts.join(" ")} } }`,
      );
    } else {
      body.push(`fi = ${i}; v = m[${name}]; if (v !== undefined && v !== null) { ${stmts.join(" ")} }`);
    }
  });
  const source =
    `return function fastWrite(w, m, wu, depth) { let fi = -1; let v; try { ${body.join("\n")} } ` +
    `catch (e) { throw H.annotate(e, P, F[fi]); } ` +
    `if (wu) { const u = m[U]; if (u !== undefined && u.length > 0) w.raw(u); } };`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function("P", "F", "H", "B", "U", source)(plan, plan.fields, helpers, invalidScalar, UnknownFields) as FastWrite;
  } catch {
    compileFailed();
    return null;
  }
}
