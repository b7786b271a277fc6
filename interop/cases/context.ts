// What every interop case gets: typed stubs for grpc.testing.TestService and UnimplementedService on one
// channel, plus small helpers shared by the cases (grpc/grpc doc/interop-test-descriptions.md).
import assert from "node:assert/strict";
import type { CallOptions, Channel } from "../../src/client/index.js";
import { RpcError, Status, type MessageInit } from "../../src/grpc/index.js";
import type { SimpleRequest, StreamingInputCallRequest, StreamingOutputCallRequest } from "../testing.js";

/** Partial messages, as stubs accept them. */
type Init<T> = MessageInit<T>;

/** The received message shapes the cases read. */
export interface SimpleResponse {
  payload?: { type: number; body: Uint8Array };
  username: string;
}
export interface StreamingOutputCallResponse {
  payload?: { type: number; body: Uint8Array };
}
export interface StreamingInputCallResponse {
  aggregatedPayloadSize: number;
}

type Requests<T> = AsyncIterable<Init<T>> | Iterable<Init<T>>;

/** grpc.testing.TestService as the Spindle client exposes it. */
export interface TestServiceClient {
  emptyCall(request: object, options?: CallOptions): Promise<object>;
  unaryCall(request: Init<SimpleRequest>, options?: CallOptions): Promise<SimpleResponse>;
  streamingOutputCall(request: Init<StreamingOutputCallRequest>, options?: CallOptions): AsyncIterable<StreamingOutputCallResponse>;
  streamingInputCall(requests: Requests<StreamingInputCallRequest>, options?: CallOptions): Promise<StreamingInputCallResponse>;
  fullDuplexCall(requests: Requests<StreamingOutputCallRequest>, options?: CallOptions): AsyncIterable<StreamingOutputCallResponse>;
  halfDuplexCall(requests: Requests<StreamingOutputCallRequest>, options?: CallOptions): AsyncIterable<StreamingOutputCallResponse>;
  unimplementedCall(request: object, options?: CallOptions): Promise<object>;
}

/** grpc.testing.UnimplementedService. */
export interface UnimplementedServiceClient {
  unimplementedCall(request: object, options?: CallOptions): Promise<object>;
}

/** Settings of the soak cases (the official client's `--soak_*` flags). */
export interface SoakOptions {
  /** `--soak_iterations`: RPCs to make (default 10). */
  readonly iterations: number;
  /** `--soak_max_failures`: failed or too slow RPCs tolerated (default 0). */
  readonly maxFailures: number;
  /** `--soak_per_iteration_max_acceptable_latency_ms` (default 1000). */
  readonly maxLatencyMs: number;
  /** `--soak_overall_timeout_seconds`, in ms (default 10 s). */
  readonly overallTimeoutMs: number;
  /** `--soak_min_time_ms_between_rpcs` (default 0). */
  readonly minTimeBetweenMs: number;
}

/** The soak defaults of the official clients. */
export const DEFAULT_SOAK: SoakOptions = { iterations: 10, maxFailures: 0, maxLatencyMs: 1000, overallTimeoutMs: 10_000, minTimeBetweenMs: 0 };

/** The arguments of every case. */
export interface InteropContext {
  readonly client: TestServiceClient;
  readonly unimplemented: UnimplementedServiceClient;
  readonly channel: Channel;
  /** A new channel to the same server with the same options (channel_soak); the case closes it. */
  newChannel(): Channel;
  readonly soak: SoakOptions;
}

/** One interop case: resolves when the peer behaved as the description asserts, throws otherwise. */
export type InteropCase = (ctx: InteropContext) => Promise<void>;

/** `size` zero bytes (the payload bodies of every case). */
export function zeros(size: number): Uint8Array {
  return new Uint8Array(size);
}

/** Asserts a payload body has `size` bytes, all zero. */
export function assertZeros(body: Uint8Array | undefined, size: number, what = "payload body"): void {
  assert.ok(body !== undefined, `${what} is missing`);
  assert.equal(body.length, size, `${what} size`);
  assert.ok(body.every((b) => b === 0), `${what} is not all zeros`);
}

/** Runs `fn` and asserts it fails with `code` (and `message`, when given), returning the error. */
export async function expectStatus(fn: () => Promise<unknown>, code: Status, message?: string): Promise<RpcError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof RpcError, `expected an RpcError, got ${String(e)}`);
    assert.equal(Status[e.code], Status[code], `status code (message: ${JSON.stringify(e.rawMessage)})`);
    if (message !== undefined) assert.equal(e.rawMessage, message, "status message");
    return e;
  }
  assert.fail(`expected the call to fail with ${Status[code]}, but it succeeded`);
}

/** Reads a whole response stream into an array. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const m of stream) out.push(m);
  return out;
}
