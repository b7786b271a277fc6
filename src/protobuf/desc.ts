/**
 * Resolved descriptors: what the registry builds from `FileDescriptorProto`s, and what the codecs, the
 * JSON mapping, codegen, the compiler's option interpreter and the gRPC layer all read.
 *
 * Every `Desc*` is immutable once the registry has linked it. Cross references (a field's message type, an
 * enum, a method's input) are object references, never names to look up again.
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
} from "./wkt/bootstrap.js";

/** The scalar types, numbered as `FieldDescriptorProto.Type`. */
export enum ScalarType {
  DOUBLE = 1,
  FLOAT = 2,
  INT64 = 3,
  UINT64 = 4,
  INT32 = 5,
  FIXED64 = 6,
  FIXED32 = 7,
  BOOL = 8,
  STRING = 9,
  BYTES = 12,
  UINT32 = 13,
  SFIXED32 = 15,
  SFIXED64 = 16,
  SINT32 = 17,
  SINT64 = 18,
}

/** How a 64-bit field is represented in JavaScript: `bigint` by default, or as `jstype` asks. */
export type LongType = "bigint" | "string" | "number";

/**
 * Whether a singular field tracks presence: `explicit` (proto2 `optional`, proto3 `optional`, message fields,
 * oneof members: absent is `undefined`), `implicit` (proto3 scalars: absent is the zero value, which is never
 * encoded), or `legacy_required` (proto2 `required`).
 */
export type FieldPresence = "explicit" | "implicit" | "legacy_required";

/** A `.proto` file, linked. */
export interface DescFile {
  readonly kind: "file";
  /** The path as imported, e.g. `google/protobuf/any.proto`. */
  readonly name: string;
  readonly syntax: "proto2" | "proto3";
  /** The package, `""` if none. */
  readonly packageName: string;
  readonly dependencies: readonly DescFile[];
  /** Top-level declarations only; nested ones hang off their parent message. */
  readonly messages: readonly DescMessage[];
  readonly enums: readonly DescEnum[];
  readonly services: readonly DescService[];
  readonly extensions: readonly DescExtension[];
  readonly proto: FileDescriptorProto;
  readonly deprecated: boolean;
}

/** A message type (nested ones and map entries included). */
export interface DescMessage {
  readonly kind: "message";
  /** Fully qualified, without a leading dot: `shop.v1.Product`. */
  readonly typeName: string;
  readonly name: string;
  readonly file: DescFile;
  readonly parent: DescMessage | undefined;
  /** All fields in declaration order, oneof members included. */
  readonly fields: readonly DescField[];
  /** Real and synthetic oneofs (a synthetic oneof wraps one proto3 `optional` field and is not a member). */
  readonly oneofs: readonly DescOneof[];
  /** What a decoded object has as properties, in order: fields outside real oneofs, and real oneofs. */
  readonly members: readonly (DescField | DescOneof)[];
  readonly nestedMessages: readonly DescMessage[];
  readonly nestedEnums: readonly DescEnum[];
  readonly nestedExtensions: readonly DescExtension[];
  /** `true` for the synthesized `FooEntry` message of a map field. */
  readonly isMapEntry: boolean;
  readonly proto: DescriptorProto;
  readonly deprecated: boolean;
  /** Looks a field up by number (used on the decode path: must be O(1)). */
  field(number: number): DescField | undefined;
}

/** A oneof, real or synthetic. */
export interface DescOneof {
  readonly kind: "oneof";
  readonly name: string;
  /** The property name on a message object. */
  readonly localName: string;
  readonly parent: DescMessage;
  readonly fields: readonly DescField[];
  /** `true` for the oneof protoc synthesizes around a proto3 `optional` field. */
  readonly isSynthetic: boolean;
  readonly proto: OneofDescriptorProto;
}

interface DescFieldCommon {
  readonly kind: "field";
  readonly name: string;
  readonly number: number;
  /** The property name on a message object: lowerCamelCase of the proto name, escaped if it is reserved. */
  readonly localName: string;
  /** The JSON name: `json_name` if set, else protoc's lowerCamelCase of the proto name. */
  readonly jsonName: string;
  readonly parent: DescMessage;
  /** The real oneof this field belongs to; `undefined` for fields outside one and for proto3 `optional`. */
  readonly oneof: DescOneof | undefined;
  readonly presence: FieldPresence;
  readonly proto: FieldDescriptorProto;
  readonly deprecated: boolean;
}

/**
 * A field of a message, narrowed by `fieldKind` (and `listKind`/`mapKind`) to what its values are: scalar,
 * enum, message, list or map.
 */
export type DescField =
  | (DescFieldCommon & {
      readonly fieldKind: "scalar";
      readonly scalar: ScalarType;
      readonly longType: LongType;
      /** The proto2 `default`, parsed; `undefined` means the zero value. */
      readonly defaultValue: number | bigint | string | boolean | Uint8Array | undefined;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "enum";
      readonly enum: DescEnum;
      /** The proto2 `default`, as a number; `undefined` means the first value. */
      readonly defaultValue: number | undefined;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "message";
      readonly message: DescMessage;
      /** `true` for proto2 groups: encoded between START_GROUP and END_GROUP tags. */
      readonly delimitedEncoding: boolean;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "list";
      readonly listKind: "scalar";
      readonly scalar: ScalarType;
      readonly longType: LongType;
      /** How this field is written; decoding accepts both forms. */
      readonly packed: boolean;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "list";
      readonly listKind: "enum";
      readonly enum: DescEnum;
      readonly packed: boolean;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "list";
      readonly listKind: "message";
      readonly message: DescMessage;
      readonly delimitedEncoding: boolean;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "map";
      /** Keys are object property strings; this says how to read them back. */
      readonly mapKey: ScalarType;
      readonly mapKind: "scalar";
      readonly scalar: ScalarType;
      readonly longType: LongType;
      readonly entry: DescMessage;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "map";
      readonly mapKey: ScalarType;
      readonly mapKind: "enum";
      readonly enum: DescEnum;
      readonly entry: DescMessage;
    })
  | (DescFieldCommon & {
      readonly fieldKind: "map";
      readonly mapKey: ScalarType;
      readonly mapKind: "message";
      readonly message: DescMessage;
      readonly entry: DescMessage;
    });

/** `Omit` applied to each member of a union, so that the members keep their own properties. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An extension: a field declared in an `extend` block, with the message it extends. */
export type DescExtension = DistributiveOmit<DescField, "kind" | "parent" | "oneof"> & {
  readonly kind: "extension";
  /** Fully qualified, without a leading dot. */
  readonly typeName: string;
  readonly extendee: DescMessage;
  readonly file: DescFile;
  /** The message the `extend` block is nested in, if any. */
  readonly scope: DescMessage | undefined;
};

/** An enum type. */
export interface DescEnum {
  readonly kind: "enum";
  readonly typeName: string;
  readonly name: string;
  readonly file: DescFile;
  readonly parent: DescMessage | undefined;
  readonly values: readonly DescEnumValue[];
  /** Open (proto3): unknown numbers are kept as numbers. Closed (proto2): unknown numbers go to unknown fields. */
  readonly open: boolean;
  readonly proto: EnumDescriptorProto;
  readonly deprecated: boolean;
  value(number: number): DescEnumValue | undefined;
}

/** One value of an enum. */
export interface DescEnumValue {
  readonly kind: "enum_value";
  readonly name: string;
  readonly number: number;
  readonly parent: DescEnum;
  readonly proto: EnumValueDescriptorProto;
  readonly deprecated: boolean;
}

/** A service. */
export interface DescService {
  readonly kind: "service";
  readonly typeName: string;
  readonly name: string;
  readonly file: DescFile;
  readonly methods: readonly DescMethod[];
  readonly proto: ServiceDescriptorProto;
  readonly deprecated: boolean;
}

/** One spelling of the four RPC shapes, everywhere. */
export type MethodKind = "unary" | "server_streaming" | "client_streaming" | "bidi_streaming";

/** An RPC of a service. */
export interface DescMethod {
  readonly kind: "rpc";
  readonly name: string;
  /** The lowerCamelCase name used on client stubs and handler objects. */
  readonly localName: string;
  readonly parent: DescService;
  readonly methodKind: MethodKind;
  readonly input: DescMessage;
  readonly output: DescMessage;
  /** `/package.Service/Method`, as on the wire. */
  readonly path: string;
  readonly idempotency: "unknown" | "no_side_effects" | "idempotent";
  readonly proto: MethodDescriptorProto;
  readonly deprecated: boolean;
}

/** Any resolved descriptor. */
export type AnyDesc = DescFile | DescMessage | DescField | DescOneof | DescExtension | DescEnum | DescEnumValue | DescService | DescMethod;
