import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { seededRandom } from "./testing/seeded-random.js";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("encodeBase64", () => {
  it("emits unpadded standard base64 by default (RFC 4648 vectors)", () => {
    const cases: [string, string, string][] = [
      ["", "", ""],
      ["f", "Zg", "Zg=="],
      ["fo", "Zm8", "Zm8="],
      ["foo", "Zm9v", "Zm9v"],
      ["foob", "Zm9vYg", "Zm9vYg=="],
      ["fooba", "Zm9vYmE", "Zm9vYmE="],
      ["foobar", "Zm9vYmFy", "Zm9vYmFy"],
    ];
    for (const [text, unpadded, padded] of cases) {
      const input = new TextEncoder().encode(text);
      assert.equal(encodeBase64(input), unpadded);
      assert.equal(encodeBase64(input, true), padded);
    }
    assert.equal(encodeBase64(bytes(0xfb, 0xff)), "+/8");
  });
});

describe("decodeBase64", () => {
  it("accepts padded, unpadded and URL-safe input", () => {
    const cases: [string, Uint8Array][] = [
      ["", bytes()],
      ["Zg", bytes(0x66)],
      ["Zg==", bytes(0x66)],
      ["Zm8", bytes(0x66, 0x6f)],
      ["Zm8=", bytes(0x66, 0x6f)],
      ["Zm9v", bytes(0x66, 0x6f, 0x6f)],
      ["+/8", bytes(0xfb, 0xff)],
      ["-_8", bytes(0xfb, 0xff)],
    ];
    for (const [input, want] of cases) assert.deepEqual(decodeBase64(input), want, `decode ${input}`);
  });

  it("rejects what is not base64", () => {
    for (const input of ["Z", "Zg=", "Zg===", "Z=g=", "Zm9v!", "Zm 9v", "Zm9v\n", "é", "=", "Zg==Zg=="]) {
      assert.equal(decodeBase64(input), undefined, `decode ${JSON.stringify(input)}`);
    }
  });

  it("round-trips random bytes of every length up to 64 (seeded)", () => {
    const random = seededRandom(1);
    for (let n = 0; n <= 64; n++) {
      const data = new Uint8Array(n).map(() => Math.floor(random() * 256));
      assert.deepEqual(decodeBase64(encodeBase64(data)), data);
      assert.deepEqual(decodeBase64(encodeBase64(data, true)), data);
      assert.equal(encodeBase64(data, true), Buffer.from(data).toString("base64"));
    }
  });
});
