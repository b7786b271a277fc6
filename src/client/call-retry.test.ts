import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Status } from "../grpc/index.js";
import { CallRetry, parsePushback, RetryBufferPool, type CallRetryLimits } from "./call-retry.js";
import { RetryThrottle, type RetryPolicy } from "./service-config.js";

describe("parsePushback", () => {
  const cases: [unknown, number | undefined][] = [
    ["0", 0],
    ["250", 250],
    ["2147483647", 2 ** 31 - 1],
    ["2147483648", undefined],
    ["-1", undefined],
    ["-0", 0],
    ["1.5", undefined],
    [" 5", undefined],
    ["", undefined],
    ["12345678901", undefined],
    [["1", "2"], undefined],
    [undefined, undefined],
  ];
  for (const [value, want] of cases) {
    it(`reads ${JSON.stringify(value)} as ${want ?? "do not retry"}`, () => assert.equal(parsePushback(value), want, `got ${parsePushback(value)}, want ${want}`));
  }
});

const policy: RetryPolicy = {
  maxAttempts: 4,
  initialBackoffMs: 100,
  maxBackoffMs: 300,
  backoffMultiplier: 2,
  retryableStatusCodes: new Set([Status.UNAVAILABLE]),
};

function limits(poolBytes = 1000, perCallBytes = 100, throttle?: RetryThrottle): CallRetryLimits {
  return { pool: new RetryBufferPool(poolBytes), perCallBytes, throttle };
}

describe("CallRetry", () => {
  // Backoff delays are random(0, bound): pin the draw near 1 so the bound shows.
  const random = Math.random;
  beforeEach(() => (Math.random = () => 0.999));
  afterEach(() => (Math.random = random));

  it("backs off exponentially up to maxBackoff, then stops at maxAttempts", () => {
    const r = new CallRetry(policy, limits());
    const delays = [1, 2, 3, 4].map(() => r.nextDelayMs(Status.UNAVAILABLE, undefined, true));
    // maxAttempts 4: three retries, the third capped at maxBackoff (400 → 300).
    assert.deepEqual(delays.map((d) => (d === undefined ? d : Math.round(d))), [100, 200, 300, undefined]);
    assert.equal(r.attempts, 4);
  });

  it("retries only listed codes, uncommitted calls and requests kept whole", () => {
    assert.equal(new CallRetry(policy, limits()).nextDelayMs(Status.INTERNAL, undefined, true), undefined);
    assert.equal(new CallRetry(policy, limits()).nextDelayMs(Status.UNAVAILABLE, undefined, false), undefined);
    const committed = new CallRetry(policy, limits());
    committed.commit();
    assert.equal(committed.nextDelayMs(Status.UNAVAILABLE, undefined, true), undefined);
  });

  it("waits the pushback instead of the backoff, and starts the backoff over after it", () => {
    const r = new CallRetry({ ...policy, maxAttempts: 5 }, limits());
    assert.equal(Math.round(r.nextDelayMs(Status.UNAVAILABLE, undefined, true)!), 100);
    assert.equal(r.nextDelayMs(Status.UNAVAILABLE, "7", true), 7);
    assert.equal(Math.round(r.nextDelayMs(Status.UNAVAILABLE, undefined, true)!), 100);
    assert.equal(r.nextDelayMs(Status.UNAVAILABLE, "-1", true), undefined);
  });

  it("counts a retryable failure against the throttle even when it cannot retry", () => {
    const throttle = new RetryThrottle(4, 1);
    const r = new CallRetry(policy, limits(1000, 100, throttle));
    r.commit();
    assert.equal(r.nextDelayMs(Status.UNAVAILABLE, undefined, true), undefined);
    // 4 → 3 tokens: one more failure leaves 2, not above half.
    assert.equal(throttle.onFailure(), false);
  });

  it("admits frames within the call's share and the pool, commits past either, and gives bytes back", () => {
    const l = limits(150, 100);
    const a = new CallRetry(policy, l);
    assert.equal(a.admit(60), true);
    assert.equal(a.admit(60), false, "past the per-call limit");
    assert.equal(a.committed, true);
    assert.equal(l.pool.usedBytes, 0, "committing released the call's bytes");
    const b = new CallRetry(policy, l);
    const c = new CallRetry(policy, l);
    assert.equal(b.admit(90), true);
    assert.equal(c.admit(90), false, "past the pool");
    assert.equal(l.pool.usedBytes, 90);
    b.commit();
    b.commit();
    assert.equal(l.pool.usedBytes, 0);
  });
});
