/**
 * UTF-8 for the codec: decoding with an ASCII fast path (most protobuf strings are short identifiers), and
 * strict decoding for proto3 `string` fields, which must be valid UTF-8.
 */
const lenient = new TextDecoder("utf-8");
const strict = new TextDecoder("utf-8", { fatal: true });

/** Strings up to this many bytes are decoded in JS when they are ASCII; longer ones go to TextDecoder. */
const ASCII_LOOP_MAX = 48;

/**
 * Decodes `buf[start, end)` as UTF-8. With `validate`, returns `undefined` for invalid UTF-8 (the caller
 * reports where); without, invalid sequences become U+FFFD as in proto2.
 */
export function decodeUtf8(buf: Uint8Array, start: number, end: number, validate: boolean): string | undefined {
  const len = end - start;
  if (len === 0) return "";
  if (len <= ASCII_LOOP_MAX) {
    // Collect the char codes and convert them in one call: faster than TextDecoder's per-call overhead
    // for short strings, and than growing a string one character at a time.
    const codes = new Array<number>(len);
    let i = 0;
    for (; i < len; i++) {
      const c = buf[start + i]!;
      if (c >= 0x80) break;
      codes[i] = c;
    }
    if (i === len) return String.fromCharCode.apply(null, codes);
  }
  const bytes = buf.subarray(start, end);
  if (!validate) return lenient.decode(bytes);
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

const encoder = new TextEncoder();

/** Upper bound of the UTF-8 length of `s`. */
export function maxUtf8Length(s: string): number {
  return s.length * 3;
}

/**
 * Writes `s` as UTF-8 into `buf` at `pos` (the caller guarantees `maxUtf8Length(s)` bytes of room) and returns
 * the number of bytes written. Lone surrogates become U+FFFD, as TextEncoder does.
 */
export function encodeUtf8Into(s: string, buf: Uint8Array, pos: number): number {
  const n = s.length;
  if (n <= ASCII_LOOP_MAX) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[pos + i] = c;
    }
    if (i === n) return n;
  }
  return encoder.encodeInto(s, buf.subarray(pos)).written;
}

/** Encodes `s` as UTF-8 into a new array. */
export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}
