// gRPC-Web on the server's own port (grpc/grpc doc/PROTOCOL-WEB.md): HTTP/2 streams and HTTP/1.1 requests
// with content-type application/grpc-web(+proto) or application/grpc-web-text(+proto), and CORS preflights.
// Calls run through the server's own startCall (routing, limits, deadlines, interceptors, handlers) on a
// GrpcWebStream, which turns ServerCall's HTTP/2 responses into gRPC-Web ones.
import * as http from "node:http";
import type { IncomingHttpHeaders, ServerHttp2Stream, Http2Server, Http2SecureServer } from "node:http2";
import type { Server as NetServer, Socket } from "node:net";
import type { Readable } from "node:stream";
import { RpcError, Status, encodeGrpcMessage, parseContentType, contentTypeFor } from "../grpc/index.js";
import { addCorsHeaders, preflightResponse } from "./grpc-web-cors.js";
import { createSniffingListener } from "./grpc-web-listener.js";
import { DEFAULT_HEADERS_TIMEOUT_MS, resolveGrpcWebOptions, type ResolvedGrpcWeb } from "./grpc-web-options.js";
import { GrpcWebStream, http1Sink, http2Sink, type GrpcWebSink, type Http1Response } from "./grpc-web-stream.js";
import type { ResolvedServerOptions } from "./options.js";
import type { CallShared, ServerCall } from "./server-call.js";

/** What a call needs from where it runs: a Connection for HTTP/2, the HTTP/1.1 bookkeeping otherwise. */
export type CallHost = CallShared & { onCallStarted(call: ServerCall): void };

/** The server's call starter (server.ts startCall): refuses with a status, or starts the handler. */
export type StartCall = (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, host: CallHost) => ServerCall | undefined;

/** The server's gRPC-Web side, as server.ts sees it. Internal. */
export interface GrpcWebHook {
  /** Takes an HTTP/2 stream the gRPC path refused; `false` when it is not gRPC-Web or CORS either. */
  handleStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, host: CallHost): boolean;
  /** The server to listen on for `server`: itself with TLS (ALPN picks HTTP/1.1), a sniffing listener without. */
  listenerFor(server: Http2Server | Http2SecureServer, isTls: boolean, unixPath: string | undefined): NetServer;
  /** Shutdown: idle HTTP/1.1 connections close now, busy ones after their response; all by `graceMs`. */
  goAway(graceMs: number): void;
  /** Cancels HTTP/1.1 calls in flight with `err` and closes their connections. */
  destroy(err: RpcError): void;
}

/** Creates the gRPC-Web side of a server, or `undefined` when `options.grpcWeb` is `false`. */
export function createGrpcWeb(options: ResolvedServerOptions, startCall: StartCall): GrpcWebHook | undefined {
  const resolved = resolveGrpcWebOptions(options.grpcWeb);
  if (resolved === undefined) return undefined;
  return new GrpcWeb(options, resolved, startCall);
}

/** What a slow HTTP/1.1 client gets before its connection closes (as node's own headersTimeout answers). */
const REQUEST_TIMEOUT_RESPONSE = "HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";

/** Hop-by-hop and HTTP/1-only request headers that must not become metadata (RFC 9110 §7.6.1). */
const HTTP1_ONLY_HEADERS = ["host", "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "expect"];

class GrpcWeb implements GrpcWebHook {
  /** HTTP/1.1 sockets and how many calls each has in flight. */
  private readonly sockets = new Map<Socket, number>();
  private readonly http1Calls = new Set<ServerCall>();
  private isClosing = false;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly http1Server: http.Server;
  private readonly host: (unixPath: string | undefined) => CallHost;
  private readonly cors: ResolvedGrpcWeb["cors"];
  /**
   * Plaintext HTTP/1.1 sockets waiting for a request's headers, with the timer that closes them. node's
   * http.Server enforces its own headersTimeout only on connections it accepted from a port it listens on;
   * ours come from the sniffing listener, so the timeout is kept here.
   */
  private readonly headerTimers = new Map<Socket, ReturnType<typeof setTimeout>>();
  /** The sockets under that timeout (plaintext HTTP/1.1; with TLS, node's own check applies, see listenerFor). */
  private readonly timedSockets = new WeakSet<Socket>();

  constructor(
    private readonly options: ResolvedServerOptions,
    private readonly web: ResolvedGrpcWeb,
    private readonly startCall: StartCall,
  ) {
    this.cors = web.cors;
    this.http1Server = http.createServer((req, res) => this.onHttp1Request(req, res));
    this.http1Server.on("clientError", (_e, socket: Socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
      else socket.destroy();
    });
    const calls = this.http1Calls;
    this.host = (unixPath) => ({
      options,
      unixPath,
      onCallStarted: (call) => calls.add(call),
      onCallClosed: (call) => calls.delete(call),
    });
  }

  handleStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, host: CallHost): boolean {
    const method = headers[":method"];
    if (method === "OPTIONS") {
      if (this.cors === undefined || headers["access-control-request-method"] === undefined) return false;
      const { status, headers: out } = preflightResponse(this.cors, headers.origin, headers["access-control-request-headers"]);
      stream.on("error", () => {});
      stream.respond({ ...out, ":status": status }, { endStream: true });
      return true;
    }
    const type = parseContentType(headers["content-type"]);
    if (method !== "POST" || type === undefined || type.protocol === "grpc") return false;
    this.dispatch(stream, http2Sink(stream), headers, host, stream.session?.socket as Socket | undefined);
    return true;
  }

  listenerFor(server: Http2Server | Http2SecureServer, isTls: boolean, unixPath: string | undefined): NetServer {
    if (isTls) {
      // node:http2 would otherwise route every HTTP/2 stream through its compatibility layer as well once a
      // 'request' listener exists (it installs that on 'newListener'); the gRPC path handles streams itself.
      server.removeAllListeners("newListener");
      server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.httpVersionMajor === 1) this.onHttp1Request(req, res, unixPath);
      });
      // With TLS, node itself times out HTTP/1.1 headers (allowHTTP1 servers track their connections, checked
      // every connectionsCheckingInterval); give it our limit. 0 turns node's check off.
      const ms = this.web.headersTimeoutMs;
      Object.assign(server, Number.isFinite(ms) ? { headersTimeout: ms, connectionsCheckingInterval: Math.min(ms, 30_000) } : { headersTimeout: 0 });
      return server;
    }
    const headersTimeoutMs = this.web.headersTimeoutMs;
    const sniffTimeoutMs = Number.isFinite(headersTimeoutMs) ? headersTimeoutMs : DEFAULT_HEADERS_TIMEOUT_MS;
    return createSniffingListener(
      server,
      (socket) => {
        if (Number.isFinite(headersTimeoutMs)) {
          this.timedSockets.add(socket);
          socket.once("close", () => this.headersReceived(socket));
          this.awaitHeaders(socket);
        }
        this.http1Server.emit("connection", socket);
      },
      sniffTimeoutMs,
    );
  }

  /** Gives a plaintext HTTP/1.1 socket `headersTimeoutMs` to send a request's headers, from now. */
  private awaitHeaders(socket: Socket): void {
    clearTimeout(this.headerTimers.get(socket));
    const timer = setTimeout(() => {
      this.headerTimers.delete(socket);
      // Close whether or not the client reads the 408 or closes its side.
      if (socket.writable) socket.end(REQUEST_TIMEOUT_RESPONSE, () => socket.destroy());
      else socket.destroy();
    }, this.web.headersTimeoutMs);
    timer.unref();
    this.headerTimers.set(socket, timer);
  }

  /** Stops the header timer of `socket`, if it has one: its request's headers are in, or it closed. */
  private headersReceived(socket: Socket): void {
    const timer = this.headerTimers.get(socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.headerTimers.delete(socket);
  }

  goAway(graceMs: number): void {
    this.isClosing = true;
    for (const [socket, inFlight] of this.sockets) if (inFlight === 0) socket.destroy();
    if (this.sockets.size > 0 && this.graceTimer === undefined) {
      this.graceTimer = setTimeout(() => this.destroy(new RpcError(Status.UNAVAILABLE, "the server is shutting down")), graceMs);
      this.graceTimer.unref();
    }
  }

  destroy(err: RpcError): void {
    this.isClosing = true;
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    for (const call of [...this.http1Calls]) call.cancel(err);
    // Let the statuses just written leave before the sockets go.
    const sockets = [...this.sockets.keys()];
    setImmediate(() => {
      for (const socket of sockets) socket.destroy();
    });
  }

  private onHttp1Request(req: http.IncomingMessage, res: http.ServerResponse, unixPath?: string): void {
    const socket = req.socket;
    this.headersReceived(socket);
    this.track(socket, res);
    const headers: IncomingHttpHeaders = { ...req.headers, ":method": req.method ?? "", ":path": req.url ?? "", ":authority": req.headers.host ?? "", ":scheme": "http" };
    for (const name of HTTP1_ONLY_HEADERS) delete headers[name];
    const method = req.method;
    if (method === "OPTIONS" && this.cors !== undefined && req.headers["access-control-request-method"] !== undefined) {
      const { status, headers: out } = preflightResponse(this.cors, req.headers.origin, req.headers["access-control-request-headers"]);
      res.writeHead(status, out).end();
      req.resume();
      return;
    }
    const type = parseContentType(req.headers["content-type"]);
    if (method !== "POST" || type === undefined || type.protocol === "grpc") {
      // Plain HTTP/1.1 requests and gRPC (which needs HTTP/2) get an HTTP error with a gRPC status too.
      const why =
        method !== "POST"
          ? `gRPC-Web requires POST, got ${String(method)}`
          : type === undefined
            ? `invalid gRPC-Web request content-type "${req.headers["content-type"] ?? ""}"`
            : "gRPC requires HTTP/2; over HTTP/1.1 this server speaks gRPC-Web (application/grpc-web)";
      const status = method !== "POST" ? 405 : 415;
      const out: http.OutgoingHttpHeaders = { "content-type": "text/plain", "grpc-status": String(method !== "POST" ? Status.INTERNAL : Status.INVALID_ARGUMENT), "grpc-message": encodeGrpcMessage(why) };
      if (status === 405) out.allow = "POST, OPTIONS";
      addCorsHeaders(this.cors, req.headers.origin, out);
      res.writeHead(status, out).end(why + "\n");
      req.resume();
      return;
    }
    this.dispatch(req, http1Sink(res as unknown as Http1Response), headers, this.host(unixPath), socket);
  }

  /** Runs one gRPC-Web call whose method and content-type were checked. */
  private dispatch(source: Readable, sink: GrpcWebSink, headers: IncomingHttpHeaders, host: CallHost, socket: Socket | undefined): void {
    const type = parseContentType(headers["content-type"])!;
    const origin = headers.origin;
    const cors = this.cors;
    const isTextRequest = type.protocol === "grpc-web-text";
    // PROTOCOL-WEB.md "Text-encoded (response) streams": a client asks for a base64 response with
    // `Accept: application/grpc-web-text`, whatever its request's format.
    const isTextResponse = isTextRequest || acceptsText(headers.accept);
    const responseType = contentTypeFor(isTextResponse ? "grpc-web-text" : "grpc-web", type.codec);
    const stream = new GrpcWebStream(source, sink, socket, responseType, isTextRequest, isTextResponse, (out) => addCorsHeaders(cors, origin, out));
    if (type.codec !== "proto") {
      stream.respond({ ":status": 415, "grpc-status": String(Status.INVALID_ARGUMENT), "grpc-message": encodeGrpcMessage(`unsupported gRPC-Web codec "${type.codec}" (this server speaks proto)`) }, { endStream: true });
      source.resume();
      return;
    }
    const call = this.startCall(stream as unknown as ServerHttp2Stream, headers, host);
    if (call !== undefined) stream.call = call;
  }

  private track(socket: Socket, res: http.ServerResponse): void {
    const inFlight = this.sockets.get(socket);
    if (inFlight === undefined) socket.once("close", () => this.sockets.delete(socket));
    this.sockets.set(socket, (inFlight ?? 0) + 1);
    // Once shutting down, tell the client this connection takes no more requests.
    if (this.isClosing) res.shouldKeepAlive = false;
    res.once("close", () => {
      const n = (this.sockets.get(socket) ?? 1) - 1;
      if (this.sockets.has(socket)) this.sockets.set(socket, n);
      if (this.isClosing && n === 0) socket.destroy();
      // Idle again: the next request's headers get the same time (a keep-alive connection is bounded too).
      else if (n === 0 && !socket.destroyed && this.sockets.has(socket) && this.timedSockets.has(socket)) this.awaitHeaders(socket);
    });
  }
}

/** Whether an `Accept` header lists `application/grpc-web-text` (with or without `+codec` or parameters). */
function acceptsText(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  for (const part of accept.split(",")) {
    const type = parseContentType(part);
    if (type?.protocol === "grpc-web-text") return true;
  }
  return false;
}
