// gRFC A6 retries of client-streaming and bidi calls against a real Spindle server: the client keeps the
// messages it sent, replays them on the next attempt, and commits (stops buffering, no more attempts) when
// response headers arrive or the request outgrows the retry buffer.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createChannel, createClient, createWritableIterable, type Channel, type ChannelOptions } from "../src/client/index.js";
import { Metadata, RpcError, Status } from "../src/grpc/index.js";
import { createServer, type Server, type ServerContext } from "../src/server/index.js";
import type { ChannelCore } from "../src/client/channel.js";
import { Echo } from "./server-helpers.js";

type Json = Record<string, unknown>;
interface EchoClient {
  clientStream(requests: Iterable<unknown> | AsyncIterable<unknown>, options?: object): Promise<Json>;
  bidi(requests: Iterable<unknown> | AsyncIterable<unknown>, options?: object): AsyncIterable<Json>;
}

/** One attempt as the server saw it. */
interface Attempt {
  /** `grpc-previous-rpc-attempts` as sent by the client (absent on the first attempt). */
  previous: string | undefined;
  messages: unknown[];
}

/** How the server treats the next calls, set per test. */
interface Script {
  /** Attempts to fail with UNAVAILABLE (after reading), counted from the test's start. */
  failures: number;
  /** For bidi: fail after reading this many messages instead of the whole stream. */
  failAfter?: number;
  /** Trailers sent with each failure. */
  trailers?: Record<string, string>;
  /** Send response headers before failing (commits the call). */
  headersFirst?: boolean;
  /** Called when an attempt failed. */
  onFailure?: (attempt: number) => void;
}

const policy = (maxAttempts = 4) => ({
  methodConfig: [
    {
      name: [{ service: "test.Echo" }],
      retryPolicy: { maxAttempts, initialBackoff: "0.005s", maxBackoff: "0.02s", backoffMultiplier: 2, retryableStatusCodes: ["UNAVAILABLE"] },
    },
  ],
});

describe("retries of client-streaming and bidi calls (gRFC A6)", () => {
  let server: Server;
  let target: string;
  let attempts: Attempt[] = [];
  let script: Script = { failures: 0 };

  const failOrNot = (ctx: ServerContext, attempt: Attempt): void => {
    if (attempts.length > script.failures) return;
    if (script.headersFirst) ctx.sendHeader();
    script.onFailure?.(attempts.length);
    throw new RpcError(Status.UNAVAILABLE, `attempt ${attempts.length} fails after ${attempt.messages.length} messages`, { metadata: script.trailers });
  };
  const begin = (ctx: ServerContext): Attempt => {
    const previous = ctx.metadata.get("grpc-previous-rpc-attempts");
    const attempt: Attempt = { previous: previous === undefined ? undefined : String(previous), messages: [] };
    attempts.push(attempt);
    return attempt;
  };

  before(async () => {
    server = createServer();
    server.addService(Echo, {
      async unary(req: unknown) {
        return req;
      },
      async *serverStream() {},
      async clientStream(requests: AsyncIterable<unknown>, ctx: ServerContext) {
        const attempt = begin(ctx);
        for await (const m of requests) attempt.messages.push(m);
        failOrNot(ctx, attempt);
        return { got: attempt.messages };
      },
      async *bidi(requests: AsyncIterable<unknown>, ctx: ServerContext) {
        const attempt = begin(ctx);
        for await (const m of requests) {
          attempt.messages.push(m);
          if (script.failAfter !== undefined && attempt.messages.length === script.failAfter) failOrNot(ctx, attempt);
        }
        if (script.failAfter === undefined) failOrNot(ctx, attempt);
        for (const m of attempt.messages) yield m;
      },
    });
    target = `127.0.0.1:${await server.listen("127.0.0.1:0")}`;
  });
  after(() => server.shutdown({ graceMs: 100 }));

  async function withClient<T>(options: ChannelOptions, s: Script, fn: (client: EchoClient, channel: Channel) => Promise<T>): Promise<T> {
    attempts = [];
    script = s;
    const channel = createChannel(target, options);
    try {
      return await fn(createClient(Echo, channel) as unknown as EchoClient, channel);
    } finally {
      // Every retried call gave its buffered bytes back to the channel's pool.
      assert.equal((channel as ChannelCore).retryLimits.pool.usedBytes, 0, "retry buffer bytes still held");
      channel.close();
    }
  }

  it("replays a client stream on each attempt until one succeeds, counting previous attempts", async () => {
    await withClient({ serviceConfig: policy() }, { failures: 2 }, async (client) => {
      const sent = [{ n: 1 }, { n: 2 }, { n: 3 }];
      let trailers: Metadata | undefined;
      assert.deepEqual(await client.clientStream(sent, { onTrailer: (t: Metadata) => (trailers = t) }), { got: sent });
      assert.equal(trailers?.get("grpc-previous-rpc-attempts"), "2", "the answer's trailers say how many attempts came before");
      assert.deepEqual(attempts, [
        { previous: undefined, messages: sent },
        { previous: "1", messages: sent },
        { previous: "2", messages: sent },
      ]);
    });
  });

  it("replays from an async generator too (the client buffers; the generator runs once)", async () => {
    let generated = 0;
    async function* requests() {
      for (let n = 1; n <= 3; n++) {
        generated++;
        yield { n };
      }
    }
    await withClient({ serviceConfig: policy() }, { failures: 1 }, async (client) => {
      assert.deepEqual(await client.clientStream(requests()), { got: [{ n: 1 }, { n: 2 }, { n: 3 }] });
      assert.equal(generated, 3);
      assert.equal(attempts.length, 2);
    });
  });

  it("replays compressed messages as they were sent", async () => {
    await withClient({ serviceConfig: policy() }, { failures: 1 }, async (client) => {
      const sent = [{ text: "z".repeat(500) }, { text: "y".repeat(500) }];
      assert.deepEqual(await client.clientStream(sent, { compression: "gzip" }), { got: sent });
      assert.deepEqual(attempts.map((a) => a.messages), [sent, sent]);
    });
  });

  it("gives up after maxAttempts with the last attempt's status", async () => {
    await withClient({ serviceConfig: policy(3) }, { failures: 10 }, async (client) => {
      await assert.rejects(
        client.clientStream([{ n: 1 }]),
        (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /attempt 3 /.test(e.rawMessage) && e.metadata.get("grpc-previous-rpc-attempts") === "2",
      );
      assert.equal(attempts.length, 3);
    });
  });

  it("retries a bidi call that failed mid-stream: earlier messages are replayed, later ones follow on the new attempt", async () => {
    const requests = createWritableIterable<unknown>();
    let failed!: () => void;
    const bothFailed = new Promise<void>((resolve) => (failed = resolve));
    await withClient({ serviceConfig: policy() }, { failures: 2, failAfter: 2, onFailure: (n) => n === 2 && failed() }, async (client) => {
      const replies = client.bidi(requests);
      const got: unknown[] = [];
      const reading = (async () => {
        for await (const r of replies) got.push(r);
      })();
      await requests.write({ n: 1 });
      await requests.write({ n: 2 });
      // Written while attempts fail and back off: queued behind the replayed messages.
      await bothFailed;
      await requests.write({ n: 3 });
      requests.close();
      await reading;
      assert.deepEqual(got, [{ n: 1 }, { n: 2 }, { n: 3 }]);
      assert.deepEqual(
        attempts.map((a) => [a.previous, a.messages.length]),
        [
          [undefined, 2],
          ["1", 2],
          ["2", 3],
        ],
      );
    });
  });

  it("commits when the stream outgrows the per-call buffer: sent on, never retried", async () => {
    const big = { pad: "x".repeat(200) };
    await withClient({ serviceConfig: policy(), perCallRetryBufferBytes: 300 }, { failures: 1 }, async (client) => {
      await assert.rejects(client.clientStream([big, big]), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      assert.equal(attempts.length, 1);
      assert.equal(attempts[0]!.messages.length, 2, "the messages past the limit were still sent");
    });
    // One message fits: the same call is retried.
    await withClient({ serviceConfig: policy(), perCallRetryBufferBytes: 300 }, { failures: 1 }, async (client) => {
      assert.deepEqual(await client.clientStream([big]), { got: [big] });
      assert.equal(attempts.length, 2);
    });
  });

  it("commits when the channel-wide retry buffer is full", async () => {
    await withClient({ serviceConfig: policy(), retryBufferBytes: 16 }, { failures: 1 }, async (client) => {
      await assert.rejects(client.clientStream([{ pad: "more than sixteen bytes" }]), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      assert.equal(attempts.length, 1);
    });
  });

  it("does not retry once response headers arrived", async () => {
    await withClient({ serviceConfig: policy() }, { failures: 1, headersFirst: true }, async (client) => {
      await assert.rejects(client.clientStream([{ n: 1 }]), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      assert.equal(attempts.length, 1);
    });
  });

  it("honours grpc-retry-pushback-ms: a delay retries, a negative value stops", async () => {
    await withClient({ serviceConfig: policy() }, { failures: 1, trailers: { "grpc-retry-pushback-ms": "1" } }, async (client) => {
      assert.deepEqual(await client.clientStream([{ n: 1 }]), { got: [{ n: 1 }] });
      assert.equal(attempts.length, 2);
    });
    await withClient({ serviceConfig: policy() }, { failures: 1, trailers: { "grpc-retry-pushback-ms": "-1" } }, async (client) => {
      await assert.rejects(client.clientStream([{ n: 1 }]), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      assert.equal(attempts.length, 1);
    });
  });

  it("ends with the call's deadline while waiting out a backoff, leaving no timer behind", async () => {
    await withClient({ serviceConfig: policy() }, { failures: 1, trailers: { "grpc-retry-pushback-ms": "60000" } }, async (client) => {
      const started = Date.now();
      await assert.rejects(client.clientStream([{ n: 1 }], { timeout: 100 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
      assert.ok(Date.now() - started < 30_000, "the deadline, not the pushback, ended the call");
      assert.equal(attempts.length, 1);
    });
  });

  it("stops retrying streams when the throttle's tokens run low", async () => {
    const options = { serviceConfig: { ...policy(), retryThrottling: { maxTokens: 2, tokenRatio: 0.1 } } };
    await withClient(options, { failures: 10 }, async (client) => {
      await assert.rejects(client.clientStream([{ n: 1 }]), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      // 2 tokens: the first failure leaves 1, which is not more than half: no retry.
      assert.equal(attempts.length, 1);
    });
  });

  it("sends streams without a retry policy once, as before", async () => {
    await withClient({}, { failures: 1 }, async (client) => {
      await assert.rejects(client.clientStream([{ n: 1 }]), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
      assert.equal(attempts.length, 1);
    });
  });
});
