// createServer: a gRPC server on node:http2 (grpc/grpc doc/PROTOCOL-HTTP2.md).
import * as http2 from "node:http2";
import { existsSync, unlinkSync } from "node:fs";
import {
  RpcError,
  Status,
  encodeGrpcMessage,
  parseTimeout,
  type Compressor,
  type ServiceDefinition,
  type ServiceImplementation,
} from "../grpc/index.js";
import { nodeCompressors } from "../node/index.js";
import { Connection } from "./connection.js";
import type { ServerContext } from "./handler-context.js";
import { resolveServerOptions, type ResolvedServerOptions, type ServerOptions } from "./options.js";
import { Router } from "./router.js";
import { ServerCall, type CallShared } from "./server-call.js";
import { createGrpcWeb, type GrpcWebHook } from "./grpc-web.js";
import type { Server as NetServer } from "node:net";

/** Options of `server.shutdown()`. */
export interface ShutdownOptions {
  /** How long calls in flight may run after GOAWAY before they are cancelled. Default: 10 000 ms. */
  readonly graceMs?: number;
}

/**
 * A gRPC server. Register services, then `listen` on one or more addresses.
 *
 * @example
 * ```ts
 * const server = createServer();
 * server.addService(Catalog, {
 *   async getProduct(req, ctx) { return products.get(req.id) ?? notFound(); },
 *   async *listProducts(req, ctx) { yield* products.values(); },
 * });
 * const port = await server.listen("127.0.0.1:0");
 * // …
 * await server.shutdown({ graceMs: 5000 });
 * ```
 */
export interface Server {
  /**
   * Registers a service: one handler per method, by the method's `localName`.
   *
   * @throws Error when a method has no handler or the service is already registered.
   */
  addService<S extends ServiceDefinition>(definition: S, implementation: ServiceImplementation<S, ServerContext>): this;
  /**
   * Listens on `"host:port"` (`"[::]:50051"`, `"127.0.0.1:0"`, `"localhost:8080"`) or `"unix:/path"`
   * (`"unix:///path"` too); resolves with the bound port (0 for unix sockets). May be called several times.
   *
   * @throws Error for a malformed address; rejects when the address cannot be bound.
   */
  listen(address: string): Promise<number>;
  /**
   * Graceful shutdown: stops accepting connections, sends GOAWAY, lets calls in flight finish for up to
   * `graceMs`, then cancels what remains and closes every connection. Resolves when all is closed.
   */
  shutdown(options?: ShutdownOptions): Promise<void>;
  /** Cancels every call (the clients see UNAVAILABLE) and closes every connection and listener now. */
  forceShutdown(): void;
  /** Names of the registered services. */
  readonly serviceNames: readonly string[];
}

/**
 * Creates a gRPC server on node:http2.
 *
 * @throws Error naming the option when an option is invalid.
 */
export function createServer(options: ServerOptions = {}): Server {
  return new ServerImpl(resolveServerOptions(options, nodeCompressors));
}

class ServerImpl implements Server {
  private readonly router = new Router();
  private readonly listeners: NetServer[] = [];
  private readonly connections = new Set<Connection>();
  private isShuttingDown = false;
  private readonly unixPaths: string[] = [];

  /** gRPC-Web on the same port (grpc-web.ts); `undefined` when `grpcWeb: false`. */
  private readonly web: GrpcWebHook | undefined;

  constructor(private readonly options: ResolvedServerOptions) {
    this.web = createGrpcWeb(options, (stream, headers, shared) => this.startCall(stream, headers, shared));
  }

  get serviceNames(): readonly string[] {
    return this.router.serviceNames();
  }

  addService<S extends ServiceDefinition>(definition: S, implementation: ServiceImplementation<S, ServerContext>): this {
    this.router.add(definition, implementation as object, this.options.interceptors);
    return this;
  }

  async listen(address: string): Promise<number> {
    if (this.isShuttingDown) throw new Error("listen: the server is shutting down");
    const target = parseListenAddress(address);
    const opts = this.options;
    const settings: http2.Settings = {
      maxConcurrentStreams: opts.maxConcurrentStreams,
      // Let headers somewhat over the metadata limit through, so the client gets RESOURCE_EXHAUSTED rather
      // than a reset stream; far larger header lists are refused by nghttp2 itself.
      maxHeaderListSize: Math.max(65536, opts.maxMetadataBytes * 2),
    };
    const common = {
      settings,
      // Metadata count is bounded too (default 128 pairs in node); a pair per custom header is plenty.
      maxHeaderListPairs: 256,
    };
    const tls = opts.tls;
    const server = tls
      ? http2.createSecureServer({
          ...common,
          key: tls.key as string,
          cert: tls.cert as string,
          ...(tls.ca !== undefined ? { ca: tls.ca as string | string[] } : {}),
          requestCert: tls.requireClientCert === true || tls.ca !== undefined,
          rejectUnauthorized: tls.requireClientCert === true,
          // gRPC-Web also comes over HTTP/1.1 (ALPN "http/1.1" → node's 'request' event).
          ...(this.web !== undefined ? { allowHTTP1: true, ALPNProtocols: ["h2", "http/1.1"] } : { ALPNProtocols: ["h2"] }),
        })
      : http2.createServer(common);
    server.on("session", (session) => this.onSession(session as http2.ServerHttp2Session, target.path));
    // With gRPC-Web, plaintext listens through a listener that tells HTTP/1.1 from HTTP/2 by the first bytes.
    const listener: NetServer = this.web !== undefined ? this.web.listenerFor(server, tls !== undefined, target.path) : server;
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error): void => reject(new Error(`listen ${address}: ${e.message}`, { cause: e }));
      listener.once("error", onError);
      const done = (): void => {
        listener.off("error", onError);
        listener.on("error", (e) => opts.onError(e, {}));
        resolve();
      };
      if (target.path !== undefined) listener.listen(target.path, done);
      else listener.listen({ host: target.host, port: target.port }, done);
    });
    this.listeners.push(listener);
    if (target.path !== undefined) {
      this.unixPaths.push(target.path);
      return 0;
    }
    const bound = listener.address();
    return typeof bound === "object" && bound !== null ? bound.port : 0;
  }

  shutdown(shutdownOptions: ShutdownOptions = {}): Promise<void> {
    const graceMs = shutdownOptions.graceMs ?? 10_000;
    this.isShuttingDown = true;
    const closed = this.closeListeners();
    this.web?.goAway(graceMs);
    for (const c of this.connections) c.goAway();
    if (this.connections.size === 0) return closed;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        for (const c of [...this.connections]) c.destroy(new RpcError(Status.UNAVAILABLE, "the server is shutting down"));
      }, graceMs);
      const check = (): void => {
        if (this.connections.size > 0) return;
        clearTimeout(timer);
        this.onAllClosed = undefined;
        closed.then(resolve, resolve);
      };
      this.onAllClosed = check;
      check();
    });
  }

  forceShutdown(): void {
    this.isShuttingDown = true;
    this.web?.destroy(new RpcError(Status.UNAVAILABLE, "the server shut down"));
    for (const c of [...this.connections]) c.destroy(new RpcError(Status.UNAVAILABLE, "the server shut down"));
    void this.closeListeners();
  }

  private onAllClosed: (() => void) | undefined;

  private closeListeners(): Promise<void> {
    const listeners = this.listeners.splice(0);
    const paths = this.unixPaths.splice(0);
    return Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.close(() => resolve())))).then(() => {
      for (const p of paths) {
        try {
          if (existsSync(p)) unlinkSync(p);
        } catch {
          // Node removes the socket file itself when it can; a leftover is harmless.
        }
      }
    });
  }

  private onSession(session: http2.ServerHttp2Session, unixPath: string | undefined): void {
    if (this.isShuttingDown) {
      session.close();
      return;
    }
    const connection = new Connection(session, this.options, unixPath, (c) => {
      this.connections.delete(c);
      this.onAllClosed?.();
    });
    this.connections.add(connection);
    // Node 20 passes the header block as received, as a flat name/value list (not in @types/node yet): repeated
    // metadata keys keep their values apart there, where the header object joins them.
    session.on("stream", (stream, headers, _flags: number, rawHeaders?: readonly string[]) => this.onStream(stream, headers, connection, rawHeaders));
  }

  private onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, connection: Connection, rawHeaders: readonly string[] | undefined): void {
    if (headers[":method"] !== "POST") {
      // gRPC-Web hooks in only where the gRPC path would refuse the stream: the gRPC hot path pays nothing.
      if (this.web?.handleStream(stream, headers, connection) === true) return;
      respondEarly(stream, 405, Status.INTERNAL, `gRPC requires POST, got ${String(headers[":method"])}`, { allow: "POST" });
      return;
    }
    const contentType = headers["content-type"];
    if (!isGrpcContentType(contentType)) {
      if (this.web?.handleStream(stream, headers, connection) === true) return;
      // PROTOCOL-HTTP2.md: 415 keeps non-gRPC clients from reading the error response as a success; the
      // grpc-status is INVALID_ARGUMENT, as grpc-go sends.
      respondEarly(stream, 415, Status.INVALID_ARGUMENT, `invalid gRPC request content-type "${contentType ?? ""}"`);
      return;
    }
    if (headers.te !== "trailers") {
      // Without "te: trailers" an intermediary may drop the trailers that carry the status.
      respondEarly(stream, 400, Status.INTERNAL, `missing "te: trailers" header (got "${headers.te ?? ""}")`);
      return;
    }
    this.startCall(stream, headers, connection, rawHeaders);
  }

  /**
   * Starts a call whose protocol checks passed: route, metadata size, timeout and encoding, then the
   * handler. gRPC-Web calls come here too, with a `stream` that speaks gRPC-Web underneath (grpc-web.ts), and
   * without `rawHeaders` (the header block as node:http2 received it; then the header object serves).
   * Returns the call, or `undefined` when it was refused with a status.
   */
  private startCall(
    stream: http2.ServerHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    connection: CallShared & { onCallStarted(call: ServerCall): void },
    rawHeaders?: readonly string[],
  ): ServerCall | undefined {
    const opts = this.options;
    const path = headers[":path"] ?? "";
    const route = this.router.get(path);
    if (route === undefined) {
      respondEarly(stream, 200, Status.UNIMPLEMENTED, this.router.describeMissing(path));
      return undefined;
    }
    const size = rawHeaders !== undefined ? headerListSizeOfList(rawHeaders) : headerListSize(headers);
    if (size > opts.maxMetadataBytes) {
      respondEarly(stream, 200, Status.RESOURCE_EXHAUSTED, `request metadata of ${size} bytes exceeds the limit of ${opts.maxMetadataBytes} bytes`);
      return undefined;
    }
    let timeoutMs: number | undefined;
    const timeout = headers["grpc-timeout"];
    if (timeout !== undefined) {
      timeoutMs = parseTimeout(timeout as string);
      if (timeoutMs === undefined) {
        respondEarly(stream, 400, Status.INTERNAL, `malformed grpc-timeout "${String(timeout)}"`);
        return undefined;
      }
    }
    const encoding = headers["grpc-encoding"];
    let compressor: Compressor | undefined;
    if (encoding !== undefined && encoding !== "identity") {
      compressor = opts.compressors.get(encoding as string);
      if (compressor === undefined) {
        // doc/compression.md: UNIMPLEMENTED, listing what we support in grpc-accept-encoding.
        respondEarly(stream, 200, Status.UNIMPLEMENTED, `unsupported grpc-encoding "${String(encoding)}" (supported: ${opts.acceptEncoding})`, {
          "grpc-accept-encoding": opts.acceptEncoding,
        });
        return undefined;
      }
    }
    const call = new ServerCall(stream, headers, rawHeaders, route, connection, compressor, (encoding as string | undefined) ?? "identity", timeoutMs);
    connection.onCallStarted(call);
    call.start();
    return call;
  }
}

/** `application/grpc`, optionally followed by `+subtype` or `;params` (PROTOCOL-HTTP2.md Content-Type). */
function isGrpcContentType(value: string | undefined): boolean {
  if (value === undefined || !value.startsWith("application/grpc")) return false;
  if (value.length === 16) return true;
  const next = value.charCodeAt(16);
  return next === 0x2b /* + */ || next === 0x3b /* ; */;
}

/**
 * HTTP/2's header list size (RFC 9113 §6.5.2): name + value + 32 per field. From the header object (whose
 * for-in costs over 1 µs a call: it is a null-prototype dictionary) only where no header list came with it.
 */
function headerListSize(headers: http2.IncomingHttpHeaders): number {
  let size = 0;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) size += name.length + v.length + 32;
    else size += name.length + (typeof value === "string" ? value.length : String(value).length) + 32;
  }
  return size;
}

/** {@link headerListSize} of a flat `[name, value, …]` header list (node:http2's `rawHeaders`): about 0.1 µs. */
function headerListSizeOfList(list: readonly string[]): number {
  let size = (list.length >> 1) * 32;
  for (let i = 0; i < list.length; i++) size += list[i]!.length;
  return size;
}

/** No Date header, as on every gRPC response (see server-call.ts); typed loosely: @types/node omits sendDate. */
const EARLY_RESPONSE = Object.freeze({ endStream: true, sendDate: false });

/** Answers a call the server refuses before any handler runs: status in the headers, stream ended. */
function respondEarly(
  stream: http2.ServerHttp2Stream,
  httpStatus: number,
  code: Status,
  message: string,
  extra?: Record<string, string>,
): void {
  stream.on("error", () => {});
  try {
    stream.respond(
      {
        ":status": httpStatus,
        "content-type": "application/grpc",
        "grpc-status": String(code),
        "grpc-message": encodeGrpcMessage(message),
        ...extra,
      },
      EARLY_RESPONSE,
    );
  } catch {
    // The client already reset the stream.
    return;
  }
  // Discard whatever request body follows (a reset here could overtake the status on the wire).
  if (!stream.readableEnded) stream.resume();
}

/** Parses a listen address. @throws Error for a malformed one. */
export function parseListenAddress(address: string): { host?: string; port?: number; path?: string } {
  if (address.startsWith("unix:")) {
    const path = address.startsWith("unix://") ? address.slice("unix://".length) : address.slice("unix:".length);
    if (path === "") throw new Error(`listen: empty unix socket path in "${address}"`);
    return { path };
  }
  const colon = address.lastIndexOf(":");
  if (colon < 0) throw new Error(`listen: expected "host:port" or "unix:/path", got "${address}"`);
  let host = address.slice(0, colon);
  const portText = address.slice(colon + 1);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new Error(`listen: invalid port "${portText}" in "${address}"`);
  return { host: host === "" ? "::" : host, port: Number(portText) };
}
