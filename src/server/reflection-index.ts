// What the reflection service answers from: every file reachable from the served services (or registries),
// its symbols by full name, extensions by extendee and number, and each file's serialized descriptor.
import {
  toBinary,
  walkFile,
  wellKnownRegistry,
  type DescExtension,
  type DescFile,
  type DescMessage,
  type Registry,
} from "../protobuf/index.js";
import type { ServiceDefinition } from "../grpc/index.js";

/**
 * Where reflection learns the schema from: service definitions (generated, `loadProto()` or
 * `serviceFromDesc`, through their `desc`), registries, or linked files. Dependencies come along.
 */
export type ReflectionSource = ServiceDefinition | Registry | DescFile;

/** Looked-up descriptors for the reflection service; built once, read by every call. */
export interface ReflectionIndex {
  /** Full names of the services to list, in the order given. */
  readonly serviceNames: readonly string[];
  /** A file by the name it is imported as. */
  fileByName(name: string): DescFile | undefined;
  /**
   * The file declaring a symbol: a message, enum, enum value, service, method, field, oneof or extension, by
   * its full name (a leading dot is ignored).
   */
  fileBySymbol(symbol: string): DescFile | undefined;
  /** A message type by full name (for the extension queries). */
  message(typeName: string): DescMessage | undefined;
  /** The extension of `extendee` numbered `fieldNumber`. */
  extension(extendee: string, fieldNumber: number): DescExtension | undefined;
  /** Every extension number of `extendee` known here, ascending. */
  extensionNumbers(extendee: string): number[];
  /**
   * `file` and everything it imports, transitively, each once, `file` first: what answers a file request
   * (reflection clients resolve imports from the same response, as grpc's servers send them).
   */
  withDependencies(file: DescFile): DescFile[];
  /** The serialized `FileDescriptorProto` of `file` (cached). */
  encode(file: DescFile): Uint8Array;
}

/**
 * Builds the index of `sources`. A service definition without a descriptor (hand-written codecs) is still
 * listed, but reflection cannot describe it. When two sources give a file of the same name, the first wins.
 */
export function createReflectionIndex(sources: Iterable<ReflectionSource>): ReflectionIndex {
  const files = new Map<string, DescFile>();
  const symbols = new Map<string, DescFile>();
  const messages = new Map<string, DescMessage>();
  const extensions = new Map<string, Map<number, DescExtension>>();
  const serviceNames: string[] = [];
  const encoded = new WeakMap<DescFile, Uint8Array>();

  function addSymbol(name: string, file: DescFile): void {
    if (!symbols.has(name)) symbols.set(name, file);
  }

  function addFile(file: DescFile): void {
    if (files.has(file.name)) return;
    files.set(file.name, file);
    for (const dep of file.dependencies) addFile(dep);
    for (const d of walkFile(file)) {
      switch (d.kind) {
        case "message":
          addSymbol(d.typeName, file);
          if (!messages.has(d.typeName)) messages.set(d.typeName, d);
          break;
        case "enum":
        case "service":
          addSymbol(d.typeName, file);
          break;
        case "field":
          addSymbol(`${d.parent.typeName}.${d.name}`, file);
          break;
        case "oneof":
          addSymbol(`${d.parent.typeName}.${d.name}`, file);
          break;
        case "enum_value": {
          // protobuf scopes enum values beside their enum, not inside it (C++ style).
          const enumName = d.parent.typeName;
          const scope = enumName.slice(0, Math.max(0, enumName.lastIndexOf(".")));
          addSymbol(scope === "" ? d.name : `${scope}.${d.name}`, file);
          break;
        }
        case "rpc":
          addSymbol(`${d.parent.typeName}.${d.name}`, file);
          break;
        case "extension": {
          addSymbol(d.typeName, file);
          let byNumber = extensions.get(d.extendee.typeName);
          if (byNumber === undefined) extensions.set(d.extendee.typeName, (byNumber = new Map()));
          if (!byNumber.has(d.number)) byNumber.set(d.number, d);
          break;
        }
        case "file":
          break;
      }
    }
  }

  for (const source of sources) {
    if (isRegistry(source)) {
      for (const file of source.files) {
        addFile(file);
        for (const s of file.services) if (!serviceNames.includes(s.typeName)) serviceNames.push(s.typeName);
      }
    } else if (isDescFile(source)) {
      addFile(source);
      for (const s of source.services) if (!serviceNames.includes(s.typeName)) serviceNames.push(s.typeName);
    } else {
      if (!serviceNames.includes(source.typeName)) serviceNames.push(source.typeName);
      const desc = serviceDesc(source);
      if (desc !== undefined) addFile(desc.file);
    }
  }

  const fileDescriptorProto = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorProto")!;
  return {
    serviceNames,
    fileByName: (name) => files.get(name),
    fileBySymbol: (symbol) => symbols.get(symbol.startsWith(".") ? symbol.slice(1) : symbol),
    message: (typeName) => messages.get(typeName.startsWith(".") ? typeName.slice(1) : typeName),
    extension: (extendee, fieldNumber) => extensions.get(extendee.startsWith(".") ? extendee.slice(1) : extendee)?.get(fieldNumber),
    extensionNumbers(extendee) {
      const byNumber = extensions.get(extendee.startsWith(".") ? extendee.slice(1) : extendee);
      return byNumber === undefined ? [] : [...byNumber.keys()].sort((a, b) => a - b);
    },
    withDependencies(file) {
      const out: DescFile[] = [];
      const seen = new Set<string>();
      const visit = (f: DescFile): void => {
        if (seen.has(f.name)) return;
        seen.add(f.name);
        out.push(f);
        for (const dep of f.dependencies) visit(dep);
      };
      visit(file);
      return out;
    },
    encode(file) {
      let bytes = encoded.get(file);
      if (bytes === undefined) {
        bytes = toBinary(fileDescriptorProto, file.proto);
        encoded.set(file, bytes);
      }
      return bytes;
    },
  };
}

function isRegistry(x: ReflectionSource): x is Registry {
  return typeof (x as Registry).getMessage === "function" && Array.isArray((x as Registry).files);
}

function isDescFile(x: ReflectionSource): x is DescFile {
  return (x as DescFile).kind === "file";
}

/** The service's descriptor, or `undefined` for definitions made without one (whose `desc` may throw). */
function serviceDesc(definition: ServiceDefinition) {
  try {
    return definition.desc;
  } catch {
    return undefined;
  }
}
