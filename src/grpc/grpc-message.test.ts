import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeGrpcMessage, encodeGrpcMessage } from "./grpc-message.js";
import { seededRandom } from "./testing/seeded-random.js";

describe("encodeGrpcMessage", () => {
  it("percent-encodes '%', controls and non-ASCII as UTF-8, upper-case hex", () => {
    const cases: [string, string][] = [
      ["", ""],
      ["plain text", "plain text"],
      [" !\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~", " !\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~"],
      ["100%", "100%25"],
      ["%25", "%2525"],
      ["\t\r\n", "%09%0D%0A"],
      ["\x00\x1f\x7f", "%00%1F%7F"],
      ["é", "%C3%A9"],
      ["€", "%E2%82%AC"],
      ["😀", "%F0%9F%98%80"],
      ["a\ud800b", "a%EF%BF%BDb"], // a lone surrogate becomes U+FFFD
      // The official interop case special_status_message.
      ["\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n",
        "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A"],
    ];
    for (const [input, want] of cases) assert.equal(encodeGrpcMessage(input), want, `encode ${JSON.stringify(input)}`);
  });
});

describe("decodeGrpcMessage", () => {
  it("decodes valid percent-encoding, any hex case", () => {
    const cases: [string, string][] = [
      ["", ""],
      ["no escapes", "no escapes"],
      ["100%25", "100%"],
      ["%C3%A9", "é"],
      ["%c3%a9", "é"],
      ["%F0%9F%98%80", "😀"],
      ["%09%0A", "\t\n"],
    ];
    for (const [input, want] of cases) assert.equal(decodeGrpcMessage(input), want, `decode ${JSON.stringify(input)}`);
  });

  it("keeps broken escapes as they are and replaces invalid UTF-8, never throwing", () => {
    const cases: [string, string][] = [
      ["%", "%"],
      ["50%", "50%"],
      ["%4", "%4"],
      ["%4g", "%4g"],
      ["%ZZ", "%ZZ"],
      ["%%41", "%A"],
      ["%C3", "\ufffd"],
      ["%FF%FE", "\ufffd\ufffd"],
      ["a%C3b", "a\ufffdb"],
      ["raw \u00c3\u00a9 is UTF-8 read as latin1", "raw é is UTF-8 read as latin1"],
      ["lone \u00e9 byte", "lone \ufffd byte"],
      ["beyond latin1 😀 %41", "beyond latin1 😀 A"],
      ["beyond latin1 ☺ without escapes", "beyond latin1 ☺ without escapes"],
    ];
    for (const [input, want] of cases) assert.equal(decodeGrpcMessage(input), want, `decode ${JSON.stringify(input)}`);
  });

  it("round-trips any well-formed string (seeded random)", () => {
    const random = seededRandom(7);
    const pool = ["a", " ", "%", "\n", "\t", "é", "☺", "😈", "\x7f", "\x00", "Z", "~", "%2"];
    for (let i = 0; i < 500; i++) {
      let s = "";
      const n = Math.floor(random() * 20);
      for (let j = 0; j < n; j++) s += pool[Math.floor(random() * pool.length)]!;
      const encoded = encodeGrpcMessage(s);
      assert.match(encoded, /^[\x20-\x7e]*$/);
      assert.equal(decodeGrpcMessage(encoded), s);
    }
  });
});
