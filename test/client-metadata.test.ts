// Response metadata as Spindle's client hands it over: repeated keys in headers and trailers keep every value
// apart (node:http2's header object would join them with ", "), `-bin` values are decoded one by one. The
// server is grpc-js, which sends each value of a repeated key as its own header field.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { Metadata, RpcError, Status } from "../src/grpc/index.js";
import { createChannel, createClient, type Channel } from "../src/client/index.js";
import { Echo, fromJsonBytes, toJsonBytes } from "./server-helpers.js";

/** Every value under the keys the test sets, `-bin` ones as byte lists. */
function sentValues(md: Metadata): Record<string, (string | number[])[]> {
  const out: Record<string, (string | number[])[]> = {};
  for (const [key, value] of md) {
    if (key.startsWith("x-")) (out[key] ??= []).push(typeof value === "string" ? value : [...(value as Uint8Array)]);
  }
  return out;
}

/** grpc-js metadata with repeated text and binary keys, the binary values carrying bytes base64 needs to pad. */
function repeated(prefix: string): grpc.Metadata {
  const md = new grpc.Metadata();
  md.add(`x-${prefix}`, "a");
  md.add(`x-${prefix}`, "b, c");
  md.add(`x-${prefix}-bin`, Buffer.from([1, 2, 3]));
  md.add(`x-${prefix}-bin`, Buffer.from([0xfb, 0xff]));
  return md;
}
const want = (prefix: string) => ({ [`x-${prefix}`]: ["a", "b, c"], [`x-${prefix}-bin`]: [[1, 2, 3], [0xfb, 0xff]] });

describe("client response metadata from grpc-js", () => {
  let server: grpc.Server;
  let channel: Channel;

  before(async () => {
    server = new grpc.Server();
    const serialize = (value: unknown) => Buffer.from(toJsonBytes(value));
    const deserialize = (bytes: Buffer) => fromJsonBytes(bytes);
    server.addService(
      {
        unary: { path: "/test.Echo/Unary", requestStream: false, responseStream: false, requestSerialize: serialize, requestDeserialize: deserialize, responseSerialize: serialize, responseDeserialize: deserialize },
      },
      {
        unary: (call: grpc.ServerUnaryCall<{ fail?: boolean }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
          call.sendMetadata(repeated("head"));
          if (call.request.fail) callback({ code: grpc.status.NOT_FOUND, details: "gone", metadata: repeated("tail") });
          else callback(null, { ok: true }, repeated("tail"));
        },
      },
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    channel = createChannel(`127.0.0.1:${port}`);
  });
  after(async () => {
    channel.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  it("keeps repeated header and trailer keys apart on a successful call", async () => {
    const client = createClient(Echo, channel) as unknown as { unary(req: unknown, options?: object): Promise<unknown> };
    let headers: Metadata | undefined;
    let trailers: Metadata | undefined;
    const reply = await client.unary({}, { onHeader: (md: Metadata) => (headers = md), onTrailer: (md: Metadata) => (trailers = md) });
    assert.deepEqual(reply, { ok: true });
    assert.deepEqual(sentValues(headers!), want("head"));
    assert.deepEqual(sentValues(trailers!), want("tail"));
  });

  it("keeps them apart in a failed call's error metadata", async () => {
    const client = createClient(Echo, channel) as unknown as { unary(req: unknown): Promise<unknown> };
    await assert.rejects(client.unary({ fail: true }), (e: unknown) => {
      assert.ok(e instanceof RpcError);
      assert.equal(e.code, Status.NOT_FOUND);
      assert.deepEqual(sentValues(e.metadata), want("tail"));
      return true;
    });
  });
});
