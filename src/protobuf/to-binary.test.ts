// toBinaryWith: toBinary's bytes, lent to a callback from the encoder's reused buffer instead of copied out.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ProtobufError, toBinary, toBinaryWith, type Message } from "./index.js";
import { testRegistry } from "./testdata/protoc-fixture.js";

const registry = testRegistry();
const Scalars = registry.getMessage("spindle.test3.Scalars")!;
const Lists = registry.getMessage("spindle.test3.Lists")!;
const Proto2 = registry.getMessage("spindle.test2.Proto2")!;

const copy = (bytes: Uint8Array): Uint8Array => bytes.slice();

describe("toBinaryWith", () => {
  const messages: { name: string; value: Message }[] = [
    { name: "empty", value: {} },
    { name: "scalars", value: { fInt32: -5, fString: "héllo", fBytes: new Uint8Array([1, 2, 3]), fDouble: 1.5 } },
    { name: "a large bytes field", value: { fBytes: new Uint8Array(5000).fill(9) } },
    { name: "lists", value: { rInt32: [1, -1, 300], rString: ["a", ""], rBytes: [new Uint8Array(70).fill(1)] } },
  ];
  for (const m of messages) {
    it(`lends the same bytes toBinary returns (${m.name})`, () => {
      const desc = m.name === "lists" ? Lists : Scalars;
      assert.deepEqual(toBinaryWith(desc, m.value, copy), toBinary(desc, m.value));
    });
  }

  it("returns what the callback returns", () => {
    assert.equal(toBinaryWith(Scalars, { fInt32: 1 }, (bytes) => bytes.length), 2);
  });

  it("reuses its buffer for the next encode, so only a copy made in the callback survives", () => {
    let lent: Uint8Array | undefined;
    const kept = toBinaryWith(Scalars, { fString: "first" }, (bytes) => ((lent = bytes), bytes.slice()));
    toBinaryWith(Scalars, { fString: "again" }, () => undefined);
    assert.deepEqual(kept, toBinary(Scalars, { fString: "first" }));
    assert.deepEqual(lent, toBinary(Scalars, { fString: "again" }));
  });

  it("lets the callback encode again (it gets a writer of its own)", () => {
    const outer = toBinaryWith(Scalars, { fString: "outer" }, (bytes) => {
      const inner = toBinaryWith(Scalars, { fString: "inner" }, copy);
      return [bytes.slice(), inner];
    });
    assert.deepEqual(outer, [toBinary(Scalars, { fString: "outer" }), toBinary(Scalars, { fString: "inner" })]);
  });

  it("throws like toBinary and keeps working afterwards", () => {
    assert.throws(() => toBinaryWith(Scalars, { fInt32: "x" }, copy), ProtobufError);
    assert.throws(() => toBinaryWith(Proto2, {}, copy, { checkRequired: true }), ProtobufError);
    assert.throws(() => toBinaryWith(Scalars, { fInt32: 1 }, () => {
      throw new Error("from the callback");
    }), /from the callback/);
    assert.deepEqual(toBinaryWith(Scalars, { fInt32: 7 }, copy), toBinary(Scalars, { fInt32: 7 }));
  });
});
