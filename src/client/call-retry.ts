// gRFC A6 (grpc/proposal A6-client-retries.md) for one call under a service config retryPolicy: the budget
// of buffered request bytes, commitment, and the delay before the next attempt. The call keeps the frames
// themselves (it replays them); this class decides.
import type { Status } from "../grpc/index.js";
import type { RetryPolicy, RetryThrottle } from "./service-config.js";

/**
 * Request bytes kept for replay by every call on a channel (A6 "Memory Management (Buffering)":
 * `retry_buffer_size_in_bytes`), so that many retryable streams cannot together hold unbounded memory.
 */
export class RetryBufferPool {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  /** Bytes currently held by calls. */
  get usedBytes(): number {
    return this.used;
  }

  /** Takes `bytes` from the pool; false (and nothing taken) when it would go past the limit. */
  tryReserve(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  /** Gives back bytes taken with `tryReserve`. */
  release(bytes: number): void {
    this.used -= bytes;
  }
}

/** What `CallRetry` needs from its channel. */
export interface CallRetryLimits {
  readonly pool: RetryBufferPool;
  /** A6 `per_rpc_buffer_limit_in_bytes`: one call's share, so one big stream cannot take the whole pool. */
  readonly perCallBytes: number;
  readonly throttle: RetryThrottle | undefined;
}

/** Largest `grpc-retry-pushback-ms` (A6: a signed 32-bit integer). */
const MAX_PUSHBACK_MS = 2 ** 31 - 1;

/**
 * The retry state of one call. The call asks `admit` before it keeps a sent frame for replay, calls
 * `commit` when response headers arrive (A6 "When Retries are Valid"), and asks `nextDelayMs` when an
 * attempt fails.
 */
export class CallRetry {
  /** Attempts started so far, the first included (`grpc-previous-rpc-attempts` is this minus one). */
  attempts = 1;
  /** No more attempts: response headers arrived, or the request outgrew the buffer. */
  committed = false;
  /** Retries since the last pushback: the exponent of the backoff (A6: a pushback resets it). */
  private backoffStep = 0;
  private heldBytes = 0;
  private readonly policy: RetryPolicy;
  private readonly limits: CallRetryLimits;

  constructor(policy: RetryPolicy, limits: CallRetryLimits) {
    this.policy = policy;
    this.limits = limits;
  }

  /**
   * Accounts for a frame of `bytes` about to be kept for replay. False when it does not fit in the call's
   * share or the channel's pool: then the call is committed (and its bytes released), and the caller drops
   * its replay buffer; the frame is still sent.
   */
  admit(bytes: number): boolean {
    if (this.committed) return false;
    if (this.heldBytes + bytes > this.limits.perCallBytes || !this.limits.pool.tryReserve(bytes)) {
      this.commit();
      return false;
    }
    this.heldBytes += bytes;
    return true;
  }

  /** Commits the call: no more attempts; the buffered bytes go back to the pool. Idempotent. */
  commit(): void {
    this.committed = true;
    if (this.heldBytes > 0) {
      this.limits.pool.release(this.heldBytes);
      this.heldBytes = 0;
    }
  }

  /**
   * After an attempt failed with `code`: the delay in ms before the next attempt, or undefined to end the
   * call with this failure. No retry for a code the policy does not list, a committed call, a request
   * that was not kept whole (`canReplay` false), attempts used up, a tripped throttle, or a pushback that
   * says no (negative or unreadable). A valid pushback replaces the backoff and resets it.
   */
  nextDelayMs(code: Status, pushback: unknown, canReplay: boolean): number | undefined {
    const policy = this.policy;
    if (!policy.retryableStatusCodes.has(code)) return undefined;
    // A6: a retryable failure counts against the throttle even when this call cannot retry any more.
    const throttle = this.limits.throttle;
    const allowed = throttle === undefined ? true : throttle.onFailure();
    if (!allowed || this.committed || !canReplay || this.attempts >= policy.maxAttempts) return undefined;
    let delayMs: number;
    if (pushback !== undefined) {
      const ms = parsePushback(pushback);
      if (ms === undefined) return undefined;
      delayMs = ms;
      this.backoffStep = 0;
    } else {
      const bound = Math.min(policy.initialBackoffMs * policy.backoffMultiplier ** this.backoffStep, policy.maxBackoffMs);
      delayMs = Math.random() * bound;
      this.backoffStep++;
    }
    this.attempts++;
    return delayMs;
  }
}

/**
 * Reads `grpc-retry-pushback-ms`: milliseconds to wait, or undefined for "do not retry" (a negative value,
 * anything but a decimal integer, or past the 32-bit range). A repeated header counts as unreadable.
 */
export function parsePushback(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^-?\d{1,10}$/.test(value)) return undefined;
  const ms = Number(value);
  return ms >= 0 && ms <= MAX_PUSHBACK_MS ? Math.max(ms, 0) : undefined; // max: "-0" is 0, not -0
}
