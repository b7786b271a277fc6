/**
 * Per-message lookups the JSON mapping needs on every key: a field by its JSON name or its proto name, and
 * a field's value on a message object (a oneof member lives under the oneof's property).
 */
import type { DescExtension, DescField, DescMessage } from "../desc.js";

/** A field or an extension: both carry a `fieldKind` and the type information the codec needs. */
export type FieldLike = DescField | DescExtension;

const byNameCache = new WeakMap<DescMessage, Map<string, DescField>>();

/**
 * Finds the field a JSON key names. The JSON name (lowerCamelCase or `json_name`) wins over the proto name,
 * as in the reference parsers; both are accepted.
 */
export function findFieldByJsonKey(desc: DescMessage, key: string): DescField | undefined {
  let map = byNameCache.get(desc);
  if (!map) {
    map = new Map();
    for (const f of desc.fields) map.set(f.name, f);
    for (const f of desc.fields) map.set(f.jsonName, f);
    byNameCache.set(desc, map);
  }
  return map.get(key);
}

/** The value a message object holds for `field`, or `undefined` when a oneof holds another member. */
export function getFieldValue(message: Record<string, unknown>, field: DescField): unknown {
  if (field.oneof) {
    const slot = message[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
    return slot?.case === field.localName ? slot.value : undefined;
  }
  return message[field.localName];
}

/** Sets a field on a message object, through its oneof when it has one. */
export function setFieldValue(message: Record<string, unknown>, field: DescField, value: unknown): void {
  if (field.oneof) message[field.oneof.localName] = { case: field.localName, value };
  else message[field.localName] = value;
}

/**
 * Sets an own property even when the key is `"__proto__"` (a legal map key and Struct key), which plain
 * assignment would turn into a prototype change.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
