import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RpcError, Status } from "../grpc/index.js";
import { abortError, errorFromReset, isGrpcContentType } from "./call-errors.js";

describe("errorFromReset", () => {
  const quiet = { channelClosed: false, connectionLost: false };
  const cases: [number, typeof quiet, Status][] = [
    [0x7, quiet, Status.UNAVAILABLE], // REFUSED_STREAM
    [0x8, quiet, Status.CANCELLED], // CANCEL
    [0xb, quiet, Status.RESOURCE_EXHAUSTED], // ENHANCE_YOUR_CALM
    [0xc, quiet, Status.PERMISSION_DENIED], // INADEQUATE_SECURITY
    [0x2, quiet, Status.INTERNAL], // INTERNAL_ERROR
    [0x1, quiet, Status.INTERNAL], // PROTOCOL_ERROR
    [0x0, { channelClosed: false, connectionLost: true }, Status.UNAVAILABLE],
    [0x8, { channelClosed: true, connectionLost: true }, Status.CANCELLED],
  ];
  for (const [code, context, want] of cases) {
    it(`maps RST_STREAM 0x${code.toString(16)}${context.connectionLost ? " on a lost connection" : ""}${context.channelClosed ? " on a closed channel" : ""} to ${Status[want]}`, () => {
      assert.equal(Status[errorFromReset(code, context).code], Status[want]);
    });
  }
});

describe("abortError", () => {
  it("keeps an RpcError reason, maps timeouts to DEADLINE_EXCEEDED and anything else to CANCELLED", () => {
    const mine = new RpcError(Status.ABORTED, "mine");
    assert.equal(abortError(mine), mine);
    assert.equal(abortError(AbortSignal.timeout(0).reason ?? new DOMException("t", "TimeoutError")).code, Status.DEADLINE_EXCEEDED);
    assert.equal(abortError(new DOMException("gone", "AbortError")).code, Status.CANCELLED);
    assert.equal(abortError(new Error("why")).code, Status.CANCELLED);
    assert.equal(abortError("a string").code, Status.CANCELLED);
  });
});

describe("isGrpcContentType", () => {
  const cases: [unknown, boolean][] = [
    ["application/grpc", true],
    ["application/grpc+proto", true],
    ["application/grpc+json", true],
    ["application/grpc;charset=utf-8", true],
    ["application/grpc-web", false],
    ["application/grpc-web+proto", false],
    ["application/json", false],
    ["", false],
    [undefined, false],
  ];
  for (const [value, want] of cases) it(`says ${want} for ${JSON.stringify(value)}`, () => assert.equal(isGrpcContentType(value), want));
});
