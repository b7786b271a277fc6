/**
 * The `grpc-message` header (grpc/grpc doc/PROTOCOL-HTTP2.md): the status message, UTF-8, percent-encoded.
 * `Percent-Byte-Unencoded → %x20-%x24 / %x26-%x7E` (printable ASCII except `%`); every other byte is sent
 * as `%` followed by two upper-case hex digits.
 */

const hex = "0123456789ABCDEF";
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

function needsEncoding(c: number): boolean {
  return c < 0x20 || c > 0x7e || c === 0x25;
}

/**
 * Percent-encodes a status message for `grpc-message`. Strings that need no encoding are returned as they
 * are (the common case costs one scan). Lone surrogates become U+FFFD, as `TextEncoder` does.
 *
 * @example
 * ```ts
 * encodeGrpcMessage("100% sure"); // "100%25 sure"
 * encodeGrpcMessage("\t\n"); // "%09%0A"
 * ```
 */
export function encodeGrpcMessage(message: string): string {
  let i = 0;
  while (i < message.length && !needsEncoding(message.charCodeAt(i))) i++;
  if (i === message.length) return message;
  let out = message.slice(0, i);
  for (const b of encoder.encode(message.slice(i))) {
    out += needsEncoding(b) ? `%${hex[b >> 4]}${hex[b & 15]}` : String.fromCharCode(b);
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Decodes a `grpc-message` value, leniently, as grpc-go's decodeGrpcMessage does: a `%` not followed by two
 * hex digits is kept as a literal `%`, lower-case hex is accepted, raw (unencoded) UTF-8 received as latin1
 * characters is decoded, and bytes that do not form valid UTF-8 become U+FFFD. Never throws: a peer's odd
 * message must not hide its status (PROTOCOL-HTTP2.md: "implementations MUST NOT error or throw away the
 * message").
 *
 * @example
 * ```ts
 * decodeGrpcMessage("100%25 sure"); // "100% sure"
 * decodeGrpcMessage("50%"); // "50%"
 * ```
 */
export function decodeGrpcMessage(value: string): string {
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (c === 0x25 || c > 0x7f) break;
    i++;
  }
  if (i === value.length) return value;
  const bytes: number[] = [];
  for (let j = 0; j < i; j++) bytes.push(value.charCodeAt(j));
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x25 && i + 2 < value.length) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push((hi << 4) | lo);
        i += 2;
        continue;
      }
    }
    if (c <= 0xff) {
      // HTTP stacks (node:http2, fetch's Headers) hand header bytes over as latin1 characters: a peer that
      // sent raw UTF-8 instead of percent-encoding it gets its text back, as grpc-go (Go strings are bytes) does.
      bytes.push(c);
    } else {
      // Only a caller outside HTTP can pass characters beyond latin1; keep them.
      const cp = value.codePointAt(i)!;
      for (const b of encoder.encode(String.fromCodePoint(cp))) bytes.push(b);
      if (cp > 0xffff) i++;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}
