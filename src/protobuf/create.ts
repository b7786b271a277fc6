/**
 * create(): complete message objects, optionally initialised from a partial one.
 */
import type { DescMessage } from "./desc.js";
import type { Message, OneofValue } from "./message.js";
import { Kind, getPlan, subPlan, type FieldPlan, type MessagePlan } from "./plan.js";
import { UnknownFields } from "./unknown-fields.js";

/** A new complete object for a message plan: implicit scalars zero, lists `[]`, maps `{}`, oneofs unset. */
export function newMessage(plan: MessagePlan): Message {
  if (plan.factory !== undefined) return plan.factory();
  const m: Message = { ...plan.template };
  const lists = plan.freshLists;
  for (let i = 0; i < lists.length; i++) m[lists[i]!] = [];
  const maps = plan.freshMaps;
  for (let i = 0; i < maps.length; i++) m[maps[i]!] = {};
  const oneofs = plan.freshOneofs;
  for (let i = 0; i < oneofs.length; i++) m[oneofs[i]!] = { case: undefined };
  return m;
}

/**
 * Creates a complete message of type `desc`: proto3 scalars zero, lists `[]`, maps `{}`, oneofs
 * `{ case: undefined }`, explicit-presence fields absent. Fields given in `init` are copied in (nested
 * messages, lists and maps are copied too, so the result shares no mutable state with `init`); properties
 * that are not fields are ignored.
 *
 * @example
 * ```ts
 * const p = create(Product, { id: "p1", priceCents: 1999n });
 * ```
 */
export function create(desc: DescMessage, init?: object): Message {
  const plan = getPlan(desc);
  const m = newMessage(plan);
  if (init !== undefined && init !== null) initFrom(plan, m, init as Message);
  return m;
}

function copyValue(f: FieldPlan, v: unknown): unknown {
  if (f.kind === Kind.Message || (f.kind === Kind.Map && f.mapValueKind === Kind.Message) || f.kind === Kind.ListMessage) {
    const sub = subPlan(f);
    const m = newMessage(sub);
    initFrom(sub, m, v as Message);
    return m;
  }
  // new Uint8Array(x) always copies; a Node Buffer's slice() would be a view.
  return v instanceof Uint8Array ? new Uint8Array(v) : v;
}

function initFrom(plan: MessagePlan, m: Message, init: Message): void {
  for (const f of plan.fields) {
    if (f.oneof !== undefined) {
      const o = init[f.oneof] as OneofValue | undefined;
      if (o?.case === f.name && o.value !== undefined) m[f.oneof] = { case: f.name, value: copyValue(f, o.value) };
      continue;
    }
    const v = init[f.name];
    if (v === undefined || v === null) continue;
    switch (f.kind) {
      case Kind.ListScalar:
      case Kind.ListEnum:
      case Kind.ListMessage:
        m[f.name] = (v as unknown[]).map((x) => copyValue(f, x));
        break;
      case Kind.Map: {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) setMapEntry(out, k, copyValue(f, x));
        m[f.name] = out;
        break;
      }
      default:
        m[f.name] = copyValue(f, v);
    }
  }
  const u = init[UnknownFields];
  if (u !== undefined) m[UnknownFields] = new Uint8Array(u);
}

/** Sets a map entry; a `__proto__` key becomes an own property instead of replacing the prototype. */
export function setMapEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
