// Reconnect backoff as gRPC specifies it: grpc/grpc doc/connection-backoff.md.
// Exponential growth with a cap and ±20% jitter, so that many clients that lost the same server do not all
// come back at the same instant.

/** Knobs of the reconnect backoff; the defaults are the ones doc/connection-backoff.md names. */
export interface BackoffOptions {
  /** Delay before the first retry (INITIAL_BACKOFF, 1 s). */
  initialBackoffMs?: number;
  /** Growth factor per failed attempt (MULTIPLIER, 1.6). */
  multiplier?: number;
  /** Randomisation of each delay, as a fraction either way (JITTER, 0.2). */
  jitter?: number;
  /** Upper bound of the un-jittered delay (MAX_BACKOFF, 120 s). */
  maxBackoffMs?: number;
  /** Shortest time one connection attempt is given (MIN_CONNECT_TIMEOUT, 20 s). */
  minConnectTimeoutMs?: number;
}

/** A backoff sequence: each `next()` is the delay before the next attempt, `reset()` after a success. */
export interface Backoff {
  /** The delay in milliseconds to wait before the next attempt; grows until `reset()`. */
  next(): number;
  /** How long the next connection attempt may take: max(MIN_CONNECT_TIMEOUT, current backoff). */
  connectTimeoutMs(): number;
  /** Starts over at the initial delay, after a connection succeeded. */
  reset(): void;
}

/**
 * Creates a backoff sequence following grpc/grpc doc/connection-backoff.md.
 *
 * @param random - a source of uniform numbers in [0, 1); tests pass a seeded one.
 * @example
 * ```ts
 * const backoff = createBackoff({ initialBackoffMs: 100 });
 * setTimeout(reconnect, backoff.next());
 * ```
 */
export function createBackoff(options: BackoffOptions = {}, random: () => number = Math.random): Backoff {
  const initial = positive(options.initialBackoffMs, 1000, "initialBackoffMs");
  const multiplier = positive(options.multiplier, 1.6, "multiplier");
  const jitter = options.jitter ?? 0.2;
  if (!(jitter >= 0 && jitter < 1)) throw new Error(`backoff jitter must be in [0, 1), got ${jitter}`);
  const max = positive(options.maxBackoffMs, 120_000, "maxBackoffMs");
  const minConnect = positive(options.minConnectTimeoutMs, 20_000, "minConnectTimeoutMs");
  let current = Math.min(initial, max);
  return {
    next() {
      const delay = current * (1 + jitter * (2 * random() - 1));
      current = Math.min(current * multiplier, max);
      return Math.max(0, Math.round(delay));
    },
    connectTimeoutMs() {
      return Math.max(minConnect, current);
    },
    reset() {
      current = Math.min(initial, max);
    },
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`backoff ${name} must be a positive number, got ${value}`);
  return value;
}
