// One server call on one HTTP/2 stream: reads request frames, runs the handler, writes responses, ends with
// a status (grpc/grpc doc/PROTOCOL-HTTP2.md "Responses"). The call object is also the handler's `ctx`, so
// a unary call allocates one object for both, and the AbortController and timer exist only when needed.
import type { ServerHttp2Stream, IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http2";
import type { TLSSocket } from "node:tls";
import {
  Metadata,
  RpcError,
  Status,
  createFrameDecoder,
  encodeGrpcMessage,
  FRAME_HEADER_BYTES,
  metadataFromHeaders,
  metadataToHeaders,
  type Compressor,
  type Frame,
  type FrameDecoder,
  type MetadataInit,
  type MethodDefinition,
  type AnyMethodDefinition,
} from "../grpc/index.js";
import { encodeFrameBuffer, isCallContextEnabled, runWithCallContext } from "../node/index.js";
import type { ServerContext } from "./handler-context.js";
import type { ResolvedServerOptions } from "./options.js";
import type { Invoke } from "./interceptors.js";
import { RequestStream, type RequestSource } from "./request-stream.js";
import { encodeStatusDetailsHeader } from "./status-trailers.js";


/** A registered method: its definition and the handler with interceptors applied. */
export interface RouteEntry {
  readonly definition: MethodDefinition<unknown, unknown>;
  readonly invoke: Invoke;
  /** Whether requests arrive as a stream (client-streaming and bidi). */
  readonly isRequestStreaming: boolean;
  /** Whether responses leave as a stream (server-streaming and bidi). */
  readonly isResponseStreaming: boolean;
}

/** What every call shares with its server and connection. */
export interface CallShared {
  readonly options: ResolvedServerOptions;
  /** The socket path of a unix-socket connection. */
  readonly unixPath: string | undefined;
  /** Called once when the call's stream closes (connection bookkeeping: idle timer, ping policy). */
  onCallClosed(call: ServerCall): void;
}

const noop = (): void => {};

// Listeners are shared functions that find their call on the stream, rather than closures made per call:
// on the unary hot path that is five allocations fewer (DESIGN.md "Lessons from profiling").
const kCall = Symbol("spindle.serverCall");
type CallStream = ServerHttp2Stream & { [kCall]: ServerCall };

function onCloseListener(this: CallStream): void {
  this[kCall].onClose();
}
function onUnaryDataListener(this: CallStream, chunk: Buffer): void {
  this[kCall].onUnaryData(chunk);
}
function onUnaryEndListener(this: CallStream): void {
  this[kCall].onUnaryEnd();
}
function onStreamDataListener(this: CallStream, chunk: Buffer): void {
  this[kCall].onStreamData(chunk);
}
function onStreamEndListener(this: CallStream): void {
  this[kCall].onStreamEnd();
}
function onWantTrailersListener(this: CallStream): void {
  this.sendTrailers(this[kCall].takeTrailers());
}

/** The trailers of a successful call without custom trailers; shared (node does not modify them). */
const OK_TRAILERS: OutgoingHttpHeaders = Object.freeze({ "grpc-status": "0" }) as OutgoingHttpHeaders;
const MAX_TIMER_MS = 2 ** 31 - 1;
// No Date header (node adds one unless `sendDate: false`, an option node's own compat layer uses but
// @types/node does not list): gRPC has no use for it, grpc-go and grpc-java send none, and leaving it out
// takes node's header processing (respond, processHeaders, mapToHeaders) from ~10% to ~6.5% of a unary
// call's server CPU (profiles of 32 B calls).
const WAIT_FOR_TRAILERS = Object.freeze({ waitForTrailers: true, sendDate: false });
const TRAILERS_ONLY = Object.freeze({ endStream: true, sendDate: false });
/**
 * Request messages may hold views of the received data rather than copies of their `bytes` fields (saves an
 * ArrayBuffer per message, about 1 µs at 1 KiB). Safe because the call owns that data: node:http2 hands each
 * socket read to JS in an ArrayBuffer of its own and never writes to it again, the frame decoder's payloads
 * are views of those reads or buffers it allocated per message, and decompressed payloads are new buffers;
 * nothing else holds them. The price: a value kept past the call pins the read it came in (up to 64 KiB), as
 * protobufjs's Buffer slices do under grpc-js; ServerContext's doc tells handler authors.
 */
const ALIAS_REQUEST_BYTES = Object.freeze({ aliasBytes: true });
/** Frames a response from the encoder's buffer: the one copy of the message the server makes. */
const frameUncompressed = (bytes: Uint8Array): Buffer => encodeFrameBuffer(bytes, false);

/** A server call; implements the handler's {@link HandlerContext}. Internal. */
export class ServerCall implements ServerContext, RequestSource {
  readonly deadline: number | undefined;
  compressMessages = true;
  isRequestCompressed = false;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  private endReason: RpcError | undefined = undefined;
  private isDone = false;
  private isHeaderSent = false;
  private header: Metadata | undefined = undefined;
  private trailer: Metadata | undefined = undefined;
  private requestMetadata: Metadata | undefined = undefined;
  private responseCompressor: Compressor | undefined = undefined;
  /** Created on the first chunk that is not exactly one whole message (the unary fast path skips it). */
  private decoder: FrameDecoder | undefined = undefined;
  private unaryFrame: Frame | undefined = undefined;
  private requests: RequestStream | undefined = undefined;
  private pendingTrailers: OutgoingHttpHeaders | undefined = undefined;

  constructor(
    /** The HTTP/2 stream; internal. */
    readonly stream: ServerHttp2Stream,
    private readonly headers: IncomingHttpHeaders,
    /** The header block as received (`[name, value, …]`), when node:http2 gave it; keeps repeated keys apart. */
    private readonly rawHeaders: readonly string[] | undefined,
    private readonly route: RouteEntry,
    private readonly shared: CallShared,
    private readonly requestCompressor: Compressor | undefined,
    readonly requestCompression: string,
    timeoutMs: number | undefined,
  ) {
    this.deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    const compression = shared.options.responseCompression;
    if (compression !== undefined) this.setCompression(compression);
    // Node fires timers longer than 2^31-1 ms at once (TimeoutOverflowWarning); such deadlines (over 24 days,
    // e.g. "99999999H") are as good as none.
    if (timeoutMs !== undefined && timeoutMs <= MAX_TIMER_MS) this.timer = setTimeout(() => this.onDeadline(), timeoutMs);
  }

  /** Starts reading the request; the handler runs once the request (or its stream) is available. */
  start(): void {
    const stream = this.stream as CallStream;
    stream[kCall] = this;
    stream.on("close", onCloseListener);
    // Stream errors (a reset mid-write, a broken socket) end in 'close'; without a listener they would crash.
    stream.on("error", noop);
    if (this.route.isRequestStreaming) {
      const requests = new RequestStream(this);
      this.requests = requests;
      stream.on("data", onStreamDataListener);
      stream.on("end", onStreamEndListener);
      this.run(requests);
    } else {
      stream.on("data", onUnaryDataListener);
      stream.on("end", onUnaryEndListener);
    }
  }

  // ---- HandlerContext ----

  get method(): AnyMethodDefinition {
    return this.route.definition;
  }

  get path(): string {
    return this.route.definition.path;
  }

  get metadata(): Metadata {
    if (this.requestMetadata === undefined) {
      // The raw header list when node gave one: its header object joins a repeated key's values with ", ".
      this.requestMetadata = metadataFromHeaders(this.headers as Record<string, string | string[] | undefined>, this.rawHeaders);
    }
    return this.requestMetadata;
  }

  timeRemaining(): number {
    return this.deadline === undefined ? Infinity : Math.max(0, this.deadline - Date.now());
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.isDone) this.controller.abort(this.endReason ?? new RpcError(Status.CANCELLED, "call already completed"));
    }
    return this.controller.signal;
  }

  get peer(): string {
    const socket = this.stream.session?.socket;
    if (socket === undefined) return "unknown";
    const address = socket.remoteAddress;
    if (address === undefined) return `unix:${this.shared.unixPath ?? ""}`;
    return socket.remoteFamily === "IPv6" ? `[${address}]:${socket.remotePort}` : `${address}:${socket.remotePort}`;
  }

  get peerCertificate(): Readonly<Record<string, unknown>> | undefined {
    const socket = this.stream.session?.socket as TLSSocket | undefined;
    if (socket === undefined || typeof socket.getPeerCertificate !== "function") return undefined;
    const cert = socket.getPeerCertificate();
    return cert === null || Object.keys(cert).length === 0 ? undefined : (cert as unknown as Record<string, unknown>);
  }

  get responseHeaders(): Metadata {
    return (this.header ??= new Metadata());
  }

  get responseTrailers(): Metadata {
    return (this.trailer ??= new Metadata());
  }

  sendHeader(md?: MetadataInit): void {
    if (this.isHeaderSent) throw new Error("sendHeader: response headers were already sent");
    if (md !== undefined) this.responseHeaders.merge(md);
    if (!this.isDone) this.respondHeaders();
  }

  setTrailer(md: MetadataInit): void {
    this.responseTrailers.merge(md);
  }

  setCompression(name: string): void {
    if (this.isHeaderSent) throw new Error("setCompression: response headers were already sent");
    if (name === "identity") {
      this.responseCompressor = undefined;
      return;
    }
    const compressor = this.shared.options.compressors.get(name);
    const accepted = this.headers["grpc-accept-encoding"];
    // Use an encoding only when the client listed it (doc/compression.md): otherwise it could not read us.
    if (compressor !== undefined && typeof accepted === "string" && acceptsEncoding(accepted, name)) {
      this.responseCompressor = compressor;
    }
  }

  // ---- RequestSource ----

  pause(): void {
    this.stream.pause();
  }

  resume(): void {
    this.stream.resume();
  }

  /** Decompresses and deserializes one request frame; on failure, fails the call and rethrows. */
  decode(frame: Frame): Promise<unknown> | unknown {
    this.isRequestCompressed = frame.isCompressed;
    if (frame.isCompressed) {
      const compressor = this.requestCompressor;
      if (compressor === undefined) {
        // doc/compression.md: a compressed message without a grpc-encoding to read it with is INTERNAL.
        throw this.fail(new RpcError(Status.INTERNAL, "received a compressed message but the request has no grpc-encoding"));
      }
      return compressor.decompress(frame.payload, this.shared.options.maxReceiveMessageBytes).then(
        (bytes) => this.deserialize(bytes),
        (e: unknown) => {
          throw this.fail(RpcError.from(e, Status.INTERNAL));
        },
      );
    }
    return this.deserialize(frame.payload);
  }

  private deserialize(bytes: Uint8Array): unknown {
    try {
      return this.route.definition.deserializeRequest(bytes, ALIAS_REQUEST_BYTES);
    } catch (e) {
      // grpc-go and the C core answer an undecodable request with INTERNAL.
      const reason = e instanceof Error ? e.message : String(e);
      throw this.fail(new RpcError(Status.INTERNAL, `failed to decode the request message: ${reason}`, { cause: e }));
    }
  }

  // ---- reading ----

  /** The chunk as one frame when it holds exactly one whole message (as small messages arrive), else `undefined`. */
  private wholeFrame(chunk: Buffer): Frame | undefined {
    const flags = chunk.length >= 5 ? chunk[0]! : -1;
    if ((flags === 0 || flags === 1) && chunk.readUInt32BE(1) === chunk.length - 5 && chunk.length - 5 <= this.shared.options.maxReceiveMessageBytes) {
      // A plain Uint8Array view: a Buffer's subarray() would build a Buffer, slower to create.
      return { isCompressed: flags === 1, payload: new Uint8Array(chunk.buffer, chunk.byteOffset + 5, chunk.length - 5) };
    }
    return undefined;
  }

  /** @internal */
  onUnaryData(chunk: Buffer): void {
    if (this.isDone) return;
    if (this.decoder === undefined && this.unaryFrame === undefined) {
      // Fast path: the whole request in one chunk, without a frame decoder.
      const frame = this.wholeFrame(chunk);
      if (frame !== undefined) {
        this.unaryFrame = frame;
        return;
      }
    }
    let frames: Frame[];
    try {
      frames = this.frameDecoder().push(chunk);
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return;
    }
    for (const frame of frames) {
      if (this.unaryFrame !== undefined) {
        this.fail(new RpcError(Status.INTERNAL, `${this.route.definition.kind} call received more than one request message`));
        return;
      }
      this.unaryFrame = frame;
    }
  }

  /** Ends the frame decoder; a request cut off mid-frame fails the call (INTERNAL) and returns false. */
  private endDecoder(): boolean {
    try {
      this.decoder?.end();
      return true;
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return false;
    }
  }

  /** @internal */
  onUnaryEnd(): void {
    if (this.isDone || !this.endDecoder()) return;
    const frame = this.unaryFrame;
    if (frame === undefined) {
      this.fail(new RpcError(Status.INTERNAL, `${this.route.definition.kind} call ended without a request message`));
      return;
    }
    this.unaryFrame = undefined;
    let request: unknown;
    try {
      request = this.decode(frame);
    } catch {
      return; // decode already failed the call
    }
    if (request instanceof Promise) request.then((r) => this.run(r), noop);
    else this.run(request);
  }

  /** @internal */
  onStreamData(chunk: Buffer): void {
    if (this.isDone) return;
    if (this.decoder === undefined || this.decoder.bufferedBytes === 0) {
      // Fast path: a chunk that is one whole message (each message of a ping-pong) skips the frame decoder.
      const frame = this.wholeFrame(chunk);
      if (frame !== undefined) {
        this.requests!.push(frame);
        return;
      }
    }
    let frames: Frame[];
    try {
      frames = this.frameDecoder().push(chunk);
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return;
    }
    for (const frame of frames) this.requests!.push(frame);
  }

  /** @internal */
  onStreamEnd(): void {
    if (this.isDone || !this.endDecoder()) return;
    this.requests!.end();
  }

  private frameDecoder(): FrameDecoder {
    return (this.decoder ??= createFrameDecoder({ maxMessageBytes: this.shared.options.maxReceiveMessageBytes }));
  }

  /** The trailers to send now that nghttp2 asks for them; @internal */
  takeTrailers(): OutgoingHttpHeaders {
    return this.pendingTrailers ?? OK_TRAILERS;
  }

  // ---- running the handler ----

  private run(input: unknown): void {
    if (isCallContextEnabled()) runWithCallContext(this, () => this.invoke(input));
    else this.invoke(input);
  }

  private invoke(input: unknown): void {
    let result: unknown;
    try {
      result = this.route.invoke(input, this);
    } catch (e) {
      this.failFromHandler(e);
      return;
    }
    if (this.route.isResponseStreaming) {
      if (result instanceof Promise) result.then((r) => this.pump(r), (e: unknown) => this.failFromHandler(e));
      else void this.pump(result);
    } else if (result instanceof Promise) {
      result.then((r) => this.sendUnary(r), (e: unknown) => this.failFromHandler(e));
    } else if (typeof result === "object" && result !== null && Symbol.asyncIterator in result) {
      this.failFromHandler(new TypeError(`handler for ${this.path} returned a stream, but ${this.route.definition.kind} methods answer with one message (use an async function, not an async function*)`));
    } else {
      this.sendUnary(result);
    }
  }

  private sendUnary(response: unknown): void {
    if (this.isDone) return;
    let frame: Uint8Array | Promise<Uint8Array>;
    try {
      frame = this.encodeResponse(response);
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return;
    }
    if (frame instanceof Promise) {
      frame.then(
        (f) => this.sendUnaryFrame(f),
        (e: unknown) => this.fail(RpcError.from(e, Status.INTERNAL)),
      );
    } else {
      this.sendUnaryFrame(frame);
    }
  }

  private sendUnaryFrame(frame: Uint8Array): void {
    if (this.isDone) return;
    this.isDone = true;
    this.clearTimer();
    const stream = this.stream;
    if (stream.closed || stream.destroyed) return this.complete(undefined);
    // Headers, the message and the trailers leave in one go: respond, end with the frame, and answer
    // 'wantTrailers' once nghttp2 has flushed the data.
    this.pendingTrailers = this.buildTrailers(Status.OK, "", undefined);
    try {
      // If the handler sent the headers itself (sendHeader), the 'wantTrailers' listener is already there.
      if (!this.isHeaderSent) this.respondHeaders();
      stream.end(frame);
    } catch (e) {
      // The stream closed under us (a reset raced the response): nothing left to tell the client.
      this.shared.options.onError(e, { method: this.path });
    }
    this.complete(undefined);
  }

  private async pump(responses: unknown): Promise<void> {
    if (this.isDone) return;
    if (responses === null || typeof responses !== "object" || !(Symbol.asyncIterator in responses || Symbol.iterator in responses)) {
      this.failFromHandler(new TypeError(`handler for ${this.path} must return an AsyncIterable (use an async function*)`));
      return;
    }
    const iterator: AsyncIterator<unknown> | Iterator<unknown> =
      Symbol.asyncIterator in responses
        ? (responses as AsyncIterable<unknown>)[Symbol.asyncIterator]()
        : (responses as Iterable<unknown>)[Symbol.iterator]();
    let isFinished = false;
    try {
      for (;;) {
        const r = await iterator.next();
        if (r.done === true) {
          isFinished = true;
          break;
        }
        if (this.isDone) break;
        const encoded = this.encodeResponse(r.value);
        const frame = encoded instanceof Promise ? await encoded : encoded;
        if (this.isDone) break;
        if (!this.isHeaderSent) this.respondHeaders();
        if (!this.stream.write(frame)) await this.waitDrain();
        if (this.isDone) break;
      }
    } catch (e) {
      isFinished = true;
      this.failFromHandler(e);
      return;
    } finally {
      // The call ended before the handler did (cancel, deadline): let its finally blocks run.
      if (!isFinished && iterator.return !== undefined) {
        Promise.resolve()
          .then(() => iterator.return!())
          .catch(noop);
      }
    }
    if (isFinished) this.sendStatus(Status.OK, "", undefined, undefined);
  }

  /** Serializes, checks the send limit, compresses and frames one response. */
  private encodeResponse(response: unknown): Uint8Array | Promise<Uint8Array> {
    const definition = this.route.definition;
    const compressor = this.compressMessages ? this.responseCompressor : undefined;
    if (compressor === undefined && definition.serializeResponseWith !== undefined) {
      // Straight from the encoder's buffer into the frame (a Buffer, which node:http2 writes as it is).
      const frame = definition.serializeResponseWith(response, frameUncompressed);
      this.checkSendLimit(frame.length - FRAME_HEADER_BYTES);
      return frame;
    }
    const bytes = definition.serializeResponse(response);
    this.checkSendLimit(bytes.length);
    if (compressor !== undefined) return compressor.compress(bytes).then((compressed) => encodeFrameBuffer(compressed, true));
    return encodeFrameBuffer(bytes, false);
  }

  private checkSendLimit(size: number): void {
    const limit = this.shared.options.maxSendMessageBytes;
    if (size > limit) throw new RpcError(Status.RESOURCE_EXHAUSTED, `response message of ${size} bytes exceeds the limit of ${limit} bytes`);
  }

  private waitDrain(): Promise<void> {
    const stream = this.stream;
    return new Promise((resolve) => {
      const done = (): void => {
        stream.off("drain", done);
        stream.off("close", done);
        resolve();
      };
      stream.on("drain", done);
      stream.on("close", done);
    });
  }

  // ---- ending ----

  private failFromHandler(e: unknown): void {
    if (this.isDone) return;
    const err = RpcError.from(e);
    if (err !== e && (e === null || typeof e !== "object" || !(e as { name?: unknown }).name?.toString().startsWith("Abort"))) {
      // Not an RpcError: the client learns only that something went wrong; the cause goes to the log.
      this.shared.options.onError(e, { method: this.path });
      this.fail(new RpcError(Status.UNKNOWN, "the handler failed with an unexpected error", { cause: e }));
      return;
    }
    this.fail(err);
  }

  /** Ends the call with `err` (if it is still running) and returns `err`, so callers can `throw this.fail(…)`. */
  fail(err: RpcError): RpcError {
    if (this.isDone) return err;
    this.sendStatus(err.code, err.rawMessage, err, err);
    this.requests?.fail(err);
    return err;
  }

  private sendStatus(code: Status, message: string, err: RpcError | undefined, reason: RpcError | undefined): void {
    if (this.isDone) return;
    this.isDone = true;
    this.clearTimer();
    const stream = this.stream;
    if (!stream.closed && !stream.destroyed) {
      const trailers = this.buildTrailers(code, message, err);
      try {
        if (!this.isHeaderSent) {
          // Trailers-only: one HEADERS frame with END_STREAM carrying the status (PROTOCOL-HTTP2.md).
          const headers = { ...this.buildResponseHeaders(), ...trailers };
          delete headers["grpc-encoding"];
          this.isHeaderSent = true;
          stream.respond(headers, TRAILERS_ONLY);
        } else {
          this.pendingTrailers = trailers;
          stream.end();
        }
      } catch (e) {
        this.shared.options.onError(e, { method: this.path });
      }
      // The client may still be sending (a streaming handler ended first, or the call failed): discard the
      // rest rather than leave the stream paused by request backpressure, half-open forever.
      if (!stream.readableEnded) stream.resume();
    }
    this.complete(reason);
  }

  private respondHeaders(): void {
    const stream = this.stream;
    this.isHeaderSent = true;
    if (stream.closed || stream.destroyed) return;
    stream.respond(this.buildResponseHeaders(), WAIT_FOR_TRAILERS);
    stream.on("wantTrailers", onWantTrailersListener);
  }

  private buildResponseHeaders(): OutgoingHttpHeaders {
    // The common case, no custom headers and no compression, shares one object per server.
    if (this.header === undefined && this.responseCompressor === undefined) return this.shared.options.responseHeaders;
    const headers: OutgoingHttpHeaders = {
      ":status": 200,
      "content-type": "application/grpc",
      "grpc-accept-encoding": this.shared.options.acceptEncoding,
    };
    if (this.responseCompressor !== undefined) headers["grpc-encoding"] = this.responseCompressor.name;
    if (this.header !== undefined) metadataToHeaders(this.header, headers as Record<string, string | string[]>);
    return headers;
  }

  private buildTrailers(code: Status, message: string, err: RpcError | undefined): OutgoingHttpHeaders {
    if (code === Status.OK && this.trailer === undefined) return OK_TRAILERS;
    const trailers: OutgoingHttpHeaders = {};
    if (this.trailer !== undefined) metadataToHeaders(this.trailer, trailers as Record<string, string | string[]>);
    if (err !== undefined && err.metadata.size > 0) metadataToHeaders(err.metadata, trailers as Record<string, string | string[]>);
    trailers["grpc-status"] = String(code);
    if (message !== "") trailers["grpc-message"] = encodeGrpcMessage(message);
    if (err !== undefined && err.details.length > 0) {
      const details = encodeStatusDetailsHeader(err, this.shared.options.detailsRegistry, (e) => this.shared.options.onError(e, { method: this.path }));
      if (details !== undefined) trailers["grpc-status-details-bin"] = details;
    }
    return trailers;
  }

  /** The call is over: abort the signal (if anyone holds it) with why. */
  private complete(reason: RpcError | undefined): void {
    this.endReason = reason;
    const controller = this.controller;
    if (controller !== undefined && !controller.signal.aborted) {
      controller.abort(reason ?? new RpcError(Status.CANCELLED, "call completed"));
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private onDeadline(): void {
    this.timer = undefined;
    if (this.isDone) return;
    this.fail(new RpcError(Status.DEADLINE_EXCEEDED, "deadline exceeded"));
    // If response data is stuck behind flow control, 'wantTrailers' would never come: reset the stream.
    const stream = this.stream;
    if (this.pendingTrailers !== undefined && !stream.closed && stream.writableNeedDrain) stream.close(0x8 /* CANCEL */);
  }

  /** Cancels the call from the server side (shutdown); the client sees `err`. */
  cancel(err: RpcError): void {
    const wasDone = this.isDone;
    const isStuck = this.stream.writableNeedDrain;
    this.fail(err);
    // The status goes out as trailers when it can; a stream whose data is stuck behind flow control (the
    // trailers would never leave) or that already ended our side is reset instead.
    const stream = this.stream;
    if (!stream.closed && (wasDone || isStuck)) stream.close(0x8 /* CANCEL */);
  }

  /** @internal */
  onClose(): void {
    this.clearTimer();
    if (!this.isDone) {
      // The client reset the stream (or the connection went away) before we answered.
      this.isDone = true;
      const err = new RpcError(Status.CANCELLED, "the client cancelled the call");
      this.requests?.fail(err);
      this.complete(err);
    }
    this.shared.onCallClosed(this);
  }
}

/** Whether a `grpc-accept-encoding` value lists `name`. */
function acceptsEncoding(header: string, name: string): boolean {
  for (const part of header.split(",")) {
    if (part.trim() === name) return true;
  }
  return false;
}
