// Soak cases: rpc_soak (many large_unary RPCs on one channel) and channel_soak (each on a new channel),
// judged in a second pass over the recorded latencies and statuses (doc/interop-test-descriptions.md).
import assert from "node:assert/strict";
import { createClient } from "../../src/client/index.js";
import { TestService } from "../testing.js";
import { assertZeros, zeros, type InteropContext, type TestServiceClient } from "./context.js";

interface Outcome {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

async function soak(ctx: InteropContext, freshChannel: boolean): Promise<void> {
  const { iterations, maxFailures, maxLatencyMs, overallTimeoutMs, minTimeBetweenMs } = ctx.soak;
  const stop = Date.now() + overallTimeoutMs;
  const outcomes: Outcome[] = [];
  for (let i = 0; i < iterations && Date.now() < stop; i++) {
    const started = performance.now();
    const channel = freshChannel ? ctx.newChannel() : ctx.channel;
    const client = freshChannel ? (createClient(TestService, channel) as unknown as TestServiceClient) : ctx.client;
    try {
      const response = await client.unaryCall({ responseSize: 314159, payload: { body: zeros(271828) } }, { deadline: stop });
      assertZeros(response.payload?.body, 314159, "response payload body");
      outcomes.push({ ok: true, latencyMs: performance.now() - started });
    } catch (e) {
      outcomes.push({ ok: false, latencyMs: performance.now() - started, error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (freshChannel) channel.close();
    }
    const wait = minTimeBetweenMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  // Second pass, as the description asks: count failures and RPCs slower than the acceptable latency.
  assert.equal(outcomes.length, iterations, `only ${outcomes.length} of ${iterations} RPCs completed within ${overallTimeoutMs} ms`);
  const bad = outcomes.filter((o) => !o.ok || o.latencyMs > maxLatencyMs);
  const worst = bad.slice(0, 3).map((o) => (o.ok ? `${o.latencyMs.toFixed(0)} ms` : o.error)).join("; ");
  assert.ok(bad.length <= maxFailures, `${bad.length} of ${iterations} RPCs failed or exceeded ${maxLatencyMs} ms (at most ${maxFailures} allowed): ${worst}`);
}

/** rpc_soak: `soak_iterations` large_unary RPCs in sequence on the same channel. */
export async function rpcSoak(ctx: InteropContext): Promise<void> {
  await soak(ctx, false);
}

/** channel_soak: the same, each RPC on a channel created for it and closed after it. */
export async function channelSoak(ctx: InteropContext): Promise<void> {
  await soak(ctx, true);
}
