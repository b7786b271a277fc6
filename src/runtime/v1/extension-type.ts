/**
 * Typed extensions for generated code. A generated file exports one {@link Extension} constant per `extend`
 * field, and these functions read and write it on a message of the extendee's generated type.
 *
 * Extension values live where the reflection runtime keeps them (src/protobuf/extensions.ts): as wire records
 * in the message's unknown fields, so generated codecs round-trip them without knowing them, and a message
 * decoded before the extension was known still has it. These functions convert between that storage and the
 * generated representation: message values through their generated codec, 64-bit values to the `long`
 * representation the generator was asked for.
 */
import {
  clearExtension as reflectClearExtension,
  fromBinary,
  getExtension as reflectGetExtension,
  hasExtension as reflectHasExtension,
  ProtobufError,
  setExtension as reflectSetExtension,
  toBinary,
  type DescExtension,
  type DescMessage,
  type UnknownFields,
} from "../../protobuf/index.js";
import type { MessageInit } from "../../grpc/index.js";
import type { GenFile } from "./gen-file.js";
import type { MessageType } from "./message-type.js";
import type { MessageCodec } from "./service-type.js";

declare const extensionTypes: unique symbol;

/** A message as generated code types it (what an extendee is). */
type AnyMessage = { [UnknownFields]?: Uint8Array };

/**
 * An extension field: `V` values on messages of type `E`.
 *
 * @example
 * ```ts
 * // extend google.protobuf.MethodOptions { string http_path = 50001; }  (in api.proto)
 * import { http_path } from "./gen/api.js";
 * const path = getOption(Catalog.methods.getProduct.desc, http_path);
 * ```
 */
export interface Extension<E extends AnyMessage, V> {
  /** The full protobuf name, e.g. `shop.v1.http_path` (`shop.v1.Scope.name` when declared inside a message). */
  readonly typeName: string;
  /** The field number on the extendee. */
  readonly number: number;
  /** The generated type of the message this extends. */
  readonly extendee: MessageType<E>;
  /** The extension's descriptor (linked on first access). */
  readonly desc: DescExtension;
  /** Carries the value type for inference; never set. */
  readonly [extensionTypes]?: { value: V };
}

/** The part of a generated message type an extension of that message type needs (any message type fits). */
export interface ExtensionMessageCodec extends MessageCodec {
  readonly desc: DescMessage;
}

/** How the generated representation of an extension's value differs from the reflection runtime's. */
export interface DefineExtensionOptions {
  /** The generated type of a message (or group) value, single or repeated: values go through its codec. */
  message?: ExtensionMessageCodec;
  /** 64-bit values are strings or numbers in generated code (the `long` option), bigints in the runtime. */
  long?: "string" | "number";
}

/** Builds the constant a generated file exports for one extension (called by generated code only). */
export function defineExtension<E extends AnyMessage, V>(
  file: GenFile,
  typeName: string,
  number: number,
  extendee: MessageType<E>,
  options: DefineExtensionOptions = {},
): Extension<E, V> {
  let desc: DescExtension | undefined;
  const ext: Extension<E, V> = {
    typeName,
    number,
    extendee,
    get desc() {
      return (desc ??= file.extension(typeName));
    },
  };
  conversions.set(ext, options);
  return ext;
}

// The conversions stay out of the public object, so that `Extension` is just data.
const conversions = new WeakMap<object, DefineExtensionOptions>();

function convert(ext: { readonly typeName: string }, value: unknown, toGenerated: boolean): unknown {
  const options = conversions.get(ext);
  if (options === undefined) throw new Error(`${ext.typeName}: not an extension made by defineExtension`);
  const { message, long } = options;
  let one: ((v: unknown) => unknown) | undefined;
  if (message !== undefined) {
    const desc: DescMessage = message.desc;
    one = toGenerated
      ? (v) => message.decode(toBinary(desc, v as never))
      : (v) => fromBinary(desc, message.encode(v as never));
  } else if (long !== undefined) {
    one = toGenerated ? (v) => (long === "string" ? String(v) : Number(v)) : (v) => toBigInt(ext, v, long);
  }
  if (one === undefined) return value;
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** A 64-bit value given as a decimal string or an integral number, as the runtime's bigint. */
function toBigInt(ext: { readonly typeName: string }, v: unknown, long: string): bigint {
  if ((typeof v === "string" && /^-?[0-9]+$/.test(v)) || (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint") return BigInt(v);
  throw new ProtobufError(`cannot set extension ${ext.typeName}: expected a 64-bit integer as a ${long}, got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`);
}

/**
 * The value of `ext` in `message`: decoded from the message's unknown fields with the usual merge rules; when
 * absent, the proto2 default, the zero value, `[]` for a repeated extension, or an empty message.
 *
 * @throws ProtobufError if the stored bytes do not decode as the extension's type.
 * @example
 * ```ts
 * const n: number = getExtension(msg, ext_int32);
 * ```
 */
export function getExtension<E extends AnyMessage, V>(message: E, ext: Extension<E, V>): V {
  return convert(ext, reflectGetExtension(message, ext.desc), true) as V;
}

/**
 * Sets `ext` on `message` (replacing any value it had). Message values may be partial, like any message input.
 *
 * @throws ProtobufError for a value of the wrong type.
 * @example
 * ```ts
 * setExtension(msg, ext_sub, { a: 1 });
 * ```
 */
export function setExtension<E extends AnyMessage, V>(message: E, ext: Extension<E, V>, value: MessageInit<V>): void {
  reflectSetExtension(message, ext.desc, convert(ext, value, false));
}

/** Whether `message` has a value for `ext` (for a repeated extension: at least one element). */
export function hasExtension<E extends AnyMessage, V>(message: E, ext: Extension<E, V>): boolean {
  return reflectHasExtension(message, ext.desc);
}

/** Removes `ext` from `message`. */
export function clearExtension<E extends AnyMessage, V>(message: E, ext: Extension<E, V>): void {
  reflectClearExtension(message, ext.desc);
}

/** The options message each kind of descriptor carries (what its custom options extend). */
const optionsTypeOf: Record<string, string> = {
  file: "google.protobuf.FileOptions",
  message: "google.protobuf.MessageOptions",
  field: "google.protobuf.FieldOptions",
  extension: "google.protobuf.FieldOptions",
  oneof: "google.protobuf.OneofOptions",
  enum: "google.protobuf.EnumOptions",
  enum_value: "google.protobuf.EnumValueOptions",
  service: "google.protobuf.ServiceOptions",
  rpc: "google.protobuf.MethodOptions",
};

/**
 * A custom option of a descriptor: `ext` (an extension of the options message of `desc`'s kind) read from
 * `desc.proto.options`. An option that is not set reads as its default, as {@link getExtension} does.
 *
 * @throws Error when `ext` extends another options message than `desc`'s (a method option asked of a file), or
 *   when `desc` is `undefined` (a service or method definition written by hand has none).
 * @example
 * ```ts
 * // extend google.protobuf.MethodOptions { string http_path = 50001; }
 * const path: string = getOption(Catalog.methods.getProduct.desc, http_path);
 * ```
 */
export function getOption<E extends AnyMessage, V>(
  desc: { readonly kind: string; readonly proto: { readonly options?: object | undefined } } | undefined,
  ext: Extension<E, V>,
): V {
  if (desc === undefined) throw new Error(`cannot read option ${ext.typeName}: no descriptor (a definition written by hand?)`);
  const want = optionsTypeOf[desc.kind];
  if (want !== ext.extendee.typeName) {
    throw new Error(`${ext.typeName} is an option of ${ext.extendee.typeName}, not of a ${desc.kind} (${want ?? "no options"})`);
  }
  // The options message is the extendee's type: a descriptor's kind decides it, as checked above.
  return getExtension((desc.proto.options ?? {}) as E, ext);
}
