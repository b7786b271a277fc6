/**
 * The descriptor of a generated file, built lazily: generated codecs never need it, so importing a generated
 * module costs nothing until JSON, reflection or a service's `desc` asks for it.
 */
import { createRegistry, type DescExtension, type DescFile, type DescMessage, type DescService, type Registry } from "../../protobuf/index.js";
import { decodeBase64 } from "./base64.js";

/** A generated file's handle on its descriptor. */
export interface GenFile {
  /** The `.proto` path, e.g. `shop/v1/shop.proto`. */
  readonly name: string;
  /** The linked descriptor (built on first access, with the files it imports). */
  readonly desc: DescFile;
  /** A registry holding this file and everything it imports. */
  readonly registry: Registry;
  /** Looks up a message declared in this file by its full name; throws if there is none. */
  message(typeName: string): DescMessage;
  /** Looks up a service declared in this file by its full name; throws if there is none. */
  service(typeName: string): DescService;
  /** Looks up an extension declared in this file by its full name; throws if there is none. */
  extension(typeName: string): DescExtension;
}

/**
 * Declares a generated file from its serialized `FileDescriptorSet` (holding just this file, base64) and the
 * generated files it imports.
 */
export function defineFile(name: string, descriptorSetBase64: string, dependencies: readonly GenFile[]): GenFile {
  let registry: Registry | undefined;
  const getRegistry = (): Registry =>
    (registry ??= createRegistry(...dependencies.map((d) => d.registry), decodeBase64(descriptorSetBase64)));
  return {
    name,
    get registry() {
      return getRegistry();
    },
    get desc() {
      const file = getRegistry().getFile(name);
      if (file === undefined) throw new Error(`generated file ${name}: its embedded descriptor is missing`);
      return file;
    },
    message(typeName) {
      const m = getRegistry().getMessage(typeName);
      if (m === undefined || m.file.name !== name) throw new Error(`generated file ${name} declares no message ${typeName}`);
      return m;
    },
    service(typeName) {
      const s = getRegistry().getService(typeName);
      if (s === undefined || s.file.name !== name) throw new Error(`generated file ${name} declares no service ${typeName}`);
      return s;
    },
    extension(typeName) {
      const x = getRegistry().getExtension(typeName);
      if (x === undefined || x.file.name !== name) throw new Error(`generated file ${name} declares no extension ${typeName}`);
      return x;
    },
  };
}
