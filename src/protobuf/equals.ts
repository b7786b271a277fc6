/**
 * equals(): field-by-field comparison of two messages of the same type.
 */
import { ScalarType, type DescMessage } from "./desc.js";
import type { Message, OneofValue } from "./message.js";
import { Kind, getPlan, subPlan, type FieldPlan, type MessagePlan } from "./plan.js";
import { scalarZero } from "./scalar.js";
import { UnknownFields } from "./unknown-fields.js";

/**
 * Whether two messages of type `desc` are equal: same fields set (presence counts: an unset optional field
 * differs from one set to its zero value), equal values, equal unknown fields (extensions included), map
 * entries compared by key. Floating point values compare with `===`, except that NaN equals NaN, so a
 * decoded message equals its re-decoded copy. Partial objects compare as their complete forms.
 *
 * @example
 * ```ts
 * equals(Product, fromBinary(Product, toBinary(Product, p)), p); // true
 * ```
 */
export function equals(desc: DescMessage, a: object, b: object): boolean {
  return messageEquals(getPlan(desc), a as Message, b as Message);
}

function messageEquals(plan: MessagePlan, a: Message, b: Message): boolean {
  if (a === b) return true;
  for (const f of plan.fields) {
    let va: unknown;
    let vb: unknown;
    if (f.oneof !== undefined) {
      const oa = a[f.oneof] as OneofValue | undefined;
      const ob = b[f.oneof] as OneofValue | undefined;
      const ia = oa?.case === f.name;
      const ib = ob?.case === f.name;
      if (ia !== ib) return false;
      if (!ia) continue;
      va = oa!.value;
      vb = ob!.value;
    } else {
      va = a[f.name];
      vb = b[f.name];
    }
    if (!fieldEquals(f, va, vb)) return false;
  }
  return bytesEquals(a[UnknownFields] ?? empty, b[UnknownFields] ?? empty);
}

const empty = new Uint8Array(0);

function fieldEquals(f: FieldPlan, a: unknown, b: unknown): boolean {
  switch (f.kind) {
    case Kind.Scalar:
    case Kind.Enum: {
      const t = f.kind === Kind.Enum ? ScalarType.INT32 : f.scalar;
      if (f.implicit) {
        a ??= scalarZero(t, f.long);
        b ??= scalarZero(t, f.long);
      }
      if (a === undefined || b === undefined) return a === b;
      return scalarEquals(t, a, b);
    }
    case Kind.Message:
      if (a === undefined || b === undefined) return a === b;
      return messageEquals(subPlan(f), a as Message, b as Message);
    case Kind.ListScalar:
    case Kind.ListEnum:
    case Kind.ListMessage: {
      const la = (a ?? []) as unknown[];
      const lb = (b ?? []) as unknown[];
      if (la.length !== lb.length) return false;
      for (let i = 0; i < la.length; i++) if (!valueEquals(f, f.kind, la[i], lb[i])) return false;
      return true;
    }
    case Kind.Map: {
      const ma = (a ?? {}) as Record<string, unknown>;
      const mb = (b ?? {}) as Record<string, unknown>;
      const ka = Object.keys(ma);
      if (ka.length !== Object.keys(mb).length) return false;
      for (const k of ka) {
        if (!Object.prototype.hasOwnProperty.call(mb, k)) return false;
        if (!valueEquals(f, f.mapValueKind, ma[k], mb[k])) return false;
      }
      return true;
    }
  }
  return false;
}

function valueEquals(f: FieldPlan, kind: Kind, a: unknown, b: unknown): boolean {
  switch (kind) {
    case Kind.ListMessage:
    case Kind.Message:
      if (a === undefined || b === undefined) return a === b;
      return messageEquals(subPlan(f), a as Message, b as Message);
    case Kind.ListEnum:
    case Kind.Enum:
      return a === b;
    default:
      return scalarEquals(f.scalar, a, b);
  }
}

function scalarEquals(t: ScalarType, a: unknown, b: unknown): boolean {
  if (t === ScalarType.BYTES) return a instanceof Uint8Array && b instanceof Uint8Array && bytesEquals(a, b);
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return a !== a && b !== b;
  // 64-bit values given in different representations (bigint, string, number) compare by value.
  if ((typeof a === "bigint" || typeof a === "string" || typeof a === "number") && (typeof b === "bigint" || typeof b === "string" || typeof b === "number")) {
    try {
      return BigInt(a) === BigInt(b);
    } catch {
      return false;
    }
  }
  return false;
}

function bytesEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
