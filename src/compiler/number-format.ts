/**
 * Number formatting as protoc does it: `SimpleDtoa` / `SimpleFtoa` (shortest of `%.15g`/`%.17g`, or
 * `%.6g`/`%.9g` for floats, that reads back to the same value), used for default values.
 */

/** C's `printf("%.<precision>g", value)` for finite values. */
function formatG(value: number, precision: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const exp = value.toExponential(precision - 1);
  const e = exp.indexOf("e");
  const x = Number(exp.slice(e + 1));
  if (x < precision && x >= -4) {
    return stripZeros(value.toFixed(precision - 1 - x));
  }
  const mantissa = stripZeros(exp.slice(0, e));
  const sign = x < 0 ? "-" : "+";
  const ax = Math.abs(x);
  return `${mantissa}e${sign}${ax < 10 ? "0" : ""}${ax}`;
}

function stripZeros(s: string): string {
  if (s.indexOf(".") < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 0x30) end--;
  if (s.charCodeAt(end - 1) === 0x2e) end--;
  return s.slice(0, end);
}

function special(value: number): string | undefined {
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (Number.isNaN(value)) return "nan";
  return undefined;
}

/** protoc's SimpleDtoa. */
export function formatDouble(value: number): string {
  const s = special(value);
  if (s !== undefined) return s;
  const short = formatG(value, 15);
  if (Number(short) === value) return short;
  return formatG(value, 17);
}

/** protoc's SimpleFtoa: the value is first rounded to a 32-bit float. */
export function formatFloat(value: number): string {
  const f = Math.fround(value);
  const s = special(f);
  if (s !== undefined) return s;
  const short = formatG(f, 6);
  // strtof reports ERANGE for subnormal results, which makes protoc fall back to 9 digits.
  const subnormal = f !== 0 && Math.abs(f) < 2 ** -126;
  if (!subnormal && Math.fround(Number(short)) === f) return short;
  return formatG(f, 9);
}
