/**
 * Method and service definitions: what generated code and `loadProto()` produce, what `server.addService`
 * and `createClient` take, and the handler and stub types derived from them.
 */
import type { DescMethod, DescService, MethodKind } from "../protobuf/index.js";
import type { CallOptions } from "./call-options.js";
import type { HandlerContext } from "./handler-context.js";
import type { MessageInit } from "./message-init.js";

/** The four RPC shapes, spelled as everywhere in Spindle: src/protobuf's `MethodKind`, re-exported. */
export type { MethodKind };

/** Hints a caller gives a deserializer ({@link MethodDefinition.deserializeRequest}); implementations may ignore them. */
export interface DeserializeOptions {
  /**
   * The caller hands the bytes over for good (nothing modifies or reuses them afterwards), so `bytes` fields
   * may be views of them rather than copies. The server passes it for request messages and the Node client
   * for response messages: node:http2 receives into memory it never reuses.
   */
  readonly aliasBytes?: boolean;
}

/** A method's `idempotency_level` option (descriptor.proto `MethodOptions.IdempotencyLevel`). */
export type MethodIdempotency = "unknown" | "no_side_effects" | "idempotent";

/**
 * One RPC method: its wire path and the codecs for both directions.
 *
 * The server decodes requests and encodes responses; the client the other way round. Serializers accept
 * partial messages ({@link MessageInit}); deserializers return complete ones.
 *
 * @typeParam I the request message type (complete, as decoded).
 * @typeParam O the response message type (complete, as decoded).
 * @typeParam K the method kind, kept literal in generated definitions so stub and handler types follow it.
 */
export interface MethodDefinition<I = unknown, O = unknown, K extends MethodKind = MethodKind> {
  /** The HTTP/2 `:path`: `/package.Service/Method`. */
  readonly path: string;
  /** The method name as in the `.proto` file: `GetProduct`. */
  readonly name: string;
  /** The lowerCamelCase name used on stubs and handler objects: `getProduct`. */
  readonly localName: string;
  /** Which of the four RPC shapes the method has. */
  readonly kind: K;
  /** From the method's `idempotency_level` option; `"unknown"` when unset. */
  readonly idempotency?: MethodIdempotency;
  /**
   * The resolved descriptor, when the definition was made from one (loaded, or generated with descriptors);
   * reflection and `spindle call` use it.
   */
  readonly desc?: DescMethod;
  /** Encodes a request (client side). @throws Error (a protobuf error) for values of the wrong type. */
  serializeRequest(message: MessageInit<I>): Uint8Array;
  /** Decodes a request (server side). @throws Error (a protobuf error) for malformed bytes. */
  deserializeRequest(bytes: Uint8Array, options?: DeserializeOptions): I;
  /** Encodes a response (server side). */
  serializeResponse(message: MessageInit<O>): Uint8Array;
  /**
   * Optional: encodes a response like `serializeResponse` (the same bytes) but hands them to `use` and returns
   * what it returns; the bytes may be the encoder's reused buffer, valid only until `use` returns. The server
   * uses it, when present, to copy a response straight behind the gRPC frame prefix: one copy per message
   * instead of three, and no ArrayBuffer of its own.
   */
  serializeResponseWith?<T>(message: MessageInit<O>, use: (bytes: Uint8Array) => T): T;
  /** Decodes a response (client side). @throws Error (a protobuf error) for malformed bytes. */
  deserializeResponse(bytes: Uint8Array, options?: DeserializeOptions): O;
}

/** A method definition of any types, as containers and generic code hold them. */
export type AnyMethodDefinition = MethodDefinition<unknown, unknown, MethodKind>;

/**
 * A service: its full name and its methods by `localName`.
 *
 * @typeParam M the methods; generated code keeps each method's types, loaded definitions use the default.
 */
export interface ServiceDefinition<M extends Record<string, AnyMethodDefinition> = Record<string, AnyMethodDefinition>> {
  /** The fully qualified service name: `shop.v1.Catalog`. */
  readonly typeName: string;
  readonly methods: M;
  /** The resolved descriptor, when made from one. */
  readonly desc?: DescService;
}

type Awaitable<T> = T | Promise<T>;

/** The handler type for one method of kind `K` (distributes over a union of kinds). */
export type HandlerFor<I, O, K extends MethodKind, Ctx = HandlerContext> = K extends "unary"
  ? (request: I, ctx: Ctx) => Awaitable<MessageInit<O>>
  : K extends "server_streaming"
    ? (request: I, ctx: Ctx) => AsyncIterable<MessageInit<O>>
    : K extends "client_streaming"
      ? (requests: AsyncIterable<I>, ctx: Ctx) => Awaitable<MessageInit<O>>
      : (requests: AsyncIterable<I>, ctx: Ctx) => AsyncIterable<MessageInit<O>>;

/**
 * A handler whose kind is not known statically (services loaded at run time): it receives the request (or
 * the request stream for client and bidi streaming) and returns a response or an async iterable of them.
 * The server checks the shape at run time.
 */
export type UntypedHandler<I, O, Ctx = HandlerContext> = (
  request: I & AsyncIterable<I>,
  ctx: Ctx,
) => Awaitable<MessageInit<O>> | AsyncIterable<MessageInit<O>>;

/**
 * What `server.addService(S, impl)` takes: one handler per method, by `localName`. Unary and client-streaming
 * handlers return (or resolve to) the response; streaming handlers are `async function*`.
 *
 * @example
 * ```ts
 * const impl: ServiceImplementation<typeof Catalog> = {
 *   async getProduct(req, ctx) { return products.get(req.id) ?? throwNotFound(); },
 *   async *listProducts(req, ctx) { yield* products.values(); },
 *   async bulk(requests) { let written = 0; for await (const p of requests) written++; return { written }; },
 *   async *chat(messages) { for await (const m of messages) yield { text: `echo: ${m.text}` }; },
 * };
 * ```
 */
export type ServiceImplementation<S extends ServiceDefinition, Ctx = HandlerContext> = {
  [P in keyof S["methods"]]: S["methods"][P] extends MethodDefinition<infer I, infer O, infer K>
    ? MethodKind extends K
      ? UntypedHandler<I, O, Ctx>
      : HandlerFor<I, O, K, Ctx>
    : never;
};

/** The client stub function for one method of kind `K`. */
export type StubFor<I, O, K extends MethodKind, Options = CallOptions> = K extends "unary"
  ? (request: MessageInit<I>, options?: Options) => Promise<O>
  : K extends "server_streaming"
    ? (request: MessageInit<I>, options?: Options) => AsyncIterable<O>
    : K extends "client_streaming"
      ? (requests: AsyncIterable<MessageInit<I>> | Iterable<MessageInit<I>>, options?: Options) => Promise<O>
      : (requests: AsyncIterable<MessageInit<I>> | Iterable<MessageInit<I>>, options?: Options) => AsyncIterable<O>;

/**
 * A stub for a service whose method kinds are not known statically: unary and client-streaming calls
 * return a promise, streaming ones an async iterable; the client checks the shape at run time.
 */
export type UntypedStub<I, O, Options = CallOptions> = (
  request: MessageInit<I> | AsyncIterable<MessageInit<I>> | Iterable<MessageInit<I>>,
  options?: Options,
) => Promise<O> & AsyncIterable<O>;

/**
 * What `createClient(S, channel)` returns: one function per method, by `localName`.
 *
 * @example
 * ```ts
 * const catalog: ServiceClient<typeof Catalog> = createClient(Catalog, channel);
 * const p = await catalog.getProduct({ id: "p1" }, { timeout: 2000 });
 * for await (const p of catalog.listProducts({})) console.log(p.name);
 * ```
 */
export type ServiceClient<S extends ServiceDefinition, Options = CallOptions> = {
  [P in keyof S["methods"]]: S["methods"][P] extends MethodDefinition<infer I, infer O, infer K>
    ? MethodKind extends K
      ? UntypedStub<I, O, Options>
      : StubFor<I, O, K, Options>
    : never;
};

/** `true` if requests of this kind are a stream (client and bidi streaming). */
export function isRequestStream(kind: MethodKind): boolean {
  return kind === "client_streaming" || kind === "bidi_streaming";
}

/** `true` if responses of this kind are a stream (server and bidi streaming). */
export function isResponseStream(kind: MethodKind): boolean {
  return kind === "server_streaming" || kind === "bidi_streaming";
}
