/**
 * Per-message codec plans: what the reflection codec needs about a message's fields, computed once per
 * message on first use and then read on the hot path without allocation or string work — fields sorted by
 * number with precomputed tags, an O(1) number→field lookup, and small integer kinds to switch on.
 */
import type { DescEnum, DescExtension, DescField, DescMessage } from "./desc.js";
import { ScalarType } from "./desc.js";
import { scalarZero } from "./scalar.js";
import { UnknownFields } from "./unknown-fields.js";
import { WireType } from "./wire/wire-type.js";

/** What a field is, as the codec switches on it. */
export const enum Kind {
  Scalar = 0,
  Enum = 1,
  Message = 2,
  ListScalar = 3,
  ListEnum = 4,
  ListMessage = 5,
  Map = 6,
}

/** How a 64-bit value is represented: 0 bigint, 1 decimal string, 2 number. */
export const enum LongRep {
  BigInt = 0,
  String = 1,
  Number = 2,
}

/** A field (or extension) as the codec sees it. */
export interface FieldPlan {
  readonly field: DescField | DescExtension;
  readonly no: number;
  /** The property name (`localName`). */
  readonly name: string;
  readonly kind: Kind;
  /** Scalar type of a scalar field or list element, INT32 for enums, or the value type of a scalar map. */
  readonly scalar: ScalarType;
  readonly long: LongRep;
  /** The wire type of one value (START_GROUP for groups). */
  readonly wireType: WireType;
  /** LENGTH_DELIMITED when a packed form is accepted (packable lists), else -1. */
  readonly altWireType: number;
  /** The tag of one value: `no << 3 | wireType`. */
  readonly tag: number;
  /** The tag of a packed list, or of a map entry. */
  readonly delimitedTag: number;
  /** The END_GROUP tag of a group field. */
  readonly endTag: number;
  readonly packed: boolean;
  /** The property of the real oneof this field belongs to. */
  readonly oneof: string | undefined;
  /** Implicit presence: the zero value is not written. */
  readonly implicit: boolean;
  /** A closed enum (proto2): unknown numbers go to unknown fields. */
  readonly closedEnum: DescEnum | undefined;
  readonly message: DescMessage | undefined;
  readonly delimited: boolean;
  /** proto3 strings must be valid UTF-8. */
  readonly validateUtf8: boolean;
  /** Map fields: key scalar type and the kind of the value (Scalar, Enum or Message). */
  readonly mapKey: ScalarType;
  readonly mapKeyWireType: WireType;
  readonly mapValueKind: Kind;
  readonly mapValueWireType: WireType;
  /** The plan of the message type, made on first use. */
  sub: MessagePlan | undefined;
}

/** How to initialise one member of a new message object. 0 zero scalar, 1 list, 2 map, 3 oneof. */
export interface MemberInit {
  readonly name: string;
  readonly init: 0 | 1 | 2 | 3;
  readonly scalar: ScalarType;
  readonly long: LongRep;
}

/** A message as the codec sees it. */
export interface MessagePlan {
  readonly desc: DescMessage;
  readonly typeName: string;
  /** Fields by ascending number: the encode order (protoc and Python write fields in this order). */
  readonly fields: readonly FieldPlan[];
  /** Fields by number when the largest number is small; otherwise `byNumberMap`. */
  readonly byNumber: readonly (FieldPlan | undefined)[];
  readonly byNumberMap: ReadonlyMap<number, FieldPlan> | undefined;
  /** Members that a complete object always has (implicit scalars, lists, maps, oneofs), in member order. */
  readonly inits: readonly MemberInit[];
  /**
   * A complete object with every member of `inits`: new objects are spread from it (one fast clone with the
   * final hidden class), then get fresh lists, maps and oneof objects.
   */
  readonly template: Readonly<Record<string, unknown>>;
  readonly freshLists: readonly string[];
  readonly freshMaps: readonly string[];
  readonly freshOneofs: readonly string[];
  /** Makes a new complete object, when the platform allows compiling one (see {@link compileFactory}). */
  readonly factory: (() => Record<string, unknown>) | undefined;
  /**
   * Reads the property of each field in `fields` order (the oneof's property for oneof members), and then
   * the unknown fields, in one
   * compiled function whose property loads see only this message's objects; `undefined` if not compiled.
   */
  readonly values: ((m: Record<string, unknown>) => unknown[]) | undefined;
  /** The decoder's compiled fast path (from-binary.ts): `undefined` until first use, `null` if unavailable. */
  fastRead: unknown;
  /** The encoder's compiled function (to-binary.ts): `undefined` until first use, `null` if unavailable. */
  fastWrite: unknown;
}

const plans = new WeakMap<DescMessage, MessagePlan>();
/** The plan is also kept on the descriptor itself (non-enumerable): one property load per call, not a WeakMap lookup. */
const PLAN = Symbol("spindle.protobuf.plan");

/** The plan of a message, built on first use. */
export function getPlan(desc: DescMessage): MessagePlan {
  const cached = (desc as { [PLAN]?: MessagePlan })[PLAN];
  if (cached !== undefined) return cached;
  let plan = plans.get(desc);
  if (plan === undefined) {
    plan = buildPlan(desc);
    plans.set(desc, plan);
    if (Object.isExtensible(desc)) Object.defineProperty(desc, PLAN, { value: plan });
  }
  return plan;
}

/** The plan of a field's message type (made once, then cached on the field plan). */
export function subPlan(f: FieldPlan): MessagePlan {
  return (f.sub ??= getPlan(f.message!));
}

/** Finds a field by number. */
export function lookupField(plan: MessagePlan, no: number): FieldPlan | undefined {
  return no < plan.byNumber.length ? plan.byNumber[no] : plan.byNumberMap?.get(no);
}

const DENSE_LIMIT = 1024;

function buildPlan(desc: DescMessage): MessagePlan {
  const fields = desc.fields.map((f) => planField(f)).sort((a, b) => a.no - b.no);
  const max = fields.length > 0 ? fields[fields.length - 1]!.no : 0;
  const dense = Math.min(max, DENSE_LIMIT);
  const byNumber: (FieldPlan | undefined)[] = new Array<FieldPlan | undefined>(dense + 1).fill(undefined);
  let byNumberMap: Map<number, FieldPlan> | undefined;
  for (const f of fields) {
    if (f.no <= dense) byNumber[f.no] = f;
    else (byNumberMap ??= new Map()).set(f.no, f);
  }
  const inits: MemberInit[] = [];
  for (const m of desc.members) {
    if (m.kind === "oneof") {
      inits.push({ name: m.localName, init: 3, scalar: ScalarType.INT32, long: LongRep.BigInt });
      continue;
    }
    const f = fields.find((p) => p.field === m)!;
    if (f.kind === Kind.ListScalar || f.kind === Kind.ListEnum || f.kind === Kind.ListMessage) {
      inits.push({ name: f.name, init: 1, scalar: f.scalar, long: f.long });
    } else if (f.kind === Kind.Map) {
      inits.push({ name: f.name, init: 2, scalar: f.scalar, long: f.long });
    } else if (f.implicit) {
      inits.push({ name: f.name, init: 0, scalar: f.scalar, long: f.long });
    }
  }
  const template: Record<string, unknown> = {};
  const freshLists: string[] = [];
  const freshMaps: string[] = [];
  const freshOneofs: string[] = [];
  for (const mi of inits) {
    switch (mi.init) {
      case 0:
        template[mi.name] = mi.scalar === ScalarType.BYTES ? EMPTY_BYTES : scalarZero(mi.scalar, mi.long);
        break;
      case 1:
        template[mi.name] = undefined;
        freshLists.push(mi.name);
        break;
      case 2:
        template[mi.name] = undefined;
        freshMaps.push(mi.name);
        break;
      case 3:
        template[mi.name] = undefined;
        freshOneofs.push(mi.name);
        break;
    }
  }
  const factory = compileFactory(inits);
  const values = compileValues(fields);
  return { desc, typeName: desc.typeName, fields, byNumber, byNumberMap, inits, template, freshLists, freshMaps, freshOneofs, factory, values, fastRead: undefined, fastWrite: undefined };
}

let canCompile = true;

/** Whether this platform lets the codec compile functions (a browser page's CSP may forbid it). */
export function mayCompile(): boolean {
  return canCompile;
}

/** Records that compiling failed, so no other plan tries. */
export function compileFailed(): void {
  canCompile = false;
}

/**
 * Compiles `() => ({ a: 0, b: [], c: { case: undefined }, … })` for a message. An object literal is the
 * fastest way V8 has to make an object: one allocation with the final hidden class, whereas spreading a
 * template or adding properties one by one goes through megamorphic runtime paths once many message types
 * are in use. Property names are `localName`s (escaped, never `__proto__`) written as JSON strings; values
 * are literals. Where code generation is forbidden (a browser page's CSP), this returns `undefined` and
 * objects are made from the template instead.
 */
function compileFactory(inits: readonly MemberInit[]): (() => Record<string, unknown>) | undefined {
  if (!canCompile) return undefined;
  const parts: string[] = [];
  for (const mi of inits) {
    let v: string;
    switch (mi.init) {
      case 0: {
        const z = mi.scalar === ScalarType.BYTES ? undefined : scalarZero(mi.scalar, mi.long);
        v = z === undefined ? "e" : typeof z === "bigint" ? "0n" : JSON.stringify(z);
        break;
      }
      case 1:
        v = "[]";
        break;
      case 2:
        v = "{}";
        break;
      default:
        v = "{ case: undefined }";
    }
    parts.push(`${JSON.stringify(mi.name)}: ${v}`);
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function("e", `return function () { return { ${parts.join(", ")} }; };`)(EMPTY_BYTES) as () => Record<string, unknown>;
  } catch {
    canCompile = false;
    return undefined;
  }
}

/** Compiles `(m) => [m.a, m.b, m.kind, …]` (see {@link MessagePlan.values}); like compileFactory. */
function compileValues(fields: readonly FieldPlan[]): ((m: Record<string, unknown>) => unknown[]) | undefined {
  if (!canCompile) return undefined;
  const loads = fields.map((f) => `m[${JSON.stringify(f.oneof ?? f.name)}]`);
  // The unknown fields come last: a symbol load is as megamorphic as a name load in shared code.
  loads.push("m[U]");
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function("U", `return function (m) { return [${loads.join(", ")}]; };`)(UnknownFields) as (m: Record<string, unknown>) => unknown[];
  } catch {
    canCompile = false;
    return undefined;
  }
}

/** The zero value of implicit bytes fields, shared: an empty array has no contents to change. */
const EMPTY_BYTES = new Uint8Array(0);

/** The wire type of one value of a scalar type. */
export function scalarWireType(t: ScalarType): WireType {
  switch (t) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WireType.Bit64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WireType.Bit32;
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    default:
      return WireType.Varint;
  }
}

function longRep(t: string | undefined): LongRep {
  return t === "string" ? LongRep.String : t === "number" ? LongRep.Number : LongRep.BigInt;
}

/** Builds the plan of one field or extension. */
export function planField(field: DescField | DescExtension): FieldPlan {
  const no = field.number;
  const proto3 = (field.kind === "extension" ? field.file : field.parent.file).syntax === "proto3";
  let kind: Kind;
  let scalar = ScalarType.INT32;
  let long = LongRep.BigInt;
  let wireType = WireType.Varint;
  let altWireType = -1;
  let packed = false;
  let closedEnum: DescEnum | undefined;
  let message: DescMessage | undefined;
  let delimited = false;
  let mapKey = ScalarType.INT32;
  let mapValueKind = Kind.Scalar;
  let mapValueWireType = WireType.Varint;
  const closed = (e: DescEnum): DescEnum | undefined => (e.open ? undefined : e);
  switch (field.fieldKind) {
    case "scalar":
      kind = Kind.Scalar;
      scalar = field.scalar;
      long = longRep(field.longType);
      wireType = scalarWireType(scalar);
      break;
    case "enum":
      kind = Kind.Enum;
      closedEnum = closed(field.enum);
      break;
    case "message":
      kind = Kind.Message;
      message = field.message;
      delimited = field.delimitedEncoding;
      wireType = delimited ? WireType.StartGroup : WireType.LengthDelimited;
      break;
    case "list":
      packed = field.listKind !== "message" && field.packed;
      if (field.listKind === "scalar") {
        kind = Kind.ListScalar;
        scalar = field.scalar;
        long = longRep(field.longType);
        wireType = scalarWireType(scalar);
        if (wireType !== WireType.LengthDelimited) altWireType = WireType.LengthDelimited;
      } else if (field.listKind === "enum") {
        kind = Kind.ListEnum;
        closedEnum = closed(field.enum);
        altWireType = WireType.LengthDelimited;
      } else {
        kind = Kind.ListMessage;
        message = field.message;
        delimited = field.delimitedEncoding;
        wireType = delimited ? WireType.StartGroup : WireType.LengthDelimited;
      }
      break;
    case "map":
      kind = Kind.Map;
      wireType = WireType.LengthDelimited;
      mapKey = field.mapKey;
      if (field.mapKind === "scalar") {
        mapValueKind = Kind.Scalar;
        scalar = field.scalar;
        long = longRep(field.longType);
        mapValueWireType = scalarWireType(scalar);
      } else if (field.mapKind === "enum") {
        mapValueKind = Kind.Enum;
        closedEnum = closed(field.enum);
      } else {
        mapValueKind = Kind.Message;
        message = field.message;
        mapValueWireType = WireType.LengthDelimited;
      }
      break;
  }
  return {
    field,
    no,
    name: field.localName,
    kind,
    scalar,
    long,
    wireType,
    altWireType,
    tag: ((no << 3) | wireType) >>> 0,
    delimitedTag: ((no << 3) | WireType.LengthDelimited) >>> 0,
    endTag: ((no << 3) | WireType.EndGroup) >>> 0,
    packed,
    oneof: field.kind === "field" ? field.oneof?.localName : undefined,
    implicit: field.presence === "implicit" && (kind === Kind.Scalar || kind === Kind.Enum),
    closedEnum,
    message,
    delimited,
    validateUtf8: proto3,
    mapKey,
    mapKeyWireType: scalarWireType(mapKey),
    mapValueKind,
    mapValueWireType,
    sub: undefined,
  };
}
