// Request metadata as the server's handlers see it: repeated keys keep every value apart (node:http2's header
// object would join them with ", "), `-bin` values are decoded one by one; from grpc-js, Spindle's client and
// raw node:http2.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import * as grpc from "@grpc/grpc-js";
import { Metadata, Status, type MetadataValue } from "../src/grpc/index.js";
import { createChannel, createClient, type CallOptions, type Channel } from "../src/client/index.js";
import { createServer, type Server, type ServerContext } from "../src/server/index.js";
import { Echo, frame, fromJsonBytes, grpcHeaders, jsonClient, rawRequest, statusOf, toJsonBytes, unframe } from "./server-helpers.js";

/** What the handler answers: every request metadata value, `-bin` ones as byte lists. */
function describeMetadata(md: Metadata): Record<string, (string | number[])[]> {
  const out: Record<string, (string | number[])[]> = {};
  for (const [key, value] of md) (out[key] ??= []).push(typeof value === "string" ? value : [...(value as Uint8Array)]);
  return out;
}

/** The keys the tests send; the answer leaves out what clients add on their own (user-agent and such). */
function sentKeys(all: Record<string, (string | number[])[]>): Record<string, (string | number[])[]> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith("x-")));
}

const sent: [string, MetadataValue][] = [
  ["x-tag", "a"],
  ["x-tag", "b, c"],
  ["x-tag", ""],
  ["x-one", "1"],
  ["x-trace-bin", new Uint8Array([1, 2, 3])],
  ["x-trace-bin", new Uint8Array([0xfb, 0xff])],
  ["x-trace-bin", new Uint8Array([])],
];
const want = {
  "x-tag": ["a", "b, c", ""],
  "x-one": ["1"],
  "x-trace-bin": [[1, 2, 3], [0xfb, 0xff], []],
};

describe("server request metadata", () => {
  let server: Server;
  let address: string;
  let channel: Channel;

  before(async () => {
    server = createServer();
    server.addService(Echo, {
      async unary(_req: unknown, ctx: ServerContext) {
        return describeMetadata(ctx.metadata);
      },
      async *serverStream() {},
      clientStream: async () => ({}),
      async *bidi(requests: AsyncIterable<unknown>, ctx: ServerContext) {
        for await (const _ of requests) yield describeMetadata(ctx.metadata);
      },
    } as never);
    const port = await server.listen("127.0.0.1:0");
    address = `127.0.0.1:${port}`;
    channel = createChannel(address);
  });

  after(async () => {
    channel.close();
    await server.shutdown({ graceMs: 100 });
  });

  it("keeps repeated text and -bin keys apart when grpc-js sends them", async () => {
    const client = jsonClient(address);
    try {
      const md = new grpc.Metadata();
      for (const [k, v] of sent) md.add(k, typeof v === "string" ? v : Buffer.from(v));
      const { res } = await client.unary("/test.Echo/Unary", {}, md);
      assert.deepEqual(sentKeys(res as Record<string, (string | number[])[]>), want);
    } finally {
      client.close();
    }
  });

  it("keeps repeated text and -bin keys apart when Spindle's client sends them", async () => {
    const stub = createClient(Echo, channel) as unknown as { unary(r: unknown, o: CallOptions): Promise<unknown> };
    const md = new Metadata();
    for (const [k, v] of sent) md.append(k, v);
    assert.deepEqual(sentKeys((await stub.unary({}, { metadata: md })) as Record<string, (string | number[])[]>), want);
  });

  it("shows a streaming handler the same metadata", async () => {
    const stub = createClient(Echo, channel) as unknown as { bidi(r: Iterable<unknown>, o: CallOptions): AsyncIterable<unknown> };
    const md = new Metadata();
    for (const [k, v] of sent) md.append(k, v);
    const answers: unknown[] = [];
    for await (const a of stub.bidi([{}], { metadata: md })) answers.push(sentKeys(a as Record<string, (string | number[])[]>));
    assert.deepEqual(answers, [want]);
  });

  it("reads -bin values that a proxy joined with commas, and fails a call whose -bin value is not base64", async () => {
    const session = http2.connect(`http://${address}`);
    try {
      const headers = grpcHeaders("/test.Echo/Unary");
      const joined = await rawRequest(session, { ...headers, "x-trace-bin": ["AQID, +/8", "AA"] }, [frame(toJsonBytes({}))]);
      assert.equal(statusOf(joined).code, Status.OK);
      assert.deepEqual(sentKeys(fromJsonBytes(unframe(joined.body)[0]!) as Record<string, (string | number[])[]>), { "x-trace-bin": [[1, 2, 3], [0xfb, 0xff], [0]] });
      const bad = await rawRequest(session, { ...headers, "x-trace-bin": ["AQID", "!!"] }, [frame(toJsonBytes({}))]);
      assert.equal(statusOf(bad).code, Status.INTERNAL);
    } finally {
      session.close();
    }
  });

  it("refuses metadata over the limit counted per repeated field", async () => {
    const small = createServer({ maxMetadataBytes: 1024 });
    small.addService(Echo, { async unary() { return {}; }, async *serverStream() {}, clientStream: async () => ({}), async *bidi() {} } as never);
    const port = await small.listen("127.0.0.1:0");
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      // 20 fields of 40 + 32 bytes: 1,440 bytes of metadata, though the header object joins them into one.
      const many = Array.from({ length: 20 }, () => "v".repeat(34));
      const r = await rawRequest(session, { ...grpcHeaders("/test.Echo/Unary"), "x-many": many }, [frame(toJsonBytes({}))]);
      assert.equal(statusOf(r).code, Status.RESOURCE_EXHAUSTED);
      const ok = await rawRequest(session, { ...grpcHeaders("/test.Echo/Unary"), "x-many": many.slice(0, 5) }, [frame(toJsonBytes({}))]);
      assert.equal(statusOf(ok).code, Status.OK);
    } finally {
      session.close();
      await small.shutdown({ graceMs: 100 });
    }
  });
});
