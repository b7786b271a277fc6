// Options of gRPC-Web on the server's port (`createServer({ grpcWeb })`), and their defaults.

/**
 * CORS for gRPC-Web calls from pages on another origin (the Fetch standard's CORS protocol). Browsers send a
 * preflight `OPTIONS` before every gRPC-Web call, since its content-type and `x-grpc-web` are not
 * "simple"; the server answers it and labels each response.
 *
 * @example
 * ```ts
 * createServer({ grpcWeb: { cors: { allowedOrigins: ["https://shop.example"], allowCredentials: true } } });
 * ```
 */
export interface GrpcWebCorsOptions {
  /**
   * Which page origins may call: `"*"` (any), a list of exact origins (`"https://shop.example"`), or a
   * predicate. The allowed origin is echoed in `Access-Control-Allow-Origin` with `Vary: Origin`.
   * Default: `"*"`.
   */
  readonly allowedOrigins?: "*" | readonly string[] | ((origin: string) => boolean);
  /**
   * Send `Access-Control-Allow-Credentials: true`, so pages may call with cookies or HTTP authentication
   * (`credentials: "include"`). Only sensible with an explicit list of origins. Default: `false`.
   */
  readonly allowCredentials?: boolean;
  /**
   * Request headers a page may send besides the gRPC-Web ones (`content-type`, `x-grpc-web`, `x-user-agent`,
   * `grpc-timeout`, `grpc-encoding`, `grpc-accept-encoding`). Default: any header the preflight asks for, since
   * custom metadata travels as headers.
   */
  readonly allowedHeaders?: readonly string[];
  /**
   * Response headers the page may read besides the gRPC ones (`grpc-status`, `grpc-message`,
   * `grpc-status-details-bin`, `grpc-encoding`, `grpc-accept-encoding`) and each response's own metadata,
   * which is always exposed.
   */
  readonly exposedHeaders?: readonly string[];
  /** How long browsers may cache a preflight answer (`Access-Control-Max-Age`), in seconds. Default: 7200. */
  readonly maxAgeSec?: number;
}

/** gRPC-Web settings; `createServer({ grpcWeb: true })` is the same as `{ grpcWeb: {} }`. */
export interface GrpcWebOptions {
  /** CORS; `false` sends no CORS headers (only same-origin pages can call). Default: `{}` (any origin). */
  readonly cors?: false | GrpcWebCorsOptions;
  /**
   * How long a plaintext connection may take to say which protocol it speaks (its first bytes), and an
   * HTTP/1.1 connection to send a request's complete headers, counted from when it connected or from the
   * end of its previous response (so it also closes idle keep-alive connections). A slow client (slowloris)
   * is answered `408 Request Timeout` and closed. `Infinity` turns the HTTP/1.1 part off (the first bytes are
   * still awaited for the default time at most). Default: 30 000.
   *
   * @example
   * ```ts
   * createServer({ grpcWeb: { headersTimeoutMs: 10_000 } });
   * ```
   */
  readonly headersTimeoutMs?: number;
}

/** The default of {@link GrpcWebOptions.headersTimeoutMs}: node's own HTTP/1.1 server allows 60 s, nginx 60 s. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;

/** The request headers every gRPC-Web client may send (PROTOCOL-WEB.md, and the metadata-carrying ones). */
export const GRPC_WEB_REQUEST_HEADERS: readonly string[] = [
  "content-type",
  "x-grpc-web",
  "x-user-agent",
  "grpc-timeout",
  "grpc-encoding",
  "grpc-accept-encoding",
];

/** The response headers a gRPC-Web client must read: the status of a trailers-only response, encodings. */
export const GRPC_WEB_RESPONSE_HEADERS: readonly string[] = [
  "grpc-status",
  "grpc-message",
  "grpc-status-details-bin",
  "grpc-encoding",
  "grpc-accept-encoding",
];

/** CORS settings with defaults filled in; internal. */
export interface ResolvedCors {
  readonly isOriginAllowed: (origin: string) => boolean;
  readonly allowCredentials: boolean;
  /** Lowercase names; `undefined` means "whatever the preflight asks for". */
  readonly allowedHeaders: ReadonlySet<string> | undefined;
  readonly exposedHeaders: readonly string[];
  readonly maxAgeSec: number;
}

/** The `grpcWeb` option with defaults filled in; internal. */
export interface ResolvedGrpcWeb {
  /** `undefined` when CORS is off. */
  readonly cors: ResolvedCors | undefined;
  /** `Infinity` when off; timers cannot wait longer than 2^31-1 ms anyway. */
  readonly headersTimeoutMs: number;
}

/**
 * Resolves the `grpcWeb` server option: `undefined` when gRPC-Web is off, else its settings.
 *
 * @throws Error naming the option when a value is invalid.
 */
export function resolveGrpcWebOptions(option: boolean | GrpcWebOptions | undefined): ResolvedGrpcWeb | undefined {
  if (option === false) return undefined;
  const web: GrpcWebOptions = option === undefined || option === true ? {} : option;
  if (typeof web !== "object" || web === null) throw new Error(`createServer: grpcWeb must be a boolean or an object, got ${String(option)}`);
  const timeout = web.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  if (typeof timeout !== "number" || !(timeout > 0)) {
    throw new Error(`createServer: grpcWeb.headersTimeoutMs must be a positive number of milliseconds (or Infinity), got ${String(timeout)}`);
  }
  const headersTimeoutMs = timeout > 2 ** 31 - 1 ? Infinity : timeout;
  return { cors: resolveCors(web), headersTimeoutMs };
}

function resolveCors(web: GrpcWebOptions): ResolvedCors | undefined {
  if (web.cors === false) return undefined;
  const cors = web.cors ?? {};
  const origins = cors.allowedOrigins ?? "*";
  let isOriginAllowed: (origin: string) => boolean;
  if (origins === "*") isOriginAllowed = () => true;
  else if (typeof origins === "function") isOriginAllowed = origins;
  else if (Array.isArray(origins)) {
    const set = new Set(origins);
    isOriginAllowed = (origin) => set.has(origin);
  } else {
    throw new Error(`createServer: grpcWeb.cors.allowedOrigins must be "*", a list of origins or a function`);
  }
  const maxAgeSec = cors.maxAgeSec ?? 7200;
  if (!Number.isInteger(maxAgeSec) || maxAgeSec < 0) throw new Error(`createServer: grpcWeb.cors.maxAgeSec must be a non-negative integer, got ${String(maxAgeSec)}`);
  return {
    isOriginAllowed,
    allowCredentials: cors.allowCredentials === true,
    allowedHeaders: cors.allowedHeaders === undefined ? undefined : new Set([...GRPC_WEB_REQUEST_HEADERS, ...cors.allowedHeaders.map((h) => h.toLowerCase())]),
    exposedHeaders: [...GRPC_WEB_RESPONSE_HEADERS, ...(cors.exposedHeaders ?? []).map((h) => h.toLowerCase())],
    maxAgeSec,
  };
}
