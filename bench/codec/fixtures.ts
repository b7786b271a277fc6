/**
 * The codec benchmark's messages: the seed's `shop.v1.Product` and a ~1.5 KB `bench.v1.Order`, built from a
 * fixed seed so every run and every contender encodes the same bytes. Values are in Spindle's plain-object
 * representation (bigint for 64-bit, Uint8Array for bytes, maps as objects); contenders convert from it once,
 * outside the timed loops.
 */
import { createRandom, type Random } from "../../test/diff/random.js";

/** A message to benchmark, named as in the case names (`codec/encode/<name>`). */
export interface BenchFixture {
  readonly name: string;
  readonly typeName: string;
  readonly message: { [key: string]: unknown };
}

const WORDS = ["mug", "steel", "blue", "kettle", "organic", "tea", "coffee", "grinder", "ceramic", "large", "set", "of", "two"];

function words(random: Random, n: number): string {
  return Array.from({ length: n }, () => random.pick(WORDS)).join(" ");
}

function product(random: Random, i: number) {
  return { id: `p-${String(100000 + i)}`, name: words(random, 4), price: random.int(100, 99999) };
}

function address(random: Random) {
  return {
    line1: `${random.int(1, 999)} ${words(random, 2)} street`,
    line2: random.chance(0.5) ? `apartment ${random.int(1, 99)}` : "",
    city: random.pick(["Lyon", "Berlin", "Toronto", "Osaka", "São Paulo"]),
    postalCode: String(random.int(10000, 99999)),
    countryCode: random.pick(["FR", "DE", "CA", "JP", "BR"]),
  };
}

/** Builds the fixtures from `seed` (the default is what bench/README.md's numbers used). */
export function createFixtures(seed = 42): BenchFixture[] {
  const random = createRandom(seed);
  const items = Array.from({ length: 10 }, (_, i) => ({
    product: product(random, i),
    quantity: random.int(1, 5),
    priceCents: BigInt(random.int(100, 5_000_000)),
    optionIds: Array.from({ length: random.int(2, 6) }, () => random.int(1, 100000)),
    discount: random.int(0, 30) / 100,
  }));
  const attributes: Record<string, string> = {};
  for (let i = 0; i < 6; i++) attributes[`attr-${i}`] = words(random, 3);
  const counters: Record<string, bigint> = {};
  for (let i = 0; i < 4; i++) counters[`counter-${i}`] = BigInt(random.int(0, 2 ** 40));
  const signature = new Uint8Array(64);
  for (let i = 0; i < signature.length; i++) signature[i] = random.uint32() & 0xff;
  const order = {
    id: "order-2026-11-25-000042",
    createdAtMs: 1795000000000n + BigInt(random.int(0, 1e9)),
    customer: { id: "c-77", name: "Ada Lovelace", email: "ada@example.com", sinceMs: 1600000000000n, address: address(random), vip: true },
    items,
    attributes,
    signature,
    shipping: address(random),
    tags: ["gift", "express", "fragile", "priority", "eu"],
    status: 2,
    totalCents: 123456789n,
    counters,
    traceId: 0xfedcba9876543210n,
    priority: -3,
  };
  return [
    { name: "product", typeName: "shop.v1.Product", message: { id: "p1", name: "Stainless steel mug, 350 ml", price: 1299 } },
    { name: "order", typeName: "bench.v1.Order", message: order },
  ];
}
