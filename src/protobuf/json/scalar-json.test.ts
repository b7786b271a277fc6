import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ScalarType } from "../desc.js";
import { scalarFromJson, scalarToJson, shortestFloat32 } from "./scalar-json.js";

const T = ScalarType;

describe("scalarFromJson", () => {
  const ok: [string, ScalarType, unknown, unknown][] = [
    ["int32 max", T.INT32, 2147483647, 2147483647],
    ["int32 min", T.INT32, -2147483648, -2147483648],
    ["int32 from a string", T.INT32, "2147483647", 2147483647],
    ["int32 from a quoted exponent", T.INT32, "1e5", 100000],
    ["int32 from a float with trailing zeros", T.INT32, 100000.0, 100000],
    ["int32 from 2.147483647e9", T.INT32, 2.147483647e9, 2147483647],
    ["int32 from the string 100000.000", T.INT32, "100000.000", 100000],
    ["int32 from the string 0", T.INT32, "0", 0],
    ["uint32 max", T.UINT32, 4294967295, 4294967295],
    ["uint32 max as a float", T.UINT32, 4.294967295e9, 4294967295],
    ["int64 max as a string", T.INT64, "9223372036854775807", 9223372036854775807n],
    ["int64 min as a string", T.INT64, "-9223372036854775808", -9223372036854775808n],
    ["int64 from a bigint literal", T.INT64, 9223372036854775807n, 9223372036854775807n],
    ["int64 from an exact double", T.INT64, 9223372036854774784, 9223372036854774784n],
    ["int64 from -2^63 as a double", T.SFIXED64, -9223372036854775808, -9223372036854775808n],
    ["uint64 max as a string", T.UINT64, "18446744073709551615", 18446744073709551615n],
    ["uint64 from an exact double", T.FIXED64, 18446744073709549568, 18446744073709549568n],
    ["float min positive", T.FLOAT, 1.175494e-38, Math.fround(1.175494e-38)],
    ["float max", T.FLOAT, 3.402823e38, Math.fround(3.402823e38)],
    ["float from a string", T.FLOAT, "1", 1],
    ["float NaN", T.FLOAT, "NaN", NaN],
    ["double Infinity", T.DOUBLE, "Infinity", Infinity],
    ["double -Infinity", T.DOUBLE, "-Infinity", -Infinity],
    ["double from a quoted exponent", T.DOUBLE, "2.22507e-308", 2.22507e-308],
    ["double max", T.DOUBLE, 1.79769e308, 1.79769e308],
    ["bool true", T.BOOL, true, true],
    ["string with a surrogate pair", T.STRING, "\uD83D\uDE01", "\uD83D\uDE01"],
    ["string with NUL", T.STRING, "a\u0000b", "a\u0000b"],
    ["bytes standard base64", T.BYTES, "AQI=", new Uint8Array([1, 2])],
    ["bytes url-safe base64", T.BYTES, "-_", new Uint8Array([0xfb])],
    ["bytes empty", T.BYTES, "", new Uint8Array()],
  ];
  for (const [name, type, json, want] of ok) {
    it(`reads ${name}`, () => assert.deepEqual(scalarFromJson(type, json), want));
  }
  it("honours jstype for 64-bit values", () => {
    assert.equal(scalarFromJson(T.INT64, "12", "string"), "12");
    assert.equal(scalarFromJson(T.UINT64, 12, "number"), 12);
  });
  it('reads bool map keys "true" and "false" only as map keys', () => {
    assert.equal(scalarFromJson(T.BOOL, "true", "bigint", true), true);
    assert.equal(scalarFromJson(T.BOOL, "false", "bigint", true), false);
    assert.throws(() => scalarFromJson(T.BOOL, "true"), /expected true or false/);
    assert.throws(() => scalarFromJson(T.BOOL, "True", "bigint", true), /map key "true" or "false"/);
  });

  const bad: [string, ScalarType, unknown, RegExp][] = [
    ["int32 too large", T.INT32, 2147483648, /out of range/],
    ["int32 too small", T.INT32, -2147483649, /out of range/],
    ["uint32 too large", T.UINT32, 4294967296, /out of range/],
    ["uint32 negative", T.UINT32, -1, /out of range/],
    ["int64 too large", T.INT64, "9223372036854775808", /out of range/],
    ["int64 too small", T.INT64, "-9223372036854775809", /out of range/],
    ["uint64 too large", T.UINT64, "18446744073709551616", /out of range/],
    ["uint64 huge exponent", T.UINT64, "1e536870000", /out of range/],
    ["int32 fraction", T.INT32, 0.5, /must be an integer/],
    ["uint32 fraction", T.UINT32, 0.5, /must be an integer/],
    ["int64 quoted fraction", T.INT64, "0.5", /must be an integer/],
    ["uint64 quoted fraction", T.UINT64, "0.5", /must be an integer/],
    ["int32 true", T.INT32, true, /expected int32, got true/],
    ["int32 partially numeric", T.INT32, "12abc", /must be an integer/],
    ["int32 with a space", T.INT32, "12 34", /must be an integer/],
    ["int32 with a comma", T.INT32, "12,34", /must be an integer/],
    ["int32 non-numeric", T.INT32, "abc", /must be an integer/],
    ["int32 empty string", T.INT32, "", /must be an integer/],
    ["int64 empty string", T.INT64, "", /must be an integer/],
    ["int32 leading space", T.INT32, " 1", /must be an integer/],
    ["int32 trailing space", T.INT32, "1 ", /must be an integer/],
    ["int32 plus sign in a string", T.INT32, "+1", /must be an integer/],
    ["int32 leading zero in a string", T.INT32, "01", /must be an integer/],
    ["int32 null", T.INT32, null, /expected int32, got null/],
    ["int32 object", T.INT32, { a: 1 }, /expected int32/],
    ["float too large", T.FLOAT, 3.502823e38, /out of range/],
    ["float too small", T.FLOAT, -3.502823e38, /out of range/],
    ["double too large as a string", T.DOUBLE, "1.89769e+308", /out of range/],
    ["double infinite number", T.DOUBLE, Infinity, /out of range/],
    ["double NaN number", T.DOUBLE, NaN, /"NaN"/],
    ["float lower-case nan", T.FLOAT, "nan", /expected a float/],
    ["float empty string", T.FLOAT, "", /expected a float/],
    ["double partially numeric", T.DOUBLE, "12abc", /expected a double/],
    ["double true", T.DOUBLE, true, /expected a double/],
    ["bool 0", T.BOOL, 0, /expected true or false/],
    ["bool string", T.BOOL, "true", /expected true or false/],
    ["string number", T.STRING, 12345, /expected a string/],
    ["string lone high surrogate", T.STRING, "\uD800", /unpaired surrogate U\+D800/],
    ["string lone low surrogate", T.STRING, "a\uDC00", /unpaired surrogate U\+DC00 at index 1/],
    ["string surrogates in the wrong order", T.STRING, "\uDE01\uD83D", /unpaired surrogate/],
    ["bytes bad base64", T.BYTES, "AQ*I", /invalid base64/],
    ["bytes number", T.BYTES, 1, /expected a base64 string/],
  ];
  for (const [name, type, json, want] of bad) {
    it(`rejects ${name}`, () => assert.throws(() => scalarFromJson(type, json), want));
  }
});

describe("scalarToJson", () => {
  const cases: [string, ScalarType, unknown, unknown][] = [
    ["int64 as a string", T.INT64, 1n, "1"],
    ["uint64 max as a string", T.UINT64, 18446744073709551615n, "18446744073709551615"],
    ["int64 jstype string", T.SINT64, "-5", "-5"],
    ["int32 as a number", T.INT32, -7, -7],
    ["float NaN", T.FLOAT, NaN, "NaN"],
    ["double Infinity", T.DOUBLE, Infinity, "Infinity"],
    ["double -Infinity", T.DOUBLE, -Infinity, "-Infinity"],
    ["float 0.1 in its shortest form", T.FLOAT, Math.fround(0.1), 0.1],
    ["double 0.1", T.DOUBLE, 0.1, 0.1],
    ["bytes as padded standard base64", T.BYTES, new Uint8Array([0xfb, 0xff]), "+/8="],
    ["bool", T.BOOL, false, false],
  ];
  for (const [name, type, value, want] of cases) {
    it(`writes ${name}`, () => assert.deepEqual(scalarToJson(type, value), want));
  }
});

describe("shortestFloat32", () => {
  it("finds a decimal that reads back as the same float32", () => {
    let seed = 12345;
    const view = new DataView(new ArrayBuffer(4));
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      view.setUint32(0, seed);
      const f = view.getFloat32(0);
      if (!Number.isFinite(f)) continue;
      const s = shortestFloat32(f);
      assert.equal(Math.fround(s), f, `shortestFloat32(${f}) = ${s}`);
      assert.equal(Number(s.toPrecision(9)), s, `${s} has more than 9 significant digits`);
    }
  });
});

describe("float range", () => {
  it("reads back the shortest text of ±FLT_MAX, and rejects what float32 rounding overflows", () => {
    const max = 3.4028234663852886e38;
    assert.equal(scalarFromJson(T.FLOAT, 3.4028235e38), max);
    assert.equal(scalarFromJson(T.FLOAT, "-3.4028235e+38"), -max);
    assert.equal(scalarFromJson(T.FLOAT, 3.40282356e38), max);
    assert.throws(() => scalarFromJson(T.FLOAT, 3.4028236e38), /out of range/);
    assert.throws(() => scalarFromJson(T.FLOAT, 1e39), /out of range/);
  });
});
