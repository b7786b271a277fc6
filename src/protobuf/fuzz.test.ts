// Seeded mutation fuzzing of the binary decoder: whatever the bytes, fromBinary returns a message or throws a
// ProtobufError — never another exception, a hang or a crash — and whatever it returns re-encodes and decodes
// to an equal message.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ProtobufError, equals, fromBinary, toBinary, type DescMessage } from "./index.js";
import { testRegistry } from "./testdata/protoc-fixture.js";

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const registry = testRegistry();
const seeds: [string, object][] = [
  ["spindle.test3.Scalars", { fDouble: 1.5, fInt64: -5n, fString: "héllo", fBytes: new Uint8Array([1, 2]), fSint64: 7n, fFixed32: 9, fEnum: 2 }],
  ["spindle.test3.Lists", { rInt32: [1, -1, 300], rString: ["a", "b"], rDouble: [0.5], rUnpackedEnum: [1, 2], rMessage: [{ fInt32: 1 }, { fString: "x" }] }],
  ["spindle.test3.Maps", { mInt64: { "-1": "a" }, mBool: { true: "t" }, mMessage: { k: { fBool: true } }, mEnum: { e: 1 } }],
  ["spindle.test3.Presence", { oInt32: 0, kind: { case: "kMessage", value: { fInt32: 3 } }, other: { case: "oSelf", value: { oString: "" } } }],
  ["spindle.test3.Recursive", { depth: 1, child: { depth: 2, child: { depth: 3 } }, children: [{ depth: 4 }] }],
  ["spindle.test2.Proto2", { req: 1, text: "t", sizes: [1, 2], packedSizes: [3], mygroup: { a: 1, b: "b" }, item: [{ id: 2 }], child: { req: 3 } }],
];

function mutate(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const b = Array.from(bytes);
  const edits = 1 + Math.floor(rnd() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * (b.length + 1));
    switch (Math.floor(rnd() * 5)) {
      case 0:
        if (b.length > 0) b[at % b.length]! ^= 1 << Math.floor(rnd() * 8);
        break;
      case 1:
        b.splice(at, 0, Math.floor(rnd() * 256));
        break;
      case 2:
        b.splice(at, 1);
        break;
      case 3:
        b.length = at;
        break;
      default:
        if (b.length > 0) b[at % b.length] = [0x00, 0x7f, 0x80, 0xff, 0x0b, 0x0c, 0x0e][Math.floor(rnd() * 7)]!;
    }
  }
  return new Uint8Array(b);
}

function check(desc: DescMessage, bytes: Uint8Array): "ok" | "error" {
  let m;
  try {
    m = fromBinary(desc, bytes);
  } catch (e) {
    assert.ok(e instanceof ProtobufError, `${desc.typeName} ${Buffer.from(bytes).toString("hex")}: ${String(e)}`);
    return "error";
  }
  const again = fromBinary(desc, toBinary(desc, m));
  assert.ok(equals(desc, m, again), `${desc.typeName} ${Buffer.from(bytes).toString("hex")}: round trip differs`);
  return "ok";
}

describe("fromBinary under mutation", () => {
  for (const [type, value] of seeds) {
    it(`never throws anything but ProtobufError for mutated ${type}`, () => {
      const desc = registry.getMessage(type)!;
      const valid = toBinary(desc, value);
      const rnd = prng(type.length * 7919);
      const seen = { ok: 0, error: 0 };
      for (let i = 0; i < 1500; i++) seen[check(desc, mutate(valid, rnd))]++;
      assert.ok(seen.ok > 0 && seen.error > 0, `both outcomes expected: ${JSON.stringify(seen)}`);
    });
  }
  it("never throws anything but ProtobufError for random bytes", () => {
    const rnd = prng(42);
    for (const [type] of seeds) {
      const desc = registry.getMessage(type)!;
      for (let i = 0; i < 500; i++) {
        const b = new Uint8Array(Math.floor(rnd() * 40));
        for (let j = 0; j < b.length; j++) b[j] = Math.floor(rnd() * 256);
        check(desc, b);
      }
    }
  });
});
