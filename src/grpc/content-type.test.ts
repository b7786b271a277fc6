import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { contentTypeFor, type GrpcContentType, parseContentType } from "./content-type.js";

describe("parseContentType", () => {
  it("recognises gRPC and gRPC-Web content-types with their codec", () => {
    const cases: [string, GrpcContentType][] = [
      ["application/grpc", { protocol: "grpc", codec: "proto" }],
      ["application/grpc+proto", { protocol: "grpc", codec: "proto" }],
      ["application/grpc+json", { protocol: "grpc", codec: "json" }],
      ["application/grpc+thrift", { protocol: "grpc", codec: "thrift" }],
      ["Application/GRPC", { protocol: "grpc", codec: "proto" }],
      ["application/grpc; charset=utf-8", { protocol: "grpc", codec: "proto" }],
      [" application/grpc+proto ;x=y", { protocol: "grpc", codec: "proto" }],
      ["application/grpc-web", { protocol: "grpc-web", codec: "proto" }],
      ["application/grpc-web+proto", { protocol: "grpc-web", codec: "proto" }],
      ["application/grpc-web+json", { protocol: "grpc-web", codec: "json" }],
      ["application/grpc-web-text", { protocol: "grpc-web-text", codec: "proto" }],
      ["application/grpc-web-text+proto", { protocol: "grpc-web-text", codec: "proto" }],
    ];
    for (const [value, want] of cases) assert.deepEqual(parseContentType(value), want, value);
  });

  it("rejects everything else", () => {
    const cases = [
      undefined,
      "",
      "application/json",
      "text/plain",
      "application/grpcx",
      "application/grpc-",
      "application/grpc+",
      "application/grpc-webtext",
      "application/grpc-web-text-base64",
      "application/grpc+pro to",
      "xapplication/grpc",
    ];
    for (const value of cases) assert.equal(parseContentType(value), undefined, JSON.stringify(value));
  });
});

describe("contentTypeFor", () => {
  it("writes what other implementations send", () => {
    assert.equal(contentTypeFor("grpc"), "application/grpc");
    assert.equal(contentTypeFor("grpc", "json"), "application/grpc+json");
    assert.equal(contentTypeFor("grpc-web"), "application/grpc-web+proto");
    assert.equal(contentTypeFor("grpc-web-text"), "application/grpc-web-text+proto");
    for (const p of ["grpc", "grpc-web", "grpc-web-text"] as const) assert.equal(parseContentType(contentTypeFor(p))?.protocol, p);
  });
});
