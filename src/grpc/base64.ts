/**
 * Base64 for `-bin` metadata and grpc-web-text, without `Buffer` (this folder also runs in browsers).
 *
 * PROTOCOL-HTTP2.md: "Implementations MUST accept padded and un-padded values and should emit un-padded
 * values." Decoding also accepts the URL-safe alphabet, as grpc-go and grpc-js do.
 */

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Maps a char code to its 6-bit value; 255 for characters outside both alphabets. */
const decodeTable = new Uint8Array(128).fill(255);
for (let i = 0; i < alphabet.length; i++) decodeTable[alphabet.charCodeAt(i)] = i;
decodeTable["-".charCodeAt(0)] = 62;
decodeTable["_".charCodeAt(0)] = 63;

/** Encodes bytes as standard base64; without `=` padding unless `pad` is set. */
export function encodeBase64(bytes: Uint8Array, pad = false): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? "==" : "");
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? "=" : "");
  }
  return out;
}

/**
 * Decodes standard or URL-safe base64, padded or not. Returns `undefined` for input that is not base64
 * (a character outside the alphabets, padding in the middle, or a length that leaves a lone character).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  let end = text.length;
  // Up to two '=' are accepted at the end only.
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 1) return undefined;
  if (end !== text.length && text.length % 4 !== 0) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? decodeTable[c]! : 255;
    if (v === 255) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * Decodes a base64 text stream (the body of `application/grpc-web-text`) chunk by chunk. PROTOCOL-WEB.md:
 * senders may flush base64 "chunks" with padding whenever they flush, so padding can appear in the middle of
 * the stream, at any 4-character boundary; chunks may also split a 4-character group anywhere.
 */
export interface Base64StreamDecoder {
  /**
   * Decodes the complete 4-character groups available so far.
   *
   * @throws Error on a character outside the base64 alphabets (whitespace is skipped) or misplaced padding.
   */
  push(text: string): Uint8Array;
  /** Declares the end. @throws Error when the stream ended inside a 4-character group. */
  end(): void;
}

/** Creates a {@link Base64StreamDecoder}. */
export function createBase64StreamDecoder(): Base64StreamDecoder {
  let pending = "";
  return {
    push(text) {
      const all = pending + text.replace(/[\r\n\t ]/g, "");
      const usable = all.length - (all.length % 4);
      pending = all.slice(usable);
      const out = new Uint8Array((usable / 4) * 3);
      let j = 0;
      for (let i = 0; i < usable; i += 4) {
        let n = 0;
        let pad = 0;
        for (let k = 0; k < 4; k++) {
          const c = all.charCodeAt(i + k);
          if (c === 61 /* '=' */ && k >= 2) {
            pad++;
            n <<= 6;
            continue;
          }
          const v = c < 128 && pad === 0 ? decodeTable[c]! : 255;
          if (v === 255) throw new Error(`invalid base64 text at group ${i / 4}: ${JSON.stringify(all.slice(i, i + 4))}`);
          n = (n << 6) | v;
        }
        out[j++] = (n >> 16) & 0xff;
        if (pad < 2) out[j++] = (n >> 8) & 0xff;
        if (pad < 1) out[j++] = n & 0xff;
      }
      return j === out.length ? out : out.subarray(0, j);
    },
    end() {
      if (pending.length !== 0) throw new Error(`base64 text ended inside a group (${pending.length} characters left)`);
    },
  };
}
