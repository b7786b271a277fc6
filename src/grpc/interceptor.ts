/**
 * Interceptors: functions that wrap the next step of a call (the style of connect-es and grpc-js's newer
 * API). An interceptor gets `next` and returns a function of the same shape, so interceptors compose by plain
 * function application, and the unary path stays a chain of direct calls.
 *
 * Calls come in two shapes, as in connect-es: `stream: false` for unary calls (one message each way) and
 * `stream: true` for the three streaming kinds (messages as async iterables; a server-streaming request is an
 * iterable of one message, a client-streaming response an iterable of one).
 */
import type { HandlerContext } from "./handler-context.js";
import type { Metadata } from "./metadata.js";
import type { AnyMethodDefinition } from "./method.js";

interface ClientRequestCommon {
  readonly method: AnyMethodDefinition;
  /** Request metadata; interceptors may add to it before calling `next`. */
  readonly metadata: Metadata;
  /** The call's cancellation signal, when there is one (clients create signals only when needed). */
  readonly signal: AbortSignal | undefined;
  /** Absolute deadline in epoch milliseconds, `undefined` for none. */
  readonly deadline: number | undefined;
}

/** A unary call's request, as client interceptors see it. */
export interface UnaryClientRequest extends ClientRequestCommon {
  readonly stream: false;
  readonly message: unknown;
}

/** A streaming call's request, as client interceptors see it. */
export interface StreamClientRequest extends ClientRequestCommon {
  readonly stream: true;
  readonly messages: AsyncIterable<unknown>;
}

/** A request as client interceptors see it. */
export type ClientRequest = UnaryClientRequest | StreamClientRequest;

/** A unary call's response. */
export interface UnaryClientResponse {
  readonly stream: false;
  readonly headers: Metadata;
  readonly message: unknown;
  readonly trailers: Metadata;
}

/** A streaming call's response; `trailers` is filled once `messages` has been read to its end. */
export interface StreamClientResponse {
  readonly stream: true;
  readonly headers: Metadata;
  readonly messages: AsyncIterable<unknown>;
  readonly trailers: Metadata;
}

/** A response as client interceptors see it. A failed call rejects with an `RpcError` instead. */
export type ClientResponse = UnaryClientResponse | StreamClientResponse;

/** The next step of a client call: a request in, a response (or an `RpcError` rejection) out. */
export type ClientNext = (request: ClientRequest) => Promise<ClientResponse>;

/**
 * A client interceptor.
 *
 * @example
 * ```ts
 * const auth: ClientInterceptor = (next) => async (req) => {
 *   req.metadata.set("authorization", `Bearer ${await getToken()}`);
 *   return next(req);
 * };
 * ```
 */
export type ClientInterceptor = (next: ClientNext) => ClientNext;

/** A unary call's request, as server interceptors see it (metadata, deadline and signal are on `ctx`). */
export interface UnaryServerRequest {
  readonly stream: false;
  readonly method: AnyMethodDefinition;
  readonly message: unknown;
}

/** A streaming call's request, as server interceptors see it. */
export interface StreamServerRequest {
  readonly stream: true;
  readonly method: AnyMethodDefinition;
  readonly messages: AsyncIterable<unknown>;
}

/** A request as server interceptors see it. */
export type ServerRequest = UnaryServerRequest | StreamServerRequest;

/** What a unary handler produced. Headers and trailers are on `ctx.responseHeaders`/`responseTrailers`. */
export interface UnaryServerResponse {
  readonly stream: false;
  readonly message: unknown;
}

/** What a streaming handler produced. */
export interface StreamServerResponse {
  readonly stream: true;
  readonly messages: AsyncIterable<unknown>;
}

/** A response as server interceptors see it. A failed call rejects (throws) instead; the server makes the status. */
export type ServerResponse = UnaryServerResponse | StreamServerResponse;

/** The next step of a server call: in the end, the handler. */
export type ServerNext<Ctx = HandlerContext> = (request: ServerRequest, ctx: Ctx) => Promise<ServerResponse>;

/**
 * A server interceptor.
 *
 * @example
 * ```ts
 * const logging: ServerInterceptor = (next) => async (req, ctx) => {
 *   const started = Date.now();
 *   try { return await next(req, ctx); }
 *   finally { console.log(req.method.path, Date.now() - started, "ms"); }
 * };
 * ```
 */
export type ServerInterceptor<Ctx = HandlerContext> = (next: ServerNext<Ctx>) => ServerNext<Ctx>;

/**
 * Wraps `next` in interceptors; the first interceptor of the list is the outermost (it sees the request
 * first and the response last). With no interceptors, returns `next` itself.
 */
export function applyInterceptors<N>(next: N, interceptors: readonly ((next: N) => N)[]): N {
  let out = next;
  for (let i = interceptors.length - 1; i >= 0; i--) out = interceptors[i]!(out);
  return out;
}
