/**
 * Where a decoded message keeps the fields its schema does not know: the raw wire bytes (tag and value of
 * each, in the order they arrived), so that encoding the message re-emits them unchanged.
 *
 * A symbol keeps them out of `JSON.stringify`, `Object.keys` and user code, while `{ ...msg }` still copies them.
 */
export const UnknownFields: unique symbol = Symbol.for("spindle.protobuf.unknownFields");
/** The type of the {@link UnknownFields} symbol. */
export type UnknownFields = typeof UnknownFields;
