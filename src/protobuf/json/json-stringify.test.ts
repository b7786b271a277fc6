import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { stringifyJson } from "./json-stringify.js";
import type { JsonValue } from "./json-value.js";

describe("stringifyJson", () => {
  const values: JsonValue[] = [
    null, true, 0, 1.5, -1e-7, 1e21, "", "a\"\\\n\u0000😁\uD800", [], {}, [1, [2, []], {}],
    { a: 1, b: [true, null, "x"], c: { d: {} }, "": 0, "__proto__": 1 } as JsonValue,
  ];
  for (const value of values) {
    for (const spaces of [0, 2, 4]) {
      it(`lays out ${JSON.stringify(value)} with ${spaces} spaces as JSON.stringify does`, () =>
        assert.equal(stringifyJson(value, spaces), JSON.stringify(value, null, spaces)));
    }
  }
  it("keeps the sign of -0", () => {
    assert.equal(stringifyJson(-0), "-0.0");
    assert.equal(stringifyJson({ d: [-0, 0] }), '{"d":[-0.0,0]}');
    assert.ok(Object.is(JSON.parse(stringifyJson(-0)), -0));
  });
});
