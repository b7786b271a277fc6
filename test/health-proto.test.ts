// The health service's hand-written codecs (src/server/health-proto.ts) against the generated code for the same
// grpc/health/v1/health.proto: the same bytes out, the same values in, and errors for the same bad input.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Health, ServingStatus } from "../src/server/health.js";
import { Health as GenHealth } from "../gen/grpc/health/v1/health.js";

const ours = Health.methods.check;
const generated = GenHealth.methods.check;

/** Hex, for readable failure messages. */
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

describe("Health codecs", () => {
  const requests = ["", "shop.v1.Catalog", "ünïcödé ✓", "x".repeat(300)];
  for (const service of requests) {
    it(`encodes and decodes HealthCheckRequest { service: ${JSON.stringify(service.slice(0, 20))} } as the generated code does`, () => {
      const got = ours.serializeRequest({ service });
      const want = generated.serializeRequest({ service });
      assert.equal(hex(got), hex(want));
      assert.deepEqual(ours.deserializeRequest(want), { service });
    });
  }
  it("encodes a request without `service` as the empty message", () => {
    assert.equal(ours.serializeRequest({}).length, 0);
  });

  // An open enum: numbers beyond SERVICE_UNKNOWN and negative ones survive (10-byte varints for the latter).
  const statuses = [ServingStatus.UNKNOWN, ServingStatus.SERVING, ServingStatus.NOT_SERVING, ServingStatus.SERVICE_UNKNOWN, 7, -1];
  for (const status of statuses) {
    it(`encodes and decodes HealthCheckResponse { status: ${status} } as the generated code does`, () => {
      const got = ours.serializeResponse({ status });
      const want = generated.serializeResponse({ status: status as never });
      assert.equal(hex(got), hex(want));
      assert.deepEqual(ours.deserializeResponse(want), { status });
    });
  }

  const unknownFields: { name: string; bytes: number[]; want: string }[] = [
    { name: "a varint field 2", bytes: [0x10, 0x05, 0x0a, 0x01, 0x61], want: "a" },
    { name: "a fixed32 field 3", bytes: [0x1d, 1, 2, 3, 4, 0x0a, 0x01, 0x62], want: "b" },
    { name: "a fixed64 field 4", bytes: [0x21, 1, 2, 3, 4, 5, 6, 7, 8, 0x0a, 0x01, 0x63], want: "c" },
    { name: "a group field 5", bytes: [0x2b, 0x08, 0x01, 0x2c, 0x0a, 0x01, 0x64], want: "d" },
    { name: "field 1 twice (the last wins)", bytes: [0x0a, 0x01, 0x61, 0x0a, 0x01, 0x65], want: "e" },
  ];
  for (const c of unknownFields) {
    it(`skips ${c.name} in a request, as the generated code does`, () => {
      const bytes = new Uint8Array(c.bytes);
      assert.deepEqual(ours.deserializeRequest(bytes), { service: c.want });
      assert.equal(generated.deserializeRequest(bytes).service, c.want);
    });
  }

  const malformed: { name: string; bytes: number[]; message: RegExp }[] = [
    { name: "a truncated length", bytes: [0x0a, 0x05, 0x61], message: /./ },
    { name: "a truncated tag", bytes: [0x8a], message: /./ },
    { name: "field 1 as a varint", bytes: [0x08, 0x01], message: /wire type/ },
    { name: "invalid UTF-8", bytes: [0x0a, 0x02, 0xc3, 0x28], message: /UTF-8/ },
    { name: "field number 0", bytes: [0x02, 0x00], message: /field number 0/ },
  ];
  for (const c of malformed) {
    it(`rejects a request with ${c.name}, as the generated code does`, () => {
      const bytes = new Uint8Array(c.bytes);
      assert.throws(() => ours.deserializeRequest(bytes), c.message);
      assert.throws(() => generated.deserializeRequest(bytes));
    });
  }
  it("rejects a response whose field 1 is not a varint", () => {
    assert.throws(() => ours.deserializeResponse(new Uint8Array([0x0a, 0x00])), /wire type/);
  });

  it("links its descriptor only when asked for it", () => {
    assert.equal(Health.desc?.typeName, "grpc.health.v1.Health");
    assert.equal(Health.methods.watch.desc?.name, "Watch");
  });
});
