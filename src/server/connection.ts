// One client connection (HTTP/2 session): its calls, keepalive pings, ping policy, idle and age limits
// (grpc/grpc doc/keepalive.md; grpc-go keepalive.ServerParameters and EnforcementPolicy).
import type { ServerHttp2Session } from "node:http2";
import { RpcError, Status } from "../grpc/index.js";
import type { ResolvedServerOptions } from "./options.js";
import type { CallShared, ServerCall } from "./server-call.js";

/** HTTP/2 error code ENHANCE_YOUR_CALM (RFC 9113 §7), sent with GOAWAY "too_many_pings". */
const ENHANCE_YOUR_CALM = 0xb;

/** Per-connection bookkeeping; also the `CallShared` of the calls on it. */
export class Connection implements CallShared {
  /** Calls in flight, for idle tracking, the ping policy and cancellation on shutdown. */
  readonly calls = new Set<ServerCall>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private ageTimer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private killTimer: ReturnType<typeof setTimeout> | undefined;
  private lastClientPingAt = 0;
  private pingStrikes = 0;
  private isClosed = false;

  constructor(
    readonly session: ServerHttp2Session,
    readonly options: ResolvedServerOptions,
    /** The socket path, for connections accepted on a unix socket (their peer address is unnamed). */
    readonly unixPath: string | undefined,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    session.on("close", () => this.cleanup());
    session.on("error", (e) => options.onError(e, {}));
    session.on("ping", () => this.onClientPing());
    this.armIdle();
    if (Number.isFinite(options.maxConnectionAgeMs)) {
      // ±10% jitter so connections made together do not all go away together (grpc-go does the same).
      const age = Math.min(options.maxConnectionAgeMs * (0.9 + Math.random() * 0.2), 2 ** 31 - 1);
      this.ageTimer = setTimeout(() => this.onMaxAge(), age);
      this.ageTimer.unref();
    }
    if (Number.isFinite(options.keepalive.timeMs)) this.schedulePing();
  }

  /** A call started on this connection. */
  onCallStarted(call: ServerCall): void {
    this.calls.add(call);
    // A new call is activity: the ping policy forgives earlier pings (grpc-go resets strikes on data).
    this.pingStrikes = 0;
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
  }

  onCallClosed(call: ServerCall): void {
    this.calls.delete(call);
    if (this.calls.size === 0) this.armIdle();
  }

  /** Graceful close: GOAWAY now, let calls in flight finish. */
  goAway(): void {
    if (this.isClosed || this.session.closed || this.session.destroyed) return;
    this.session.close();
  }

  /** Cancels every call in flight with `err` and destroys the connection. */
  /**
   * Cancels every call in flight with `err` (the clients get it as their status), then closes the
   * connection; a peer that does not finish its streams within a second is cut off.
   */
  destroy(err: RpcError): void {
    for (const call of [...this.calls]) call.cancel(err);
    const session = this.session;
    if (session.destroyed) return this.cleanup();
    if (!session.closed) session.close();
    if (this.killTimer === undefined) {
      this.killTimer = setTimeout(() => {
        if (!session.destroyed) session.destroy();
      }, 1000);
      this.killTimer.unref();
    }
  }

  private armIdle(): void {
    const ms = this.options.maxConnectionIdleMs;
    if (!Number.isFinite(ms) || this.isClosed || this.idleTimer !== undefined) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.calls.size === 0) this.goAway();
    }, ms);
    this.idleTimer.unref();
  }

  private onMaxAge(): void {
    this.ageTimer = undefined;
    this.goAway();
    const grace = this.options.maxConnectionAgeGraceMs;
    if (Number.isFinite(grace)) {
      this.graceTimer = setTimeout(() => this.destroy(new RpcError(Status.UNAVAILABLE, "connection reached its maximum age")), grace);
      this.graceTimer.unref();
    }
  }

  private schedulePing(): void {
    const { timeMs, timeoutMs } = this.options.keepalive;
    this.pingTimer = setTimeout(() => {
      this.pingTimer = undefined;
      if (this.isClosed || this.session.destroyed) return;
      // No PING ack in time: the peer or the path is gone.
      const timeout = Number.isFinite(timeoutMs)
        ? setTimeout(() => this.destroy(new RpcError(Status.UNAVAILABLE, "keepalive ping timed out")), timeoutMs).unref()
        : undefined;
      try {
        this.session.ping((err) => {
          clearTimeout(timeout);
          if (err === null) this.schedulePing();
        });
      } catch {
        clearTimeout(timeout);
      }
    }, timeMs);
    this.pingTimer.unref();
  }

  private onClientPing(): void {
    const now = Date.now();
    const { minPingIntervalMs, permitWithoutCalls, maxPingStrikes } = this.options.keepalive;
    // Without calls, a client may ping at most every 2 hours unless permitted (doc/keepalive.md).
    const minInterval = this.calls.size === 0 && !permitWithoutCalls ? Math.max(minPingIntervalMs, 2 * 60 * 60 * 1000) : minPingIntervalMs;
    if (this.lastClientPingAt !== 0 && now - this.lastClientPingAt < minInterval) {
      this.pingStrikes++;
      if (this.pingStrikes > maxPingStrikes && !this.session.destroyed) {
        // The debug data tells gRPC clients to back off their keepalive time (doc/keepalive.md).
        this.session.goaway(ENHANCE_YOUR_CALM, 0, Buffer.from("too_many_pings"));
        for (const call of [...this.calls]) call.cancel(new RpcError(Status.UNAVAILABLE, "too many pings"));
        this.session.close();
        return;
      }
    }
    this.lastClientPingAt = now;
  }

  private cleanup(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const t of [this.idleTimer, this.ageTimer, this.graceTimer, this.pingTimer, this.killTimer]) if (t !== undefined) clearTimeout(t);
    this.idleTimer = this.ageTimer = this.graceTimer = this.pingTimer = this.killTimer = undefined;
    this.onClosed(this);
  }
}
