/**
 * `JSON.stringify` for {@link JsonValue}s, except that -0 is written as `-0.0`. The sign of a zero float
 * survives the binary format (and -0 is not a proto3 default), so JSON must keep it too, as protoc's C++ and
 * Python do; `JSON.stringify(-0)` would print `0`. `-0.0` rather than `-0` because parsers that read
 * integers as integers (Python's json) lose the sign of `-0` but not of `-0.0`.
 */
import type { JsonValue } from "./json-value.js";

/**
 * Writes a JSON value as text, indented by `spaces` (0: compact), in `JSON.stringify`'s layout.
 *
 * @example stringifyJson({ d: -0 }) // '{"d":-0.0}'
 */
export function stringifyJson(value: JsonValue, spaces = 0): string {
  return write(value, spaces > 0 ? " ".repeat(Math.min(spaces, 10)) : "", "");
}

function write(value: JsonValue, indent: string, current: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      return Object.is(value, -0) ? "-0.0" : JSON.stringify(value);
    case "string":
    case "boolean":
      return JSON.stringify(value);
  }
  const inner = current + indent;
  const open = indent ? `\n${inner}` : "";
  const sep = indent ? `,\n${inner}` : ",";
  const close = indent ? `\n${current}` : "";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${open}${value.map((v) => write(v, indent, inner)).join(sep)}${close}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return "{}";
  const colon = indent ? ": " : ":";
  return `{${open}${keys.map((k) => JSON.stringify(k) + colon + write(value[k]!, indent, inner)).join(sep)}${close}}`;
}
