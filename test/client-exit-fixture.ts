// Run as a child process by client-channel.test.ts: makes one call on a channel it never closes. The
// process must still exit by itself: idle connections do not keep Node's event loop alive.
import { createChannel, createStub } from "../src/client/index.js";

const target = process.argv[2]!;
const channel = createChannel(target);
const stub = createStub(channel, {
  path: "/t.S/Echo",
  name: "Echo",
  localName: "echo",
  kind: "unary",
  serializeRequest: (m) => new TextEncoder().encode(String(m)),
  deserializeRequest: (b) => b,
  serializeResponse: (m) => m as Uint8Array,
  deserializeResponse: (b) => new TextDecoder().decode(b),
}) as (r: unknown, o?: object) => Promise<string>;
console.log(await stub("from-child", { timeout: 5000 }));
