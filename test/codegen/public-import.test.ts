// `import public` in generated code: a module re-exports what its publicly imported modules export,
// transitively, with ES module clash rules (own declarations win, ambiguous names are left out). The golden
// files are test/codegen/golden/public/*.ts, from test/codegen/protos/public/*.proto.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { generateFiles } from "../../src/codegen/index.js";
import { createRegistry } from "../../src/protobuf/index.js";
import { getOption, Timestamp as RuntimeTimestamp } from "../../src/runtime/v1/index.js";
import * as base from "./golden/public/base.js";
import * as left from "./golden/public/left.js";
import * as middle from "./golden/public/middle.js";
import * as top from "./golden/public/top.js";
import { Base, Base_Inner, Color, Left, Middle, Timestamp, Top, type Base as BaseType } from "./golden/public/top.js";
import * as user from "./golden/public/user.js";

describe("import public in generated code", () => {
  it("re-exports the publicly imported files' declarations, transitively", () => {
    // top → middle → base: base's declarations are the same objects through top.
    assert.equal(Base, base.Base);
    assert.equal(Base_Inner, base.Base_Inner);
    assert.equal(Color, base.Color);
    assert.equal(top.BaseService, base.BaseService);
    assert.equal(top.file_public_base, base.file_public_base);
    assert.equal(top.label, base.label);
    assert.equal(getOption(Base.desc, top.label), "base");
    assert.equal(Middle, middle.Middle);
    assert.equal(Left, left.Left);
    assert.equal(Top.typeName, "spindle.pub.top.Top");
    // A well-known file publicly imported: its module is the runtime, and only its names are re-exported.
    assert.equal(Timestamp, RuntimeTimestamp);
    assert.equal("Duration" in middle, false);
    assert.equal("defineMessage" in middle, false);
  });

  it("lets a file's own declaration win over a re-exported one of the same name", () => {
    assert.deepEqual(Object.keys(middle.Shadow.create()), ["fromMiddle"]);
    assert.deepEqual(Object.keys(left.Shadow.create()), ["fromBase"]);
  });

  it("leaves out a name two public imports declare differently, but not one reached twice", () => {
    // left.Clash and right.Clash differ; middle.Shadow and base.Shadow (through left and right) differ.
    assert.equal("Clash" in top, false);
    assert.equal("Shadow" in top, false);
    // base.proto is reached through middle, left and right: one declaration, exported once.
    assert.equal(top.Color.COLOR_RED, 1);
  });

  it("gives importers of the re-exporting module working types and codecs", () => {
    const b: BaseType = { name: "b", color: Color.COLOR_RED, inner: { n: 3 } };
    const u = user.User.decode(user.User.encode({ base: b, middle: { at: { seconds: 5n, nanos: 0 } }, color: Color.COLOR_RED }));
    assert.deepEqual(u.base, { ...b, inner: { n: 3 } });
    assert.equal(u.middle?.at?.seconds, 5n);
    assert.deepEqual(user.User.toJson({ base: { name: "b" }, color: Color.COLOR_RED }), { base: { name: "b" }, color: "COLOR_RED" });
  });

  it("re-exports only types under types_only, and nothing from files without public imports", () => {
    const set = {
      file: [
        { name: "a.proto", package: "a", syntax: "proto3", dependency: [], publicDependency: [], weakDependency: [], messageType: [{ name: "A" }], enumType: [{ name: "E", value: [{ name: "E_ZERO", number: 0 }] }], service: [], extension: [] },
        { name: "b.proto", package: "b", syntax: "proto3", dependency: ["a.proto"], publicDependency: [0], weakDependency: [], messageType: [], enumType: [], service: [], extension: [] },
      ],
    };
    const registry = createRegistry(set as never);
    const [a, b] = generateFiles([registry.getFile("a.proto")!, registry.getFile("b.proto")!], { typesOnly: true });
    assert.doesNotMatch(a!.content, /^export \{/m);
    assert.match(b!.content, /^export \{ type A, E \} from "\.\/a\.js";$/m);
    const [, b2] = generateFiles([registry.getFile("a.proto")!, registry.getFile("b.proto")!]);
    assert.match(b2!.content, /^export \{ A, E, file_a \} from "\.\/a\.js";$/m);
  });
});
