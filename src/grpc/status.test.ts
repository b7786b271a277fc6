import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  isStatus,
  parseGrpcStatus,
  Status,
  statusFromHttp2ErrorCode,
  statusFromHttpStatus,
  statusName,
} from "./status.js";

describe("Status", () => {
  it("numbers the 17 canonical codes as doc/statuscodes.md does", () => {
    const want: [Status, number, string][] = [
      [Status.OK, 0, "OK"],
      [Status.CANCELLED, 1, "CANCELLED"],
      [Status.UNKNOWN, 2, "UNKNOWN"],
      [Status.INVALID_ARGUMENT, 3, "INVALID_ARGUMENT"],
      [Status.DEADLINE_EXCEEDED, 4, "DEADLINE_EXCEEDED"],
      [Status.NOT_FOUND, 5, "NOT_FOUND"],
      [Status.ALREADY_EXISTS, 6, "ALREADY_EXISTS"],
      [Status.PERMISSION_DENIED, 7, "PERMISSION_DENIED"],
      [Status.RESOURCE_EXHAUSTED, 8, "RESOURCE_EXHAUSTED"],
      [Status.FAILED_PRECONDITION, 9, "FAILED_PRECONDITION"],
      [Status.ABORTED, 10, "ABORTED"],
      [Status.OUT_OF_RANGE, 11, "OUT_OF_RANGE"],
      [Status.UNIMPLEMENTED, 12, "UNIMPLEMENTED"],
      [Status.INTERNAL, 13, "INTERNAL"],
      [Status.UNAVAILABLE, 14, "UNAVAILABLE"],
      [Status.DATA_LOSS, 15, "DATA_LOSS"],
      [Status.UNAUTHENTICATED, 16, "UNAUTHENTICATED"],
    ];
    for (const [code, number, name] of want) {
      assert.equal(code, number);
      assert.equal(statusName(code), name);
      assert.ok(isStatus(code));
    }
  });

  it("names codes outside the canonical 17 CODE_<n>", () => {
    for (const code of [17, -1, 99, 1.5]) {
      assert.equal(statusName(code), `CODE_${code}`);
      assert.equal(isStatus(code), false);
    }
  });
});

describe("statusFromHttpStatus", () => {
  it("follows doc/http-grpc-status-mapping.md", () => {
    const cases: [number, Status][] = [
      [400, Status.INTERNAL],
      [401, Status.UNAUTHENTICATED],
      [403, Status.PERMISSION_DENIED],
      [404, Status.UNIMPLEMENTED],
      [429, Status.UNAVAILABLE],
      [502, Status.UNAVAILABLE],
      [503, Status.UNAVAILABLE],
      [504, Status.UNAVAILABLE],
      [200, Status.UNKNOWN],
      [500, Status.UNKNOWN],
      [302, Status.UNKNOWN],
      [415, Status.UNKNOWN],
    ];
    for (const [http, want] of cases) assert.equal(statusFromHttpStatus(http), want, `HTTP ${http}`);
  });
});

describe("statusFromHttp2ErrorCode", () => {
  it("follows the RST_STREAM table of PROTOCOL-HTTP2.md", () => {
    const cases: [number, Status][] = [
      [0x0, Status.INTERNAL],
      [0x1, Status.INTERNAL],
      [0x2, Status.INTERNAL],
      [0x3, Status.INTERNAL],
      [0x4, Status.INTERNAL],
      [0x6, Status.INTERNAL],
      [0x7, Status.UNAVAILABLE],
      [0x8, Status.CANCELLED],
      [0x9, Status.INTERNAL],
      [0xa, Status.INTERNAL],
      [0xb, Status.RESOURCE_EXHAUSTED],
      [0xc, Status.PERMISSION_DENIED],
      [0xd, Status.INTERNAL],
    ];
    for (const [code, want] of cases) assert.equal(statusFromHttp2ErrorCode(code), want, `error code ${code}`);
  });
});

describe("parseGrpcStatus", () => {
  it("reads decimal codes and rejects anything else", () => {
    const cases: [string | undefined, number | undefined][] = [
      ["0", 0],
      ["5", 5],
      ["16", 16],
      ["17", 17],
      ["007", 7],
      ["2147483647", 2147483647],
      ["2147483648", undefined],
      [undefined, undefined],
      ["", undefined],
      ["-1", undefined],
      [" 1", undefined],
      ["1 ", undefined],
      ["1.0", undefined],
      ["0x1", undefined],
      ["OK", undefined],
      ["99999999999", undefined],
    ];
    for (const [input, want] of cases) assert.equal(parseGrpcStatus(input), want, `got/want for ${JSON.stringify(input)}`);
  });
});
