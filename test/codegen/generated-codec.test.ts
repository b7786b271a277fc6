// Generated codecs against the reflection codec, on seeded random messages of the differential-test schema
// (proto2 + proto3: every scalar, presence, packing, maps, oneofs, groups, closed enums, well-known types).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { equals, fromBinary, toBinary, ProtobufError, type DescMessage } from "../../src/protobuf/index.js";
import type { MessageType } from "../../src/runtime/v1/index.js";
import { createMessageGenerator, type PlainMessage } from "../diff/random-message.js";
import { createRandom } from "../diff/random.js";
import * as diff2 from "./golden/diff2.js";
import * as diff3 from "./golden/diff3.js";
import * as shop from "../../gen/shop.js";

type AnyType = MessageType<PlainMessage>;

function messageTypes(...modules: object[]): AnyType[] {
  const out: AnyType[] = [];
  for (const mod of modules) {
    for (const value of Object.values(mod)) {
      if (typeof value === "object" && value !== null && "encodeTo" in value && "typeName" in value) out.push(value as AnyType);
    }
  }
  return out;
}

const types = messageTypes(diff2, diff3, shop);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("generated codecs", () => {
  it("covers every message of the schema", () => {
    assert.ok(types.length >= 20, `only ${types.length} message types found`);
  });

  it("encode the same bytes as the reflection codec, and decode to equal messages", () => {
    const anyTypes: DescMessage[] = [diff3.Leaf.desc, diff3.Scalars.desc];
    let checked = 0;
    for (const [t, type] of types.entries()) {
      const desc = type.desc;
      const gen = createMessageGenerator(createRandom(1000 + t), { encode: (d, m) => toBinary(d, m), anyTypes, maxDepth: 3 });
      for (let i = 0; i < 25; i++) {
        const msg = gen.message(desc);
        const want = toBinary(desc, msg);
        const direct = type.encode(msg);
        assert.equal(hex(direct), hex(want), `${desc.typeName} #${i}: encode of the random message`);
        const decoded = type.decode(want);
        assert.ok(equals(desc, decoded, fromBinary(desc, want)), `${desc.typeName} #${i}: decoded message differs`);
        assert.equal(hex(type.encode(decoded)), hex(want), `${desc.typeName} #${i}: re-encode after decode`);
        checked++;
      }
    }
    assert.ok(checked > 500);
  });

  it("keep unknown fields through decode and encode, and drop them when asked", () => {
    // Product with field 9 (varint 150) and field 10 (string "x") that the schema does not know.
    const bytes = Uint8Array.from([0x0a, 0x02, 0x70, 0x31, 0x48, 0x96, 0x01, 0x18, 0x05, 0x52, 0x01, 0x78]);
    const p = shop.Product.decode(bytes);
    assert.equal(p.id, "p1");
    assert.equal(p.price, 5);
    // Known fields are written in number order, unknown ones after them, as the reflection codec does.
    assert.equal(hex(shop.Product.encode(p)), hex(toBinary(shop.Product.desc, fromBinary(shop.Product.desc, bytes))));
    assert.equal(hex(shop.Product.encode(p, { writeUnknownFields: false })), "0a02703118 05".replace(" ", ""));
    assert.equal(shop.Product.decode(bytes, { readUnknownFields: false })[Symbol.for("spindle.protobuf.unknownFields") as never], undefined);
  });

  it("reject malformed input with a ProtobufError naming the field and message", () => {
    const cases: { name: string; bytes: number[]; message: RegExp }[] = [
      { name: "truncated string", bytes: [0x0a, 0x05, 0x61], message: /length 5 runs past the end of the data \(1 bytes left\) reading field 1 of shop\.v1\.Product/ },
      { name: "truncated varint", bytes: [0x18, 0x80], message: /premature end of data reading field 3 of shop\.v1\.Product/ },
      { name: "varint past 64 bits", bytes: [0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], message: /overflows 64 bits/ },
      { name: "11-byte varint", bytes: [0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], message: /more than 10 bytes/ },
      { name: "length of 2^32", bytes: [0x0a, 0x80, 0x80, 0x80, 0x80, 0x10], message: /length 4294967296 runs past the end/ },
      { name: "tag past 32 bits", bytes: [0x80, 0x80, 0x80, 0x80, 0x10], message: /invalid tag: varint larger than 32 bits/ },
      { name: "wrong wire type", bytes: [0x19, 0, 0, 0, 0, 0, 0, 0, 0], message: /wrong wire type 1 for price \(expected 0\) reading field 3 of shop\.v1\.Product/ },
      { name: "field number 0", bytes: [0x00, 0x01], message: /invalid field number 0/ },
      { name: "stray END_GROUP", bytes: [0x4c], message: /unexpected END_GROUP/ },
      { name: "group without END_GROUP", bytes: [0x4b, 0x08, 0x01], message: /group 9 has no END_GROUP/ },
      { name: "invalid UTF-8", bytes: [0x0a, 0x02, 0xc3, 0x28], message: /invalid UTF-8 in a string reading field 1 of shop\.v1\.Product/ },
      { name: "invalid wire type", bytes: [0x4e], message: /invalid wire type 6 for field 9/ },
    ];
    for (const c of cases) {
      assert.throws(
        () => shop.Product.decode(Uint8Array.from(c.bytes)),
        (e: unknown) => e instanceof ProtobufError && c.message.test(e.message),
        c.name,
      );
    }
  });

  it("enforce the nesting limit like the reflection codec", () => {
    const desc = diff3.Recursive.desc;
    let msg: PlainMessage = { depth: 0 };
    for (let i = 0; i < 101; i++) msg = { depth: i + 1, child: msg };
    const bytes = toBinary(desc, msg);
    assert.throws(() => fromBinary(desc, bytes), ProtobufError);
    assert.throws(() => diff3.Recursive.decode(bytes), /nesting deeper than the limit of 100/);
    const ok = toBinary(desc, (msg as { child: PlainMessage }).child);
    assert.doesNotThrow(() => fromBinary(desc, ok));
    assert.doesNotThrow(() => diff3.Recursive.decode(ok));
  });

  it("create complete messages from partial input", () => {
    const p = shop.Product.create({ name: "Mug" });
    assert.deepEqual({ ...p }, { id: "", name: "Mug", price: 0 });
    const o = diff3.Oneofs.create({ choice: { case: "cString", value: "x" } });
    assert.deepEqual(o.choice, { case: "cString", value: "x" });
    assert.deepEqual(o.other, { case: undefined });
  });

  it("delegate JSON to the reflection runtime", () => {
    const p = shop.Product.fromJson({ id: "p1", price: 3 });
    assert.deepEqual(shop.Product.toJson(p), { id: "p1", price: 3 });
    assert.equal(shop.Product.toJsonString({ name: "a" }), '{"name":"a"}');
  });
});
