// Enum values as quoted numbers ("1"), read as the C++ reference parser reads them (absl::SimpleAtoi), and
// numbers an enum does not have: kept as the value by an open enum, in the unknown fields by a closed one.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PROTO2, PROTO3, testMessage } from "../../../test/conformance/schema.js";
import { fromBinary, toBinary, UnknownFields, type Message } from "../index.js";
import { enumNumberFromString } from "./enum-number.js";
import { fromJsonString, toJsonString } from "./index.js";

const hex = (b: Uint8Array | undefined) => (b === undefined ? "" : Buffer.from(b).toString("hex"));

describe("enumNumberFromString", () => {
  const cases: [string, number | undefined][] = [
    ["1", 1],
    ["0", 0],
    ["-1", -1],
    ["+7", 7],
    ["007", 7],
    ["-0", 0],
    [" 3", 3],
    ["3\t\n\v\f\r ", 3],
    ["2147483647", 2147483647],
    ["-2147483648", -2147483648],
    ["2147483648", undefined],
    ["-2147483649", undefined],
    ["99999999999999999999999", undefined],
    ["", undefined],
    ["  ", undefined],
    ["+", undefined],
    ["-", undefined],
    ["+-1", undefined],
    ["1.0", undefined],
    ["1e2", undefined],
    ["0x10", undefined],
    ["1_000", undefined],
    ["1 2", undefined],
    ["\u00a01", undefined], // not ASCII white space
    ["١", undefined], // not an ASCII digit
    ["BAR", undefined],
  ];
  for (const [text, want] of cases) {
    it(`reads ${JSON.stringify(text)} as ${want ?? "no number"}`, () => {
      assert.equal(enumNumberFromString(text), want, `enumNumberFromString(${JSON.stringify(text)})`);
    });
  }
});

describe("fromJsonString: enums as quoted numbers", () => {
  const T3 = () => testMessage(PROTO3);
  const T2 = () => testMessage(PROTO2);

  it("reads a quoted number of a known value as that value, in every position", () => {
    const m = fromJsonString(T3(), '{"optionalNestedEnum": "1", "repeatedNestedEnum": ["2", " 0 ", "BAR"], "mapStringNestedEnum": {"k": "+1"}}');
    assert.equal(m["optionalNestedEnum"], 1);
    assert.deepEqual(m["repeatedNestedEnum"], [2, 0, 1]);
    assert.deepEqual({ ...(m["mapStringNestedEnum"] as object) }, { k: 1 });
  });

  it("reads a negative quoted number as the value of that number", () => {
    assert.equal(fromJsonString(T3(), '{"optionalNestedEnum": "NEG"}')["optionalNestedEnum"], -1);
    assert.equal(fromJsonString(T3(), '{"optionalNestedEnum": "-1"}')["optionalNestedEnum"], -1);
  });

  it("keeps an unknown quoted number of an open enum as the value, and writes it back as a number", () => {
    const m = fromJsonString(T3(), '{"optionalNestedEnum": "123", "repeatedNestedEnum": ["-5"]}');
    assert.equal(m["optionalNestedEnum"], 123);
    assert.deepEqual(m["repeatedNestedEnum"], [-5]);
    assert.equal(toJsonString(T3(), m), '{"optionalNestedEnum":123,"repeatedNestedEnum":[-5]}');
  });

  it("writes known values by name whichever way they were given", () => {
    const m = fromJsonString(T3(), '{"optionalNestedEnum": "1", "repeatedNestedEnum": [2, "0"]}');
    assert.equal(toJsonString(T3(), m), '{"optionalNestedEnum":"BAR","repeatedNestedEnum":["BAZ","FOO"]}');
    assert.equal(toJsonString(T3(), m, { enumAsInteger: true }), '{"optionalNestedEnum":1,"repeatedNestedEnum":[2,0]}');
  });

  it("rejects a string that is neither a name nor an int32, unless unknown fields are ignored", () => {
    for (const text of ["1.5", "0x1", "2147483648", "", "BAR "]) {
      const json = `{"optionalNestedEnum": ${JSON.stringify(text)}}`;
      assert.throws(() => fromJsonString(T3(), json), /has no value named/, json);
      assert.equal(fromJsonString(T3(), json, { ignoreUnknownFields: true })["optionalNestedEnum"], 0, json);
    }
  });

  // A closed enum cannot hold a number it lacks: the C++ reference parser sets it through reflection, which
  // keeps it in the unknown fields as the binary parser does. The bytes are those a binary decode of the same
  // value keeps (field 21 optional, 51 repeated, 73 map of TestAllTypesProto2).
  const closedCases: { name: string; json: string; unknown: string; field: string; want: unknown }[] = [
    { name: "a bare number", json: '{"optionalNestedEnum": 7}', unknown: "a80107", field: "optionalNestedEnum", want: undefined },
    { name: "a quoted number", json: '{"optionalNestedEnum": "7"}', unknown: "a80107", field: "optionalNestedEnum", want: undefined },
    { name: "a negative number", json: '{"optionalNestedEnum": "-2"}', unknown: "a801feffffffffffffffff01", field: "optionalNestedEnum", want: undefined },
    { name: "list elements", json: '{"repeatedNestedEnum": [1, "9", 2, 10]}', unknown: "98030998030a", field: "repeatedNestedEnum", want: [1, 2] },
    { name: "a map value (the entry kept whole)", json: '{"mapStringNestedEnum": {"a": 1, "b": "8"}}', unknown: "ca0405" + "0a0162" + "1008", field: "mapStringNestedEnum", want: { a: 1 } },
  ];
  for (const c of closedCases) {
    it(`keeps ${c.name} a closed enum lacks in the unknown fields`, () => {
      const desc = T2();
      for (const ignoreUnknownFields of [false, true]) {
        const m = fromJsonString(desc, c.json, { ignoreUnknownFields });
        const got = m[c.field];
        assert.deepEqual(typeof got === "object" && got !== null && !Array.isArray(got) ? { ...got } : got, c.want);
        assert.equal(hex(m[UnknownFields]), c.unknown);
        // The same as a binary decode of the value: known parts as fields, the rest as the same unknown bytes.
        const again = fromBinary(desc, toBinary(desc, m));
        assert.equal(hex(again[UnknownFields]), c.unknown);
      }
    });
  }

  it("keeps the closed enum's unknown numbers after unknown fields the message had, in order", () => {
    const desc = T2();
    const m: Message = fromJsonString(desc, '{"optionalNestedEnum": 7, "repeatedNestedEnum": [9]}');
    assert.equal(hex(m[UnknownFields]), "a80107" + "980309");
    assert.equal(toJsonString(desc, m), "{}");
  });
});
