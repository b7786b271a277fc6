// Decoding semantics of the binary format (last one wins, merging, packed/unpacked, unknown fields, closed
// enums, maps, groups, UTF-8) and malformed input: every error is a ProtobufError that says what and where.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BinaryWriter,
  ProtobufError,
  UnknownFields,
  WireType,
  create,
  createRegistry,
  fromBinary,
  mergeFromBinary,
  toBinary,
  type DescMessage,
  type Message,
} from "./index.js";
import { protocInline, testRegistry } from "./testdata/protoc-fixture.js";

const registry = testRegistry();
const msg = (name: string) => registry.getMessage(name)!;
const Scalars = msg("spindle.test3.Scalars");
const Lists = msg("spindle.test3.Lists");
const Maps = msg("spindle.test3.Maps");
const Presence = msg("spindle.test3.Presence");
const Recursive = msg("spindle.test3.Recursive");
const Proto2 = msg("spindle.test2.Proto2");
const Defaults = msg("spindle.test2.Defaults");

/** Builds bytes with a BinaryWriter. */
function wire(f: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter();
  f(w);
  return w.finish();
}
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const unhex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ""), "hex"));

describe("fromBinary semantics", () => {
  it("returns complete objects: implicit scalars zero, lists [], maps {}, oneofs unset, optionals absent", () => {
    const p = fromBinary(Presence, new Uint8Array(0));
    assert.deepEqual(p, { kind: { case: undefined }, other: { case: undefined } });
    const s = fromBinary(Scalars, new Uint8Array(0));
    assert.equal(s.fInt64, 0n);
    assert.equal(s.fString, "");
    assert.deepEqual(s.fBytes, new Uint8Array(0));
    assert.deepEqual(fromBinary(Maps, new Uint8Array(0)).mInt32, {});
    assert.deepEqual(fromBinary(Lists, new Uint8Array(0)).rInt32, []);
  });

  it("keeps the last value of a singular scalar", () => {
    const b = wire((w) => w.tag(5, WireType.Varint).int32(1).tag(9, WireType.LengthDelimited).string("a").tag(5, WireType.Varint).int32(2));
    const m = fromBinary(Scalars, b);
    assert.equal(m.fInt32, 2);
    assert.equal(m.fString, "a");
  });

  it("merges a singular message field that appears more than once", () => {
    const b = wire((w) => {
      w.tag(5, WireType.LengthDelimited).bytes(toBinary(Scalars, { fInt32: 1, fString: "x" }));
      w.tag(5, WireType.LengthDelimited).bytes(toBinary(Scalars, { fInt32: 2, fBool: true }));
    });
    assert.deepEqual(fromBinary(Presence, b).oMessage, create(Scalars, { fInt32: 2, fString: "x", fBool: true }));
  });

  it("merges a oneof message member with the same case, and replaces one with another case", () => {
    const first = toBinary(Presence, { kind: { case: "kMessage", value: { fInt32: 1 } } });
    const second = toBinary(Presence, { kind: { case: "kMessage", value: { fString: "s" } } });
    const merged = fromBinary(Presence, new Uint8Array([...first, ...second]));
    assert.deepEqual(merged.kind, { case: "kMessage", value: create(Scalars, { fInt32: 1, fString: "s" }) });
    const other = toBinary(Presence, { kind: { case: "kInt32", value: 5 } });
    assert.deepEqual(fromBinary(Presence, new Uint8Array([...first, ...other])).kind, { case: "kInt32", value: 5 });
  });

  it("mergeFromBinary appends lists, merges messages, overwrites scalars", () => {
    const target = fromBinary(Lists, toBinary(Lists, { rInt32: [1], rMessage: [{ fInt32: 1 }] }));
    mergeFromBinary(Lists, target, toBinary(Lists, { rInt32: [2, 3], rString: ["a"] }));
    assert.deepEqual(target.rInt32, [1, 2, 3]);
    assert.deepEqual(target.rString, ["a"]);
    assert.equal((target.rMessage as Message[]).length, 1);
  });

  const packable: [string, number, (w: BinaryWriter, v: never) => void, unknown[]][] = [
    ["double", 1, (w, v: number) => w.double(v), [1.5, -0.25]],
    ["float", 2, (w, v: number) => w.float(v), [1.5, -0.25]],
    ["int64", 3, (w, v: bigint) => w.int64(v), [-1n, 2n]],
    ["uint64", 4, (w, v: bigint) => w.uint64(v), [18446744073709551615n, 0n]],
    ["int32", 5, (w, v: number) => w.int32(v), [-1, 300]],
    ["fixed64", 6, (w, v: bigint) => w.fixed64(v), [5n, 6n]],
    ["fixed32", 7, (w, v: number) => w.fixed32(v), [7, 4294967295]],
    ["bool", 8, (w, v: boolean) => w.bool(v), [true, false]],
    ["uint32", 13, (w, v: number) => w.uint32(v), [4294967295, 1]],
    ["enum", 14, (w, v: number) => w.int32(v), [1, -1, 99]],
    ["sfixed32", 15, (w, v: number) => w.sfixed32(v), [-5, 5]],
    ["sfixed64", 16, (w, v: bigint) => w.sfixed64(v), [-5n, 5n]],
    ["sint32", 17, (w, v: number) => w.sint32(v), [-7, 7]],
    ["sint64", 18, (w, v: bigint) => w.sint64(v), [-8n, 8n]],
  ];
  const listName: Record<number, string> = { 1: "rDouble", 2: "rFloat", 3: "rInt64", 4: "rUint64", 5: "rInt32", 6: "rFixed64", 7: "rFixed32", 8: "rBool", 13: "rUint32", 14: "rEnum", 15: "rSfixed32", 16: "rSfixed64", 17: "rSint32", 18: "rSint64" };
  for (const [type, no, put, values] of packable) {
    it(`accepts packed and unpacked ${type} lists, mixed in one message`, () => {
      const wt = type === "double" || type.endsWith("fixed64") ? WireType.Bit64 : type === "float" || type.endsWith("fixed32") ? WireType.Bit32 : WireType.Varint;
      const b = wire((w) => {
        w.tag(no, WireType.LengthDelimited);
        const s = w.fork();
        for (const v of values) put(w, v as never);
        w.join(s);
        for (const v of values) put(w.tag(no, wt), v as never);
      });
      assert.deepEqual(fromBinary(Lists, b)[listName[no]!], [...values, ...values]);
    });
  }

  it("accepts packed input for a [packed=false] field and writes it unpacked", () => {
    const b = wire((w) => {
      w.tag(20, WireType.LengthDelimited);
      const s = w.fork();
      w.int32(1).int32(2);
      w.join(s);
    });
    const m = fromBinary(Lists, b);
    assert.deepEqual(m.rUnpackedInt32, [1, 2]);
    assert.equal(hex(toBinary(Lists, m)), "a00101a00102");
  });

  it("keeps unknown fields of every wire type and re-emits them after the known fields", () => {
    const unknown = unhex("c83e01" + "d13e0102030405060708" + "da3e0161" + "dd3e01020304" + "e33e0801e43e");
    const b = new Uint8Array([...unknown, ...wire((w) => w.tag(5, WireType.Varint).int32(3))]);
    const m = fromBinary(Scalars, b);
    assert.deepEqual(m[UnknownFields], unknown);
    assert.equal(hex(toBinary(Scalars, m)), "2803" + hex(unknown));
    assert.equal(hex(toBinary(Scalars, m, { writeUnknownFields: false })), "2803");
    assert.equal(fromBinary(Scalars, b, { readUnknownFields: false })[UnknownFields], undefined);
  });

  it("puts numbers a closed (proto2) enum does not know into unknown fields, and keeps them in open enums", () => {
    const b = wire((w) => w.tag(1, WireType.Varint).int32(0).tag(3, WireType.Varint).int32(9).tag(4, WireType.Varint).int32(2).tag(4, WireType.Varint).int32(8));
    const m = fromBinary(Proto2, b);
    assert.equal(m.size, undefined);
    assert.deepEqual(m.sizes, [2]);
    assert.equal(hex(m[UnknownFields]!), "1809" + "2008");
    const open = fromBinary(Scalars, wire((w) => w.tag(14, WireType.Varint).int32(9)));
    assert.equal(open.fEnum, 9);
  });

  it("puts a map entry whose closed-enum value is unknown into unknown fields whole (as C++ does)", () => {
    const set = protocInline({ "m.proto": 'syntax = "proto2"; package c; enum E { E0 = 0; E2 = 2; } message M { map<string, E> m = 5; }' });
    const M = createRegistry(set).getMessage("c.M")!;
    const m = fromBinary(M, unhex("2a050a016b1009" + "2a050a016a1002"));
    assert.deepEqual(m.m, { j: 2 });
    assert.equal(hex(m[UnknownFields]!), "2a050a016b1009");
    assert.equal(hex(toBinary(M, m)), "2a050a016a1002" + "2a050a016b1009");
  });

  it("decodes map entries without key or value as defaults, and entries with fields in any order", () => {
    const b = wire((w) => {
      w.tag(1, WireType.LengthDelimited).bytes(new Uint8Array(0));
      w.tag(15, WireType.LengthDelimited).bytes(wire((e) => e.tag(1, WireType.LengthDelimited).string("k")));
      w.tag(12, WireType.LengthDelimited).bytes(wire((e) => e.tag(2, WireType.LengthDelimited).string("v").tag(1, WireType.LengthDelimited).string("k")));
      w.tag(11, WireType.LengthDelimited).bytes(new Uint8Array(0));
    });
    const m = fromBinary(Maps, b);
    assert.deepEqual(m.mInt32, { "0": "" });
    assert.deepEqual(m.mMessage, { k: create(Scalars) });
    assert.deepEqual(m.mString, { k: "v" });
    assert.deepEqual(m.mBool, { false: "" });
  });

  it("keeps the last entry for a repeated map key, and a __proto__ key as an own property", () => {
    const b = toBinary(Maps, { mString: { __proto__: "a" } });
    const twice = new Uint8Array([...toBinary(Maps, { mString: { k: "1" } }), ...toBinary(Maps, { mString: { k: "2" } })]);
    assert.deepEqual(fromBinary(Maps, twice).mString, { k: "2" });
    const m = fromBinary(Maps, b);
    assert.equal(Object.getPrototypeOf(m.mString), Object.prototype);
    assert.equal(hex(b), "");
    const withProto: Record<string, unknown> = {};
    Object.defineProperty(withProto, "__proto__", { value: "a", enumerable: true });
    const m2 = fromBinary(Maps, toBinary(Maps, { mString: withProto }));
    assert.deepEqual(Object.keys(m2.mString as object), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(m2.mString), Object.prototype);
  });

  it("decodes groups, including repeated groups, and re-encodes them as groups", () => {
    const p = { req: 1, mygroup: { a: 2 }, item: [{ id: 3 }, { id: 4 }] };
    const b = toBinary(Proto2, p);
    assert.equal(hex(b), "0801" + "43" + "4802" + "44" + "5b" + "6003" + "5c" + "5b" + "6004" + "5c");
    const m = fromBinary(Proto2, b);
    assert.deepEqual(m.mygroup, { a: 2 });
    assert.deepEqual(m.item, [{ id: 3 }, { id: 4 }]);
  });

  it("validates UTF-8 in proto3 strings but not in proto2 strings", () => {
    const bad = (no: number) => wire((w) => w.tag(no, WireType.LengthDelimited).bytes(new Uint8Array([0xc3, 0x28])));
    assert.throws(() => fromBinary(Scalars, bad(9)), (e: unknown) => e instanceof ProtobufError && /invalid UTF-8 .*field 9 of spindle.test3.Scalars/.test(e.message));
    assert.equal(fromBinary(Proto2, bad(2)).text, "\ufffd(");
  });

  it("leaves proto2 defaults out of objects (absent means default)", () => {
    const d = fromBinary(Defaults, new Uint8Array(0));
    assert.deepEqual(d, {});
  });

  it("accepts nesting up to the limit and honours maxDepth", () => {
    let r: Message = { depth: 100 };
    for (let i = 99; i >= 0; i--) r = { depth: i, child: r };
    const b = toBinary(Recursive, r);
    assert.doesNotThrow(() => fromBinary(Recursive, b));
    assert.throws(() => fromBinary(Recursive, b, { maxDepth: 99 }), /nesting deeper than the limit of 99/);
  });
});

describe("fromBinary on malformed input", () => {
  const deep = (n: number) => {
    let b: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < n; i++) b = wire((w) => w.tag(2, WireType.LengthDelimited).bytes(b));
    return b;
  };
  const cases: { name: string; type: string; hex?: string; bytes?: Uint8Array; message: RegExp }[] = [
    { name: "truncated varint value", type: "spindle.test3.Scalars", hex: "28ff", message: /^premature end of data reading field 5 of spindle.test3.Scalars \(at byte 1\)$/ },
    { name: "truncated fixed64", type: "spindle.test3.Scalars", hex: "310102", message: /premature end of data reading field 6 of spindle.test3.Scalars/ },
    { name: "truncated tag", type: "spindle.test3.Scalars", hex: "2801ff", message: /premature end of data reading a tag of spindle.test3.Scalars/ },
    { name: "truncated nested message", type: "spindle.test3.Presence", hex: "2a0228ff", message: /premature end of data reading field 5 of spindle.test3.Scalars/ },
    { name: "overlong varint (11 bytes)", type: "spindle.test3.Scalars", hex: "28ffffffffffffffffffff01", message: /invalid varint.*field 5/ },
    { name: "varint overflowing 64 bits", type: "spindle.test3.Scalars", hex: "18ffffffffffffffffff03", message: /overflows 64 bits reading field 3/ },
    { name: "wrong wire type for a known scalar", type: "spindle.test3.Scalars", hex: "2d01020304", message: /wrong wire type 5 for f_int32 \(expected 0\) reading field 5 of spindle.test3.Scalars/ },
    { name: "wrong wire type for a known message", type: "spindle.test3.Presence", hex: "2801", message: /wrong wire type 0 for o_message/ },
    { name: "wrong wire type for a string", type: "spindle.test3.Scalars", hex: "4801", message: /wrong wire type 0 for f_string/ },
    { name: "field number 0", type: "spindle.test3.Scalars", hex: "0001", message: /invalid field number 0 reading a tag of spindle.test3.Scalars/ },
    { name: "wire type 7", type: "spindle.test3.Scalars", hex: "2f", message: /invalid wire type 7/ },
    { name: "length past the end", type: "spindle.test3.Scalars", hex: "4a05616263", message: /length 5 runs past the end of the data \(3 bytes left\) reading field 9/ },
    { name: "nested length past its parent's end", type: "spindle.test3.Presence", hex: "2a034a0561626364", message: /length 5 runs past the end.*spindle.test3.Scalars/ },
    { name: "packed list length past the end", type: "spindle.test3.Lists", hex: "2a0501", message: /runs past the end.*field 5 of spindle.test3.Lists/ },
    // Lengths are read as the whole varint: 2^32 and more is past the end, never its low 32 bits (F3).
    { name: "string length 2^32", type: "spindle.test3.Scalars", hex: "4a8080808010", message: /length 4294967296 runs past the end of the data \(0 bytes left\) reading field 9/ },
    { name: "bytes length 2^32 + 1 with one byte left", type: "spindle.test3.Scalars", hex: "628180808010ff", message: /length 4294967297 runs past the end of the data \(1 bytes left\) reading field 12/ },
    { name: "packed list length 2^53", type: "spindle.test3.Lists", hex: "2a" + "80".repeat(7) + "10", message: /length 9007199254740992 runs past the end.*field 5 of spindle.test3.Lists/ },
    { name: "unknown field length 2^56", type: "spindle.test3.Scalars", hex: "fa01" + "80".repeat(8) + "01", message: /length 72057594037927940 runs past the end.*field 31/ },
    { name: "length 2^63 (ten bytes)", type: "spindle.test3.Scalars", hex: "4a" + "80".repeat(9) + "01", message: /runs past the end.*field 9/ },
    { name: "length 2^32 inside a group", type: "spindle.test2.Proto2", hex: "0801" + "43" + "528080808010" + "44", message: /length 4294967296 runs past the end.*field 10 of spindle.test2.Proto2.MyGroup/ },
    { name: "unknown length 2^32 inside a group", type: "spindle.test2.Proto2", hex: "0801" + "43" + "fa018080808010" + "44", message: /length 4294967296 runs past the end/ },
    { name: "length 2^32 + 3 inside an unknown group", type: "spindle.test3.Scalars", hex: "fb01" + "0a8380808010616263" + "fc01", message: /length 4294967299 runs past the end/ },
    { name: "packed varint cut by the packed length", type: "spindle.test3.Lists", hex: "2a01ff01", message: /premature end of data reading field 5/ },
    { name: "invalid UTF-8 in a proto3 string", type: "spindle.test3.Scalars", hex: "4a02c328", message: /invalid UTF-8/ },
    { name: "invalid UTF-8 in a proto3 map key", type: "spindle.test3.Maps", hex: "62080a02c32812026162", message: /invalid UTF-8/ },
    { name: "nesting deeper than 100", type: "spindle.test3.Recursive", bytes: deep(101), message: /nesting deeper than the limit of 100/ },
    { name: "unknown groups nested deeper than 100", type: "spindle.test3.Scalars", hex: "fb01".repeat(101) + "fc01".repeat(101), message: /nesting deeper than the limit of 100/ },
    { name: "a group closed by the wrong END_GROUP", type: "spindle.test2.Proto2", hex: "0801434802" + "4c", message: /END_GROUP for field 9 inside group 8 reading field 9 of spindle.test2.Proto2.MyGroup/ },
    { name: "a known group closed by another field's END_GROUP", type: "spindle.test2.Proto2", hex: "0801434802" + "5c", message: /END_GROUP for field 11 inside group 8/ },
    { name: "a group without END_GROUP", type: "spindle.test2.Proto2", hex: "0801434802", message: /missing END_GROUP for group 8/ },
    { name: "an unknown group with a mismatched END_GROUP", type: "spindle.test3.Scalars", hex: "fb01fc02", message: /END_GROUP for field 47 closes group 31/ },
    { name: "END_GROUP at the top level", type: "spindle.test3.Scalars", hex: "0c", message: /unexpected END_GROUP/ },
    { name: "wrong wire type for a map key", type: "spindle.test3.Maps", hex: "0a020d01", message: /wrong wire type 5 for map entry field key/ },
  ];
  for (const c of cases) {
    it(`rejects ${c.name} with a ProtobufError that says where`, () => {
      const bytes = c.bytes ?? unhex(c.hex!);
      assert.throws(
        () => fromBinary(msg(c.type), bytes),
        (e: unknown) => {
          assert.ok(e instanceof ProtobufError, `not a ProtobufError: ${String(e)}`);
          assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }
  it("rejects a maxDepth that is not a non-negative integer", () => {
    assert.throws(() => fromBinary(Scalars, new Uint8Array(0), { maxDepth: NaN }), /invalid maxDepth NaN/);
    assert.throws(() => fromBinary(Scalars, new Uint8Array(0), { maxDepth: -1 }), ProtobufError);
  });
  it("rejects input that is not a Uint8Array", () => {
    assert.throws(() => fromBinary(Scalars, "abc" as unknown as Uint8Array), ProtobufError);
  });
});

describe("jstype = JS_NUMBER 64-bit extremes", () => {
  // A number cannot hold 2^63 - 1 or 2^64 - 1: the decoder rounds them to 2^63 and 2^64, and the encoder must
  // take those back as the extremes they stand for (F4), while values further out stay errors.
  const set = protocInline({
    "n.proto":
      'syntax = "proto3"; package n; message N { int64 i = 1 [jstype = JS_NUMBER]; uint64 u = 2 [jstype = JS_NUMBER]; ' +
      "sint64 s = 3 [jstype = JS_NUMBER]; fixed64 f = 4 [jstype = JS_NUMBER]; sfixed64 sf = 5 [jstype = JS_NUMBER]; }",
  });
  const N = createRegistry(set).getMessage("n.N")!;
  const cases: { name: string; hex: string; field: string; value: number }[] = [
    { name: "int64 2^63 - 1", hex: "08ffffffffffffffff7f", field: "i", value: 2 ** 63 },
    { name: "int64 -2^63", hex: "0880808080808080808001", field: "i", value: -(2 ** 63) },
    { name: "uint64 2^64 - 1", hex: "10ffffffffffffffffff01", field: "u", value: 2 ** 64 },
    { name: "sint64 2^63 - 1", hex: "18feffffffffffffffff01", field: "s", value: 2 ** 63 },
    { name: "sint64 -2^63", hex: "18ffffffffffffffffff01", field: "s", value: -(2 ** 63) },
    { name: "fixed64 2^64 - 1", hex: "21ffffffffffffffff", field: "f", value: 2 ** 64 },
    { name: "sfixed64 2^63 - 1", hex: "29ffffffffffffff7f", field: "sf", value: 2 ** 63 },
  ];
  for (const c of cases) {
    it(`reads ${c.name} as the nearest number and writes the same bytes back`, () => {
      const m = fromBinary(N, unhex(c.hex));
      assert.equal(m[c.field], c.value);
      assert.equal(hex(toBinary(N, m)), c.hex);
    });
  }
  it("still rejects numbers past the rounded extremes", () => {
    assert.throws(() => toBinary(N, { i: 2 ** 64 }), /invalid int64 value .*out of range in field i/);
    assert.throws(() => toBinary(N, { u: 2 ** 65 }), /invalid uint64 value .*out of range/);
    assert.throws(() => toBinary(N, { u: -1 }), /invalid uint64 value -1: out of range/);
    assert.throws(() => toBinary(N, { s: -(2 ** 64) }), /out of range/);
  });
});

describe("fromBinary aliasBytes", () => {
  /** `n` bytes counting up from `seed` (mod 256). */
  const filled = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (seed + i) & 0xff);
  const small = filled(64, 1);
  const large = filled(65, 2);
  const larger = filled(3000, 3);
  /** Every place a bytes field can be: singular, repeated, map value, oneof member, inside a sub-message. */
  const cases: { name: string; desc: DescMessage; value: Message; get: (m: Message) => Uint8Array[] }[] = [
    { name: "singular", desc: Scalars, value: { fBytes: larger }, get: (m) => [m.fBytes as Uint8Array] },
    { name: "repeated", desc: Lists, value: { rBytes: [small, large, larger] }, get: (m) => m.rBytes as Uint8Array[] },
    { name: "map values", desc: Maps, value: { mBytes: { a: large, b: small } }, get: (m) => Object.values(m.mBytes as Record<string, Uint8Array>) },
    { name: "oneof member", desc: Presence, value: { kind: { case: "kBytes", value: larger } }, get: (m) => [(m.kind as { value: Uint8Array }).value] },
    { name: "in a sub-message", desc: Presence, value: { oMessage: { fBytes: large } }, get: (m) => [(m.oMessage as Message).fBytes as Uint8Array] },
  ];

  for (const c of cases) {
    it(`decodes ${c.name} bytes over 64 bytes as views of the input, smaller ones as copies`, () => {
      // The input sits at an offset inside a larger buffer, as a received chunk does.
      const encoded = toBinary(c.desc, c.value);
      const input = new Uint8Array(encoded.length + 17).subarray(9, 9 + encoded.length);
      input.set(encoded);
      const want = c.get(fromBinary(c.desc, encoded)).map((b) => [...b]);
      const got = c.get(fromBinary(c.desc, input, { aliasBytes: true }));
      assert.deepEqual(got.map((b) => [...b]), want);
      for (const b of got) {
        assert.equal(b.buffer === input.buffer, b.length > 64, `a ${b.length}-byte value ${b.length > 64 ? "is" : "is not"} a view`);
        assert.equal(Object.getPrototypeOf(b), Uint8Array.prototype);
      }
    });
  }

  it("copies by default, so the caller may reuse its buffer", () => {
    const input = toBinary(Lists, { rBytes: [small, large, larger] });
    const m = fromBinary(Lists, input);
    input.fill(0);
    assert.deepEqual(m.rBytes, [small, large, larger]);
  });

  it("still reads unknown fields and honours the other options", () => {
    // Field 12 is unknown to Recursive.
    const input = toBinary(Scalars, { fBytes: larger });
    const m = fromBinary(Recursive, input, { aliasBytes: true, readUnknownFields: false });
    assert.equal(m[UnknownFields], undefined);
    const kept = fromBinary(Recursive, input, { aliasBytes: true });
    assert.deepEqual(toBinary(Recursive, kept), input);
  });
});
