/**
 * `google.protobuf.Timestamp` in JSON: an RFC 3339 string in UTC ("Z") on output, with 0, 3, 6 or 9
 * fractional digits; on input any offset is accepted and folded into the seconds.
 *
 * The range is what timestamp.proto documents: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
 * Calendar arithmetic is done by hand (proleptic Gregorian, days since the epoch) rather than with `Date`,
 * which cannot express years below 100 without extra care and has no nanoseconds.
 */
import { JsonValueError } from "./json-value-error.js";

/** Seconds of 0001-01-01T00:00:00Z. */
export const TIMESTAMP_MIN_SECONDS = -62135596800;
/** Seconds of 9999-12-31T23:59:59Z. */
export const TIMESTAMP_MAX_SECONDS = 253402300799;

/**
 * Formats a Timestamp's fields as RFC 3339 in UTC.
 *
 * @throws JsonValueError when seconds are outside year 1..9999 or nanos outside 0..999,999,999.
 * @example formatTimestamp(0n, 10_000_000) // "1970-01-01T00:00:00.010Z"
 */
export function formatTimestamp(seconds: bigint | number | string, nanos: number): string {
  const s = Number(seconds);
  if (!Number.isSafeInteger(s) || s < TIMESTAMP_MIN_SECONDS || s > TIMESTAMP_MAX_SECONDS) {
    throw new JsonValueError(
      `Timestamp seconds ${String(seconds)} out of range (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z)`,
    );
  }
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
    throw new JsonValueError(`Timestamp nanos ${nanos} out of range 0..999999999`);
  }
  const days = Math.floor(s / 86400);
  const secOfDay = s - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${formatNanos(nanos)}Z`;
}

const timestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp (`T` and `Z` upper case, 1 to 9 fractional digits, `Z` or `±hh:mm`).
 *
 * @throws JsonValueError when the text has another shape, a component is out of its range (month 13,
 *   February 29 of a common year, hour 24, second 60, offset hour 24), or the instant falls outside
 *   year 1..9999 once the offset is applied.
 */
export function parseTimestamp(text: string): { seconds: bigint; nanos: number } {
  const m = timestampPattern.exec(text);
  if (!m) {
    throw new JsonValueError(
      `invalid Timestamp ${JSON.stringify(text)}: expected RFC 3339 like "1972-01-01T10:00:20.021Z"`,
    );
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const bad = (what: string) => new JsonValueError(`invalid Timestamp ${JSON.stringify(text)}: ${what}`);
  if (year < 1) throw bad("year 0000 is before 0001-01-01");
  if (month < 1 || month > 12) throw bad(`month ${month} out of range`);
  if (day < 1 || day > daysInMonth(year, month)) throw bad(`day ${day} out of range for ${pad(year, 4)}-${pad(month, 2)}`);
  if (hour > 23) throw bad(`hour ${hour} out of range`);
  if (minute > 59) throw bad(`minute ${minute} out of range`);
  if (second > 59) throw bad(`second ${second} out of range`);
  let offset = 0;
  if (m[8] !== undefined) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23) throw bad(`offset hour ${oh} out of range`);
    if (om > 59) throw bad(`offset minute ${om} out of range`);
    offset = (m[8] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  if (seconds < TIMESTAMP_MIN_SECONDS || seconds > TIMESTAMP_MAX_SECONDS) {
    throw bad("out of range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z");
  }
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, "0"));
  return { seconds: BigInt(seconds), nanos };
}

/** Fractional seconds as the JSON mapping writes them: none, or 3, 6 or 9 digits, whichever is exact. */
export function formatNanos(nanos: number): string {
  if (nanos === 0) return "";
  if (nanos % 1_000_000 === 0) return `.${pad(nanos / 1_000_000, 3)}`;
  if (nanos % 1_000 === 0) return `.${pad(nanos / 1_000, 6)}`;
  return `.${pad(nanos, 9)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar, counted in 400-year eras of 146097 days
// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
