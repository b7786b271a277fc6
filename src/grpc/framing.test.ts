import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  createFrameDecoder,
  encodeFrame,
  encodeFrameHeader,
  encodeTrailersFrame,
  type Frame,
  parseTrailersFrame,
} from "./framing.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";
import { seededRandom } from "./testing/seeded-random.js";

const bytes = (...b: number[]) => new Uint8Array(b);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function isRpcError(code: Status, pattern: RegExp) {
  return (e: unknown) => e instanceof RpcError && e.code === code && pattern.test(e.message);
}

/** Messages of assorted sizes: empty, tiny, compressed, one that crosses many chunks. */
const messages: Frame[] = [
  { isCompressed: false, payload: bytes() },
  { isCompressed: false, payload: bytes(8, 1) },
  { isCompressed: true, payload: bytes(1, 2, 3, 4, 5, 6, 7) },
  { isCompressed: false, payload: new Uint8Array(300).map((_, i) => i & 0xff) },
  { isCompressed: false, payload: bytes(42) },
];
const stream = concat(messages.map((m) => encodeFrame(m.payload, m.isCompressed)));

function plain(frames: Frame[]) {
  return frames.map((f) => ({ isCompressed: f.isCompressed, payload: Array.from(f.payload) }));
}

describe("encodeFrame", () => {
  it("writes a flag byte and a big-endian 4-byte length before the payload", () => {
    const cases: [Uint8Array, boolean, number[]][] = [
      [bytes(), false, [0, 0, 0, 0, 0]],
      [bytes(8, 1), false, [0, 0, 0, 0, 2, 8, 1]],
      [bytes(9), true, [1, 0, 0, 0, 1, 9]],
    ];
    for (const [payload, compressed, want] of cases) assert.deepEqual(Array.from(encodeFrame(payload, compressed)), want);
    assert.deepEqual(Array.from(encodeFrame(new Uint8Array(0x010203), false).subarray(0, 5)), [0, 0, 1, 2, 3]);
    assert.deepEqual(Array.from(encodeFrameHeader(0xfffffffe, 0x80)), [0x80, 0xff, 0xff, 0xff, 0xfe]);
  });
});

describe("createFrameDecoder", () => {
  it("decodes several messages from one chunk", () => {
    const decoder = createFrameDecoder({ maxMessageBytes: 1024 });
    assert.deepEqual(plain(decoder.push(stream)), plain(messages));
    decoder.end();
  });

  it("decodes a stream split at every byte boundary", () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = createFrameDecoder({ maxMessageBytes: 1024 });
      const got = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      assert.deepEqual(plain(got), plain(messages), `cut at ${cut}`);
      assert.equal(decoder.bufferedBytes, 0);
      decoder.end();
    }
  });

  it("decodes a stream fed one byte at a time", () => {
    const decoder = createFrameDecoder({ maxMessageBytes: 1024 });
    const got: Frame[] = [];
    for (let i = 0; i < stream.length; i++) got.push(...decoder.push(stream.subarray(i, i + 1)));
    assert.deepEqual(plain(got), plain(messages));
    decoder.end();
  });

  it("decodes a stream cut into random pieces (seeded)", () => {
    const random = seededRandom(2024);
    for (let round = 0; round < 300; round++) {
      const decoder = createFrameDecoder({ maxMessageBytes: 1024 });
      const got: Frame[] = [];
      let pos = 0;
      while (pos < stream.length) {
        const n = Math.floor(random() * (random() < 0.5 ? 8 : 400));
        got.push(...decoder.push(stream.subarray(pos, pos + n)));
        pos += n;
      }
      assert.deepEqual(plain(got), plain(messages), `round ${round}`);
      decoder.end();
    }
  });

  it("hands out views of the chunk for whole messages and copies for split ones", () => {
    const chunk = encodeFrame(bytes(1, 2, 3), false);
    const [whole] = createFrameDecoder({ maxMessageBytes: 10 }).push(chunk);
    assert.equal(whole!.payload.buffer, chunk.buffer);
    const decoder = createFrameDecoder({ maxMessageBytes: 10 });
    decoder.push(chunk.subarray(0, 6));
    const [split] = decoder.push(chunk.subarray(6));
    assert.notEqual(split!.payload.buffer, chunk.buffer);
    assert.deepEqual(Array.from(split!.payload), [1, 2, 3]);
  });

  it("accepts a message of exactly maxMessageBytes", () => {
    const decoder = createFrameDecoder({ maxMessageBytes: 4 });
    assert.equal(decoder.push(encodeFrame(bytes(1, 2, 3, 4), false)).length, 1);
  });

  it("rejects a message over the limit from its prefix alone, before buffering", () => {
    const cases: [number, number][] = [
      [5, 4],
      [0xffffffff, 4 * 1024 * 1024],
      [4 * 1024 * 1024 + 1, 4 * 1024 * 1024],
      [1, 0],
    ];
    for (const [length, max] of cases) {
      const decoder = createFrameDecoder({ maxMessageBytes: max });
      assert.throws(
        () => decoder.push(encodeFrameHeader(length, 0)),
        isRpcError(Status.RESOURCE_EXHAUSTED, new RegExp(`larger than max \\(${length} vs\\. ${max} bytes\\)`)),
      );
      assert.equal(decoder.bufferedBytes, 0);
    }
  });

  it("checks the limit when the prefix itself is split", () => {
    const decoder = createFrameDecoder({ maxMessageBytes: 100 });
    const header = encodeFrameHeader(101, 0);
    assert.deepEqual(decoder.push(header.subarray(0, 2)), []);
    assert.throws(() => decoder.push(header.subarray(2)), isRpcError(Status.RESOURCE_EXHAUSTED, /101 vs\. 100/));
  });

  it("rejects flag values other than 0 and 1 with INTERNAL", () => {
    for (const flags of [2, 3, 0x7f, 0x80, 0x81, 0xff]) {
      const decoder = createFrameDecoder({ maxMessageBytes: 10 });
      assert.throws(
        () => decoder.push(encodeFrameHeader(0, flags)),
        isRpcError(Status.INTERNAL, new RegExp(`invalid message flags 0x${flags.toString(16).padStart(2, "0")}`)),
      );
    }
  });

  it("refuses a limit that is not a non-negative number", () => {
    for (const max of [Number.NaN, -1, "4" as unknown as number, undefined as unknown as number]) {
      assert.throws(() => createFrameDecoder({ maxMessageBytes: max }), /maxMessageBytes must be a non-negative number/);
    }
    assert.equal(createFrameDecoder({ maxMessageBytes: Infinity }).push(encodeFrame(bytes(1), false)).length, 1);
  });

  it("stays failed after an error", () => {
    const decoder = createFrameDecoder({ maxMessageBytes: 10 });
    assert.throws(() => decoder.push(encodeFrameHeader(0, 9)), /invalid message flags/);
    assert.throws(() => decoder.push(encodeFrame(bytes(1), false)), /invalid message flags/);
    assert.throws(() => decoder.end(), /invalid message flags/);
  });

  it("reports a stream that ends inside a message as INTERNAL", () => {
    const frame = encodeFrame(bytes(1, 2, 3), false);
    for (let cut = 1; cut < frame.length; cut++) {
      const decoder = createFrameDecoder({ maxMessageBytes: 10 });
      assert.deepEqual(decoder.push(frame.subarray(0, cut)), []);
      assert.equal(decoder.bufferedBytes, cut);
      assert.throws(() => decoder.end(), isRpcError(Status.INTERNAL, /truncated message/), `cut at ${cut}`);
    }
    const ok = createFrameDecoder({ maxMessageBytes: 10 });
    ok.end(); // an empty stream is fine
  });

  it("accepts gRPC-Web trailers frames only when asked", () => {
    const trailers = encodeTrailersFrame({ "grpc-status": "0" });
    const data = encodeFrame(bytes(7), false);
    const decoder = createFrameDecoder({ maxMessageBytes: 100, acceptTrailers: true });
    const frames = decoder.push(concat([data, trailers]));
    assert.equal(frames.length, 2);
    assert.equal(frames[0]!.isTrailers, undefined);
    assert.equal(frames[1]!.isTrailers, true);
    assert.equal(frames[1]!.isCompressed, false);
    assert.deepEqual(parseTrailersFrame(frames[1]!.payload), { "grpc-status": "0" });
    const compressedTrailers = createFrameDecoder({ maxMessageBytes: 100, acceptTrailers: true }).push(encodeFrameHeader(0, 0x81));
    assert.equal(compressedTrailers[0]!.isCompressed, true);
    assert.throws(() => createFrameDecoder({ maxMessageBytes: 100 }).push(trailers), /invalid message flags 0x80/);
  });
});

describe("trailers frames", () => {
  it("encode as an HTTP/1 header block with flag 0x80", () => {
    const frame = encodeTrailersFrame({ "grpc-status": "3", "Grpc-Message": "bad%20id", "x-list": ["a", "b"] });
    assert.equal(frame[0], 0x80);
    const text = new TextDecoder().decode(frame.subarray(5));
    assert.equal(text, "grpc-status: 3\r\ngrpc-message: bad%20id\r\nx-list: a\r\nx-list: b\r\n");
    assert.equal(new DataView(frame.buffer).getUint32(1), text.length);
  });

  it("parse leniently: case, whitespace, bare LF, repeated names, junk lines", () => {
    const payload = new TextEncoder().encode("Grpc-Status:0\r\ngrpc-message:  ok  \nx: 1\r\nx: 2\r\nno colon here\r\n: empty name\r\n\r\n");
    assert.deepEqual(parseTrailersFrame(payload), { "grpc-status": "0", "grpc-message": "ok", x: ["1", "2"] });
    assert.deepEqual(parseTrailersFrame(new Uint8Array()), {});
  });
});
