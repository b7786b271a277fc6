import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { addCorsHeaders, preflightResponse } from "./grpc-web-cors.js";
import { resolveGrpcWebOptions, type GrpcWebOptions } from "./grpc-web-options.js";

function cors(options: GrpcWebOptions = {}) {
  const resolved = resolveGrpcWebOptions(options);
  assert.ok(resolved?.cors);
  return resolved.cors;
}

describe("resolveGrpcWebOptions", () => {
  const cases: { name: string; option: boolean | GrpcWebOptions | undefined; want: "off" | "no-cors" | "cors" }[] = [
    { name: "undefined means on, with CORS", option: undefined, want: "cors" },
    { name: "true means on, with CORS", option: true, want: "cors" },
    { name: "false means off", option: false, want: "off" },
    { name: "cors: false keeps gRPC-Web without CORS", option: { cors: false }, want: "no-cors" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = resolveGrpcWebOptions(c.option);
      const kind = got === undefined ? "off" : got.cors === undefined ? "no-cors" : "cors";
      assert.equal(kind, c.want);
    });
  }

  const bad: { name: string; option: unknown; message: RegExp }[] = [
    { name: "a negative maxAgeSec", option: { cors: { maxAgeSec: -1 } }, message: /maxAgeSec/ },
    { name: "a string origin other than *", option: { cors: { allowedOrigins: "http://x" } }, message: /allowedOrigins/ },
    { name: "a number", option: 3, message: /grpcWeb must be/ },
    { name: "a zero headersTimeoutMs", option: { headersTimeoutMs: 0 }, message: /headersTimeoutMs/ },
    { name: "a negative headersTimeoutMs", option: { headersTimeoutMs: -5 }, message: /headersTimeoutMs/ },
    { name: "a NaN headersTimeoutMs", option: { headersTimeoutMs: NaN }, message: /headersTimeoutMs/ },
    { name: "a string headersTimeoutMs", option: { headersTimeoutMs: "100" }, message: /headersTimeoutMs/ },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}`, () => assert.throws(() => resolveGrpcWebOptions(c.option as GrpcWebOptions), c.message));
  }
});

describe("resolveGrpcWebOptions headersTimeoutMs", () => {
  const cases: { name: string; option: GrpcWebOptions; want: number }[] = [
    { name: "defaults to 30 s", option: {}, want: 30_000 },
    { name: "keeps a given value", option: { headersTimeoutMs: 250 }, want: 250 },
    { name: "keeps Infinity (off)", option: { headersTimeoutMs: Infinity }, want: Infinity },
    { name: "turns a value past what timers can wait into Infinity", option: { headersTimeoutMs: 2 ** 31 }, want: Infinity },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(resolveGrpcWebOptions(c.option)?.headersTimeoutMs, c.want));
  }
});

describe("preflightResponse", () => {
  const cases: { name: string; options: GrpcWebOptions; origin: string | undefined; requested: string | undefined; status: number; allowHeaders?: string; credentials?: string }[] = [
    { name: "allows any origin by default and echoes the requested headers", options: {}, origin: "http://a", requested: "Content-Type, X-Grpc-Web, authorization", status: 204, allowHeaders: "content-type, x-grpc-web, authorization" },
    { name: "refuses a request without Origin", options: {}, origin: undefined, requested: undefined, status: 403 },
    { name: "refuses an origin outside the list", options: { cors: { allowedOrigins: ["http://a"] } }, origin: "http://b", requested: undefined, status: 403 },
    { name: "allows an origin the predicate accepts", options: { cors: { allowedOrigins: (o) => o.endsWith(".example") } }, origin: "http://x.example", requested: undefined, status: 204 },
    { name: "refuses a header outside allowedHeaders", options: { cors: { allowedHeaders: ["authorization"] } }, origin: "http://a", requested: "authorization, x-secret", status: 403 },
    { name: "allows the gRPC-Web headers with allowedHeaders", options: { cors: { allowedHeaders: ["authorization"] } }, origin: "http://a", requested: "content-type, x-grpc-web, x-user-agent, grpc-timeout, authorization", status: 204 },
    { name: "sends Allow-Credentials when asked", options: { cors: { allowCredentials: true } }, origin: "http://a", requested: undefined, status: 204, credentials: "true" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = preflightResponse(cors(c.options), c.origin, c.requested);
      assert.equal(got.status, c.status, `got ${got.status}, want ${c.status}`);
      if (c.status === 204) {
        assert.equal(got.headers["access-control-allow-origin"], c.origin);
        assert.equal(got.headers["access-control-allow-methods"], "POST, OPTIONS");
      } else {
        assert.equal(got.headers["access-control-allow-origin"], undefined);
      }
      if (c.allowHeaders !== undefined) assert.equal(got.headers["access-control-allow-headers"], c.allowHeaders);
      assert.equal(got.headers["access-control-allow-credentials"], c.credentials);
    });
  }
});

describe("addCorsHeaders", () => {
  it("exposes the gRPC headers and every metadata header of the response", () => {
    const headers: Record<string, string> = { ":status": "200", "content-type": "application/grpc-web+proto", "x-served-by": "a" };
    addCorsHeaders(cors(), "http://a", headers);
    assert.equal(headers["access-control-allow-origin"], "http://a");
    assert.deepEqual(headers["access-control-expose-headers"]!.split(", ").sort(), ["grpc-accept-encoding", "grpc-encoding", "grpc-message", "grpc-status", "grpc-status-details-bin", "x-served-by"]);
    assert.equal(headers.vary, "Origin");
  });

  it("adds nothing without an Origin, for a refused origin, or with CORS off", () => {
    for (const [c, origin] of [[cors(), undefined], [cors({ cors: { allowedOrigins: [] } }), "http://a"], [undefined, "http://a"]] as const) {
      const headers: Record<string, string> = {};
      addCorsHeaders(c, origin, headers);
      assert.deepEqual(headers, {});
    }
  });
});
