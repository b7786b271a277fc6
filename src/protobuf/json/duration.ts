/**
 * `google.protobuf.Duration` in JSON: decimal seconds with an `s` suffix ("1.5s", "-0.000000001s"), with
 * 0, 3, 6 or 9 fractional digits on output.
 *
 * The range is duration.proto's: ±315,576,000,000 seconds (about ±10,000 years), nanos of the same sign as
 * the seconds and below one second in magnitude.
 */
import { JsonValueError } from "./json-value-error.js";
import { formatNanos } from "./timestamp.js";

/** The largest magnitude of `Duration.seconds`. */
export const DURATION_MAX_SECONDS = 315_576_000_000;

/**
 * Formats a Duration's fields as JSON text.
 *
 * @throws JsonValueError when seconds exceed ±315,576,000,000, nanos exceed ±999,999,999, or seconds and
 *   nanos have opposite signs.
 * @example formatDuration(-1n, -500_000_000) // "-1.500s"
 */
export function formatDuration(seconds: bigint | number | string, nanos: number): string {
  const s = Number(seconds);
  if (!Number.isSafeInteger(s) || Math.abs(s) > DURATION_MAX_SECONDS) {
    throw new JsonValueError(`Duration seconds ${String(seconds)} out of range ±${DURATION_MAX_SECONDS}`);
  }
  if (!Number.isInteger(nanos) || Math.abs(nanos) > 999_999_999) {
    throw new JsonValueError(`Duration nanos ${nanos} out of range ±999999999`);
  }
  if ((s > 0 && nanos < 0) || (s < 0 && nanos > 0)) {
    throw new JsonValueError(`Duration seconds ${s} and nanos ${nanos} have opposite signs`);
  }
  const sign = s < 0 || nanos < 0 ? "-" : "";
  return `${sign}${Math.abs(s)}${formatNanos(Math.abs(nanos))}s`;
}

const durationPattern = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;

/**
 * Parses JSON Duration text: an optional `-`, decimal seconds, up to 9 fractional digits, and `s`.
 *
 * @throws JsonValueError for another shape (no `s`, a `+`, an exponent, 10 fractional digits) or a value
 *   beyond ±315,576,000,000.999999999 seconds.
 */
export function parseDuration(text: string): { seconds: bigint; nanos: number } {
  const m = durationPattern.exec(text);
  if (!m) throw new JsonValueError(`invalid Duration ${JSON.stringify(text)}: expected seconds with an "s" suffix like "1.5s"`);
  const digits = m[2]!.replace(/^0+(?=\d)/, "");
  const s = digits.length > 12 ? Infinity : Number(digits);
  if (s > DURATION_MAX_SECONDS) {
    throw new JsonValueError(`invalid Duration ${JSON.stringify(text)}: out of range ±${DURATION_MAX_SECONDS}s`);
  }
  const nanos = m[3] === undefined ? 0 : Number(m[3].padEnd(9, "0"));
  const negative = m[1] === "-";
  return { seconds: BigInt(negative ? -s : s), nanos: negative && nanos !== 0 ? -nanos : nanos };
}
