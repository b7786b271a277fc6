// Pull-based request iteration for client-streaming and bidi calls, with a bounded buffer.
import type { Frame } from "../grpc/index.js";

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
  private waiter: { resolve: (r: IteratorResult<unknown>) => void; reject: (e: unknown) => void } | undefined;
  private isDecoding = false;

  constructor(private readonly source: RequestSource) {}

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return this;
  }

  /** Buffers a frame from the transport and wakes a waiting reader. */
  push(frame: Frame): void {
    if (this.isEnded || this.error !== undefined) return;
    this.frames.push(frame);
    if (this.waiter !== undefined && !this.isDecoding) this.deliver();
    if (!this.isPaused && this.frames.length - this.head >= HIGH_WATER_FRAMES) {
      this.isPaused = true;
      this.source.pause();
    }
  }

  /** The client half-closed: the iteration ends after the buffered frames. */
  end(): void {
    this.isEnded = true;
    if (this.waiter !== undefined && !this.isDecoding && this.head === this.frames.length) this.deliver();
  }

  /** The call failed or was cancelled: the next pull throws `error`. */
  fail(error: unknown): void {
    if (this.error !== undefined) return;
    this.error = error;
    this.frames.length = 0;
    this.head = 0;
    if (this.waiter !== undefined && !this.isDecoding) this.deliver();
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.waiter !== undefined) return Promise.reject(new Error("RequestStream: next() called while a previous next() is pending"));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      if (this.error !== undefined || this.head < this.frames.length || this.isEnded) this.deliver();
    });
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

  private deliver(): void {
    const waiter = this.waiter!;
    if (this.error !== undefined) {
      this.waiter = undefined;
      waiter.reject(this.error);
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
      let decoded: unknown;
      try {
        decoded = this.source.decode(frame);
      } catch (e) {
        this.waiter = undefined;
        this.fail(e);
        waiter.reject(e);
        return;
      }
      if (decoded instanceof Promise) {
        this.isDecoding = true;
        decoded.then(
          (value) => {
            this.isDecoding = false;
            this.waiter = undefined;
            waiter.resolve({ done: false, value });
          },
          (e) => {
            this.isDecoding = false;
            this.waiter = undefined;
            this.fail(e);
            waiter.reject(e);
          },
        );
        return;
      }
      this.waiter = undefined;
      waiter.resolve({ done: false, value: decoded });
      return;
    }
    if (this.isEnded) {
      this.waiter = undefined;
      waiter.resolve({ done: true, value: undefined });
    }
  }
}
