// custom_metadata: ASCII initial metadata and binary trailing metadata echoed by the server.
import assert from "node:assert/strict";
import type { Metadata } from "../../src/grpc/index.js";
import { collect, zeros, type InteropContext } from "./context.js";

const INITIAL_KEY = "x-grpc-test-echo-initial";
const INITIAL_VALUE = "test_initial_metadata_value";
const TRAILING_KEY = "x-grpc-test-echo-trailing-bin";
const TRAILING_VALUE = new Uint8Array([0xab, 0xab, 0xab]);

function check(step: string, headers: Metadata | undefined, trailers: Metadata | undefined): void {
  assert.equal(headers?.get(INITIAL_KEY), INITIAL_VALUE, `${step}: ${INITIAL_KEY} in initial metadata`);
  assert.deepEqual(trailers?.get(TRAILING_KEY), TRAILING_VALUE, `${step}: ${TRAILING_KEY} in trailing metadata`);
}

/** custom_metadata: on UnaryCall and on FullDuplexCall. */
export async function customMetadata({ client }: InteropContext): Promise<void> {
  const metadata = { [INITIAL_KEY]: INITIAL_VALUE, [TRAILING_KEY]: TRAILING_VALUE };
  let headers: Metadata | undefined;
  let trailers: Metadata | undefined;
  const options = { metadata, onHeader: (md: Metadata) => (headers = md), onTrailer: (md: Metadata) => (trailers = md) };
  await client.unaryCall({ responseSize: 314159, payload: { body: zeros(271828) } }, options);
  check("UnaryCall", headers, trailers);
  headers = trailers = undefined;
  const responses = await collect(client.fullDuplexCall([{ responseParameters: [{ size: 314159 }], payload: { body: zeros(271828) } }], options));
  assert.equal(responses.length, 1, "FullDuplexCall: number of responses");
  check("FullDuplexCall", headers, trailers);
}
