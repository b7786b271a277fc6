// A channel: one lazily opened, multiplexed HTTP/2 connection to a target, reopened with backoff.
// States and transitions follow grpc/grpc doc/connectivity-semantics-and-api.md; pick_first over the
// resolved addresses; reconnect delays follow doc/connection-backoff.md.
import type { ClientHttp2Session, ClientSessionOptions } from "node:http2";
import { RpcError, Status, type Compressor } from "../grpc/index.js";
import { nodeCompressors } from "../node/index.js";
import { createBackoff, type Backoff, type BackoffOptions } from "./backoff.js";
import { RetryBufferPool, type CallRetryLimits } from "./call-retry.js";
import { connectSession } from "./connect-session.js";
import { ConnectivityState } from "./connectivity-state.js";
import type { CallCredentials, TlsCredentials } from "./credentials.js";
import type { ClientInterceptor } from "../grpc/index.js";
import { parseServiceConfig, RetryThrottle, type ResolvedServiceConfig, type ServiceConfig } from "./service-config.js";
import { formatAddress, parseTarget, resolveTarget, type Address, type Resolver, type Target } from "./target.js";

/** Options of `createChannel`. All are optional. */
export interface ChannelOptions {
  /** `true` for TLS with the system roots, or TLS settings (custom CA, client certificate for mTLS). */
  tls?: boolean | TlsCredentials;
  /** Metadata added to every call, such as `bearerToken(token)`. Sent only over TLS unless `allowInsecureCallCredentials`. */
  callCredentials?: CallCredentials;
  /** Sends call credentials over plaintext connections too (for tests and trusted local networks). */
  allowInsecureCallCredentials?: boolean;
  /** The `:authority` of calls and the TLS server name, instead of the target's host:port. */
  authority?: string;
  /** Prefix of the `user-agent` header. */
  userAgent?: string;
  /** Reconnect backoff (doc/connection-backoff.md defaults). */
  backoff?: BackoffOptions;
  /** Name resolver for `dns:` targets; the system resolver by default. */
  resolver?: Resolver;
  /** Largest response message accepted, after decompression (default 4 MiB → RESOURCE_EXHAUSTED beyond). */
  maxReceiveMessageBytes?: number;
  /** Largest request message sent (default unlimited → RESOURCE_EXHAUSTED beyond). */
  maxSendMessageBytes?: number;
  /** Compression algorithms this channel can use and accept (default identity, gzip, deflate). */
  compressors?: Compressor[];
  /** Default request compression for calls that do not choose (`"identity"` unless set). */
  compression?: string;
  /** Client interceptors, outermost first. */
  interceptors?: ClientInterceptor[];
  /**
   * Per-method defaults and retry policies (grpc/grpc doc/service_config.md, gRFC A6), as an object or
   * its JSON text. Retries apply to every call kind: a client-streaming or bidi call keeps the messages it
   * sent (within `perCallRetryBufferBytes` and `retryBufferBytes`) and replays them on the next attempt.
   */
  serviceConfig?: ServiceConfig | string;
  /**
   * Request bytes all calls on the channel may keep for retries together (gRFC A6
   * `retry_buffer_size_in_bytes`; default 16 MiB). A call that does not fit is sent but not retried.
   */
  retryBufferBytes?: number;
  /**
   * Request bytes one call may keep for retries (gRFC A6 `per_rpc_buffer_limit_in_bytes`; default 1 MiB).
   * A stream that sends more is committed: it goes on without buffering and is not retried.
   */
  perCallRetryBufferBytes?: number;
  /** Sends an HTTP/2 PING after this long without activity while calls are open; off when absent. */
  keepaliveTimeMs?: number;
  /** Closes the connection when a keepalive PING gets no answer within this long (default 20 s). */
  keepaliveTimeoutMs?: number;
  /** Extra node:http2 session settings (flow-control windows, header list size…). */
  sessionOptions?: ClientSessionOptions;
  /**
   * How calls spread over the target's addresses (grpc/grpc doc/load-balancing.md): `"pick_first"` (the
   * default) keeps one connection to the first address that answers; `"round_robin"` connects to every
   * address and rotates calls over the connections that are up.
   */
  loadBalancing?: "pick_first" | "round_robin";
  /** Closes the connections after this long without calls; the next call reconnects (default 30 min, `Infinity` for never). */
  idleTimeoutMs?: number;
}

/**
 * A connection to one target, shared by every client made on it. Connects on the first call, multiplexes
 * calls over one HTTP/2 connection, and reconnects with backoff after failures.
 */
export interface Channel {
  /** The target string the channel was created with. */
  readonly target: string;
  /**
   * The current connectivity state; with `tryToConnect`, an IDLE channel starts connecting.
   */
  getState(tryToConnect?: boolean): ConnectivityState;
  /**
   * Resolves with the new state as soon as the state differs from `from`; rejects with the signal's
   * reason when `signal` aborts first.
   */
  waitForStateChange(from: ConnectivityState, signal?: AbortSignal): Promise<ConnectivityState>;
  /** Connects if needed and resolves once READY; rejects on `close()` or when `signal` aborts. */
  waitForReady(signal?: AbortSignal): Promise<void>;
  /**
   * Closes the channel: new calls fail with UNAVAILABLE, calls in flight are cancelled, the connection is
   * closed. Idempotent.
   */
  close(): void;
}

/** One HTTP/2 session plus the number of calls open on it (the session keeps the process alive only then). */
export interface Transport {
  readonly session: ClientHttp2Session;
  active: number;
  /** The address it is connected to, as `formatAddress` prints it. */
  readonly address: string;
}

/** A call waiting for the channel to become READY. */
export interface ReadyWaiter {
  readonly waitForReady: boolean;
  ready(transport: Transport): void;
  fail(error: RpcError): void;
}

/** Settings the call layer reads from a channel, resolved once at creation. */
export interface ChannelSettings {
  readonly scheme: "http" | "https";
  readonly authority: string;
  readonly userAgent: string;
  readonly isSecure: boolean;
  readonly callCredentials: CallCredentials | undefined;
  readonly maxReceiveMessageBytes: number;
  readonly maxSendMessageBytes: number;
  readonly compressors: ReadonlyMap<string, Compressor>;
  /** The `grpc-accept-encoding` value we send. */
  readonly acceptEncoding: string;
  readonly compression: Compressor | undefined;
  readonly interceptors: readonly ClientInterceptor[];
}

const DEFAULT_MAX_RECEIVE = 4 * 1024 * 1024;
/** Retry buffer defaults, grpc-java's and grpc-js's: 16 MiB per channel, 1 MiB per call. */
const DEFAULT_RETRY_BUFFER_BYTES = 16 * 1024 * 1024;
const DEFAULT_PER_CALL_RETRY_BUFFER_BYTES = 1024 * 1024;
/** gRPC's default channel idle timeout (grpc-core's GRPC_ARG_CLIENT_IDLE_TIMEOUT_MS): 30 minutes. */
const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
const USER_AGENT = `spindle-node/0.1.0 node/${process.versions.node}`;

/**
 * Creates a channel to `target`.
 *
 * Targets: `host:port`, `dns:///host:port`, `ipv4:127.0.0.1:50051`, `unix:relative/path`, `unix:///abs/path`.
 * Throws an `Error` for a malformed target or option.
 *
 * @example
 * ```ts
 * const channel = createChannel("localhost:50051");
 * const catalog = createClient(Catalog, channel);
 * // …
 * channel.close();
 * ```
 */
export function createChannel(target: string, options: ChannelOptions = {}): Channel {
  return new ChannelCore(target, options);
}

/** The implementation behind `Channel`; the call layer uses its extra members. */
export class ChannelCore implements Channel {
  readonly target: string;
  readonly settings: ChannelSettings;
  private readonly parsed: Target;
  private readonly options: ChannelOptions;
  private readonly backoff: Backoff;
  private state: ConnectivityState = ConnectivityState.IDLE;
  /** Connections calls may use: at most one with pick_first, one per address with round_robin. */
  private transports: Transport[] = [];
  private next = 0;
  private readonly roundRobin: boolean;
  /** Calls open on any transport, for idleness. */
  private activeCalls = 0;
  private idleSince = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly idleTimeoutMs: number;
  /** Reconnects the missing addresses of a round_robin channel that lost some but not all connections. */
  private refillTimer: NodeJS.Timeout | undefined;
  /** Every session opened and not yet closed, so that close() can end them all. */
  private readonly sessions = new Set<ClientHttp2Session>();
  private waiters: ReadyWaiter[] = [];
  private stateListeners: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private attempt = 0;

  constructor(target: string, options: ChannelOptions) {
    this.target = target;
    this.parsed = parseTarget(target);
    this.options = options;
    this.backoff = createBackoff(options.backoff);
    const tls = options.tls === true ? {} : options.tls || undefined;
    const compressors = new Map<string, Compressor>();
    for (const c of options.compressors ?? nodeCompressors) compressors.set(c.name, c);
    const compression = options.compression === undefined || options.compression === "identity" ? undefined : compressors.get(options.compression);
    if (options.compression !== undefined && options.compression !== "identity" && !compression) {
      throw new Error(`channel compression ${JSON.stringify(options.compression)} is not among the channel's compressors (${[...compressors.keys()].join(", ")})`);
    }
    const maxReceive = options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE;
    if (!(maxReceive > 0)) throw new Error(`maxReceiveMessageBytes must be positive, got ${maxReceive}`);
    this.settings = {
      scheme: tls ? "https" : "http",
      authority: options.authority ?? this.parsed.authority,
      userAgent: options.userAgent ? `${options.userAgent} ${USER_AGENT}` : USER_AGENT,
      isSecure: tls !== undefined,
      callCredentials: options.callCredentials,
      maxReceiveMessageBytes: maxReceive,
      maxSendMessageBytes: options.maxSendMessageBytes ?? Infinity,
      compressors,
      acceptEncoding: [...compressors.keys()].filter((n) => n !== "identity").concat("identity").join(","),
      compression,
      interceptors: options.interceptors ?? [],
    };
    this.tls = tls;
    const lb = options.loadBalancing ?? "pick_first";
    if (lb !== "pick_first" && lb !== "round_robin") throw new Error(`loadBalancing must be "pick_first" or "round_robin", got ${JSON.stringify(lb)}`);
    this.roundRobin = lb === "round_robin";
    const idle = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    if (!(idle > 0)) throw new Error(`idleTimeoutMs must be positive (Infinity for never), got ${idle}`);
    this.idleTimeoutMs = idle;
    this.serviceConfig = options.serviceConfig === undefined ? undefined : parseServiceConfig(options.serviceConfig);
    const throttling = this.serviceConfig?.retryThrottling;
    const throttle = throttling ? new RetryThrottle(throttling.maxTokens, throttling.tokenRatio) : undefined;
    this.retryThrottle = throttle;
    const poolBytes = options.retryBufferBytes ?? DEFAULT_RETRY_BUFFER_BYTES;
    const perCallBytes = options.perCallRetryBufferBytes ?? DEFAULT_PER_CALL_RETRY_BUFFER_BYTES;
    if (!(poolBytes >= 0)) throw new Error(`retryBufferBytes must be a non-negative number, got ${poolBytes}`);
    if (!(perCallBytes >= 0)) throw new Error(`perCallRetryBufferBytes must be a non-negative number, got ${perCallBytes}`);
    this.retryLimits = { pool: new RetryBufferPool(poolBytes), perCallBytes, throttle };
  }

  private readonly tls: TlsCredentials | undefined;
  /** The validated service config, if one was given. */
  readonly serviceConfig: ResolvedServiceConfig | undefined;
  /** What the server listed in `grpc-accept-encoding`, once seen: request compression stays within it. */
  peerAcceptEncoding: string[] | undefined;
  /** Retry throttling shared by every call on the channel (gRFC A6). */
  readonly retryThrottle: RetryThrottle | undefined;
  /** The retry buffer budget and throttle every retried call on the channel shares. */
  readonly retryLimits: CallRetryLimits;

  /** Whether call credentials may travel over a plaintext connection (ChannelOptions.allowInsecureCallCredentials). */
  get allowsInsecureCallCredentials(): boolean {
    return this.options.allowInsecureCallCredentials === true;
  }

  getState(tryToConnect = false): ConnectivityState {
    if (tryToConnect && this.state === ConnectivityState.IDLE) this.connect();
    return this.state;
  }

  waitForStateChange(from: ConnectivityState, signal?: AbortSignal): Promise<ConnectivityState> {
    if (this.state !== from) return Promise.resolve(this.state);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.stateListeners = this.stateListeners.filter((l) => l !== listener);
        reject(signal!.reason);
      };
      const listener = () => {
        if (this.state === from) return;
        this.stateListeners = this.stateListeners.filter((l) => l !== listener);
        signal?.removeEventListener("abort", onAbort);
        resolve(this.state);
      };
      this.stateListeners.push(listener);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  waitForReady(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.removeWaiter(waiter);
        reject(signal!.reason);
      };
      const waiter: ReadyWaiter = {
        waitForReady: true,
        ready: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        fail: (e) => {
          signal?.removeEventListener("abort", onAbort);
          reject(e);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.addWaiter(waiter);
    });
  }

  close(): void {
    if (this.state === ConnectivityState.SHUTDOWN) return;
    clearTimeout(this.retryTimer);
    clearTimeout(this.refillTimer);
    clearTimeout(this.idleTimer);
    this.transports = [];
    this.setState(ConnectivityState.SHUTDOWN);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.fail(new RpcError(Status.UNAVAILABLE, "channel closed"));
    // Calls in flight end with CANCELLED: their streams are reset when the sessions are destroyed.
    for (const session of this.sessions) session.destroy();
    this.sessions.clear();
  }

  /** The READY transport, or undefined (then use `addWaiter`). The unary fast path calls this first. */
  readyTransport(): Transport | undefined {
    const list = this.transports;
    const n = list.length;
    if (n <= 1) return list[0];
    this.next = (this.next + 1) % n;
    return list[this.next];
  }

  /**
   * Queues a call until READY. Fails it at once when the channel is shut down, or (unless it waits for
   * ready) when the channel is in TRANSIENT_FAILURE.
   */
  addWaiter(waiter: ReadyWaiter): void {
    switch (this.state) {
      case ConnectivityState.READY:
        waiter.ready(this.readyTransport()!);
        return;
      case ConnectivityState.SHUTDOWN:
        waiter.fail(new RpcError(Status.UNAVAILABLE, "channel closed"));
        return;
      case ConnectivityState.TRANSIENT_FAILURE:
        if (!waiter.waitForReady) {
          waiter.fail(this.unavailable());
          return;
        }
        break;
      case ConnectivityState.IDLE:
        this.waiters.push(waiter);
        this.connect();
        return;
    }
    this.waiters.push(waiter);
  }

  /** Forgets a queued call (it was cancelled or hit its deadline while waiting). */
  removeWaiter(waiter: ReadyWaiter): void {
    const i = this.waiters.indexOf(waiter);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  /**
   * Stops handing out `transport` to new calls (the server refused a stream on it or it is closing); the
   * next call connects anew. Calls in flight on it continue.
   */
  discard(transport: Transport): void {
    if (!this.transports.includes(transport)) return;
    if (!transport.session.closed && !transport.session.destroyed) transport.session.close();
    this.lose(transport);
  }

  /**
   * Takes a lost connection out of the rotation. With none left, the channel goes IDLE and reconnects on
   * the next call (doc/connectivity-semantics-and-api.md); a round_robin channel with others left
   * reconnects the missing address in the background after a backoff delay.
   */
  private lose(transport: Transport): void {
    const i = this.transports.indexOf(transport);
    if (i < 0) return;
    this.transports.splice(i, 1);
    if (this.transports.length > 0) {
      if (this.roundRobin && this.refillTimer === undefined && this.state !== ConnectivityState.SHUTDOWN) {
        this.refillTimer = setTimeout(() => {
          this.refillTimer = undefined;
          void this.refill();
        }, this.backoff.next());
        this.refillTimer.unref();
      }
      return;
    }
    if (this.state === ConnectivityState.READY) {
      this.setState(ConnectivityState.IDLE);
      if (this.waiters.length > 0) this.connect();
    }
  }

  /** Marks a call as open on `transport`: the connection keeps the process alive while calls are open. */
  retain(transport: Transport): void {
    if (transport.active++ === 0) transport.session.ref();
    this.activeCalls++;
  }

  /** Marks a call on `transport` as finished. */
  release(transport: Transport): void {
    if (--transport.active === 0 && !transport.session.destroyed) transport.session.unref();
    if (--this.activeCalls === 0) {
      this.idleSince = Date.now();
      if (this.idleTimer === undefined && this.idleTimeoutMs !== Infinity) this.armIdleTimer(this.idleTimeoutMs);
    }
  }

  /**
   * After `idleTimeoutMs` without calls the channel closes its connections and goes IDLE (gRPC's
   * channel idleness); the next call reconnects. One timer per idle period, re-armed when calls came
   * and went in between, so the per-call cost is a counter and a clock read.
   */
  private armIdleTimer(ms: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.activeCalls > 0 || this.state !== ConnectivityState.READY) return;
      const left = this.idleSince + this.idleTimeoutMs - Date.now();
      if (left > 0) {
        this.armIdleTimer(left);
        return;
      }
      const transports = this.transports;
      this.transports = [];
      for (const t of transports) if (!t.session.closed && !t.session.destroyed) t.session.close();
      this.setState(ConnectivityState.IDLE);
    }, ms);
    this.idleTimer.unref();
  }

  private unavailable(): RpcError {
    return new RpcError(Status.UNAVAILABLE, `channel to ${this.target} is unavailable${this.lastError ? `: ${this.lastError}` : ""}`);
  }

  private setState(state: ConnectivityState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of [...this.stateListeners]) l();
  }

  private connect(): void {
    if (this.state === ConnectivityState.SHUTDOWN || this.state === ConnectivityState.CONNECTING || this.state === ConnectivityState.READY) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.setState(ConnectivityState.CONNECTING);
    const attempt = ++this.attempt;
    void this.runAttempt(attempt);
  }

  private async runAttempt(attempt: number): Promise<void> {
    let error = "no address to connect to";
    let connected = false;
    const stale = () => attempt !== this.attempt || this.state === ConnectivityState.SHUTDOWN;
    const dial = (address: Address, timeoutMs: number) =>
      connectSession(address, { authority: this.settings.authority, tls: this.tls, timeoutMs, sessionOptions: this.options.sessionOptions }).then(
        (session) => {
          if (stale()) {
            session.destroy();
            return;
          }
          connected = true;
          this.onConnected(session, formatAddress(address));
        },
        (e: unknown) => {
          error = `${formatAddress(address)}: ${e instanceof Error ? e.message : String(e)}`;
        },
      );
    try {
      const addresses = await resolveTarget(this.parsed, this.options.resolver);
      const timeoutMs = this.backoff.connectTimeoutMs();
      if (this.roundRobin) {
        // Every address at once; the first connection up makes the channel READY.
        await Promise.all(addresses.map((a) => dial(a, timeoutMs)));
      } else {
        // pick_first: one address after the other until one answers.
        for (const address of addresses) {
          if (stale() || connected) break;
          await dial(address, timeoutMs);
        }
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (!stale() && !connected) this.onConnectFailed(error);
  }

  /** round_robin: connects the resolved addresses that have no connection (after some were lost). */
  private async refill(): Promise<void> {
    if (this.state !== ConnectivityState.READY) return;
    let addresses: Address[];
    try {
      addresses = await resolveTarget(this.parsed, this.options.resolver);
    } catch {
      return;
    }
    const have = new Set(this.transports.map((t) => t.address));
    await Promise.all(
      addresses
        .filter((a) => !have.has(formatAddress(a)))
        .map((a) =>
          connectSession(a, { authority: this.settings.authority, tls: this.tls, timeoutMs: this.backoff.connectTimeoutMs(), sessionOptions: this.options.sessionOptions }).then(
            (session) => {
              if (this.state === ConnectivityState.SHUTDOWN) session.destroy();
              else this.onConnected(session, formatAddress(a));
            },
            () => undefined,
          ),
        ),
    );
  }

  private onConnected(session: ClientHttp2Session, address: string): void {
    this.backoff.reset();
    this.lastError = undefined;
    this.sessions.add(session);
    const transport: Transport = { session, active: 0, address };
    // Idle connections must not keep the process alive; retain() refs the session while calls are open.
    session.unref();
    const detach = () => this.lose(transport);
    // GOAWAY: calls in flight finish on the old session; new calls need a new one.
    session.once("goaway", detach);
    session.once("close", () => {
      this.sessions.delete(session);
      detach();
    });
    this.startKeepalive(transport);
    this.transports.push(transport);
    this.setState(ConnectivityState.READY);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.ready(transport);
  }

  private onConnectFailed(error: string): void {
    this.lastError = error;
    this.setState(ConnectivityState.TRANSIENT_FAILURE);
    const kept: ReadyWaiter[] = [];
    const failed: ReadyWaiter[] = [];
    for (const w of this.waiters) (w.waitForReady ? kept : failed).push(w);
    this.waiters = kept;
    const err = this.unavailable();
    for (const w of failed) w.fail(err);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.state !== ConnectivityState.TRANSIENT_FAILURE) return;
      // Only keep dialling while someone waits; otherwise rest in IDLE until the next call.
      if (this.waiters.length > 0) {
        this.setState(ConnectivityState.IDLE);
        this.connect();
      } else {
        this.setState(ConnectivityState.IDLE);
      }
    }, this.backoff.next());
    // A call waiting for ready must keep the process alive until it connects or gives up; with nobody
    // waiting, a reconnect timer alone must not.
    if (this.waiters.length === 0) this.retryTimer.unref();
  }

  private startKeepalive(transport: Transport): void {
    const interval = this.options.keepaliveTimeMs;
    if (interval === undefined) return;
    if (!(interval > 0)) throw new Error(`keepaliveTimeMs must be positive, got ${interval}`);
    const timeoutMs = this.options.keepaliveTimeoutMs ?? 20_000;
    const session = transport.session;
    const timer = setInterval(() => {
      if (transport.active === 0 || session.destroyed) return;
      const deadline = setTimeout(() => session.destroy(new Error(`keepalive ping not answered within ${timeoutMs} ms`)), timeoutMs);
      deadline.unref();
      const sent = session.ping((err) => {
        clearTimeout(deadline);
        if (err && !session.destroyed) session.destroy(err);
      });
      if (!sent) clearTimeout(deadline);
    }, interval);
    timer.unref();
    session.once("close", () => clearInterval(timer));
  }
}
