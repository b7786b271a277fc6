/**
 * Service definitions from descriptors, for services loaded at run time (`loadProto()`, reflection) rather
 * than generated: the codecs are the protobuf runtime's reflection codec.
 */
import { type DescMethod, type DescService, fromBinary, type Message, toBinary, toBinaryWith } from "../protobuf/index.js";
import type { MethodDefinition, ServiceDefinition } from "./method.js";

/** A method definition made from a descriptor: messages are plain `Message` objects. */
export type DescMethodDefinition = MethodDefinition<Message, Message>;

/** A service definition made from a descriptor. */
export type DescServiceDefinition = ServiceDefinition<Record<string, DescMethodDefinition>>;

/**
 * Builds the definition of one method from its descriptor. Serializers accept partial objects (missing
 * fields encode as unset); deserializers return complete messages.
 */
export function methodFromDesc(method: DescMethod): DescMethodDefinition {
  const input = method.input;
  const output = method.output;
  return {
    path: method.path,
    name: method.name,
    localName: method.localName,
    kind: method.methodKind,
    idempotency: method.idempotency,
    desc: method,
    serializeRequest: (message) => toBinary(input, message),
    deserializeRequest: (bytes, options) => fromBinary(input, bytes, options),
    serializeResponse: (message) => toBinary(output, message),
    serializeResponseWith: (message, use) => toBinaryWith(output, message, use),
    deserializeResponse: (bytes, options) => fromBinary(output, bytes, options),
  };
}

/**
 * Builds a service definition from its descriptor, one method per RPC keyed by `localName`.
 *
 * @example
 * ```ts
 * const registry = createRegistry(descriptorSetBytes);
 * const Catalog = serviceFromDesc(registry.getService("shop.v1.Catalog")!);
 * server.addService(Catalog, { async getProduct(req) { return { id: req.id } } });
 * ```
 */
export function serviceFromDesc(service: DescService): DescServiceDefinition {
  const methods: Record<string, DescMethodDefinition> = {};
  for (const m of service.methods) methods[m.localName] = methodFromDesc(m);
  return { typeName: service.typeName, methods, desc: service };
}
