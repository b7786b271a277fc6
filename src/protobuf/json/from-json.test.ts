// fromJsonString against the cases of the protobuf conformance suite's JSON tests
// (conformance/binary_json_conformance_suite.cc), on Spindle's own look-alike schema.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PROTO2, PROTO3, testMessage, testRegistry } from "../../../test/conformance/schema.js";
import { create, equals, fromBinary, ProtobufError, type DescMessage } from "../index.js";
import { fromJson, fromJsonString, toJson } from "./index.js";

const T3 = () => testMessage(PROTO3);
const T2 = () => testMessage(PROTO2);

interface Case {
  name: string;
  json: string;
  /** The expected message, as an init object for `create`. */
  want?: Record<string, unknown>;
  /** A pattern the ProtobufError's message must match. */
  error?: RegExp;
  ignoreUnknownFields?: boolean;
  /** Only check that the input is accepted. */
  acceptOnly?: boolean;
  desc?: () => DescMessage;
}

function runCases(cases: Case[]): void {
  for (const c of cases) {
    it(c.error ? `rejects ${c.name}` : `reads ${c.name}`, () => {
      const desc = (c.desc ?? T3)();
      const options = { ignoreUnknownFields: c.ignoreUnknownFields ?? false, registry: testRegistry() };
      if (c.error) {
        assert.throws(
          () => fromJsonString(desc, c.json, options),
          (e: unknown) => e instanceof ProtobufError && c.error!.test(e.message),
          `want ProtobufError matching ${c.error}`,
        );
        return;
      }
      const got = fromJsonString(desc, c.json, options);
      if (c.acceptOnly) return;
      const want = create(desc, c.want ?? {});
      assert.ok(
        equals(desc, got, want),
        `got ${JSON.stringify(toJson(desc, got, { registry: testRegistry() }))}, want ${JSON.stringify(toJson(desc, want, { registry: testRegistry() }))}`,
      );
    });
  }
}

const nested = (a: number) => ({ a });

describe("fromJsonString: field names", () => {
  runCases([
    { name: "lowerCamelCase names", json: '{"fieldname1":1,"fieldName2":2,"FieldName3":3,"fieldName4":4}', want: { fieldname1: 1, fieldName2: 2, FieldName3: 3, fieldName4: 4 } },
    { name: "names with numbers", json: '{"field0name5":5,"field0Name6":6}', want: { field0name5: 5, field0Name6: 6 } },
    {
      name: "proto names",
      json: '{"field_name2":2,"_field_name3":3,"field__name4_":4,"field_0_name6":6,"FIELD_NAME11":11,"__Field_name14":14,"Field_name18__":18}',
      want: { fieldName2: 2, FieldName3: 3, fieldName4: 4, field0Name6: 6, FIELDNAME11: 11, FieldName14: 14, FieldName18: 18 },
    },
    { name: "an escaped key", json: '{"fieldn\\u0061me1": 1}', want: { fieldname1: 1 } },
    { name: "json_name", json: '{"customJsonName": 7}', want: { customJson: 7 } },
    { name: "the proto name of a json_name field", json: '{"custom_json": 7}', want: { customJson: 7 } },
    { name: "a field given through both names", json: '{"optional_nested_message": {"a": 1}, "optionalNestedMessage": {}}', error: /optionalNestedMessage: field optional_nested_message is given twice/ },
    { name: "a duplicate key", json: '{"optionalNestedMessage": {"a": 1}, "optionalNestedMessage": {}}', error: /duplicate key "optionalNestedMessage"/ },
    { name: "an unknown field", json: '{"unknown": 1}', error: /TestAllTypesProto3\.unknown: .* has no field named "unknown"/ },
    { name: "top-level null", json: "null", error: /expected an object/ },
    { name: "a top-level array", json: "[]", error: /expected an object/ },
    { name: "an unquoted key", json: "{fieldname1: 1}", error: /invalid JSON at offset 1/ },
    { name: "a trailing comma", json: '{"fieldname1":1,}', error: /invalid JSON/ },
    { name: "a comment", json: '{\n// c\n"fieldname1": 1}', error: /invalid JSON/ },
    { name: "a missing comma", json: '{ "optionalInt32": 1 "optionalInt64": 2 }', error: /invalid JSON/ },
    { name: "whitespace everywhere", json: '{\n  "optionalInt32"  :  1\n  ,\n  "optionalInt64"  :  2\n}\n', want: { optionalInt32: 1, optionalInt64: 2n } },
  ]);
});

describe("fromJsonString: ignoreUnknownFields", () => {
  runCases([
    { name: "an unknown number", json: '{"unknown": 1}', ignoreUnknownFields: true },
    { name: "an unknown object", json: '{"unknown": {"a": [1, {"b": null}]}}', ignoreUnknownFields: true },
    { name: "an unknown enum name in a field", json: '{"optionalNestedEnum": "UNKNOWN_ENUM_VALUE"}', ignoreUnknownFields: true },
    { name: "an unknown enum name", json: '{"optionalNestedEnum": "UNKNOWN_ENUM_VALUE"}', error: /optionalNestedEnum: enum .*NestedEnum has no value named "UNKNOWN_ENUM_VALUE"/ },
    { name: "unknown enum names among known ones in a list", json: '{"repeatedNestedEnum": ["FOO", "UNKNOWN_ENUM_VALUE", "BAR"]}', ignoreUnknownFields: true, want: { repeatedNestedEnum: [0, 1] } },
    { name: "an unknown enum name in a list", json: '{"repeatedNestedEnum": ["UNKNOWN_ENUM_VALUE"]}', error: /repeatedNestedEnum\[0\]: enum/ },
    { name: "an unknown enum name in a map value", json: '{"mapStringNestedEnum": {"key1": "FOO", "key2": "UNKNOWN_ENUM_VALUE"}}', ignoreUnknownFields: true, want: { mapStringNestedEnum: { key1: 0 } } },
    { name: "an unknown enum name as a map value", json: '{"mapStringNestedEnum": {"key": "UNKNOWN_ENUM_VALUE"}}', error: /mapStringNestedEnum\["key"\]: enum/ },
  ]);
});

describe("fromJsonString: integers", () => {
  runCases([
    { name: "int32 max", json: '{"optionalInt32": 2147483647}', want: { optionalInt32: 2147483647 } },
    { name: "int32 min", json: '{"optionalInt32": -2147483648}', want: { optionalInt32: -2147483648 } },
    { name: "uint32 max", json: '{"optionalUint32": 4294967295}', want: { optionalUint32: 4294967295 } },
    { name: "int64 max as a string", json: '{"optionalInt64": "9223372036854775807"}', want: { optionalInt64: 9223372036854775807n } },
    { name: "int64 max as a bare number", json: '{"optionalInt64": 9223372036854775807}', want: { optionalInt64: 9223372036854775807n } },
    { name: "int64 min unquoted", json: '{"optionalInt64": -9223372036854775808}', want: { optionalInt64: -9223372036854775808n } },
    { name: "uint64 max", json: '{"optionalUint64": "18446744073709551615"}', want: { optionalUint64: 18446744073709551615n } },
    { name: "uint64 largest exact double", json: '{"optionalUint64": 18446744073709549568}', want: { optionalUint64: 18446744073709549568n } },
    { name: "int32 as a string with an escape", json: '{"optionalInt32": "2\\u003147483647"}', want: { optionalInt32: 2147483647 } },
    { name: "int32 quoted exponent", json: '{"optionalInt32": "1e5"}', want: { optionalInt32: 100000 } },
    { name: "int32 with trailing zeros", json: '{"optionalInt32": 100000.000}', want: { optionalInt32: 100000 } },
    { name: "int32 exponent", json: '{"optionalInt32": 1e5}', want: { optionalInt32: 100000 } },
    { name: "sfixed64 and sint64", json: '{"optionalSfixed64": "-5", "optionalSint64": -6}', want: { optionalSfixed64: -5n, optionalSint64: -6n } },
    { name: "a jstype=JS_STRING int64", json: '{"jsStringInt64": 12}', want: { jsStringInt64: "12" } },
    { name: "int32 too large", json: '{"optionalInt32": 2147483648}', error: /optionalInt32: int32 2147483648 out of range/ },
    { name: "int32 too small", json: '{"optionalInt32": -2147483649}', error: /out of range/ },
    { name: "uint32 too large", json: '{"optionalUint32": 4294967296}', error: /out of range/ },
    { name: "int64 too large", json: '{"optionalInt64": "9223372036854775808"}', error: /out of range/ },
    { name: "int64 too large unquoted", json: '{"optionalInt64": 9223372036854775808}', error: /out of range/ },
    { name: "uint64 too large", json: '{"optionalUint64": "18446744073709551616"}', error: /out of range/ },
    { name: "uint64 huge quoted exponent", json: '{"optionalUint64": "1e536870000"}', error: /out of range/ },
    { name: "int32 fraction", json: '{"optionalInt32": 0.5}', error: /must be an integer/ },
    { name: "int64 quoted fraction", json: '{"optionalInt64": "0.5"}', error: /must be an integer/ },
    { name: "int32 true", json: '{"optionalInt32": true}', error: /expected int32, got true/ },
    { name: "int32 partially numeric", json: '{"optionalInt32": "12abc"}', error: /must be an integer/ },
    { name: "int32 empty string", json: '{"optionalInt32": ""}', error: /must be an integer/ },
    { name: "int32 plus sign", json: '{"optionalInt32": +1}', error: /invalid JSON/ },
    { name: "int32 leading zero", json: '{"optionalInt32": 01}', error: /invalid JSON/ },
    { name: "int32 leading space in a string", json: '{"optionalInt32": " 1"}', error: /must be an integer/ },
    { name: "an object for an int32", json: '{"optionalInt32": {}}', error: /expected int32/ },
  ]);
});

describe("fromJsonString: floats, bools, strings, bytes", () => {
  runCases([
    { name: "float max", json: '{"optionalFloat": 3.402823e+38}', want: { optionalFloat: Math.fround(3.402823e38) } },
    { name: "float quoted", json: '{"optionalFloat": "1"}', want: { optionalFloat: 1 } },
    { name: "float NaN", json: '{"optionalFloat": "NaN"}', want: { optionalFloat: NaN } },
    { name: "double -Infinity", json: '{"optionalDouble": "-Infinity"}', want: { optionalDouble: -Infinity } },
    { name: "double min positive", json: '{"optionalDouble": 2.22507e-308}', want: { optionalDouble: 2.22507e-308 } },
    { name: "float too large", json: '{"optionalFloat": 3.502823e+38}', error: /optionalFloat: float 3\.502823e\+38 out of range/ },
    { name: "double too large", json: '{"optionalDouble": 1.89769e+308}', error: /out of range/ },
    { name: "unquoted NaN", json: '{"optionalFloat": NaN}', error: /invalid JSON/ },
    { name: "unquoted -Infinity", json: '{"optionalDouble": -Infinity}', error: /invalid JSON/ },
    { name: "a partially numeric double", json: '{"optionalDouble": "12abc"}', error: /expected a double/ },
    { name: "true for a float", json: '{"optionalFloat": true}', error: /expected a float/ },
    { name: "bool true", json: '{"optionalBool": true}', want: { optionalBool: true } },
    { name: "0 for a bool", json: '{"optionalBool": 0}', error: /expected true or false/ },
    { name: '"true" for a bool', json: '{"optionalBool": "true"}', error: /expected true or false/ },
    { name: "TRUE for a bool", json: '{"optionalBool": TRUE}', error: /invalid JSON/ },
    { name: "string escapes", json: '{"optionalString": "\\"\\\\\\/\\b\\f\\n\\r\\t"}', want: { optionalString: '"\\/\b\f\n\r\t' } },
    { name: "a surrogate pair", json: '{"optionalString": "\\uD83D\\uDE01"}', want: { optionalString: "😁" } },
    { name: "an unpaired surrogate", json: '{"optionalString": "\\uD800"}', error: /unpaired UTF-16 surrogate/ },
    { name: "surrogates in the wrong order", json: '{"optionalString": "\\uDE01\\uD83D"}', error: /unpaired UTF-16 surrogate/ },
    { name: "a number for a string", json: '{"optionalString": 12345}', error: /optionalString: expected a string, got 12345/ },
    { name: "single quotes", json: "{\"optionalString\": 'Hello'}", error: /invalid JSON/ },
    { name: "bytes", json: '{"optionalBytes": "AQI="}', want: { optionalBytes: new Uint8Array([1, 2]) } },
    { name: "url-safe bytes", json: '{"optionalBytes": "-_"}', want: { optionalBytes: new Uint8Array([0xfb]) } },
    { name: "bad base64", json: '{"optionalBytes": "AQ*="}', error: /optionalBytes: invalid base64: character "\*"/ },
  ]);
});

describe("fromJsonString: enums", () => {
  runCases([
    { name: "an enum name", json: '{"optionalNestedEnum": "BAR"}', want: { optionalNestedEnum: 1 } },
    { name: "an alias", json: '{"optionalAliasedEnum": "moo"}', want: { optionalAliasedEnum: 2 } },
    { name: "an enum number", json: '{"optionalNestedEnum": 1}', want: { optionalNestedEnum: 1 } },
    { name: "an unknown number of an open enum", json: '{"optionalNestedEnum": 123}', want: { optionalNestedEnum: 123 } },
    { name: "a negative enum value", json: '{"optionalNestedEnum": "NEG"}', want: { optionalNestedEnum: -1 } },
    { name: "an unquoted enum name", json: '{"optionalNestedEnum": FOO}', error: /invalid JSON/ },
    { name: "an array for an enum", json: '{"optionalNestedEnum": ["FOO"]}', error: /expected an enum name or number/ },
    { name: "true for an enum", json: '{"optionalNestedEnum": true}', error: /expected an enum name or number/ },
    // Quoted numbers, and unknown numbers of closed enums: src/protobuf/json/enum-number.test.ts.
    { name: "a quoted number", json: '{"optionalNestedEnum": "2"}', want: { optionalNestedEnum: 2 } },
    { name: "a quoted number past int32", json: '{"optionalNestedEnum": "2147483648"}', error: /enum .*NestedEnum has no value named "2147483648"/ },
  ]);
});

describe("fromJsonString: oneofs and null", () => {
  runCases([
    { name: "two members of a oneof", json: '{"oneofUint32": 1, "oneofString": "test"}', error: /oneofString: oneof oneof_field already has a value from "oneofUint32"/ },
    { name: "a null member before another", json: '{"oneofUint32": null, "oneofString": "test"}', want: { oneofField: { case: "oneofString", value: "test" } } },
    { name: "a null member after another", json: '{"oneofString": "test", "oneofUint32": null}', want: { oneofField: { case: "oneofString", value: "test" } } },
    { name: "a zero oneof member", json: '{"oneofUint32": 0}', want: { oneofField: { case: "oneofUint32", value: 0 } } },
    { name: "an empty message oneof member", json: '{"oneofNestedMessage": {}}', want: { oneofField: { case: "oneofNestedMessage", value: {} } } },
    { name: "a NullValue oneof member", json: '{"oneofNullValue": null}', want: { oneofField: { case: "oneofNullValue", value: 0 } } },
    { name: "a NullValue oneof member by name", json: '{"oneofNullValue": "NULL_VALUE"}', want: { oneofField: { case: "oneofNullValue", value: 0 } } },
    {
      name: "null for every kind of field",
      json: '{"optionalInt32": null, "optionalInt64": null, "optionalFloat": null, "optionalBool": null, "optionalString": null, "optionalBytes": null, "optionalNestedEnum": null, "optionalNestedMessage": null, "repeatedInt32": null, "repeatedNestedMessage": null, "mapInt32Int32": null, "mapBoolBool": null, "optionalTimestamp": null, "optionalAny": null, "optionalBoolWrapper": null, "proto3OptionalInt32": null}',
    },
    { name: "null for a Value field", json: '{"optionalValue": null}', want: { optionalValue: { kind: { case: "nullValue", value: 0 } } } },
    { name: "a null list element", json: '{"repeatedInt32": [1, null, 2]}', error: /repeatedInt32\[1\]: null is not allowed as a list element/ },
    { name: "a null message list element", json: '{"repeatedNestedMessage": [{"a":1}, null]}', error: /repeatedNestedMessage\[1\]: null/ },
    { name: "a null map value", json: '{"mapInt32Int32": {"0": null}}', error: /mapInt32Int32\["0"\]: null is not allowed as a map value/ },
    { name: "a null Value element", json: '{"repeatedValue": [null]}', want: { repeatedValue: [{ kind: { case: "nullValue", value: 0 } }] } },
    { name: "a null Value map value", json: '{"mapStringValue": {"k": null}}', want: { mapStringValue: { k: { kind: { case: "nullValue", value: 0 } } } } },
  ]);
});

describe("fromJsonString: lists, maps and messages", () => {
  runCases([
    { name: "a list of int32", json: '{"repeatedInt32": [1, 2, 3]}', want: { repeatedInt32: [1, 2, 3] } },
    { name: "a list of bytes", json: '{"repeatedBytes": ["AAEC", "AQI="]}', want: { repeatedBytes: [new Uint8Array([0, 1, 2]), new Uint8Array([1, 2])] } },
    { name: "a list of messages", json: '{"repeatedNestedMessage": [{"a": 1234}, {"a": 5678}]}', want: { repeatedNestedMessage: [nested(1234), nested(5678)] } },
    { name: "a bool in an int32 list", json: '{"repeatedInt32": [1, false]}', error: /repeatedInt32\[1\]: expected int32, got false/ },
    { name: "an int in a string list", json: '{"repeatedString": ["1", 2]}', error: /repeatedString\[1\]: expected a string/ },
    { name: "a string in a message list", json: '{"repeatedNestedMessage": [{"a": 1}, "2"]}', error: /repeatedNestedMessage\[1\]: expected an object/ },
    { name: "a single value for a list", json: '{"repeatedInt32": 1}', error: /repeatedInt32: expected an array, got 1/ },
    { name: "a trailing comma in a list", json: '{"repeatedInt32": [1, 2,]}', error: /invalid JSON/ },
    { name: "int32 keys", json: '{"mapInt32Int32": {"1": 2, "3": 4}}', want: { mapInt32Int32: { "1": 2, "3": 4 } } },
    { name: "int64 keys", json: '{"mapInt64Int64": {"-1": "2", "\\u0031": 3}}', want: { mapInt64Int64: { "-1": 2n, "1": 3n } } },
    { name: "uint64, sint, fixed and sfixed keys", json: '{"mapUint64Uint64": {"18446744073709551615": 1}, "mapSint32Sint32": {"-5": -5}, "mapFixed32Fixed32": {"7": 7}, "mapSfixed64Sfixed64": {"-9": -9}}', want: { mapUint64Uint64: { "18446744073709551615": 1n }, mapSint32Sint32: { "-5": -5 }, mapFixed32Fixed32: { "7": 7 }, mapSfixed64Sfixed64: { "-9": -9n } } },
    { name: "bool keys", json: '{"mapBoolBool": {"true": true, "fals\\u0065": false}}', want: { mapBoolBool: { true: true, false: false } } },
    { name: "string keys with a __proto__", json: '{"mapStringString": {"__proto__": "x", "": "empty"}}', want: { mapStringString: Object.defineProperty({ "": "empty" }, "__proto__", { value: "x", enumerable: true }) } },
    { name: "message values", json: '{"mapStringNestedMessage": {"hello": {"a": 1234}}}', want: { mapStringNestedMessage: { hello: nested(1234) } } },
    { name: "an unquoted map key", json: '{"mapInt32Int32": {1: 2}}', error: /invalid JSON/ },
    { name: "a bad int32 map key", json: '{"mapInt32Int32": {"x": 2}}', error: /mapInt32Int32\["x"\]: int32 must be an integer/ },
    { name: "a bad bool map key", json: '{"mapBoolBool": {"TRUE": true}}', error: /mapBoolBool\["TRUE"\]: expected map key "true" or "false"/ },
    { name: "an int32 map key out of range", json: '{"mapInt32Int32": {"2147483648": 1}}', error: /out of range/ },
    { name: "the same map key twice in different spellings", json: '{"mapInt32Int32": {"1": 1, "1e0": 2}}', error: /map key 1 is given twice/ },
    { name: "an array for a map", json: '{"mapInt32Int32": [1]}', error: /expected an object for a map/ },
    { name: "a nested message", json: '{"optionalNestedMessage": {"a": 1234}}', want: { optionalNestedMessage: nested(1234) } },
    { name: "an error deep inside", json: '{"recursiveMessage": {"optionalNestedMessage": {"corecursive": {"repeatedInt32": [1, "x"]}}}}', error: /at TestAllTypesProto3\.recursiveMessage\.optionalNestedMessage\.corecursive\.repeatedInt32\[1\]: / },
    { name: "a message nested 99 deep", json: '{"recursiveMessage": '.repeat(99) + "{}" + "}".repeat(99), acceptOnly: true },
    { name: "a message nested 100 deep", json: '{"recursiveMessage": '.repeat(100) + "{}" + "}".repeat(100), error: /messages nest deeper than 100/ },
    { name: "a proto3 optional field set to zero", json: '{"proto3OptionalInt32": 0}', want: { proto3OptionalInt32: 0 } },
  ]);
});

describe("fromJsonString: well-known types", () => {
  runCases([
    { name: "wrappers with zero values", json: '{"optionalBoolWrapper": false, "optionalInt32Wrapper": 0, "optionalInt64Wrapper": 0, "optionalStringWrapper": "", "optionalBytesWrapper": ""}', want: { optionalBoolWrapper: { value: false }, optionalInt32Wrapper: { value: 0 }, optionalInt64Wrapper: { value: 0n }, optionalStringWrapper: { value: "" }, optionalBytesWrapper: { value: new Uint8Array() } } },
    { name: "wrappers with values", json: '{"optionalUint64Wrapper": "1", "optionalFloatWrapper": "NaN", "optionalDoubleWrapper": 1.5, "optionalUint32Wrapper": 1}', want: { optionalUint64Wrapper: { value: 1n }, optionalFloatWrapper: { value: NaN }, optionalDoubleWrapper: { value: 1.5 }, optionalUint32Wrapper: { value: 1 } } },
    { name: "repeated wrappers", json: '{"repeatedInt64Wrapper": [0, "1"], "repeatedBytesWrapper": ["", "AQI="]}', want: { repeatedInt64Wrapper: [{ value: 0n }, { value: 1n }], repeatedBytesWrapper: [{ value: new Uint8Array() }, { value: new Uint8Array([1, 2]) }] } },
    { name: "a wrapper of the wrong type", json: '{"optionalInt32Wrapper": "x"}', error: /optionalInt32Wrapper: int32 must be an integer/ },
    { name: "an object for a wrapper", json: '{"optionalInt32Wrapper": {"value": 1}}', error: /optionalInt32Wrapper: expected int32/ },
    { name: "Duration min", json: '{"optionalDuration": "-315576000000.999999999s"}', want: { optionalDuration: { seconds: -315576000000n, nanos: -999999999 } } },
    { name: "Duration -0.5s", json: '{"optionalDuration": "-0.5s"}', want: { optionalDuration: { seconds: 0n, nanos: -500000000 } } },
    { name: "repeated Durations", json: '{"repeatedDuration": ["1.5s", "-1.5s"]}', want: { repeatedDuration: [{ seconds: 1n, nanos: 500000000 }, { seconds: -1n, nanos: -500000000 }] } },
    { name: "a Duration without s", json: '{"optionalDuration": "1"}', error: /optionalDuration: invalid Duration "1"/ },
    { name: "a Duration too large", json: '{"optionalDuration": "315576000001.000000000s"}', error: /out of range/ },
    { name: "a number for a Duration", json: '{"optionalDuration": 1}', error: /expected a Duration string/ },
    { name: "Timestamp min", json: '{"optionalTimestamp": "0001-01-01T00:00:00Z"}', want: { optionalTimestamp: { seconds: -62135596800n, nanos: 0 } } },
    { name: "Timestamp with an offset", json: '{"optionalTimestamp": "1970-01-01T08:00:01+08:00"}', want: { optionalTimestamp: { seconds: 1n, nanos: 0 } } },
    { name: "a Timestamp too small", json: '{"optionalTimestamp": "0000-01-01T00:00:00Z"}', error: /optionalTimestamp: invalid Timestamp/ },
    { name: "a Timestamp with a lower-case z", json: '{"optionalTimestamp": "0001-01-01T00:00:00z"}', error: /invalid Timestamp/ },
    { name: "a Timestamp on Feb 29 of 2001", json: '{"optionalTimestamp": "2001-02-29T00:00:00Z"}', error: /day 29 out of range/ },
    { name: "a FieldMask", json: '{"optionalFieldMask": "foo,barBaz"}', want: { optionalFieldMask: { paths: ["foo", "bar_baz"] } } },
    { name: "an empty FieldMask", json: '{"optionalFieldMask": ""}', want: { optionalFieldMask: { paths: [] } } },
    { name: "a FieldMask with _", json: '{"optionalFieldMask": "foo,bar_bar"}', error: /optionalFieldMask: invalid FieldMask path "bar_bar"/ },
    {
      name: "a Struct",
      json: '{"optionalStruct": {"n": null, "i": 1234, "b": true, "s": "x", "l": [1, "2"], "o": {"v": 0}}}',
      want: {
        optionalStruct: {
          fields: {
            n: { kind: { case: "nullValue", value: 0 } },
            i: { kind: { case: "numberValue", value: 1234 } },
            b: { kind: { case: "boolValue", value: true } },
            s: { kind: { case: "stringValue", value: "x" } },
            l: { kind: { case: "listValue", value: { values: [{ kind: { case: "numberValue", value: 1 } }, { kind: { case: "stringValue", value: "2" } }] } } },
            o: { kind: { case: "structValue", value: { fields: { v: { kind: { case: "numberValue", value: 0 } } } } } },
          },
        },
      },
    },
    { name: "a Struct with an empty list", json: '{"optionalStruct": {"l": []}}', want: { optionalStruct: { fields: { l: { kind: { case: "listValue", value: { values: [] } } } } } } },
    { name: "a Struct nested 25 deep", json: '{"optionalStruct": {' + '"n": {'.repeat(25) + '"value": 1' + "}".repeat(25) + "}}", acceptOnly: true },
    { name: "a Struct nested 200 deep", json: '{"optionalStruct": {' + '"n": {'.repeat(200) + '"value": 1' + "}".repeat(200) + "}}", error: /nest deeper than 100/ },
    { name: "a list Value nested 200 deep", json: '{"optionalValue": ' + "[".repeat(200) + "1" + "]".repeat(200) + "}", error: /nest deeper than 100/ },
    { name: "an array for a Struct", json: '{"optionalStruct": []}', error: /expected an object for Struct/ },
    { name: "a Value list", json: '{"optionalValue": [0, "hello"]}', want: { optionalValue: { kind: { case: "listValue", value: { values: [{ kind: { case: "numberValue", value: 0 } }, { kind: { case: "stringValue", value: "hello" } }] } } } } },
    { name: "a repeated ListValue", json: '{"repeatedListValue": [["a"]]}', want: { repeatedListValue: [{ values: [{ kind: { case: "stringValue", value: "a" } }] }] } },
    { name: "a big integer Value", json: '{"optionalValue": 12345678901234567890}', want: { optionalValue: { kind: { case: "numberValue", value: 12345678901234567890 } } } },
    { name: "an Empty", json: '{"optionalEmpty": {}}', want: { optionalEmpty: {} } },
    { name: "an Empty with a field", json: '{"optionalEmpty": {"a": 1}}', error: /google\.protobuf\.Empty has no field named "a"/ },
  ]);
});

describe("fromJsonString: Any", () => {
  const url = `type.googleapis.com/${PROTO3}`;
  it("packs a message payload given with @type anywhere in the object", () => {
    for (const json of [`{"optionalAny": {"@type": "${url}", "optionalInt32": 12345}}`, `{"optionalAny": {"optionalInt32": 12345, "@type": "${url}"}}`]) {
      const msg = fromJsonString(T3(), json, { registry: testRegistry() });
      const any = msg["optionalAny"] as { typeUrl: string; value: Uint8Array };
      assert.equal(any.typeUrl, url);
      assert.ok(equals(T3(), fromBinary(T3(), any.value), create(T3(), { optionalInt32: 12345 })));
    }
  });
  it("packs well-known payloads given under value", () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ["google.protobuf.Int32Value", "12345", { value: 12345 }],
      ["google.protobuf.Duration", '"1.5s"', { seconds: 1n, nanos: 500000000 }],
      ["google.protobuf.Timestamp", '"1970-01-01T00:00:00Z"', {}],
      ["google.protobuf.FieldMask", '"foo,barBaz"', { paths: ["foo", "bar_baz"] }],
      ["google.protobuf.Value", "1", { kind: { case: "numberValue", value: 1 } }],
      ["google.protobuf.Struct", '{"foo": 1}', { fields: { foo: { kind: { case: "numberValue", value: 1 } } } }],
    ];
    for (const [typeName, value, want] of cases) {
      const msg = fromJsonString(T3(), `{"optionalAny": {"@type": "type.googleapis.com/${typeName}", "value": ${value}}}`);
      const any = msg["optionalAny"] as { typeUrl: string; value: Uint8Array };
      const desc = testRegistry().getMessage(typeName)!;
      assert.ok(equals(desc, fromBinary(desc, any.value), create(desc, want)), typeName);
    }
  });
  it("packs an Any inside an Any", () => {
    const msg = fromJsonString(T3(), `{"optionalAny": {"@type": "type.googleapis.com/google.protobuf.Any", "value": {"@type": "${url}", "optionalInt32": 1}}}`, { registry: testRegistry() });
    const any = msg["optionalAny"] as { value: Uint8Array };
    const Any = testRegistry().getMessage("google.protobuf.Any")!;
    const inner = fromBinary(Any, any.value) as { typeUrl: string; value: Uint8Array };
    assert.equal(inner.typeUrl, url);
    assert.ok(equals(T3(), fromBinary(T3(), inner.value), create(T3(), { optionalInt32: 1 })));
  });
  runCases([
    { name: "an empty Any", json: '{"optionalAny": {}}', want: { optionalAny: {} } },
    { name: "an Empty in an Any without value", json: '{"optionalAny": {"@type": "type.googleapis.com/google.protobuf.Empty"}}', want: { optionalAny: { typeUrl: "type.googleapis.com/google.protobuf.Empty" } } },
    { name: "an Any with an empty @type", json: '{"optionalAny": {"@type": "", "value": ""}}', error: /optionalAny\.@type: "" is not a type URL/ },
    { name: "an Any with a @type that is not a URL", json: '{"optionalAny": {"@type": "not_a_url", "value": ""}}', error: /is not a type URL/ },
    { name: "an Any without @type", json: '{"optionalAny": {"optionalInt32": 1}}', error: /optionalAny: Any has no "@type"/ },
    { name: "an Any of an unknown type", json: '{"optionalAny": {"@type": "type.googleapis.com/no.Such"}}', error: /type no\.Such is not in the registry/ },
    { name: "a well-known Any without value", json: '{"optionalAny": {"@type": "type.googleapis.com/google.protobuf.Duration"}}', error: /needs a "value"/ },
    { name: "a well-known Any with another key", json: '{"optionalAny": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1s", "x": 1}}', error: /optionalAny\.x: Any holding google\.protobuf\.Duration has only/ },
    { name: "a bad field inside an Any", json: `{"optionalAny": {"@type": "type.googleapis.com/${PROTO3}", "optionalInt32": "x"}}`, error: /optionalAny\.optionalInt32: int32 must be an integer/ },
  ]);
});

describe("fromJsonString: proto2", () => {
  runCases([
    { name: "explicit zero values", json: '{"optionalInt32": 0, "optionalString": ""}', want: { optionalInt32: 0, optionalString: "" }, desc: T2 },
    { name: "a group by its field name", json: '{"data": {"groupInt32": 5}}', want: { data: { groupInt32: 5 } }, desc: T2 },
    { name: "an extension unknown to the registry", json: '{"[spindle.conformance.test2.nope]": 5}', error: /has no field named "\[spindle\.conformance\.test2\.nope\]"/, desc: T2 },
  ]);
  it("reads extensions as [full.name] keys and writes them back", () => {
    const json = '{"[spindle.conformance.test2.extension_int32]": 5, "[spindle.conformance.test2.extension_strings]": ["a", "b"], "[spindle.conformance.test2.extension_message]": {"s": "x"}}';
    const msg = fromJsonString(T2(), json, { registry: testRegistry() });
    assert.deepEqual(toJson(T2(), msg, { registry: testRegistry() }), {
      "[spindle.conformance.test2.extension_int32]": 5,
      "[spindle.conformance.test2.extension_strings]": ["a", "b"],
      "[spindle.conformance.test2.extension_message]": { s: "x" },
    });
  });
});

describe("fromJson", () => {
  it("reads a JSON value the caller already parsed", () => {
    const msg = fromJson(T3(), { optionalInt64: "5", repeatedString: ["a"], optionalTimestamp: "1970-01-01T00:00:01Z" });
    assert.ok(equals(T3(), msg, create(T3(), { optionalInt64: 5n, repeatedString: ["a"], optionalTimestamp: { seconds: 1n } })));
  });
  it("stops at the depth limit on a cyclic input instead of overflowing the stack", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["recursiveMessage"] = cyclic;
    assert.throws(() => fromJson(T3(), cyclic as never), /messages nest deeper than 100/);
    const list: unknown[] = [];
    list.push(list);
    assert.throws(() => fromJson(T3(), { optionalValue: list } as never), /messages nest deeper than 100/);
  });
  it("rejects JSON text that is not a string", () => {
    assert.throws(() => fromJsonString(T3(), new Uint8Array([123, 125]) as never), /JSON text must be a string, got object/);
  });
  it("rejects values JSON cannot hold", () => {
    assert.throws(() => fromJson(T3(), { optionalInt32: undefined as never }), /expected int32, got undefined/);
    assert.throws(() => fromJson(T3(), { optionalString: "\uD800" }), /unpaired surrogate/);
  });
});
