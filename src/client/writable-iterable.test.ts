import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createWritableIterable } from "./writable-iterable.js";

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
