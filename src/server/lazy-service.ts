// Service definitions for the standard services (health, reflection), made from their embedded descriptors.
import { decodeBase64, serviceFromDesc, type ServiceDefinition } from "../grpc/index.js";
import { createRegistry, type DescService } from "../protobuf/index.js";

/**
 * A service definition whose descriptor is linked on first use of `methods` or `desc`, so importing the
 * server costs nothing for programs that never serve these services.
 */
export function lazyService<M extends ServiceDefinition["methods"]>(typeName: string, descriptorSetBase64: string): ServiceDefinition<M> {
  let desc: DescService | undefined;
  let methods: M | undefined;
  const getDesc = (): DescService => {
    if (desc === undefined) {
      const bytes = decodeBase64(descriptorSetBase64);
      const found = bytes === undefined ? undefined : createRegistry(bytes).getService(typeName);
      if (found === undefined) throw new Error(`${typeName}: its embedded descriptor is missing`);
      desc = found;
    }
    return desc;
  };
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
