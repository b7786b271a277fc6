/**
 * What a generated file exports for a service: a `ServiceDefinition` whose methods carry their paths, kinds
 * and the generated codecs, so that `createClient(Catalog, channel)` and `server.addService(Catalog, impl)`
 * are typed from it.
 */
import type { AnyMethodDefinition, DeserializeOptions, MethodIdempotency, MethodKind, ServiceDefinition } from "../../grpc/index.js";
import type { GenFile } from "./gen-file.js";

/** The part of a generated message type a service needs (`never` accepts every message type's encoder). */
export interface MessageCodec {
  encode(message: never): Uint8Array;
  encodeWith<R>(message: never, use: (bytes: Uint8Array) => R): R;
  decode(bytes: Uint8Array, options?: DeserializeOptions): unknown;
}

/** One method as generated code describes it to {@link defineService}. */
export interface MethodSpec {
  /** The name in the `.proto` file (`GetProduct`). */
  readonly name: string;
  readonly kind: MethodKind;
  readonly input: MessageCodec;
  readonly output: MessageCodec;
  readonly idempotency?: MethodIdempotency;
}

/** {@link MessageCodec} with its messages typed as what a method definition hands it. */
interface Codec {
  encode(message: unknown): Uint8Array;
  encodeWith<R>(message: unknown, use: (bytes: Uint8Array) => R): R;
  decode(bytes: Uint8Array, options?: DeserializeOptions): unknown;
}

/**
 * Builds a generated service's definition (called by generated code only, which spells out `M`, the typed
 * method definitions, next to the specs it passes).
 */
export function defineService<M extends Record<string, AnyMethodDefinition>>(
  file: GenFile,
  typeName: string,
  specs: { readonly [P in keyof M]: MethodSpec },
): ServiceDefinition<M> {
  const methods: Record<string, AnyMethodDefinition> = {};
  for (const localName of Object.keys(specs)) {
    const spec = specs[localName as keyof M];
    const input = spec.input as unknown as Codec;
    const output = spec.output as unknown as Codec;
    methods[localName] = {
      path: `/${typeName}/${spec.name}`,
      name: spec.name,
      localName,
      kind: spec.kind,
      idempotency: spec.idempotency ?? "unknown",
      get desc() {
        const d = file.service(typeName).methods.find((m) => m.name === spec.name);
        if (d === undefined) throw new Error(`${typeName} has no method ${spec.name} in its descriptor`);
        return d;
      },
      serializeRequest: (m) => input.encode(m),
      // The fast paths (see MethodDefinition): bytes fields as views of data the server or client hands over,
      // and responses framed straight from the encoder's buffer.
      deserializeRequest: (b, options) => input.decode(b, options),
      serializeResponse: (m) => output.encode(m),
      serializeResponseWith: (m, use) => output.encodeWith(m, use),
      deserializeResponse: (b, options) => output.decode(b, options),
    };
  }
  return {
    typeName,
    methods: methods as unknown as M,
    get desc() {
      return file.service(typeName);
    },
  };
}
