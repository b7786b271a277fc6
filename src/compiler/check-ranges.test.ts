// The range and reserved-name checks of messages and enums, every error of a file in protoc's order. The
// wanted lines are what Debian's protoc 3.21 prints for the same files.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compile } from "./compile.js";
import { formatDiagnostic } from "./diagnostic.js";

describe("checkMessageRanges / checkEnumReserved", () => {
  const cases: { name: string; src: string; want: string[] }[] = [
    {
      name: "error_enum_reserved_ranges_are_inclusive",
      src: 'syntax = "proto2";\nenum E {\n  A = 0;\n  B = 6;\n  reserved 1 to 5, 5 to 7;\n  reserved "X", "X", "A";\n}\n',
      want: [
        "test.proto: Reserved range 5 to 7 overlaps with already-defined range 1 to 5.",
        'test.proto:2:6: Enum value "X" is reserved multiple times.',
        'test.proto:3:3: Enum value "A" is reserved.',
        'test.proto: Enum value "B" uses reserved number 6.',
      ],
    },
    {
      name: "error_message_ranges_are_end_exclusive",
      src: 'syntax = "proto2";\nmessage M {\n  optional int32 a = 3;\n  optional int32 b = 12;\n  reserved 1 to 4, 4 to 6, 20;\n  reserved "c", "c", "b";\n  extensions 10 to 20, 15 to 16;\n}\n',
      want: [
        "test.proto: Reserved range 4 to 6 overlaps with already-defined range 1 to 4.",
        'test.proto:2:9: Field name "c" is reserved multiple times.',
        'test.proto: Field "a" uses reserved number 3.',
        'test.proto:7:14: Extension range 10 to 20 includes field "b" (12).',
        'test.proto:4:18: Field name "b" is reserved.',
        "test.proto:7:14: Extension range 10 to 20 overlaps with reserved range 20 to 20.",
        "test.proto:7:14: Extension range 15 to 16 overlaps with already-defined range 10 to 20.",
        "test.proto: Suggested field numbers for M: 7, 8",
      ],
    },
    {
      name: "ok_adjacent_ranges_do_not_overlap",
      src: 'syntax = "proto2";\nenum E {\n  A = 0;\n  reserved 1 to 4, 5 to 7;\n}\nmessage M {\n  reserved 1 to 4, 5;\n  extensions 6 to 9, 10 to max;\n}\n',
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = compile(["test.proto"], { sources: { "test.proto": c.src }, includeDirs: ["/nonexistent"] });
      const got = r.errors.map(formatDiagnostic);
      assert.deepEqual(got, c.want, `got:\n${got.join("\n")}\nwant:\n${c.want.join("\n")}`);
    });
  }
});
