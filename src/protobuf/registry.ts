/**
 * The registry: resolved descriptors (desc.ts) by name, made by linking `FileDescriptorProto`s (linker.ts).
 */
import type { AnyDesc, DescEnum, DescExtension, DescFile, DescMessage, DescService } from "./desc.js";
import { ProtobufError } from "./errors.js";
import { fromBinary } from "./from-binary.js";
import { link } from "./linker.js";
import type { FileDescriptorProto, FileDescriptorSet } from "./wkt/bootstrap.js";
import { wellKnownFiles } from "./wkt/bootstrap.js";

/** A type the registry can find by its full name. */
export type RegistryType = DescMessage | DescEnum | DescService | DescExtension;

/**
 * Resolved descriptors by name. Iterating a registry yields every message (nested ones and map entries
 * included), enum, service and extension.
 */
export interface Registry extends Iterable<RegistryType> {
  /** Every file, dependencies before dependents. */
  readonly files: readonly DescFile[];
  /** A message by full name (`shop.v1.Product`; a leading dot is ignored). */
  getMessage(typeName: string): DescMessage | undefined;
  /** An enum by full name. */
  getEnum(typeName: string): DescEnum | undefined;
  /** A service by full name. */
  getService(typeName: string): DescService | undefined;
  /** An extension by full name (`pkg.my_option`, or `pkg.Scope.my_ext` when declared inside a message). */
  getExtension(typeName: string): DescExtension | undefined;
  /** The extension of `extendee` with the given field number. */
  getExtensionFor(extendee: DescMessage, fieldNumber: number): DescExtension | undefined;
  /** A file by the name it is imported as (`google/protobuf/any.proto`). */
  getFile(name: string): DescFile | undefined;
}

/** What {@link createRegistry} accepts. */
export type RegistryInput = FileDescriptorProto | FileDescriptorSet | Uint8Array | Registry;

/**
 * Links descriptors into a {@link Registry}. The well-known files and `descriptor.proto` are always present;
 * a file given here under the same name replaces the built-in one, and when two inputs give the same file
 * name the first wins. Files from a `Registry` input are reused as they are (same `Desc*` objects), unless a
 * descriptor input gives a file of the same name.
 *
 * Throws a {@link ProtobufError} naming the file and symbol for: duplicate symbols, unresolvable type names,
 * missing dependencies, fields of a type that does not match their `type_name`, and unparsable defaults.
 *
 * @example
 * ```ts
 * const registry = createRegistry(readFileSync("set.binpb"));
 * const Product = registry.getMessage("shop.v1.Product")!;
 * ```
 */
export function createRegistry(...inputs: RegistryInput[]): Registry {
  const protos: FileDescriptorProto[] = [];
  const reused: DescFile[] = [];
  for (const input of inputs) {
    if (input instanceof Uint8Array) {
      const set = fromBinary(getDescriptorRegistry().getMessage("google.protobuf.FileDescriptorSet")!, input);
      protos.push(...(set as unknown as FileDescriptorSet).file);
    } else if (isRegistry(input)) {
      reused.push(...input.files);
    } else if (typeof input !== "object" || input === null) {
      throw new ProtobufError(`createRegistry: expected a FileDescriptorProto, FileDescriptorSet, bytes or Registry, got ${String(input)}`);
    } else if ("file" in input && Array.isArray(input.file)) {
      protos.push(...input.file);
    } else {
      protos.push(input as FileDescriptorProto);
    }
  }
  return link(protos, reused, getWellKnownRegistry().files);
}

function isRegistry(x: unknown): x is Registry {
  return typeof x === "object" && x !== null && typeof (x as Registry).getMessage === "function";
}

const DESCRIPTOR_PROTO = "google/protobuf/descriptor.proto";
let descriptorOnly: Registry | undefined;
let wellKnown: Registry | undefined;

/**
 * `descriptor.proto` alone, linked: enough to read and write descriptor sets. The full well-known registry
 * reuses its `Desc*` objects, so a type found here is the same object found there. Linking the dozen
 * well-known files costs several milliseconds of a cold start that often needs only this one.
 */
function getDescriptorRegistry(): Registry {
  return (descriptorOnly ??= link(wellKnownFiles.filter((f) => f.name === DESCRIPTOR_PROTO), [], []));
}

/** The registry of the well-known files and `descriptor.proto` (with `compiler/plugin.proto`), linked on first use. */
export function getWellKnownRegistry(): Registry {
  return (wellKnown ??= link(
    wellKnownFiles.filter((f) => f.name !== DESCRIPTOR_PROTO),
    getDescriptorRegistry().files,
    [],
  ));
}

/**
 * A {@link Registry} that stands for {@link getWellKnownRegistry} without linking anything until it is asked a
 * question: importing the runtime stays cheap. Until the full registry exists, `descriptor.proto`'s messages
 * and enums are answered from that file alone (same objects as the full registry would give).
 */
export function lazyWellKnownRegistry(): Registry {
  const early = <T>(find: (r: Registry) => T | undefined): T | undefined =>
    wellKnown === undefined ? find(getDescriptorRegistry()) : undefined;
  return {
    get files() {
      return getWellKnownRegistry().files;
    },
    getMessage: (typeName) => early((r) => r.getMessage(typeName)) ?? getWellKnownRegistry().getMessage(typeName),
    getEnum: (typeName) => early((r) => r.getEnum(typeName)) ?? getWellKnownRegistry().getEnum(typeName),
    getService: (typeName) => getWellKnownRegistry().getService(typeName),
    getExtension: (typeName) => getWellKnownRegistry().getExtension(typeName),
    getExtensionFor: (extendee, fieldNumber) => getWellKnownRegistry().getExtensionFor(extendee, fieldNumber),
    getFile: (name) => early((r) => r.getFile(name)) ?? getWellKnownRegistry().getFile(name),
    [Symbol.iterator]: () => getWellKnownRegistry()[Symbol.iterator](),
  };
}
/** Every descriptor reachable from a file, for tools that walk them. */
export function* walkFile(file: DescFile): Generator<AnyDesc> {
  yield file;
  const visit = function* (m: DescMessage): Generator<AnyDesc> {
    yield m;
    yield* m.fields;
    yield* m.oneofs;
    for (const e of m.nestedEnums) {
      yield e;
      yield* e.values;
    }
    yield* m.nestedExtensions;
    for (const n of m.nestedMessages) yield* visit(n);
  };
  for (const m of file.messages) yield* visit(m);
  for (const e of file.enums) {
    yield e;
    yield* e.values;
  }
  yield* file.extensions;
  for (const s of file.services) {
    yield s;
    yield* s.methods;
  }
}
