/**
 * The shapes of the well-known message types as Spindle represents them (DESIGN.md): what `fromBinary` gives
 * for `google.protobuf.Timestamp` and friends, for code that handles them by hand.
 */

/** `google.protobuf.Any`. */
export interface Any {
  typeUrl: string;
  value: Uint8Array;
}

/** `google.protobuf.Timestamp`: seconds since the Unix epoch, and nanoseconds (0–999,999,999). */
export interface Timestamp {
  seconds: bigint;
  nanos: number;
}

/** `google.protobuf.Duration`: seconds and nanoseconds of the same sign. */
export interface Duration {
  seconds: bigint;
  nanos: number;
}
