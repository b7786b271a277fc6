// The CLI's small parsers: request JSON splitting, method names, durations and -H headers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createJsonSplitter } from "../src/cli/json-splitter.js";
import { parseMethodName } from "../src/cli/method-name.js";
import { parseDurationFlag, parseHeaderFlags, UsageError } from "../src/cli/connection-flags.js";

describe("createJsonSplitter", () => {
  const cases: [string, string[], string[]][] = [
    ["one object", ['{"a":1}'], ['{"a":1}']],
    ["objects on lines", ['{"a":1}\n{"b":2}\n'], ['{"a":1}', '{"b":2}']],
    ["concatenated objects", ['{"a":1}{"b":2}'], ['{"a":1}', '{"b":2}']],
    ["braces and quotes inside strings", ['{"a":"}{\\"]"}'], ['{"a":"}{\\"]"}']],
    ["a value split across chunks", ['{"a":', '{"b":[1,', "2]}}", " {}"], ['{"a":{"b":[1,2]}}', "{}"]],
    ["a split escape", ['{"a":"\\', '""}'], ['{"a":"\\""}']],
    ["commas and blank lines between values", ["{}, \r\n\t{}"], ["{}", "{}"]],
    ["a top-level scalar is passed on for JSON.parse to reject", ["5 {}"], ["5", "{}"]],
    ["nothing", ["  \n"], []],
  ];
  for (const [name, chunks, want] of cases) {
    it(name, () => {
      const s = createJsonSplitter();
      const got = [...chunks.flatMap((c) => s.push(c)), ...s.end()];
      assert.deepEqual(got, want, `chunks ${JSON.stringify(chunks)}`);
    });
  }

  it("throws at the end of input inside a value", () => {
    const s = createJsonSplitter();
    s.push('{"a":[1');
    assert.throws(() => s.end(), /ends inside a JSON value/);
  });
});

describe("parseMethodName", () => {
  const ok: [string, string, string][] = [
    ["shop.v1.Catalog/GetProduct", "shop.v1.Catalog", "GetProduct"],
    ["/shop.v1.Catalog/GetProduct", "shop.v1.Catalog", "GetProduct"],
    ["shop.v1.Catalog.GetProduct", "shop.v1.Catalog", "GetProduct"],
    ["Catalog/Get", "Catalog", "Get"],
  ];
  for (const [text, service, method] of ok) {
    it(`reads ${text}`, () => assert.deepEqual(parseMethodName(text), { service, method }));
  }
  for (const bad of ["GetProduct", "shop.v1.Catalog/", "/Get", "a/b/c", "shop v1.Catalog/Get", ""]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseMethodName(bad), UsageError));
  }
});

describe("parseDurationFlag", () => {
  const ok: [string, number][] = [["250ms", 250], ["2s", 2000], ["1.5m", 90_000], ["1h", 3_600_000], ["3", 3000], [".5", 500], ["0", 0]];
  for (const [text, ms] of ok) it(`reads ${text} as ${ms} ms`, () => assert.equal(parseDurationFlag("timeout", text), ms));
  for (const bad of ["", "soon", "-1s", "1d", "1e3", "99999999h"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseDurationFlag("timeout", bad), UsageError));
  }
});

describe("parseHeaderFlags", () => {
  it("lower-cases keys, trims values and decodes -bin values from base64 (standard or URL-safe)", () => {
    assert.deepEqual(parseHeaderFlags(["Authorization: Bearer x", "a-bin: AQID", "b-bin: -_8", "empty:"]), [
      ["authorization", "Bearer x"],
      ["a-bin", new Uint8Array([1, 2, 3])],
      ["b-bin", new Uint8Array([0xfb, 0xff])],
      ["empty", ""],
    ]);
  });
  for (const bad of ["novalue", ": v", "bad key: v", "grpc-status: 0", "te: trailers", "k: caf\u00e9", "k-bin: a b"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseHeaderFlags([bad]), UsageError));
  }
});
