/**
 * A small seeded pseudo-random source (sfc32): the same seed gives the same messages on every machine, so a
 * failing differential case can be replayed from the seed the test prints.
 */

/** Seeded randomness: every draw advances one shared state. */
export interface Random {
  /** The seed this source started from. */
  readonly seed: number;
  /** A uniform 32-bit unsigned integer. */
  uint32(): number;
  /** A uniform float in [0, 1). */
  float(): number;
  /** A uniform integer in [min, max] (inclusive, both within ±2^53). */
  int(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** 64 uniform bits as an unsigned bigint. */
  uint64(): bigint;
}

/** Creates a source from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  function next(): number {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  }
  // Mix the seed in before the first draw, as sfc32 recommends.
  for (let i = 0; i < 15; i++) next();
  const random: Random = {
    seed,
    uint32: next,
    float: () => next() / 4294967296,
    int(min, max) {
      const span = max - min + 1;
      if (span <= 4294967296) return min + Math.floor((next() / 4294967296) * span);
      const high = next() & 0x1fffff;
      return min + Math.floor(((high * 4294967296 + next()) / 2 ** 53) * span);
    },
    chance: (p) => next() / 4294967296 < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick from an empty array");
      return items[Math.floor((next() / 4294967296) * items.length)]!;
    },
    uint64: () => (BigInt(next()) << 32n) | BigInt(next()),
  };
  return random;
}
