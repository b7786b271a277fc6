import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseOptions, resolveOptions } from "./options.js";
import { relativeImport, outputPath, declarationName } from "./names.js";

describe("parseOptions", () => {
  const ok: [string, object][] = [
    ["", {}],
    ["long=string", { long: "string" }],
    ["long=number,import_extension=none", { long: "number", importExtension: "" }],
    ["import_extension=.js, types_only", { importExtension: ".js", typesOnly: true }],
    ["types_only=false", { typesOnly: false }],
    ["runtime_import=../rt/index.js", { runtimeImport: "../rt/index.js" }],
  ];
  for (const [input, want] of ok) {
    it(`parses ${JSON.stringify(input)}`, () => assert.deepEqual(parseOptions(input), want));
  }
  const bad: [string, RegExp][] = [
    ["long=int", /option long: expected bigint, string or number, got "int"/],
    ["import_extension=.mjs", /option import_extension/],
    ["colour=red", /unknown option "colour"/],
    ["types_only=yes", /option types_only/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)} with a clear message`, () => assert.throws(() => parseOptions(input), message));
  }
  it("has defaults that need no options", () => {
    assert.deepEqual(resolveOptions(), {
      long: "bigint",
      importExtension: ".js",
      typesOnly: false,
      runtimeImport: "spindle/runtime/v1",
      wellKnownFromRuntime: true,
    });
  });
});

describe("names", () => {
  it("mirrors .proto paths and computes relative imports", () => {
    assert.equal(outputPath("shop/v1/shop.proto"), "shop/v1/shop.ts");
    const cases: [string, string, string, string][] = [
      ["a/b/x.ts", "a/b/y.ts", ".js", "./y.js"],
      ["a/b/x.ts", "a/c/y.ts", ".js", "../c/y.js"],
      ["x.ts", "a/y.ts", "", "./a/y"],
      ["a/b/c/x.ts", "y.ts", ".js", "../../../y.js"],
    ];
    for (const [from, to, ext, want] of cases) assert.equal(relativeImport(from, to, ext), want, `${from} → ${to}`);
  });

  it("names nested declarations after their path in the package and escapes reserved names", () => {
    const file = { packageName: "p.q" } as never;
    assert.equal(declarationName({ typeName: "p.q.Outer.Inner", file } as never), "Outer_Inner");
    assert.equal(declarationName({ typeName: "p.q.Object", file } as never), "Object$");
  });
});
