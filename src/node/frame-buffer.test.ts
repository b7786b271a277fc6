import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createFrameDecoder, encodeFrame } from "../grpc/index.js";
import { encodeFrameBuffer } from "./frame-buffer.js";

describe("encodeFrameBuffer", () => {
  const cases: { name: string; payload: Uint8Array; isCompressed: boolean }[] = [
    { name: "an empty message", payload: new Uint8Array(0), isCompressed: false },
    { name: "a small message", payload: new Uint8Array([8, 1]), isCompressed: false },
    { name: "a compressed message", payload: new Uint8Array([1, 2, 3]), isCompressed: true },
    { name: "a message past the 4 KiB pool limit", payload: new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff), isCompressed: false },
    { name: "a subarray view with an offset", payload: new Uint8Array([9, 9, 1, 2, 3, 9]).subarray(2, 5), isCompressed: false },
  ];
  for (const c of cases) {
    it(`writes the same bytes as encodeFrame for ${c.name}`, () => {
      const got = encodeFrameBuffer(c.payload, c.isCompressed);
      assert.ok(Buffer.isBuffer(got));
      assert.deepEqual(new Uint8Array(got), encodeFrame(c.payload, c.isCompressed), `got ${got.subarray(0, 8).toString("hex")}…`);
    });
  }

  it("gives frames that the frame decoder reads back", () => {
    const a = encodeFrameBuffer(new Uint8Array([1, 2]), false);
    const b = encodeFrameBuffer(new Uint8Array([3]), true);
    const frames = createFrameDecoder({ maxMessageBytes: 100 }).push(Buffer.concat([a, b]));
    assert.deepEqual(
      frames.map((f) => ({ isCompressed: f.isCompressed, payload: [...f.payload] })),
      [
        { isCompressed: false, payload: [1, 2] },
        { isCompressed: true, payload: [3] },
      ],
    );
  });

  it("does not share bytes between frames from the pool", () => {
    const a = encodeFrameBuffer(new Uint8Array([1, 1, 1]), false);
    const b = encodeFrameBuffer(new Uint8Array([2, 2, 2]), false);
    assert.deepEqual([...a], [0, 0, 0, 0, 3, 1, 1, 1]);
    assert.deepEqual([...b], [0, 0, 0, 0, 3, 2, 2, 2]);
  });
});
