/**
 * fromBinary() and mergeFromBinary(): the reflection decoder.
 *
 * Semantics (https://protobuf.dev/programming-guides/encoding/#last-one-wins): the last value of a singular
 * scalar wins; a singular message that appears more than once is merged (also a oneof message member whose
 * case is already set); lists append and accept both packed and unpacked forms; map entries may lack key or
 * value (defaults are used). Unknown fields, and numbers a closed enum does not know, are kept as raw bytes.
 */
import type { DescMessage } from "./desc.js";
import { ProtobufError } from "./errors.js";
import { newMessage, setMapEntry } from "./create.js";
import type { Message, OneofValue } from "./message.js";
import { Kind, LongRep, getPlan, lookupField, subPlan, type FieldPlan, type MessagePlan } from "./plan.js";
import { readScalar, scalarZero, type ScalarValue } from "./scalar.js";
import { assertInitialized } from "./required.js";
import { UnknownFields } from "./unknown-fields.js";
import { BinaryReader } from "./wire/binary-reader.js";
import { BinaryWriter } from "./wire/binary-writer.js";
import { WireType } from "./wire/wire-type.js";
import { ScalarType } from "./desc.js";
import { compileFastRead, type FastRead, type FastReadHelpers } from "./fast-read.js";

/** Options for {@link fromBinary} and {@link mergeFromBinary}. */
export interface BinaryReadOptions {
  /** Keep unknown fields (and extensions) as raw bytes, to be re-emitted by toBinary. Default `true`. */
  readUnknownFields?: boolean;
  /** How deeply messages (and groups) may nest. Default 100, as in protoc and Python. */
  maxDepth?: number;
  /**
   * After decoding, throw a {@link ProtobufError} naming every proto2 `required` field that is not set (in the
   * message or any message it holds), as Python's `ParseFromString` does. Default `false`, as in protobuf-es:
   * a partial message decodes. See {@link assertInitialized}.
   */
  checkRequired?: boolean;
  /**
   * Let `bytes` fields (over 64 bytes) be views of the input instead of copies: saves an ArrayBuffer per
   * message. Only for input handed over for good: the caller must not modify or reuse it afterwards, and
   * each such value keeps the input's whole ArrayBuffer alive as long as it lives. The server sets it for
   * request messages, whose data node:http2 received into memory it never reuses. Default `false`.
   */
  aliasBytes?: boolean;
}

/**
 * Decodes a message from the binary format into a complete object.
 *
 * Throws a {@link ProtobufError} that says what and where (field, message, byte offset) for: truncated data,
 * varints over 10 bytes or overflowing 64 bits, field number 0, invalid wire types, a wire type that does
 * not match a known field, a length past the end, invalid UTF-8 in a proto3 string, a missing or mismatched
 * END_GROUP, nesting deeper than `maxDepth`, and (with `checkRequired`) a missing required field.
 *
 * @example
 * ```ts
 * const product = fromBinary(Product, bytes);
 * ```
 */
export function fromBinary(desc: DescMessage, bytes: Uint8Array, options?: BinaryReadOptions): Message {
  const plan = getPlan(desc);
  const msg = newMessage(plan);
  decodeInto(plan, msg, bytes, options);
  if (options?.checkRequired === true) assertInitialized(desc, msg);
  return msg;
}

/**
 * Decodes `bytes` into an existing message object, with the merge semantics of the binary format (the same
 * as decoding the concatenation of the target's encoding and `bytes`). Throws like {@link fromBinary}.
 */
export function mergeFromBinary(desc: DescMessage, target: object, bytes: Uint8Array, options?: BinaryReadOptions): Message {
  const plan = getPlan(desc);
  decodeInto(plan, target as Message, bytes, options);
  if (options?.checkRequired === true) assertInitialized(desc, target);
  return target as Message;
}

/** Decodes `bytes` into `msg` with a given plan (extensions.ts decodes through a one-field plan). */
export function decodeInto(plan: MessagePlan, msg: Message, bytes: Uint8Array, options: BinaryReadOptions | undefined): void {
  if (!(bytes instanceof Uint8Array)) throw new ProtobufError(`cannot decode ${plan.typeName}: input is not a Uint8Array`);
  const r = new BinaryReader(bytes);
  if (options?.aliasBytes === true) r.aliasBytes = true;
  const ctx: DecodeContext =
    options === undefined || (options.readUnknownFields === undefined && options.maxDepth === undefined)
      ? defaultContext
      : { readUnknown: options.readUnknownFields !== false, maxDepth: options.maxDepth ?? 100 };
  if (!(Number.isInteger(ctx.maxDepth) && ctx.maxDepth >= 0)) throw new ProtobufError(`invalid maxDepth ${ctx.maxDepth}: expected an integer >= 0`);
  readMessage(plan, r, msg, 0, ctx, 0);
}

interface DecodeContext {
  readonly readUnknown: boolean;
  readonly maxDepth: number;
}

const defaultContext: DecodeContext = { readUnknown: true, maxDepth: 100 };

const annotated = new WeakSet<Error>();

function annotate(e: unknown, plan: MessagePlan, no: number, r: BinaryReader): unknown {
  if (e instanceof ProtobufError && annotated.has(e)) return e;
  const what = e instanceof Error ? e.message : String(e);
  const where = no === 0 ? `reading a tag of ${plan.typeName}` : `reading field ${no} of ${plan.typeName}`;
  const err = new ProtobufError(`${what} ${where} (at byte ${r.pos})`, { cause: e });
  annotated.add(err);
  return err;
}

/**
 * Reads fields into `msg` until `r.end`, or, for a group (`groupNo` > 0), until its END_GROUP.
 */
function readMessage(plan: MessagePlan, r: BinaryReader, msg: Message, depth: number, ctx: DecodeContext, groupNo: number): void {
  let unknown: Uint8Array[] | undefined;
  let no = 0;
  let fast = plan.fastRead as FastRead | null | undefined;
  if (fast === undefined) plan.fastRead = fast = compileFastRead(plan, fastReadHelpers);
  try {
    while (r.pos < r.end) {
      const tagStart = r.pos;
      no = 0;
      const tag = r.rawTag();
      no = tag >>> 3;
      if (fast !== null && fast(r, msg, tag, depth, ctx)) continue;
      const wt = tag & 7;
      const f = lookupField(plan, no);
      if (f === undefined || (wt !== f.wireType && wt !== f.altWireType)) {
        if (wt === WireType.EndGroup) {
          if (no !== groupNo) {
            throw new ProtobufError(groupNo === 0 ? "unexpected END_GROUP" : `END_GROUP for field ${no} inside group ${groupNo}`);
          }
          groupNo = -1;
          break;
        }
        if (f !== undefined) {
          throw new ProtobufError(`wrong wire type ${wt} for ${f.field.name} (expected ${f.wireType})`);
        }
        r.skip(wt, no, depth, ctx.maxDepth);
        if (ctx.readUnknown) (unknown ??= []).push(r.buf.subarray(tagStart, r.pos));
        continue;
      }
      switch (f.kind) {
        case Kind.Scalar: {
          const v = readScalar(r, f.scalar, f.long, f.validateUtf8);
          if (f.oneof !== undefined) msg[f.oneof] = { case: f.name, value: v };
          else msg[f.name] = v;
          break;
        }
        case Kind.Enum: {
          const v = r.int32();
          if (f.closedEnum !== undefined && f.closedEnum.value(v) === undefined) {
            if (ctx.readUnknown) (unknown ??= []).push(encodeUnknownEnum(no, v));
          } else if (f.oneof !== undefined) {
            msg[f.oneof] = { case: f.name, value: v };
          } else {
            msg[f.name] = v;
          }
          break;
        }
        case Kind.Message: {
          let target: Message | undefined;
          if (f.oneof !== undefined) {
            const o = msg[f.oneof] as OneofValue | undefined;
            target = o?.case === f.name ? (o.value as Message) : undefined;
          } else {
            target = msg[f.name] as Message | undefined;
          }
          if (target === undefined) {
            target = newMessage(subPlan(f));
            if (f.oneof !== undefined) msg[f.oneof] = { case: f.name, value: target };
            else msg[f.name] = target;
          }
          readSubMessage(f, r, target, depth, ctx);
          break;
        }
        case Kind.ListScalar:
        case Kind.ListEnum: {
          let list = msg[f.name] as unknown[] | undefined;
          if (list === undefined) msg[f.name] = list = [];
          if (wt === WireType.LengthDelimited && f.wireType !== WireType.LengthDelimited) {
            const end = r.delimitedEnd();
            const outer = r.end;
            r.end = end;
            if (f.kind === Kind.ListScalar) {
              while (r.pos < end) list.push(readScalar(r, f.scalar, f.long, false));
            } else {
              while (r.pos < end) {
                const v = r.int32();
                if (f.closedEnum !== undefined && f.closedEnum.value(v) === undefined) {
                  if (ctx.readUnknown) (unknown ??= []).push(encodeUnknownEnum(no, v));
                } else list.push(v);
              }
            }
            r.end = outer;
          } else if (f.kind === Kind.ListScalar) {
            list.push(readScalar(r, f.scalar, f.long, f.validateUtf8));
          } else {
            const v = r.int32();
            if (f.closedEnum !== undefined && f.closedEnum.value(v) === undefined) {
              if (ctx.readUnknown) (unknown ??= []).push(encodeUnknownEnum(no, v));
            } else list.push(v);
          }
          break;
        }
        case Kind.ListMessage: {
          let list = msg[f.name] as Message[] | undefined;
          if (list === undefined) msg[f.name] = list = [];
          const target = newMessage(subPlan(f));
          readSubMessage(f, r, target, depth, ctx);
          list.push(target);
          break;
        }
        case Kind.Map: {
          let map = msg[f.name] as Record<string, unknown> | undefined;
          if (map === undefined) msg[f.name] = map = {};
          if (!readMapEntry(f, r, map, depth, ctx) && ctx.readUnknown) {
            (unknown ??= []).push(r.buf.subarray(tagStart, r.pos));
          }
          break;
        }
      }
    }
    if (groupNo > 0) throw new ProtobufError(`missing END_GROUP for group ${groupNo}`);
  } catch (e) {
    throw annotate(e, plan, no, r);
  }
  if (unknown !== undefined) appendUnknown(msg, unknown);
}

const fastReadHelpers: FastReadHelpers = {
  newMessage: (f) => newMessage(subPlan(f)),
  readSubMessage: (f, r, target, depth, ctx) => readSubMessage(f, r, target, depth, ctx as DecodeContext),
  readMapValue(f, r, v, depth, ctx) {
    const sub = subPlan(f);
    const target = v ?? newMessage(sub);
    const end = r.delimitedEnd();
    const outer = r.end;
    r.end = end;
    readMessage(sub, r, target, depth + 1, ctx as DecodeContext, 0);
    r.end = outer;
    return target;
  },
  mapDefault: (f) => mapValueDefault(f),
  skipEntryField(tag, r, depth, ctx) {
    const no = tag >>> 3;
    const wt = tag & 7;
    if (no === 1 || no === 2) throw new ProtobufError(`wrong wire type ${wt} for map entry field ${no === 1 ? "key" : "value"}`);
    if (wt === WireType.EndGroup) throw new ProtobufError("unexpected END_GROUP in a map entry");
    r.skip(wt, no, depth + 1, (ctx as DecodeContext).maxDepth);
  },
  setMapEntry,
};

function mapValueDefault(f: FieldPlan): unknown {
  if (f.mapValueKind === Kind.Message) return newMessage(subPlan(f));
  if (f.mapValueKind === Kind.Enum) return 0;
  return scalarZero(f.scalar, f.long);
}

function readSubMessage(f: FieldPlan, r: BinaryReader, target: Message, depth: number, ctx: DecodeContext): void {
  if (depth >= ctx.maxDepth) throw new ProtobufError(`nesting deeper than the limit of ${ctx.maxDepth}`);
  const sub = subPlan(f);
  if (f.delimited) {
    readMessage(sub, r, target, depth + 1, ctx, f.no);
    return;
  }
  const end = r.delimitedEnd();
  const outer = r.end;
  r.end = end;
  readMessage(sub, r, target, depth + 1, ctx, 0);
  r.end = outer;
}

/**
 * Reads one map entry into `map`. Returns `false` when the value is a number its closed enum does not know:
 * then the whole entry belongs in unknown fields, as in protoc.
 */
function readMapEntry(f: FieldPlan, r: BinaryReader, map: Record<string, unknown>, depth: number, ctx: DecodeContext): boolean {
  if (depth >= ctx.maxDepth) throw new ProtobufError(`nesting deeper than the limit of ${ctx.maxDepth}`);
  const end = r.delimitedEnd();
  const outer = r.end;
  r.end = end;
  let key: ScalarValue | undefined;
  let value: unknown;
  while (r.pos < end) {
    const tag = r.rawTag();
    const no = tag >>> 3;
    const wt = tag & 7;
    if (no === 1 && wt === f.mapKeyWireType) {
      key = readScalar(r, f.mapKey, LongRep.String, f.validateUtf8);
    } else if (no === 2 && wt === f.mapValueWireType) {
      if (f.mapValueKind === Kind.Scalar) value = readScalar(r, f.scalar, f.long, f.validateUtf8);
      else if (f.mapValueKind === Kind.Enum) value = r.int32();
      else {
        const sub = subPlan(f);
        const target = (value as Message | undefined) ?? newMessage(sub);
        const subEnd = r.delimitedEnd();
        r.end = subEnd;
        readMessage(sub, r, target, depth + 1, ctx, 0);
        r.end = end;
        value = target;
      }
    } else if (no === 1 || no === 2) {
      throw new ProtobufError(`wrong wire type ${wt} for map entry field ${no === 1 ? "key" : "value"}`);
    } else if (wt === WireType.EndGroup) {
      throw new ProtobufError("unexpected END_GROUP in a map entry");
    } else {
      r.skip(wt, no, depth + 1, ctx.maxDepth);
    }
  }
  r.end = outer;
  if (value === undefined) {
    value = mapValueDefault(f);
  } else if (f.mapValueKind === Kind.Enum && f.closedEnum !== undefined && f.closedEnum.value(value as number) === undefined) {
    return false;
  }
  const k = key === undefined ? (f.mapKey === ScalarType.BOOL ? "false" : f.mapKey === ScalarType.STRING ? "" : "0") : String(key);
  setMapEntry(map, k, value);
  return true;
}

function encodeUnknownEnum(no: number, v: number): Uint8Array {
  const w = new BinaryWriter(16);
  w.tag(no, WireType.Varint).int32(v);
  return w.finish();
}

/** Appends raw unknown-field chunks after the message's existing unknown bytes. */
export function appendUnknown(msg: Message, chunks: readonly Uint8Array[]): void {
  const prev = msg[UnknownFields];
  let size = prev?.length ?? 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let pos = 0;
  if (prev !== undefined) {
    out.set(prev, 0);
    pos = prev.length;
  }
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  msg[UnknownFields] = out;
}
