// `spindle describe`'s printer: .proto syntax rebuilt from descriptors, for proto2 and proto3 shapes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadProto } from "../src/compiler/index.js";
import { printDefinition } from "../src/cli/proto-printer.js";

describe("printDefinition", () => {
  it("prints proto2 labels, nested messages and enums, and maps", () => {
    const registry = loadProto("p2.proto", {
      sources: {
        "p2.proto": `syntax = "proto2";
package p2;
message Outer {
  required string id = 1;
  optional int32 n = 2 [default = 5];
  repeated Inner inner = 3;
  map<int64, Outer> children = 4;
  oneof pick { bytes raw = 5; Color color = 6; }
  message Inner { optional sint64 s = 1; }
  enum Color { RED = 1; BLUE = 2; }
}`,
      },
    });
    assert.equal(
      printDefinition(registry.getMessage("p2.Outer")!),
      [
        "message Outer {",
        "  required string id = 1;",
        "  optional int32 n = 2;",
        "  repeated .p2.Outer.Inner inner = 3;",
        "  map<int64, .p2.Outer> children = 4;",
        "  oneof pick {",
        "    bytes raw = 5;",
        "    .p2.Outer.Color color = 6;",
        "  }",
        "  message Inner {",
        "    optional sint64 s = 1;",
        "  }",
        "  enum Color {",
        "    RED = 1;",
        "    BLUE = 2;",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
});
