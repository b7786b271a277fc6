/**
 * The input shape of messages: what stubs and handlers accept where a message is sent.
 */

/**
 * A partial message for sending: every field optional, recursively; unset fields encode as their defaults.
 * A oneof keeps its discriminated `{ case, value }` shape, with a partial `value`. Scalars, bytes and enums
 * are as in the complete type.
 *
 * @example
 * ```ts
 * const init: MessageInit<Product> = { id: "p1" }; // name, price… take their defaults
 * ```
 */
export type MessageInit<T> = T extends Uint8Array | string | number | bigint | boolean | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? MessageInit<E>[]
    : T extends { case: string | undefined }
      ? T extends { value: infer V }
        ? { case: T["case"]; value: MessageInit<V> }
        : T
      : T extends object
        ? { [P in keyof T]?: MessageInit<T[P]> }
        : T;
