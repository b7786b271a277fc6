import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  isReservedHeader,
  Metadata,
  metadataFromHeaders,
  metadataFromHeaderList,
  metadataSize,
  metadataToHeaders,
} from "./metadata.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";

describe("Metadata", () => {
  it("treats keys case-insensitively and stores them lowercase", () => {
    const md = new Metadata();
    md.set("X-Request-Id", "abc");
    assert.equal(md.get("x-request-id"), "abc");
    assert.equal(md.get("X-REQUEST-ID"), "abc");
    assert.ok(md.has("x-Request-id"));
    assert.deepEqual([...md.keys()], ["x-request-id"]);
  });

  it("keeps several values of a key in order; set replaces, append adds", () => {
    const md = new Metadata();
    md.append("tag", "a").append("Tag", "b");
    assert.deepEqual(md.getAll("tag"), ["a", "b"]);
    assert.equal(md.get("tag"), "a");
    md.set("tag", ["c", "d"]);
    assert.deepEqual(md.getAll("tag"), ["c", "d"]);
    md.set("tag", "e");
    assert.deepEqual(md.getAll("tag"), ["e"]);
    md.set("gone", "x").set("gone", []);
    assert.ok(!md.has("gone"));
    assert.deepEqual(metadataToHeaders(md), { tag: "e" });
    assert.deepEqual(md.getAll("missing"), []);
    assert.equal(md.get("missing"), undefined);
    assert.ok(md.delete("TAG"));
    assert.ok(!md.delete("tag"));
    assert.equal(md.size, 0);
  });

  it("accepts the key characters of PROTOCOL-HTTP2.md and nothing else", () => {
    for (const key of ["a", "0-9", "a_b.c-d", "x-bin", "grpc-custom", "ABC"]) {
      assert.doesNotThrow(() => new Metadata().set(key, key.endsWith("-bin") ? new Uint8Array() : "v") , key);
    }
    for (const key of ["", "a b", "a:b", ":path", "ключ", "a/b", "a\n", "a=b", "é"]) {
      assert.throws(() => new Metadata().set(key, "v"), /invalid metadata key/, JSON.stringify(key));
    }
  });

  it("accepts printable ASCII values only", () => {
    const md = new Metadata();
    for (const value of ["", " ", "Bearer abc.def", "~!@#$%^&*()", " leading and trailing "]) {
      assert.doesNotThrow(() => md.set("k", value), JSON.stringify(value));
    }
    for (const value of ["tab\t", "new\nline", "é", "\x7f", "\x00", "😀"]) {
      assert.throws(() => md.set("k", value), /only printable ASCII/, JSON.stringify(value));
    }
  });

  it("requires Uint8Array values for -bin keys and strings for the others", () => {
    const md = new Metadata();
    assert.throws(() => md.set("trace-bin", "text" as unknown as Uint8Array), /takes Uint8Array values/);
    assert.throws(() => md.set("trace", new Uint8Array([1]) as unknown as string), /takes string values/);
    assert.throws(() => md.append("trace", 5 as unknown as string), /takes string values/);
    md.set("Trace-BIN", new Uint8Array([1, 2]));
    assert.deepEqual(md.get("trace-bin"), new Uint8Array([1, 2]));
  });

  it("builds from a record, a list per key, or another Metadata (copied)", () => {
    const md = Metadata.from({ a: "1", b: ["2", "3"], "c-bin": new Uint8Array([4]) });
    assert.deepEqual(md.toJSON(), { a: ["1"], b: ["2", "3"], "c-bin": ["BA"] });
    const copy = Metadata.from(md);
    copy.append("a", "x");
    assert.deepEqual(md.getAll("a"), ["1"]);
    assert.deepEqual(copy.getAll("a"), ["1", "x"]);
    assert.deepEqual(new Metadata().toJSON(), {});
  });

  it("clones independently and merges by appending", () => {
    const a = new Metadata({ k: "1" });
    const b = a.clone();
    b.append("k", "2");
    assert.deepEqual(a.getAll("k"), ["1"]);
    a.merge(b).merge({ other: "x" });
    assert.deepEqual(a.getAll("k"), ["1", "1", "2"]);
    assert.equal(a.get("other"), "x");
    assert.deepEqual([...a], [["k", "1"], ["k", "1"], ["k", "2"], ["other", "x"]]);
  });
});

describe("metadataToHeaders", () => {
  it("base64-encodes -bin values without padding and lists repeated values", () => {
    const md = new Metadata({ a: "1", multi: ["x", "y"], "b-bin": [new Uint8Array([0xff]), new Uint8Array([1, 2, 3])] });
    assert.deepEqual(metadataToHeaders(md), { a: "1", multi: ["x", "y"], "b-bin": ["/w", "AQID"] });
  });

  it("leaves out reserved headers so metadata cannot forge the protocol's", () => {
    const md = new Metadata({
      "grpc-status": "0",
      "grpc-message": "ok",
      "grpc-timeout": "1S",
      "grpc-encoding": "gzip",
      "grpc-accept-encoding": "gzip",
      "content-type": "text/plain",
      te: "trailers",
      connection: "close",
      "grpc-status-details-bin": new Uint8Array([1]),
      "user-agent": "mine",
      "grpc-previous-rpc-attempts": "1",
    });
    assert.deepEqual(metadataToHeaders(md), { "user-agent": "mine", "grpc-previous-rpc-attempts": "1" });
  });

  it("adds to a target object", () => {
    const target = { ":status": "200", "content-type": "application/grpc" };
    metadataToHeaders(new Metadata({ x: "y" }), target);
    assert.deepEqual(target, { ":status": "200", "content-type": "application/grpc", x: "y" });
  });
});

describe("metadataFromHeaders", () => {
  it("keeps custom headers and drops reserved ones and pseudo-headers", () => {
    const md = metadataFromHeaders({
      ":path": "/a.B/C",
      ":status": 200,
      "content-type": "application/grpc",
      te: "trailers",
      "grpc-timeout": "1S",
      "grpc-encoding": "gzip",
      "grpc-accept-encoding": "gzip",
      "grpc-status": "3",
      "grpc-message": "bad",
      "grpc-status-details-bin": "AQID",
      "user-agent": "grpc-node-js/1.0",
      authorization: "Bearer x",
      "x-list": ["a", "b"],
      missing: undefined,
    });
    assert.deepEqual(md.toJSON(), { "user-agent": ["grpc-node-js/1.0"], authorization: ["Bearer x"], "x-list": ["a", "b"] });
  });

  it("decodes -bin values padded or not, split on commas, from strings or arrays", () => {
    const cases: [string | string[], number[][]][] = [
      ["AQID", [[1, 2, 3]]],
      ["AQ==", [[1]]],
      ["AQ", [[1]]],
      ["AQ,Ag==", [[1], [2]]],
      ["AQ, Ag", [[1], [2]]],
      [["AQ", "Ag,Aw"], [[1], [2], [3]]],
      ["", [[]]],
      ["-_8", [[0xfb, 0xff]]],
    ];
    for (const [value, want] of cases) {
      const got = metadataFromHeaders({ "k-bin": value }).getAll("k-bin");
      assert.deepEqual(got, want.map((b) => new Uint8Array(b)), `value ${JSON.stringify(value)}`);
    }
  });

  it("fails with INTERNAL on a -bin value that is not base64", () => {
    for (const value of ["!!", "A", "AQ=Q"]) {
      assert.throws(
        () => metadataFromHeaders({ "k-bin": value }),
        (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL && /k-bin/.test(e.message),
      );
    }
  });

  it("drops values outside printable ASCII instead of failing the call", () => {
    const md = metadataFromHeaders({ ok: "fine", odd: "tab\there", latin: "caf\u00e9", mixed: ["good", "b\u00e4d"] });
    assert.deepEqual(md.toJSON(), { ok: ["fine"], mixed: ["good"] });
    // What was received can be sent back unchanged.
    assert.doesNotThrow(() => new Metadata().merge(md));
  });

  it("reads fetch's Headers too", () => {
    const headers = new Headers({ "Content-Type": "application/grpc-web+proto", "X-Id": "7", "t-bin": "AQ, Ag" });
    headers.append("x-id", "8");
    const md = metadataFromHeaders(headers);
    assert.deepEqual(md.toJSON(), { "t-bin": ["AQ", "Ag"], "x-id": ["7, 8"] });
  });

  it("round-trips through metadataToHeaders", () => {
    const md = new Metadata({ a: ["1", "2"], "b-bin": [new Uint8Array([0, 255]), new Uint8Array()], c: "" });
    assert.deepEqual(metadataFromHeaders(metadataToHeaders(md)).toJSON(), md.toJSON());
  });
});

describe("metadataFromHeaderList", () => {
  it("keeps each value of a repeated key apart, in order", () => {
    const cases: { name: string; list: string[]; want: Record<string, string[]> }[] = [
      { name: "one value", list: ["x-a", "1"], want: { "x-a": ["1"] } },
      { name: "repeated text key", list: ["x-a", "1", "x-b", "2", "x-a", "3"], want: { "x-a": ["1", "3"], "x-b": ["2"] } },
      { name: "a value holding a comma stays one value", list: ["x-a", "1, 2", "x-a", "3"], want: { "x-a": ["1, 2", "3"] } },
      { name: "empty values", list: ["x-a", "", "x-a", ""], want: { "x-a": ["", ""] } },
      { name: "repeated -bin key", list: ["t-bin", "AQ", "t-bin", "Ag=="], want: { "t-bin": ["AQ", "Ag"] } },
      { name: "-bin values a proxy joined", list: ["t-bin", "AQ, Ag", "t-bin", "Aw"], want: { "t-bin": ["AQ", "Ag", "Aw"] } },
      { name: "upper-case names are lowered", list: ["X-A", "1", "x-a", "2"], want: { "x-a": ["1", "2"] } },
      {
        name: "pseudo-headers and reserved headers are left out",
        list: [":method", "POST", ":path", "/a.B/C", "content-type", "application/grpc", "te", "trailers", "grpc-timeout", "1S", "user-agent", "u"],
        want: { "user-agent": ["u"] },
      },
      { name: "values outside printable ASCII are dropped", list: ["x-a", "ok", "x-a", "caf\u00e9"], want: { "x-a": ["ok"] } },
      { name: "a trailing name without a value is ignored", list: ["x-a", "1", "x-b"], want: { "x-a": ["1"] } },
    ];
    for (const c of cases) {
      assert.deepEqual(metadataFromHeaderList(c.list).toJSON(), c.want, c.name);
    }
  });

  it("decodes -bin values one by one", () => {
    const md = metadataFromHeaderList(["t-bin", "AQID", "t-bin", "", "t-bin", "-_8"]);
    assert.deepEqual(md.getAll("t-bin"), [new Uint8Array([1, 2, 3]), new Uint8Array(), new Uint8Array([0xfb, 0xff])]);
  });

  it("is what metadataFromHeaders reads when given the raw list beside the header object", () => {
    const joined = { "x-tag": "a, b" };
    assert.deepEqual(metadataFromHeaders(joined).getAll("x-tag"), ["a, b"]);
    assert.deepEqual(metadataFromHeaders(joined, ["x-tag", "a", "x-tag", "b"]).getAll("x-tag"), ["a", "b"]);
  });

  it("fails with INTERNAL on a -bin value that is not base64", () => {
    assert.throws(
      () => metadataFromHeaderList(["t-bin", "AQ", "t-bin", "!!"]),
      (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL && /t-bin/.test(e.message),
    );
  });
});

describe("isReservedHeader", () => {
  it("covers pseudo-headers and gRPC's own headers, case-insensitively", () => {
    for (const name of [":path", ":authority", "Content-Type", "TE", "grpc-status", "grpc-message", "grpc-timeout", "grpc-status-details-bin"]) {
      assert.ok(isReservedHeader(name), name);
    }
    for (const name of ["authorization", "user-agent", "grpc-trace-bin", "x-custom"]) assert.ok(!isReservedHeader(name), name);
  });
});

describe("metadataSize", () => {
  it("counts name + value + 32 per field, with -bin values after base64", () => {
    assert.equal(metadataSize(new Metadata()), 0);
    assert.equal(metadataSize(new Metadata({ ab: "cde" })), 2 + 3 + 32);
    assert.equal(metadataSize(new Metadata({ ab: ["c", "d"] })), 2 * (2 + 1 + 32));
    // 4 bytes → "AQIDBA" (6 characters, unpadded)
    assert.equal(metadataSize(new Metadata({ "x-bin": new Uint8Array([1, 2, 3, 4]) })), 5 + 6 + 32);
  });
});

describe("Metadata validation compared with @grpc/grpc-js", () => {
  it("accepts and refuses the same keys and values", async () => {
    const grpc = await import("@grpc/grpc-js");
    // Not compared: ':' in a key, which grpc-js accepts and PROTOCOL-HTTP2.md's Header-Name does not.
    const keys = ["a", "A-b", "x_y.z", "0", "", " ", "a b", "é", "a/b", "a\t", "grpc-x", "trace-bin", "-bin", "a!"];
    const values = ["", "v", " x ", "~", "\t", "é", "\x7f", "a\nb", "\x00"];
    const accepts = (f: () => void) => {
      try {
        f();
        return true;
      } catch {
        return false;
      }
    };
    const differences: string[] = [];
    for (const key of keys) {
      for (const value of key.endsWith("-bin") ? [Buffer.from([1])] : values) {
        const ours = accepts(() => new Metadata().set(key, value as string));
        const theirs = accepts(() => new grpc.Metadata().set(key, value as string));
        if (ours !== theirs) differences.push(`key ${JSON.stringify(key)} value ${JSON.stringify(value)}: ours ${ours}, grpc-js ${theirs}`);
      }
    }
    assert.deepEqual(differences, []);
  });
});
