import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RpcError, Status, type AnyMethodDefinition } from "../grpc/index.js";
import { addressAttributes, isErrorStatus, methodTelemetryNames, statusOf } from "./rpc-attributes.js";

describe("addressAttributes", () => {
  const cases: { target: string; want: Record<string, unknown> }[] = [
    { target: "localhost:50051", want: { a: "localhost", p: 50051 } },
    { target: "127.0.0.1:8080", want: { a: "127.0.0.1", p: 8080 } },
    { target: "api.example.com", want: { a: "api.example.com", p: 443 } },
    { target: "dns:///api.example.com:9000", want: { a: "api.example.com", p: 9000 } },
    { target: "dns://8.8.8.8/api.example.com", want: { a: "api.example.com", p: 443 } },
    { target: "[::1]:50051", want: { a: "::1", p: 50051 } },
    { target: "[::1]", want: { a: "::1", p: 443 } },
    { target: "::1", want: { a: "::1", p: 443 } },
    { target: "ipv4:10.0.0.1:1,10.0.0.2:2", want: { a: "10.0.0.1", p: 1 } },
    { target: "unix:/tmp/grpc.sock", want: { a: "/tmp/grpc.sock" } },
    { target: "unix:///tmp/grpc.sock", want: { a: "/tmp/grpc.sock" } },
    // An impossible port is no port at all.
    { target: "host:99999", want: { a: "host" } },
  ];
  for (const c of cases) {
    it(`splits ${c.target}`, () => {
      assert.deepEqual(addressAttributes(c.target, "a", "p", 443), c.want);
    });
  }

  it("leaves the port out when none is written and there is no default", () => {
    assert.deepEqual(addressAttributes("10.1.2.3", "a", "p"), { a: "10.1.2.3" });
  });
});

describe("methodTelemetryNames", () => {
  it("names the span package.Service/Method and splits service and method", () => {
    const method = { path: "/shop.v1.Catalog/GetProduct" } as AnyMethodDefinition;
    assert.deepEqual(methodTelemetryNames(method), {
      spanName: "shop.v1.Catalog/GetProduct",
      attributes: { "rpc.system": "grpc", "rpc.service": "shop.v1.Catalog", "rpc.method": "GetProduct" },
    });
  });
});

describe("isErrorStatus", () => {
  const serverErrors = new Set([Status.UNKNOWN, Status.DEADLINE_EXCEEDED, Status.UNIMPLEMENTED, Status.INTERNAL, Status.UNAVAILABLE, Status.DATA_LOSS]);
  for (let code = 0 as Status; code <= 16; code++) {
    it(`${Status[code]}: client ${code !== 0 ? "error" : "ok"}, server ${serverErrors.has(code) ? "error" : "ok"}`, () => {
      assert.equal(isErrorStatus(code, "client"), code !== Status.OK);
      assert.equal(isErrorStatus(code, "server"), serverErrors.has(code));
    });
  }
});

describe("statusOf", () => {
  it("takes an RpcError's code and calls anything else UNKNOWN", () => {
    assert.equal(statusOf(new RpcError(Status.ABORTED, "x")), Status.ABORTED);
    assert.equal(statusOf(new Error("x")), Status.UNKNOWN);
    assert.equal(statusOf("a string"), Status.UNKNOWN);
  });
});
