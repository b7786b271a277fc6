// Server options and their defaults. Every limit has a safe default (DESIGN.md "Bad input").
import type { Compressor, ServerInterceptor } from "../grpc/index.js";
import type { Registry } from "../protobuf/index.js";
import type { ServerContext } from "./handler-context.js";
import type { GrpcWebOptions } from "./grpc-web-options.js";

/** TLS settings for `createServer({ tls })`; PEM strings or buffers, as node:tls takes them. */
export interface ServerTlsOptions {
  /** The server's private key. */
  readonly key: string | Uint8Array;
  /** The server's certificate chain. */
  readonly cert: string | Uint8Array;
  /** CA certificates that client certificates must chain to (mTLS). */
  readonly ca?: string | Uint8Array | readonly (string | Uint8Array)[];
  /** Ask clients for a certificate and reject the connection without a valid one (mTLS). Default: `false`. */
  readonly requireClientCert?: boolean;
}

/**
 * Keepalive: server-initiated pings, and the policy for client pings
 * (grpc/grpc doc/keepalive.md; the defaults are gRPC's).
 */
export interface ServerKeepaliveOptions {
  /** Send a PING after this long without one; `Infinity` disables. Default: 2 hours. */
  readonly timeMs?: number;
  /** Close the connection when a PING is not acknowledged within this. Default: 20 s. */
  readonly timeoutMs?: number;
  /** Client PINGs closer together than this earn a strike. Default: 5 minutes. */
  readonly minPingIntervalMs?: number;
  /** Allow client PINGs while no call is active. Default: `false`. */
  readonly permitWithoutCalls?: boolean;
  /** Strikes tolerated before GOAWAY `ENHANCE_YOUR_CALM` with debug data `too_many_pings`. Default: 2. */
  readonly maxPingStrikes?: number;
}

/** Options of `createServer()`; every field is optional. */
export interface ServerOptions {
  /** Largest request message accepted, after decompression; larger → RESOURCE_EXHAUSTED. Default: 4 MiB. */
  readonly maxReceiveMessageBytes?: number;
  /** Largest response message sent; larger → RESOURCE_EXHAUSTED to the client. Default: 4 MiB. */
  readonly maxSendMessageBytes?: number;
  /** Request metadata (header list) larger than this → RESOURCE_EXHAUSTED. Default: 8 KiB. */
  readonly maxMetadataBytes?: number;
  /** HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS per connection. Default: 1000. */
  readonly maxConcurrentStreams?: number;
  /** Compressions the server understands besides `identity`. Default: gzip and deflate. */
  readonly compressors?: readonly Compressor[];
  /**
   * Compress responses with this encoding when the client accepts it (`grpc-accept-encoding`).
   * Default: none (responses go uncompressed unless a handler asks with `ctx.setCompression`).
   */
  readonly responseCompression?: string;
  /**
   * Where to find the types of error details (`RpcError.details`) beyond the `google.rpc` ones, to encode
   * those given as `value` into `grpc-status-details-bin`.
   */
  readonly detailsRegistry?: Registry;
  /** Interceptors around every handler, outermost first. */
  readonly interceptors?: readonly ServerInterceptor<ServerContext>[];
  /** Serve TLS (and mTLS with `ca` + `requireClientCert`). Default: plaintext HTTP/2 (h2c). */
  readonly tls?: ServerTlsOptions;
  /** Keepalive pings and ping enforcement. */
  readonly keepalive?: ServerKeepaliveOptions;
  /** GOAWAY a connection that had no call for this long. Default: `Infinity`. */
  readonly maxConnectionIdleMs?: number;
  /** GOAWAY a connection this old (±10% jitter). Default: `Infinity`. */
  readonly maxConnectionAgeMs?: number;
  /** After the age GOAWAY, close the connection after this grace. Default: `Infinity`. */
  readonly maxConnectionAgeGraceMs?: number;
  /**
   * gRPC-Web (grpc/grpc doc/PROTOCOL-WEB.md) on the same port: `application/grpc-web(+proto)` and
   * `application/grpc-web-text(+proto)` over HTTP/2 and HTTP/1.1, with CORS. `false` serves HTTP/2 gRPC only.
   * Default: `true` (CORS answers any origin, without credentials; see {@link GrpcWebOptions}).
   */
  readonly grpcWeb?: boolean | GrpcWebOptions;
  /**
   * Receives errors a handler threw that were not `RpcError`s (the client only sees UNKNOWN), and
   * connection-level errors. Default: `console.error`.
   */
  readonly onError?: (error: unknown, info: { readonly method?: string }) => void;
}

/** Options with every default filled in; internal. */
export interface ResolvedServerOptions {
  readonly maxReceiveMessageBytes: number;
  readonly maxSendMessageBytes: number;
  readonly maxMetadataBytes: number;
  readonly maxConcurrentStreams: number;
  readonly compressors: ReadonlyMap<string, Compressor>;
  readonly acceptEncoding: string;
  /** The response headers of a call without custom headers or compression, shared by all such calls. */
  readonly responseHeaders: Readonly<Record<string, string | number>>;
  readonly responseCompression: string | undefined;
  readonly interceptors: readonly ServerInterceptor<ServerContext>[];
  readonly detailsRegistry: Registry | undefined;
  readonly tls: ServerTlsOptions | undefined;
  readonly keepalive: Required<ServerKeepaliveOptions>;
  readonly maxConnectionIdleMs: number;
  readonly maxConnectionAgeMs: number;
  readonly maxConnectionAgeGraceMs: number;
  readonly onError: (error: unknown, info: { readonly method?: string }) => void;
  /** As given; grpc-web-options.ts resolves it. */
  readonly grpcWeb: boolean | GrpcWebOptions;
}

const MiB = 1024 * 1024;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    throw new Error(`createServer: ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

/** A timer duration: like `positive`, and longer than node's timers can wait (2^31-1 ms) means never. */
function duration(name: string, value: number | undefined, fallback: number): number {
  const ms = positive(name, value, fallback);
  return ms > 2 ** 31 - 1 ? Infinity : ms;
}

/** Fills in defaults and checks values; throws an Error naming the bad option. */
export function resolveServerOptions(options: ServerOptions, defaultCompressors: readonly Compressor[]): ResolvedServerOptions {
  const compressors = new Map<string, Compressor>();
  for (const c of options.compressors ?? defaultCompressors) {
    if (c.name !== "identity") compressors.set(c.name, c);
  }
  if (options.responseCompression !== undefined && options.responseCompression !== "identity" && !compressors.has(options.responseCompression)) {
    throw new Error(`createServer: responseCompression "${options.responseCompression}" is not among the compressors (${[...compressors.keys()].join(", ") || "none"})`);
  }
  const ka = options.keepalive ?? {};
  const acceptEncoding = ["identity", ...compressors.keys()].join(",");
  return {
    maxReceiveMessageBytes: positive("maxReceiveMessageBytes", options.maxReceiveMessageBytes, 4 * MiB),
    maxSendMessageBytes: positive("maxSendMessageBytes", options.maxSendMessageBytes, 4 * MiB),
    maxMetadataBytes: positive("maxMetadataBytes", options.maxMetadataBytes, 8 * 1024),
    maxConcurrentStreams: positive("maxConcurrentStreams", options.maxConcurrentStreams, 1000),
    compressors,
    acceptEncoding,
    responseHeaders: Object.freeze({ ":status": 200, "content-type": "application/grpc", "grpc-accept-encoding": acceptEncoding }),
    responseCompression: options.responseCompression === "identity" ? undefined : options.responseCompression,
    interceptors: options.interceptors ?? [],
    detailsRegistry: options.detailsRegistry,
    tls: options.tls,
    keepalive: {
      timeMs: duration("keepalive.timeMs", ka.timeMs, 2 * 60 * 60 * 1000),
      timeoutMs: duration("keepalive.timeoutMs", ka.timeoutMs, 20_000),
      minPingIntervalMs: positive("keepalive.minPingIntervalMs", ka.minPingIntervalMs, 5 * 60 * 1000),
      permitWithoutCalls: ka.permitWithoutCalls ?? false,
      maxPingStrikes: ka.maxPingStrikes ?? 2,
    },
    maxConnectionIdleMs: duration("maxConnectionIdleMs", options.maxConnectionIdleMs, Infinity),
    maxConnectionAgeMs: duration("maxConnectionAgeMs", options.maxConnectionAgeMs, Infinity),
    maxConnectionAgeGraceMs: duration("maxConnectionAgeGraceMs", options.maxConnectionAgeGraceMs, Infinity),
    grpcWeb: options.grpcWeb ?? true,
    onError: options.onError ?? ((error, info) => console.error(`spindle server${info.method ? ` ${info.method}` : ""}:`, error)),
  };
}
