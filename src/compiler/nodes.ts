/**
 * The linker's view of declarations: one node per message, field, enum, value, oneof, service and method,
 * with resolved references, full names and the source-info path of each element. The descriptor protos the
 * nodes point at are completed in place and become the compiler's output.
 */
import type {
  DescriptorProto,
  EnumDescriptorProto,
  EnumValueDescriptorProto,
  FieldDescriptorProto,
  FileDescriptorProto,
  MethodDescriptorProto,
  OneofDescriptorProto,
  ServiceDescriptorProto,
} from "../protobuf/index.js";
import type { SourceLocationTable } from "./source-location-table.js";

/** A linked file. */
export interface FileNode {
  kind: "file";
  name: string;
  packageName: string;
  syntax: "proto2" | "proto3";
  proto: FileDescriptorProto;
  dependencies: (FileNode | undefined)[];
  publicDependencies: number[];
  messages: MessageNode[];
  enums: EnumNode[];
  services: ServiceNode[];
  extensions: FieldNode[];
  table: SourceLocationTable | undefined;
  /** Whether the file uses `optimize_for = LITE_RUNTIME` (known after its options are interpreted). */
  isLite: boolean;
}

/** The node of a file before its contents are built (the linker and the fallback pool fill it). */
export function newFileNode(proto: FileDescriptorProto, table: SourceLocationTable | undefined): FileNode {
  return {
    kind: "file",
    name: proto.name ?? "",
    packageName: proto.package ?? "",
    syntax: proto.syntax === "proto3" ? "proto3" : "proto2",
    proto,
    dependencies: [],
    publicDependencies: [],
    messages: [],
    enums: [],
    services: [],
    extensions: [],
    table,
    isLite: false,
  };
}

/** A message (or group, or map entry) with its members. */
export interface MessageNode {
  kind: "message";
  name: string;
  fullName: string;
  proto: DescriptorProto;
  file: FileNode;
  parent: MessageNode | undefined;
  path: number[];
  fields: FieldNode[];
  extensions: FieldNode[];
  oneofs: OneofNode[];
  nested: MessageNode[];
  enums: EnumNode[];
  /** Field number → field, for duplicate detection (also holds extensions declared for this extendee in the file being built). */
  fieldsByNumber: Map<number, FieldNode>;
  fieldsByName: Map<string, FieldNode>;
}

/** A field or an extension. */
export interface FieldNode {
  kind: "field";
  name: string;
  fullName: string;
  proto: FieldDescriptorProto;
  file: FileNode;
  number: number;
  label: number;
  /** The resolved type (1..18); 0 while unresolved. */
  type: number;
  isExtension: boolean;
  /** The message the field belongs to; for an extension, its extendee once resolved. */
  containing: MessageNode | undefined;
  /** For an extension, the message it is declared in (undefined at file level). */
  scope: MessageNode | undefined;
  messageType: MessageNode | undefined;
  enumType: EnumNode | undefined;
  oneof: OneofNode | undefined;
  jsonName: string;
  path: number[];
}

/** A oneof (synthetic for a proto3 `optional` field). */
export interface OneofNode {
  kind: "oneof";
  name: string;
  fullName: string;
  proto: OneofDescriptorProto;
  message: MessageNode;
  index: number;
  fieldCount: number;
  isSynthetic: boolean;
  path: number[];
}

/** An enum with its values. */
export interface EnumNode {
  kind: "enum";
  name: string;
  fullName: string;
  proto: EnumDescriptorProto;
  file: FileNode;
  parent: MessageNode | undefined;
  values: EnumValueNode[];
  path: number[];
}

/** An enum value (a sibling of its enum in the symbol table, as in C++). */
export interface EnumValueNode {
  kind: "enum_value";
  name: string;
  fullName: string;
  number: number;
  proto: EnumValueDescriptorProto;
  enumNode: EnumNode;
  file: FileNode;
  path: number[];
}

/** A service with its methods. */
export interface ServiceNode {
  kind: "service";
  name: string;
  fullName: string;
  proto: ServiceDescriptorProto;
  file: FileNode;
  methods: MethodNode[];
  path: number[];
}

/** A method of a service. */
export interface MethodNode {
  kind: "method";
  name: string;
  fullName: string;
  proto: MethodDescriptorProto;
  file: FileNode;
  service: ServiceNode;
  path: number[];
}

/** A package (or parent package) name in the symbol table; `file` is the first file that declared it. */
export interface PackageNode {
  kind: "package";
  fullName: string;
  file: FileNode;
}

/** Anything a name can resolve to. */
export type SymbolNode =
  | PackageNode
  | MessageNode
  | FieldNode
  | OneofNode
  | EnumNode
  | EnumValueNode
  | ServiceNode
  | MethodNode;

/** The file that declares a symbol. */
export function symbolFile(s: SymbolNode): FileNode {
  switch (s.kind) {
    case "oneof":
      return s.message.file;
    default:
      return s.file;
  }
}

/** `name` inside `scope` (a package or a message's full name; "" for the root). */
export function qualifiedName(scope: string, name: string): string {
  return scope === "" ? name : scope + "." + name;
}

/** The largest field number protoc accepts (2^29 - 1). */
export const MAX_FIELD_NUMBER = 536870911;
/** The first field number protoc reserves for its own implementation. */
export const FIRST_RESERVED_FIELD_NUMBER = 19000;
/** The last field number protoc reserves for its own implementation. */
export const LAST_RESERVED_FIELD_NUMBER = 19999;

/** The C++ type family of a field type, which decides how values and defaults are handled. */
export function cppType(type: number): "int32" | "int64" | "uint32" | "uint64" | "double" | "float" | "bool" | "enum" | "string" | "message" {
  switch (type) {
    case 5:
    case 17:
    case 15:
      return "int32";
    case 3:
    case 18:
    case 16:
      return "int64";
    case 13:
    case 7:
      return "uint32";
    case 4:
    case 6:
      return "uint64";
    case 1:
      return "double";
    case 2:
      return "float";
    case 8:
      return "bool";
    case 14:
      return "enum";
    case 9:
    case 12:
      return "string";
    default:
      return "message";
  }
}
