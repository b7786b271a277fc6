// The Python peer of the differential tests, on its own: every op, errors as answers, pipelining, shutdown.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { compileSchema, type CompiledSchema } from "./diff-schema.js";
import { PeerError, PeerOp, startPythonPeer, type PythonPeer } from "./python-peer.js";

describe("python peer", () => {
  let schema: CompiledSchema;
  let peer: PythonPeer & { version: string };
  before(async () => {
    schema = compileSchema();
    peer = await startPythonPeer(schema.pythonDir);
  });
  after(async () => {
    await peer?.close();
    schema?.dispose();
  });

  it("reports Debian's protobuf version", () => {
    assert.match(peer.version, /^protobuf \d+\.\d+\.\d+ (cpp|python|upb)$/);
  });

  it("answers each op", async () => {
    // Scalars { f_int32: 150 (field 5), f_string: "hi" (field 9) }, in field order.
    const binary = new Uint8Array([0x28, 0x96, 0x01, 0x4a, 0x02, 0x68, 0x69]);
    const cases: { op: PeerOp; payload: Uint8Array | string; want: string }[] = [
      { op: PeerOp.BIN_TO_BIN, payload: binary, want: "289601" + "4a026869" },
      { op: PeerOp.CANONICAL, payload: binary, want: "289601" + "4a026869" },
      { op: PeerOp.JSON_TO_BIN, payload: '{"fInt32":150,"fString":"hi"}', want: "2896014a026869" },
    ];
    for (const c of cases) {
      const got = Buffer.from(await peer.request(c.op, "spindle.diff3.Scalars", c.payload)).toString("hex");
      assert.equal(got, c.want, `op ${PeerOp[c.op]}`);
    }
    assert.deepEqual(JSON.parse(await peer.requestText(PeerOp.BIN_TO_JSON, "spindle.diff3.Scalars", binary)), { fInt32: 150, fString: "hi" });
    assert.deepEqual(JSON.parse(await peer.requestText(PeerOp.BIN_TO_JSON, "spindle.diff3.Scalars", binary, { useProtoFieldName: true })), {
      f_int32: 150,
      f_string: "hi",
    });
    assert.deepEqual(JSON.parse(await peer.requestText(PeerOp.JSON_TO_JSON, "spindle.diff3.Scalars", '{"fEnum":"COLOR_RED"}', { enumAsInteger: true })), {
      fEnum: 1,
    });
  });

  it("answers errors as errors and keeps serving", async () => {
    const bad = [
      peer.request(PeerOp.BIN_TO_BIN, "spindle.diff3.Scalars", new Uint8Array([0x28])), // truncated varint
      peer.request(PeerOp.JSON_TO_BIN, "spindle.diff3.Scalars", '{"noSuchField":1}'),
      peer.request(PeerOp.BIN_TO_BIN, "spindle.diff3.NoSuchType", new Uint8Array(0)),
      peer.request(PeerOp.BIN_TO_BIN, "spindle.diff2.Required", new Uint8Array([0x08, 0x01])), // required fields missing
    ];
    for (const answer of bad) await assert.rejects(answer, PeerError);
    const ok = await peer.requestText(PeerOp.JSON_TO_JSON, "spindle.diff3.Scalars", '{"noSuchField":1,"fBool":true}', { ignoreUnknownFields: true });
    assert.deepEqual(JSON.parse(ok), { fBool: true });
  });

  it("answers pipelined requests in order", async () => {
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => peer.requestText(PeerOp.JSON_TO_JSON, "spindle.diff3.Leaf", JSON.stringify({ weight: i }))),
    );
    answers.forEach((text, i) => assert.deepEqual(JSON.parse(text), i === 0 ? {} : { weight: i }));
  });

  it("rejects requests after close", async () => {
    const other = await startPythonPeer(schema.pythonDir);
    await other.close();
    await assert.rejects(other.request(PeerOp.HELLO, "", ""), /exited/);
  });
});
