// Compression cases: client_compressed_unary, server_compressed_unary, client_compressed_streaming,
// server_compressed_streaming. Whether a response was compressed is read from the message flag.
import assert from "node:assert/strict";
import { Status } from "../../src/grpc/index.js";
import { assertZeros, collect, expectStatus, zeros, type InteropContext } from "./context.js";

/** client_compressed_unary: the uncompressed probe fails INVALID_ARGUMENT; then compressed and plain calls succeed. */
export async function clientCompressedUnary({ client }: InteropContext): Promise<void> {
  const request = (expect: boolean) => ({ expectCompressed: { value: expect }, responseSize: 314159, payload: { body: zeros(271828) } });
  await expectStatus(() => client.unaryCall(request(true)), Status.INVALID_ARGUMENT);
  const compressed = await client.unaryCall(request(true), { compression: "gzip" });
  assertZeros(compressed.payload?.body, 314159, "compressed call: response payload body");
  const plain = await client.unaryCall(request(false));
  assertZeros(plain.payload?.body, 314159, "uncompressed call: response payload body");
}

/** server_compressed_unary: the response's compressed flag follows `response_compressed`. */
export async function serverCompressedUnary({ client }: InteropContext): Promise<void> {
  for (const wanted of [true, false]) {
    const flags: boolean[] = [];
    const response = await client.unaryCall(
      { responseCompressed: { value: wanted }, responseSize: 314159, payload: { body: zeros(271828) } },
      { onResponseFrame: (f) => flags.push(f.isCompressed) },
    );
    assert.deepEqual(flags, [wanted], `compressed flag with response_compressed=${wanted}`);
    assertZeros(response.payload?.body, 314159, "response payload body");
  }
}

/**
 * client_compressed_streaming: the uncompressed probe fails INVALID_ARGUMENT; then one call sends a
 * compressed message followed by an uncompressed one; aggregated size 73086.
 */
export async function clientCompressedStreaming({ client }: InteropContext): Promise<void> {
  await expectStatus(() => client.streamingInputCall([{ expectCompressed: { value: true }, payload: { body: zeros(27182) } }]), Status.INVALID_ARGUMENT);
  const response = await client.streamingInputCall(
    [
      { expectCompressed: { value: true }, payload: { body: zeros(27182) } },
      { expectCompressed: { value: false }, payload: { body: zeros(45904) } },
    ],
    { compression: "gzip", compressMessage: (_m, index) => index === 0 },
  );
  assert.equal(response.aggregatedPayloadSize, 73086);
}

/** server_compressed_streaming: two responses, the first compressed, the second not. */
export async function serverCompressedStreaming({ client }: InteropContext): Promise<void> {
  const flags: boolean[] = [];
  const responses = await collect(
    client.streamingOutputCall(
      { responseParameters: [{ compressed: { value: true }, size: 31415 }, { compressed: { value: false }, size: 92653 }] },
      { onResponseFrame: (f) => flags.push(f.isCompressed) },
    ),
  );
  assert.equal(responses.length, 2, "number of responses");
  assert.deepEqual(flags, [true, false], "compressed flags");
  assertZeros(responses[0]!.payload?.body, 31415, "response 0 payload body");
  assertZeros(responses[1]!.payload?.body, 92653, "response 1 payload body");
}
