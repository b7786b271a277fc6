import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseInteger, parseStringAppend } from "./parse-literal.js";
import { Tokenizer, TokenType } from "./tokenizer.js";

function tokens(src: string): { tokens: [TokenType, string, number, number][]; errors: string[] } {
  const errors: string[] = [];
  const t = new Tokenizer(new TextEncoder().encode(src), (l, c, m) => errors.push(`${l}:${c}: ${m}`));
  const out: [TokenType, string, number, number][] = [];
  while (t.next()) out.push([t.current.type, t.current.text, t.current.line, t.current.column]);
  return { tokens: out, errors };
}

describe("Tokenizer", () => {
  const cases: { name: string; src: string; want: [TokenType, string, number, number][]; errors?: string[] }[] = [
    {
      name: "identifiers, symbols and numbers",
      src: "message Foo { int32 a = 0x1F; }",
      want: [
        [TokenType.Identifier, "message", 0, 0],
        [TokenType.Identifier, "Foo", 0, 8],
        [TokenType.Symbol, "{", 0, 12],
        [TokenType.Identifier, "int32", 0, 14],
        [TokenType.Identifier, "a", 0, 20],
        [TokenType.Symbol, "=", 0, 22],
        [TokenType.Integer, "0x1F", 0, 24],
        [TokenType.Symbol, ";", 0, 28],
        [TokenType.Symbol, "}", 0, 30],
      ],
    },
    {
      name: "floats in every form",
      src: "1.5 .5 1e10 2E-3 5.",
      want: [
        [TokenType.Float, "1.5", 0, 0],
        [TokenType.Float, ".5", 0, 4],
        [TokenType.Float, "1e10", 0, 7],
        [TokenType.Float, "2E-3", 0, 12],
        [TokenType.Float, "5.", 0, 17],
      ],
    },
    {
      name: "tabs advance columns to multiples of 8",
      src: "\ta\t b",
      want: [
        [TokenType.Identifier, "a", 0, 8],
        [TokenType.Identifier, "b", 0, 17],
      ],
    },
    {
      name: "comments are skipped",
      src: "a // x\n/* y\n */ b",
      want: [
        [TokenType.Identifier, "a", 0, 0],
        [TokenType.Identifier, "b", 2, 4],
      ],
    },
    {
      name: "strings keep their quotes and escapes",
      src: `"a\\"b" 'c'`,
      want: [
        [TokenType.String, `"a\\"b"`, 0, 0],
        [TokenType.String, `'c'`, 0, 7],
      ],
    },
    {
      name: "octal with a bad digit",
      src: "09",
      want: [[TokenType.Integer, "09", 0, 0]],
      errors: ["0:1: Numbers starting with leading zero must be in octal."],
    },
    {
      name: "number followed by a letter",
      src: "12abc",
      want: [
        [TokenType.Integer, "12", 0, 0],
        [TokenType.Identifier, "abc", 0, 2],
      ],
      errors: ["0:2: Need space between number and identifier."],
    },
    {
      name: "unterminated string",
      src: '"abc\nx',
      want: [
        [TokenType.String, '"abc', 0, 0],
        [TokenType.Identifier, "x", 1, 0],
      ],
      errors: ["0:4: String literals cannot cross line boundaries."],
    },
    {
      name: "nested block comment",
      src: "/* a /* b */ c",
      want: [[TokenType.Identifier, "c", 0, 13]],
      errors: ['0:6: "/*" inside block comment.  Block comments cannot be nested.'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = tokens(c.src);
      assert.deepEqual(got.tokens, c.want);
      assert.deepEqual(got.errors, c.errors ?? []);
    });
  }
});

describe("parseInteger", () => {
  const cases: [string, bigint, bigint | undefined][] = [
    ["0", 10n, 0n],
    ["017", 100n, 15n],
    ["0x1f", 100n, 31n],
    ["18446744073709551615", 0xffffffffffffffffn, 0xffffffffffffffffn],
    ["18446744073709551616", 0xffffffffffffffffn, undefined],
    ["2147483648", 2147483647n, undefined],
  ];
  for (const [text, max, want] of cases) {
    it(`${text} (max ${max}) → ${want}`, () => assert.equal(parseInteger(text, max), want));
  }
});

describe("parseStringAppend", () => {
  const cases: [string, number[]][] = [
    [`"a\\n\\t\\\\"`, [0x61, 0x0a, 0x09, 0x5c]],
    [`"\\101\\0\\377"`, [0x41, 0, 0xff]],
    [`"\\x41\\x4"`, [0x41, 0x04]],
    [`"\\u00e9"`, [0xc3, 0xa9]],
    [`"\\ud83d\\ude00"`, [0xf0, 0x9f, 0x98, 0x80]],
    [`"\\U0001F600"`, [0xf0, 0x9f, 0x98, 0x80]],
    [`'it''s'`, [0x69, 0x74, 0x27, 0x27, 0x73]],
  ];
  for (const [raw, want] of cases) {
    it(`decodes ${raw}`, () => {
      const out: number[] = [];
      parseStringAppend(new TextEncoder().encode(raw), out);
      assert.deepEqual(out, want);
    });
  }
});
