// A WritableIterable given to a call feeds it directly (no pump): messages in order, flow control intact,
// and errors of the response stream with the reader's stack.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createChannel, createStub, createWritableIterable, type Channel } from "../src/client/index.js";
import { RpcError, Status } from "../src/grpc/index.js";
import { frame, rawMethod, startRawServer, unframe, type RawServer } from "./client-helpers.js";

type Streaming = (requests: unknown, options?: object) => AsyncIterable<string>;
type ClientStreaming = (requests: unknown, options?: object) => Promise<string>;

describe("WritableIterable as the requests of a call", () => {
  let server: RawServer;
  let channel: Channel;

  before(async () => {
    server = await startRawServer();
    channel = createChannel(server.target);
    // Echoes every message as it arrives, then OK when the client half-closes.
    server.handle("/t.S/Echo", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      let buffered = Buffer.alloc(0);
      stream.on("data", (d: Buffer) => {
        buffered = Buffer.concat([buffered, d]);
        let whole = 0;
        while (whole + 5 <= buffered.length && whole + 5 + buffered.readUInt32BE(whole + 1) <= buffered.length) whole += 5 + buffered.readUInt32BE(whole + 1);
        for (const m of unframe(buffered.subarray(0, whole))) stream.write(frame(`echo:${m}`));
        buffered = buffered.subarray(whole);
      });
      stream.on("end", () => stream.end());
    });
  });
  after(async () => {
    channel.close();
    await server.close();
  });

  it("plays ping-pong in order, one message each way at a time", async () => {
    const requests = createWritableIterable<string>();
    const replies = (createStub(channel, rawMethod("/t.S/Echo", "bidi_streaming")) as Streaming)(requests)[Symbol.asyncIterator]();
    for (let i = 0; i < 50; i++) {
      await requests.write(`m${i}`);
      assert.deepEqual(await replies.next(), { value: `echo:m${i}`, done: false });
    }
    requests.close();
    assert.deepEqual(await replies.next(), { value: undefined, done: true });
  });

  it("keeps writes written faster than the call sends in order", async () => {
    const requests = createWritableIterable<string>();
    const replies = (createStub(channel, rawMethod("/t.S/Echo", "bidi_streaming")) as Streaming)(requests);
    const big = "b".repeat(40 * 1024);
    const sent = Array.from({ length: 8 }, (_, i) => `${i}${big}`);
    for (const m of sent) void requests.write(m);
    requests.close();
    const got: string[] = [];
    for await (const r of replies) got.push(r);
    assert.deepEqual(got, sent.map((m) => `echo:${m}`));
  });

  it("waits for HTTP/2 flow control: writes stop resolving while the server does not read", async () => {
    let stopReading: (() => void) | undefined;
    server.handle("/t.S/Sink", ({ stream }) => {
      stream.pause();
      stopReading = () => stream.close(8);
    });
    const requests = createWritableIterable<string>();
    const call = (createStub(channel, rawMethod("/t.S/Sink", "client_streaming")) as ClientStreaming)(requests);
    const chunk = "y".repeat(16 * 1024);
    let written = 0;
    const writing = (async () => {
      for (;;) {
        await requests.write(chunk);
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    // Windows are 64 KiB per stream by default; 16 MiB would mean no backpressure at all.
    assert.ok(written < 100, `${written} writes of 16 KiB resolved`);
    stopReading!();
    await assert.rejects(call, (e: unknown) => e instanceof RpcError && e.code === Status.CANCELLED);
    await assert.rejects(writing, /stopped reading/);
  });

  it("gives a failed response stream's error the reader's stack", async () => {
    server.handle("/t.S/Fail", ({ stream }) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "9", "grpc-message": "nope" }, { endStream: true });
    });
    const requests = createWritableIterable<string>();
    const replies = (createStub(channel, rawMethod("/t.S/Fail", "bidi_streaming")) as Streaming)(requests);
    async function someStreamReader() {
      for await (const _ of replies) assert.fail("no message expected");
    }
    await assert.rejects(someStreamReader(), (e: unknown) => {
      assert.ok(e instanceof RpcError && e.code === Status.FAILED_PRECONDITION);
      assert.match(String(e.stack), /someStreamReader/);
      return true;
    });
    requests.close();
  });
});
