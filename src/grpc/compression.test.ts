import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  acceptEncodingHeader,
  type Compressor,
  decompressPayload,
  findCompressor,
  identity,
  negotiateCompressor,
  parseAcceptEncoding,
} from "./compression.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";

/** A stand-in for a real algorithm: reverses bytes. */
const fake: Compressor = {
  name: "gzip",
  compress: async (d) => d.slice().reverse(),
  decompress: async (d) => d.slice().reverse(),
};

function isRpcError(code: Status, pattern: RegExp) {
  return (e: unknown) => e instanceof RpcError && e.code === code && pattern.test(e.message);
}

describe("parseAcceptEncoding", () => {
  it("splits on commas, trims, drops empty entries", () => {
    const cases: [string | string[] | undefined, string[]][] = [
      [undefined, []],
      ["", []],
      ["gzip", ["gzip"]],
      ["identity,deflate,gzip", ["identity", "deflate", "gzip"]],
      [" gzip , deflate ", ["gzip", "deflate"]],
      ["gzip,,deflate,", ["gzip", "deflate"]],
      [["gzip", "deflate, snappy"], ["gzip", "deflate", "snappy"]],
    ];
    for (const [input, want] of cases) assert.deepEqual(parseAcceptEncoding(input), want, JSON.stringify(input));
  });
});

describe("acceptEncodingHeader", () => {
  it("lists the compressors' names in order", () => {
    assert.equal(acceptEncodingHeader([identity, fake]), "identity,gzip");
    assert.equal(acceptEncodingHeader([]), "");
  });
});

describe("findCompressor", () => {
  it("answers identity for an absent or identity encoding", () => {
    for (const enc of [undefined, "", "identity"]) assert.equal(findCompressor(enc, [fake]), identity);
    assert.equal(findCompressor("gzip", [identity, fake]), fake);
  });

  it("answers an unknown encoding with UNIMPLEMENTED listing the supported ones (doc/compression.md)", () => {
    assert.throws(
      () => findCompressor("snappy", [identity, fake]),
      isRpcError(Status.UNIMPLEMENTED, /"snappy" is not supported \(supported: identity, gzip\)/),
    );
    assert.throws(() => findCompressor("GZIP", [fake]), isRpcError(Status.UNIMPLEMENTED, /"GZIP"/));
  });
});

describe("negotiateCompressor", () => {
  it("compresses only with what the peer announced and we have", () => {
    assert.equal(negotiateCompressor("gzip", ["gzip", "deflate"], [identity, fake]), fake);
    assert.equal(negotiateCompressor("gzip", ["deflate"], [identity, fake]), identity);
    assert.equal(negotiateCompressor("gzip", [], [identity, fake]), identity);
    assert.equal(negotiateCompressor("deflate", ["deflate"], [identity, fake]), identity);
    assert.equal(negotiateCompressor(undefined, ["gzip"], [identity, fake]), identity);
  });
});

describe("decompressPayload", () => {
  it("passes uncompressed payloads through", async () => {
    const payload = new Uint8Array([1, 2]);
    assert.equal(await decompressPayload(payload, false, fake, 10), payload);
    assert.equal(await decompressPayload(payload, false, identity, 10), payload);
  });

  it("decompresses flagged payloads with the call's compressor", async () => {
    assert.deepEqual(await decompressPayload(new Uint8Array([1, 2]), true, fake, 10), new Uint8Array([2, 1]));
  });

  it("fails with INTERNAL when the flag is set without an encoding", async () => {
    await assert.rejects(decompressPayload(new Uint8Array([1]), true, identity, 10), isRpcError(Status.INTERNAL, /compressed/));
  });
});

describe("identity", () => {
  it("returns the data itself and enforces the limit", async () => {
    const data = new Uint8Array([1, 2, 3]);
    assert.equal(await identity.compress(data), data);
    assert.equal(await identity.decompress(data, 3), data);
    await assert.rejects(identity.decompress(data, 2), isRpcError(Status.RESOURCE_EXHAUSTED, /3 vs\. 2/));
  });
});
