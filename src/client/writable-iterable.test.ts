import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { attachSink, createWritableIterable, type RequestSink } from "./writable-iterable.js";

describe("createWritableIterable", () => {
  it("hands values to the reader in order; write() resolves once the value is taken", async () => {
    const q = createWritableIterable<number>();
    const it = q[Symbol.asyncIterator]();
    let taken = false;
    const w = q.write(1).then(() => (taken = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(taken, false, "nobody read yet");
    assert.deepEqual(await it.next(), { value: 1, done: false });
    await w;
    assert.equal(taken, true);
    void q.write(2);
    q.close();
    assert.deepEqual(await it.next(), { value: 2, done: false });
    assert.deepEqual(await it.next(), { value: undefined, done: true });
  });

  it("wakes a waiting reader on write and on close", async () => {
    const q = createWritableIterable<string>();
    const it = q[Symbol.asyncIterator]();
    const pending = it.next();
    void q.write("late");
    assert.deepEqual(await pending, { value: "late", done: false });
    const end = it.next();
    q.close();
    assert.deepEqual(await end, { value: undefined, done: true });
  });

  it("rejects writes after close and after the reader stopped, and the writes it dropped", async () => {
    const q = createWritableIterable<number>();
    const it = q[Symbol.asyncIterator]();
    const dropped = q.write(1);
    await it.return!();
    await assert.rejects(dropped, /stopped reading/);
    await assert.rejects(q.write(2), /stopped reading/);
    const closed = createWritableIterable<number>();
    closed.close();
    await assert.rejects(closed.write(1), /after close/);
  });

  it("can be iterated only once", () => {
    const q = createWritableIterable<number>();
    q[Symbol.asyncIterator]();
    assert.throws(() => q[Symbol.asyncIterator](), /only once/);
  });
});

/** A sink that records what it gets and asks the writer to wait while `blocked` is set. */
function recordingSink() {
  const log: unknown[] = [];
  let release: (() => void) | undefined;
  const sink: RequestSink<unknown> & { blocked: boolean; ended: boolean; release(): void } = {
    blocked: false,
    ended: false,
    write(value) {
      log.push(value);
      if (!this.blocked) return undefined;
      return new Promise<void>((resolve) => (release = resolve));
    },
    end() {
      log.push("end");
    },
    release() {
      this.blocked = false;
      const r = release;
      release = undefined;
      r?.();
    },
  };
  return { sink, log };
}

describe("attachSink", () => {
  it("delivers writes to the sink at once while it keeps up, and resolves them without waiting", async () => {
    const q = createWritableIterable<number>();
    const { sink, log } = recordingSink();
    assert.equal(attachSink(q, sink), true);
    const w = q.write(1);
    assert.deepEqual(log, [1], "delivered inside write()");
    await w;
    q.close();
    assert.deepEqual(log, [1, "end"]);
  });

  it("queues writes while the sink asks to wait, and hands them over in order once it can take more", async () => {
    const q = createWritableIterable<number>();
    const { sink, log } = recordingSink();
    attachSink(q, sink);
    sink.blocked = true;
    await q.write(1);
    let taken = false;
    const second = q.write(2).then(() => (taken = true));
    q.close();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(log, [1], "2 waits for the sink");
    assert.equal(taken, false);
    sink.release();
    await second;
    assert.deepEqual(log, [1, 2, "end"], "the end follows the queued value");
  });

  it("sends values written before the call attached, then the end if already closed", () => {
    const q = createWritableIterable<string>();
    void q.write("early");
    q.close();
    const { sink, log } = recordingSink();
    attachSink(q, sink);
    assert.deepEqual(log, ["early", "end"]);
  });

  it("rejects writes once the sink ended, and the ones it had queued", async () => {
    const q = createWritableIterable<number>();
    const { sink } = recordingSink();
    attachSink(q, sink);
    sink.blocked = true;
    await q.write(1);
    const queued = q.write(2);
    sink.ended = true;
    sink.release();
    await assert.rejects(queued, /stopped reading/);
    await assert.rejects(q.write(3), /stopped reading/);
  });

  it("attaches only to an unread WritableIterable", () => {
    const { sink } = recordingSink();
    assert.equal(attachSink([1, 2], sink), false);
    assert.equal(attachSink(undefined, sink), false);
    const read = createWritableIterable<number>();
    read[Symbol.asyncIterator]();
    assert.equal(attachSink(read, sink), false);
    const attached = createWritableIterable<number>();
    assert.equal(attachSink(attached, sink), true);
    assert.throws(() => attached[Symbol.asyncIterator](), /only once/);
  });
});
