import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeStatusDetailsBin, Metadata, RpcError, Status } from "../grpc/index.js";
import { readStatus } from "./read-status.js";

describe("readStatus", () => {
  const md = new Metadata({ "x-t": "1" });
  const cases: [string, Record<string, string>, Status | undefined, string][] = [
    ["OK", { "grpc-status": "0" }, undefined, ""],
    ["a status with a percent-encoded message", { "grpc-status": "5", "grpc-message": "not %E2%98%BA here%20" }, Status.NOT_FOUND, "not ☺ here "],
    ["a status without message", { "grpc-status": "14" }, Status.UNAVAILABLE, ""],
    ["a malformed percent-encoding, kept as sent", { "grpc-status": "2", "grpc-message": "100%" }, Status.UNKNOWN, "100%"],
    ["a missing grpc-status", {}, Status.UNKNOWN, "missing grpc-status in trailers"],
    ["a non-numeric grpc-status", { "grpc-status": "OK" }, Status.UNKNOWN, 'invalid grpc-status "OK"'],
    ["a code beyond 16", { "grpc-status": "42", "grpc-message": "odd" }, Status.UNKNOWN, "unknown status code 42: odd"],
  ];
  for (const [what, headers, code, message] of cases) {
    it(`reads ${what}`, () => {
      const got = readStatus(headers, md);
      if (code === undefined) return assert.equal(got, undefined);
      assert.ok(got instanceof RpcError);
      assert.equal(Status[got.code], Status[code]);
      assert.equal(got.rawMessage, message);
      assert.equal(got.metadata.get("x-t"), "1");
    });
  }

  it("decodes details whose code matches grpc-status and drops the others", () => {
    const bin = encodeStatusDetailsBin(new RpcError(Status.INVALID_ARGUMENT, "bad", { details: [{ typeName: "google.rpc.BadRequest", value: { fieldViolations: [{ field: "id", description: "empty" }] } }] }))!;
    const ok = readStatus({ "grpc-status": "3", "grpc-status-details-bin": bin }, md)!;
    assert.equal(ok.details[0]?.typeName, "google.rpc.BadRequest");
    assert.equal(readStatus({ "grpc-status": "5", "grpc-status-details-bin": bin }, md)!.details.length, 0);
    assert.equal(readStatus({ "grpc-status": "3", "grpc-status-details-bin": "!!" }, md)!.details.length, 0);
  });
});
