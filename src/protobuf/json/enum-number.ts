/**
 * Enum values given as quoted numbers (`"1"`): the ProtoJSON spec says parsers accept enum names and integer
 * values, and the C++ reference parser (src/google/protobuf/json/internal/parser.cc, `ParseEnumFromStr`)
 * also reads a string that names no value as a number when `absl::SimpleAtoi` accepts it as an int32. This
 * file reads such a string exactly as `SimpleAtoi` does.
 */

/** The characters `absl::ascii_isspace` counts as white space. */
const ASCII_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
const DECIMAL = /^[+-]?[0-9]+$/;

/**
 * The int32 a string spells in `absl::SimpleAtoi`'s base-10 syntax: ASCII white space around it, an optional
 * `+` or `-`, then decimal digits (leading zeros allowed; no `0x`, fraction, exponent or `_`). `undefined`
 * when it spells none, or a number outside the int32 range.
 */
export function enumNumberFromString(text: string): number | undefined {
  const trimmed = text.replace(ASCII_SPACE, "");
  if (!DECIMAL.test(trimmed)) return undefined;
  // Digits past ~16 would round in a double; they are out of range anyway, so compare on the BigInt.
  const n = BigInt(trimmed);
  if (n < -0x80000000n || n > 0x7fffffffn) return undefined;
  return Number(n);
}
