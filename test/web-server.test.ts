// gRPC-Web on the server's own port, spoken raw: HTTP/1.1 through fetch and HTTP/2 through node:http2, binary
// and text, unary and server streaming, errors as trailers-only, deadlines, CORS (grpc/grpc doc/PROTOCOL-WEB.md).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import * as net from "node:net";
import * as https from "node:https";
import { Status } from "../src/grpc/index.js";
import { createChannel, createClient } from "../src/client/index.js";
import { Catalog } from "../gen/shop.js";
import type { Server } from "../src/server/index.js";
import { BINARY_TRAILER, TOKEN, certs, decodeTextBody, frame, parseWebBody, startWebServer } from "./web-helpers.js";

const getProduct = Catalog.methods.getProduct;
const listProducts = Catalog.methods.listProducts;
const auth = { authorization: `Bearer ${TOKEN}` };

function unaryBody(id: string): Uint8Array<ArrayBuffer> {
  return frame(getProduct.serializeRequest({ id }));
}

describe("gRPC-Web over HTTP/1.1", () => {
  let server: Server;
  let baseUrl: string;
  before(async () => ({ server, baseUrl } = await startWebServer()));
  after(() => server.shutdown({ graceMs: 1000 }));

  async function post(path: string, body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string>): Promise<Response> {
    return fetch(baseUrl + path, { method: "POST", body, headers: { "x-grpc-web": "1", ...headers } });
  }

  it("answers a binary unary call with the message, then a trailers frame (flag 0x80) holding grpc-status 0", async () => {
    const res = await post(getProduct.path, unaryBody("p1"), { "content-type": "application/grpc-web+proto", ...auth });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/grpc-web+proto");
    assert.equal(res.headers.get("grpc-status"), null, "status belongs in the trailers frame");
    const body = parseWebBody(new Uint8Array(await res.arrayBuffer()));
    assert.equal(body.messages.length, 1);
    assert.deepEqual(getProduct.deserializeResponse(body.messages[0]!), { id: "p1", name: "Spindle", price: 1200 });
    assert.deepEqual(body.trailers, { "grpc-status": "0" });
  });

  it("accepts application/grpc-web without +proto and answers in kind", async () => {
    const res = await post(getProduct.path, unaryBody("p2"), { "content-type": "application/grpc-web", ...auth });
    assert.equal(res.headers.get("content-type"), "application/grpc-web+proto");
    assert.equal(parseWebBody(new Uint8Array(await res.arrayBuffer())).messages.length, 1);
  });

  it("decodes a base64 text request and answers in base64, each frame padded on its own", async () => {
    const text = Buffer.from(unaryBody("p3")).toString("base64");
    const res = await post(getProduct.path, text, { "content-type": "application/grpc-web-text+proto", ...auth });
    assert.equal(res.headers.get("content-type"), "application/grpc-web-text+proto");
    const raw = await res.text();
    assert.match(raw, /^[A-Za-z0-9+/=]+$/);
    const body = parseWebBody(decodeTextBody(raw));
    assert.equal(getProduct.deserializeResponse(body.messages[0]!).name, "Shuttle");
    assert.equal(body.trailers?.["grpc-status"], "0");
  });

  it("answers a binary request in base64 when Accept asks for application/grpc-web-text", async () => {
    const res = await post(getProduct.path, unaryBody("p2"), { "content-type": "application/grpc-web+proto", accept: "application/grpc-web-text", ...auth });
    assert.equal(res.headers.get("content-type"), "application/grpc-web-text+proto");
    const body = parseWebBody(decodeTextBody(await res.text()));
    assert.equal(getProduct.deserializeResponse(body.messages[0]!).name, "Bobbin");
  });

  it("accepts a text request split inside base64 groups and with padding between frames", async () => {
    const a = Buffer.from(unaryBody("p4")).toString("base64");
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < a.length; i += 3) c.enqueue(new TextEncoder().encode(a.slice(i, i + 3)));
        c.close();
      },
    });
    const res = await fetch(baseUrl + getProduct.path, { method: "POST", body: stream, duplex: "half", headers: { "content-type": "application/grpc-web-text", ...auth } } as RequestInit);
    const body = parseWebBody(decodeTextBody(await res.text()));
    assert.equal(getProduct.deserializeResponse(body.messages[0]!).name, "Loom");
  });

  it("streams server-streaming responses as frames, then the trailers", async () => {
    const res = await post(listProducts.path, frame(listProducts.serializeRequest({})), { "content-type": "application/grpc-web+proto", ...auth });
    const body = parseWebBody(new Uint8Array(await res.arrayBuffer()));
    assert.deepEqual(body.messages.map((m) => listProducts.deserializeResponse(m).id), ["p1", "p2", "p3", "p4"]);
    assert.equal(body.trailers?.["grpc-status"], "0");
  });

  const errorCases: { name: string; id: string; headers: Record<string, string>; code: Status; message: RegExp }[] = [
    { name: "NOT_FOUND from the handler", id: "nope", headers: auth, code: Status.NOT_FOUND, message: /no product with id "nope"/ },
    { name: "UNAUTHENTICATED without a token", id: "p1", headers: {}, code: Status.UNAUTHENTICATED, message: /bearer token/ },
  ];
  for (const c of errorCases) {
    it(`sends ${c.name} trailers-only: status in the headers, empty body`, async () => {
      const res = await post(getProduct.path, unaryBody(c.id), { "content-type": "application/grpc-web+proto", ...c.headers });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("grpc-status"), String(c.code));
      assert.match(decodeURIComponent(res.headers.get("grpc-message") ?? ""), c.message);
      assert.equal((await res.arrayBuffer()).byteLength, 0);
    });
  }

  it("carries rich error details (grpc-status-details-bin) and error metadata", async () => {
    const res = await post(getProduct.path, unaryBody("rich"), { "content-type": "application/grpc-web+proto", ...auth });
    assert.equal(res.headers.get("grpc-status"), String(Status.FAILED_PRECONDITION));
    assert.ok((res.headers.get("grpc-status-details-bin") ?? "").length > 0);
    assert.equal(res.headers.get("x-reason"), "frozen");
    await res.arrayBuffer();
  });

  it("sends custom response headers as headers and custom trailers inside the trailers frame", async () => {
    const res = await post(getProduct.path, unaryBody("hdr"), { "content-type": "application/grpc-web+proto", ...auth });
    assert.equal(res.headers.get("x-served-by"), "catalog-1");
    const body = parseWebBody(new Uint8Array(await res.arrayBuffer()));
    assert.equal(body.trailers?.["x-trailer"], "done");
  });

  for (const format of ["binary", "text"] as const) {
    it(`keeps -bin trailers base64 inside the ${format} trailers frame, as Envoy sends them`, async () => {
      const contentType = format === "text" ? "application/grpc-web-text+proto" : "application/grpc-web+proto";
      const request = format === "text" ? Buffer.from(unaryBody("hdr")).toString("base64") : unaryBody("hdr");
      const res = await post(getProduct.path, request, { "content-type": contentType, ...auth });
      const body = parseWebBody(format === "text" ? decodeTextBody(await res.text()) : new Uint8Array(await res.arrayBuffer()));
      assert.equal(body.trailers?.["x-trailer-bin"], Buffer.from(BINARY_TRAILER).toString("base64").replace(/=+$/, ""));
    });
  }

  it("enforces grpc-timeout: a slow stream ends with DEADLINE_EXCEEDED in the trailers", async () => {
    const res = await post(listProducts.path, frame(listProducts.serializeRequest({ category: "slow" })), { "content-type": "application/grpc-web+proto", "grpc-timeout": "150m", ...auth });
    const body = parseWebBody(new Uint8Array(await res.arrayBuffer()));
    assert.ok(body.messages.length < 4);
    assert.equal(body.trailers?.["grpc-status"], String(Status.DEADLINE_EXCEEDED));
  });

  const refusals: { name: string; method: string; path: string; contentType: string; body: string | Uint8Array<ArrayBuffer>; httpStatus: number; grpcStatus: Status }[] = [
    { name: "an unknown method → UNIMPLEMENTED", method: "POST", path: "/shop.v1.Catalog/Nope", contentType: "application/grpc-web", body: unaryBody("p1"), httpStatus: 200, grpcStatus: Status.UNIMPLEMENTED },
    { name: "broken base64 in a text request → INTERNAL", method: "POST", path: getProduct.path, contentType: "application/grpc-web-text", body: "!!!!", httpStatus: 200, grpcStatus: Status.INTERNAL },
    { name: "a truncated frame → INTERNAL", method: "POST", path: getProduct.path, contentType: "application/grpc-web", body: unaryBody("p1").subarray(0, 6), httpStatus: 200, grpcStatus: Status.INTERNAL },
    { name: "gRPC (not -web) over HTTP/1.1 → 415", method: "POST", path: getProduct.path, contentType: "application/grpc", body: unaryBody("p1"), httpStatus: 415, grpcStatus: Status.INVALID_ARGUMENT },
    { name: "a JSON codec → 415", method: "POST", path: getProduct.path, contentType: "application/grpc-web+json", body: "{}", httpStatus: 415, grpcStatus: Status.INVALID_ARGUMENT },
    { name: "a GET → 405", method: "GET", path: "/", contentType: "text/plain", body: "", httpStatus: 405, grpcStatus: Status.INTERNAL },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name}`, async () => {
      const res = await fetch(baseUrl + c.path, { method: c.method, headers: { "content-type": c.contentType, ...auth }, ...(c.method === "GET" ? {} : { body: c.body }) });
      await res.arrayBuffer();
      assert.equal(res.status, c.httpStatus);
      assert.equal(res.headers.get("grpc-status"), String(c.grpcStatus), `grpc-message: ${res.headers.get("grpc-message")}`);
    });
  }

  it("answers a CORS preflight with the allowances, and labels the response for the page's origin", async () => {
    const pre = await fetch(baseUrl + getProduct.path, {
      method: "OPTIONS",
      headers: { origin: "http://page.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-grpc-web,x-user-agent,authorization,grpc-timeout" },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), "http://page.example");
    assert.match(pre.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.match(pre.headers.get("access-control-allow-headers") ?? "", /authorization/);
    assert.equal(pre.headers.get("access-control-max-age"), "7200");
    const res = await post(getProduct.path, unaryBody("hdr"), { "content-type": "application/grpc-web+proto", origin: "http://page.example", ...auth });
    await res.arrayBuffer();
    assert.equal(res.headers.get("access-control-allow-origin"), "http://page.example");
    const exposed = (res.headers.get("access-control-expose-headers") ?? "").split(/,\s*/);
    for (const h of ["grpc-status", "grpc-message", "grpc-status-details-bin", "x-served-by"]) assert.ok(exposed.includes(h), `${h} exposed in ${exposed.join(",")}`);
  });

  it("still serves gRPC over HTTP/2 on the same port", async () => {
    const channel = createChannel(baseUrl.slice("http://".length));
    try {
      const p = await createClient(Catalog, channel).getProduct({ id: "p2" }, { metadata: auth });
      assert.equal(p.name, "Bobbin");
    } finally {
      channel.close();
    }
  });
});

describe("gRPC-Web over HTTP/2", () => {
  let server: Server;
  let baseUrl: string;
  let session: http2.ClientHttp2Session;
  before(async () => {
    ({ server, baseUrl } = await startWebServer());
    session = http2.connect(baseUrl);
  });
  after(async () => {
    session.close();
    await server.shutdown({ graceMs: 1000 });
  });

  function request(headers: http2.OutgoingHttpHeaders, body: Uint8Array | string): Promise<{ headers: http2.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = session.request({ ":method": "POST", ...headers });
      let responseHeaders: http2.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      req.on("response", (h) => (responseHeaders = h));
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve({ headers: responseHeaders, body: Buffer.concat(chunks) }));
      req.on("error", reject);
      req.end(body);
    });
  }

  for (const format of ["binary", "text"] as const) {
    it(`answers a ${format} unary call with a trailers frame, not HTTP/2 trailers`, async () => {
      const contentType = format === "text" ? "application/grpc-web-text+proto" : "application/grpc-web+proto";
      const raw = unaryBody("p1");
      const res = await request({ ":path": getProduct.path, "content-type": contentType, ...auth }, format === "text" ? Buffer.from(raw).toString("base64") : raw);
      assert.equal(res.headers[":status"], 200);
      assert.equal(res.headers["content-type"], contentType);
      const bytes = format === "text" ? decodeTextBody(res.body.toString("latin1")) : new Uint8Array(res.body);
      const body = parseWebBody(bytes);
      assert.equal(getProduct.deserializeResponse(body.messages[0]!).name, "Spindle");
      assert.equal(body.trailers?.["grpc-status"], "0");
    });
  }

  it("streams server-streaming responses", async () => {
    const res = await request({ ":path": listProducts.path, "content-type": "application/grpc-web", ...auth }, frame(listProducts.serializeRequest({})));
    const body = parseWebBody(new Uint8Array(res.body));
    assert.equal(body.messages.length, 4);
  });

  it("sends errors trailers-only", async () => {
    const res = await request({ ":path": getProduct.path, "content-type": "application/grpc-web", ...auth }, unaryBody("none"));
    assert.equal(res.headers["grpc-status"], String(Status.NOT_FOUND));
    assert.equal(res.body.length, 0);
  });

  it("answers a CORS preflight", async () => {
    const res = await new Promise<http2.IncomingHttpHeaders>((resolve, reject) => {
      const req = session.request({ ":method": "OPTIONS", ":path": getProduct.path, origin: "http://page.example", "access-control-request-method": "POST" });
      req.on("response", resolve);
      req.on("error", reject);
      req.resume();
      req.end();
    });
    assert.equal(res[":status"], 204);
    assert.equal(res["access-control-allow-origin"], "http://page.example");
  });
});

describe("gRPC-Web over TLS", () => {
  it("serves gRPC-Web over HTTP/1.1 (ALPN http/1.1) and HTTP/2 (ALPN h2) on the same TLS port", async () => {
    const { ca, key, cert } = certs();
    const { server, port } = await startWebServer({ tls: { key, cert } });
    try {
      const h1 = await new Promise<{ status: number | undefined; alpn: string | false | null; body: Buffer }>((resolve, reject) => {
        const req = https.request(
          { host: "127.0.0.1", port, path: getProduct.path, method: "POST", ca, servername: "localhost", agent: false, headers: { "content-type": "application/grpc-web+proto", ...auth } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode, alpn: (res.socket as import("node:tls").TLSSocket).alpnProtocol, body: Buffer.concat(chunks) }));
          },
        );
        req.on("error", reject);
        req.end(unaryBody("p1"));
      });
      assert.equal(h1.status, 200);
      const body = parseWebBody(new Uint8Array(h1.body));
      assert.equal(getProduct.deserializeResponse(body.messages[0]!).name, "Spindle");
      assert.equal(body.trailers?.["grpc-status"], "0");
      const session = http2.connect(`https://localhost:${port}`, { ca });
      try {
        const h2body = await new Promise<Buffer>((resolve, reject) => {
          const req = session.request({ ":method": "POST", ":path": getProduct.path, "content-type": "application/grpc-web", ...auth });
          const chunks: Buffer[] = [];
          req.on("data", (c: Buffer) => chunks.push(c));
          req.on("end", () => resolve(Buffer.concat(chunks)));
          req.on("error", reject);
          req.end(unaryBody("p2"));
        });
        assert.equal(getProduct.deserializeResponse(parseWebBody(new Uint8Array(h2body)).messages[0]!).name, "Bobbin");
      } finally {
        session.close();
      }
    } finally {
      await server.shutdown({ graceMs: 1000 });
    }
  });
});

describe("gRPC-Web options", () => {
  it("grpcWeb: false serves gRPC only: gRPC-Web over HTTP/2 gets 415 and HTTP/1.1 is not spoken", async () => {
    const { server, baseUrl, port } = await startWebServer({ grpcWeb: false });
    const session = http2.connect(baseUrl);
    try {
      const status = await new Promise<unknown>((resolve, reject) => {
        const req = session.request({ ":method": "POST", ":path": getProduct.path, "content-type": "application/grpc-web" });
        req.on("response", (h) => resolve(h[":status"]));
        req.on("error", reject);
        req.resume();
        req.end(unaryBody("p1"));
      });
      assert.equal(status, 415);
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.write("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n"));
        let data = "";
        socket.on("data", (c) => (data += c.toString("latin1")));
        socket.on("close", () => resolve(data));
        socket.on("error", () => resolve(data));
      });
      assert.ok(!reply.startsWith("HTTP/1.1"), `got an HTTP/1.1 answer: ${reply.slice(0, 40)}`);
    } finally {
      session.close();
      await server.shutdown({ graceMs: 500 });
    }
  });

  it("an origin outside cors.allowedOrigins gets 403 on preflight and no CORS headers on calls", async () => {
    const { server, baseUrl } = await startWebServer({ grpcWeb: { cors: { allowedOrigins: ["http://good.example"] } } });
    try {
      const bad = await fetch(baseUrl + getProduct.path, { method: "OPTIONS", headers: { origin: "http://evil.example", "access-control-request-method": "POST" } });
      assert.equal(bad.status, 403);
      const good = await fetch(baseUrl + getProduct.path, { method: "OPTIONS", headers: { origin: "http://good.example", "access-control-request-method": "POST" } });
      assert.equal(good.status, 204);
      const res = await fetch(baseUrl + getProduct.path, { method: "POST", body: unaryBody("p1"), headers: { "content-type": "application/grpc-web", origin: "http://evil.example", ...auth } });
      await res.arrayBuffer();
      assert.equal(res.headers.get("access-control-allow-origin"), null);
    } finally {
      await server.shutdown({ graceMs: 500 });
    }
  });

  it("runs the server's interceptors for gRPC-Web calls and gives handlers the HTTP/1.1 peer", async () => {
    const seen: string[] = [];
    const { server, baseUrl } = await startWebServer({
      interceptors: [
        (next) => async (req, ctx) => {
          seen.push(`${req.method.path} from ${ctx.peer}`);
          return next(req, ctx);
        },
      ],
    });
    try {
      const res = await fetch(baseUrl + getProduct.path, { method: "POST", body: unaryBody("p1"), headers: { "content-type": "application/grpc-web", ...auth } });
      assert.equal(parseWebBody(new Uint8Array(await res.arrayBuffer())).trailers?.["grpc-status"], "0");
      assert.equal(seen.length, 1);
      assert.match(seen[0]!, /^\/shop\.v1\.Catalog\/GetProduct from 127\.0\.0\.1:\d+$/);
    } finally {
      await server.shutdown({ graceMs: 500 });
    }
  });

  it("applies maxReceiveMessageBytes to gRPC-Web requests (RESOURCE_EXHAUSTED)", async () => {
    const { server, baseUrl } = await startWebServer({ maxReceiveMessageBytes: 64 });
    try {
      const res = await fetch(baseUrl + getProduct.path, { method: "POST", body: frame(getProduct.serializeRequest({ id: "x".repeat(200) })), headers: { "content-type": "application/grpc-web", ...auth } });
      await res.arrayBuffer();
      assert.equal(res.headers.get("grpc-status"), String(Status.RESOURCE_EXHAUSTED));
    } finally {
      await server.shutdown({ graceMs: 500 });
    }
  });

  it("answers bytes that are neither HTTP/1.1 nor HTTP/2 with 400 and closes, and keeps serving", async () => {
    const { server, port, baseUrl } = await startWebServer();
    try {
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.write("\x00\x01garbage\r\n\r\n"));
        let data = "";
        socket.on("data", (c) => (data += c.toString("latin1")));
        socket.on("close", () => resolve(data));
        socket.on("error", () => resolve(data));
      });
      assert.match(reply, /^HTTP\/1\.1 400/);
      const res = await fetch(baseUrl + getProduct.path, { method: "POST", body: unaryBody("p1"), headers: { "content-type": "application/grpc-web", ...auth } });
      assert.equal(parseWebBody(new Uint8Array(await res.arrayBuffer())).messages.length, 1);
    } finally {
      await server.shutdown({ graceMs: 500 });
    }
  });

  it("rejects an invalid grpcWeb option with an error naming it", async () => {
    await assert.rejects(startWebServer({ grpcWeb: { cors: { maxAgeSec: -1 } } }), /grpcWeb\.cors\.maxAgeSec/);
  });

  it("graceful shutdown lets an HTTP/1.1 stream in flight finish", async () => {
    const { server, baseUrl } = await startWebServer();
    const res = await fetch(baseUrl + listProducts.path, { method: "POST", body: frame(listProducts.serializeRequest({ category: "slow" })), headers: { "content-type": "application/grpc-web", ...auth } });
    const shutdown = server.shutdown({ graceMs: 5000 });
    const body = parseWebBody(new Uint8Array(await res.arrayBuffer()));
    await shutdown;
    assert.equal(body.messages.length, 4);
    assert.equal(body.trailers?.["grpc-status"], "0");
  });

  it("forceShutdown ends an HTTP/1.1 call in flight with UNAVAILABLE", async () => {
    const { server, baseUrl } = await startWebServer();
    const res = await fetch(baseUrl + listProducts.path, { method: "POST", body: frame(listProducts.serializeRequest({ category: "slow" })), headers: { "content-type": "application/grpc-web", ...auth } });
    server.forceShutdown();
    const body = parseWebBody(new Uint8Array(await res.arrayBuffer()));
    assert.equal(body.trailers?.["grpc-status"], String(Status.UNAVAILABLE));
  });

  it("shutdown completes while an idle HTTP/1.1 keep-alive connection is open", async () => {
    const { server, baseUrl } = await startWebServer();
    const res = await fetch(baseUrl + getProduct.path, { method: "POST", body: unaryBody("p1"), headers: { "content-type": "application/grpc-web", ...auth } });
    await res.arrayBuffer();
    await server.shutdown({ graceMs: 5000 });
  });
});
