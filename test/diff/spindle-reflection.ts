/**
 * Spindle's reflection codec as a differential-test implementation, and the runtime helpers the harness
 * itself needs (registry lookups, extensions, comparisons of decoded messages).
 */
import {
  createRegistry,
  equals,
  fromBinary,
  fromJsonString,
  getExtension,
  setExtension,
  toBinary,
  toJsonString,
  type DescExtension,
  type DescMessage,
  type Message,
  type Registry,
} from "../../src/protobuf/index.js";
import type { CompareContext } from "./compare.js";
import type { CodecImplementation } from "./implementation.js";
import type { PlainMessage } from "./random-message.js";

/** The registry of a compiled schema, with the lookups the harness makes repeatedly. */
export interface SchemaRuntime {
  readonly registry: Registry;
  message(typeName: string): DescMessage;
  extensionsOf(extendee: DescMessage): readonly DescExtension[];
  setExtension(message: PlainMessage, extension: DescExtension, value: unknown): void;
  getExtension(message: PlainMessage, extension: DescExtension): unknown;
  equals(desc: DescMessage, a: PlainMessage, b: PlainMessage): boolean;
  /** Comparison helpers for compare.ts, decoding `Any` payloads with Spindle. */
  compareContext: CompareContext;
}

/** Links a serialized FileDescriptorSet (the well-known files come built in). */
export function createSchemaRuntime(descriptorSet: Uint8Array): SchemaRuntime {
  const registry = createRegistry(descriptorSet);
  const byExtendee = new Map<string, DescExtension[]>();
  for (const type of registry) {
    if (type.kind !== "extension") continue;
    const list = byExtendee.get(type.extendee.typeName) ?? [];
    list.push(type);
    byExtendee.set(type.extendee.typeName, list);
  }
  for (const list of byExtendee.values()) list.sort((a, b) => a.number - b.number);
  const extensionsOf = (extendee: DescMessage) => byExtendee.get(extendee.typeName) ?? [];
  const runtime: SchemaRuntime = {
    registry,
    message(typeName) {
      const desc = registry.getMessage(typeName);
      if (!desc) throw new Error(`no message type ${typeName} in the schema`);
      return desc;
    },
    extensionsOf,
    setExtension: (message, extension, value) => setExtension(message as Message, extension, value as never),
    getExtension: (message, extension) => getExtension(message as Message, extension),
    equals: (desc, a, b) => equals(desc, a as Message, b as Message),
    compareContext: {
      decode: (desc, bytes) => fromBinary(desc, bytes),
      resolveType: (typeName) => registry.getMessage(typeName),
      extensionsOf,
      getExtension: (message, extension) => getExtension(message as Message, extension),
    },
  };
  return runtime;
}

/** Spindle's reflection codec: toBinary/fromBinary and toJsonString/fromJsonString with the schema's registry. */
export function spindleReflection(runtime: SchemaRuntime): CodecImplementation {
  const registry = runtime.registry;
  return {
    name: "spindle-reflection",
    supports: () => true,
    encode: (desc, message) => toBinary(desc, message as Message),
    decode: (desc, bytes) => fromBinary(desc, bytes),
    toJson: (desc, message, options) => toJsonString(desc, message as Message, { ...options, registry }),
    fromJson: (desc, json, options) => fromJsonString(desc, json, { ...options, registry }),
  };
}
