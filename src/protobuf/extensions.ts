/**
 * Extensions (proto2 `extend`): their values live in a message's unknown fields, as raw wire bytes, so a
 * message decoded without knowing an extension still round-trips it. These functions read and write one
 * extension there, through a one-field codec plan.
 *
 * The message object does not record its type, so the caller is responsible for passing a message of the
 * extension's `extendee`.
 */
import type { DescExtension } from "./desc.js";
import { decodeInto } from "./from-binary.js";
import { newMessage } from "./create.js";
import type { Message } from "./message.js";
import { Kind, planField, subPlan, type FieldPlan, type MessagePlan } from "./plan.js";
import { scalarZero } from "./scalar.js";
import { writeMessage } from "./to-binary.js";
import { UnknownFields } from "./unknown-fields.js";
import { BinaryReader } from "./wire/binary-reader.js";
import { BinaryWriter } from "./wire/binary-writer.js";

const plans = new WeakMap<DescExtension, MessagePlan>();

function extensionPlan(ext: DescExtension): MessagePlan {
  let plan = plans.get(ext);
  if (!plan) {
    const f = planField(ext);
    plan = {
      desc: ext.extendee,
      typeName: ext.typeName,
      fields: [f],
      byNumber: [],
      byNumberMap: new Map([[f.no, f]]),
      inits: [],
      template: {},
      freshLists: [],
      freshMaps: [],
      freshOneofs: [],
      factory: undefined,
      values: undefined,
      fastRead: null,
      fastWrite: null,
    };
    plans.set(ext, plan);
  }
  return plan;
}

/** Calls `visit` with the field number and byte range of each record of `unknown`. */
function forEachRecord(unknown: Uint8Array, visit: (no: number, start: number, end: number) => void): void {
  const r = new BinaryReader(unknown);
  while (r.pos < r.end) {
    const start = r.pos;
    const tag = r.rawTag();
    r.skip(tag & 7, tag >>> 3);
    visit(tag >>> 3, start, r.pos);
  }
}

/** Whether `message` has a value for `ext` (for repeated extensions: at least one element). */
export function hasExtension(message: object, ext: DescExtension): boolean {
  const u = (message as Message)[UnknownFields];
  if (u === undefined) return false;
  let found = false;
  forEachRecord(u, (no) => {
    if (no === ext.number) found = true;
  });
  return found;
}

/**
 * The value of `ext` in `message`: decoded from its unknown fields with the usual merge rules; when absent,
 * the proto2 default, the zero value, `[]` for repeated extensions, or an empty message. Throws a
 * ProtobufError if the stored bytes do not decode.
 */
export function getExtension(message: object, ext: DescExtension): unknown {
  const plan = extensionPlan(ext);
  const f = plan.fields[0]!;
  const container: Message = {};
  const u = (message as Message)[UnknownFields];
  if (u !== undefined && hasExtension(message, ext)) decodeInto(plan, container, u, { readUnknownFields: false });
  const v = container[f.name];
  if (v !== undefined) return v;
  return emptyValue(f, ext);
}

function emptyValue(f: FieldPlan, ext: DescExtension): unknown {
  switch (f.kind) {
    case Kind.ListScalar:
    case Kind.ListEnum:
    case Kind.ListMessage:
      return [];
    case Kind.Message:
      return newMessage(subPlan(f));
    case Kind.Enum:
      return ext.fieldKind === "enum" ? (ext.defaultValue ?? ext.enum.values[0]!.number) : 0;
    default:
      return ext.fieldKind === "scalar" ? (ext.defaultValue ?? scalarZero(f.scalar, f.long)) : undefined;
  }
}

/**
 * Sets `ext` on `message`, replacing any value it had; it goes before unknown-field records with larger
 * numbers. Throws a ProtobufError for a value of the wrong type (and leaves the message as it was).
 */
export function setExtension(message: object, ext: DescExtension, value: unknown): void {
  const plan = extensionPlan(ext);
  const w = new BinaryWriter(64);
  writeMessage(plan, { [plan.fields[0]!.name]: value }, w, false, 0);
  const bytes = w.finish();
  clearExtension(message, ext);
  if (bytes.length === 0) return;
  const m = message as Message;
  const prev = m[UnknownFields];
  if (prev === undefined || prev.length === 0) {
    m[UnknownFields] = bytes;
    return;
  }
  // Insert before the first record with a larger number: extensions set in any order are then written in
  // number order, as protoc and Python write them.
  let at = prev.length;
  forEachRecord(prev, (no, start) => {
    if (no > ext.number && start < at) at = start;
  });
  const out = new Uint8Array(prev.length + bytes.length);
  out.set(prev.subarray(0, at), 0);
  out.set(bytes, at);
  out.set(prev.subarray(at), at + bytes.length);
  m[UnknownFields] = out;
}

/** Removes every record of `ext` from `message`'s unknown fields. */
export function clearExtension(message: object, ext: DescExtension): void {
  const m = message as Message;
  const u = m[UnknownFields];
  if (u === undefined) return;
  const keep: [number, number][] = [];
  let removed = false;
  forEachRecord(u, (no, start, end) => {
    if (no === ext.number) removed = true;
    else keep.push([start, end]);
  });
  if (!removed) return;
  let size = 0;
  for (const [s, e] of keep) size += e - s;
  if (size === 0) {
    delete m[UnknownFields];
    return;
  }
  const out = new Uint8Array(size);
  let pos = 0;
  for (const [s, e] of keep) {
    out.set(u.subarray(s, e), pos);
    pos += e - s;
  }
  m[UnknownFields] = out;
}
