/**
 * The `grpc-timeout` header (grpc/grpc doc/PROTOCOL-HTTP2.md): `Timeout → TimeoutValue TimeoutUnit`, where
 * TimeoutValue is a positive integer of at most 8 ASCII digits and TimeoutUnit one of `H` (hours), `M`
 * (minutes), `S` (seconds), `m` (milliseconds), `u` (microseconds), `n` (nanoseconds).
 */

const maxValue = 99_999_999;

/** Milliseconds per unit. */
const unitMs: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

/**
 * Formats a timeout in milliseconds for `grpc-timeout`, choosing the finest unit whose value fits in 8
 * digits and rounding up, so the server never gives up before the client would (grpc-go encodeTimeout does
 * the same). Whole milliseconds start at `m`; fractions use `u` or `n` when they fit.
 *
 * - `ms <= 0` (or NaN) → `"0n"`: the deadline has already passed.
 * - Anything beyond 99999999 hours (or `Infinity`) is clamped to `"99999999H"`.
 *
 * @example
 * ```ts
 * encodeTimeout(200); // "200m"
 * encodeTimeout(123_456_789); // "123457S"
 * ```
 */
export function encodeTimeout(ms: number): string {
  if (!(ms > 0)) return "0n";
  if (!Number.isInteger(ms)) {
    const ns = Math.ceil(ms * 1e6);
    if (ns <= maxValue) return `${ns}n`;
    const us = Math.ceil(ms * 1e3);
    if (us <= maxValue) return `${us}u`;
  }
  const wholeMs = Math.ceil(ms);
  if (wholeMs <= maxValue) return `${wholeMs}m`;
  for (const unit of ["S", "M", "H"] as const) {
    const value = Math.ceil(ms / unitMs[unit]!);
    if (value <= maxValue) return `${value}${unit}`;
  }
  return `${maxValue}H`;
}

/**
 * Parses a `grpc-timeout` value into milliseconds (fractional for `u` and `n`). Returns `undefined` when the
 * value is malformed: empty, more than 8 digits, a sign, whitespace, a decimal point, or an unknown unit.
 * The largest value, `99999999H`, is about 3.6e14 ms: exact as a number, but beyond what `setTimeout`
 * takes (2^31-1 ms), so timers must clamp or re-arm.
 *
 * @example
 * ```ts
 * parseTimeout("1S"); // 1000
 * parseTimeout("500u"); // 0.5
 * parseTimeout("1.5S"); // undefined
 * ```
 */
export function parseTimeout(value: string): number | undefined {
  const digits = value.length - 1;
  if (digits < 1 || digits > 8) return undefined;
  let n = 0;
  for (let i = 0; i < digits; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  switch (value.charCodeAt(digits)) {
    case 72 /* H */:
      return n * 3_600_000;
    case 77 /* M */:
      return n * 60_000;
    case 83 /* S */:
      return n * 1000;
    case 109 /* m */:
      return n;
    case 117 /* u */:
      return n / 1e3;
    case 110 /* n */:
      return n / 1e6;
    default:
      return undefined;
  }
}
