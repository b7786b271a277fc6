// BinaryWriter and BinaryReader: the encoding guide's primitives, table by table.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ProtobufError } from "../errors.js";
import { BinaryReader } from "./binary-reader.js";
import { BinaryWriter } from "./binary-writer.js";
import { WireType } from "./wire-type.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const unhex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));
const write = (f: (w: BinaryWriter) => void) => {
  const w = new BinaryWriter(4);
  f(w);
  return hex(w.finish());
};

describe("varints", () => {
  const cases: { name: string; write: (w: BinaryWriter) => void; read: (r: BinaryReader) => unknown; want: unknown; hex: string }[] = [
    { name: "uint32 0", write: (w) => w.uint32(0), read: (r) => r.uint32(), want: 0, hex: "00" },
    { name: "uint32 1", write: (w) => w.uint32(1), read: (r) => r.uint32(), want: 1, hex: "01" },
    { name: "uint32 150 (the guide's example)", write: (w) => w.uint32(150), read: (r) => r.uint32(), want: 150, hex: "9601" },
    { name: "uint32 max", write: (w) => w.uint32(4294967295), read: (r) => r.uint32(), want: 4294967295, hex: "ffffffff0f" },
    { name: "int32 -1 takes 10 bytes", write: (w) => w.int32(-1), read: (r) => r.int32(), want: -1, hex: "ffffffffffffffffff01" },
    { name: "int32 min", write: (w) => w.int32(-2147483648), read: (r) => r.int32(), want: -2147483648, hex: "80808080f8ffffffff01" },
    { name: "int32 max", write: (w) => w.int32(2147483647), read: (r) => r.int32(), want: 2147483647, hex: "ffffffff07" },
    { name: "sint32 -1", write: (w) => w.sint32(-1), read: (r) => r.sint32(), want: -1, hex: "01" },
    { name: "sint32 1", write: (w) => w.sint32(1), read: (r) => r.sint32(), want: 1, hex: "02" },
    { name: "sint32 min", write: (w) => w.sint32(-2147483648), read: (r) => r.sint32(), want: -2147483648, hex: "ffffffff0f" },
    { name: "int64 0", write: (w) => w.int64(0n), read: (r) => r.int64(), want: 0n, hex: "00" },
    { name: "int64 -1", write: (w) => w.int64(-1n), read: (r) => r.int64(), want: -1n, hex: "ffffffffffffffffff01" },
    { name: "int64 min", write: (w) => w.int64(-9223372036854775808n), read: (r) => r.int64(), want: -9223372036854775808n, hex: "80808080808080808001" },
    { name: "int64 2^32", write: (w) => w.int64(4294967296n), read: (r) => r.int64(), want: 4294967296n, hex: "8080808010" },
    { name: "int64 from a string", write: (w) => w.int64("-2"), read: (r) => r.int64(), want: -2n, hex: "feffffffffffffffff01" },
    { name: "int64 from a number", write: (w) => w.int64(-3), read: (r) => r.int64(), want: -3n, hex: "fdffffffffffffffff01" },
    { name: "uint64 max", write: (w) => w.uint64(18446744073709551615n), read: (r) => r.uint64(), want: 18446744073709551615n, hex: "ffffffffffffffffff01" },
    { name: "sint64 -1", write: (w) => w.sint64(-1n), read: (r) => r.sint64(), want: -1n, hex: "01" },
    { name: "sint64 min", write: (w) => w.sint64(-9223372036854775808n), read: (r) => r.sint64(), want: -9223372036854775808n, hex: "ffffffffffffffffff01" },
    { name: "sint64 max", write: (w) => w.sint64(9223372036854775807n), read: (r) => r.sint64(), want: 9223372036854775807n, hex: "feffffffffffffffff01" },
    { name: "bool true", write: (w) => w.bool(true), read: (r) => r.bool(), want: true, hex: "01" },
  ];
  for (const c of cases) {
    it(`writes and reads ${c.name}`, () => {
      assert.equal(write(c.write), c.hex);
      const r = new BinaryReader(unhex(c.hex));
      assert.equal(c.read(r), c.want);
      assert.equal(r.pos, c.hex.length / 2, "consumed every byte");
    });
  }
  it("reads a uint32 from a 64-bit varint as its low 32 bits", () => {
    assert.equal(new BinaryReader(unhex("ffffffffffffffffff01")).uint32(), 4294967295);
  });
  it("reads a bool from any non-zero varint, even one with only high bits", () => {
    assert.equal(new BinaryReader(unhex("8080808010")).bool(), true);
  });
  it("accepts a 10-byte varint whose last byte is 1", () => {
    assert.equal(new BinaryReader(unhex("ffffffffffffffffff01")).uint64(), 18446744073709551615n);
  });
  it("accepts overlong encodings that stay within 10 bytes", () => {
    assert.equal(new BinaryReader(unhex("8000")).uint32(), 0);
    assert.equal(new BinaryReader(unhex("ff808080808080808000")).int64(), 127n);
  });

  const bad: { name: string; hex: string; read: (r: BinaryReader) => unknown; message: RegExp }[] = [
    { name: "an 11th byte (uint64)", hex: "ffffffffffffffffff8101", read: (r) => r.uint64(), message: /varint/ },
    { name: "an 11th byte (uint32)", hex: "ffffffffffffffffff8101", read: (r) => r.uint32(), message: /varint/ },
    { name: "a 10th byte that overflows 64 bits", hex: "ffffffffffffffffff02", read: (r) => r.int64(), message: /overflows 64 bits/ },
    { name: "a 10th byte that overflows 64 bits (int32)", hex: "ffffffffffffffffff7f", read: (r) => r.int32(), message: /overflows 64 bits/ },
    { name: "a truncated varint", hex: "ff", read: (r) => r.uint32(), message: /premature end of data/ },
    { name: "a truncated 64-bit varint", hex: "ffffffffff", read: (r) => r.int64(), message: /premature end of data/ },
    { name: "a truncated fixed32", hex: "010203", read: (r) => r.fixed32(), message: /premature end of data/ },
    { name: "a truncated double", hex: "01020304050607", read: (r) => r.double(), message: /premature end of data/ },
    { name: "a length past the end", hex: "05616263", read: (r) => r.bytes(), message: /length 5 runs past the end/ },
    { name: "a huge length", hex: "ffffffff0f00", read: (r) => r.string(), message: /runs past the end/ },
    { name: "invalid UTF-8 when validating", hex: "02c328", read: (r) => r.string(true), message: /invalid UTF-8/ },
    { name: "field number 0", hex: "00", read: (r) => r.tag(), message: /field number 0/ },
    { name: "wire type 6", hex: "0e", read: (r) => r.tag(), message: /wire type 6/ },
    { name: "wire type 7", hex: "0f", read: (r) => r.tag(), message: /wire type 7/ },
    { name: "a tag over 32 bits", hex: "ffffffff1f", read: (r) => r.tag(), message: /larger than 32 bits/ },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}`, () => {
      assert.throws(() => c.read(new BinaryReader(unhex(c.hex))), (e: unknown) => e instanceof ProtobufError && c.message.test(e.message));
    });
  }
});

describe("fixed-width values", () => {
  it("writes floats and doubles bit-exactly: -0, infinities, NaN", () => {
    assert.equal(write((w) => w.double(-0)), "0000000000000080");
    assert.equal(write((w) => w.double(Infinity)), "000000000000f07f");
    assert.equal(write((w) => w.double(-Infinity)), "000000000000f0ff");
    assert.equal(write((w) => w.double(NaN)), "000000000000f87f");
    assert.equal(write((w) => w.float(-0)), "00000080");
    assert.equal(write((w) => w.float(Infinity)), "0000807f");
    assert.equal(write((w) => w.float(NaN)), "0000c07f");
    assert.equal(write((w) => w.float(1.5)), "0000c03f");
  });
  it("reads them back", () => {
    assert.ok(Object.is(new BinaryReader(unhex("0000000000000080")).double(), -0));
    assert.ok(Object.is(new BinaryReader(unhex("00000080")).float(), -0));
    assert.equal(new BinaryReader(unhex("000000000000f0ff")).double(), -Infinity);
    assert.ok(Number.isNaN(new BinaryReader(unhex("0000c07f")).float()));
  });
  it("writes fixed32/sfixed32/fixed64/sfixed64 little-endian", () => {
    assert.equal(write((w) => w.fixed32(4294967295)), "ffffffff");
    assert.equal(write((w) => w.sfixed32(-2)), "feffffff");
    assert.equal(write((w) => w.fixed64(18446744073709551615n)), "ffffffffffffffff");
    assert.equal(write((w) => w.sfixed64(-2n)), "feffffffffffffff");
    assert.equal(new BinaryReader(unhex("feffffffffffffff")).sfixed64(), -2n);
    assert.equal(new BinaryReader(unhex("feffffffffffffff")).fixed64(), 18446744073709551614n);
    assert.equal(new BinaryReader(unhex("feffffff")).sfixed32(), -2);
  });
  it("rejects 64-bit values out of range", () => {
    assert.throws(() => new BinaryWriter().int64(9223372036854775808n), ProtobufError);
    assert.throws(() => new BinaryWriter().uint64(-1n), ProtobufError);
    assert.throws(() => new BinaryWriter().int64("12x"), ProtobufError);
    assert.throws(() => new BinaryWriter().int64(1.5), ProtobufError);
  });
});

describe("length-delimited values", () => {
  it("writes strings as UTF-8 with their length, ASCII and not", () => {
    assert.equal(write((w) => w.string("")), "00");
    assert.equal(write((w) => w.string("abc")), "03616263");
    assert.equal(write((w) => w.string("é☃😀")), "09c3a9e29883f09f9880");
  });
  it("shifts a long string when its length needs fewer bytes than reserved", () => {
    const s = "x".repeat(60);
    assert.equal(write((w) => w.string(s)), "3c" + "78".repeat(60));
    const long = "é".repeat(100);
    const w = new BinaryWriter(1);
    w.string(long);
    const r = new BinaryReader(w.finish());
    assert.equal(r.string(true), long);
  });
  it("fork/join writes the length in front, growing it past one byte when needed", () => {
    for (const n of [0, 1, 127, 128, 300, 20000, 3000000]) {
      const w = new BinaryWriter(2);
      w.uint32(0xaa);
      const start = w.fork();
      for (let i = 0; i < n; i++) w.raw(new Uint8Array([i & 0x7f]));
      w.join(start);
      w.uint32(0xbb);
      const r = new BinaryReader(w.finish());
      assert.equal(r.uint32(), 0xaa);
      const b = r.bytes();
      assert.equal(b.length, n);
      assert.ok(b.every((x, i) => x === (i & 0x7f)));
      assert.equal(r.uint32(), 0xbb);
    }
  });
  it("decodes invalid UTF-8 leniently when not validating", () => {
    assert.equal(new BinaryReader(unhex("02c328")).string(false), "\ufffd(");
  });
});

describe("tags and skipping", () => {
  it("reads tags as field number and wire type", () => {
    assert.deepEqual(new BinaryReader(unhex("08")).tag(), [1, WireType.Varint]);
    assert.deepEqual(new BinaryReader(unhex("faffffff0f")).tag(), [536870911, WireType.LengthDelimited]);
  });
  it("skips every wire type, groups to their END_GROUP", () => {
    const r = new BinaryReader(unhex("0b" + "0801" + "1b" + "1c" + "0c" + "10ff01"));
    const [no, wt] = r.tag();
    r.skip(wt, no);
    assert.deepEqual(r.tag(), [2, WireType.Varint]);
  });
  it("rejects a group closed by another field's END_GROUP", () => {
    const r = new BinaryReader(unhex("0b" + "14"));
    const [no, wt] = r.tag();
    assert.throws(() => r.skip(wt, no), /END_GROUP for field 2 closes group 1/);
  });
  it("rejects a group without END_GROUP", () => {
    const r = new BinaryReader(unhex("0b0801"));
    const [no, wt] = r.tag();
    assert.throws(() => r.skip(wt, no), /group 1 has no END_GROUP/);
  });
  it("rejects groups nested deeper than the limit", () => {
    const r = new BinaryReader(unhex("0b".repeat(200) + "0c".repeat(200)));
    const [no, wt] = r.tag();
    assert.throws(() => r.skip(wt, no), /nesting deeper than the limit of 100/);
  });
});
