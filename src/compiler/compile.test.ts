import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compile } from "./compile.js";
import { formatDiagnostic } from "./diagnostic.js";
import type { FileDescriptorProto } from "../protobuf/index.js";

function build(src: string, extra: Record<string, string> = {}): { file?: FileDescriptorProto; errors: string[] } {
  const r = compile(["test.proto"], { sources: { "test.proto": src, ...extra }, includeDirs: ["/nonexistent"] });
  return { file: r.files[0], errors: r.errors.map(formatDiagnostic) };
}

describe("compile: linking", () => {
  const ok: { name: string; src: string; check: (f: FileDescriptorProto) => void; extra?: Record<string, string> }[] = [
    {
      name: "ok_resolves_innermost_scope_first",
      src: "syntax='proto2'; package p; message A { message B {} optional B b = 1; } message B {}",
      check: (f) => assert.equal(f.messageType[0]!.field[0]!.typeName, ".p.A.B"),
    },
    {
      name: "ok_sets_enum_type_and_json_name",
      src: "syntax='proto3'; package p; enum E { Z = 0; } message M { E foo_bar = 1; }",
      check: (f) => {
        const fd = f.messageType[0]!.field[0]!;
        assert.equal(fd.type, 14);
        assert.equal(fd.typeName, ".p.E");
        assert.equal(fd.jsonName, "fooBar");
      },
    },
    {
      name: "ok_map_synthesizes_entry",
      src: "syntax='proto3'; message M { map<string, int32> my_map = 1; }",
      check: (f) => {
        const entry = f.messageType[0]!.nestedType[0]!;
        assert.equal(entry.name, "MyMapEntry");
        assert.equal(entry.options?.mapEntry, true);
        assert.equal(f.messageType[0]!.field[0]!.typeName, ".M.MyMapEntry");
        assert.equal(f.messageType[0]!.field[0]!.label, 3);
      },
    },
    {
      name: "ok_proto3_optional_synthetic_oneof_after_real_ones",
      src: "syntax='proto3'; message M { optional int32 a = 1; oneof o { int32 b = 2; } }",
      check: (f) => {
        const m = f.messageType[0]!;
        assert.deepEqual(m.oneofDecl.map((o) => o.name), ["o", "_a"]);
        assert.equal(m.field[0]!.oneofIndex, 1);
        assert.equal(m.field[0]!.proto3Optional, true);
      },
    },
    {
      name: "ok_type_names_that_are_object_prototype_members",
      src: "syntax='proto3'; message toString {} message constructor {} message M { toString a = 1; constructor b = 2; }",
      check: (f) => {
        assert.deepEqual(
          f.messageType[2]!.field.map((fd) => [fd.type, fd.typeName]),
          [
            [11, ".toString"],
            [11, ".constructor"],
          ],
        );
      },
    },
    {
      name: "ok_group_becomes_nested_type",
      src: "syntax='proto2'; message M { optional group Res = 1 { optional int32 x = 2; } }",
      check: (f) => {
        assert.equal(f.messageType[0]!.nestedType[0]!.name, "Res");
        assert.equal(f.messageType[0]!.field[0]!.name, "res");
        assert.equal(f.messageType[0]!.field[0]!.type, 10);
      },
    },
    {
      name: "ok_defaults_are_normalized",
      src: "syntax='proto2'; message M { optional float f = 1 [default = 0.1]; optional int32 i = 2 [default = 0x10]; optional bytes b = 3 [default = '\\001a']; }",
      check: (f) => assert.deepEqual(f.messageType[0]!.field.map((x) => x.defaultValue), ["0.1", "16", "\\001a"]),
    },
    {
      name: "ok_public_import_reexports",
      src: "syntax='proto3'; import 'b.proto'; message M { c.C c = 1; }",
      extra: { "b.proto": "syntax='proto3'; import public 'c.proto';", "c.proto": "syntax='proto3'; package c; message C {}" },
      check: (f) => assert.equal(f.messageType[0]!.field[0]!.typeName, ".c.C"),
    },
    {
      name: "ok_custom_option_lands_in_unknown_fields",
      src: "syntax='proto2'; import 'google/protobuf/descriptor.proto'; extend google.protobuf.MessageOptions { optional int32 o = 50000; } message M { option (o) = 5; }",
      check: (f) => {
        const opts = f.messageType[0]!.options as unknown as Record<symbol, Uint8Array>;
        const unknown = Object.getOwnPropertySymbols(opts).map((s) => opts[s]);
        assert.deepEqual([...unknown[0]!], [0x80, 0xb5, 0x18, 5]);
      },
    },
  ];
  for (const c of ok) {
    it(c.name, () => {
      const r = build(c.src, c.extra);
      assert.deepEqual(r.errors, []);
      c.check(r.file!);
    });
  }

  const errors: { name: string; src: string; want: string[]; extra?: Record<string, string> }[] = [
    {
      name: "error_partially_qualified_name_resolves_first_component",
      src: "syntax='proto2';\nmessage Bar { message Baz {} }\nmessage Foo {\n  message Bar {}\n  optional Bar.Baz baz = 1;\n}",
      want: [
        'test.proto:5:12: "Bar.Baz" is resolved to "Foo.Bar.Baz", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading \'.\'(i.e., ".Bar.Baz") to start from the outermost scope.',
      ],
    },
    {
      name: "error_type_from_unimported_file",
      src: "syntax='proto3';\nimport 'a.proto';\nmessage M { c.C x = 1; }",
      extra: { "a.proto": "syntax='proto3'; import 'c.proto';", "c.proto": "syntax='proto3'; package c; message C {}" },
      want: [
        'test.proto:3:13: "c.C" seems to be defined in "c.proto", which is not imported by "test.proto".  To use it here, please add the necessary import.',
      ],
    },
    {
      name: "error_import_named_like_an_object_prototype_member",
      src: "syntax='proto3';\nimport 'toString';\n",
      want: ["toString: File not found.", 'test.proto:2:1: Import "toString" was not found or had errors.'],
    },
    {
      name: "error_every_error_is_reported",
      src: "syntax='proto3';\nmessage M {\n  A a = 1;\n  B b = 2;\n}",
      want: ['test.proto:3:3: "A" is not defined.', 'test.proto:4:3: "B" is not defined.'],
    },
    {
      name: "error_option_type_mismatch",
      src: "syntax='proto3';\nmessage M {\n  int32 a = 1 [deprecated = 1];\n}",
      want: ['test.proto:3:29: Value must be identifier for boolean option "google.protobuf.FieldOptions.deprecated".'],
    },
    {
      name: "error_aggregate_names_the_field",
      src: "syntax='proto2';\nimport 'google/protobuf/descriptor.proto';\nmessage R { optional int32 a = 1; }\nextend google.protobuf.FileOptions { optional R r = 50000; }\noption (r) = { a: \"x\" };",
      want: ['test.proto:5:14: Error while parsing option value for "r": Expected integer, got: "x"'],
    },
    {
      name: "error_missing_import",
      src: "syntax='proto3';\nimport 'nope.proto';",
      want: ["nope.proto: File not found.", 'test.proto:2:1: Import "nope.proto" was not found or had errors.'],
    },
  ];
  for (const c of errors) {
    it(c.name, () => {
      const r = build(c.src, c.extra);
      assert.deepEqual(r.errors, c.want);
      assert.equal(r.file, undefined);
    });
  }

  it("warns about unused imports of the inputs as protoc does", () => {
    const r = compile(["test.proto"], {
      sources: {
        "test.proto": "syntax='proto3';\nimport 'a.proto';\nimport 'google/protobuf/descriptor.proto';\nimport 'b.proto';\noption (b.o) = 1;\nmessage M { b.B b = 1; }",
        "a.proto": "syntax='proto3'; package a; message A {}",
        "b.proto": "syntax='proto3'; package b; import 'google/protobuf/descriptor.proto'; message B {} extend google.protobuf.FileOptions { int32 o = 50000; }",
      },
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings.map(formatDiagnostic), ["test.proto:2:1: warning: Import a.proto is unused."]);
  });
});
