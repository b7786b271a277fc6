// Aggregate (text-format) option values: the accepted ones must encode exactly as protoc encodes them (one
// protoc run for all of them); the rejected ones must fail with protoc's message (goldens from Debian protoc 3.21).
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile, formatDiagnostic, toDescriptorSet } from "../../src/compiler/index.js";
import { toBinary, wellKnownRegistry } from "../../src/protobuf/index.js";
import { hasProtoc } from "./corpus.js";

const header = "syntax = \"proto2\";\npackage agg;\nimport \"google/protobuf/descriptor.proto\";\nimport \"google/protobuf/any.proto\";\nmessage Inner { optional int32 x = 1; repeated string s = 2; }\nenum Color { RED = 0; GREEN = 1; BLUE = 2; }\nmessage Rule {\n  optional int32 i32 = 1; optional int64 i64 = 2; optional uint32 u32 = 3; optional uint64 u64 = 4;\n  optional sint32 s32 = 5; optional sint64 s64 = 6; optional fixed32 f32 = 7; optional fixed64 f64 = 8;\n  optional sfixed32 sf32 = 9; optional sfixed64 sf64 = 10; optional float fl = 11; optional double db = 12;\n  optional bool b = 13; optional string str = 14; optional bytes by = 15; optional Color color = 16;\n  optional Inner inner = 17; repeated Inner inners = 18; repeated int32 nums = 19; map<string, int32> m = 20;\n  oneof o { string os = 21; int32 oi = 22; }\n  optional google.protobuf.Any any = 23;\n  repeated Color colors = 24;\n  repeated double dbs = 25;\n  extensions 100 to 200;\n}\nextend Rule { optional string ext_s = 100; repeated int32 ext_r = 101; }\n";

/** [aggregate value, undefined if protoc accepts it, else protoc's message (text-format errors: the part after the \"rule\": prefix)]. */
const cases: [string, string | undefined][] = [
  ["{ i32: -5 i64: -9223372036854775808 u32: 4294967295 u64: 18446744073709551615 }", undefined],
  ["{ s32: -1 s64: -2 f32: 3 f64: 4 sf32: -5 sf64: -6 }", undefined],
  ["{ fl: 1.5 db: -2.25 fl: 3 }", "Non-repeated field \"fl\" is specified multiple times."],
  ["{ fl: inf db: -inf }", undefined],
  ["{ db: nan }", undefined],
  ["{ fl: 1e39 }", undefined],
  ["{ db: 0x10 }", "Expect a decimal number, got: 0x10"],
  ["{ fl: -0 }", undefined],
  ["{ b: true } ", undefined],
  ["{ b: t }", undefined],
  ["{ b: False }", undefined],
  ["{ b: 1 }", undefined],
  ["{ b: 2 }", "Integer out of range (2)"],
  ["{ b: yes }", "Invalid value for boolean field \"b\". Value: \"yes\"."],
  ["{ str: \"a\" 'b' \"c\" by: \"\\001\\xff\" }", undefined],
  ["{ str: 5 }", "Expected string, got: 5"],
  ["{ color: GREEN }", undefined],
  ["{ color: 2 }", undefined],
  ["{ color: 7 }", "Unknown enumeration value of \"7\" for field \"color\"."],
  ["{ color: PURPLE }", "Unknown enumeration value of \"PURPLE\" for field \"color\"."],
  ["{ color: -1 }", "Unknown enumeration value of \"-1\" for field \"color\"."],
  ["{ inner { x: 1 s: \"a\" s: \"b\" } }", undefined],
  ["{ inner: { x: 1 } }", undefined],
  ["{ inner < x: 2 > }", undefined],
  ["{ inner: < x: 2 > }", undefined],
  ["{ inners { x: 1 } inners { x: 2 } }", undefined],
  ["{ inners: [{ x: 1 }, { x: 2 }] }", undefined],
  ["{ inners [ { x: 1 } ] }", undefined],
  ["{ nums: [1, 2, 3] nums: 4 }", undefined],
  ["{ nums: [] }", undefined],
  ["{ colors: [RED, BLUE] dbs: [1, 2.5] }", undefined],
  ["{ m { key: \"a\" value: 1 } m { key: \"b\" value: 2 } }", undefined],
  ["{ m: [{ key: \"a\" value: 1 }] }", undefined],
  ["{ os: \"x\" }", undefined],
  ["{ os: \"x\" oi: 1 }", "Field \"oi\" is specified along with field \"os\", another member of oneof \"o\"."],
  ["{ i32: 1 i32: 2 }", "Non-repeated field \"i32\" is specified multiple times."],
  ["{ [agg.ext_s]: \"e\" [agg.ext_r]: 1 [agg.ext_r]: [2, 3] }", undefined],
  ["{ [agg.nope]: 1 }", "Extension \"agg.nope\" is not defined or is not an extension of \"agg.Rule\"."],
  ["{ [ext_s]: \"relative\" }", undefined],
  ["{ nope: 1 }", "Message type \"agg.Rule\" has no field named \"nope\"."],
  ["{ i32: \"x\" }", "Expected integer, got: \"x\""],
  ["{ i32 1 }", "Expected \":\", found \"1\"."],
  ["{ inner { x: 1 }", "a.proto:22:1: Unexpected end of stream while parsing aggregate value."],
  ["{ i32: 1, i64: 2; u32: 3 }", undefined],
  ["{ any { [type.googleapis.com/agg.Inner] { x: 5 } } }", undefined],
  ["{ any { type_url: \"x\" value: \"y\" } }", undefined],
  ["{ i32: 2147483648 }", "Integer out of range (2147483648)"],
  ["{ i32: -2147483649 }", "Integer out of range (2147483649)"],
  ["{ u32: -1 }", "Expected integer, got: -"],
  ["{ i64: 0x7fffffffffffffff }", undefined],
  ["{ u64: 018 }", "a.proto:21:26: Numbers starting with leading zero must be in octal."],
  ["{ str: \"\\u00e9\\U0001F600\" }", undefined],
  ["{}", undefined],
  ["{ inner {} inners {} }", undefined],
  ["{ i32: -0x10 }", undefined],
  ["{ db: 1e-400 }", undefined],
  ["{ fl: .5 }", undefined],
  ["{ color: green }", "Unknown enumeration value of \"green\" for field \"color\"."],
  ["{ inner: 5 }", "Expected \"{\", found \"5\"."],
  ["{ nums: [1, \"a\"] }", "Expected integer, got: \"a\""],
  ["{ b: True, b: false }", "Non-repeated field \"b\" is specified multiple times."],
  ["{ db: -nan }", undefined],
  ["{ db: infinity }", undefined],
  ["{ db: -Infinity }", undefined],
];

const tmp = mkdtempSync(join(tmpdir(), "spindle-aggregate-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const FileDescriptorSet = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;

describe("aggregate option values", () => {
  const accepted = cases.filter(([, err]) => err === undefined).map(([v]) => v);
  const source =
    header +
    `extend google.protobuf.FileOptions {\n${accepted.map((_, i) => `  optional Rule rule${i} = ${50000 + i};`).join("\n")}\n}\n` +
    accepted.map((v, i) => `option (rule${i}) = ${v};`).join("\n") +
    "\n";
  it("encodes every accepted value as protoc does", { skip: !hasProtoc && "protoc is not installed" }, () => {
    writeFileSync(join(tmp, "accepted.proto"), source);
    execFileSync("/usr/bin/protoc", [`-I${tmp}`, "-I/usr/include", "--include_source_info", `-o${join(tmp, "want.pb")}`, "accepted.proto"]);
    const result = compile(["accepted.proto"], { includeDirs: [tmp, "/usr/include"] });
    assert.deepEqual(result.errors.map(formatDiagnostic), []);
    const got = toBinary(FileDescriptorSet, toDescriptorSet(result, { includeSourceInfo: true }));
    assert.ok(Buffer.from(got).equals(readFileSync(join(tmp, "want.pb"))));
  });
  for (const [value, err] of cases) {
    if (err === undefined) continue;
    it(`rejects ${value}`, () => {
      const src = header + "extend google.protobuf.FileOptions { optional Rule rule = 50000; }\n" + `option (rule) = ${value};\n`;
      const result = compile(["a.proto"], { sources: { "a.proto": src }, includeDirs: ["/usr/include"] });
      const line = src.split("\n").length - 1;
      // Lexical and syntax errors come from the .proto parser itself, with their own positions.
      const want = err.startsWith("a.proto:") ? err : `a.proto:${line}:17: Error while parsing option value for "rule": ${err}`;
      assert.deepEqual(result.errors.map(formatDiagnostic), [want]);
    });
  }
});
