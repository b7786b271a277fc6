// Service definitions for the standard services (health, reflection), made from their embedded descriptors.
import { decodeBase64, serviceFromDesc, type ServiceDefinition } from "../grpc/index.js";
import { createRegistry, type DescService } from "../protobuf/index.js";

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

/**
 * A service definition whose descriptor is linked on first use of `methods` or `desc`, so importing the
 * server costs nothing for programs that never serve these services.
 */
export function lazyService<M extends ServiceDefinition["methods"]>(typeName: string, descriptorSetBase64: string): ServiceDefinition<M> {
  let methods: M | undefined;
  const getDesc = lazyDesc(typeName, descriptorSetBase64);
  return {
    typeName,
    get methods(): M {
      return (methods ??= serviceFromDesc(getDesc()).methods as unknown as M);
    },
    get desc(): DescService {
      return getDesc();
    },
  };
}
