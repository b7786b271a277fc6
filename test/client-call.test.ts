// The client against a scripted raw HTTP/2 server: the wire protocol from the client's side
// (grpc/grpc doc/PROTOCOL-HTTP2.md), response validation, deadlines, cancellation, cardinality.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { createChannel, createStub, type Channel } from "../src/client/index.js";
import { encodeStatusDetailsBin, Metadata, RpcError, Status } from "../src/grpc/index.js";
import { frame, rawMethod, reply, startRawServer, unframe, type RawServer } from "./client-helpers.js";

type Unary = (req: unknown, options?: object) => Promise<string>;
type Streaming = (req: unknown, options?: object) => AsyncIterable<string>;

function rejectsWith(code: Status, message?: RegExp): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof RpcError, `want RpcError, got ${String(e)}`);
    assert.equal(Status[e.code], Status[code], `code of ${e.message}`);
    if (message) assert.match(e.rawMessage, message);
    return true;
  };
}

describe("client calls over HTTP/2", () => {
  let server: RawServer;
  let channel: Channel;
  const unary = (path: string) => createStub(channel, rawMethod(path)) as Unary;

  before(async () => {
    server = await startRawServer();
    channel = createChannel(server.target);
  });
  after(async () => {
    channel.close();
    await server.close();
  });

  it("sends a unary request with the protocol's headers and returns the response", async () => {
    let seen: Record<string, unknown> = {};
    server.handle("/t.S/Echo", async ({ stream, headers, body }) => {
      seen = { ...headers };
      const [msg] = unframe(await body());
      reply(stream, [`echo:${msg}`]);
    });
    assert.equal(await unary("/t.S/Echo")("hi"), "echo:hi");
    assert.equal(seen[":method"], "POST");
    assert.equal(seen["content-type"], "application/grpc");
    assert.equal(seen["te"], "trailers");
    assert.equal(seen[":authority"], server.target);
    assert.match(String(seen["user-agent"]), /^spindle-node\//);
    assert.equal(seen["grpc-timeout"], undefined);
  });

  it("sends metadata (ASCII and -bin) and grpc-timeout, and reports headers and trailers", async () => {
    let seen: Record<string, unknown> = {};
    server.handle("/t.S/Md", async ({ stream, headers, body }) => {
      seen = { ...headers };
      await body();
      reply(stream, ["ok"], { "grpc-status": "0", "x-trailer": "t", "x-bin-bin": Buffer.from([1, 2]).toString("base64") }, { "x-header": "h" });
    });
    let header: Metadata | undefined;
    let trailer: Metadata | undefined;
    const res = await unary("/t.S/Md")("x", {
      timeout: 5000,
      metadata: { "x-custom": "v", "x-data-bin": new Uint8Array([0xab, 0xcd]) },
      onHeader: (md: Metadata) => (header = md),
      onTrailer: (md: Metadata) => (trailer = md),
    });
    assert.equal(res, "ok");
    assert.equal(seen["x-custom"], "v");
    assert.equal(seen["x-data-bin"], "q80");
    assert.match(String(seen["grpc-timeout"]), /^\d{1,8}[HMSmun]$/);
    assert.equal(header?.get("x-header"), "h");
    assert.equal(trailer?.get("x-trailer"), "t");
    assert.deepEqual(trailer?.get("x-bin-bin"), new Uint8Array([1, 2]));
  });

  it("reuses one HTTP/2 connection for many concurrent calls", async () => {
    server.handle("/t.S/Many", async ({ stream, body }) => {
      await body();
      reply(stream, ["m"]);
    });
    const before = server.sessionCount;
    const stub = unary("/t.S/Many");
    const results = await Promise.all(Array.from({ length: 50 }, () => stub("x")));
    assert.equal(results.length, 50);
    assert.equal(server.sessionCount, before, "no new connection");
    assert.equal(server.sessions.size, 1);
  });

  const httpCases: [number, Status][] = [
    [400, Status.INTERNAL],
    [401, Status.UNAUTHENTICATED],
    [403, Status.PERMISSION_DENIED],
    [404, Status.UNIMPLEMENTED],
    [429, Status.UNAVAILABLE],
    [502, Status.UNAVAILABLE],
    [503, Status.UNAVAILABLE],
    [504, Status.UNAVAILABLE],
    [500, Status.UNKNOWN],
  ];
  for (const [http, code] of httpCases) {
    it(`maps HTTP ${http} to ${Status[code]} (doc/http-grpc-status-mapping.md)`, async () => {
      const path = `/t.S/Http${http}`;
      server.handle(path, ({ stream }) => {
        stream.respond({ ":status": http, "content-type": "text/html" }, { endStream: false });
        stream.end("<html>");
      });
      await assert.rejects(unary(path)("x"), rejectsWith(code, new RegExp(`HTTP status ${http}`)));
    });
  }

  it("rejects a 200 response with a non-gRPC content-type as UNKNOWN", async () => {
    server.handle("/t.S/Ct", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/json" });
      stream.end("{}");
    });
    await assert.rejects(unary("/t.S/Ct")("x"), rejectsWith(Status.UNKNOWN, /content-type "application\/json"/));
  });

  it("accepts application/grpc+proto", async () => {
    server.handle("/t.S/Plus", async ({ stream, body }) => {
      await body();
      reply(stream, ["p"], undefined, { "content-type": "application/grpc+proto" });
    });
    assert.equal(await unary("/t.S/Plus")("x"), "p");
  });

  it("reports trailers without grpc-status as UNKNOWN and a stream without trailers as INTERNAL", async () => {
    server.handle("/t.S/NoStatus", async ({ stream, body }) => {
      await body();
      reply(stream, ["a"], { "x-other": "1" });
    });
    await assert.rejects(unary("/t.S/NoStatus")("x"), rejectsWith(Status.UNKNOWN, /missing grpc-status/));
    server.handle("/t.S/NoTrailers", async ({ stream, body }) => {
      await body();
      stream.respond({ ":status": 200, "content-type": "application/grpc" });
      stream.end(frame("a"));
    });
    await assert.rejects(unary("/t.S/NoTrailers")("x"), rejectsWith(Status.INTERNAL, /without sending trailers/));
  });

  it("reads a trailers-only error with its percent-decoded message and trailing metadata", async () => {
    server.handle("/t.S/Fail", ({ stream }) => {
      stream.respond(
        { ":status": 200, "content-type": "application/grpc", "grpc-status": "5", "grpc-message": "no such %E2%98%BA thing", "x-why": "gone" },
        { endStream: true },
      );
    });
    await assert.rejects(unary("/t.S/Fail")("x"), (e: unknown) => {
      rejectsWith(Status.NOT_FOUND, /^no such ☺ thing$/)(e);
      assert.equal((e as RpcError).metadata.get("x-why"), "gone");
      return true;
    });
  });

  it("decodes rich error details from grpc-status-details-bin, and drops ones whose code disagrees", async () => {
    const details = [{ typeName: "google.rpc.ErrorInfo", value: { reason: "STOCK_OUT", domain: "shop.example", metadata: { sku: "p1" } } }];
    const bin = encodeStatusDetailsBin(new RpcError(Status.FAILED_PRECONDITION, "out of stock", { details }))!;
    server.handle("/t.S/Details", ({ stream }) => {
      stream.respond(
        { ":status": 200, "content-type": "application/grpc", "grpc-status": "9", "grpc-message": "out of stock", "grpc-status-details-bin": bin },
        { endStream: true },
      );
    });
    await assert.rejects(unary("/t.S/Details")("x"), (e: unknown) => {
      rejectsWith(Status.FAILED_PRECONDITION, /out of stock/)(e);
      const d = (e as RpcError).details;
      assert.equal(d.length, 1);
      assert.equal(d[0]!.typeName, "google.rpc.ErrorInfo");
      assert.equal(d[0]!.value?.reason, "STOCK_OUT");
      assert.deepEqual(d[0]!.value?.metadata, { sku: "p1" });
      return true;
    });
    server.handle("/t.S/DetailsMismatch", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "5", "grpc-status-details-bin": bin }, { endStream: true });
    });
    await assert.rejects(unary("/t.S/DetailsMismatch")("x"), (e: unknown) => rejectsWith(Status.NOT_FOUND)(e) && (e as RpcError).details.length === 0);
    server.handle("/t.S/DetailsJunk", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "5", "grpc-status-details-bin": "%%%" }, { endStream: true });
    });
    await assert.rejects(unary("/t.S/DetailsJunk")("x"), (e: unknown) => rejectsWith(Status.NOT_FOUND)(e) && (e as RpcError).details.length === 0);
  });

  it("treats an unknown status code as UNKNOWN and an unparsable one as UNKNOWN", async () => {
    server.handle("/t.S/Odd", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "99" }, { endStream: true });
    });
    await assert.rejects(unary("/t.S/Odd")("x"), rejectsWith(Status.UNKNOWN, /99/));
    server.handle("/t.S/Junk", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "zero" }, { endStream: true });
    });
    await assert.rejects(unary("/t.S/Junk")("x"), rejectsWith(Status.UNKNOWN, /invalid grpc-status/));
  });

  it("fails a unary call with zero or two responses and status OK as UNIMPLEMENTED (cardinality)", async () => {
    server.handle("/t.S/Zero", async ({ stream, body }) => {
      await body();
      reply(stream, []);
    });
    await assert.rejects(unary("/t.S/Zero")("x"), rejectsWith(Status.UNIMPLEMENTED, /no response message/));
    server.handle("/t.S/Two", async ({ stream, body }) => {
      await body();
      reply(stream, ["a", "b"]);
    });
    await assert.rejects(unary("/t.S/Two")("x"), rejectsWith(Status.UNIMPLEMENTED, /more than one/));
  });

  it("rejects malformed frames: bad flags → INTERNAL, truncated → INTERNAL, too large → RESOURCE_EXHAUSTED", async () => {
    server.handle("/t.S/Flags", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" });
      const f = frame("x");
      f[0] = 7;
      stream.end(f);
    });
    await assert.rejects(unary("/t.S/Flags")("x"), rejectsWith(Status.INTERNAL, /flags/));
    server.handle("/t.S/Trunc", ({ stream }) => {
      reply(stream, [frame("abcdef").subarray(0, 7)]);
    });
    await assert.rejects(unary("/t.S/Trunc")("x"), rejectsWith(Status.INTERNAL, /truncated/));
    const small = createChannel(server.target, { maxReceiveMessageBytes: 10 });
    try {
      server.handle("/t.S/Big", ({ stream }) => reply(stream, ["x".repeat(11)]));
      await assert.rejects((createStub(small, rawMethod("/t.S/Big")) as Unary)("x"), rejectsWith(Status.RESOURCE_EXHAUSTED, /larger than max/));
    } finally {
      small.close();
    }
  });

  it("decompresses gzip responses and rejects compressed messages without grpc-encoding", async () => {
    server.handle("/t.S/Gz", async ({ stream, body }) => {
      await body();
      reply(stream, [frame(gzipSync("zipped"), true)], undefined, { "grpc-encoding": "gzip" });
    });
    const flags: boolean[] = [];
    assert.equal(await unary("/t.S/Gz")("x", { onResponseFrame: (f: { isCompressed: boolean }) => flags.push(f.isCompressed) }), "zipped");
    assert.deepEqual(flags, [true]);
    server.handle("/t.S/GzNoEnc", async ({ stream, body }) => {
      await body();
      reply(stream, [frame(gzipSync("zipped"), true)]);
    });
    await assert.rejects(unary("/t.S/GzNoEnc")("x"), rejectsWith(Status.INTERNAL, /compressed/));
    server.handle("/t.S/Unknown", async ({ stream, body }) => {
      await body();
      reply(stream, [frame("zz", true)], undefined, { "grpc-encoding": "snappy" });
    });
    await assert.rejects(unary("/t.S/Unknown")("x"), rejectsWith(Status.INTERNAL, /snappy/));
  });

  it("compresses requests when asked, with grpc-encoding and the flag set", async () => {
    let seen: { encoding?: unknown; flag?: number } = {};
    server.handle("/t.S/Comp", async ({ stream, headers, body }) => {
      const data = await body();
      seen = { encoding: headers["grpc-encoding"], flag: data[0] };
      reply(stream, ["ok"]);
    });
    assert.equal(await unary("/t.S/Comp")("hello hello hello", { compression: "gzip" }), "ok");
    assert.deepEqual(seen, { encoding: "gzip", flag: 1 });
    await assert.rejects(unary("/t.S/Comp")("x", { compression: "lz4" }), rejectsWith(Status.INTERNAL, /lz4/));
  });

  it("stops compressing with an algorithm the server's grpc-accept-encoding does not list", async () => {
    const seen: unknown[] = [];
    server.handle("/t.S/NoGzip", async ({ stream, headers, body }) => {
      seen.push(headers["grpc-encoding"]);
      await body();
      reply(stream, ["ok"], undefined, { "grpc-accept-encoding": "identity,deflate" });
    });
    const picky = createChannel(server.target);
    try {
      const stub = createStub(picky, rawMethod("/t.S/NoGzip")) as Unary;
      await stub("a", { compression: "gzip" });
      await stub("b", { compression: "gzip" });
      await stub("c", { compression: "deflate" });
      assert.deepEqual(seen, ["gzip", undefined, "deflate"]);
    } finally {
      picky.close();
    }
  });

  it("ends with DEADLINE_EXCEEDED when the server is too slow, and resets the stream", async () => {
    let reset: Promise<number> | undefined;
    server.handle("/t.S/Slow", ({ stream }) => {
      reset = new Promise((resolve) => stream.on("close", () => resolve(stream.rstCode)));
    });
    const started = Date.now();
    await assert.rejects(unary("/t.S/Slow")("x", { timeout: 100 }), rejectsWith(Status.DEADLINE_EXCEEDED));
    assert.ok(Date.now() - started < 2000);
    assert.equal(await reset, 8, "RST_STREAM CANCEL");
  });

  it("treats an infinite timeout as none and sends far deadlines in the largest unit", async () => {
    const seen: unknown[] = [];
    server.handle("/t.S/Far", async ({ stream, headers, body }) => {
      seen.push(headers["grpc-timeout"]);
      await body();
      reply(stream, ["far"]);
    });
    assert.equal(await unary("/t.S/Far")("x", { timeout: Infinity }), "far");
    assert.equal(await unary("/t.S/Far")("x", { deadline: Date.now() + 40 * 24 * 3600 * 1000 }), "far");
    assert.equal(seen[0], undefined);
    assert.match(String(seen[1]), /^\d{1,8}[SMH]$/);
    await assert.rejects(unary("/t.S/Far")("x", { timeout: -5 }), rejectsWith(Status.INTERNAL, /timeout/));
    await assert.rejects(unary("/t.S/Far")("x", { deadline: new Date("nope") }), rejectsWith(Status.INTERNAL, /deadline/));
  });

  it("fails at once for a deadline already in the past, without a request", async () => {
    await assert.rejects(unary("/t.S/Echo")("x", { deadline: Date.now() - 1 }), rejectsWith(Status.DEADLINE_EXCEEDED));
    await assert.rejects(unary("/t.S/Echo")("x", { deadline: new Date(Date.now() - 1000) }), rejectsWith(Status.DEADLINE_EXCEEDED));
  });

  it("cancels on AbortSignal with CANCELLED, or with the signal's RpcError reason", async () => {
    server.handle("/t.S/Hang", () => undefined);
    const ac = new AbortController();
    const p = unary("/t.S/Hang")("x", { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(p, rejectsWith(Status.CANCELLED));
    const ac2 = new AbortController();
    const p2 = unary("/t.S/Hang")("x", { signal: ac2.signal });
    ac2.abort(new RpcError(Status.ABORTED, "mine"));
    await assert.rejects(p2, rejectsWith(Status.ABORTED, /mine/));
    await assert.rejects(unary("/t.S/Hang")("x", { signal: AbortSignal.abort() }), rejectsWith(Status.CANCELLED));
  });

  it("gives errors the caller's stack", async () => {
    server.handle("/t.S/Stack", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "9" }, { endStream: true });
    });
    async function someCallerFunction() {
      return await unary("/t.S/Stack")("x");
    }
    await assert.rejects(someCallerFunction(), (e: Error) => {
      assert.match(String(e.stack), /someCallerFunction/);
      return true;
    });
  });

  it("maps a server RST_STREAM: REFUSED_STREAM → UNAVAILABLE, CANCEL → CANCELLED", async () => {
    server.handle("/t.S/Refuse", ({ stream }) => stream.close(7));
    await assert.rejects(unary("/t.S/Refuse")("x"), rejectsWith(Status.UNAVAILABLE, /REFUSED_STREAM/));
    server.handle("/t.S/Cancel", ({ stream }) => stream.close(8));
    await assert.rejects(unary("/t.S/Cancel")("x"), rejectsWith(Status.CANCELLED));
  });

  it("streams server responses in order and ends with the status", async () => {
    server.handle("/t.S/List", async ({ stream, body }) => {
      const [n] = unframe(await body());
      reply(stream, Array.from({ length: Number(n) }, (_, i) => `m${i}`), { "grpc-status": "0", "x-end": "yes" });
    });
    const list = createStub(channel, rawMethod("/t.S/List", "server_streaming")) as Streaming;
    const got: string[] = [];
    let trailers: Metadata | undefined;
    for await (const m of list("100", { onTrailer: (md: Metadata) => (trailers = md) })) got.push(m);
    assert.deepEqual(got, Array.from({ length: 100 }, (_, i) => `m${i}`));
    assert.equal(trailers?.get("x-end"), "yes");
  });

  it("throws the status from a failed server stream after the messages sent before it", async () => {
    server.handle("/t.S/ListFail", async ({ stream, body }) => {
      await body();
      reply(stream, ["a", "b"], { "grpc-status": "10", "grpc-message": "stopped" });
    });
    const list = createStub(channel, rawMethod("/t.S/ListFail", "server_streaming")) as Streaming;
    const got: string[] = [];
    await assert.rejects(async () => {
      for await (const m of list("x")) got.push(m);
    }, rejectsWith(Status.ABORTED, /stopped/));
    assert.deepEqual(got, ["a", "b"]);
  });

  it("cancels the call when the reader breaks out of the loop", async () => {
    let closed: Promise<number> | undefined;
    server.handle("/t.S/Endless", ({ stream }) => {
      closed = new Promise((resolve) => stream.on("close", () => resolve(stream.rstCode)));
      stream.respond({ ":status": 200, "content-type": "application/grpc" });
      let i = 0;
      const timer = setInterval(() => {
        if (stream.closed || stream.destroyed) return clearInterval(timer);
        stream.write(frame(`m${i++}`));
      }, 2);
    });
    const list = createStub(channel, rawMethod("/t.S/Endless", "server_streaming")) as Streaming;
    let n = 0;
    for await (const _ of list("x")) if (++n === 3) break;
    assert.equal(await closed, 8);
  });

  it("pushes back on a fast server when the reader is slow (bounded buffering)", async () => {
    const chunk = "x".repeat(16 * 1024);
    let written = 0;
    let finished: () => void;
    const done = new Promise<void>((r) => (finished = r));
    server.handle("/t.S/Flood", async ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" });
      const closed = new Promise<void>((r) => stream.on("close", () => (finished(), r())));
      for (let i = 0; i < 2000 && !stream.destroyed; i++) {
        written++;
        if (!stream.write(frame(chunk))) await Promise.race([new Promise((r) => stream.once("drain", r)), closed]);
      }
    });
    const list = createStub(channel, rawMethod("/t.S/Flood", "server_streaming")) as Streaming;
    const it = list("x")[Symbol.asyncIterator]();
    await it.next();
    await new Promise((r) => setTimeout(r, 200));
    // 2000 × 16 KiB = 32 MiB offered; flow control must have stopped the server long before.
    assert.ok(written < 400, `server wrote ${written} messages while the reader took one`);
    await it.return!();
    await done;
  });

  it("sends a client stream with backpressure and returns the single response", async () => {
    server.handle("/t.S/Sum", async ({ stream, body }) => {
      const msgs = unframe(await body());
      reply(stream, [`${msgs.length}:${msgs.join("")}`]);
    });
    const sum = createStub(channel, rawMethod("/t.S/Sum", "client_streaming")) as (r: unknown, o?: object) => Promise<string>;
    assert.equal(await sum(["a", "b", "c"]), "3:abc");
    async function* gen() {
      for (let i = 0; i < 5; i++) yield String(i);
    }
    assert.equal(await sum(gen()), "5:01234");
    assert.equal(await sum([]), "0:");
  });

  it("stops pulling requests while the server does not read them (flow control on the send side)", async () => {
    let pulled = 0;
    let stopReading: (() => void) | undefined;
    server.handle("/t.S/Sink", ({ stream }) => {
      // Never read: the HTTP/2 window fills up and the client must wait.
      stream.pause();
      stopReading = () => stream.close(8);
    });
    const sink = createStub(channel, rawMethod("/t.S/Sink", "client_streaming")) as (r: unknown) => Promise<string>;
    const chunk = "y".repeat(16 * 1024);
    async function* endless() {
      for (;;) {
        pulled++;
        yield chunk;
      }
    }
    const call = sink(endless());
    await new Promise((r) => setTimeout(r, 200));
    // Windows are 64 KiB per stream by default; 16 MiB would mean no backpressure at all.
    assert.ok(pulled < 100, `pulled ${pulled} messages of 16 KiB from the request source`);
    stopReading!();
    await assert.rejects(call, rejectsWith(Status.CANCELLED));
  });

  it("cancels the call when the request iterable throws", async () => {
    server.handle("/t.S/Sum2", async ({ stream, body }) => {
      await body();
      if (!stream.destroyed) reply(stream, ["never"]);
    });
    const sum = createStub(channel, rawMethod("/t.S/Sum2", "client_streaming")) as (r: unknown) => Promise<string>;
    async function* bad() {
      yield "a";
      throw new Error("source broke");
    }
    await assert.rejects(sum(bad()), rejectsWith(Status.CANCELLED, /source broke/));
  });

  it("runs a bidi stream with interleaved messages", async () => {
    server.handle("/t.S/Chat", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.on("data", (d: Buffer) => {
        for (const m of unframe(d)) stream.write(frame(`echo:${m}`));
      });
      stream.on("end", () => stream.end());
    });
    const chat = createStub(channel, rawMethod("/t.S/Chat", "bidi_streaming")) as (r: unknown) => AsyncIterable<string>;
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const requests = (async function* () {
      yield "one";
      while (!closed) {
        if (queue.length) yield queue.shift()!;
        else await new Promise<void>((r) => (wake = r));
      }
    })();
    const got: string[] = [];
    for await (const m of chat(requests)) {
      got.push(m);
      if (got.length === 1) queue.push("two");
      else closed = true;
      wake?.();
    }
    assert.deepEqual(got, ["echo:one", "echo:two"]);
  });
});
