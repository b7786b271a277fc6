import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeTimeout, parseTimeout } from "./timeout.js";
import { seededRandom } from "./testing/seeded-random.js";

describe("parseTimeout", () => {
  it("reads every unit", () => {
    const cases: [string, number][] = [
      ["1H", 3_600_000],
      ["1M", 60_000],
      ["1S", 1000],
      ["1m", 1],
      ["1u", 0.001],
      ["1n", 0.000001],
      ["0m", 0],
      ["0n", 0],
      ["200m", 200],
      ["00000001S", 1000],
      ["12345678m", 12345678],
      ["99999999n", 99.999999],
      ["99999999u", 99999.999],
    ];
    for (const [input, want] of cases) {
      const got = parseTimeout(input);
      assert.ok(got !== undefined && Math.abs(got - want) < 1e-9, `parseTimeout(${input}) = ${got}, want ${want}`);
    }
  });

  it("keeps the largest value, 99999999 hours, exact", () => {
    assert.equal(parseTimeout("99999999H"), 99_999_999 * 3_600_000);
    assert.ok(Number.isSafeInteger(parseTimeout("99999999H")!));
  });

  it("rejects malformed values", () => {
    const cases = [
      "",
      "1",
      "S",
      "123456789S", // more than 8 digits
      "000000001m",
      "-1S",
      "+1S",
      "1.5S",
      " 1S",
      "1S ",
      "1 S",
      "1s",
      "1h",
      "1x",
      "1SS",
      "0x10m",
      "1e3m",
      "\u0661S", // an Arabic-Indic digit
      "1S\n",
    ];
    for (const input of cases) assert.equal(parseTimeout(input), undefined, `parseTimeout(${JSON.stringify(input)})`);
  });
});

describe("encodeTimeout", () => {
  it("chooses the finest unit that fits in 8 digits, rounding up", () => {
    const cases: [number, string][] = [
      [1, "1m"],
      [200, "200m"],
      [99_999_999, "99999999m"],
      [100_000_000, "100000S"],
      [123_456_789, "123457S"],
      [99_999_999_000, "99999999S"],
      [99_999_999_001, "1666667M"],
      [6e12, "1666667H"],
      [99_999_999 * 3_600_000, "99999999H"],
      [0.5, "500000n"],
      [0.0000001, "1n"],
      [99.9999, "99999900n"],
      [100.5, "100500u"],
      [100000.5, "100001m"],
    ];
    for (const [ms, want] of cases) assert.equal(encodeTimeout(ms), want, `encodeTimeout(${ms})`);
  });

  it("sends 0n for a deadline already past", () => {
    for (const ms of [0, -1, -1e9, Number.NaN, -Infinity]) assert.equal(encodeTimeout(ms), "0n", `encodeTimeout(${ms})`);
  });

  it("clamps values beyond 99999999 hours", () => {
    for (const ms of [Infinity, 1e20, Number.MAX_VALUE]) assert.equal(encodeTimeout(ms), "99999999H");
  });

  it("never shortens a timeout and stays within one unit of it (seeded random)", () => {
    const random = seededRandom(42);
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(random() * 10 ** (random() * 14)) + (random() < 0.3 ? random() : 0);
      const text = encodeTimeout(ms);
      assert.match(text, /^\d{1,8}[HMSmun]$/);
      const back = parseTimeout(text)!;
      const unit = parseTimeout(`1${text.at(-1)}`)!;
      assert.ok(back >= ms - 1e-9 && back - ms <= unit, `${ms} → ${text} → ${back}`);
    }
  });
});
