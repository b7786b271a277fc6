// `spindle call -d @-` reads a stream of JSON objects (`{…}{…}` or one per line, as grpcurl does): this
// splits text into top-level JSON values as it arrives, so a bidi call can send each one as soon as it is
// complete instead of waiting for the end of stdin.

/** Splits concatenated JSON values fed in chunks. */
export interface JsonSplitter {
  /** Adds text; returns the JSON texts completed by it. */
  push(chunk: string): string[];
  /**
   * Ends the input; returns the last value if one is pending.
   *
   * @throws Error when the input ends inside a value.
   */
  end(): string[];
}

/**
 * Creates a {@link JsonSplitter}. Values are objects or arrays (a top-level scalar such as `5` is passed
 * through when followed by whitespace); the texts still have to be parsed.
 *
 * @example
 * ```ts
 * const s = createJsonSplitter();
 * s.push('{"a":1}\n{"b"'); // ['{"a":1}']
 * s.push(':"}"}');         // ['{"b":"}"}']
 * ```
 */
export function createJsonSplitter(): JsonSplitter {
  let buffer = "";
  let start = -1; // where the pending value starts in buffer, -1 when between values
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scan = 0; // how far buffer has been scanned
  const take = (): string[] => {
    const out: string[] = [];
    for (; scan < buffer.length; scan++) {
      const c = buffer[scan]!;
      if (start < 0) {
        if (c === " " || c === "\n" || c === "\r" || c === "\t" || c === ",") continue;
        start = scan;
        depth = 0;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        if (!inString && depth === 0) {
          out.push(buffer.slice(start, scan + 1));
          start = -1;
        }
        continue;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth <= 0) {
          out.push(buffer.slice(start, scan + 1));
          start = -1;
        }
      } else if (depth === 0 && (c === " " || c === "\n" || c === "\r" || c === "\t")) {
        // The end of a top-level scalar (`5`, `true`): not a message, but JSON.parse will say so.
        out.push(buffer.slice(start, scan));
        start = -1;
      }
    }
    // Drop what has been consumed so a long stream does not keep every message in memory.
    const keepFrom = start < 0 ? scan : start;
    buffer = buffer.slice(keepFrom);
    scan -= keepFrom;
    if (start >= 0) start -= keepFrom;
    return out;
  };
  return {
    push(chunk) {
      buffer += chunk;
      return take();
    },
    end() {
      const out = take();
      if (start >= 0) {
        if (depth === 0 && !inString) out.push(buffer.slice(start));
        else throw new Error("the request data ends inside a JSON value");
      }
      buffer = "";
      start = -1;
      return out;
    },
  };
}
