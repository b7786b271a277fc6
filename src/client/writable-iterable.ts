// A push-based request stream for client-streaming and bidi calls, when messages are produced by events
// (ping-pong, chat) rather than by a loop that a generator could express.
//
// Given to a call, it is not iterated: the call attaches itself as the sink (`attachSink`) and each
// `write()` serializes and sends the message at once, when flow control allows, instead of waking a pump
// through three promises per message. Read by anything else, it is an ordinary async iterable.

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

/** A consumer that takes values pushed to it (a call's request side). */
export interface RequestSink<T> {
  /** The consumer stopped: later writes are refused. */
  readonly ended: boolean;
  /** Takes `value`: undefined when it can take the next one at once, else a promise for when it can. */
  write(value: T): Promise<void> | undefined;
  /** No more values. */
  end(): void;
}

const kAttach = Symbol("spindle.client.attachSink");
type Attachable<T> = { [kAttach](sink: RequestSink<T>): boolean };

/**
 * Connects `requests` straight to `sink` when it is a {@link WritableIterable} nobody iterates yet; from
 * then on its writes go to the sink. Returns false (and changes nothing) for any other iterable.
 */
export function attachSink<T>(requests: unknown, sink: RequestSink<T>): boolean {
  return typeof requests === "object" && requests !== null && kAttach in requests && (requests as Attachable<T>)[kAttach](sink);
}

interface Queued<T> {
  value: T;
  taken: () => void;
  dropped: (e: Error) => void;
}

const resolved = Promise.resolve();

/**
 * Creates a {@link WritableIterable}. It can be iterated (or given to a call) once.
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
  const queue: Queued<T>[] = [];
  let closed = false;
  let stopped = false;
  let iterated = false;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const stoppedError = () => new Error("write() after the consumer stopped reading");

  // Direct mode: `sink` takes the values; `busy` while it asked us to wait.
  let sink: RequestSink<T> | undefined;
  let busy = false;
  let endSent = false;
  const give = (value: T): void => {
    const wait = sink!.write(value);
    if (wait !== undefined) {
      busy = true;
      wait.then(flush, flush);
    }
  };
  const flush = (): void => {
    busy = false;
    while (!busy && queue.length > 0) {
      if (sink!.ended) {
        stopped = true;
        for (const item of queue.splice(0)) item.dropped(new Error("the consumer stopped reading"));
        return;
      }
      const item = queue.shift()!;
      item.taken();
      give(item.value);
    }
    if (!busy && closed && !endSent) {
      endSent = true;
      sink!.end();
    }
  };

  return {
    write(value) {
      if (closed) return Promise.reject(new Error("write() after close()"));
      if (stopped) return Promise.reject(stoppedError());
      if (sink !== undefined) {
        if (sink.ended) {
          stopped = true;
          return Promise.reject(stoppedError());
        }
        if (!busy) {
          give(value);
          return resolved;
        }
      }
      return new Promise<void>((taken, dropped) => {
        queue.push({ value, taken, dropped });
        wakeUp();
      });
    },
    close() {
      closed = true;
      if (sink !== undefined) {
        if (!busy) flush();
        return;
      }
      wakeUp();
    },
    [kAttach](s: RequestSink<T>): boolean {
      if (iterated) return false;
      iterated = true;
      sink = s;
      flush();
      return true;
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
  } as WritableIterable<T> & Attachable<T>;
}
