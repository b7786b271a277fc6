import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { effectiveDeadline } from "./deadline.js";

describe("effectiveDeadline", () => {
  const now = Date.now();
  const cases: [string, Parameters<typeof effectiveDeadline>[0], number | undefined, number | undefined][] = [
    ["none at all", {}, undefined, undefined],
    ["only the inherited one", {}, now + 500, now + 500],
    ["an absolute deadline as epoch ms", { deadline: now + 300 }, undefined, now + 300],
    ["an absolute deadline as a Date", { deadline: new Date(now + 300) }, undefined, now + 300],
    ["the inherited one when it is earlier", { deadline: now + 300 }, now + 100, now + 100],
    ["the own one when it is earlier", { deadline: now + 100 }, now + 300, now + 100],
    ["an infinite timeout as none", { timeout: Infinity }, undefined, undefined],
    ["an infinite deadline as none", { deadline: Infinity }, now + 50, now + 50],
  ];
  for (const [what, options, inherited, want] of cases) {
    it(`takes ${what}`, () => assert.equal(effectiveDeadline(options, inherited), want));
  }

  it("turns a timeout into a deadline from now, and keeps the earliest of timeout and deadline", () => {
    const before = Date.now();
    const d = effectiveDeadline({ timeout: 1000 }, undefined)!;
    assert.ok(d >= before + 1000 && d <= Date.now() + 1000);
    assert.equal(effectiveDeadline({ timeout: 1000, deadline: before + 10 }, undefined), before + 10);
  });

  for (const [what, options, want] of [
    ["a negative timeout", { timeout: -1 }, /timeout must be/],
    ["a NaN timeout", { timeout: NaN }, /timeout must be/],
    ["an invalid Date", { deadline: new Date("x") }, /not a valid date/],
  ] as const) {
    it(`rejects ${what}`, () => assert.throws(() => effectiveDeadline(options, undefined), want));
  }
});
