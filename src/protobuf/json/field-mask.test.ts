import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatFieldMask, parseFieldMask } from "./field-mask.js";

describe("formatFieldMask", () => {
  const cases: [string[], string][] = [
    [[], ""],
    [["foo", "bar_baz"], "foo,barBaz"],
    [["user.display_name", "photo"], "user.displayName,photo"],
    [["foo3bar"], "foo3bar"],
  ];
  for (const [paths, want] of cases) {
    it(`writes ${JSON.stringify(paths)} as ${JSON.stringify(want)}`, () => assert.equal(formatFieldMask(paths), want));
  }
  for (const path of ["fooBar", "foo_3_bar", "foo__bar", "foo_"]) {
    it(`rejects ${JSON.stringify(path)}, which does not round-trip`, () =>
      assert.throws(() => formatFieldMask([path]), /does not round-trip/));
  }
});

describe("parseFieldMask", () => {
  const cases: [string, string[]][] = [
    ["", []],
    ["foo,barBaz", ["foo", "bar_baz"]],
    ["user.displayName,photo", ["user.display_name", "photo"]],
  ];
  for (const [text, want] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseFieldMask(text), want));
  }
  const bad: [string, RegExp][] = [
    ["foo,bar_bar", /"_" is not allowed/],
    ["foo,,bar", /empty path segment/],
    ["foo.", /empty path segment/],
  ];
  for (const [text, want] of bad) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.throws(() => parseFieldMask(text), want));
  }
});
