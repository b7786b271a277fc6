import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createGeneratedFile } from "./printer.js";

describe("createGeneratedFile", () => {
  it("collects imports per module, sorted, with type-only uses marked", () => {
    const f = createGeneratedFile("a/b.ts", ["// header"]);
    f.print("const x: ", f.importType("T", "./t.js"), " = ", f.import("make", "./t.js"), "();");
    f.print("type Y = ", f.importType("Only", "./only.js"), ";");
    assert.equal(
      f.content(),
      ["// header", 'import type { Only } from "./only.js";', 'import { type T, make } from "./t.js";', "", "const x: T = make();", "type Y = Only;", ""].join("\n"),
    );
  });

  it("aliases an import that clashes with a local declaration or another module's name", () => {
    const f = createGeneratedFile("x.ts");
    f.declare("Message");
    f.print(f.import("Message", "./a.js"), " ", f.import("Message", "./b.js"), " Message");
    assert.equal(
      f.content(),
      ['import { Message as Message$1 } from "./a.js";', 'import { Message as Message$2 } from "./b.js";', "", "Message$1 Message$2 Message", ""].join("\n"),
    );
  });

  it("imports a name used both as a type and a value once, as a value", () => {
    const f = createGeneratedFile("x.ts");
    f.print(f.importType("P", "./p.js"), f.import("P", "./p.js"));
    assert.match(f.content(), /^import \{ P \} from "\.\/p\.js";$/m);
  });
});
