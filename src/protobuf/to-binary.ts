/**
 * toBinary(): the reflection encoder. Writes fields by ascending number, as protoc and Python do, so the bytes
 * equal Python's `SerializeToString()` for the same message; unknown fields (and extensions, which live among
 * them) are appended at the end.
 */
import { ScalarType, type DescMessage } from "./desc.js";
import { ProtobufError } from "./errors.js";
import type { Message, OneofValue } from "./message.js";
import { Kind, getPlan, subPlan, type FieldPlan, type MessagePlan } from "./plan.js";
import { isScalarZero, writeScalar } from "./scalar.js";
import { assertInitialized } from "./required.js";
import { UnknownFields } from "./unknown-fields.js";
import { BinaryWriter } from "./wire/binary-writer.js";
import { compileFastWrite, type FastWrite, type FastWriteHelpers } from "./fast-write.js";

/** Options for {@link toBinary}. */
export interface BinaryWriteOptions {
  /** Re-emit unknown fields (and extensions). Default `true`. */
  writeUnknownFields?: boolean;
  /**
   * Before encoding, throw a {@link ProtobufError} naming every proto2 `required` field that is not set, as
   * Python's `SerializeToString` does. Default `false` (protobuf-es, and protoc's `SerializePartial…`).
   */
  checkRequired?: boolean;
}

/** Deeper nesting than this on encode is almost certainly a cycle in the object graph. */
const MAX_ENCODE_DEPTH = 1000;

let pooled: BinaryWriter | undefined;
const MAX_POOLED_BYTES = 1 << 20;

/**
 * Encodes a message to the binary format. Accepts partial objects: a missing field is unset.
 *
 * Throws a {@link ProtobufError} naming the field for a value of the wrong type or out of range, and for
 * nesting deeper than 1000 (a cycle); with `checkRequired`, for a missing required field.
 *
 * @example
 * ```ts
 * const bytes = toBinary(Product, { id: "p1", name: "Mug" });
 * ```
 */
export function toBinary(desc: DescMessage, message: object, options?: BinaryWriteOptions): Uint8Array {
  const w = encodePooled(desc, message, options);
  try {
    return w.finish();
  } finally {
    releaseWriter(w);
  }
}

/**
 * Encodes a message like {@link toBinary}, but hands the bytes to `use` and returns what it returns. The bytes
 * are a view of the encoder's reused buffer, valid only until `use` returns, so `use` must copy what it keeps:
 * for callers that copy anyway (the server copies a response behind its gRPC frame prefix), this saves the
 * copy toBinary makes and, costlier, the ArrayBuffer it allocates per message. Throws like toBinary.
 *
 * @example
 * ```ts
 * const framed = toBinaryWith(Product, { id: "p1" }, (bytes) => encodeFrame(bytes, false));
 * ```
 */
export function toBinaryWith<T>(desc: DescMessage, message: object, use: (bytes: Uint8Array) => T, options?: BinaryWriteOptions): T {
  const w = encodePooled(desc, message, options);
  try {
    return use(w.buf.subarray(0, w.pos));
  } finally {
    releaseWriter(w);
  }
}

/** Encodes into the pooled writer (taken from the pool until {@link releaseWriter}); releases it on a throw. */
function encodePooled(desc: DescMessage, message: object, options: BinaryWriteOptions | undefined): BinaryWriter {
  if (options?.checkRequired === true) assertInitialized(desc, message);
  // Reuse one writer between calls so its buffer has already grown; a nested call (from a getter) gets its own.
  const w = pooled ?? new BinaryWriter();
  pooled = undefined;
  try {
    writeMessage(getPlan(desc), message as Message, w, options?.writeUnknownFields !== false, 0);
  } catch (e) {
    releaseWriter(w);
    throw e;
  }
  return w;
}

function releaseWriter(w: BinaryWriter): void {
  w.pos = 0;
  // Keep the writer for the next call unless one huge message grew it: that memory should go back.
  if (w.buf.length <= MAX_POOLED_BYTES) pooled = w;
}

/** Writes a message's fields (without a length prefix) into `w`. */
export function writeMessage(plan: MessagePlan, msg: Message, w: BinaryWriter, writeUnknown: boolean, depth: number): void {
  if (depth > MAX_ENCODE_DEPTH) throw new ProtobufError(`cannot encode ${plan.typeName}: nesting deeper than ${MAX_ENCODE_DEPTH} (a cycle?)`);
  if (typeof msg !== "object" || msg === null) throw new ProtobufError(`cannot encode ${plan.typeName}: not an object`);
  let fast = plan.fastWrite as FastWrite | null | undefined;
  if (fast === undefined) plan.fastWrite = fast = compileFastWrite(plan, fastWriteHelpers);
  if (fast !== null) {
    fast(w, msg, writeUnknown, depth);
    return;
  }
  const fields = plan.fields;
  const values = plan.values !== undefined ? plan.values(msg) : undefined;
  let f: FieldPlan | undefined;
  try {
    for (let i = 0; i < fields.length; i++) {
      f = fields[i]!;
      let v: unknown = values !== undefined ? values[i] : msg[f.oneof ?? f.name];
      if (f.oneof !== undefined) {
        const o = v as OneofValue | undefined;
        if (o === undefined || o === null || o.case !== f.name) continue;
        v = o.value;
      }
      if (v === undefined || v === null) continue;
      switch (f.kind) {
        case Kind.Scalar:
          if (f.implicit && isScalarZero(f.scalar, v)) continue;
          w.uint32(f.tag);
          writeScalar(w, f.scalar, v);
          break;
        case Kind.Enum:
          if (f.implicit && v === 0) continue;
          w.uint32(f.tag);
          writeScalar(w, ScalarType.INT32, v);
          break;
        case Kind.Message:
          writeSubMessage(f, v as Message, w, writeUnknown, depth);
          break;
        case Kind.ListScalar:
        case Kind.ListEnum:
          if (!Array.isArray(v)) notArray(v);
          writeList(f, v, w);
          break;
        case Kind.ListMessage: {
          if (!Array.isArray(v)) notArray(v);
          const list = v as Message[];
          for (let j = 0; j < list.length; j++) writeSubMessage(f, list[j]!, w, writeUnknown, depth);
          break;
        }
        case Kind.Map:
          writeMap(f, v as Record<string, unknown>, w, writeUnknown, depth);
          break;
      }
    }
  } catch (e) {
    throw annotate(e, plan, f);
  }
  if (writeUnknown) {
    const u = (values !== undefined ? values[fields.length] : msg[UnknownFields]) as Uint8Array | undefined;
    if (u !== undefined && u.length > 0) w.raw(u);
  }
}

const annotated = new WeakSet<Error>();

function annotate(e: unknown, plan: MessagePlan, f: FieldPlan | undefined): unknown {
  if (!(e instanceof ProtobufError) || annotated.has(e)) return e;
  const err = new ProtobufError(`${e.message} in field ${f ? f.field.name : "?"} of ${plan.typeName}`, { cause: e });
  annotated.add(err);
  return err;
}

/** Throws the error for a list field whose value is not an array. */
export function notArray(v: unknown): never {
  throw new ProtobufError(`invalid value for a repeated field: ${typeof v === "string" ? JSON.stringify(v) : Object.prototype.toString.call(v)} is not an array`);
}

const fastWriteHelpers: FastWriteHelpers = { writeSubMessage, writeMap, annotate, notArray };

function writeSubMessage(f: FieldPlan, v: Message, w: BinaryWriter, writeUnknown: boolean, depth: number): void {
  const sub = subPlan(f);
  if (f.delimited) {
    w.uint32(f.tag);
    writeMessage(sub, v, w, writeUnknown, depth + 1);
    w.uint32(f.endTag);
  } else {
    w.uint32(f.tag);
    const start = w.fork();
    writeMessage(sub, v, w, writeUnknown, depth + 1);
    w.join(start);
  }
}

function writeList(f: FieldPlan, list: unknown[], w: BinaryWriter): void {
  const n = list.length;
  if (n === 0) return;
  const t = f.kind === Kind.ListEnum ? ScalarType.INT32 : f.scalar;
  if (f.packed) {
    w.uint32(f.delimitedTag);
    const start = w.fork();
    for (let i = 0; i < n; i++) writeScalar(w, t, list[i]);
    w.join(start);
  } else {
    const tag = f.tag;
    for (let i = 0; i < n; i++) {
      w.uint32(tag);
      writeScalar(w, t, list[i]);
    }
  }
}

/** Map keys are strings on the object; this turns one back into its key type for the wire. */
function mapKeyValue(t: ScalarType, key: string): unknown {
  switch (t) {
    case ScalarType.STRING:
      return key;
    case ScalarType.BOOL:
      if (key === "true") return true;
      if (key === "false") return false;
      break;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      if (/^-?[0-9]+$/.test(key)) return BigInt(key);
      break;
    default: {
      const n = Number(key);
      if (key !== "" && Number.isInteger(n)) return n;
    }
  }
  throw new ProtobufError(`invalid map key ${JSON.stringify(key)} for key type ${ScalarType[t]!.toLowerCase()}`);
}

function writeMap(f: FieldPlan, map: Record<string, unknown>, w: BinaryWriter, writeUnknown: boolean, depth: number): void {
  if (typeof map !== "object" || Array.isArray(map)) throw new ProtobufError(`invalid value for a map field: expected a plain object keyed by the map keys`);
  const keyTag = (1 << 3) | f.mapKeyWireType;
  const valueTag = (2 << 3) | f.mapValueWireType;
  for (const key in map) {
    if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
    const value = map[key];
    w.uint32(f.delimitedTag);
    const start = w.fork();
    w.uint32(keyTag);
    writeScalar(w, f.mapKey, mapKeyValue(f.mapKey, key));
    w.uint32(valueTag);
    switch (f.mapValueKind) {
      case Kind.Scalar:
        writeScalar(w, f.scalar, value);
        break;
      case Kind.Enum:
        writeScalar(w, ScalarType.INT32, value);
        break;
      default: {
        const vs = w.fork();
        if (value !== undefined && value !== null) writeMessage(subPlan(f), value as Message, w, writeUnknown, depth + 1);
        w.join(vs);
      }
    }
    w.join(start);
  }
}
