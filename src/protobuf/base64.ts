/**
 * Base64 as the proto3 JSON mapping uses it for `bytes` (RFC 4648): we write the standard alphabet with
 * padding, as protoc and Python do, and read both the standard and the URL-safe alphabet, padded or not.
 *
 * Decoding is strict about everything that would otherwise silently change the value: characters outside
 * both alphabets (whitespace included), padding anywhere but at the end, too much padding, and a length that
 * leaves a single dangling character. The unused low bits of the last character are ignored, as every
 * reference implementation does.
 */

const standardAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const urlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Char code → 6-bit value for both alphabets; -1 for anything else. */
const decodeTable = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    table[standardAlphabet.charCodeAt(i)] = i;
    table[urlAlphabet.charCodeAt(i)] = i;
  }
  return table;
})();

/** Options for {@link encodeBase64}. */
export interface Base64EncodeOptions {
  /** Use `-` and `_` instead of `+` and `/` (RFC 4648 section 5). Default `false`. */
  urlSafe?: boolean;
  /** Pad the output with `=` to a multiple of four characters. Default `true`. */
  padding?: boolean;
}

/**
 * Encodes bytes as base64: the standard alphabet with padding unless the options say otherwise.
 *
 * @example
 * encodeBase64(new Uint8Array([1, 2])); // "AQI="
 * encodeBase64(new Uint8Array([0xfb]), { urlSafe: true, padding: false }); // "-w"
 */
export function encodeBase64(bytes: Uint8Array, options: Base64EncodeOptions = {}): string {
  const alphabet = options.urlSafe ? urlAlphabet : standardAlphabet;
  const pad = options.padding ?? true;
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? "==" : "");
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + (pad ? "=" : "");
  }
  return out;
}

/**
 * Decodes base64 in the standard or the URL-safe alphabet, with or without padding.
 *
 * @throws Error when the text is not base64: a character outside both alphabets (the message names it and
 *   its offset), `=` before the end or more of it than the length needs, or a length that leaves one
 *   character over (which cannot encode a whole byte).
 * @example
 * decodeBase64("AQI="); // Uint8Array [1, 2]
 * decodeBase64("-_");   // Uint8Array [0xfb]
 */
export function decodeBase64(text: string): Uint8Array {
  let end = text.length;
  let padding = 0;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) {
    end--;
    padding++;
  }
  // Check every character first, so the error names the first bad one rather than a length.
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || decodeTable[c]! < 0) {
      const what = c === 61 ? "padding '=' before the end" : `character ${JSON.stringify(text[i])}`;
      throw new Error(`invalid base64: ${what} at offset ${i}`);
    }
  }
  if (padding > 2) throw new Error(`invalid base64: too much padding in "${clip(text)}"`);
  if (padding > 0 && text.length % 4 !== 0) {
    throw new Error(`invalid base64: padded text must be a multiple of 4 characters, got ${text.length}`);
  }
  if (end % 4 === 1) throw new Error(`invalid base64: ${end} characters cannot encode whole bytes`);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const v = decodeTable[text.charCodeAt(i)]!;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
