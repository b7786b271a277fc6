/**
 * proto2 `required` fields: whether a message has all of them set, in itself and in every message it holds
 * (Python's `IsInitialized()` and `FindInitializationErrors()`).
 *
 * Spindle's codec does not check them by default (as protobuf-es, and as protoc's "partial" parse and
 * serialize): a message missing a required field still encodes and decodes, so proxies and conformance peers
 * see exactly what was sent. Pass `checkRequired: true` to fromBinary()/toBinary(), or call
 * {@link assertInitialized}, to get Python's behaviour: an error naming every missing field by its path.
 *
 * Extensions are kept as raw bytes until read (see extensions.ts), so required fields inside extension
 * values are checked when the extension is read, not here.
 */
import type { DescField, DescMessage } from "./desc.js";
import { ProtobufError } from "./errors.js";
import type { Message, OneofValue } from "./message.js";

/** Per message type: does it, or anything it can hold, have a required field? Most schemas never do. */
const mayHaveRequired = new WeakMap<DescMessage, boolean>();

function computeMayHaveRequired(desc: DescMessage, visiting: Set<DescMessage>): boolean {
  const known = mayHaveRequired.get(desc);
  if (known !== undefined) return known;
  // A type already on the path adds nothing new: its own answer comes from the fields outside the cycle.
  if (visiting.has(desc)) return false;
  visiting.add(desc);
  let result = false;
  for (const f of desc.fields) {
    if (f.presence === "legacy_required") result = true;
    else {
      const sub = messageOf(f);
      if (sub !== undefined && computeMayHaveRequired(sub, visiting)) result = true;
    }
    if (result) break;
  }
  visiting.delete(desc);
  // Within a cycle a "false" may be provisional; only cache it at the top of the walk (or when true).
  if (result || visiting.size === 0) mayHaveRequired.set(desc, result);
  return result;
}

function messageOf(f: DescField): DescMessage | undefined {
  if (f.fieldKind === "message") return f.message;
  if (f.fieldKind === "list" && f.listKind === "message") return f.message;
  if (f.fieldKind === "map" && f.mapKind === "message") return f.message;
  return undefined;
}

function hasRequired(desc: DescMessage): boolean {
  return mayHaveRequired.get(desc) ?? computeMayHaveRequired(desc, new Set());
}

/**
 * Lists the paths of the required fields that are not set in `message` or in any message it holds, in field
 * order: `req`, `child.req`, `items[2].id`, `byName["k"].id` (proto names, as Python prints them). Empty when
 * the message is initialized.
 *
 * @example
 * ```ts
 * findMissingRequired(Order, { item: [{}] }); // ["id", "item[0].sku"]
 * ```
 */
export function findMissingRequired(desc: DescMessage, message: object): string[] {
  const out: string[] = [];
  if (hasRequired(desc)) collect(desc, message as Message, "", out, 0);
  return out;
}

/** Deeper than this is a cycle in the object graph (the encoder gives up at the same depth). */
const MAX_DEPTH = 1000;

function collect(desc: DescMessage, msg: Message, prefix: string, out: string[], depth: number): void {
  if (depth > MAX_DEPTH || typeof msg !== "object" || msg === null) return;
  for (const f of desc.fields) {
    let value: unknown;
    if (f.oneof !== undefined) {
      const o = msg[f.oneof.localName] as OneofValue | undefined;
      value = o?.case === f.localName ? o.value : undefined;
    } else {
      value = msg[f.localName];
    }
    if (f.presence === "legacy_required" && value === undefined) {
      out.push(prefix + f.name);
      continue;
    }
    const sub = messageOf(f);
    if (sub === undefined || value === undefined || value === null || !hasRequired(sub)) continue;
    if (f.fieldKind === "list") {
      if (!Array.isArray(value)) continue;
      value.forEach((v, i) => collect(sub, v as Message, `${prefix}${f.name}[${i}].`, out, depth + 1));
    } else if (f.fieldKind === "map") {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        collect(sub, v as Message, `${prefix}${f.name}[${JSON.stringify(k)}].`, out, depth + 1);
      }
    } else {
      collect(sub, value as Message, `${prefix}${f.name}.`, out, depth + 1);
    }
  }
}

/**
 * Whether every required field of `message`, and of every message it holds, is set.
 *
 * @example
 * ```ts
 * if (!isInitialized(Order, order)) console.log(findMissingRequired(Order, order));
 * ```
 */
export function isInitialized(desc: DescMessage, message: object): boolean {
  return findMissingRequired(desc, message).length === 0;
}

/**
 * Throws a {@link ProtobufError} naming every missing required field (by path) unless `message` is
 * initialized, e.g. `missing required fields in shop.v1.Order: id, item[0].sku`.
 *
 * @example
 * ```ts
 * assertInitialized(Order, order); // as Python's SerializeToString() would, before sending
 * ```
 */
export function assertInitialized(desc: DescMessage, message: object): void {
  const missing = findMissingRequired(desc, message);
  if (missing.length === 0) return;
  const noun = missing.length === 1 ? "field" : "fields";
  throw new ProtobufError(`missing required ${noun} in ${desc.typeName}: ${missing.join(", ")}`);
}
