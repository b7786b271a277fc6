// One gRPC call on the wire: grpc/grpc doc/PROTOCOL-HTTP2.md from the client's side.
// Every call kind runs through this class; the stubs in client.ts adapt it to promises and iterables.
// The unary path stays synchronous up to stream.end() when the channel is READY and no credentials,
// compression, signal or deadline need async work, so a call costs few allocations and no timers.
import { constants, type ClientHttp2Stream, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http2";
import {
  createFrameDecoder,
  decompressPayload,
  encodeTimeout,
  identity,
  Metadata,
  metadataFromHeaders,
  metadataToHeaders,
  parseGrpcStatus,
  parseAcceptEncoding,
  RpcError,
  Status,
  statusFromHttpStatus,
  type Compressor,
  type DeserializeOptions,
  type FrameDecoder,
  type HeaderRecord,
  type MethodKind,
} from "../grpc/index.js";
import { currentCallContext, encodeFrameBuffer } from "../node/index.js";
import type { CallOptions } from "./call-options.js";
import type { ChannelCore, ReadyWaiter, Transport } from "./channel.js";
import { abortError, describeContentType, errorFromReset, isGrpcContentType, serializeError } from "./call-errors.js";
import { effectiveDeadline } from "./deadline.js";
import { readStatus } from "./read-status.js";
import { CallRetry } from "./call-retry.js";
import type { ResolvedMethodConfig } from "./service-config.js";

/** What a call needs to know about its method (a `MethodDefinition` fits). */
export interface CallMethod<I, O> {
  readonly path: string;
  readonly kind: MethodKind;
  serializeRequest(message: I): Uint8Array;
  deserializeResponse(bytes: Uint8Array, options?: DeserializeOptions): O;
}

/**
 * Response bytes are handed to the decoder for good: frames are views of node:http2's reads (memory node
 * never reuses) or buffers of their own (a frame split across reads, a decompressed one), so long `bytes`
 * fields may be views of them. A value kept long after the call pins the read it came in (up to 64 KiB).
 */
const ALIAS_RESPONSE_BYTES: DeserializeOptions = Object.freeze({ aliasBytes: true });

/** Receives what a call produces. `onEnd` is called exactly once, last. */
export interface CallObserver<O> {
  /**
   * Whether response headers and OK trailers must be parsed into Metadata. When false, `onHeader` is not
   * called and a successful call's trailers arrive empty, which saves two header walks per unary call.
   */
  readonly needsMetadata: boolean;
  onHeader(headers: Metadata): void;
  onMessage(message: O): void;
  onEnd(error: RpcError | undefined, trailers: Metadata): void;
}

const {
  NGHTTP2_CANCEL,
  NGHTTP2_NO_ERROR,
  NGHTTP2_REFUSED_STREAM,
  HTTP2_HEADER_STATUS,
  HTTP2_HEADER_CONTENT_TYPE,
} = constants;

/** Sentinels for `finish`: a client-side end, and a server OK whose trailers nobody asked to parse. */
const noTrailers = new Metadata();
const unparsedTrailers = new Metadata();

/** How often a call refused unseen by the server is sent again on a new connection. */
const MAX_TRANSPARENT_RETRIES = 3;


/**
 * One call: opens an HTTP/2 stream when the channel is ready, sends length-prefixed messages, validates
 * the response (HTTP status, content-type, grpc-status), enforces the deadline and cancellation.
 */
export class ClientCall<I, O> implements ReadyWaiter, EventListenerObject {
  readonly waitForReady: boolean;
  private readonly core: ChannelCore;
  private readonly method: CallMethod<I, O>;
  private readonly options: CallOptions;
  private readonly observer: CallObserver<O>;
  private stream: ClientHttp2Stream | undefined;
  private transport: Transport | undefined;
  private done = false;
  private deadline: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private signals: AbortSignal[] | undefined;
  private compressor: Compressor;
  private responseCompressor: Compressor = identity;
  private decoder: FrameDecoder | undefined;
  /** Set while decompression is under way, so later messages and the status wait for it (order). */
  private readChain: Promise<void> | undefined;
  private trailers: IncomingHttpHeaders | undefined;
  /** The trailers as node's flat [name, value, …] list, which keeps repeated keys apart (see onTrailers). */
  private rawTrailers: readonly string[] | undefined;
  private received = 0;
  /** Request messages framed so far (the index given to `compressMessage`). */
  private sent = 0;
  /** Frames written before the stream opened, and whether the request side was closed. */
  private pending: Uint8Array[] | undefined;
  private halfClosed = false;
  private waitingForTransport = false;
  private drainWaiters: (() => void)[] | undefined;
  private openWaiters: (() => void)[] | undefined;
  private streamError: Error | undefined;
  /** The service config's settings for this method, if any. */
  private readonly methodConfig: ResolvedMethodConfig | undefined;
  private readonly maxSendBytes: number;
  private readonly maxReceiveBytes: number;
  /** gRFC A6 state under the method's retry policy; undefined without one. */
  private readonly retry: CallRetry | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Whether this call holds a retain() on `transport`. */
  private retained = false;
  /**
   * Whether `replay` holds the whole request sent so far, so that another attempt can send it again: always
   * for unary and server-streaming calls (their one frame, for transparent retries), for streaming calls only
   * under a retry policy, until the call commits.
   */
  private keepsRequest: boolean;
  private replay: Uint8Array[] | undefined;
  /** Transparent retries made (a stream refused unseen, a session gone before the request left). */
  private retries = 0;
  private refusedOnce = false;
  private headersReceived = false;
  /** The status is known (trailers and end of stream seen) and waits only for earlier messages. */
  private statusPending = false;

  constructor(core: ChannelCore, method: CallMethod<I, O>, options: CallOptions, observer: CallObserver<O>) {
    this.core = core;
    this.method = method;
    this.options = options;
    this.observer = observer;
    const mc = core.serviceConfig?.forMethod(method.path);
    this.methodConfig = mc;
    const policy = mc?.retryPolicy;
    this.retry = policy === undefined ? undefined : new CallRetry(policy, core.retryLimits);
    this.keepsRequest = policy !== undefined || method.kind === "unary" || method.kind === "server_streaming";
    this.waitForReady = options.waitForReady ?? mc?.waitForReady ?? false;
    const settings = core.settings;
    this.maxSendBytes = mc?.maxRequestMessageBytes !== undefined ? Math.min(mc.maxRequestMessageBytes, settings.maxSendMessageBytes) : settings.maxSendMessageBytes;
    this.maxReceiveBytes = mc?.maxResponseMessageBytes !== undefined ? Math.min(mc.maxResponseMessageBytes, settings.maxReceiveMessageBytes) : settings.maxReceiveMessageBytes;
    const name = options.compression;
    if (name === undefined) this.compressor = core.settings.compression ?? identity;
    else if (name === "identity") this.compressor = identity;
    else {
      const c = core.settings.compressors.get(name);
      if (!c) throw new RpcError(Status.INTERNAL, `compression ${JSON.stringify(name)} is not available on this channel (${[...core.settings.compressors.keys()].join(", ")})`);
      this.compressor = c;
    }
    // doc/compression.md: never compress with an algorithm the server said it does not accept.
    const accepted = core.peerAcceptEncoding;
    if (this.compressor !== identity && accepted !== undefined && !accepted.includes(this.compressor.name)) this.compressor = identity;
  }

  /** Whether the call has ended (its observer got `onEnd`). */
  get ended(): boolean {
    return this.done;
  }

  /** Starts the call: arms the deadline and signals, then opens the stream (now, or once READY). */
  start(): void {
    const options = this.options;
    const ctx = options.inheritContext === false || options.propagate === false ? undefined : currentCallContext();
    try {
      this.deadline = effectiveDeadline(options, ctx?.deadline);
      const configTimeout = this.methodConfig?.timeoutMs;
      if (configTimeout !== undefined) {
        const d = Date.now() + configTimeout;
        if (this.deadline === undefined || d < this.deadline) this.deadline = d;
      }
    } catch (e) {
      this.finish(RpcError.from(e, Status.INTERNAL), noTrailers);
      return;
    }
    if (options.signal !== undefined || ctx !== undefined) {
      const signals: AbortSignal[] = [];
      if (options.signal) signals.push(options.signal);
      if (ctx) signals.push(ctx.signal);
      for (const s of signals) {
        if (s.aborted) {
          this.finish(abortError(s.reason), noTrailers);
          return;
        }
      }
      for (const s of signals) s.addEventListener("abort", this);
      this.signals = signals;
    }
    if (this.deadline !== undefined) {
      const ms = this.deadline - Date.now();
      if (ms <= 0) {
        this.finish(new RpcError(Status.DEADLINE_EXCEEDED, "deadline exceeded before the call started"), noTrailers);
        return;
      }
      this.timer = setTimeout(onCallDeadline, Math.min(ms, 2 ** 31 - 1), this);
    }
    const transport = this.core.readyTransport();
    if (transport) this.ready(transport);
    else {
      this.waitingForTransport = true;
      this.core.addWaiter(this);
    }
  }

  /** ReadyWaiter: the channel is READY. */
  ready(transport: Transport): void {
    this.waitingForTransport = false;
    if (this.done) return;
    const creds = this.core.settings.callCredentials;
    if (creds === undefined && this.options.callCredentials === undefined) {
      this.open(transport, undefined);
      return;
    }
    this.fetchCredentials(transport).catch((e) => this.finish(RpcError.from(e, Status.UNAUTHENTICATED), noTrailers));
  }

  /**
   * Ends the call with a client-side error and resets the stream. Also the ReadyWaiter callback for a
   * channel that failed (or closed) before the call could start.
   */
  fail(error: RpcError): void {
    this.finish(error, noTrailers);
  }

  /**
   * Sends one request message. Returns undefined when the transport can take more at once, otherwise a
   * promise that resolves when it can (HTTP/2 flow control, or the stream is not open yet). Without
   * compression the message is serialized and handed to the stream before this returns, so a streaming
   * call pays no promise per message. When the call has already ended nothing is sent (the outcome
   * arrives through the observer).
   */
  write(message: I): Promise<void> | undefined {
    if (this.done) return undefined;
    if (this.compressor !== identity) return this.writeCompressed(message);
    const frame = this.frameOf(message);
    return frame === undefined ? undefined : this.sendFrame(frame);
  }

  private async writeCompressed(message: I): Promise<void> {
    const frame = await this.compressedFrame(message);
    if (this.done || frame === undefined) return;
    const wait = this.sendFrame(frame);
    if (wait !== undefined) await wait;
  }

  /**
   * Sends the only request message of a unary or server-streaming call and half-closes, synchronously
   * when nothing needs to wait (no compression).
   */
  writeLast(message: I): void {
    if (this.compressor !== identity) {
      this.writeCompressed(message).then(() => this.end(), () => undefined);
      return;
    }
    const frame = this.frameOf(message);
    if (frame === undefined) return;
    this.halfClosed = true;
    this.keep(frame);
    if (this.stream) this.stream.end(frame);
    else (this.pending ??= []).push(frame);
  }

  /** Serializes and frames an uncompressed message; undefined when that failed (the call has ended). */
  private frameOf(message: I): Uint8Array | undefined {
    let payload: Uint8Array;
    try {
      payload = this.method.serializeRequest(message);
    } catch (e) {
      this.finish(serializeError(e), noTrailers);
      return undefined;
    }
    if (!this.checkSendSize(payload.length)) return undefined;
    return encodeFrameBuffer(payload, false);
  }

  /** Writes a frame to the stream, or queues it until the stream opens; see `write` for the result. */
  private sendFrame(frame: Uint8Array): Promise<void> | undefined {
    this.keep(frame);
    const stream = this.stream;
    if (stream === undefined) {
      (this.pending ??= []).push(frame);
      return new Promise<void>((resolve) => (this.openWaiters ??= []).push(resolve)).then(() => this.waitDrain());
    }
    if (stream.write(frame)) return undefined;
    return this.waitDrain();
  }

  /** Keeps a sent frame for another attempt while the whole request fits in the retry buffer. */
  private keep(frame: Uint8Array): void {
    if (!this.keepsRequest) return;
    if (this.retry !== undefined && !this.retry.admit(frame.length)) {
      // gRFC A6: a request too large to buffer commits the call; what was kept is freed.
      this.keepsRequest = false;
      this.replay = undefined;
      return;
    }
    if (this.replay === undefined) this.replay = [frame];
    else this.replay.push(frame);
  }

  /** gRFC A6 commit: this attempt is the last; buffered request frames are no longer needed. */
  private commit(): void {
    this.keepsRequest = false;
    this.replay = undefined;
    this.retry?.commit();
  }

  /** Half-closes the request side (no more messages). */
  end(): void {
    if (this.halfClosed || this.done) return;
    this.halfClosed = true;
    if (this.stream) this.stream.end();
  }

  /** Cancels the call (RST_STREAM CANCEL) and ends it with `error`. */
  cancel(error: RpcError): void {
    this.finish(error, noTrailers);
  }

  /** Stops reading responses (flow control pushes back on the server) until `resume()`. */
  pause(): void {
    this.stream?.pause();
  }

  /** Reads responses again after `pause()`. */
  resume(): void {
    this.stream?.resume();
  }

  private async fetchCredentials(transport: Transport): Promise<void> {
    const settings = this.core.settings;
    if (!settings.isSecure && !this.core.allowsInsecureCallCredentials) {
      throw new RpcError(
        Status.UNAUTHENTICATED,
        "call credentials need a TLS channel (set allowInsecureCallCredentials on the channel to send them in plaintext)",
      );
    }
    const path = this.method.path;
    const service = path.slice(0, path.lastIndexOf("/"));
    const context = { serviceUrl: `${settings.scheme}://${settings.authority}${service}`, method: path };
    const md = new Metadata();
    if (settings.callCredentials) md.merge(await settings.callCredentials(context));
    if (this.options.callCredentials) md.merge(await this.options.callCredentials(context));
    if (this.done) return;
    // The channel may have lost the connection while the credentials were fetched.
    const current = this.core.readyTransport() ?? transport;
    this.open(current, md);
  }

  private open(transport: Transport, extra: Metadata | undefined): void {
    const settings = this.core.settings;
    const headers: OutgoingHttpHeaders = {
      ":method": "POST",
      ":path": this.method.path,
      ":authority": settings.authority,
      "content-type": "application/grpc",
      te: "trailers",
      "user-agent": settings.userAgent,
      "grpc-accept-encoding": settings.acceptEncoding,
    };
    if (this.compressor !== identity) headers["grpc-encoding"] = this.compressor.name;
    // gRFC A6 "Exposed Retry Metadata": the server sees how many attempts came before this one.
    if (this.retry !== undefined && this.retry.attempts > 1) headers["grpc-previous-rpc-attempts"] = String(this.retry.attempts - 1);
    if (this.deadline !== undefined) {
      const ms = this.deadline - Date.now();
      if (ms <= 0) {
        this.finish(new RpcError(Status.DEADLINE_EXCEEDED, "deadline exceeded before the call started"), noTrailers);
        return;
      }
      headers["grpc-timeout"] = encodeTimeout(ms);
    }
    try {
      if (this.options.metadata !== undefined) {
        const md = this.options.metadata instanceof Metadata ? this.options.metadata : new Metadata(this.options.metadata);
        metadataToHeaders(md, headers as HeaderRecord);
      }
      if (extra !== undefined) metadataToHeaders(extra, headers as HeaderRecord);
    } catch (e) {
      this.finish(RpcError.from(e, Status.INTERNAL), noTrailers);
      return;
    }
    let stream: ClientHttp2Stream;
    try {
      // No options object: for POST node already leaves the stream open, and an options argument costs a copy
      // and four property writes per call (6.6% of the client's CPU in bench/rpc unary-client).
      stream = transport.session.request(headers);
    } catch (e) {
      // The session is closing (GOAWAY) or gone: nothing was sent, so the call may go to a new connection.
      this.core.discard(transport);
      // Nothing left the client, and queued request frames are still in `pending`: any call kind may
      // wait for another connection.
      if (this.retries < MAX_TRANSPARENT_RETRIES && !this.done) {
        this.retries++;
        this.waitingForTransport = true;
        this.core.addWaiter(this);
        return;
      }
      this.finish(RpcError.from(e, Status.UNAVAILABLE), noTrailers);
      return;
    }
    this.stream = stream;
    this.transport = transport;
    this.core.retain(transport);
    this.retained = true;
    // Shared listeners find the call through the stream, so a call allocates no closures for them.
    (stream as CallStream)[kCall] = this as ClientCall<unknown, unknown>;
    stream.on("response", onStreamResponse);
    stream.on("data", onStreamData);
    stream.on("trailers", onStreamTrailers);
    stream.on("end", onStreamEnd);
    stream.on("error", onStreamError);
    stream.on("close", onStreamClose);
    if (this.pending !== undefined && this.pending.length > 0) {
      const frames = this.pending;
      this.pending = undefined;
      const last = frames.length - 1;
      for (let i = 0; i < last; i++) stream.write(frames[i]);
      if (this.halfClosed) stream.end(frames[last]);
      else stream.write(frames[last]);
    } else if (this.halfClosed) {
      stream.end();
    }
    const waiters = this.openWaiters;
    if (waiters) {
      this.openWaiters = undefined;
      for (const w of waiters) w();
    }
  }

  /** Serializes and frames a message on a compressing call (`compressMessage` may leave some uncompressed). */
  private async compressedFrame(message: I): Promise<Uint8Array | undefined> {
    let payload: Uint8Array;
    try {
      payload = this.method.serializeRequest(message);
    } catch (e) {
      this.finish(serializeError(e), noTrailers);
      return undefined;
    }
    if (!this.checkSendSize(payload.length)) return undefined;
    const index = this.sent++;
    if (this.options.compressMessage !== undefined && !this.options.compressMessage(message, index)) return encodeFrameBuffer(payload, false);
    let compressed: Uint8Array;
    try {
      compressed = await this.compressor.compress(payload);
    } catch (e) {
      this.finish(RpcError.from(e, Status.INTERNAL), noTrailers);
      return undefined;
    }
    return encodeFrameBuffer(compressed, true);
  }

  private checkSendSize(length: number): boolean {
    const max = this.maxSendBytes;
    if (length <= max) return true;
    this.finish(new RpcError(Status.RESOURCE_EXHAUSTED, `request message larger than max (${length} vs. ${max} bytes)`), noTrailers);
    return false;
  }

  private waitDrain(): Promise<void> {
    const stream = this.stream;
    if (this.done || stream === undefined || !stream.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      (this.drainWaiters ??= []).push(resolve);
      if (this.drainWaiters.length === 1) stream.once("drain", onStreamDrain);
    });
  }

  /** @internal */
  onDrain(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = undefined;
    if (waiters) for (const w of waiters) w();
  }

  /** Signal listener (EventListenerObject: no closure per call). @internal */
  handleEvent(event: Event): void {
    this.finish(abortError((event.target as AbortSignal).reason), noTrailers);
  }

  /** @internal */
  onDeadline(): void {
    this.timer = undefined;
    // Timers cap at 2^31-1 ms (24.8 days): a later deadline re-arms instead of ending the call early.
    const left = this.deadline! - Date.now();
    if (left > 0) {
      this.timer = setTimeout(onCallDeadline, Math.min(left, 2 ** 31 - 1), this);
      return;
    }
    this.finish(new RpcError(Status.DEADLINE_EXCEEDED, "deadline exceeded"), noTrailers);
  }

  /** @internal */
  onResponse(headers: IncomingHttpHeaders, rawHeaders: readonly string[] | undefined): void {
    if (this.done) return;
    this.headersReceived = true;
    const accept = headers["grpc-accept-encoding"];
    if (accept !== undefined && this.core.peerAcceptEncoding === undefined) this.core.peerAcceptEncoding = parseAcceptEncoding(accept);
    const httpStatus = headers[HTTP2_HEADER_STATUS] as number | undefined;
    if (httpStatus !== 200) {
      // doc/http-grpc-status-mapping.md: a non-200 response carries no gRPC status; derive one.
      this.fail(new RpcError(statusFromHttpStatus(httpStatus ?? 0), `received HTTP status ${httpStatus ?? "(none)"}${describeContentType(headers)}`));
      return;
    }
    const contentType = headers[HTTP2_HEADER_CONTENT_TYPE];
    if (!isGrpcContentType(contentType)) {
      this.fail(new RpcError(Status.UNKNOWN, `invalid response content-type ${JSON.stringify(contentType ?? "")} (want application/grpc)`));
      return;
    }
    if (headers["grpc-status"] !== undefined) {
      // Trailers-Only: the headers are the trailers. The status is applied once the stream has ended.
      this.trailers = headers;
      this.rawTrailers = rawHeaders;
      return;
    }
    this.commit();
    const encoding = headers["grpc-encoding"] as string | undefined;
    if (encoding !== undefined && encoding !== "identity") {
      const c = this.core.settings.compressors.get(encoding);
      if (!c) {
        this.fail(new RpcError(Status.INTERNAL, `server sent messages with grpc-encoding ${JSON.stringify(encoding)}, which this channel does not support`));
        return;
      }
      this.responseCompressor = c;
    }
    if (!this.observer.needsMetadata) return;
    let md: Metadata;
    try {
      md = metadataFromHeaders(headers, rawHeaders);
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return;
    }
    this.observer.onHeader(md);
  }

  /** @internal */
  onData(chunk: Buffer): void {
    if (this.done) return;
    if (this.decoder === undefined && chunk.length >= 5) {
      // Fast path: the chunk is exactly one whole message (the usual unary answer), so no decoder is made.
      const flags = chunk[0]!;
      const length = chunk.readUInt32BE(1);
      if (length + 5 === chunk.length && flags <= 1 && length <= this.maxReceiveBytes) {
        // A plain Uint8Array view: cheaper than Buffer#subarray, which builds a Buffer subclass instance.
        this.onFrame(flags === 1, new Uint8Array(chunk.buffer, chunk.byteOffset + 5, length));
        return;
      }
    }
    const decoder = (this.decoder ??= createFrameDecoder({ maxMessageBytes: this.maxReceiveBytes }));
    let frames;
    try {
      frames = decoder.push(chunk);
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return;
    }
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i]!;
      this.onFrame(frame.isCompressed, frame.payload);
      if (this.done) return;
    }
  }

  /** One received message: decoded now, or after the decompressions queued before it (order). */
  private onFrame(isCompressed: boolean, payload: Uint8Array): void {
    this.options.onResponseFrame?.({ isCompressed, byteLength: payload.length });
    if (!isCompressed && this.readChain === undefined) {
      this.deliver(payload);
      return;
    }
    const compressor = this.responseCompressor;
    const max = this.maxReceiveBytes;
    const chain: Promise<void> = (this.readChain ?? Promise.resolve())
      .then(() => decompressPayload(payload, isCompressed, compressor, max))
      .then(
        (bytes) => {
          if (!this.done) this.deliver(bytes);
          if (this.readChain === chain) this.readChain = undefined;
        },
        (e) => this.fail(RpcError.from(e, Status.INTERNAL)),
      );
    this.readChain = chain;
  }


  private deliver(bytes: Uint8Array): void {
    const kind = this.method.kind;
    if (++this.received > 1 && (kind === "unary" || kind === "client_streaming")) {
      this.fail(new RpcError(Status.UNIMPLEMENTED, `cardinality violation: ${kind} method ${this.method.path} received more than one response message`));
      return;
    }
    let message: O;
    try {
      message = this.method.deserializeResponse(bytes, ALIAS_RESPONSE_BYTES);
    } catch (e) {
      this.fail(new RpcError(Status.INTERNAL, `failed to decode the response message of ${this.method.path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
      return;
    }
    this.observer.onMessage(message);
  }

  /** @internal */
  onTrailers(headers: IncomingHttpHeaders, rawHeaders: readonly string[] | undefined): void {
    this.trailers = headers;
    this.rawTrailers = rawHeaders;
  }

  /** @internal */
  onEndOfStream(): void {
    if (this.done) return;
    try {
      this.decoder?.end();
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return;
    }
    const trailers = this.trailers;
    const rawTrailers = this.rawTrailers;
    if (trailers === undefined) {
      // A reset or a lost connection also ends the readable side; onClose maps them.
      const session = this.transport!.session;
      if (this.stream!.rstCode || session.destroyed || session.closed) return;
      this.fail(new RpcError(Status.INTERNAL, "server closed the stream without sending trailers"));
      return;
    }
    this.statusPending = true;
    if (this.readChain) {
      const chain = this.readChain;
      chain.then(() => this.applyStatus(trailers, rawTrailers));
    } else {
      this.applyStatus(trailers, rawTrailers);
    }
  }

  private applyStatus(headers: IncomingHttpHeaders, rawHeaders: readonly string[] | undefined): void {
    if (this.done) return;
    if (!this.observer.needsMetadata && headers["grpc-status"] === "0") {
      const kind = this.method.kind;
      if (this.received !== 0 || (kind !== "unary" && kind !== "client_streaming")) {
        this.core.retryThrottle?.onSuccess();
        this.finish(undefined, unparsedTrailers);
        return;
      }
    }
    let metadata: Metadata;
    try {
      metadata = metadataFromHeaders(headers, rawHeaders);
    } catch (e) {
      this.fail(RpcError.from(e, Status.INTERNAL));
      return;
    }
    // gRFC A6 "Exposed Retry Metadata": the application learns how many attempts came before this answer.
    if (this.retry !== undefined && this.retry.attempts > 1) metadata.set("grpc-previous-rpc-attempts", String(this.retry.attempts - 1));
    const error = readStatus(headers, metadata);
    if (error === undefined) {
      const kind = this.method.kind;
      if (this.received === 0 && (kind === "unary" || kind === "client_streaming")) {
        this.finish(new RpcError(Status.UNIMPLEMENTED, `cardinality violation: ${kind} method ${this.method.path} received no response message`, { metadata }), metadata);
        return;
      }
      this.core.retryThrottle?.onSuccess();
      this.finish(undefined, metadata);
      return;
    }
    if (parseGrpcStatus(headers["grpc-status"] as string | undefined) === undefined) {
      // A status we could not read is not the server's verdict: no retry on it.
      this.finish(error, metadata);
      return;
    }
    this.finishOrRetry(error, metadata, headers["grpc-retry-pushback-ms"]);
  }

  /** @internal */
  onStreamError(e: Error): void {
    this.streamError = e;
  }

  /** @internal */
  onClose(): void {
    const stream = this.stream!;
    const session = this.transport!.session;
    this.releaseTransport();
    // Trailers arrived and wait for decompression of earlier messages: the status comes from them.
    if (this.done || this.statusPending) return;
    // The stream closed without a status: a reset from the peer or a lost connection.
    const code = stream.rstCode;
    if (code === NGHTTP2_REFUSED_STREAM && !this.headersReceived && !this.refusedOnce) {
      // RST_STREAM REFUSED_STREAM: the server did not process the stream (RFC 9113 §8.7); replay it once
      // (gRFC A6: a server that refuses again, say for oversized headers, would refuse forever).
      this.refusedOnce = true;
      if (this.retryTransparently()) return;
    }
    const error = errorFromReset(code, {
      channelClosed: this.core.getState() === "SHUTDOWN",
      connectionLost: session.destroyed || session.closed || this.streamError !== undefined,
      cause: this.streamError,
    });
    this.finishOrRetry(error, noTrailers, undefined);
  }

  /**
   * Ends the call with `error`, or sends it again when the method's retry policy allows (gRFC A6, decided by
   * `CallRetry.nextDelayMs`): the request frames kept so far go out on a new stream after the backoff, and
   * messages the caller writes meanwhile queue behind them.
   */
  private finishOrRetry(error: RpcError, trailers: Metadata, pushback: unknown): void {
    const retry = this.retry;
    const delayMs = retry === undefined || this.done ? undefined : retry.nextDelayMs(error.code, pushback, this.keepsRequest);
    if (delayMs === undefined) {
      this.finish(error, trailers);
      return;
    }
    this.detachStream();
    this.resetAttempt();
    this.retryTimer = setTimeout(onRetryTimer, delayMs, this);
  }

  /** @internal */
  onRetryTimer(): void {
    this.retryTimer = undefined;
    if (this.done) return;
    this.waitingForTransport = true;
    this.core.addWaiter(this);
  }

  /** Stops listening to the current stream (its outcome no longer matters) and releases its transport. */
  private detachStream(): void {
    const stream = this.stream;
    if (stream !== undefined) {
      // The shared listeners stay (the 'error' one keeps a late error from being thrown as uncaught) but
      // no longer reach this call.
      (stream as CallStream)[kCall] = undefined;
      if (!stream.closed) stream.close(NGHTTP2_CANCEL);
    }
    this.releaseTransport();
  }

  private releaseTransport(): void {
    if (this.retained && this.transport !== undefined) {
      this.retained = false;
      this.core.release(this.transport);
    }
  }

  /** Clears the per-attempt state before the request goes out again. */
  private resetAttempt(): void {
    this.stream = undefined;
    this.transport = undefined;
    this.trailers = undefined;
    this.rawTrailers = undefined;
    this.decoder = undefined;
    this.readChain = undefined;
    this.streamError = undefined;
    this.statusPending = false;
    this.headersReceived = false;
    this.received = 0;
    this.responseCompressor = identity;
    // A copy: messages written until the new stream opens go to both lists.
    this.pending = this.replay?.slice();
    // A writer waiting for the old stream's flow control now queues for the new stream instead.
    this.onDrain();
  }

  /**
   * Sends the call again on a fresh connection after the server refused it without processing it (gRPC's
   * "transparent retry"). Only calls whose whole request is kept (unary and server streaming, and streams
   * under a retry policy that still fit its buffer) qualify, at most a few times; the deadline keeps running.
   */
  private retryTransparently(): boolean {
    if (!this.keepsRequest || this.retries >= MAX_TRANSPARENT_RETRIES || this.done) return false;
    this.retries++;
    this.detachStream();
    this.resetAttempt();
    this.waitingForTransport = true;
    this.core.addWaiter(this);
    return true;
  }

  private finish(error: RpcError | undefined, trailers: Metadata): void {
    if (this.done) return;
    this.done = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.signals !== undefined) {
      for (const s of this.signals) s.removeEventListener("abort", this);
      this.signals = undefined;
    }
    if (this.waitingForTransport) {
      this.waitingForTransport = false;
      this.core.removeWaiter(this);
    }
    const stream = this.stream;
    if (stream !== undefined && !stream.closed) {
      const fromServer = trailers !== noTrailers;
      // After the server's status with our side already ended, the stream closes by itself: a reset here
      // would cost a frame per call and trip servers' rapid-reset defences (GOAWAY after many RST_STREAMs).
      // Otherwise reset what is still open: CANCEL when we gave up, NO_ERROR when the server finished first.
      if (!fromServer || !this.halfClosed) stream.close(fromServer ? NGHTTP2_NO_ERROR : NGHTTP2_CANCEL);
    }
    this.pending = undefined;
    this.replay = undefined;
    // The call's result is out: its buffered request bytes go back to the channel's pool (gRFC A6).
    this.retry?.commit();
    this.onDrain();
    const waiters = this.openWaiters;
    this.openWaiters = undefined;
    if (waiters) for (const w of waiters) w();
    const sentinel = trailers === noTrailers || trailers === unparsedTrailers;
    this.observer.onEnd(error, sentinel && this.observer.needsMetadata ? new Metadata() : trailers);
  }
}

/** Where the shared stream listeners find their call. */
const kCall = Symbol("spindle.client.call");
type CallStream = ClientHttp2Stream & { [kCall]?: ClientCall<unknown, unknown> };

// node:http2 passes the header block as a flat [name, value, …] list too: the only form in which repeated
// keys stay apart (its header object joins them with ", ", which breaks -bin values).
function onStreamResponse(this: CallStream, headers: IncomingHttpHeaders, _flags: number, rawHeaders?: string[]): void {
  this[kCall]?.onResponse(headers, rawHeaders);
}
function onStreamData(this: CallStream, chunk: Buffer): void {
  this[kCall]?.onData(chunk);
}
function onStreamTrailers(this: CallStream, headers: IncomingHttpHeaders, _flags: number, rawHeaders?: string[]): void {
  this[kCall]?.onTrailers(headers, rawHeaders);
}

function onStreamEnd(this: CallStream): void {
  this[kCall]?.onEndOfStream();
}
function onStreamError(this: CallStream, e: Error): void {
  this[kCall]?.onStreamError(e);
}
function onStreamClose(this: CallStream): void {
  const call = this[kCall];
  this[kCall] = undefined;
  call?.onClose();
}
function onStreamDrain(this: CallStream): void {
  this[kCall]?.onDrain();
}
function onCallDeadline(call: ClientCall<unknown, unknown>): void {
  call.onDeadline();
}
function onRetryTimer(call: ClientCall<unknown, unknown>): void {
  call.onRetryTimer();
}

