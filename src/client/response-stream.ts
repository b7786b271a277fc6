// Adapts a call's pushed responses to a pull-based AsyncIterable with bounded buffering: when the reader
// falls behind, the HTTP/2 stream is paused, so flow control makes the server wait (DESIGN.md: "a slow
// reader slows the writer, memory stays bounded").
import { Metadata, RpcError, Status } from "../grpc/index.js";
import type { CallObserver, ClientCall } from "./call.js";
import type { CallOptions } from "./call-options.js";
import { withCallerStack } from "./call-errors.js";

/** Messages buffered before the stream is paused, and the level at which reading resumes. */
const HIGH_WATER = 16;
const LOW_WATER = 4;

/**
 * The responses of a streaming call. Iterate it once; stopping early (`break`) cancels the call.
 * A failed call makes the iteration throw an `RpcError` carrying the caller's stack.
 */
export class ResponseStream<O> implements CallObserver<O>, AsyncIterableIterator<O> {
  /** Streams always parse metadata: `headers` and `trailers` are part of what they expose. */
  readonly needsMetadata = true;
  /** Response headers, once received (empty until then). */
  headers = new Metadata();
  /** Trailers: empty until the call ends, then filled in place (interceptors hold on to this object). */
  readonly trailers = new Metadata();
  call: ClientCall<unknown, O> | undefined;
  private readonly options: CallOptions;
  private queue: O[] = [];
  private head = 0;
  private paused = false;
  private ended = false;
  private error: RpcError | undefined;
  private waiter: { resolve(r: IteratorResult<O>): void; reject(e: unknown): void } | undefined;
  private headerWaiters: { resolve(): void; reject(e: unknown): void }[] | undefined;
  private headersSeen = false;
  private iterated = false;

  constructor(options: CallOptions) {
    this.options = options;
  }

  onHeader(headers: Metadata): void {
    this.headers = headers;
    this.headersSeen = true;
    this.options.onHeader?.(headers);
    this.settleHeaders(undefined);
  }

  onMessage(message: O): void {
    const w = this.waiter;
    if (w !== undefined) {
      this.waiter = undefined;
      w.resolve({ value: message, done: false });
      return;
    }
    this.queue.push(message);
    if (!this.paused && this.queue.length - this.head >= HIGH_WATER) {
      this.paused = true;
      this.call?.pause();
    }
  }

  onEnd(error: RpcError | undefined, trailers: Metadata): void {
    this.ended = true;
    this.error = error;
    this.trailers.merge(trailers);
    this.options.onTrailer?.(trailers);
    this.settleHeaders(error);
    const w = this.waiter;
    if (w !== undefined && this.head === this.queue.length) {
      this.waiter = undefined;
      if (error) w.reject(error);
      else w.resolve({ value: undefined, done: true });
    }
  }

  /** Resolves once the response headers arrived, or the call ended without them (then rejects on error). */
  whenHeaders(): Promise<void> {
    if (this.headersSeen || this.ended) return this.error && !this.headersSeen ? Promise.reject(this.error) : Promise.resolve();
    return new Promise((resolve, reject) => (this.headerWaiters ??= []).push({ resolve, reject }));
  }

  private settleHeaders(error: RpcError | undefined): void {
    const ws = this.headerWaiters;
    if (!ws) return;
    this.headerWaiters = undefined;
    for (const w of ws) {
      if (error && !this.headersSeen) w.reject(error);
      else w.resolve();
    }
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<O> {
    if (this.iterated) throw new Error("a call's response stream can be iterated only once");
    this.iterated = true;
    return this;
  }

  next(): Promise<IteratorResult<O>> {
    // Fast path: a buffered message needs no async frame (a busy stream is mostly this).
    if (this.head < this.queue.length) return this.pull();
    // The message that settles this resolves the waiter from the socket callback; only a failure takes
    // the detour that gives it the awaiting code's stack (an async function here cost a frame per message).
    return this.pull().then(undefined, withCallerStack);
  }

  private pull(): Promise<IteratorResult<O>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head]!;
      this.queue[this.head++] = undefined as O;
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
      }
      if (this.paused && this.queue.length - this.head <= LOW_WATER) {
        this.paused = false;
        this.call?.resume();
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return this.error ? Promise.reject(this.error) : Promise.resolve({ value: undefined, done: true });
    if (this.waiter) return Promise.reject(new Error("next() called again before the previous call settled"));
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** Stops reading: cancels the call if it is still running. */
  async return(): Promise<IteratorResult<O>> {
    if (!this.ended) this.call?.cancel(new RpcError(Status.CANCELLED, "the response stream was closed by the reader"));
    this.queue = [];
    this.head = 0;
    return { value: undefined, done: true };
  }

  /** Cancels the call with the iterator's error. */
  async throw(e?: unknown): Promise<IteratorResult<O>> {
    if (!this.ended) this.call?.cancel(RpcError.from(e, Status.CANCELLED));
    throw e;
  }
}
