// A gRPC-Web call seen through the ServerHttp2Stream surface that ServerCall drives, so that gRPC-Web
// reuses the server's whole call machinery (routing, handler invocation, deadlines, limits, interceptors,
// compression) unchanged. Underneath, it speaks PROTOCOL-WEB.md: trailers go out as a final body frame
// with flag 0x80, and in text mode every chunk written is base64 on its own (with padding), while the
// request body is base64-decoded as it arrives.
import { EventEmitter } from "node:events";
import type { OutgoingHttpHeaders, ServerHttp2Stream } from "node:http2";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import { RpcError, Status, createBase64StreamDecoder, encodeTrailersFrame, type Base64StreamDecoder, type HeaderRecord } from "../grpc/index.js";

/** Where a gRPC-Web response goes: an HTTP/2 stream or an HTTP/1.1 response. */
export interface GrpcWebSink {
  /** Sends the status line and headers (pseudo-headers already removed); `endStream` sends no body. */
  writeHead(status: number, headers: OutgoingHttpHeaders, endStream: boolean): void;
  write(chunk: Uint8Array): boolean;
  end(chunk?: Uint8Array): void;
  /** Resets the stream or drops the connection: the client sees the call fail without a status. */
  abort(): void;
  readonly needsDrain: boolean;
  readonly isClosed: boolean;
  /** Subscribes to 'drain' and 'close' (each once per sink). */
  on(event: "drain" | "close", listener: () => void): void;
}

/** What the adapter needs of the failed call when the request body itself is bad (broken base64). */
interface Failable {
  fail(err: RpcError): unknown;
}

const noop = (): void => {};

/** The ServerHttp2Stream-shaped adapter; internal. Cast to `ServerHttp2Stream` when handing it to ServerCall. */
export class GrpcWebStream extends EventEmitter {
  /** The call running on this stream, so a bad request body can fail it. */
  call: Failable | undefined = undefined;
  /** ServerCall reads `session.socket` for `ctx.peer` and `ctx.peerCertificate`. */
  readonly session: { readonly socket: Socket | undefined };
  private readonly text: Base64StreamDecoder | undefined;
  private isWaitingForTrailers = false;
  private isResponded = false;
  private isClosedEmitted = false;

  constructor(
    private readonly source: Readable,
    private readonly sink: GrpcWebSink,
    socket: Socket | undefined,
    /** The response content-type: text when the request was text or its `Accept` asked for text. */
    private readonly contentType: string,
    /** Whether the request body is base64 (`application/grpc-web-text`). */
    isTextRequest: boolean,
    /** Whether the response body goes out as base64. */
    private readonly isTextResponse: boolean,
    /** Adds CORS headers to the response headers. */
    private readonly decorate: (headers: OutgoingHttpHeaders) => void,
  ) {
    super();
    this.session = { socket };
    this.text = isTextRequest ? createBase64StreamDecoder() : undefined;
    source.on("error", noop);
    source.on("data", (chunk: Buffer) => this.onSourceData(chunk));
    source.on("end", () => this.onSourceEnd());
    sink.on("drain", () => this.emit("drain"));
    sink.on("close", () => this.emitClose());
  }

  // ---- the ServerHttp2Stream surface ServerCall uses ----

  get closed(): boolean {
    return this.sink.isClosed;
  }

  get destroyed(): boolean {
    return this.sink.isClosed;
  }

  get readableEnded(): boolean {
    return this.source.readableEnded;
  }

  get writableNeedDrain(): boolean {
    return this.sink.needsDrain;
  }

  pause(): this {
    this.source.pause();
    return this;
  }

  resume(): this {
    this.source.resume();
    return this;
  }

  /** Sends the response headers; with `endStream` this is a trailers-only response (status in the headers). */
  respond(headers: OutgoingHttpHeaders, options?: { endStream?: boolean; waitForTrailers?: boolean }): void {
    if (this.isResponded) throw new Error("gRPC-Web: response headers already sent");
    this.isResponded = true;
    const out: OutgoingHttpHeaders = {};
    for (const name of Object.keys(headers)) if (name.charCodeAt(0) !== 58 /* ':' */) out[name] = headers[name];
    out["content-type"] = this.contentType;
    this.decorate(out);
    this.isWaitingForTrailers = options?.waitForTrailers === true;
    this.sink.writeHead(Number(headers[":status"] ?? 200), out, options?.endStream === true);
  }

  write(chunk: Uint8Array): boolean {
    return this.sink.write(this.encode(chunk));
  }

  /** Ends the body; when the headers asked for trailers, 'wantTrailers' follows and `sendTrailers` ends it. */
  end(chunk?: Uint8Array): this {
    if (this.isWaitingForTrailers) {
      if (chunk !== undefined && chunk.length > 0) this.sink.write(this.encode(chunk));
      // node:http2 emits 'wantTrailers' asynchronously, once the data is queued; do the same.
      setImmediate(() => {
        if (!this.sink.isClosed) this.emit("wantTrailers");
      });
    } else {
      this.sink.end(chunk === undefined ? undefined : this.encode(chunk));
    }
    return this;
  }

  /**
   * The trailers become the last body frame (flag 0x80, `name: value\r\n` lines), then the body ends. `-bin`
   * values stay base64 in text responses too, as Envoy's grpc_web filter sends them, although PROTOCOL-WEB.md
   * would skip that base64 there: raw bytes could break the line format (src/web/trailers.ts reads both).
   */
  sendTrailers(trailers: OutgoingHttpHeaders): void {
    this.isWaitingForTrailers = false;
    this.sink.end(this.encode(encodeTrailersFrame(trailers as HeaderRecord)));
  }

  /** Resets the call (ServerCall does this when trailers could never leave). */
  close(): void {
    this.sink.abort();
  }

  // ---- internals ----

  private encode(bytes: Uint8Array): Uint8Array {
    if (!this.isTextResponse) return bytes;
    // Each chunk is its own padded base64 run: PROTOCOL-WEB.md lets clients decode text bodies in 4-character
    // groups, so padding may sit between messages.
    return Buffer.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64"), "latin1");
  }

  private onSourceData(chunk: Buffer): void {
    if (this.text === undefined) {
      this.emit("data", chunk);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = this.text.push(chunk.toString("latin1"));
    } catch (e) {
      this.failBody(e);
      return;
    }
    if (bytes.length > 0) this.emit("data", Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  private onSourceEnd(): void {
    if (this.text !== undefined) {
      try {
        this.text.end();
      } catch (e) {
        this.failBody(e);
        return;
      }
    }
    this.emit("end");
  }

  private failBody(e: unknown): void {
    const reason = e instanceof Error ? e.message : String(e);
    this.call?.fail(new RpcError(Status.INTERNAL, `invalid grpc-web-text request body: ${reason}`, { cause: e }));
    this.source.resume();
  }

  private emitClose(): void {
    if (this.isClosedEmitted) return;
    this.isClosedEmitted = true;
    this.emit("close");
  }
}

/** A {@link GrpcWebSink} over an HTTP/2 stream (gRPC-Web from a client that speaks HTTP/2). */
export function http2Sink(stream: ServerHttp2Stream): GrpcWebSink {
  stream.on("error", noop);
  return {
    writeHead(status, headers, endStream) {
      stream.respond({ ...headers, ":status": status }, { endStream });
    },
    write: (chunk) => stream.write(chunk),
    end(chunk) {
      if (chunk === undefined) stream.end();
      else stream.end(chunk);
    },
    abort() {
      if (!stream.closed) stream.close(0x8 /* CANCEL */);
    },
    get needsDrain() {
      return stream.writableNeedDrain;
    },
    get isClosed() {
      return stream.closed || stream.destroyed;
    },
    on(event, listener) {
      stream.on(event, listener);
    },
  };
}

/** The response side of an HTTP/1.1 request (node:http's ServerResponse and node:http2's compat one). */
export interface Http1Response {
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown;
  write(chunk: Uint8Array): boolean;
  end(chunk?: Uint8Array): unknown;
  destroy(): unknown;
  readonly writableNeedDrain: boolean;
  readonly destroyed: boolean;
  readonly writableFinished: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** A {@link GrpcWebSink} over an HTTP/1.1 response (chunked: gRPC-Web needs no HTTP trailers). */
export function http1Sink(res: Http1Response): GrpcWebSink {
  res.on("error", noop);
  let isClosed = false;
  res.on("close", () => {
    isClosed = true;
  });
  return {
    writeHead(status, headers, endStream) {
      res.writeHead(status, headers);
      if (endStream) res.end();
    },
    write: (chunk) => res.write(chunk),
    end(chunk) {
      if (chunk === undefined) res.end();
      else res.end(chunk);
    },
    abort() {
      res.destroy();
    },
    get needsDrain() {
      return res.writableNeedDrain;
    },
    get isClosed() {
      return isClosed || res.destroyed || res.writableFinished;
    },
    on(event, listener) {
      res.on(event, listener);
    },
  };
}
