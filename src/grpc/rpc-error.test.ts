import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Metadata } from "./metadata.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";

describe("RpcError", () => {
  it("carries code, raw message, metadata, details and cause", () => {
    const cause = new Error("db down");
    const e = new RpcError(Status.UNAVAILABLE, "try later", {
      metadata: { "retry-after": "5" },
      details: [{ typeName: "google.rpc.RetryInfo", value: {} }],
      cause,
    });
    assert.ok(e instanceof Error);
    assert.equal(e.name, "RpcError");
    assert.equal(e.code, Status.UNAVAILABLE);
    assert.equal(e.rawMessage, "try later");
    assert.equal(e.message, "UNAVAILABLE: try later");
    assert.equal(e.metadata.get("retry-after"), "5");
    assert.equal(e.details.length, 1);
    assert.equal(e.cause, cause);
    assert.match(e.stack ?? "", /rpc-error\.test/);
  });

  it("defaults to empty message, metadata and details", () => {
    const e = new RpcError(Status.NOT_FOUND);
    assert.equal(e.message, "NOT_FOUND");
    assert.equal(e.rawMessage, "");
    assert.ok(e.metadata instanceof Metadata);
    assert.equal(e.metadata.size, 0);
    assert.deepEqual(e.details, []);
    assert.equal(e.cause, undefined);
    assert.ok(!("cause" in e) || e.cause === undefined);
  });

  it("copies metadata given as Metadata", () => {
    const md = new Metadata({ a: "1" });
    const e = new RpcError(Status.INTERNAL, "x", { metadata: md });
    md.set("a", "2");
    assert.equal(e.metadata.get("a"), "1");
  });
});

describe("RpcError.from", () => {
  it("returns RpcErrors unchanged, also those of another copy of the library", () => {
    const e = new RpcError(Status.ABORTED, "conflict");
    assert.equal(RpcError.from(e), e);
    const foreign = Object.assign(new Error("x"), { code: 5 });
    Object.defineProperty(foreign, Symbol.for("spindle.grpc.RpcError"), { value: true });
    assert.equal(RpcError.from(foreign), foreign);
  });

  it("passes an abort reason that is an RpcError through", () => {
    const controller = new AbortController();
    const reason = new RpcError(Status.DEADLINE_EXCEEDED, "deadline exceeded");
    controller.abort(reason);
    assert.equal(RpcError.from(controller.signal.reason), reason);
  });

  it("maps aborts to CANCELLED and timeouts to DEADLINE_EXCEEDED", async () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(RpcError.from(controller.signal.reason).code, Status.CANCELLED);
    const timeout = AbortSignal.timeout(0);
    await new Promise<void>((resolve) => timeout.addEventListener("abort", () => resolve(), { once: true }));
    assert.equal(RpcError.from(timeout.reason).code, Status.DEADLINE_EXCEEDED);
    const abortError = Object.assign(new Error("stop"), { name: "AbortError" });
    assert.equal(RpcError.from(abortError).code, Status.CANCELLED);
  });

  it("wraps other throwables with the fallback code", () => {
    const cases: [unknown, Status, string][] = [
      [new Error("boom"), Status.UNKNOWN, "boom"],
      [new TypeError("bad type"), Status.UNKNOWN, "bad type"],
      ["a string", Status.UNKNOWN, "a string"],
      [42, Status.UNKNOWN, "42"],
      [null, Status.UNKNOWN, "null"],
      [undefined, Status.UNKNOWN, "undefined"],
      [{ toString() { throw new Error("nope"); } }, Status.UNKNOWN, "unknown error"],
      [Object.create(null), Status.UNKNOWN, "unknown error"],
    ];
    for (const [thrown, code, message] of cases) {
      const e = RpcError.from(thrown);
      assert.equal(e.code, code);
      assert.equal(e.rawMessage, message);
      assert.equal(e.cause, thrown);
    }
    assert.equal(RpcError.from(new Error("x"), Status.INTERNAL).code, Status.INTERNAL);
  });
});
