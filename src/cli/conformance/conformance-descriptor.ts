/**
 * conformance.proto (beside this file) as a FileDescriptorProto, built by hand so the testee needs neither
 * protoc nor a build step. conformance-descriptor.test.ts checks it against protoc's output.
 */
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
} from "../../protobuf/index.js";

function field(
  name: string,
  number: number,
  type: Type,
  extra: { typeName?: string; oneofIndex?: number; repeated?: boolean } = {},
): FieldDescriptorProto {
  const f: FieldDescriptorProto = {
    name,
    number,
    label: extra.repeated ? Label.LABEL_REPEATED : Label.LABEL_OPTIONAL,
    type,
    jsonName: name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  };
  if (extra.typeName !== undefined) f.typeName = extra.typeName;
  if (extra.oneofIndex !== undefined) f.oneofIndex = extra.oneofIndex;
  return f;
}

function message(name: string, fields: FieldDescriptorProto[], extra: Partial<DescriptorProto> = {}): DescriptorProto {
  return {
    name,
    field: fields,
    extension: [],
    nestedType: [],
    enumType: [],
    extensionRange: [],
    oneofDecl: [],
    reservedRange: [],
    reservedName: [],
    ...extra,
  };
}

function enumType(name: string, values: string[]): EnumDescriptorProto {
  return { name, value: values.map((v, number) => ({ name: v, number })), reservedRange: [], reservedName: [] };
}

/** `conformance.proto`: package `conformance`, ConformanceRequest/ConformanceResponse and friends. */
export const conformanceFile: FileDescriptorProto = {
  name: "conformance.proto",
  package: "conformance",
  dependency: [],
  publicDependency: [],
  weakDependency: [],
  messageType: [
    message("TestStatus", [
      field("name", 1, Type.TYPE_STRING),
      field("failure_message", 2, Type.TYPE_STRING),
      field("matched_name", 3, Type.TYPE_STRING),
    ]),
    message("FailureSet", [field("test", 2, Type.TYPE_MESSAGE, { typeName: ".conformance.TestStatus", repeated: true })], {
      reservedRange: [{ start: 1, end: 2 }],
    }),
    message(
      "ConformanceRequest",
      [
        field("protobuf_payload", 1, Type.TYPE_BYTES, { oneofIndex: 0 }),
        field("json_payload", 2, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("jspb_payload", 7, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("text_payload", 8, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("requested_output_format", 3, Type.TYPE_ENUM, { typeName: ".conformance.WireFormat" }),
        field("message_type", 4, Type.TYPE_STRING),
        field("test_category", 5, Type.TYPE_ENUM, { typeName: ".conformance.TestCategory" }),
        field("jspb_encoding_options", 6, Type.TYPE_MESSAGE, { typeName: ".conformance.JspbEncodingConfig" }),
        field("print_unknown_fields", 9, Type.TYPE_BOOL),
      ],
      { oneofDecl: [{ name: "payload" }] },
    ),
    message(
      "ConformanceResponse",
      [
        field("parse_error", 1, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("serialize_error", 6, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("timeout_error", 9, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("runtime_error", 2, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("protobuf_payload", 3, Type.TYPE_BYTES, { oneofIndex: 0 }),
        field("json_payload", 4, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("skipped", 5, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("jspb_payload", 7, Type.TYPE_STRING, { oneofIndex: 0 }),
        field("text_payload", 8, Type.TYPE_STRING, { oneofIndex: 0 }),
      ],
      { oneofDecl: [{ name: "result" }] },
    ),
    message("JspbEncodingConfig", [field("use_jspb_array_any_format", 1, Type.TYPE_BOOL)]),
  ],
  enumType: [
    enumType("WireFormat", ["UNSPECIFIED", "PROTOBUF", "JSON", "JSPB", "TEXT_FORMAT"]),
    enumType("TestCategory", [
      "UNSPECIFIED_TEST",
      "BINARY_TEST",
      "JSON_TEST",
      "JSON_IGNORE_UNKNOWN_PARSING_TEST",
      "JSPB_TEST",
      "TEXT_FORMAT_TEST",
    ]),
  ],
  service: [],
  extension: [],
  syntax: "proto3",
};

/** `conformance.WireFormat`. */
export enum WireFormat {
  UNSPECIFIED = 0,
  PROTOBUF = 1,
  JSON = 2,
  JSPB = 3,
  TEXT_FORMAT = 4,
}

/** `conformance.TestCategory`. */
export enum TestCategory {
  UNSPECIFIED_TEST = 0,
  BINARY_TEST = 1,
  JSON_TEST = 2,
  JSON_IGNORE_UNKNOWN_PARSING_TEST = 3,
  JSPB_TEST = 4,
  TEXT_FORMAT_TEST = 5,
}
