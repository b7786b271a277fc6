/**
 * `google.protobuf.Any` helpers: pack a message with its type URL, and unpack it again through a registry
 * or a known descriptor.
 */
import type { DescMessage } from "../desc.js";
import { ProtobufError } from "../errors.js";
import { fromBinary } from "../from-binary.js";
import type { Message } from "../message.js";
import type { Registry } from "../registry.js";
import { toBinary } from "../to-binary.js";
import type { Any } from "./types.js";

/** The URL prefix protoc and every runtime use for packed types. */
const TYPE_URL_PREFIX = "type.googleapis.com/";

/**
 * Packs `message` (of type `desc`) into an Any.
 *
 * @example
 * ```ts
 * const any = anyPack(Product, { id: "p1" }); // { typeUrl: "type.googleapis.com/shop.v1.Product", value: … }
 * ```
 */
export function anyPack(desc: DescMessage, message: object): Any {
  return { typeUrl: TYPE_URL_PREFIX + desc.typeName, value: toBinary(desc, message) };
}

/** The full type name an Any's URL names (the part after the last `/`), or `undefined` if it is empty. */
export function anyTypeName(any: Any): string | undefined {
  const url = any.typeUrl ?? "";
  const name = url.slice(url.lastIndexOf("/") + 1);
  return name === "" ? undefined : name;
}

/** Whether `any` holds a message of type `desc` (or of the type with that full name). */
export function anyIs(any: Any, desc: DescMessage | string): boolean {
  return anyTypeName(any) === (typeof desc === "string" ? desc : desc.typeName);
}

/**
 * Unpacks an Any: with a descriptor, when it holds that type (else `undefined`); with a registry, whatever
 * registered type it holds (`undefined` when the registry does not know it). Throws a {@link ProtobufError}
 * when the value does not decode.
 */
export function anyUnpack(any: Any, descOrRegistry: DescMessage | Registry): Message | undefined {
  const name = anyTypeName(any);
  if (name === undefined) return undefined;
  let desc: DescMessage | undefined;
  if ("kind" in descOrRegistry && descOrRegistry.kind === "message") desc = descOrRegistry.typeName === name ? descOrRegistry : undefined;
  else desc = (descOrRegistry as Registry).getMessage(name);
  if (desc === undefined) return undefined;
  try {
    return fromBinary(desc, any.value ?? new Uint8Array(0));
  } catch (e) {
    throw new ProtobufError(`cannot unpack google.protobuf.Any holding ${name}: ${(e as Error).message}`, { cause: e });
  }
}
