// The registry: linking protoc's descriptors into resolved Desc* objects, and its errors.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { ProtobufError, ScalarType, createRegistry, wellKnownRegistry, type DescField, type FileDescriptorProto } from "./index.js";
import { protocInline, testDescriptorSet, testRegistry } from "./testdata/protoc-fixture.js";

const registry = testRegistry();
const field = (msg: string, name: string): DescField => {
  const f = registry.getMessage(msg)!.fields.find((x) => x.name === name);
  assert.ok(f, `${msg}.${name}`);
  return f;
};

describe("createRegistry", () => {
  it("always has the well-known files and descriptor.proto", () => {
    for (const name of ["google.protobuf.Timestamp", "google.protobuf.Any", "google.protobuf.FileDescriptorSet", "google.protobuf.compiler.CodeGeneratorRequest", "google.protobuf.Value"]) {
      assert.equal(registry.getMessage(name)?.typeName, name);
      assert.equal(createRegistry().getMessage(name)?.typeName, name);
    }
    assert.equal(wellKnownRegistry.getEnum("google.protobuf.NullValue")?.values[0]?.name, "NULL_VALUE");
  });

  it("links the well-known files lazily: descriptor.proto alone first, then the rest around the same objects", () => {
    // A fresh process: in this one the registry is long linked. The child counts linked files through `files`
    // only after it has looked descriptor types up, and checks that those objects survive the full link.
    const url = new URL("./index.js", import.meta.url).href;
    const script = `
      const pb = await import(${JSON.stringify(url)});
      const set = pb.wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet");
      const bytes = pb.toBinary(set, { file: [{ name: "a.proto" }] });
      const again = pb.createRegistry(bytes);
      const timestamp = pb.wellKnownRegistry.getMessage("google.protobuf.Timestamp");
      console.log(JSON.stringify({
        same: pb.wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet") === set,
        a: again.getFile("a.proto") !== undefined,
        timestamp: timestamp?.typeName,
        files: pb.wellKnownRegistry.files.length,
      }));`;
    const out = execFileSync(process.execPath, [...process.execArgv.filter((a) => !a.startsWith("--test")), "--input-type=module", "-e", script], { encoding: "utf8" });
    assert.deepEqual(JSON.parse(out), { same: true, a: true, timestamp: "google.protobuf.Timestamp", files: wellKnownRegistry.files.length });
  });

  it("accepts serialized sets, FileDescriptorSet objects, FileDescriptorProtos and other registries", () => {
    const bytes = testDescriptorSet();
    const fromBytes = createRegistry(bytes);
    const files = fromBytes.files.map((f) => f.proto);
    assert.ok(createRegistry({ file: files }).getMessage("spindle.test3.Maps"));
    assert.ok(createRegistry(...files).getMessage("spindle.test3.Maps"));
    const reused = createRegistry(fromBytes);
    assert.equal(reused.getMessage("spindle.test3.Maps"), fromBytes.getMessage("spindle.test3.Maps"), "same Desc objects");
  });

  it("finds types by full name, with or without a leading dot, and files by name", () => {
    assert.equal(registry.getMessage(".spindle.test3.Outer.Inner")?.name, "Inner");
    assert.equal(registry.getEnum("spindle.test3.Outer.Inner.Kind")?.parent?.typeName, "spindle.test3.Outer.Inner");
    assert.equal(registry.getMessage("spindle.test3.Color"), undefined, "an enum is not a message");
    assert.equal(registry.getFile("test3.proto")?.syntax, "proto3");
    assert.deepEqual(registry.getFile("test3.proto")?.dependencies.map((d) => d.name), ["google/protobuf/timestamp.proto", "google/protobuf/any.proto"]);
    const all = [...registry].map((t) => t.typeName);
    assert.ok(all.includes("spindle.test3.Maps.MInt32Entry"));
    assert.ok(all.includes("spindle.test2.ext_int32"));
  });

  it("resolves fields: kinds, cross references, names and json names", () => {
    const inner = field("spindle.test3.Outer", "inner");
    assert.equal(inner.fieldKind, "message");
    assert.equal(inner.fieldKind === "message" && inner.message, registry.getMessage("spindle.test3.Outer.Inner"));
    assert.equal(field("spindle.test3.Names", "snake_case_name").localName, "snakeCaseName");
    assert.equal(field("spindle.test3.Names", "with_json").jsonName, "customJson");
    assert.equal(field("spindle.test3.Names", "with_json").localName, "withJson");
    assert.equal(field("spindle.test3.Names", "constructor").localName, "constructor$");
    assert.equal(field("spindle.test3.Names", "__proto__").localName, "Proto");
    assert.equal(field("spindle.test3.Names", "to_string").localName, "toString$");
  });

  it("links map fields with their key and value types", () => {
    const m = field("spindle.test3.Maps", "m_message");
    assert.equal(m.fieldKind, "map");
    if (m.fieldKind !== "map") return;
    assert.equal(m.mapKey, ScalarType.STRING);
    assert.equal(m.mapKind, "message");
    assert.equal(m.entry.isMapEntry, true);
    const e = field("spindle.test3.Maps", "m_enum");
    assert.ok(e.fieldKind === "map" && e.mapKind === "enum" && e.enum.typeName === "spindle.test3.Color");
    const b = field("spindle.test3.Maps", "m_bool");
    assert.ok(b.fieldKind === "map" && b.mapKey === ScalarType.BOOL && b.mapKind === "scalar" && b.scalar === ScalarType.STRING);
  });

  it("separates real oneofs from the synthetic oneofs of proto3 optional", () => {
    const p = registry.getMessage("spindle.test3.Presence")!;
    assert.deepEqual(p.oneofs.map((o) => [o.name, o.isSynthetic]), [["kind", false], ["other", false], ["_o_int32", true], ["_o_string", true], ["_o_enum", true], ["_o_bytes", true]]);
    assert.equal(field("spindle.test3.Presence", "o_int32").oneof, undefined);
    assert.equal(field("spindle.test3.Presence", "o_int32").presence, "explicit");
    assert.equal(field("spindle.test3.Presence", "k_int32").oneof?.name, "kind");
    assert.deepEqual(p.members.map((m) => m.localName), ["oInt32", "oString", "oEnum", "oBytes", "oMessage", "kind", "other"]);
  });

  it("knows presence, open and closed enums, jstype and packed defaults", () => {
    assert.equal(field("spindle.test3.Scalars", "f_int32").presence, "implicit");
    assert.equal(field("spindle.test3.Presence", "o_message").presence, "explicit");
    assert.equal(field("spindle.test2.Proto2", "req").presence, "legacy_required");
    assert.equal(field("spindle.test2.Proto2", "text").presence, "explicit");
    assert.equal(registry.getEnum("spindle.test3.Color")!.open, true);
    assert.equal(registry.getEnum("spindle.test2.Size")!.open, false);
    const js = (n: string) => field("spindle.test3.JsTypes", n) as DescField & { longType: string };
    assert.deepEqual([js("as_bigint").longType, js("as_string").longType, js("as_number").longType, js("list_string").longType], ["bigint", "string", "number", "string"]);
    const packed = (m: string, n: string) => (field(m, n) as DescField & { packed: boolean }).packed;
    assert.equal(packed("spindle.test3.Lists", "r_int32"), true);
    assert.equal(packed("spindle.test3.Lists", "r_unpacked_int32"), false);
    assert.equal(packed("spindle.test2.Proto2", "unpacked"), false);
    assert.equal(packed("spindle.test2.Proto2", "packed"), true);
    const group = field("spindle.test2.Proto2", "mygroup");
    assert.ok(group.fieldKind === "message" && group.delimitedEncoding);
  });

  it("parses proto2 defaults of every type", () => {
    const d = (n: string) => (field("spindle.test2.Defaults", n) as DescField & { defaultValue: unknown }).defaultValue;
    assert.equal(d("d_double"), 1.5);
    assert.equal(d("d_float"), -Infinity);
    assert.equal(d("d_int64"), -9223372036854775808n);
    assert.equal(d("d_uint64"), 18446744073709551615n);
    assert.equal(d("d_int32"), -42);
    assert.equal(d("d_fixed64"), 77n);
    assert.equal(d("d_fixed32"), 4294967295);
    assert.equal(d("d_bool"), true);
    assert.equal(d("d_string"), 'héllo "q"\n');
    assert.deepEqual(d("d_bytes"), new Uint8Array([0, 1, 255, 97, 98, 99, 10]));
    assert.equal(d("d_uint32"), 16);
    assert.equal(d("d_sfixed32"), -1);
    assert.equal(d("d_sfixed64"), -2n);
    assert.equal(d("d_sint32"), -3);
    assert.equal(d("d_sint64"), -4n);
    assert.equal(d("d_enum"), 2);
    assert.ok(Number.isNaN(d("d_nan")));
  });

  it("links extensions, at file scope and nested in a message", () => {
    const proto2 = registry.getMessage("spindle.test2.Proto2")!;
    const x = registry.getExtension("spindle.test2.ext_int32")!;
    assert.equal(x.extendee, proto2);
    assert.equal(x.number, 100);
    assert.equal(registry.getExtensionFor(proto2, 110)?.typeName, "spindle.test2.Scope.nested_ext");
    assert.equal(registry.getExtensionFor(proto2, 110)?.scope?.typeName, "spindle.test2.Scope");
    assert.equal(registry.getExtensionFor(proto2, 111), undefined);
    assert.equal(x.presence, "explicit");
  });

  it("links services and methods", () => {
    const set = protocInline({
      "svc.proto": `syntax = "proto3"; package a.b; message M {}
        service S { rpc Get(M) returns (M); rpc Up(stream M) returns (M); rpc Down(M) returns (stream M);
                    rpc Both(stream M) returns (stream M) { option idempotency_level = NO_SIDE_EFFECTS; } }`,
    });
    const s = createRegistry(set).getService("a.b.S")!;
    assert.deepEqual(s.methods.map((m) => [m.localName, m.methodKind, m.path]), [
      ["get", "unary", "/a.b.S/Get"],
      ["up", "client_streaming", "/a.b.S/Up"],
      ["down", "server_streaming", "/a.b.S/Down"],
      ["both", "bidi_streaming", "/a.b.S/Both"],
    ]);
    assert.equal(s.methods[3]!.idempotency, "no_side_effects");
    assert.equal(s.methods[0]!.input.typeName, "a.b.M");
  });

  it("resolves relative type names from the innermost scope outward", () => {
    const file: FileDescriptorProto = {
      name: "rel.proto", package: "p.q", syntax: "proto3", dependency: [], publicDependency: [], weakDependency: [],
      messageType: [
        { name: "A", field: [{ name: "b", number: 1, typeName: "B", label: 1 }, { name: "c", number: 2, typeName: "q.C", label: 1 }], nestedType: [{ name: "B", field: [], extension: [], nestedType: [], enumType: [], extensionRange: [], oneofDecl: [], reservedRange: [], reservedName: [] }], extension: [], enumType: [], extensionRange: [], oneofDecl: [], reservedRange: [], reservedName: [] },
        { name: "C", field: [], extension: [], nestedType: [], enumType: [{ name: "E", value: [{ name: "E0", number: 0 }], reservedRange: [], reservedName: [] }], extensionRange: [], oneofDecl: [], reservedRange: [], reservedName: [] },
      ],
      enumType: [], service: [], extension: [],
    };
    const r = createRegistry(file);
    const a = r.getMessage("p.q.A")!;
    assert.equal(a.fields[0]!.fieldKind === "message" && a.fields[0]!.message.typeName, "p.q.A.B");
    assert.equal(a.fields[1]!.fieldKind === "message" && a.fields[1]!.message.typeName, "p.q.C");
  });

  it("keeps property names unique when proto2 names collide in lowerCamelCase", () => {
    const r = createRegistry(file("c.proto", [msgProto("M", [{ name: "foo_bar", number: 1, label: 1, type: 5 }, { name: "fooBar", number: 2, label: 1, type: 5 }])]));
    assert.deepEqual(r.getMessage("M")!.fields.map((f) => f.localName), ["fooBar", "fooBar$"]);
  });

  it("accepts partial FileDescriptorProto objects (missing lists are empty)", () => {
    const partial = { name: "p.proto", syntax: "proto3", messageType: [{ name: "M", field: [{ name: "a", number: 1, type: 5, label: 1 }] }] };
    const r = createRegistry(partial as unknown as FileDescriptorProto);
    assert.equal(r.getMessage("M")?.fields[0]?.localName, "a");
    assert.throws(() => createRegistry(null as unknown as FileDescriptorProto), ProtobufError);
  });

  const bad: { name: string; files: FileDescriptorProto[]; message: RegExp }[] = [
    {
      name: "an unresolvable type name",
      files: [file("a.proto", [msgProto("M", [{ name: "x", number: 1, label: 1, typeName: ".nope.T" }])])],
      message: /^a.proto: field M.x: type ".nope.T" not found$/,
    },
    {
      name: "a duplicate symbol",
      files: [file("a.proto", [msgProto("M", [])]), file("b.proto", [msgProto("M", [])])],
      message: /^b.proto: "M" is already defined in a.proto$/,
    },
    {
      name: "a missing dependency",
      files: [{ ...file("a.proto", []), dependency: ["missing.proto"] }],
      message: /^a.proto: dependency "missing.proto" not found$/,
    },
    {
      name: "a duplicate field number",
      files: [file("a.proto", [msgProto("M", [{ name: "x", number: 1, label: 1, type: 5 }, { name: "y", number: 1, label: 1, type: 5 }])])],
      message: /^a.proto: field M.y: field number 1 is already used by x$/,
    },
    {
      name: "an invalid default",
      files: [file("a.proto", [msgProto("M", [{ name: "x", number: 1, label: 1, type: 5, defaultValue: "abc" }])])],
      message: /^a.proto: field M.x: invalid default value "abc" for type int32$/,
    },
    {
      name: "an import cycle",
      files: [{ ...file("a.proto", []), dependency: ["b.proto"] }, { ...file("b.proto", []), dependency: ["a.proto"] }],
      message: /import cycle/,
    },
  ];
  for (const c of bad) {
    it(`reports ${c.name} as a ProtobufError naming file and symbol`, () => {
      assert.throws(() => createRegistry(...c.files), (e: unknown) => e instanceof ProtobufError && c.message.test(e.message));
    });
  }
});

function file(name: string, messageType: FileDescriptorProto["messageType"]): FileDescriptorProto {
  return { name, syntax: "proto2", dependency: [], publicDependency: [], weakDependency: [], messageType, enumType: [], service: [], extension: [] };
}

function msgProto(name: string, field: FileDescriptorProto["messageType"][number]["field"]): FileDescriptorProto["messageType"][number] {
  return { name, field, extension: [], nestedType: [], enumType: [], extensionRange: [], oneofDecl: [], reservedRange: [], reservedName: [] };
}
