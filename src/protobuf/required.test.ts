// proto2 `required`: isInitialized/findMissingRequired/assertInitialized, and the checkRequired option of
// fromBinary, mergeFromBinary and toBinary (off by default: partial messages encode and decode).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  ProtobufError,
  assertInitialized,
  createRegistry,
  findMissingRequired,
  fromBinary,
  isInitialized,
  mergeFromBinary,
  toBinary,
  type Message,
} from "./index.js";
import { protocInline } from "./testdata/protoc-fixture.js";

const registry = createRegistry(
  protocInline({
    "r.proto": `syntax = "proto2"; package r;
      message Leaf { required int32 id = 1; optional string note = 2; }
      message Node {
        required string name = 1;
        optional Leaf leaf = 2;
        repeated Leaf leaves = 3;
        map<string, Leaf> by_key = 4;
        oneof pick { Leaf picked = 5; int32 other = 6; }
        optional group G = 7 { required bool flag = 8; }
        optional Node child = 9;
        optional Plain plain = 10;
      }
      message Plain { optional int32 a = 1; optional Plain self = 2; }`,
  }),
);
const Node = registry.getMessage("r.Node")!;
const Plain = registry.getMessage("r.Plain")!;

describe("findMissingRequired", () => {
  const cases: { name: string; message: Message; want: string[] }[] = [
    { name: "an initialized message", message: { name: "n" }, want: [] },
    { name: "a missing top-level field", message: {}, want: ["name"] },
    { name: "a field set to its zero value (set, so present)", message: { name: "" }, want: [] },
    { name: "a singular sub-message", message: { name: "n", leaf: {} }, want: ["leaf.id"] },
    { name: "list elements by index", message: { name: "n", leaves: [{ id: 1 }, {}, {}] }, want: ["leaves[1].id", "leaves[2].id"] },
    { name: "map values by quoted key", message: { name: "n", byKey: { a: { id: 1 }, "b\"c": {} } }, want: ['by_key["b\\"c"].id'] },
    { name: "the set oneof member", message: { name: "n", pick: { case: "picked", value: {} } }, want: ["picked.id"] },
    { name: "another oneof member", message: { name: "n", pick: { case: "other", value: 1 } }, want: [] },
    { name: "a group (by its field name)", message: { name: "n", g: {} }, want: ["g.flag"] },
    { name: "recursion, in field order", message: { child: { child: { name: "x", leaf: {} } } }, want: ["name", "child.name", "child.child.leaf.id"] },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      assert.deepEqual(findMissingRequired(Node, c.message), c.want);
      assert.equal(isInitialized(Node, c.message), c.want.length === 0);
    });
  }
  it("is always initialized for types that cannot hold a required field (recursive ones too)", () => {
    assert.equal(isInitialized(Plain, { self: { self: {} } }), true);
  });
  it("stops at a cycle in the object graph instead of looping", () => {
    const loop: Message = { name: "n" };
    loop.child = loop;
    assert.deepEqual(findMissingRequired(Node, loop), []);
  });
});

describe("assertInitialized", () => {
  it("names every missing field and the message type", () => {
    assert.throws(
      () => assertInitialized(Node, { leaves: [{}] }),
      (e: unknown) => e instanceof ProtobufError && e.message === "missing required fields in r.Node: name, leaves[0].id",
    );
    assert.throws(() => assertInitialized(Node, { name: "n", leaf: {} }), /^ProtobufError: missing required field in r.Node: leaf.id$/);
    assert.doesNotThrow(() => assertInitialized(Node, { name: "n" }));
  });
});

describe("checkRequired", () => {
  const partial = { leaf: { note: "x" } };
  it("is off by default: partial messages encode and decode", () => {
    const bytes = toBinary(Node, partial);
    assert.deepEqual(fromBinary(Node, bytes).leaf, { note: "x" });
  });
  it("makes toBinary throw before writing anything", () => {
    assert.throws(() => toBinary(Node, partial, { checkRequired: true }), /missing required fields in r.Node: name, leaf.id/);
    assert.ok(toBinary(Node, { name: "n" }, { checkRequired: true }).length > 0);
  });
  it("makes fromBinary and mergeFromBinary throw after decoding", () => {
    const bytes = toBinary(Node, partial);
    assert.throws(() => fromBinary(Node, bytes, { checkRequired: true }), /missing required fields in r.Node: name, leaf.id/);
    // Merging supplies what the first part lacked: the check sees the merged result.
    const target = fromBinary(Node, toBinary(Node, { name: "n", leaf: { note: "y" } }));
    assert.throws(() => mergeFromBinary(Node, target, bytes, { checkRequired: true }), /missing required field in r.Node: leaf.id/);
    const done = mergeFromBinary(Node, target, toBinary(Node, { leaf: { id: 3 } }), { checkRequired: true });
    assert.deepEqual(done.leaf, { id: 3, note: "x" });
  });
});
