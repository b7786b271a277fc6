import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, parseDuration } from "./duration.js";

describe("formatDuration", () => {
  const cases: [bigint, number, string][] = [
    [0n, 0, "0s"],
    [1n, 0, "1s"],
    [1n, 10_000_000, "1.010s"],
    [1n, 10_000, "1.000010s"],
    [1n, 10, "1.000000010s"],
    [-1n, -500_000_000, "-1.500s"],
    [0n, -500_000_000, "-0.500s"],
    [315576000000n, 999_999_999, "315576000000.999999999s"],
    [-315576000000n, -999_999_999, "-315576000000.999999999s"],
  ];
  for (const [seconds, nanos, want] of cases) {
    it(`writes ${seconds}s ${nanos}ns as ${want}`, () => assert.equal(formatDuration(seconds, nanos), want));
  }
  const bad: [bigint, number, RegExp][] = [
    [315576000001n, 0, /out of range/],
    [-315576000001n, 0, /out of range/],
    [1n, -1, /opposite signs/],
    [-1n, 1, /opposite signs/],
    [-1n, -1_000_000_000, /nanos -1000000000 out of range/],
    [1n, 1_000_000_000, /nanos 1000000000 out of range/],
  ];
  for (const [seconds, nanos, want] of bad) {
    it(`rejects ${seconds}s ${nanos}ns`, () => assert.throws(() => formatDuration(seconds, nanos), want));
  }
});

describe("parseDuration", () => {
  const ok: [string, bigint, number][] = [
    ["1.5s", 1n, 500_000_000],
    ["-1.5s", -1n, -500_000_000],
    ["-5s", -5n, 0],
    ["-0.5s", 0n, -500_000_000],
    ["1.000000010s", 1n, 10],
    ["315576000000.999999999s", 315576000000n, 999_999_999],
    ["-315576000000.999999999s", -315576000000n, -999_999_999],
    ["0s", 0n, 0],
  ];
  for (const [text, seconds, nanos] of ok) {
    it(`reads ${text}`, () => assert.deepEqual(parseDuration(text), { seconds, nanos }));
  }
  const bad: [string, RegExp][] = [
    ["1", /expected seconds with an "s" suffix/],
    ["+1s", /expected seconds/],
    ["1e3s", /expected seconds/],
    ["1.0000000001s", /expected seconds/],
    [".5s", /expected seconds/],
    ["-315576000001.000000000s", /out of range/],
    ["315576000001.000000000s", /out of range/],
    ["99999999999999999999999s", /out of range/],
    ["", /expected seconds/],
  ];
  for (const [text, want] of bad) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.throws(() => parseDuration(text), want));
  }
});
