/**
 * Spindle's protobuf runtime: descriptors and a registry, the binary codec (reflection), equality, cloning,
 * extensions, and the proto3 JSON mapping. This file is the layer's only door.
 *
 * @example
 * ```ts
 * import { createRegistry, fromBinary, toBinary } from "spindle/protobuf";
 * const registry = createRegistry(descriptorSetBytes);
 * const Product = registry.getMessage("shop.v1.Product")!;
 * const bytes = toBinary(Product, { id: "p1", name: "Mug" });
 * const again = fromBinary(Product, bytes);
 * ```
 */
import { lazyWellKnownRegistry, type Registry } from "./registry.js";

export { ProtobufError } from "./errors.js";
export * from "./desc.js";
export { UnknownFields } from "./unknown-fields.js";
export type { Message, OneofValue } from "./message.js";
export { createRegistry, walkFile, type Registry, type RegistryInput, type RegistryType } from "./registry.js";
export { create } from "./create.js";
export { toBinary, toBinaryWith, type BinaryWriteOptions } from "./to-binary.js";
export { fromBinary, mergeFromBinary, type BinaryReadOptions } from "./from-binary.js";
export { equals } from "./equals.js";
export { isInitialized, assertInitialized, findMissingRequired } from "./required.js";
export { clone } from "./clone.js";
export { getExtension, setExtension, hasExtension, clearExtension } from "./extensions.js";
export { BinaryReader } from "./wire/binary-reader.js";
export { BinaryWriter } from "./wire/binary-writer.js";
export { WireType, MAX_FIELD_NUMBER } from "./wire/wire-type.js";
export { protoJsonName, localName, methodLocalName, safeObjectProperty } from "./names.js";
export * from "./wkt/bootstrap.js";
export type { Any, Timestamp, Duration } from "./wkt/types.js";
export { anyPack, anyUnpack, anyIs, anyTypeName } from "./wkt/any.js";
export { timestampFromMs, timestampFromDate, timestampNow, timestampMs, timestampDate, durationFromMs, durationMs } from "./wkt/time.js";
export * from "./json/index.js";

/**
 * The well-known files (`google/protobuf/*.proto`, `descriptor.proto`, `compiler/plugin.proto`), linked on
 * first use (so that importing the runtime does not pay for it).
 */
export const wellKnownRegistry: Registry = lazyWellKnownRegistry();
