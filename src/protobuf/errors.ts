/**
 * The one error type the protobuf runtime throws: for malformed bytes, bad descriptors, linking failures and
 * values that cannot be encoded. The message says what went wrong and where, e.g.
 * `premature end of data reading field 3 of shop.v1.Product`.
 *
 * @example
 * ```ts
 * try { fromBinary(Product, bytes); } catch (e) { if (e instanceof ProtobufError) console.log(e.message); }
 * ```
 */
export class ProtobufError extends Error {
  override name = "ProtobufError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
