import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText } from "./json-text.js";

/** Copies null-prototype objects into ordinary ones so deepEqual compares contents only. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

describe("parseJsonText", () => {
  const ok: [string, unknown][] = [
    ["{}", {}],
    ['{"a":1,"b":[true,false,null]}', { a: 1, b: [true, false, null] }],
    [' { "a" : 1 , "b" : 2 } \n', { a: 1, b: 2 }],
    ['"\\u8C37\\u6b4c"', "谷歌"],
    ['"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\/\b\f\n\r\t'],
    ['"\\uD83D\\uDE01"', "😁"],
    ['"Hello\\u0000world!"', "Hello\u0000world!"],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
    ["9007199254740991", 9007199254740991],
    ["1.5e3", 1500],
    ["-0", -0],
    ["1E400", Infinity],
    ['{"\\u0031":2}', { "1": 2 }],
  ];
  for (const [text, want] of ok) {
    it(`reads ${text}`, () => assert.deepEqual(plain(parseJsonText(text)), want));
  }
  it('keeps "__proto__" as an ordinary key', () => {
    const v = parseJsonText('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(v), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(v), null);
  });

  const bad: [string, string, RegExp][] = [
    ["empty input", "", /offset 0: unexpected end of input/],
    ["unquoted key", "{fieldname1: 1}", /double-quoted key/],
    ["single-quoted key", "{'a': 1}", /double-quoted key/],
    ["single-quoted value", '{"a": \'x\'}', /unexpected character "'"/],
    ["trailing comma in an object", '{"a":1,}', /double-quoted key/],
    ["trailing comma with spaces", '{"a":1 , }', /double-quoted key/],
    ["trailing comma in an array", "[1, 2,]", /unexpected character "]"/],
    ["comment", '{\n// c\n"a": 1}', /double-quoted key/],
    ["missing comma", '{"a": 1 "b": 2}', /expected "," or "}"/],
    ["duplicate key", '{"a": 1, "a": 2}', /offset 9: duplicate key "a"/],
    ["duplicate key through an escape", '{"a": 1, "\\u0061": 2}', /duplicate key "a"/],
    ["unterminated string ending in an escape", '{"a": "abc\\', /unterminated string/],
    ["upper-case \\U escape", '"\\U8C37"', /invalid escape \\U/],
    ["bad \\u digits", '"\\uXXXX"', /invalid \\u escape/],
    ["short \\u escape", '"\\u8C3"', /invalid \\u escape/],
    ["unpaired high surrogate", '"\\uD800"', /unpaired UTF-16 surrogate/],
    ["unpaired low surrogate", '"\\uDC00"', /unpaired UTF-16 surrogate/],
    ["surrogates in the wrong order", '"\\uDE01\\uD83D"', /unpaired UTF-16 surrogate/],
    ["raw lone surrogate", '"\uD800"', /unpaired UTF-16 surrogate/],
    ["raw control character", '"a\nb"', /control character/],
    ["plus sign", "+1", /unexpected character "\+"/],
    ["leading zero", "01", /invalid number/],
    ["negative leading zero", "-01", /invalid number/],
    ["bare minus", "-", /invalid number/],
    ["trailing dot", "1.", /invalid number/],
    ["NaN literal", "NaN", /unexpected character "N"/],
    ["Infinity literal", "-Infinity", /invalid number/],
    ["True", "True", /unexpected character "T"/],
    ["FALSE", "FALSE", /unexpected character "F"/],
    ["text after the value", "{} {}", /unexpected text after the JSON value/],
    ["unterminated object", '{"a": 1', /unterminated object/],
    ["null key", "{null: 1}", /double-quoted key/],
  ];
  for (const [name, text, want] of bad) {
    it(`rejects ${name}`, () => assert.throws(() => parseJsonText(text), want));
  }
  it("rejects nesting deeper than maxDepth without overflowing the stack", () => {
    assert.throws(() => parseJsonText("[".repeat(100_000) + "]".repeat(100_000)), /nesting deeper than 1000/);
    assert.deepEqual(parseJsonText("[[[1]]]", { maxDepth: 3 }), [[[1]]]);
    assert.throws(() => parseJsonText("[[[[1]]]]", { maxDepth: 3 }), /nesting deeper than 3/);
  });
});
