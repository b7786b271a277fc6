// The gRPC-Web transport on fetch (grpc/grpc doc/PROTOCOL-WEB.md): one POST per call, messages as
// length-prefixed frames, the status in a final trailers frame (flag 0x80) or, for a trailers-only response,
// in the HTTP headers. Works in browsers and on any runtime with fetch and ReadableStream; imports nothing
// from node:.
import {
  Metadata,
  RpcError,
  Status,
  createBase64StreamDecoder,
  createFrameDecoder,
  decodeGrpcMessage,
  decodeStatusDetailsBin,
  encodeBase64,
  encodeFrame,
  encodeTimeout,
  metadataToHeaders,
  parseContentType,
  parseGrpcStatus,
  statusFromHttpStatus,
  type AnyMethodDefinition,
  type CallOptions,
  type Frame,
  type HeaderRecord,
} from "../grpc/index.js";
import { readHeaderMetadata, readTrailersFrame } from "./trailers.js";

/** Options of {@link createGrpcWebTransport}. */
export interface GrpcWebTransportOptions {
  /** Where the server is: `"https://api.example.com"` or a path prefix such as `"/rpc"`; methods append `/pkg.Service/Method`. */
  readonly baseUrl: string;
  /**
   * `"binary"` sends `application/grpc-web+proto`; `"text"` sends `application/grpc-web-text+proto` (base64
   * bodies, for proxies and old browsers that mangle binary bodies). Default: `"binary"`.
   */
  readonly format?: "binary" | "text";
  /** The fetch to use; default: `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /** fetch's `credentials` for cross-origin calls (`"include"` sends cookies). Default: fetch's own default. */
  readonly credentials?: "omit" | "same-origin" | "include";
  /** The largest response message accepted; larger → RESOURCE_EXHAUSTED. Default: 4 MiB. */
  readonly maxReceiveMessageBytes?: number;
}

/** A configured gRPC-Web endpoint; pass it to {@link createClient}. Its calls are internal to src/web. */
export interface GrpcWebTransport {
  /** The settings it was made with, defaults filled in. */
  readonly options: Readonly<Required<Omit<GrpcWebTransportOptions, "credentials">>> & Pick<GrpcWebTransportOptions, "credentials">;
}

/**
 * Creates a gRPC-Web transport on fetch.
 *
 * @example
 * ```ts
 * const transport = createGrpcWebTransport({ baseUrl: "http://localhost:50051" });
 * const catalog = createClient(Catalog, transport);
 * const p = await catalog.getProduct({ id: "p1" }, { timeout: 2000 });
 * ```
 * @throws Error for an empty `baseUrl`, an unknown `format`, or no fetch available.
 */
export function createGrpcWebTransport(options: GrpcWebTransportOptions): GrpcWebTransport {
  if (typeof options?.baseUrl !== "string" || options.baseUrl === "") throw new Error("createGrpcWebTransport: baseUrl must be a non-empty string");
  const format = options.format ?? "binary";
  if (format !== "binary" && format !== "text") throw new Error(`createGrpcWebTransport: format must be "binary" or "text", got ${JSON.stringify(format)}`);
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== "function") throw new Error("createGrpcWebTransport: no fetch available; pass options.fetch");
  const max = options.maxReceiveMessageBytes ?? 4 * 1024 * 1024;
  if (typeof max !== "number" || !(max > 0)) throw new Error(`createGrpcWebTransport: maxReceiveMessageBytes must be a positive number, got ${String(max)}`);
  return {
    options: {
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
      format,
      // Bound to globalThis: browsers throw "Illegal invocation" for a fetch called on another receiver.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      maxReceiveMessageBytes: max,
      ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    },
  };
}

/** The client's user agent, sent as `x-user-agent` (browsers do not let pages set `user-agent`). */
const USER_AGENT = "spindle-web/0.1";

/**
 * Runs one call with a single request and yields the decoded responses; the status ends the iteration
 * (OK) or is thrown as an RpcError. Aborting (signal, deadline) or leaving the loop early cancels the fetch.
 * Internal to src/web.
 */
export async function* runCall(transport: GrpcWebTransport, method: AnyMethodDefinition, request: unknown, options: CallOptions): AsyncGenerator<unknown, void, undefined> {
  const settings = transport.options;
  if (options.compression !== undefined && options.compression !== "identity") {
    throw new RpcError(Status.UNIMPLEMENTED, `the gRPC-Web client does not compress requests (compression "${options.compression}")`);
  }
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  const abort = (reason: RpcError): void => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const userSignal = options.signal;
  if (userSignal !== undefined) {
    if (userSignal.aborted) throw cancelledBy(userSignal.reason);
    const onAbort = (): void => abort(cancelledBy(userSignal.reason));
    userSignal.addEventListener("abort", onAbort, { once: true });
    cleanups.push(() => userSignal.removeEventListener("abort", onAbort));
  }
  const timeoutMs = effectiveTimeout(options);
  if (timeoutMs !== undefined) {
    if (timeoutMs <= 0) throw new RpcError(Status.DEADLINE_EXCEEDED, "deadline exceeded before the call started");
    // The server enforces the deadline too (grpc-timeout); our timer also covers a server that never answers.
    const timer = setTimeout(() => abort(new RpcError(Status.DEADLINE_EXCEEDED, "deadline exceeded")), timeoutMs);
    cleanups.push(() => clearTimeout(timer));
  }
  try {
    const isText = settings.format === "text";
    const contentType = isText ? "application/grpc-web-text+proto" : "application/grpc-web+proto";
    const headers = new Headers({ "content-type": contentType, accept: contentType, "x-grpc-web": "1", "x-user-agent": USER_AGENT });
    if (timeoutMs !== undefined) headers.set("grpc-timeout", encodeTimeout(timeoutMs));
    if (options.metadata !== undefined) {
      const record: HeaderRecord = {};
      metadataToHeaders(new Metadata(options.metadata), record);
      for (const [name, value] of Object.entries(record)) {
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
    }
    let message: Uint8Array;
    try {
      message = method.serializeRequest(request as never);
    } catch (e) {
      throw new RpcError(Status.INTERNAL, `failed to encode the request: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const frame = encodeFrame(message, false);
    const init: RequestInit = {
      method: "POST",
      headers,
      body: isText ? encodeBase64(frame, true) : (frame as Uint8Array<ArrayBuffer>),
      signal: controller.signal,
      mode: "cors",
      ...(settings.credentials !== undefined ? { credentials: settings.credentials } : {}),
    };
    let response: Response;
    try {
      response = await settings.fetch(settings.baseUrl + method.path, init);
    } catch (e) {
      throw failure(controller.signal, e, "the request failed");
    }
    yield* readResponse(response, controller.signal, settings.maxReceiveMessageBytes, method, options);
  } finally {
    for (const c of cleanups) c();
    // Leaving early (break, an error) must not leave the fetch running.
    abort(new RpcError(Status.CANCELLED, "the call was abandoned"));
  }
}

/** Reads headers, messages and the status of a gRPC-Web response. */
async function* readResponse(
  response: Response,
  signal: AbortSignal,
  maxMessageBytes: number,
  method: AnyMethodDefinition,
  options: CallOptions,
): AsyncGenerator<unknown, void, undefined> {
  const headers = response.headers;
  const headerStatus = headers.get("grpc-status");
  if (headerStatus !== null) {
    // Trailers-only: the status is in the headers and there is no message.
    void response.body?.cancel().catch(() => {});
    const trailers = readHeaderMetadata(headers);
    options.onTrailer?.(trailers);
    const err = statusError(headerStatus, headers.get("grpc-message"), headers.get("grpc-status-details-bin"), trailers);
    if (err !== undefined) throw err;
    return;
  }
  if (response.status !== 200) {
    void response.body?.cancel().catch(() => {});
    throw new RpcError(statusFromHttpStatus(response.status), `HTTP ${response.status} ${response.statusText}`.trim(), { metadata: readHeaderMetadata(headers) });
  }
  const type = parseContentType(headers.get("content-type") ?? undefined);
  if (type === undefined || type.protocol === "grpc") {
    void response.body?.cancel().catch(() => {});
    throw new RpcError(Status.UNKNOWN, `not a gRPC-Web response: content-type "${headers.get("content-type") ?? ""}"`);
  }
  options.onHeader?.(readHeaderMetadata(headers));
  const body = response.body;
  if (body === null) throw new RpcError(Status.INTERNAL, "gRPC-Web response without a body and without a status");
  const reader = body.getReader();
  const frames = createFrameDecoder({ maxMessageBytes, acceptTrailers: true });
  const text = type.protocol === "grpc-web-text" ? createBase64StreamDecoder() : undefined;
  let trailers: Frame | undefined;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw failure(signal, e, "reading the response failed");
      }
      if (chunk.done) break;
      let bytes = chunk.value;
      if (text !== undefined) bytes = decodeText(text, bytes);
      for (const frame of frames.push(bytes)) {
        if (trailers !== undefined) throw new RpcError(Status.INTERNAL, "gRPC-Web response has data after the trailers frame");
        if (frame.isTrailers === true) {
          trailers = frame;
          continue;
        }
        if (frame.isCompressed) throw new RpcError(Status.INTERNAL, "received a compressed message, but the gRPC-Web client asked for none");
        let message: unknown;
        try {
          message = method.deserializeResponse(frame.payload);
        } catch (e) {
          throw new RpcError(Status.INTERNAL, `failed to decode the response message: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
        yield message;
      }
    }
    frames.end();
    if (text !== undefined) decodeTextEnd(text);
  } finally {
    reader.releaseLock();
  }
  if (trailers === undefined) throw new RpcError(Status.INTERNAL, "gRPC-Web response ended without trailers (no status)");
  const read = readTrailersFrame(trailers.payload, text !== undefined);
  options.onTrailer?.(read.metadata);
  const err = statusError(read.status, read.message, read.details, read.metadata);
  if (err !== undefined) throw err;
}

/** The RpcError for a status, `undefined` for OK; lenient like the Node client (statuscodes.md). */
function statusError(rawStatus: string | null, rawMessage: string | null, rawDetails: string | null, metadata: Metadata): RpcError | undefined {
  const parsed = parseGrpcStatus(rawStatus ?? undefined);
  if (parsed === undefined) return new RpcError(Status.UNKNOWN, rawStatus === null ? "missing grpc-status" : `invalid grpc-status ${JSON.stringify(rawStatus)}`, { metadata });
  if (parsed === Status.OK) return undefined;
  const known = parsed <= 16;
  const code = known ? (parsed as Status) : Status.UNKNOWN;
  const message = decodeGrpcMessage(rawMessage ?? "");
  const details = decodeStatusDetailsBin(rawDetails ?? undefined, code);
  return new RpcError(code, known ? message : `unknown status code ${parsed}${message ? `: ${message}` : ""}`, { metadata, details });
}

function decodeText(decoder: ReturnType<typeof createBase64StreamDecoder>, bytes: Uint8Array): Uint8Array {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  try {
    return decoder.push(s);
  } catch (e) {
    throw new RpcError(Status.INTERNAL, `invalid grpc-web-text response: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function decodeTextEnd(decoder: ReturnType<typeof createBase64StreamDecoder>): void {
  try {
    decoder.end();
  } catch (e) {
    throw new RpcError(Status.INTERNAL, `invalid grpc-web-text response: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The error for a failed fetch or read: the abort reason when we aborted, else UNAVAILABLE. */
function failure(signal: AbortSignal, e: unknown, what: string): RpcError {
  if (signal.aborted && signal.reason instanceof RpcError) return signal.reason;
  if (e instanceof RpcError) return e;
  return new RpcError(Status.UNAVAILABLE, `${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

function cancelledBy(reason: unknown): RpcError {
  return reason instanceof RpcError ? reason : new RpcError(Status.CANCELLED, "the call was cancelled", { cause: reason });
}

/** Milliseconds left from `timeout` and `deadline` (the earlier wins), or `undefined` for none. */
function effectiveTimeout(options: CallOptions): number | undefined {
  let ms: number | undefined = options.timeout;
  if (options.deadline !== undefined) {
    const at = options.deadline instanceof Date ? options.deadline.getTime() : options.deadline;
    const left = at - Date.now();
    ms = ms === undefined ? left : Math.min(ms, left);
  }
  if (ms !== undefined && Number.isNaN(ms)) throw new RpcError(Status.INVALID_ARGUMENT, "timeout/deadline is not a number");
  return ms === undefined || ms === Infinity ? undefined : Math.ceil(ms);
}
