/**
 * The message representation: a plain object whose properties are the fields' `localName`s (see DESIGN.md),
 * with unknown fields as raw wire bytes under the {@link UnknownFields} symbol.
 */
import { UnknownFields } from "./unknown-fields.js";

/** A message object. Field values are typed by the message's descriptor (or by generated types). */
export type Message = { [key: string]: unknown; [UnknownFields]?: Uint8Array };

/** A oneof's value on a message object: which member is set, and its value. */
export type OneofValue = { case: string; value: unknown } | { case: undefined; value?: undefined };
