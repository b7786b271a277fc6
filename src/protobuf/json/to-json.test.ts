// toJson: what is written, in which form, and what cannot be written; outputs checked against what
// Python's json_format.MessageToJson (python3-protobuf 4.21) prints for the same messages.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PROTO2, PROTO3, testMessage, testRegistry } from "../../../test/conformance/schema.js";
import { create, equals, ProtobufError, toBinary, type DescMessage } from "../index.js";
import { fromJsonString, toJson, toJsonString, type JsonWriteOptions } from "./index.js";

const T3 = () => testMessage(PROTO3);
const T2 = () => testMessage(PROTO2);

interface Case {
  name: string;
  init: Record<string, unknown>;
  want?: unknown;
  error?: RegExp;
  options?: JsonWriteOptions;
  desc?: () => DescMessage;
}

function runCases(cases: Case[]): void {
  for (const c of cases) {
    it(c.error ? `refuses ${c.name}` : `writes ${c.name}`, () => {
      const desc = (c.desc ?? T3)();
      const msg = create(desc, c.init);
      const options = { registry: testRegistry(), ...c.options };
      if (c.error) {
        assert.throws(() => toJson(desc, msg, options), (e: unknown) => e instanceof ProtobufError && c.error!.test(e.message));
        return;
      }
      assert.deepEqual(toJson(desc, msg, options), c.want);
    });
  }
}

const wrap = <T>(value: T) => ({ value });

describe("toJson: scalars and presence", () => {
  runCases([
    { name: "nothing for a message with only zero values", init: { optionalInt32: 0, optionalString: "", optionalBytes: new Uint8Array(), optionalInt64: 0n, repeatedInt32: [], mapInt32Int32: {} }, want: {} },
    { name: "64-bit integers as strings", init: { optionalInt64: -5n, optionalUint64: 18446744073709551615n, optionalSfixed64: 1n, jsStringInt64: "7" }, want: { optionalInt64: "-5", optionalUint64: "18446744073709551615", optionalSfixed64: "1", jsStringInt64: "7" } },
    { name: "32-bit integers as numbers", init: { optionalInt32: -1, optionalUint32: 4294967295, optionalFixed32: 7 }, want: { optionalInt32: -1, optionalUint32: 4294967295, optionalFixed32: 7 } },
    { name: "floats in their shortest form", init: { optionalFloat: Math.fround(0.1), optionalDouble: 0.1 }, want: { optionalFloat: 0.1, optionalDouble: 0.1 } },
    { name: "special floats as strings", init: { optionalFloat: NaN, optionalDouble: -Infinity, repeatedDouble: [Infinity, 1.5] }, want: { optionalFloat: "NaN", optionalDouble: "-Infinity", repeatedDouble: ["Infinity", 1.5] } },
    { name: "-0, which is not the default", init: { optionalDouble: -0 }, want: { optionalDouble: -0 } },
    { name: "bytes as standard base64 with padding", init: { optionalBytes: new Uint8Array([0xfb, 0xff]), repeatedBytes: [new Uint8Array([1])] }, want: { optionalBytes: "+/8=", repeatedBytes: ["AQ=="] } },
    { name: "strings as they are", init: { optionalString: "谷歌 😁 \u0000" }, want: { optionalString: "谷歌 😁 \u0000" } },
    { name: "a proto3 optional field set to zero", init: { proto3OptionalInt32: 0 }, want: { proto3OptionalInt32: 0 } },
    { name: "a oneof member set to zero", init: { oneofField: { case: "oneofUint32", value: 0 } }, want: { oneofUint32: 0 } },
    { name: "an empty message oneof member", init: { oneofField: { case: "oneofNestedMessage", value: {} } }, want: { oneofNestedMessage: {} } },
    { name: "a NullValue oneof member as null", init: { oneofField: { case: "oneofNullValue", value: 0 } }, want: { oneofNullValue: null } },
    { name: "field names from json_name", init: { customJson: 1, FieldName3: 3, fieldName4: 4 }, want: { customJsonName: 1, FieldName3: 3, fieldName4: 4 } },
    { name: "proto field names when asked", init: { customJson: 1, FieldName3: 3, optionalNestedMessage: { a: 1 } }, options: { useProtoFieldName: true }, want: { custom_json: 1, _field_name3: 3, optional_nested_message: { a: 1 } } },
  ]);
});

describe("toJson: enums", () => {
  runCases([
    { name: "enum names", init: { optionalNestedEnum: 1, repeatedNestedEnum: [0, 2], mapStringNestedEnum: { k: 1 } }, want: { optionalNestedEnum: "BAR", repeatedNestedEnum: ["FOO", "BAZ"], mapStringNestedEnum: { k: "BAR" } } },
    { name: "the first name of an aliased value", init: { optionalAliasedEnum: 2 }, want: { optionalAliasedEnum: "ALIAS_BAZ" } },
    { name: "numbers for values the enum does not declare", init: { optionalNestedEnum: 123 }, want: { optionalNestedEnum: 123 } },
    { name: "numbers when asked", init: { optionalNestedEnum: 1, repeatedNestedEnum: [2] }, options: { enumAsInteger: true }, want: { optionalNestedEnum: 1, repeatedNestedEnum: [2] } },
  ]);
});

describe("toJson: lists, maps and messages", () => {
  runCases([
    { name: "lists", init: { repeatedInt32: [1, 2], repeatedInt64: [3n], repeatedNestedMessage: [{ a: 1 }, {}] }, want: { repeatedInt32: [1, 2], repeatedInt64: ["3"], repeatedNestedMessage: [{ a: 1 }, {}] } },
    {
      name: "maps of every key type",
      init: { mapInt32Int32: { "-1": 1 }, mapInt64Int64: { "5": 5n }, mapUint64Uint64: { "18446744073709551615": 1n }, mapBoolBool: { true: true, false: false }, mapStringBytes: { k: new Uint8Array([1]) }, mapStringNestedMessage: { m: { a: 2 } }, mapInt32Float: { "1": NaN } },
      want: { mapInt32Int32: { "-1": 1 }, mapInt64Int64: { "5": "5" }, mapUint64Uint64: { "18446744073709551615": "1" }, mapBoolBool: { true: true, false: false }, mapStringBytes: { k: "AQ==" }, mapStringNestedMessage: { m: { a: 2 } }, mapInt32Float: { "1": "NaN" } },
    },
    { name: "an empty nested message", init: { optionalNestedMessage: {} }, want: { optionalNestedMessage: {} } },
    { name: "a recursive message", init: { recursiveMessage: { recursiveMessage: { optionalInt32: 1 } } }, want: { recursiveMessage: { recursiveMessage: { optionalInt32: 1 } } } },
  ]);
  it('keeps a "__proto__" map key as a key', () => {
    const msg = fromJsonString(T3(), '{"mapStringString": {"__proto__": "x"}}');
    const json = toJson(T3(), msg) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(json["mapStringString"]!), ["__proto__"]);
    assert.equal(toJsonString(T3(), msg), '{"mapStringString":{"__proto__":"x"}}');
  });
});

describe("toJson: emitDefaultValues", () => {
  it("adds unset scalars, enums, lists and maps, but no messages, oneof members or proto3 optional fields", () => {
    const json = toJson(T3(), create(T3()), { emitDefaultValues: true }) as Record<string, unknown>;
    assert.equal(json["optionalInt32"], 0);
    assert.equal(json["optionalInt64"], "0");
    assert.equal(json["optionalBytes"], "");
    assert.equal(json["optionalNestedEnum"], "FOO");
    assert.equal(json["optionalNullValue"], null);
    assert.deepEqual(json["repeatedNestedMessage"], []);
    assert.deepEqual(json["mapStringValue"], {});
    for (const absent of ["optionalNestedMessage", "optionalTimestamp", "oneofUint32", "proto3OptionalInt32", "optionalBoolWrapper"]) {
      assert.ok(!(absent in json), `${absent} should not be written`);
    }
  });
  runCases([
    {
      name: "proto2 defaults for unset optional fields",
      desc: T2,
      init: {},
      options: { emitDefaultValues: true },
      want: { optionalInt32: 0, optionalInt64: "0", optionalString: "", optionalBytes: "", optionalNestedEnum: "FOO", defaultInt32: -123456789, defaultString: "Rosebud", defaultEnum: "BAR", repeatedNestedEnum: [], mapStringNestedEnum: {}, FieldName13: 0 },
    },
    { name: "proto2 fields set to their zero values", desc: T2, init: { optionalInt32: 0, optionalString: "" }, want: { optionalInt32: 0, optionalString: "" } },
    { name: "a proto2 group under its field name", desc: T2, init: { data: { groupInt32: 3 } }, want: { data: { groupInt32: 3 } } },
  ]);
});

describe("toJson: well-known types", () => {
  runCases([
    { name: "Timestamps with 0, 3, 6 and 9 fractional digits", init: { repeatedTimestamp: [{ seconds: 0n }, { nanos: 10000000 }, { nanos: 10000 }, { nanos: 10 }] }, want: { repeatedTimestamp: ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00.010Z", "1970-01-01T00:00:00.000010Z", "1970-01-01T00:00:00.000000010Z"] } },
    { name: "Durations with 0, 3, 6 and 9 fractional digits", init: { repeatedDuration: [{ seconds: 1n }, { seconds: 1n, nanos: 10000000 }, { seconds: -1n, nanos: -10000 }, { nanos: -10 }] }, want: { repeatedDuration: ["1s", "1.010s", "-1.000010s", "-0.000000010s"] } },
    { name: "a Timestamp before year 1", init: { optionalTimestamp: { seconds: -62135596801n } }, error: /cannot write TestAllTypesProto3\.optionalTimestamp as JSON: Timestamp seconds -62135596801 out of range/ },
    { name: "a Timestamp after year 9999", init: { optionalTimestamp: { seconds: 253402300800n } }, error: /out of range/ },
    { name: "a Timestamp with negative nanos", init: { optionalTimestamp: { seconds: 5000n, nanos: -1 } }, error: /nanos -1 out of range/ },
    { name: "a Duration too long", init: { optionalDuration: { seconds: 315576000001n } }, error: /optionalDuration as JSON: Duration seconds 315576000001 out of range/ },
    { name: "a Duration with nanos of the wrong sign", init: { optionalDuration: { seconds: 1n, nanos: -1 } }, error: /opposite signs/ },
    { name: "a Duration with nanos too large", init: { optionalDuration: { seconds: 1n, nanos: 1000000000 } }, error: /nanos 1000000000 out of range/ },
    { name: "a FieldMask", init: { optionalFieldMask: { paths: ["foo", "bar_baz"] } }, want: { optionalFieldMask: "foo,barBaz" } },
    { name: "a FieldMask path that does not round-trip", init: { optionalFieldMask: { paths: ["fooBar"] } }, error: /optionalFieldMask as JSON: FieldMask path "fooBar"/ },
    { name: "a FieldMask path with a digit after _", init: { optionalFieldMask: { paths: ["foo_3_bar"] } }, error: /does not round-trip/ },
    { name: "wrappers as their values", init: { optionalBoolWrapper: wrap(false), optionalInt64Wrapper: wrap(0n), optionalFloatWrapper: wrap(NaN), optionalBytesWrapper: wrap(new Uint8Array([1, 2])), repeatedInt64Wrapper: [wrap(1n)] }, want: { optionalBoolWrapper: false, optionalInt64Wrapper: "0", optionalFloatWrapper: "NaN", optionalBytesWrapper: "AQI=", repeatedInt64Wrapper: ["1"] } },
    { name: "an Empty as {}", init: { optionalEmpty: {} }, want: { optionalEmpty: {} } },
    {
      name: "a Struct, Values and ListValues",
      init: {
        optionalStruct: { fields: { n: { kind: { case: "nullValue", value: 0 } }, l: { kind: { case: "listValue", value: { values: [{ kind: { case: "numberValue", value: 1 } }, { kind: { case: "stringValue", value: "2" } }] } } }, o: { kind: { case: "structValue", value: { fields: { b: { kind: { case: "boolValue", value: true } } } } } } } },
        optionalValue: { kind: { case: "numberValue", value: 1.5 } },
        repeatedListValue: [{ values: [] }],
        repeatedValue: [{}],
      },
      want: { optionalStruct: { n: null, l: [1, "2"], o: { b: true } }, optionalValue: 1.5, repeatedListValue: [[]], repeatedValue: [null] },
    },
    { name: "a Value holding NaN", init: { optionalValue: { kind: { case: "numberValue", value: NaN } } }, error: /optionalValue as JSON: a Value cannot hold NaN/ },
    { name: "a Value holding Infinity", init: { optionalStruct: { fields: { x: { kind: { case: "numberValue", value: Infinity } } } } }, error: /optionalStruct\.x as JSON: a Value cannot hold Infinity/ },
    { name: "an empty Any", init: { optionalAny: {} }, want: { optionalAny: {} } },
    { name: "an Any of a type not in the registry", init: { optionalAny: { typeUrl: "type.googleapis.com/no.Such", value: new Uint8Array() } }, error: /optionalAny as JSON: Any holds no\.Such, which is not in the registry/ },
    { name: "an Any with bytes that do not decode", init: { optionalAny: { typeUrl: "type.googleapis.com/google.protobuf.Duration", value: new Uint8Array([8]) } }, error: /does not decode/ },
  ]);
  it("writes an Any with the payload's fields beside @type", () => {
    const payload = toBinary(T3(), create(T3(), { optionalInt32: 5, optionalNestedEnum: 1 }));
    const typeUrl = `type.googleapis.com/${PROTO3}`;
    const msg = create(T3(), { optionalAny: { typeUrl, value: payload } });
    assert.deepEqual(toJson(T3(), msg, { registry: testRegistry() }), { optionalAny: { "@type": typeUrl, optionalInt32: 5, optionalNestedEnum: "BAR" } });
  });
  it("writes an Any holding a well-known type under value", () => {
    const Duration = testRegistry().getMessage("google.protobuf.Duration")!;
    const Empty = testRegistry().getMessage("google.protobuf.Empty")!;
    const msg = create(T3(), {
      optionalAny: { typeUrl: "type.googleapis.com/google.protobuf.Duration", value: toBinary(Duration, create(Duration, { seconds: 1n, nanos: 500000000 })) },
      repeatedAny: [{ typeUrl: "type.googleapis.com/google.protobuf.Empty", value: toBinary(Empty, create(Empty)) }],
    });
    assert.deepEqual(toJson(T3(), msg), {
      optionalAny: { "@type": "type.googleapis.com/google.protobuf.Duration", value: "1.500s" },
      repeatedAny: [{ "@type": "type.googleapis.com/google.protobuf.Empty" }],
    });
  });
});

describe("toJsonString", () => {
  it("writes compact text, or indented text when asked", () => {
    const msg = create(T3(), { optionalInt32: 1, repeatedString: ["a"] });
    assert.equal(toJsonString(T3(), msg), '{"optionalInt32":1,"repeatedString":["a"]}');
    assert.equal(toJsonString(T3(), msg, { prettySpaces: 2 }), '{\n  "optionalInt32": 1,\n  "repeatedString": [\n    "a"\n  ]\n}');
  });
  it("round-trips a message with every kind of field through fromJsonString", () => {
    const msg = create(T3(), {
      optionalInt32: -1, optionalInt64: -9223372036854775808n, optionalUint64: 18446744073709551615n, optionalFloat: Math.fround(3.4e38),
      optionalDouble: 5e-324, optionalBool: true, optionalString: "x😁", optionalBytes: new Uint8Array([0, 255]),
      optionalNestedMessage: { a: 1, corecursive: { optionalInt32: 2 } }, optionalNestedEnum: 123, proto3OptionalInt32: 0,
      repeatedFloat: [NaN, -Infinity, Math.fround(1.1)], repeatedNestedEnum: [1, 2], mapBoolBool: { false: true },
      mapSint64Sint64: { "-9223372036854775808": -1n }, mapStringValue: { v: { kind: { case: "listValue", value: { values: [{ kind: { case: "nullValue", value: 0 } }] } } } },
      oneofField: { case: "oneofBytes", value: new Uint8Array([1]) }, optionalTimestamp: { seconds: 253402300799n, nanos: 999999999 },
      optionalDuration: { seconds: -315576000000n, nanos: -999999999 }, optionalFieldMask: { paths: ["a.b_c"] }, optionalEmpty: {},
      optionalUint32Wrapper: { value: 0 }, optionalStringWrapper: { value: "s" }, repeatedListValue: [{ values: [] }],
    });
    const again = fromJsonString(T3(), toJsonString(T3(), msg));
    assert.ok(equals(T3(), again, msg), toJsonString(T3(), again));
  });
});

describe("toJson: hand-built objects", () => {
  it("treats missing properties as unset or zero", () => {
    assert.deepEqual(toJson(T3(), { optionalTimestamp: {}, optionalDuration: { nanos: 5 }, optionalValue: {}, optionalAny: {}, optionalInt32Wrapper: {} }), {
      optionalTimestamp: "1970-01-01T00:00:00Z",
      optionalDuration: "0.000000005s",
      optionalValue: null,
      optionalAny: {},
      optionalInt32Wrapper: 0,
    });
  });
  it("stops a cyclic object with an error instead of overflowing the stack", () => {
    const cyclic: Record<string, unknown> = { optionalInt32: 1 };
    cyclic["recursiveMessage"] = cyclic;
    assert.throws(() => toJson(T3(), cyclic), /nest deeper than 1000 \(is the object cyclic\?\)/);
    const list: Record<string, unknown> = {};
    list["kind"] = { case: "listValue", value: { values: [list] } };
    assert.throws(() => toJson(T3(), { optionalValue: list }), /nest deeper than 1000/);
  });
});
