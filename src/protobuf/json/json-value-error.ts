/**
 * The error the JSON helpers (scalars, Timestamp, Duration, FieldMask, the text parser) throw for a bad
 * value. It says what is wrong but not where: the converter that called the helper knows the field path and
 * turns it into a `ProtobufError` naming that path. Internal to the JSON mapping; users only see
 * `ProtobufError`.
 */
export class JsonValueError extends Error {
  override name = "JsonValueError";
}

/** Renders a JSON input value for an error message, clipped so a huge input cannot flood a log. */
export function describeJson(value: unknown): string {
  let text: string;
  if (typeof value === "bigint") text = value.toString();
  else if (value === undefined) text = "undefined";
  else if (typeof value === "number" && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
