// Pull-based request iteration for client-streaming and bidi calls, with a bounded buffer.
import type { Frame } from "../grpc/index.js";

const noop = (): void => {};

/** Frames buffered before the HTTP/2 stream is paused (then flow control stops the client). */
const HIGH_WATER_FRAMES = 16;
/** The stream resumes once the handler has pulled the buffer down to this. */
const LOW_WATER_FRAMES = 4;

/** What the request stream needs from its call: pausing the transport and turning a frame into a message. */
export interface RequestSource {
  pause(): void;
  resume(): void;
  /** Decompresses and deserializes one frame; rejects with an RpcError (the call has already failed then). */
  decode(frame: Frame): Promise<unknown> | unknown;
}

/**
 * The `requests` argument of client-streaming and bidi handlers: an AsyncIterable that pulls frames the
 * transport has pushed, pausing the transport when the handler falls behind, so memory stays bounded.
 */
export class RequestStream implements AsyncIterable<unknown>, AsyncIterator<unknown> {
  private readonly frames: Frame[] = [];
  private head = 0;
  private isEnded = false;
  private isPaused = false;
  private error: unknown = undefined;
  /** The pending next()'s resolve and reject; `undefined` while no reader waits. */
  private resolveNext: ((r: IteratorResult<unknown>) => void) | undefined = undefined;
  private rejectNext: ((e: unknown) => void) = noop;
  private isDecoding = false;
  /** One executor for every next() promise (rather than a closure per call). */
  private readonly wait = (resolve: (r: IteratorResult<unknown>) => void, reject: (e: unknown) => void): void => {
    this.resolveNext = resolve;
    this.rejectNext = reject;
  };

  constructor(private readonly source: RequestSource) {}

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return this;
  }

  /** Buffers a frame from the transport and wakes a waiting reader. */
  push(frame: Frame): void {
    if (this.isEnded || this.error !== undefined) return;
    if (this.resolveNext !== undefined && !this.isDecoding && this.head === this.frames.length) {
      // A reader waits and nothing is buffered (every message of a ping-pong): hand the frame straight over.
      this.deliverFrame(frame);
      return;
    }
    this.frames.push(frame);
    if (this.resolveNext !== undefined && !this.isDecoding) this.deliver();
    if (!this.isPaused && this.frames.length - this.head >= HIGH_WATER_FRAMES) {
      this.isPaused = true;
      this.source.pause();
    }
  }

  /** The client half-closed: the iteration ends after the buffered frames. */
  end(): void {
    this.isEnded = true;
    if (this.resolveNext !== undefined && !this.isDecoding && this.head === this.frames.length) this.deliver();
  }

  /** The call failed or was cancelled: the next pull throws `error`. */
  fail(error: unknown): void {
    if (this.error !== undefined) return;
    this.error = error;
    this.frames.length = 0;
    this.head = 0;
    if (this.resolveNext !== undefined && !this.isDecoding) this.deliver();
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.resolveNext !== undefined) return Promise.reject(new Error("RequestStream: next() called while a previous next() is pending"));
    const promise = new Promise(this.wait);
    if (this.error !== undefined || this.head < this.frames.length || this.isEnded) this.deliver();
    return promise;
  }

  /** The handler stopped reading: drop what is buffered and stop pausing the transport. */
  return(): Promise<IteratorResult<unknown>> {
    this.isEnded = true;
    this.frames.length = 0;
    this.head = 0;
    if (this.isPaused) {
      this.isPaused = false;
      this.source.resume();
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  /** Settles the waiting next() with the error, the next buffered frame, or the end. */
  private deliver(): void {
    if (this.error !== undefined) {
      this.settle(undefined, this.error);
      return;
    }
    if (this.head < this.frames.length) {
      const frame = this.frames[this.head]!;
      this.frames[this.head++] = undefined as unknown as Frame;
      if (this.head === this.frames.length) {
        this.frames.length = 0;
        this.head = 0;
      }
      if (this.isPaused && this.frames.length - this.head <= LOW_WATER_FRAMES) {
        this.isPaused = false;
        this.source.resume();
      }
      this.deliverFrame(frame);
      return;
    }
    if (this.isEnded) this.settle({ done: true, value: undefined }, undefined);
  }

  /** Decodes `frame` for the waiting next(); a failed decode fails the stream. */
  private deliverFrame(frame: Frame): void {
    let decoded: unknown;
    try {
      decoded = this.source.decode(frame);
    } catch (e) {
      this.settle(undefined, e);
      this.fail(e);
      return;
    }
    if (decoded instanceof Promise) {
      this.isDecoding = true;
      decoded.then(
        (value) => {
          this.isDecoding = false;
          this.settle({ done: false, value }, undefined);
        },
        (e) => {
          this.isDecoding = false;
          this.settle(undefined, e);
          this.fail(e);
        },
      );
      return;
    }
    this.settle({ done: false, value: decoded }, undefined);
  }

  /**
   * Resolves the waiting next() with `result`, or rejects it with `error` when there is no result. A failed
   * decode may already have settled it (the call's failure reaches {@link fail} first): then nothing is left.
   */
  private settle(result: IteratorResult<unknown> | undefined, error: unknown): void {
    const resolve = this.resolveNext;
    if (resolve === undefined) return;
    const reject = this.rejectNext;
    this.resolveNext = undefined;
    this.rejectNext = noop;
    if (result !== undefined) resolve(result);
    else reject(error);
  }
}
