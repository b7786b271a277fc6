// The generated runtime's two copy-saving paths, which generated services hand the server: `encodeWith`
// lends the encoder's buffer instead of copying it out, and `decode` with `aliasBytes` reads long `bytes`
// fields as views of the input. Without `aliasBytes`, decoded bytes never share memory with the input.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Payload, SimpleRequest } from "../../gen/grpc/testing/messages.js";
import { TestService } from "../../gen/grpc/testing/test.js";

const long = new Uint8Array(1000).map((_, i) => i & 0xff);
const short = new Uint8Array(64).fill(7);

describe("generated encodeWith", () => {
  it("lends the bytes encode returns", () => {
    const message = { responseSize: 3, payload: { body: long } };
    const want = SimpleRequest.encode(message);
    assert.deepEqual(SimpleRequest.encodeWith(message, (bytes) => Uint8Array.from(bytes)), want);
    assert.equal(SimpleRequest.encodeWith(message, (bytes) => bytes.length), want.length);
  });

  it("an encode inside `use` gets its own writer and leaves the lent bytes alone", () => {
    const outer = { payload: { body: long } };
    const seen = SimpleRequest.encodeWith(outer, (bytes) => {
      const inner = Payload.encode({ body: short });
      assert.deepEqual(Payload.decode(inner).body, short);
      return Uint8Array.from(bytes);
    });
    assert.deepEqual(seen, SimpleRequest.encode(outer));
  });

  it("a throw from `use` leaves the encoder usable", () => {
    assert.throws(() => Payload.encodeWith({ body: long }, () => { throw new Error("from use"); }), /from use/);
    assert.deepEqual(Payload.decode(Payload.encode({ body: short })).body, short);
  });
});

describe("generated decode and aliasBytes", () => {
  const encoded = Payload.encode({ body: long });

  it("copies bytes fields by default, also from a Node Buffer (whose own slice() is a view)", () => {
    for (const input of [Uint8Array.from(encoded), Buffer.from(encoded)]) {
      const body = Payload.decode(input).body;
      assert.notEqual(body.buffer, input.buffer);
      input.fill(0);
      assert.deepEqual(body, long);
    }
  });

  it("reads a bytes field over 64 bytes as a view of the input with aliasBytes", () => {
    const input = Uint8Array.from(encoded);
    const body = Payload.decode(input, { aliasBytes: true }).body;
    assert.equal(body.buffer, input.buffer);
    assert.deepEqual(body, long);
  });

  it("still copies a bytes field of 64 bytes or fewer with aliasBytes", () => {
    const input = Payload.encode({ body: short });
    const body = Payload.decode(input, { aliasBytes: true }).body;
    assert.notEqual(body.buffer, input.buffer);
    assert.deepEqual(body, short);
  });
});

describe("generated service definitions", () => {
  const method = TestService.methods.unaryCall;
  const request = { responseSize: 5, payload: { body: long } };

  it("serializeResponseWith lends serializeResponse's bytes", () => {
    const response = { payload: { body: long }, username: "u" };
    assert.deepEqual(
      method.serializeResponseWith!(response, (bytes) => Uint8Array.from(bytes)),
      method.serializeResponse(response),
    );
  });

  it("deserializeRequest and deserializeResponse pass aliasBytes on to the decoder", () => {
    const bytes = method.serializeRequest(request);
    assert.equal(method.deserializeRequest(bytes, { aliasBytes: true }).payload!.body.buffer, bytes.buffer);
    assert.notEqual(method.deserializeRequest(bytes).payload!.body.buffer, bytes.buffer);
    const response = method.serializeResponse({ payload: { body: long } });
    assert.equal(method.deserializeResponse(response, { aliasBytes: true }).payload!.body.buffer, response.buffer);
    assert.notEqual(method.deserializeResponse(response).payload!.body.buffer, response.buffer);
  });
});
