// Hostile and malformed requests over raw node:http2 (issue 6, "Must show", third bullet): each gets the
// answer grpc/grpc doc/PROTOCOL-HTTP2.md asks for, the server stays up, and a call in flight on the same
// connection completes.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import { gzipSync } from "node:zlib";
import { Status } from "../src/grpc/index.js";
import { createServer, type Server } from "../src/server/index.js";
import { Echo, frame, fromJsonBytes, grpcHeaders, rawRequest, statusOf, toJsonBytes, unframe, type RawResponse } from "./server-helpers.js";

const ok = (n: number): Buffer => frame(toJsonBytes({ n }));

interface Case {
  name: string;
  headers: http2.OutgoingHttpHeaders;
  body: Uint8Array[];
  want: { httpStatus: number; code: number; message?: RegExp };
}

const unary = "/test.Echo/Unary";

const cases: Case[] = [
  {
    name: "wrong content-type → HTTP 415",
    headers: grpcHeaders(unary, { "content-type": "application/json" }),
    body: [ok(1)],
    want: { httpStatus: 415, code: Status.INVALID_ARGUMENT, message: /content-type/ },
  },
  {
    name: "content-type that only starts like gRPC → HTTP 415",
    headers: grpcHeaders(unary, { "content-type": "application/grpcx" }),
    body: [ok(1)],
    want: { httpStatus: 415, code: Status.INVALID_ARGUMENT },
  },
  {
    name: "missing te: trailers → HTTP 400",
    headers: grpcHeaders(unary, { te: null }),
    body: [ok(1)],
    want: { httpStatus: 400, code: Status.INTERNAL, message: /te: trailers/ },
  },
  {
    name: "GET instead of POST → HTTP 405",
    headers: grpcHeaders(unary, { ":method": "GET" }),
    body: [],
    want: { httpStatus: 405, code: Status.INTERNAL },
  },
  {
    name: "malformed length prefix (flag byte 7) → INTERNAL",
    headers: grpcHeaders(unary),
    body: [frame(toJsonBytes({ n: 1 }), 7)],
    want: { httpStatus: 200, code: Status.INTERNAL },
  },
  {
    name: "truncated message → INTERNAL",
    headers: grpcHeaders(unary),
    body: [ok(1).subarray(0, 8)],
    want: { httpStatus: 200, code: Status.INTERNAL },
  },
  {
    name: "truncated length prefix → INTERNAL",
    headers: grpcHeaders(unary),
    body: [Buffer.from([0, 0, 0])],
    want: { httpStatus: 200, code: Status.INTERNAL },
  },
  {
    name: "message over the limit, refused from its prefix alone → RESOURCE_EXHAUSTED",
    headers: grpcHeaders(unary),
    body: [Buffer.from([0, 0x10, 0, 0, 0])],
    want: { httpStatus: 200, code: Status.RESOURCE_EXHAUSTED },
  },
  {
    name: "undecodable message → INTERNAL",
    headers: grpcHeaders(unary),
    body: [frame(Buffer.from("{not json"))],
    want: { httpStatus: 200, code: Status.INTERNAL, message: /decode/ },
  },
  {
    name: "two messages on a unary call → INTERNAL",
    headers: grpcHeaders(unary),
    body: [ok(1), ok(2)],
    want: { httpStatus: 200, code: Status.INTERNAL },
  },
  {
    name: "no message on a unary call → INTERNAL",
    headers: grpcHeaders(unary),
    body: [],
    want: { httpStatus: 200, code: Status.INTERNAL },
  },
  {
    name: "invalid grpc-timeout (no unit) → HTTP 400",
    headers: grpcHeaders(unary, { "grpc-timeout": "100" }),
    body: [ok(1)],
    want: { httpStatus: 400, code: Status.INTERNAL, message: /grpc-timeout/ },
  },
  {
    name: "invalid grpc-timeout (nine digits) → HTTP 400",
    headers: grpcHeaders(unary, { "grpc-timeout": "123456789S" }),
    body: [ok(1)],
    want: { httpStatus: 400, code: Status.INTERNAL },
  },
  {
    name: "unknown compression → UNIMPLEMENTED",
    headers: grpcHeaders(unary, { "grpc-encoding": "br" }),
    body: [ok(1)],
    want: { httpStatus: 200, code: Status.UNIMPLEMENTED, message: /br/ },
  },
  {
    name: "compressed flag without grpc-encoding → INTERNAL",
    headers: grpcHeaders(unary),
    body: [frame(gzipSync(toJsonBytes({ n: 1 })), 1)],
    want: { httpStatus: 200, code: Status.INTERNAL },
  },
  {
    name: "corrupt gzip data → INTERNAL",
    headers: grpcHeaders(unary, { "grpc-encoding": "gzip" }),
    body: [frame(Buffer.from("definitely not gzip"), 1)],
    want: { httpStatus: 200, code: Status.INTERNAL },
  },
  {
    name: "gzip bomb over the limit once inflated → RESOURCE_EXHAUSTED",
    headers: grpcHeaders(unary, { "grpc-encoding": "gzip" }),
    body: [frame(gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)), 1)],
    want: { httpStatus: 200, code: Status.RESOURCE_EXHAUSTED },
  },
  {
    name: "oversized metadata → RESOURCE_EXHAUSTED",
    headers: grpcHeaders(unary, { "x-big": "b".repeat(10 * 1024) }),
    body: [ok(1)],
    want: { httpStatus: 200, code: Status.RESOURCE_EXHAUSTED, message: /metadata/ },
  },
  {
    name: "unknown method → UNIMPLEMENTED",
    headers: grpcHeaders("/test.Echo/Missing"),
    body: [ok(1)],
    want: { httpStatus: 200, code: Status.UNIMPLEMENTED },
  },
  {
    name: "malformed path → UNIMPLEMENTED",
    headers: grpcHeaders("/nonsense"),
    body: [ok(1)],
    want: { httpStatus: 200, code: Status.UNIMPLEMENTED },
  },
];

describe("server bad input", () => {
  let server: Server;
  let session: http2.ClientHttp2Session;
  let port: number;

  before(async () => {
    server = createServer({ onError: () => {} });
    server.addService(Echo, {
      async unary(req: unknown) {
        const r = req as { n: number; sleepMs?: number };
        if (r.sleepMs) await new Promise((resolve) => setTimeout(resolve, r.sleepMs));
        return { n: r.n };
      },
      async *serverStream() {},
      async clientStream() {
        return {};
      },
      async *bidi(requests: AsyncIterable<unknown>) {
        for await (const r of requests) yield r;
      },
    });
    port = await server.listen("127.0.0.1:0");
    session = http2.connect(`http://127.0.0.1:${port}`);
  });

  after(async () => {
    session.close();
    await server.shutdown({ graceMs: 100 });
  });

  /** A well-formed call that is in flight while the bad one is answered. */
  async function goodCall(n: number): Promise<void> {
    const r = await rawRequest(session, grpcHeaders(unary), [frame(toJsonBytes({ n, sleepMs: 30 }))]);
    assert.equal(statusOf(r).code, 0, `concurrent call: ${JSON.stringify(statusOf(r))}`);
    assert.deepEqual(fromJsonBytes(unframe(r.body)[0]!), { n });
  }

  for (const [i, c] of cases.entries()) {
    it(c.name, async () => {
      const concurrent = goodCall(i);
      const r: RawResponse = await rawRequest(session, c.headers, c.body);
      const got = statusOf(r);
      assert.equal(got.httpStatus, c.want.httpStatus, `${c.name}: HTTP status; got ${JSON.stringify(got)}`);
      assert.equal(got.code, c.want.code, `${c.name}: grpc-status; got ${JSON.stringify(got)}`);
      if (c.want.message) assert.match(got.message ?? "", c.want.message);
      if (c.want.code === Status.UNIMPLEMENTED && c.name.startsWith("unknown compression")) {
        assert.match(String(r.headers["grpc-accept-encoding"]), /gzip/);
      }
      await concurrent;
    });
  }

  it("treats a huge grpc-timeout (99999999H) as a far deadline, not an expired one", async () => {
    const r = await rawRequest(session, grpcHeaders(unary, { "grpc-timeout": "99999999H" }), [ok(5)]);
    assert.equal(statusOf(r).code, 0);
    assert.deepEqual(fromJsonBytes(unframe(r.body)[0]!), { n: 5 });
  });

  it("survives a client resetting streams in a tight loop", async () => {
    const concurrent = goodCall(1000);
    for (let i = 0; i < 500; i++) {
      const s = session.request(grpcHeaders(unary));
      s.on("error", () => {});
      s.write(ok(i));
      s.close(http2.constants.NGHTTP2_CANCEL);
    }
    await concurrent;
    // The connection may be refused by node's rapid-reset protection; the server itself must answer anew.
    const fresh = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const r = await rawRequest(fresh, grpcHeaders(unary), [ok(7)]);
      assert.equal(statusOf(r).code, 0);
    } finally {
      fresh.close();
    }
  });

  it("survives a connection that sends garbage instead of HTTP/2", async () => {
    const { connect } = await import("node:net");
    await new Promise<void>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => socket.end("GET / HTTP/1.1\r\nhost: x\r\n\r\n\x00\xff garbage"));
      socket.on("error", () => resolve());
      socket.on("close", () => resolve());
      socket.resume();
    });
    await goodCall(2000);
  });
});
