// The header timeout of gRPC-Web over plaintext HTTP/1.1 (createServer({ grpcWeb: { headersTimeoutMs } })):
// a client that trickles its request headers (slowloris), or opens a connection and says nothing, is closed
// instead of holding the connection forever; calls whose headers arrive in time, and HTTP/2, are unaffected.
// Spoken over raw sockets, since fetch sends its headers at once.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import * as net from "node:net";
import * as tls from "node:tls";
import { createChannel, createClient } from "../src/client/index.js";
import { Catalog } from "../gen/shop.js";
import type { Server } from "../src/server/index.js";
import { TOKEN, certs, frame, startWebServer } from "./web-helpers.js";

const TIMEOUT_MS = 300;

/** A raw connection: everything it received, and a promise of its close. */
interface RawConnection {
  readonly socket: net.Socket;
  received(): string;
  readonly closed: Promise<void>;
}

/** Connects over plaintext, or over TLS with ALPN `http/1.1` when `ca` is given. */
function connect(port: number, ca?: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = ca === undefined ? net.connect(port, "127.0.0.1") : tls.connect({ port, host: "127.0.0.1", ca, servername: "localhost", ALPNProtocols: ["http/1.1"] });
    let data = "";
    socket.on("data", (chunk: Buffer) => (data += chunk.toString("latin1")));
    socket.on("error", () => {});
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once(ca === undefined ? "connect" : "secureConnect", () => resolve({ socket, received: () => data, closed }));
    socket.once("error", reject);
  });
}

/** Writes a header line every 50 ms until the socket closes (a slowloris client). */
function trickle(socket: net.Socket): void {
  let n = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) return clearInterval(timer);
    socket.write(`x-slow-${n++}: a\r\n`);
  }, 50);
  socket.once("close", () => clearInterval(timer));
}

/** Resolves when `socket` closes; rejects (and destroys it) if that takes more than 10 s. */
async function closedWithin(conn: RawConnection): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      conn.socket.destroy();
      reject(new Error("the server kept the connection open"));
    }, 10_000);
  });
  try {
    await Promise.race([conn.closed, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function unaryRequest(): Buffer {
  const body = frame(Catalog.methods.getProduct.serializeRequest({ id: "p1" }));
  const head =
    `POST ${Catalog.methods.getProduct.path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/grpc-web+proto\r\n` +
    `x-grpc-web: 1\r\nauthorization: Bearer ${TOKEN}\r\ncontent-length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}

describe("gRPC-Web HTTP/1.1 header timeout", () => {
  let server: Server;
  let port: number;
  before(async () => ({ server, port } = await startWebServer({ grpcWeb: { headersTimeoutMs: TIMEOUT_MS } })));
  after(() => server.shutdown({ graceMs: 1000 }));

  it("answers 408 and closes a connection whose request headers trickle in", async () => {
    const conn = await connect(port);
    conn.socket.write(`POST ${Catalog.methods.getProduct.path} HTTP/1.1\r\nhost: 127.0.0.1\r\n`);
    trickle(conn.socket);
    await closedWithin(conn);
    assert.match(conn.received(), /^HTTP\/1\.1 408 /);
  });

  it("closes a connection that never says anything", async () => {
    const conn = await connect(port);
    await closedWithin(conn);
    assert.equal(conn.received(), "");
  });

  it("serves a call whose headers arrive in time, then times out the next request's headers on the same connection", async () => {
    const conn = await connect(port);
    conn.socket.write(unaryRequest());
    // The chunked response ends with a zero-length chunk.
    while (!conn.received().includes("\r\n0\r\n\r\n")) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.match(conn.received(), /^HTTP\/1\.1 200 /);
    assert.match(conn.received(), /grpc-status: 0\r\n/);
    const before = conn.received().length;
    // Keep-alive: the connection is idle again, and a trickled second request is cut off like the first.
    conn.socket.write(`POST ${Catalog.methods.getProduct.path} HTTP/1.1\r\nhost: 127.0.0.1\r\n`);
    trickle(conn.socket);
    await closedWithin(conn);
    assert.match(conn.received().slice(before), /^HTTP\/1\.1 408 /);
  });

  it("leaves HTTP/2 connections on the same port alone", async () => {
    const channel = createChannel(`127.0.0.1:${port}`);
    try {
      const client = createClient(Catalog, channel);
      const auth = { metadata: { authorization: `Bearer ${TOKEN}` } };
      assert.equal((await client.getProduct({ id: "p1" }, auth)).id, "p1");
      // Idle well past the HTTP/1.1 limit, then call again on the same connection.
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
      assert.equal((await client.getProduct({ id: "p2" }, auth)).id, "p2");
    } finally {
      channel.close();
    }
  });

  it("keeps an HTTP/2 session whose preface arrived (the sniffing timeout ends there)", async () => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on("error", () => {});
    try {
      await new Promise<void>((resolve, reject) => session.once("connect", () => resolve()).once("error", reject));
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
      assert.equal(session.closed || session.destroyed, false);
    } finally {
      session.close();
    }
  });
});

describe("gRPC-Web HTTP/1.1 header timeout over TLS", () => {
  it("hands the limit to node's own check: trickled headers get 408 and a close", async () => {
    const { ca, key, cert } = certs();
    const { server, port } = await startWebServer({ tls: { key, cert }, grpcWeb: { headersTimeoutMs: TIMEOUT_MS } });
    try {
      const conn = await connect(port, ca);
      conn.socket.write(`POST ${Catalog.methods.getProduct.path} HTTP/1.1\r\nhost: localhost\r\n`);
      trickle(conn.socket);
      await closedWithin(conn);
      assert.match(conn.received(), /^HTTP\/1\.1 408 /);
    } finally {
      server.forceShutdown();
    }
  });
});
