// A push-based request stream for client-streaming and bidi calls, when messages are produced by events
// (ping-pong, chat) rather than by a loop that a generator could express.

/**
 * An async iterable that the code holding it writes to. Pass it as the requests of a streaming call.
 *
 * `write()` resolves once the call has taken the message (so a producer never runs ahead of HTTP/2 flow
 * control); `close()` half-closes the call after the messages written so far.
 */
export interface WritableIterable<T> extends AsyncIterable<T> {
  /** Queues `value`; resolves when the consumer took it. Rejects if the stream was closed or the consumer stopped. */
  write(value: T): Promise<void>;
  /** Ends the stream: the consumer sees the end after the queued values. Idempotent. */
  close(): void;
}

/**
 * Creates a {@link WritableIterable}. It can be iterated once.
 *
 * @example
 * ```ts
 * const requests = createWritableIterable<ChatMessage>();
 * const replies = client.chat(requests)[Symbol.asyncIterator]();
 * await requests.write({ text: "hi" });
 * console.log((await replies.next()).value);
 * requests.close();
 * ```
 */
export function createWritableIterable<T>(): WritableIterable<T> {
  const queue: { value: T; taken: () => void; dropped: (e: Error) => void }[] = [];
  let closed = false;
  let stopped = false;
  let iterated = false;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    write(value) {
      if (closed) return Promise.reject(new Error("write() after close()"));
      if (stopped) return Promise.reject(new Error("write() after the consumer stopped reading"));
      return new Promise<void>((taken, dropped) => {
        queue.push({ value, taken, dropped });
        wakeUp();
      });
    },
    close() {
      closed = true;
      wakeUp();
    },
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (iterated) throw new Error("a WritableIterable can be iterated only once");
      iterated = true;
      return {
        async next(): Promise<IteratorResult<T>> {
          for (;;) {
            const item = queue.shift();
            if (item) {
              item.taken();
              return { value: item.value, done: false };
            }
            if (closed || stopped) return { value: undefined, done: true };
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<T>> {
          stopped = true;
          for (const item of queue.splice(0)) item.dropped(new Error("the consumer stopped reading"));
          wakeUp();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
