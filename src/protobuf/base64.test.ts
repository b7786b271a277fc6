import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeBase64, encodeBase64 } from "./base64.js";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("encodeBase64", () => {
  const cases: { name: string; input: Uint8Array; options?: Parameters<typeof encodeBase64>[1]; want: string }[] = [
    { name: "empty", input: bytes(), want: "" },
    { name: "one byte pads twice", input: bytes(1), want: "AQ==" },
    { name: "two bytes pad once", input: bytes(1, 2), want: "AQI=" },
    { name: "three bytes need no padding", input: bytes(0, 1, 2), want: "AAEC" },
    { name: "standard alphabet uses + and /", input: bytes(0xfb, 0xff), want: "+/8=" },
    { name: "url-safe alphabet uses - and _", input: bytes(0xfb, 0xff), options: { urlSafe: true }, want: "-_8=" },
    { name: "padding can be left off", input: bytes(1), options: { padding: false }, want: "AQ" },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(encodeBase64(c.input, c.options), c.want, `encodeBase64(${c.input})`));
  }
  it("round-trips every length up to 64 through decodeBase64", () => {
    for (let n = 0; n <= 64; n++) {
      const input = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      for (const options of [{}, { urlSafe: true, padding: false }]) {
        assert.deepEqual(decodeBase64(encodeBase64(input, options)), input);
      }
    }
  });
});

describe("decodeBase64", () => {
  const ok: [string, Uint8Array][] = [
    ["", bytes()],
    ["AQI=", bytes(1, 2)],
    ["AQI", bytes(1, 2)],
    ["AQ==", bytes(1)],
    ["AQ", bytes(1)],
    ["-_", bytes(0xfb)],
    ["+/", bytes(0xfb)],
    ["AAEC", bytes(0, 1, 2)],
  ];
  for (const [input, want] of ok) {
    it(`decodes ${JSON.stringify(input)}`, () => assert.deepEqual(decodeBase64(input), want));
  }
  const bad: [string, RegExp][] = [
    ["A", /cannot encode whole bytes/],
    ["AQI=A", /padding '=' before the end/],
    ["AQ=I", /padding '=' before the end|multiple of 4/],
    ["AQ===", /too much padding/],
    ["AQI==", /multiple of 4/],
    ["AQ I=", /character " " at offset 2/],
    ["AQ\nI", /character "\\n"/],
    ["AQ*I", /character "\*"/],
    ["谷歌", /character "谷"/],
  ];
  for (const [input, want] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => assert.throws(() => decodeBase64(input), want));
  }
});
