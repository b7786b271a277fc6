import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createBase64StreamDecoder, decodeBase64, encodeBase64 } from "./base64.js";
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

describe("createBase64StreamDecoder", () => {
  const data = new Uint8Array(100).map((_, i) => (i * 37) & 0xff);
  // As a grpc-web-text server flushes: each piece encoded on its own, padded.
  const pieces = [data.subarray(0, 1), data.subarray(1, 6), data.subarray(6, 50), data.subarray(50, 52), data.subarray(52)];
  const text = pieces.map((p) => encodeBase64(p, true)).join("");

  function decodeIn(parts: string[]): number[] {
    const decoder = createBase64StreamDecoder();
    const out: number[] = [];
    for (const part of parts) out.push(...decoder.push(part));
    decoder.end();
    return out;
  }

  it("accepts padding in the middle of the stream, at group boundaries", () => {
    assert.match(text.slice(0, -4), /=/);
    assert.deepEqual(decodeIn([text]), Array.from(data));
  });

  it("decodes a stream split at every character", () => {
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(decodeIn([text.slice(0, cut), text.slice(cut)]), Array.from(data), `cut at ${cut}`);
    }
  });

  it("decodes a stream cut into random pieces, skipping line breaks (seeded)", () => {
    const random = seededRandom(99);
    for (let round = 0; round < 100; round++) {
      const parts: string[] = [];
      for (let pos = 0; pos < text.length; ) {
        const n = 1 + Math.floor(random() * 9);
        parts.push(text.slice(pos, pos + n) + (random() < 0.1 ? "\r\n" : ""));
        pos += n;
      }
      assert.deepEqual(decodeIn(parts), Array.from(data));
    }
  });

  it("rejects bad characters, misplaced padding and a truncated end", () => {
    for (const bad of ["Zm9v!AAA", "Z=9v", "Zg=v", "Zm9v===="]) {
      assert.throws(() => createBase64StreamDecoder().push(bad), /invalid base64 text/, bad);
    }
    const decoder = createBase64StreamDecoder();
    decoder.push("Zm9");
    assert.throws(() => decoder.end(), /ended inside a group \(3 characters left\)/);
  });
});
