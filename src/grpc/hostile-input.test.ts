// Peer input is hostile (STYLE.md "Errors"): every parser of this folder, fed seeded random garbage, either
// returns a value or throws an RpcError — never another exception, never a hang, never unbounded buffering.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeBase64 } from "./base64.js";
import { parseContentType } from "./content-type.js";
import { createFrameDecoder, encodeFrame, parseTrailersFrame } from "./framing.js";
import { decodeGrpcMessage } from "./grpc-message.js";
import { metadataFromHeaders } from "./metadata.js";
import { RpcError } from "./rpc-error.js";
import { decodeStatusDetails, decodeStatusDetailsBin } from "./status-details.js";
import { parseGrpcStatus } from "./status.js";
import { seededRandom } from "./testing/seeded-random.js";
import { parseTimeout } from "./timeout.js";

const random = seededRandom(0x5eed);
const int = (n: number) => Math.floor(random() * n);
const randomBytes = (n: number) => new Uint8Array(n).map(() => int(256));
const alphabet = "abcAZ09%=+/-_ :,\t\r\n\x00\x7f\u00e9\u00ff\u263a\ud83d\ude00HMSmun";
const randomString = (n: number) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]!).join("");

function onlyRpcErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof RpcError)) throw new Error(`threw ${String(e)} instead of an RpcError`, { cause: e });
  }
}

describe("hostile input", () => {
  it("frame decoder: random bytes in random pieces", () => {
    for (let round = 0; round < 300; round++) {
      const max = int(64);
      const decoder = createFrameDecoder({ maxMessageBytes: max, acceptTrailers: random() < 0.5 });
      // Half the rounds start with valid frames so the decoder gets past the first prefix.
      const valid = random() < 0.5 ? encodeFrame(randomBytes(int(max + 1)), false) : new Uint8Array();
      const data = new Uint8Array([...valid, ...randomBytes(int(200))]);
      onlyRpcErrors(() => {
        for (let pos = 0; pos < data.length; ) {
          const n = 1 + int(20);
          for (const f of decoder.push(data.subarray(pos, pos + n))) assert.ok(f.payload.length <= max);
          assert.ok(decoder.bufferedBytes <= max + 5);
          pos += n;
        }
        decoder.end();
      });
    }
  });

  it("header parsers: random strings", () => {
    for (let i = 0; i < 1500; i++) {
      const s = randomString(int(24));
      assert.equal(typeof decodeGrpcMessage(s), "string");
      const t = parseTimeout(s);
      assert.ok(t === undefined || (t >= 0 && Number.isFinite(t)));
      const code = parseGrpcStatus(s);
      assert.ok(code === undefined || Number.isInteger(code));
      parseContentType(s);
      decodeBase64(s);
      onlyRpcErrors(() => metadataFromHeaders({ [random() < 0.5 ? "x-bin" : "x"]: s, [s]: s }));
      assert.deepEqual(decodeStatusDetailsBin(s, 3).length >= 0, true);
    }
  });

  it("status details and trailers frames: random bytes", () => {
    for (let i = 0; i < 1000; i++) {
      const bytes = randomBytes(int(64));
      onlyRpcErrors(() => decodeStatusDetails(bytes));
      assert.equal(typeof parseTrailersFrame(bytes), "object");
    }
  });
});
