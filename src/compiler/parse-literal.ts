/**
 * The values of literal tokens, as protoc's Tokenizer reads them: integers (decimal, `0x` hex, `0` octal,
 * with a bound), floats (as strtod), and string literals with every escape protoc accepts (octal, `\x`,
 * `\u`/`\U` with surrogate pairs, the C escapes). Shared by the .proto parser and the text-format parser.
 */

/** Parses an integer token's text (decimal, 0x hex or 0 octal); undefined when it exceeds `max`. */
export function parseInteger(text: string, max: bigint): bigint | undefined {
  let base = 10;
  let i = 0;
  if (text.charCodeAt(0) === 0x30) {
    if (text.length > 1 && (text[1] === "x" || text[1] === "X")) {
      base = 16;
      i = 2;
    } else {
      base = 8;
    }
  }
  let result = 0n;
  const b = BigInt(base);
  for (; i < text.length; i++) {
    const d = digitValue(text.charCodeAt(i));
    if (d < 0 || d >= base) return undefined;
    result = result * b + BigInt(d);
    if (result > 0xffffffffffffffffn) return undefined;
  }
  if (result > max) return undefined;
  return result;
}

function isHexDigit(c: number): boolean {
  const d = digitValue(c);
  return d >= 0 && d < 16;
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 10;
  return -1;
}

/** Parses a float token's text as strtod would (a trailing lone `e`/`e+` is ignored, as protoc does). */
export function parseFloatText(text: string): number {
  let t = text;
  if (/[eE][+-]?$/.test(t)) t = t.replace(/[eE][+-]?$/, "");
  const v = Number(t);
  return Number.isNaN(v) ? 0 : v;
}

/**
 * Decodes a string literal's raw bytes (with quotes) into bytes, interpreting escapes as protoc's
 * ParseStringAppend does, appending to `out`.
 */
export function parseStringAppend(raw: Uint8Array, out: number[]): void {
  const n = raw.length;
  if (n === 0) return;
  const quote = raw[0]!;
  for (let i = 1; i < n; i++) {
    const c = raw[i]!;
    if (c === 0x5c && i + 1 < n) {
      i++;
      const e = raw[i]!;
      if (e >= 0x30 && e <= 0x37) {
        let code = e - 0x30;
        if (i + 1 < n && raw[i + 1]! >= 0x30 && raw[i + 1]! <= 0x37) code = code * 8 + (raw[++i]! - 0x30);
        if (i + 1 < n && raw[i + 1]! >= 0x30 && raw[i + 1]! <= 0x37) code = code * 8 + (raw[++i]! - 0x30);
        out.push(code & 0xff);
      } else if (e === 0x78) {
        let code = 0;
        if (i + 1 < n && isHexDigit(raw[i + 1]!)) code = digitValue(raw[++i]!);
        if (i + 1 < n && isHexDigit(raw[i + 1]!)) code = code * 16 + digitValue(raw[++i]!);
        out.push(code);
      } else if (e === 0x75 || e === 0x55) {
        const len = e === 0x75 ? 4 : 8;
        const cp = readHex(raw, i + 1, len);
        if (cp === undefined) {
          out.push(e);
        } else {
          let code = cp;
          let p = i + 1 + len;
          if (code >= 0xd800 && code < 0xdc00 && raw[p] === 0x5c && raw[p + 1] === 0x75) {
            const trail = readHex(raw, p + 2, 4);
            if (trail !== undefined && trail >= 0xdc00 && trail < 0xe000) {
              code = 0x10000 + (((code - 0xd800) << 10) | (trail - 0xdc00));
              p += 6;
            }
          }
          appendUtf8(code, out);
          i = p - 1;
        }
      } else {
        out.push(translateEscape(e));
      }
    } else if (c === quote && i === n - 1) {
      // closing quote
    } else {
      out.push(c);
    }
  }
}

function readHex(raw: Uint8Array, p: number, len: number): number | undefined {
  let r = 0;
  for (let k = 0; k < len; k++) {
    if (p + k >= raw.length) return undefined;
    const d = digitValue(raw[p + k]!);
    if (d < 0 || d > 15) return undefined;
    r = r * 16 + d;
  }
  return r;
}

function translateEscape(c: number): number {
  switch (c) {
    case 0x61: return 7;
    case 0x62: return 8;
    case 0x66: return 12;
    case 0x6e: return 10;
    case 0x72: return 13;
    case 0x74: return 9;
    case 0x76: return 11;
    case 0x5c: return 0x5c;
    case 0x3f: return 0x3f;
    case 0x27: return 0x27;
    case 0x22: return 0x22;
    default: return 0x3f;
  }
}

function appendUtf8(cp: number, out: number[]): void {
  if (cp <= 0x7f) out.push(cp);
  else if (cp <= 0x7ff) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp <= 0xffff) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else if (cp <= 0x10ffff) {
    out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  } else {
    for (const ch of "\\U" + cp.toString(16).padStart(8, "0")) out.push(ch.charCodeAt(0));
  }
}
