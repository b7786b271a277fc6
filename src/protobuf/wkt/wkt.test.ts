// Well-known type helpers: Any, Timestamp and Duration.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { anyIs, anyPack, anyUnpack, durationFromMs, durationMs, timestampDate, timestampFromMs, timestampMs, wellKnownRegistry, ProtobufError } from "../index.js";

const Timestamp = wellKnownRegistry.getMessage("google.protobuf.Timestamp")!;
const Duration = wellKnownRegistry.getMessage("google.protobuf.Duration")!;

describe("Any", () => {
  it("packs with the type.googleapis.com URL and unpacks by descriptor or registry", () => {
    const any = anyPack(Timestamp, { seconds: 5n, nanos: 1 });
    assert.equal(any.typeUrl, "type.googleapis.com/google.protobuf.Timestamp");
    assert.deepEqual([...any.value], [0x08, 0x05, 0x10, 0x01]);
    assert.ok(anyIs(any, Timestamp));
    assert.ok(!anyIs(any, Duration));
    assert.deepEqual(anyUnpack(any, Timestamp), { seconds: 5n, nanos: 1 });
    assert.deepEqual(anyUnpack(any, wellKnownRegistry), { seconds: 5n, nanos: 1 });
    assert.equal(anyUnpack(any, Duration), undefined);
    assert.equal(anyUnpack({ typeUrl: "x/unknown.T", value: new Uint8Array() }, wellKnownRegistry), undefined);
  });
  it("reports a value that does not decode", () => {
    assert.throws(() => anyUnpack({ typeUrl: "type.googleapis.com/google.protobuf.Timestamp", value: new Uint8Array([0x08]) }, Timestamp), ProtobufError);
  });
});

describe("Timestamp and Duration", () => {
  const cases: [number, bigint, number][] = [
    [0, 0n, 0],
    [1500, 1n, 500000000],
    [-1500, -2n, 500000000],
    [1700000000123, 1700000000n, 123000000],
  ];
  for (const [ms, seconds, nanos] of cases) {
    it(`converts ${ms} ms to a Timestamp and back`, () => {
      assert.deepEqual(timestampFromMs(ms), { seconds, nanos });
      assert.equal(timestampMs({ seconds, nanos }), ms);
      assert.equal(timestampDate({ seconds, nanos }).getTime(), ms);
    });
  }
  it("gives Durations seconds and nanos of one sign", () => {
    assert.deepEqual(durationFromMs(-1500), { seconds: -1n, nanos: -500000000 });
    assert.deepEqual(durationFromMs(2001), { seconds: 2n, nanos: 1000000 });
    assert.equal(durationMs({ seconds: -1n, nanos: -500000000 }), -1500);
  });
});
