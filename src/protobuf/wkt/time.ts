/**
 * `google.protobuf.Timestamp` and `google.protobuf.Duration` from and to JavaScript time.
 */
import type { Duration, Timestamp } from "./types.js";

/**
 * A Timestamp for a millisecond epoch time (a Date's `getTime()`), nanos always in [0, 1e9).
 *
 * @example
 * ```ts
 * timestampFromMs(Date.now());
 * ```
 */
export function timestampFromMs(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: BigInt(seconds), nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** A Timestamp for a Date. */
export function timestampFromDate(date: Date): Timestamp {
  return timestampFromMs(date.getTime());
}

/** The current time as a Timestamp. */
export function timestampNow(): Timestamp {
  return timestampFromMs(Date.now());
}

/** Milliseconds since the epoch (sub-millisecond nanos are kept as a fraction). */
export function timestampMs(ts: { seconds?: bigint | number | string; nanos?: number }): number {
  return Number(ts.seconds ?? 0) * 1000 + (ts.nanos ?? 0) / 1e6;
}

/** A Date for a Timestamp (millisecond precision, as Date has). */
export function timestampDate(ts: { seconds?: bigint | number | string; nanos?: number }): Date {
  return new Date(Math.floor(timestampMs(ts)));
}

/** A Duration of `ms` milliseconds; seconds and nanos share the sign, as the Duration spec requires. */
export function durationFromMs(ms: number): Duration {
  const seconds = Math.trunc(ms / 1000);
  return { seconds: BigInt(seconds), nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** A Duration's length in milliseconds. */
export function durationMs(d: { seconds?: bigint | number | string; nanos?: number }): number {
  return Number(d.seconds ?? 0) * 1000 + (d.nanos ?? 0) / 1e6;
}
