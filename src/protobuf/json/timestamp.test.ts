import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatTimestamp, parseTimestamp } from "./timestamp.js";

describe("formatTimestamp", () => {
  const cases: [bigint, number, string][] = [
    [0n, 0, "1970-01-01T00:00:00Z"],
    [0n, 10_000_000, "1970-01-01T00:00:00.010Z"],
    [0n, 10_000, "1970-01-01T00:00:00.000010Z"],
    [0n, 10, "1970-01-01T00:00:00.000000010Z"],
    [-1n, 999_999_999, "1969-12-31T23:59:59.999999999Z"],
    [-62135596800n, 0, "0001-01-01T00:00:00Z"],
    [253402300799n, 999_999_999, "9999-12-31T23:59:59.999999999Z"],
    [951782400n, 0, "2000-02-29T00:00:00Z"],
    [729302400n, 0, "1993-02-10T00:00:00Z"],
  ];
  for (const [seconds, nanos, want] of cases) {
    it(`writes ${seconds}s ${nanos}ns as ${want}`, () => assert.equal(formatTimestamp(seconds, nanos), want));
  }
  const bad: [bigint, number, RegExp][] = [
    [-62135596801n, 0, /seconds -62135596801 out of range/],
    [253402300800n, 0, /seconds 253402300800 out of range/],
    [5000n, -1, /nanos -1 out of range/],
    [5000n, 1_000_000_000, /nanos 1000000000 out of range/],
  ];
  for (const [seconds, nanos, want] of bad) {
    it(`rejects ${seconds}s ${nanos}ns`, () => assert.throws(() => formatTimestamp(seconds, nanos), want));
  }
  it("agrees with Date for a day in every month of 1600..2400", () => {
    for (let year = 1600; year <= 2400; year += 7) {
      for (let month = 0; month < 12; month++) {
        const ms = Date.UTC(year, month, 13, 5, 6, 7);
        assert.equal(formatTimestamp(BigInt(ms / 1000), 0), new Date(ms).toISOString().replace(".000", ""));
      }
    }
  });
});

describe("parseTimestamp", () => {
  const ok: [string, bigint, number][] = [
    ["0001-01-01T00:00:00Z", -62135596800n, 0],
    ["9999-12-31T23:59:59.999999999Z", 253402300799n, 999_999_999],
    ["1970-01-01T00:00:00.000Z", 0n, 0],
    ["1970-01-01T00:00:00.000000001Z", 0n, 1],
    ["1969-12-31T23:59:58.999999999Z", -2n, 999_999_999],
    ["1969-12-31T23:59:49.500Z", -11n, 500_000_000],
    ["1970-01-01T08:00:01+08:00", 1n, 0],
    ["1969-12-31T16:00:01-08:00", 1n, 0],
    ["1970-01-02T01:00:00+02:00", 82800n, 0],
    ["0001-01-01T00:00:00-00:01", -62135596740n, 0],
    ["9999-12-31T23:59:59+00:01", 253402300739n, 0],
    ["1970-01-01T00:00:00-11:30", 41400n, 0],
    ["2000-02-29T00:00:00Z", 951782400n, 0],
    ["1970-01-01T00:00:00.1Z", 0n, 100_000_000],
  ];
  for (const [text, seconds, nanos] of ok) {
    it(`reads ${text}`, () => assert.deepEqual(parseTimestamp(text), { seconds, nanos }));
  }
  const bad: [string, RegExp][] = [
    ["0000-01-01T00:00:00Z", /year 0000/],
    ["10000-01-01T00:00:00Z", /expected RFC 3339/],
    ["0001-01-01T00:00:00", /expected RFC 3339/],
    ["0001-01-01 00:00:00Z", /expected RFC 3339/],
    ["0001-01-01T00:00:00z", /expected RFC 3339/],
    ["0001-01-01t00:00:00Z", /expected RFC 3339/],
    ["1970-01-01T08:00:01+0800", /expected RFC 3339/],
    ["1970-13-01T00:00:00Z", /month 13/],
    ["1970-00-01T00:00:00Z", /month 0/],
    ["1970-01-32T00:00:00Z", /day 32/],
    ["1970-01-00T00:00:00Z", /day 0/],
    ["1970-01-01T24:00:00Z", /hour 24/],
    ["1970-01-01T00:60:00Z", /minute 60/],
    ["1970-01-01T00:00:60Z", /second 60/],
    ["1970-01-01T00:00:00+24:00", /offset hour 24/],
    ["1970-01-01T00:00:00+00:60", /offset minute 60/],
    ["0001-01-01T00:00:00+00:01", /out of range/],
    ["9999-12-31T23:59:59-00:01", /out of range/],
    ["1970-01-01T00:00:00.1234567890Z", /expected RFC 3339/],
    ["1970-01-01T00:00:00.123aZ", /expected RFC 3339/],
    ["999-01-01T00:00:00Z", /expected RFC 3339/],
    ["1970-1-01T00:00:00Z", /expected RFC 3339/],
    ["2001-02-29T00:00:00Z", /day 29 out of range for 2001-02/],
    ["", /expected RFC 3339/],
  ];
  for (const [text, want] of bad) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.throws(() => parseTimestamp(text), want));
  }
});
