// Streaming cases: client_streaming, server_streaming, ping_pong, empty_stream.
import assert from "node:assert/strict";
import { createWritableIterable } from "../../src/client/index.js";
import type { MessageInit } from "../../src/grpc/index.js";
import type { StreamingOutputCallRequest } from "../testing.js";
import { assertZeros, collect, zeros, type InteropContext } from "./context.js";

/** client_streaming: four payloads (27182, 8, 1828, 45904 bytes), half-close; aggregated size 74922. */
export async function clientStreaming({ client }: InteropContext): Promise<void> {
  const sizes = [27182, 8, 1828, 45904];
  const response = await client.streamingInputCall(sizes.map((size) => ({ payload: { body: zeros(size) } })));
  assert.equal(response.aggregatedPayloadSize, 74922);
}

/** server_streaming: four responses sized 31415, 9, 2653, 58979, in order. */
export async function serverStreaming({ client }: InteropContext): Promise<void> {
  const sizes = [31415, 9, 2653, 58979];
  const responses = await collect(client.streamingOutputCall({ responseParameters: sizes.map((size) => ({ size })) }));
  assert.equal(responses.length, 4, "number of responses");
  responses.forEach((r, i) => assertZeros(r.payload?.body, sizes[i]!, `response ${i} payload body`));
}

/** ping_pong: four request/response exchanges on FullDuplexCall, each request sent after the previous reply. */
export async function pingPong({ client }: InteropContext): Promise<void> {
  const responseSizes = [31415, 9, 2653, 58979];
  const requestSizes = [27182, 8, 1828, 45904];
  const requests = createWritableIterable<MessageInit<StreamingOutputCallRequest>>();
  const responses = client.fullDuplexCall(requests)[Symbol.asyncIterator]();
  try {
    for (let i = 0; i < 4; i++) {
      void requests.write({ responseParameters: [{ size: responseSizes[i]!, intervalUs: 0 }], payload: { type: 0, body: zeros(requestSizes[i]!) } });
      const r = await responses.next();
      assert.ok(!r.done, `stream ended before response ${i}`);
      assertZeros(r.value.payload?.body, responseSizes[i]!, `response ${i} payload body`);
    }
    requests.close();
    const end = await responses.next();
    assert.ok(end.done, "exactly four responses");
  } finally {
    requests.close();
    await responses.return?.();
  }
}

/** empty_stream: FullDuplexCall, half-close at once; zero responses. */
export async function emptyStream({ client }: InteropContext): Promise<void> {
  const responses = await collect(client.fullDuplexCall([]));
  assert.equal(responses.length, 0, "number of responses");
}
