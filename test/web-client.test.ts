// The src/web gRPC-Web client (on Node's fetch) against the Spindle server: both formats, unary and server
// streaming, metadata both ways, errors with details, deadlines, cancellation, and the unsupported kinds.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createClient, createGrpcWebTransport, RpcError, Status, type Metadata } from "../src/web/index.js";
import { encodeStatusDetails } from "../src/grpc/index.js";
import { Catalog } from "../gen/shop.js";
import type { Server } from "../src/server/index.js";
import { BINARY_TRAILER, TOKEN, frame, startWebServer } from "./web-helpers.js";

const auth = { metadata: { authorization: `Bearer ${TOKEN}` } };

describe("src/web createClient", () => {
  let server: Server;
  let baseUrl: string;
  before(async () => ({ server, baseUrl } = await startWebServer()));
  after(() => server.shutdown({ graceMs: 1000 }));

  for (const format of ["binary", "text"] as const) {
    describe(`format ${format}`, () => {
      const client = () => createClient(Catalog, createGrpcWebTransport({ baseUrl, format }));

      it("makes a unary call", async () => {
        assert.deepEqual(await client().getProduct({ id: "p1" }, auth), { id: "p1", name: "Spindle", price: 1200 });
      });

      it("iterates a server stream", async () => {
        const ids: string[] = [];
        for await (const p of client().listProducts({}, auth)) ids.push(p.id);
        assert.deepEqual(ids, ["p1", "p2", "p3", "p4"]);
      });

      it("throws the handler's status as an RpcError", async () => {
        await assert.rejects(client().getProduct({ id: "zz" }, auth), (e: unknown) => e instanceof RpcError && e.code === Status.NOT_FOUND && /no product/.test(e.message));
      });

      it("decodes -bin trailers from the trailers frame, as in the other format", async () => {
        let trailers: Metadata | undefined;
        await client().getProduct({ id: "hdr" }, { ...auth, onTrailer: (t) => (trailers = t) });
        assert.equal(trailers?.get("x-trailer"), "done");
        assert.deepEqual(trailers?.get("x-trailer-bin"), BINARY_TRAILER);
      });

      it("decodes rich error details sent in the trailers frame after a message", async () => {
        const ids: string[] = [];
        const err = await (async () => {
          for await (const p of client().listProducts({ category: "rich" }, auth)) ids.push(p.id);
        })().then(() => undefined, (e: unknown) => e);
        assert.deepEqual(ids, ["p1"]);
        assert.ok(err instanceof RpcError);
        assert.equal(err.code, Status.FAILED_PRECONDITION);
        assert.equal(err.rawMessage, "stock is frozen: ünïcode");
        assert.equal(err.metadata.get("x-reason"), "frozen");
        assert.deepEqual(err.details.map((d) => d.typeName), ["google.rpc.ErrorInfo"]);
      });
    });
  }

  describe("trailers frames from other servers", () => {
    // PROTOCOL-WEB.md says a text response skips the extra base64 of -bin trailers; Envoy (and Spindle) keep it.
    // The client reads both: base64 first, raw bytes in text mode when the value is not base64.
    const details = encodeStatusDetails({ code: Status.ABORTED, message: "m", details: [{ typeName: "google.rpc.ErrorInfo", value: { reason: "R" } as never }] });
    const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
    const cases: { name: string; format: "binary" | "text"; trailers: string; status: Status; want: Record<string, unknown>; detailTypes?: string[] }[] = [
      {
        name: "text, -bin as base64 (Envoy's form)",
        format: "text",
        trailers: "grpc-status: 0\r\nx-id-bin: AAH+/w==\r\nx-a: b\r\n",
        status: Status.OK,
        want: { "x-id-bin": new Uint8Array([0, 1, 0xfe, 0xff]), "x-a": "b" },
      },
      {
        name: "text, -bin as raw bytes (PROTOCOL-WEB.md's form)",
        format: "text",
        trailers: `grpc-status: 0\r\nx-id-bin: ${latin1(new Uint8Array([0x80, 0xfe, 0x21]))}\r\nx-a: b\r\n`,
        status: Status.OK,
        want: { "x-id-bin": new Uint8Array([0x80, 0xfe, 0x21]), "x-a": "b" },
      },
      {
        // Raw bytes cannot work here: every Any in google.rpc.Status starts with the byte 0x0a, a line feed.
        name: "text, grpc-status-details-bin as base64",
        format: "text",
        trailers: `grpc-status: 10\r\ngrpc-message: m\r\ngrpc-status-details-bin: ${Buffer.from(details).toString("base64")}\r\n`,
        status: Status.ABORTED,
        want: {},
        detailTypes: ["google.rpc.ErrorInfo"],
      },
      {
        name: "binary, a -bin value that is not base64 is dropped alone",
        format: "binary",
        trailers: "grpc-status: 0\r\nx-id-bin: %%%\r\nx-a: b\r\n",
        status: Status.OK,
        want: { "x-a": "b" },
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const body = frame(new Uint8Array(Buffer.from(c.trailers, "latin1")), 0x80);
        const isText = c.format === "text";
        const fake: typeof fetch = async () =>
          new Response(isText ? Buffer.from(body).toString("base64") : body, {
            status: 200,
            headers: { "content-type": isText ? "application/grpc-web-text+proto" : "application/grpc-web+proto" },
          });
        let trailers: Metadata | undefined;
        const call = createClient(Catalog, createGrpcWebTransport({ baseUrl: "http://x", fetch: fake, format: c.format }));
        const err = await (async () => {
          for await (const _ of call.listProducts({}, { onTrailer: (t) => (trailers = t) }));
        })().then(() => undefined, (e: unknown) => e);
        assert.equal(err instanceof RpcError ? err.code : Status.OK, c.status, String(err));
        assert.deepEqual(Object.fromEntries(trailers ?? []), c.want);
        if (c.detailTypes !== undefined) assert.deepEqual((err as RpcError).details.map((d) => d.typeName), c.detailTypes);
      });
    }
  });

  const client = () => createClient(Catalog, createGrpcWebTransport({ baseUrl }));

  it("decodes rich error details, a non-ASCII message and error metadata", async () => {
    const err = await client()
      .getProduct({ id: "rich" }, auth)
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof RpcError);
    assert.equal(err.code, Status.FAILED_PRECONDITION);
    assert.equal(err.rawMessage, "stock is frozen: ünïcode");
    assert.equal(err.metadata.get("x-reason"), "frozen");
    assert.equal(err.details.length, 1);
    assert.equal(err.details[0]!.typeName, "google.rpc.ErrorInfo");
  });

  it("reports response headers and trailers through onHeader and onTrailer", async () => {
    let headers: Metadata | undefined;
    let trailers: Metadata | undefined;
    await client().getProduct({ id: "hdr" }, { ...auth, onHeader: (h) => (headers = h), onTrailer: (t) => (trailers = t) });
    assert.equal(headers?.get("x-served-by"), "catalog-1");
    assert.equal(trailers?.get("x-trailer"), "done");
  });

  it("fails with DEADLINE_EXCEEDED when the timeout passes mid-stream", async () => {
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const p of client().listProducts({ category: "slow" }, { ...auth, timeout: 150 })) seen.push(p.id);
      })(),
      (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED,
    );
    assert.ok(seen.length < 4);
  });

  it("fails with CANCELLED when the signal aborts", async () => {
    const controller = new AbortController();
    const stream = client().listProducts({ category: "slow" }, { ...auth, signal: controller.signal });
    await assert.rejects(
      (async () => {
        for await (const _ of stream) controller.abort();
      })(),
      (e: unknown) => e instanceof RpcError && e.code === Status.CANCELLED,
    );
  });

  it("stops the call when the loop breaks early", async () => {
    for await (const p of client().listProducts({ category: "slow" }, auth)) {
      assert.equal(p.id, "p1");
      break;
    }
  });

  it("rejects client and bidi streaming with UNIMPLEMENTED and a reason", async () => {
    await assert.rejects(client().bulk([{ id: "a" }], auth), (e: unknown) => e instanceof RpcError && e.code === Status.UNIMPLEMENTED && /client streaming/.test(e.message));
    await assert.rejects(
      (async () => {
        for await (const _ of client().chat([{ text: "hi" }], auth));
      })(),
      (e: unknown) => e instanceof RpcError && e.code === Status.UNIMPLEMENTED && /bidi streaming/.test(e.message),
    );
  });

  it("maps an unreachable server to UNAVAILABLE", async () => {
    const c = createClient(Catalog, createGrpcWebTransport({ baseUrl: "http://127.0.0.1:1" }));
    await assert.rejects(c.getProduct({ id: "p1" }), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
  });

  it("maps a non-gRPC HTTP answer to a status from its HTTP status", async () => {
    const fake: typeof fetch = async () => new Response("nope", { status: 404 });
    const c = createClient(Catalog, createGrpcWebTransport({ baseUrl: "http://x", fetch: fake }));
    await assert.rejects(c.getProduct({ id: "p1" }), (e: unknown) => e instanceof RpcError && e.code === Status.UNIMPLEMENTED);
  });

  it("fails a response that ends without a trailers frame with INTERNAL", async () => {
    const fake: typeof fetch = async () => new Response(new Uint8Array([0, 0, 0, 0, 0]), { status: 200, headers: { "content-type": "application/grpc-web+proto" } });
    const c = createClient(Catalog, createGrpcWebTransport({ baseUrl: "http://x", fetch: fake }));
    await assert.rejects(c.getProduct({ id: "p1" }), (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL && /without trailers/.test(e.message));
  });

  const badOptions: { name: string; options: unknown; message: RegExp }[] = [
    { name: "an empty baseUrl", options: { baseUrl: "" }, message: /baseUrl/ },
    { name: "an unknown format", options: { baseUrl: "http://x", format: "json" }, message: /format/ },
  ];
  for (const c of badOptions) {
    it(`createGrpcWebTransport rejects ${c.name}`, () => {
      assert.throws(() => createGrpcWebTransport(c.options as never), c.message);
    });
  }
});
