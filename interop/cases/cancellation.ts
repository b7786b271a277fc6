// Deadline and cancellation cases: timeout_on_sleeping_server, cancel_after_begin, cancel_after_first_response.
import assert from "node:assert/strict";
import { createWritableIterable } from "../../src/client/index.js";
import { Status, type MessageInit } from "../../src/grpc/index.js";
import type { StreamingInputCallRequest, StreamingOutputCallRequest } from "../testing.js";
import { assertZeros, expectStatus, zeros, type InteropContext } from "./context.js";

/** timeout_on_sleeping_server: FullDuplexCall with a 1 ms timeout and one request, then wait: DEADLINE_EXCEEDED. */
export async function timeoutOnSleepingServer({ client }: InteropContext): Promise<void> {
  const requests = createWritableIterable<MessageInit<StreamingOutputCallRequest>>();
  try {
    const responses = client.fullDuplexCall(requests, { timeout: 1 });
    // The write may never be taken if the deadline passes first; do not wait for it.
    requests.write({ payload: { type: 0, body: zeros(27182) } }).catch(() => undefined);
    await expectStatus(async () => {
      for await (const _ of responses) assert.fail("no response expected");
    }, Status.DEADLINE_EXCEEDED);
  } finally {
    requests.close();
  }
}

/** cancel_after_begin: start StreamingInputCall, cancel before sending anything: CANCELLED. */
export async function cancelAfterBegin({ client, channel }: InteropContext): Promise<void> {
  // "After metadata has been sent": be connected first so the cancellation follows the request headers.
  await channel.waitForReady(AbortSignal.timeout(10_000));
  const controller = new AbortController();
  const requests = createWritableIterable<MessageInit<StreamingInputCallRequest>>();
  const call = client.streamingInputCall(requests, { signal: controller.signal });
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await expectStatus(() => call, Status.CANCELLED);
  requests.close();
}

/** cancel_after_first_response: FullDuplexCall, one exchange, then cancel: CANCELLED. */
export async function cancelAfterFirstResponse({ client }: InteropContext): Promise<void> {
  const controller = new AbortController();
  const requests = createWritableIterable<MessageInit<StreamingOutputCallRequest>>();
  const responses = client.fullDuplexCall(requests, { signal: controller.signal })[Symbol.asyncIterator]();
  try {
    void requests.write({ responseParameters: [{ size: 31415, intervalUs: 0 }], payload: { type: 0, body: zeros(27182) } });
    const first = await responses.next();
    assert.ok(!first.done, "no first response");
    assertZeros(first.value.payload?.body, 31415, "first response payload body");
    controller.abort();
    await expectStatus(() => responses.next(), Status.CANCELLED);
  } finally {
    requests.close();
  }
}
