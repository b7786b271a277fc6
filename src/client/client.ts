// Typed stubs over a channel: unary → Promise, server streaming → AsyncIterable, client streaming takes an
// (async) iterable → Promise, bidi takes an (async) iterable → AsyncIterable.
import {
  applyInterceptors,
  Metadata,
  RpcError,
  Status,
  type AnyMethodDefinition,
  type ClientInterceptor,
  type ClientNext,
  type ClientRequest,
  type ClientResponse,
  type ServiceClient,
  type ServiceDefinition,
} from "../grpc/index.js";
import { currentCallContext, enableCallContext } from "../node/index.js";
import { ClientCall, type CallObserver } from "./call.js";
import { withCallerStack } from "./call-errors.js";
import { effectiveDeadline } from "./deadline.js";
import type { CallOptions } from "./call-options.js";
import { ChannelCore, type Channel } from "./channel.js";
import { ResponseStream } from "./response-stream.js";
import { attachSink } from "./writable-iterable.js";

// A program that loads the client can make calls from inside handlers: have servers run handlers in a call
// context so those calls inherit deadline and cancellation (src/node/call-context.ts says why it is opt-in).
enableCallContext();

/** Options of `createClient`. */
export interface ClientOptions {
  /** Interceptors for this client's calls, inside (after) the channel's. The first is the outermost. */
  interceptors?: ClientInterceptor[];
}

type Requests = AsyncIterable<unknown> | Iterable<unknown>;

const NO_OPTIONS: CallOptions = Object.freeze({});

/**
 * Creates a typed client for `service` on `channel`: one method per RPC, named by its `localName`.
 *
 * @example
 * ```ts
 * const catalog = createClient(Catalog, createChannel("localhost:50051"));
 * const p = await catalog.getProduct({ id: "p1" }, { timeout: 2000 });
 * for await (const prod of catalog.listProducts({})) console.log(prod.name);
 * const { written } = await catalog.bulk([{ id: "a" }, { id: "b" }]);
 * for await (const reply of catalog.chat(messages)) console.log(reply.text);
 * ```
 */
export function createClient<S extends ServiceDefinition>(service: S, channel: Channel, options: ClientOptions = {}): ServiceClient<S, CallOptions> {
  if (!(channel instanceof ChannelCore)) throw new Error("createClient needs a channel made by createChannel()");
  const interceptors = [...channel.settings.interceptors, ...(options.interceptors ?? [])];
  const client: Record<string, unknown> = {};
  for (const [localName, method] of Object.entries(service.methods)) {
    client[localName] = createStub(channel, method, interceptors);
  }
  return client as ServiceClient<S, CallOptions>;
}

/**
 * Makes the stub function of one method. Exported for dynamic callers (the CLI's `spindle call`) that hold
 * a method definition rather than a service.
 */
export function createStub(channel: Channel, method: AnyMethodDefinition, interceptors: readonly ClientInterceptor[] = []): (request: unknown, options?: CallOptions) => unknown {
  if (!(channel instanceof ChannelCore)) throw new Error("createStub needs a channel made by createChannel()");
  const core = channel;
  if (interceptors.length > 0) return interceptedStub(core, method, interceptors);
  switch (method.kind) {
    case "unary":
      return (request, options = NO_OPTIONS) => callForResponse(core, method, options, sendOne, request);
    case "server_streaming":
      return (request, options = NO_OPTIONS) => startResponseStream(core, method, options, sendOne, request);
    case "client_streaming":
      return (requests, options = NO_OPTIONS) => callForResponse(core, method, options, sendStream, requests);
    case "bidi_streaming":
      return (requests, options = NO_OPTIONS) => startResponseStream(core, method, options, sendStream, requests);
    default:
      throw new Error(`method ${method.path} has unknown kind ${JSON.stringify(method.kind)}`);
  }
}

/** Collects the single response of a unary or client-streaming call. */
class UnaryObserver<O> implements CallObserver<O> {
  readonly needsMetadata: boolean;
  headers: Metadata | undefined;
  private message: O | undefined;
  private readonly options: CallOptions;
  private readonly resolve: (m: O) => void;
  private readonly reject: (e: RpcError) => void;
  trailers: Metadata | undefined;

  constructor(options: CallOptions, resolve: (m: O) => void, reject: (e: RpcError) => void, needsMetadata = false) {
    this.needsMetadata = needsMetadata || options.onHeader !== undefined || options.onTrailer !== undefined;
    this.options = options;
    this.resolve = resolve;
    this.reject = reject;
  }

  onHeader(headers: Metadata): void {
    this.headers = headers;
    this.options.onHeader?.(headers);
  }

  onMessage(message: O): void {
    this.message = message;
  }

  onEnd(error: RpcError | undefined, trailers: Metadata): void {
    this.trailers = trailers;
    this.options.onTrailer?.(trailers);
    if (error) this.reject(error);
    else this.resolve(this.message as O);
  }
}

/** Writes a call's request side from the stub's first argument (module-level: no closure per call). */
type Send = (call: ClientCall<unknown, unknown>, input: unknown) => void;
const sendOne: Send = (call, request) => call.writeLast(request);
const sendStream: Send = (call, requests) => void pumpRequests(call, requests as Requests);

/** Unary and client-streaming calls: one response, as a promise. `send` writes the request side. */
function callForResponse(core: ChannelCore, method: AnyMethodDefinition, options: CallOptions, send: Send, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const call = new ClientCall(core, method, options, new UnaryObserver(options, resolve, reject));
    call.start();
    send(call, input);
  }).then(undefined, withCallerStack);
}

/** Server-streaming and bidi calls: responses as an async iterable. `send` writes the request side. */
function startResponseStream(core: ChannelCore, method: AnyMethodDefinition, options: CallOptions, send: Send, input: unknown): ResponseStream<unknown> {
  const responses = new ResponseStream<unknown>(options);
  let call: ClientCall<unknown, unknown>;
  try {
    call = new ClientCall(core, method, options, responses);
  } catch (e) {
    responses.onEnd(RpcError.from(e, Status.INTERNAL), new Metadata());
    return responses;
  }
  responses.call = call;
  call.start();
  send(call, input);
  return responses;
}

/**
 * Sends the messages of `requests`, waiting for HTTP/2 flow control after each, then half-closes; a
 * WritableIterable is attached to the call instead and sends as it is written to.
 * A throwing request iterable cancels the call with its error; an ended call stops the pump and closes
 * the iterable (its `return()`).
 */
export async function pumpRequests(call: ClientCall<unknown, unknown>, requests: Requests): Promise<void> {
  // A WritableIterable feeds the call directly: no iterator round trip per message.
  if (attachSink(requests, call)) return;
  let iterator: AsyncIterator<unknown> | Iterator<unknown>;
  try {
    iterator = Symbol.asyncIterator in requests ? requests[Symbol.asyncIterator]() : (requests as Iterable<unknown>)[Symbol.iterator]();
  } catch (e) {
    call.cancel(new RpcError(Status.INTERNAL, "requests must be an iterable or async iterable of messages", { cause: e }));
    return;
  }
  let finished = false;
  try {
    while (!call.ended) {
      const r = await iterator.next();
      if (r.done) {
        finished = true;
        break;
      }
      if (call.ended) break;
      // write() returns a promise only when flow control (or a stream not yet open) asks us to wait.
      const wait = call.write(r.value);
      if (wait !== undefined) await wait;
    }
    if (finished) call.end();
  } catch (e) {
    finished = true; // a throwing iterator is done; do not call its return()
    call.cancel(requestStreamError(e));
  } finally {
    if (!finished) {
      try {
        await iterator.return?.();
      } catch {
        // The call already ended; the iterable's cleanup error has nowhere useful to go.
      }
    }
  }
}

function requestStreamError(e: unknown): RpcError {
  if (e instanceof RpcError) return e;
  return new RpcError(Status.CANCELLED, `the request stream failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

async function* oneMessage(message: unknown): AsyncGenerator<unknown> {
  yield message;
}

/** A stub that runs every call through the interceptor chain. */
function interceptedStub(core: ChannelCore, method: AnyMethodDefinition, interceptors: readonly ClientInterceptor[]): (request: unknown, options?: CallOptions) => unknown {
  const chain = (options: CallOptions): ClientNext => applyInterceptors<ClientNext>((req) => terminal(core, req, options), interceptors);
  const requestFor = (input: unknown, options: CallOptions, stream: boolean): ClientRequest => {
    const ctx = options.inheritContext === false || options.propagate === false ? undefined : currentCallContext();
    const common = {
      method,
      metadata: new Metadata(options.metadata),
      signal: options.signal,
      deadline: effectiveDeadline(options, ctx?.deadline),
    };
    if (!stream) return { ...common, stream: false, message: input };
    const messages = method.kind === "server_streaming" ? oneMessage(input) : toAsyncIterable(input as Requests);
    return { ...common, stream: true, messages };
  };
  if (method.kind === "unary") {
    return async (request, options = NO_OPTIONS) => {
      try {
        const response = await chain(options)(requestFor(request, options, false));
        if (response.stream) throw new RpcError(Status.INTERNAL, `an interceptor turned unary ${method.path} into a stream`);
        return response.message;
      } catch (e) {
        if (e instanceof Error) Error.captureStackTrace(e);
        throw RpcError.from(e);
      }
    };
  }
  if (method.kind === "client_streaming") {
    return async (requests, options = NO_OPTIONS) => {
      try {
        const response = await chain(options)(requestFor(requests, options, true));
        return await singleMessage(response, method);
      } catch (e) {
        if (e instanceof Error) Error.captureStackTrace(e);
        throw RpcError.from(e);
      }
    };
  }
  return (input, options = NO_OPTIONS) => {
    let request: ClientRequest;
    try {
      request = requestFor(input, options, true);
    } catch (e) {
      return failingIterable(RpcError.from(e, Status.INTERNAL));
    }
    return streamOf(chain(options)(request));
  };
}

async function singleMessage(response: ClientResponse, method: AnyMethodDefinition): Promise<unknown> {
  if (!response.stream) return response.message;
  let message: unknown;
  let count = 0;
  for await (const m of response.messages) {
    message = m;
    count++;
  }
  if (count !== 1) throw new RpcError(Status.UNIMPLEMENTED, `cardinality violation: ${method.path} received ${count} response messages`);
  return message;
}

async function* streamOf(pending: Promise<ClientResponse>): AsyncGenerator<unknown> {
  let response: ClientResponse;
  try {
    response = await pending;
  } catch (e) {
    const err = RpcError.from(e);
    Error.captureStackTrace(err);
    throw err;
  }
  if (!response.stream) {
    yield response.message;
    return;
  }
  yield* response.messages;
}

async function* failingIterable(error: RpcError): AsyncGenerator<unknown> {
  throw error;
}

function toAsyncIterable(requests: Requests): AsyncIterable<unknown> {
  if (Symbol.asyncIterator in requests) return requests;
  return (async function* () {
    yield* requests as Iterable<unknown>;
  })();
}

/** The innermost step of the interceptor chain: runs the call on the wire with what the interceptors made. */
function terminal(core: ChannelCore, req: ClientRequest, base: CallOptions): Promise<ClientResponse> {
  // The deadline is absolute now and already includes any inherited one.
  const options: CallOptions = { ...base, metadata: req.metadata, signal: req.signal, deadline: req.deadline, timeout: undefined, inheritContext: false };
  const ctx = base.inheritContext === false || base.propagate === false ? undefined : currentCallContext();
  if (ctx !== undefined) {
    // Keep the inherited cancellation even though the deadline was folded in above.
    options.signal = req.signal ? AbortSignal.any([req.signal, ctx.signal]) : ctx.signal;
  }
  const method = req.method;
  if (!req.stream) {
    return new Promise((resolve, reject) => {
      const observer = new UnaryObserver<unknown>(
        options,
        (message) => resolve({ stream: false, headers: observer.headers ?? new Metadata(), message, trailers: observer.trailers ?? new Metadata() }),
        reject,
        true,
      );
      const call = new ClientCall(core, method, options, observer);
      call.start();
      call.writeLast(req.message);
    });
  }
  const responses = new ResponseStream<unknown>(options);
  const call = new ClientCall(core, method, options, responses);
  responses.call = call;
  call.start();
  void pumpRequests(call, req.messages);
  return responses.whenHeaders().then(() => ({ stream: true, headers: responses.headers, messages: responses, trailers: responses.trailers }));
}
