// Typed extensions in generated code: the constants generated for `extend` fields, the typed helpers of
// spindle/runtime/v1, custom options read from descriptors, and extension values through the generated
// codecs, checked against protoc's own encoder and decoder (C++).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { getExtension as reflectGetExtension, ProtobufError } from "../../src/protobuf/index.js";
import {
  clearExtension,
  defineExtension,
  getExtension,
  getOption,
  hasExtension,
  setExtension,
  UnknownFields,
  type Extension,
} from "../../src/runtime/v1/index.js";
import { repoRoot } from "./targets.js";
import * as opts from "./golden/custom_options.js";
import {
  Closed,
  Extendable,
  Scope,
  Scope_scoped_bytes,
  Scope_scoped_self,
  Sub,
  ext_double,
  ext_enum,
  ext_int32,
  ext_packed,
  ext_sint64,
  ext_string,
  ext_sub,
  ext_subs,
  ext_unpacked,
  file_diff2,
} from "./golden/diff2.js";

const protos = join(repoRoot, "test/codegen/protos");
const protoc = (args: string[], input: Uint8Array | string): Buffer =>
  execFileSync("/usr/bin/protoc", [`-I${protos}`, "-I/usr/include", ...args], { input, maxBuffer: 1 << 20 });

/** Every extension of diff2.proto set on one Extendable. */
function fullMessage(): Extendable {
  const m = Extendable.create({ base: 7 });
  setExtension(m, ext_double, 2.5);
  setExtension(m, ext_subs, [{ a: 1 }, { b: "two" }]);
  setExtension(m, ext_int32, -3);
  setExtension(m, ext_sint64, -9007199254740993n);
  setExtension(m, ext_string, "héllo");
  setExtension(m, ext_enum, Closed.CLOSED_NEGATIVE);
  setExtension(m, ext_sub, { a: 5, b: "sub" });
  setExtension(m, ext_unpacked, [1, -1, 300]);
  setExtension(m, ext_packed, [0n, 18446744073709551615n]);
  setExtension(m, Scope_scoped_bytes, Uint8Array.from([0, 255]));
  setExtension(m, Scope_scoped_self, { note: "self" });
  return m;
}

// What protoc prints for fullMessage() (extensions in number order, after the fields).
const fullText = `base: 7
[spindle.diff2.ext_int32]: -3
[spindle.diff2.ext_sint64]: -9007199254740993
[spindle.diff2.ext_string]: "h\\303\\251llo"
[spindle.diff2.ext_enum]: CLOSED_NEGATIVE
[spindle.diff2.ext_sub] {
  a: 5
  b: "sub"
}
[spindle.diff2.ext_unpacked]: 1
[spindle.diff2.ext_unpacked]: -1
[spindle.diff2.ext_unpacked]: 300
[spindle.diff2.ext_packed]: 0
[spindle.diff2.ext_packed]: 18446744073709551615
[spindle.diff2.ext_subs] {
  a: 1
}
[spindle.diff2.ext_subs] {
  b: "two"
}
[spindle.diff2.Scope.scoped_bytes]: "\\000\\377"
[spindle.diff2.Scope.scoped_self] {
  note: "self"
}
[spindle.diff2.ext_double]: 2.5
`;

function assertFull(m: Extendable): void {
  assert.equal(m.base, 7);
  assert.equal(getExtension(m, ext_int32), -3);
  assert.equal(getExtension(m, ext_sint64), -9007199254740993n);
  assert.equal(getExtension(m, ext_string), "héllo");
  assert.equal(getExtension(m, ext_enum), Closed.CLOSED_NEGATIVE);
  assert.deepEqual({ ...getExtension(m, ext_sub) }, { a: 5, b: "sub" });
  assert.deepEqual(getExtension(m, ext_unpacked), [1, -1, 300]);
  assert.deepEqual(getExtension(m, ext_packed), [0n, 18446744073709551615n]);
  assert.deepEqual(getExtension(m, ext_subs).map((s) => ({ ...s })), [{ a: 1 }, { b: "two" }]);
  assert.deepEqual(getExtension(m, Scope_scoped_bytes), Uint8Array.from([0, 255]));
  assert.equal(getExtension(m, Scope_scoped_self).note, "self");
  assert.equal(getExtension(m, ext_double), 2.5);
}

describe("generated extension constants", () => {
  it("name the extension, its field number and its extendee", () => {
    const cases: [Extension<Extendable, unknown>, string, number][] = [
      [ext_int32, "spindle.diff2.ext_int32", 100],
      [ext_double, "spindle.diff2.ext_double", 1000],
      [Scope_scoped_self, "spindle.diff2.Scope.scoped_self", 151],
    ];
    for (const [ext, typeName, number] of cases) {
      assert.equal(ext.typeName, typeName);
      assert.equal(ext.number, number);
      assert.equal(ext.extendee, Extendable);
      assert.equal(ext.desc.number, number, `${typeName}: desc`);
      assert.equal(ext.desc.extendee.typeName, "spindle.diff2.Extendable");
      assert.equal(ext.desc, file_diff2.extension(typeName));
    }
  });

  it("read defaults when absent: zero values, [] and empty messages", () => {
    const m = Extendable.create();
    assert.equal(hasExtension(m, ext_int32), false);
    assert.equal(getExtension(m, ext_int32), 0);
    assert.equal(getExtension(m, ext_sint64), 0n);
    assert.equal(getExtension(m, ext_string), "");
    assert.equal(getExtension(m, ext_enum), Closed.CLOSED_ZERO);
    assert.deepEqual(getExtension(m, ext_unpacked), []);
    assert.deepEqual({ ...getExtension(m, ext_sub) }, {});
    assert.deepEqual(getExtension(m, Scope_scoped_bytes), new Uint8Array(0));
  });

  it("set, replace, test and clear values of every kind", () => {
    const m = fullMessage();
    assertFull(m);
    assert.equal(hasExtension(m, ext_sub), true);
    setExtension(m, ext_int32, 9);
    assert.equal(getExtension(m, ext_int32), 9);
    clearExtension(m, ext_sub);
    assert.equal(hasExtension(m, ext_sub), false);
    clearExtension(m, ext_unpacked);
    setExtension(m, ext_packed, []);
    assert.equal(hasExtension(m, ext_packed), false);
    assert.equal(getExtension(m, ext_string), "héllo");
  });

  it("return message values as the generated types, merging repeated records", () => {
    const m = Extendable.create();
    setExtension(m, Scope_scoped_self, { note: "x" });
    const self: Scope = getExtension(m, Scope_scoped_self);
    assert.deepEqual(Scope.encode(self), Scope.encode({ note: "x" }));
    // Two records of one singular message extension merge, as the binary format says.
    const merged = Extendable.decode(Uint8Array.from([...Extendable.encode(setSub({ a: 1 })), ...Extendable.encode(setSub({ b: "b" }))]));
    assert.deepEqual({ ...getExtension(merged, ext_sub) }, { a: 1, b: "b" });
    assert.equal(merged[UnknownFields]?.length, 11, "both records kept as they came (5 and 6 bytes)");
  });

  it("reject a value of the wrong type with a ProtobufError", () => {
    const m = Extendable.create();
    assert.throws(() => setExtension(m, ext_int32, "x" as unknown as number), ProtobufError);
    assert.equal(hasExtension(m, ext_int32), false);
    setExtension(m, ext_int32, 5);
    assert.throws(() => setExtension(m, ext_int32, "x" as unknown as number), ProtobufError);
    assert.equal(getExtension(m, ext_int32), 5, "a failed set leaves the value it had");
  });

  it("convert 64-bit values for the long option", () => {
    const asString = defineExtension<Extendable, string>(file_diff2, "spindle.diff2.ext_sint64", 101, Extendable, { long: "string" });
    const listAsNumber = defineExtension<Extendable, number[]>(file_diff2, "spindle.diff2.ext_packed", 106, Extendable, { long: "number" });
    const m = Extendable.create();
    setExtension(m, asString, "-42");
    setExtension(m, listAsNumber, [1, 2]);
    assert.equal(getExtension(m, asString), "-42");
    assert.equal(reflectGetExtension(m, ext_sint64.desc), -42n);
    assert.deepEqual(getExtension(m, listAsNumber), [1, 2]);
    assert.deepEqual(getExtension(m, ext_packed), [1n, 2n]);
    for (const bad of ["1.5", "x", ""]) {
      assert.throws(() => setExtension(m, asString, bad), /cannot set extension spindle\.diff2\.ext_sint64: expected a 64-bit integer as a string, got "/, bad);
    }
    assert.throws(() => setExtension(m, listAsNumber, [1.5]), (e: unknown) => e instanceof ProtobufError && /got 1\.5$/.test(e.message));
    assert.equal(getExtension(m, asString), "-42", "a failed set leaves the value");
  });
});

function setSub(sub: { a?: number; b?: string }): Extendable {
  const m = Extendable.create();
  setExtension(m, ext_sub, sub);
  return m;
}

describe("extension values through generated codecs", () => {
  it("encode to what protoc decodes as the same extensions", () => {
    const bytes = Extendable.encode(fullMessage());
    assert.equal(protoc(["--decode=spindle.diff2.Extendable", "diff2.proto"], bytes).toString(), fullText);
  });

  it("decode what protoc encodes, and re-encode it to bytes protoc reads back the same", () => {
    const bytes = protoc(["--encode=spindle.diff2.Extendable", "diff2.proto"], fullText);
    const m = Extendable.decode(bytes);
    assertFull(m);
    assert.equal(protoc(["--decode=spindle.diff2.Extendable", "diff2.proto"], Extendable.encode(m)).toString(), fullText);
  });

  it("survive JSON through the reflection mapping when the registry knows them", () => {
    const m = fullMessage();
    const json = Extendable.toJson(m, { registry: file_diff2.registry });
    assert.equal((json as Record<string, unknown>)["[spindle.diff2.ext_string]"], "héllo");
    assertFull(Extendable.fromJson(json, { registry: file_diff2.registry }));
  });
});

describe("custom options", () => {
  it("read from a service's method, service, message, field and file descriptors", () => {
    const get = opts.Accounts.methods.get.desc;
    assert.equal(getOption(get, opts.http_path), "/v1/accounts/{id}");
    const rule = getOption(get, opts.http);
    assert.equal(rule.get, "/v1/accounts/{id}");
    assert.deepEqual(rule.tags, ["read", "public"]);
    assert.equal(getOption(opts.Accounts.desc, opts.level), opts.Level.LEVEL_HIGH);
    assert.equal(getOption(opts.Account.desc, opts.table_id), -9000000000n);
    const [id, password] = opts.Account.desc.fields;
    assert.equal(getOption(password!, opts.sensitive), true);
    assert.equal(getOption(id!, opts.sensitive), false);
    assert.deepEqual(getOption(opts.file_custom_options.desc, opts.owners), ["team-a", "team-b"]);
  });

  it("read an option that is not set as its default", () => {
    assert.equal(getOption(opts.Accounts.methods.put.desc, opts.http_path), "");
    assert.deepEqual({ ...getOption(opts.Accounts.methods.put.desc, opts.http) }, { get: "", tags: [] });
    assert.equal(opts.Accounts.methods.put.desc?.proto.options, undefined);
  });

  it("work with getExtension on the options message itself", () => {
    const options = opts.Accounts.methods.get.desc!.proto.options!;
    assert.equal(getExtension(options, opts.http_path), "/v1/accounts/{id}");
    assert.equal(hasExtension(options, opts.http), true);
  });

  it("refuse an option of another kind of descriptor", () => {
    assert.throws(() => getOption(opts.Account.desc, opts.http_path), /spindle\.opts\.http_path is an option of google\.protobuf\.MethodOptions, not of a message/);
  });
});
