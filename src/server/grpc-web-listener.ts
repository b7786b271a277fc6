// One plaintext port for HTTP/2 (gRPC, and gRPC-Web from HTTP/2 clients) and HTTP/1.1 (gRPC-Web from
// browsers and proxies). node:http2's `allowHTTP1` only works with TLS, where ALPN picks the protocol; without
// TLS we look at the first bytes instead: every HTTP/2 connection with prior knowledge starts with the
// client preface "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" (RFC 9113 §3.4), which no HTTP/1.1 request line matches.
import * as net from "node:net";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

/**
 * Creates the listening server: each accepted socket goes to `http2` when it opens with the HTTP/2 preface,
 * to `onHttp1` otherwise (as a 'connection' event for an `http.Server`). Closing it closes both sides.
 * Connections that have not told which protocol they speak within `sniffTimeoutMs` (a finite number) are
 * dropped.
 */
export function createSniffingListener(http2: net.Server, onHttp1: (socket: net.Socket) => void, sniffTimeoutMs: number): net.Server {
  const listener = net.createServer((socket) => {
    let seen: Buffer = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), sniffTimeoutMs);
    timer.unref();
    const onData = (chunk: Buffer): void => {
      seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, PREFACE.length);
      const isHttp2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (isHttp2 && n < PREFACE.length) return; // a prefix of the preface so far: wait for more
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("error", onError);
      if (isHttp2) {
        // node:http2 feeds bytes already buffered on the socket to the new session before reading more.
        socket.pause();
        socket.unshift(seen);
        http2.emit("connection", socket);
      } else {
        // node:http's parser reads the socket's handle directly once it owns it, so hand it the bytes we
        // took as the first 'data' event, before the next read can happen.
        onHttp1(socket);
        socket.emit("data", seen);
      }
    };
    const onError = (): void => {
      clearTimeout(timer);
      socket.destroy();
    };
    const onClose = (): void => clearTimeout(timer);
    socket.on("data", onData);
    socket.on("error", onError);
    socket.once("close", onClose);
  });
  // node:http2 keeps its sessions in the server that made them; closing that server GOAWAYs them.
  const close = listener.close.bind(listener);
  listener.close = (callback?: (err?: Error) => void) => {
    close(callback);
    http2.close();
    return listener;
  };
  return listener;
}
