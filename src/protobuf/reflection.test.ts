// create, equals, clone and extensions.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  ProtobufError,
  UnknownFields,
  clearExtension,
  clone,
  create,
  equals,
  fromBinary,
  getExtension,
  hasExtension,
  setExtension,
  toBinary,
  type Message,
} from "./index.js";
import { createRegistry } from "./index.js";
import { protocInline, testRegistry } from "./testdata/protoc-fixture.js";

const registry = testRegistry();
const Scalars = registry.getMessage("spindle.test3.Scalars")!;
const Presence = registry.getMessage("spindle.test3.Presence")!;
const Maps = registry.getMessage("spindle.test3.Maps")!;
const Lists = registry.getMessage("spindle.test3.Lists")!;
const Proto2 = registry.getMessage("spindle.test2.Proto2")!;
const ext = (n: string) => registry.getExtension(n)!;

describe("create", () => {
  it("fills implicit scalars, lists, maps and oneofs, and leaves explicit fields absent", () => {
    assert.deepEqual(create(Presence), { kind: { case: undefined }, other: { case: undefined } });
    const s = create(Scalars);
    assert.deepEqual(Object.keys(s), ["fDouble", "fFloat", "fInt64", "fUint64", "fInt32", "fFixed64", "fFixed32", "fBool", "fString", "fBytes", "fUint32", "fSfixed32", "fSfixed64", "fSint32", "fSint64", "fEnum"]);
    assert.equal(s.fUint64, 0n);
  });
  it("copies init deeply and completes nested messages", () => {
    const init = { oMessage: { fInt32: 1 }, kind: { case: "kMessage", value: { fBool: true } }, ignored: 5 };
    const m = create(Presence, init);
    assert.deepEqual(m.oMessage, create(Scalars, { fInt32: 1 }));
    assert.notEqual(m.oMessage, init.oMessage);
    assert.equal((m.kind as { value: Message }).value.fString, "");
    assert.equal(m.ignored, undefined);
  });
});

describe("equals", () => {
  it("compares by value, with presence, NaN equal to NaN, and partial objects as complete ones", () => {
    assert.ok(equals(Scalars, { fInt32: 0 }, {}));
    assert.ok(equals(Scalars, { fDouble: NaN }, { fDouble: NaN }));
    assert.ok(equals(Scalars, { fBytes: new Uint8Array([1]) }, { fBytes: new Uint8Array([1]) }));
    assert.ok(!equals(Scalars, { fBytes: new Uint8Array([1]) }, { fBytes: new Uint8Array([2]) }));
    assert.ok(!equals(Presence, { oInt32: 0 }, {}), "explicit presence: set-to-zero differs from unset");
    assert.ok(!equals(Presence, { oMessage: {} }, {}));
    assert.ok(equals(Presence, { kind: { case: "kInt32", value: 1 } }, { kind: { case: "kInt32", value: 1 } }));
    assert.ok(!equals(Presence, { kind: { case: "kInt32", value: 1 } }, { kind: { case: "kEnum", value: 1 } }));
    assert.ok(equals(Maps, { mMessage: { a: { fInt32: 1 } } }, { mMessage: { a: { fInt32: 1 } } }));
    assert.ok(!equals(Maps, { mMessage: { a: { fInt32: 1 } } }, { mMessage: { b: { fInt32: 1 } } }));
    assert.ok(!equals(Lists, { rInt32: [1, 2] }, { rInt32: [2, 1] }));
    const u = fromBinary(Scalars, new Uint8Array([0xc8, 0x3e, 0x01]));
    assert.ok(!equals(Scalars, u, {}), "unknown fields count");
  });
});

describe("clone", () => {
  it("makes a deep copy that shares nothing mutable", () => {
    const m = fromBinary(Lists, toBinary(Lists, { rMessage: [{ fInt32: 1 }], rBytes: [new Uint8Array([1])], rInt32: [1] }));
    m[UnknownFields] = new Uint8Array([0xc8, 0x3e, 0x01]);
    const c = clone(Lists, m);
    assert.ok(equals(Lists, m, c));
    assert.deepEqual(c, m);
    (c.rMessage as Message[])[0]!.fInt32 = 2;
    (c.rBytes as Uint8Array[])[0]![0] = 9;
    c[UnknownFields]![0] = 0;
    assert.equal((m.rMessage as Message[])[0]!.fInt32, 1);
    assert.equal((m.rBytes as Uint8Array[])[0]![0], 1);
    assert.equal(m[UnknownFields]![0], 0xc8);
  });
});

describe("bytes never alias the caller's buffers", () => {
  it("copies bytes out of a Node Buffer on decode and on clone", () => {
    const input = Buffer.from(toBinary(Scalars, { fBytes: new Uint8Array([1, 2, 3]) }));
    const m = fromBinary(Scalars, input);
    input.fill(0);
    assert.deepEqual([...(m.fBytes as Uint8Array)], [1, 2, 3]);
    const buf = Buffer.from([4, 5]);
    const c = clone(Scalars, { fBytes: buf });
    buf.fill(0);
    assert.deepEqual([...(c.fBytes as Uint8Array)], [4, 5]);
  });
});

describe("extensions", () => {
  it("reads an extension from the unknown fields of a decoded message", () => {
    const b = new Uint8Array([0x08, 0x01, 0xa0, 0x06, 0x2a]);
    const m = fromBinary(Proto2, b);
    assert.ok(hasExtension(m, ext("spindle.test2.ext_int32")));
    assert.equal(getExtension(m, ext("spindle.test2.ext_int32")), 42);
    assert.ok(!hasExtension(m, ext("spindle.test2.ext_strings")));
  });
  it("sets, replaces and clears extensions, which then round-trip", () => {
    const m = create(Proto2, { req: 1 });
    setExtension(m, ext("spindle.test2.ext_strings"), ["a", "b"]);
    setExtension(m, ext("spindle.test2.ext_message"), { dInt32: 5 });
    setExtension(m, ext("spindle.test2.Scope.nested_ext"), "n");
    setExtension(m, ext("spindle.test2.ext_int32"), 1);
    setExtension(m, ext("spindle.test2.ext_int32"), 2);
    const again = fromBinary(Proto2, toBinary(Proto2, m));
    assert.deepEqual(getExtension(again, ext("spindle.test2.ext_strings")), ["a", "b"]);
    assert.deepEqual(getExtension(again, ext("spindle.test2.ext_message")), { dInt32: 5 });
    assert.equal(getExtension(again, ext("spindle.test2.Scope.nested_ext")), "n");
    assert.equal(getExtension(again, ext("spindle.test2.ext_int32")), 2);
    clearExtension(again, ext("spindle.test2.ext_int32"));
    assert.ok(!hasExtension(again, ext("spindle.test2.ext_int32")));
    assert.ok(hasExtension(again, ext("spindle.test2.ext_strings")));
  });
  it("keeps extensions in number order whatever order they are set in", () => {
    const m = create(Proto2, { req: 1 });
    setExtension(m, ext("spindle.test2.Scope.nested_ext"), "n");
    setExtension(m, ext("spindle.test2.ext_strings"), ["a"]);
    setExtension(m, ext("spindle.test2.ext_int32"), 7);
    assert.equal(Buffer.from(toBinary(Proto2, m)).toString("hex"), "0801" + "a00607" + "aa060161" + "f206016e");
  });
  it("gives defaults for absent extensions", () => {
    const m = create(Proto2);
    assert.equal(getExtension(m, ext("spindle.test2.ext_size")), 3);
    assert.equal(getExtension(m, ext("spindle.test2.ext_int32")), 0);
    assert.deepEqual(getExtension(m, ext("spindle.test2.ext_strings")), []);
    assert.deepEqual(getExtension(m, ext("spindle.test2.ext_message")), {});
  });
  it("reads custom options, which are extensions of descriptor.proto's options", () => {
    const r = createRegistry(
      protocInline({
        "opts.proto": `syntax = "proto3"; package o; import "google/protobuf/descriptor.proto";
          extend google.protobuf.FieldOptions { string label = 50000; repeated int32 codes = 50001; }
          extend google.protobuf.MessageOptions { bool audited = 50002; }
          message M { option (audited) = true; string name = 1 [(label) = "Name", (codes) = 1, (codes) = 2]; }`,
      }),
    );
    const m = r.getMessage("o.M")!;
    const options = m.fields[0]!.proto.options!;
    assert.equal(getExtension(options, r.getExtension("o.label")!), "Name");
    assert.deepEqual(getExtension(options, r.getExtension("o.codes")!), [1, 2]);
    assert.equal(getExtension(m.proto.options!, r.getExtension("o.audited")!), true);
    assert.equal(r.getExtension("o.label")!.extendee.typeName, "google.protobuf.FieldOptions");
  });

  it("rejects a value of the wrong type", () => {
    assert.throws(() => setExtension(create(Proto2), ext("spindle.test2.ext_int32"), "x"), ProtobufError);
  });
});

describe("toBinary on bad values", () => {
  const cases: { name: string; value: object; message: RegExp }[] = [
    { name: "a string in an int32 field", value: { fInt32: "1" }, message: /invalid value for int32: "1" in field f_int32 of spindle.test3.Scalars/ },
    { name: "a fraction in an int32 field", value: { fInt32: 1.5 }, message: /invalid value for int32: 1.5/ },
    { name: "an int32 out of range", value: { fInt32: 2 ** 31 }, message: /invalid value for int32/ },
    { name: "a negative uint32", value: { fUint32: -1 }, message: /invalid value for uint32/ },
    { name: "a number in a string field", value: { fString: 1 }, message: /invalid value for string/ },
    { name: "an int64 out of range", value: { fInt64: 2n ** 63n }, message: /out of range in field f_int64/ },
    { name: "a string in a bytes field", value: { fBytes: "AA==" }, message: /invalid value for bytes/ },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      assert.throws(() => toBinary(Scalars, c.value), (e: unknown) => e instanceof ProtobufError && c.message.test(e.message));
    });
  }
  it("rejects a cycle in the object graph", () => {
    const a: Message = { depth: 1 };
    a.child = a;
    assert.throws(() => toBinary(registry.getMessage("spindle.test3.Recursive")!, a), /nesting deeper than 1000/);
  });
  it("rejects a list that is not an array and a map that is an array", () => {
    assert.throws(() => toBinary(Lists, { rString: "abc" }), /"abc" is not an array in field r_string of spindle.test3.Lists/);
    assert.throws(() => toBinary(Lists, { rMessage: {} }), /is not an array/);
    assert.throws(() => toBinary(Maps, { mInt32: ["a"] }), /invalid value for a map field/);
  });
  it("rejects an invalid map key", () => {
    assert.throws(() => toBinary(Maps, { mInt32: { x: "a" } }), /invalid map key "x"/);
  });
});
