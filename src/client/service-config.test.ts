import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Status } from "../grpc/index.js";
import { parseDuration, parseServiceConfig, RetryThrottle } from "./service-config.js";

describe("parseDuration", () => {
  const ok: [string, number][] = [
    ["1s", 1000],
    ["0.5s", 500],
    ["1.000340012s", 1000.340012],
    ["0s", 0],
    ["120s", 120_000],
  ];
  for (const [text, want] of ok) it(`reads ${text}`, () => assert.ok(Math.abs(parseDuration(text) - want) < 1e-6, `got ${parseDuration(text)}, want ${want}`));
  for (const bad of ["1", "1ms", "-1s", "1.s", "s", "1.0000000001s", ""]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseDuration(bad, "timeout"), /timeout must be a duration/));
  }
});

describe("parseServiceConfig", () => {
  const config = {
    methodConfig: [
      { name: [{ service: "a.S", method: "M" }], timeout: "1s" },
      { name: [{ service: "a.S" }], waitForReady: true },
      { name: [{}], timeout: "9s", retryPolicy: { maxAttempts: 9, initialBackoff: "0.1s", maxBackoff: "1s", backoffMultiplier: 2, retryableStatusCodes: ["UNAVAILABLE", 4, "aborted"] } },
    ],
    retryThrottling: { maxTokens: 10, tokenRatio: 0.1 },
  };

  it("picks the exact method, then its service, then the default entry", () => {
    const sc = parseServiceConfig(config);
    assert.deepEqual(sc.forMethod("/a.S/M"), { timeoutMs: 1000 });
    assert.deepEqual(sc.forMethod("/a.S/Other"), { waitForReady: true });
    assert.equal(sc.forMethod("/b.S/X")?.timeoutMs, 9000);
  });

  it("caps maxAttempts at 5 and reads status codes by name or number", () => {
    const policy = parseServiceConfig(JSON.stringify(config)).forMethod("/z.Z/Z")?.retryPolicy;
    assert.equal(policy?.maxAttempts, 5);
    assert.deepEqual([...policy!.retryableStatusCodes].sort(), [Status.DEADLINE_EXCEEDED, Status.ABORTED, Status.UNAVAILABLE].sort());
    assert.equal(policy?.initialBackoffMs, 100);
  });

  const bad: [string, unknown, RegExp][] = [
    ["invalid JSON", "{", /not valid JSON/],
    ["maxAttempts below 2", { methodConfig: [{ name: [{}], retryPolicy: { maxAttempts: 1, initialBackoff: "1s", maxBackoff: "1s", backoffMultiplier: 1, retryableStatusCodes: ["UNAVAILABLE"] } }] }, /maxAttempts/],
    ["an unknown status name", { methodConfig: [{ name: [{}], retryPolicy: { maxAttempts: 2, initialBackoff: "1s", maxBackoff: "1s", backoffMultiplier: 1, retryableStatusCodes: ["NOPE"] } }] }, /unknown status code "NOPE"/],
    ["no retryable codes", { methodConfig: [{ name: [{}], retryPolicy: { maxAttempts: 2, initialBackoff: "1s", maxBackoff: "1s", backoffMultiplier: 1, retryableStatusCodes: [] } }] }, /at least one/],
    ["a zero backoff", { methodConfig: [{ name: [{}], retryPolicy: { maxAttempts: 2, initialBackoff: "0s", maxBackoff: "1s", backoffMultiplier: 1, retryableStatusCodes: [14] } }] }, /initialBackoff must be positive/],
    ["a method without service", { methodConfig: [{ name: [{ method: "M" }] }] }, /needs its service/],
    ["a method named twice", { methodConfig: [{ name: [{ service: "s", method: "m" }] }, { name: [{ service: "s", method: "m" }] }] }, /appears twice/],
    ["a bad timeout", { methodConfig: [{ name: [{}], timeout: "soon" }] }, /methodConfig\[0\]\.timeout/],
    ["bad throttling", { retryThrottling: { maxTokens: 0, tokenRatio: 1 } }, /maxTokens/],
  ];
  for (const [what, input, want] of bad) {
    it(`rejects ${what} with a message naming the field`, () => assert.throws(() => parseServiceConfig(input as string), want));
  }
});

describe("RetryThrottle", () => {
  it("allows retries while more than half the tokens remain, and refills on success", () => {
    const t = new RetryThrottle(4, 1);
    assert.equal(t.onFailure(), true); // 3 > 2
    assert.equal(t.onFailure(), false); // 2 is not > 2
    t.onSuccess(); // 3
    assert.equal(t.onFailure(), false); // 2
    t.onSuccess();
    t.onSuccess(); // 4
    assert.equal(t.onFailure(), true);
  });
});
