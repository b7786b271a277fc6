// Service definitions for the standard services (health, reflection), made from their embedded descriptors.
import { decodeBase64, serviceFromDesc, type AnyMethodDefinition, type MethodKind, type ServiceDefinition } from "../grpc/index.js";
import { createRegistry, type DescMethod, type DescService } from "../protobuf/index.js";

/**
 * The descriptor of service `typeName` from an embedded descriptor set, linked on the first call (linking
 * costs milliseconds, and descriptor.proto with it, which a program may never need).
 */
export function lazyDesc(typeName: string, descriptorSetBase64: string): () => DescService {
  let desc: DescService | undefined;
  return () => {
    if (desc === undefined) {
      const bytes = decodeBase64(descriptorSetBase64);
      const found = bytes === undefined ? undefined : createRegistry(bytes).getService(typeName);
      if (found === undefined) throw new Error(`${typeName}: its embedded descriptor is missing`);
      desc = found;
    }
    return desc;
  };
}

/** A method's name in the `.proto` file and its kind, known before its descriptor is linked. */
export interface MethodShape {
  readonly name: string;
  readonly kind: MethodKind;
}

/**
 * A service definition whose descriptor is linked on first use of `desc` or of a method's codec (its first
 * call), not when it is registered: `server.addService` needs only the paths and kinds, which `shapes` gives.
 * So importing or registering these services costs no linking at startup.
 */
export function lazyService<M extends ServiceDefinition["methods"]>(
  typeName: string,
  descriptorSetBase64: string,
  shapes: { readonly [K in keyof M]: MethodShape },
): ServiceDefinition<M> {
  const getDesc = lazyDesc(typeName, descriptorSetBase64);
  let linked: ServiceDefinition["methods"] | undefined;
  const real = (localName: string): AnyMethodDefinition => (linked ??= serviceFromDesc(getDesc()).methods)[localName]!;
  const methods: Record<string, AnyMethodDefinition> = {};
  for (const [localName, { name, kind }] of Object.entries(shapes) as [string, MethodShape][]) {
    methods[localName] = {
      path: `/${typeName}/${name}`,
      name,
      localName,
      kind,
      get desc(): DescMethod | undefined {
        return real(localName).desc;
      },
      serializeRequest: (message) => real(localName).serializeRequest(message),
      deserializeRequest: (bytes, options) => real(localName).deserializeRequest(bytes, options),
      serializeResponse: (message) => real(localName).serializeResponse(message),
      deserializeResponse: (bytes) => real(localName).deserializeResponse(bytes),
    };
  }
  return {
    typeName,
    methods: methods as M,
    get desc(): DescService {
      return getDesc();
    },
  };
}
