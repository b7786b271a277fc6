import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createBackoff } from "./backoff.js";

/** A seeded uniform generator (mulberry32), so the jitter is reproducible. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("createBackoff", () => {
  it("grows by the multiplier from the initial delay up to the cap, without jitter", () => {
    const b = createBackoff({ initialBackoffMs: 1000, multiplier: 1.6, jitter: 0, maxBackoffMs: 5000 });
    const got = Array.from({ length: 6 }, () => b.next());
    assert.deepEqual(got, [1000, 1600, 2560, 4096, 5000, 5000]);
  });

  it("uses doc/connection-backoff.md's defaults: 1 s initial, 20 s minimum connect timeout", () => {
    const b = createBackoff({ jitter: 0 });
    assert.equal(b.connectTimeoutMs(), 20_000);
    assert.equal(b.next(), 1000);
    assert.equal(b.next(), 1600);
  });

  it("keeps every jittered delay within ±20% of the un-jittered one", () => {
    const b = createBackoff({ initialBackoffMs: 100, maxBackoffMs: 10_000 }, seeded(42));
    let base = 100;
    for (let i = 0; i < 200; i++) {
      const d = b.next();
      assert.ok(d >= Math.floor(base * 0.8) && d <= Math.ceil(base * 1.2), `attempt ${i}: got ${d}, want ${base}±20%`);
      base = Math.min(base * 1.6, 10_000);
    }
  });

  it("spreads delays of many clients (the jitter is not constant)", () => {
    const b = createBackoff({ initialBackoffMs: 1000, multiplier: 1, maxBackoffMs: 1000 }, seeded(7));
    const seen = new Set(Array.from({ length: 50 }, () => b.next()));
    assert.ok(seen.size > 20, `only ${seen.size} distinct delays`);
  });

  it("starts over after reset()", () => {
    const b = createBackoff({ initialBackoffMs: 10, jitter: 0 });
    b.next();
    b.next();
    b.reset();
    assert.equal(b.next(), 10);
  });

  it("lets the connect timeout grow with the backoff past the minimum", () => {
    const b = createBackoff({ initialBackoffMs: 30_000, jitter: 0, minConnectTimeoutMs: 20_000 });
    assert.equal(b.connectTimeoutMs(), 30_000);
  });

  it("rejects nonsensical options with a message naming the option", () => {
    assert.throws(() => createBackoff({ initialBackoffMs: -1 }), /initialBackoffMs/);
    assert.throws(() => createBackoff({ multiplier: 0 }), /multiplier/);
    assert.throws(() => createBackoff({ jitter: 1.5 }), /jitter/);
    assert.throws(() => createBackoff({ maxBackoffMs: NaN }), /maxBackoffMs/);
  });
});
