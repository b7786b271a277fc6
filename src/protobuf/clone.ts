/**
 * clone(): a deep copy of a message.
 */
import { create } from "./create.js";
import type { DescMessage } from "./desc.js";
import type { Message } from "./message.js";

/**
 * A deep copy of `message` (of type `desc`): nested messages, lists, maps, bytes and unknown fields are
 * copied, so the copy shares no mutable state with the original. A partial input gives a complete copy.
 *
 * @example
 * ```ts
 * const copy = clone(Product, product);
 * ```
 */
export function clone(desc: DescMessage, message: object): Message {
  return create(desc, message);
}
