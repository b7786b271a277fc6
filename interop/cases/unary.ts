// Unary cases: empty_unary, large_unary (doc/interop-test-descriptions.md).
import assert from "node:assert/strict";
import { assertZeros, zeros, type InteropContext } from "./context.js";

/** empty_unary: EmptyCall with the default Empty; the call succeeds with a non-null response. */
export async function emptyUnary({ client }: InteropContext): Promise<void> {
  const response = await client.emptyCall({});
  assert.ok(response !== null && response !== undefined, "response is null");
}

/** large_unary: UnaryCall with a 271828-byte payload asking for 314159 bytes back. */
export async function largeUnary({ client }: InteropContext): Promise<void> {
  const response = await client.unaryCall({ responseSize: 314159, payload: { body: zeros(271828) } });
  assertZeros(response.payload?.body, 314159, "response payload body");
}
