/**
 * A strict RFC 8259 JSON reader for the proto3 JSON mapping. `JSON.parse` is not enough here, for three
 * reasons the conformance suite tests:
 *
 * - a duplicate key must be an error, where `JSON.parse` silently keeps the last one;
 * - an integer literal beyond 2^53 must keep all its digits (`9223372036854775807` for an int64), so such
 *   literals come back as `bigint`;
 * - a string with an unpaired surrogate (`"\uD800"`) has no UTF-8 form and must be rejected.
 *
 * Objects come back with a null prototype so a `"__proto__"` key is just a key.
 */
import { JsonValueError } from "./json-value-error.js";

/** Options for {@link parseJsonText}. */
export interface ParseJsonTextOptions {
  /** Deepest nesting of arrays and objects accepted, to bound the stack. Default 1000. */
  maxDepth?: number;
}

/**
 * Parses JSON text. Numbers are `number`, except integer literals outside ±2^53, which are `bigint`.
 *
 * @throws JsonValueError naming the offset for anything that is not one JSON value: a syntax error,
 *   trailing text, a duplicate object key, an unpaired surrogate, a control character inside a string,
 *   or nesting deeper than `maxDepth`.
 */
export function parseJsonText(text: string, options: ParseJsonTextOptions = {}): unknown {
  const reader = new JsonTextReader(text, options.maxDepth ?? 1000);
  reader.skipWhitespace();
  const value = reader.readValue(0);
  reader.skipWhitespace();
  if (reader.pos < text.length) reader.fail("unexpected text after the JSON value");
  return value;
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonTextReader {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  fail(what: string, at = this.pos): never {
    throw new JsonValueError(`invalid JSON at offset ${at}: ${what}`);
  }

  skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  readValue(depth: number): unknown {
    const t = this.text;
    if (this.pos >= t.length) this.fail("unexpected end of input");
    const c = t[this.pos]!;
    switch (c) {
      case "{":
        return this.readObject(depth + 1);
      case "[":
        return this.readArray(depth + 1);
      case '"':
        return this.readString();
      case "t":
        return this.readLiteral("true", true);
      case "f":
        return this.readLiteral("false", false);
      case "n":
        return this.readLiteral("null", null);
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return this.readNumber();
        return this.fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  private readLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`unexpected character ${JSON.stringify(this.text[this.pos])}`);
    this.pos += word.length;
    return value;
  }

  private readNumber(): number | bigint {
    numberPattern.lastIndex = this.pos;
    const m = numberPattern.exec(this.text);
    if (!m) return this.fail("invalid number");
    const literal = m[0];
    const next = this.text[this.pos + literal.length];
    // "01", "1.", "1e" and "-" leave a digit, "." or "e" behind the longest valid prefix.
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail("invalid number");
    this.pos += literal.length;
    const n = Number(literal);
    if (!Number.isSafeInteger(n) && /^-?\d+$/.test(literal)) return BigInt(literal);
    return n;
  }

  private readString(): string {
    const t = this.text;
    const start = this.pos;
    this.pos++; // opening quote
    let out = "";
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail("unterminated string", start);
      const c = t.charCodeAt(this.pos);
      if (c === 0x22 /* " */) {
        out += t.slice(chunk, this.pos);
        this.pos++;
        break;
      }
      if (c < 0x20) this.fail("control character in string (escape it)");
      if (c !== 0x5c /* \ */) {
        this.pos++;
        continue;
      }
      out += t.slice(chunk, this.pos);
      const e = t[this.pos + 1];
      this.pos += 2;
      switch (e) {
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "/": out += "/"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "u": {
          const hex = t.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape", this.pos - 2);
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.fail(e === undefined ? "unterminated string" : `invalid escape \\${e}`, this.pos - 2);
      }
      chunk = this.pos;
    }
    if (!isWellFormed(out)) this.fail("string has an unpaired UTF-16 surrogate", start);
    return out;
  }

  private readArray(depth: number): unknown[] {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      out.push(this.readValue(depth));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ",") this.pos++;
      else if (c === "]") {
        this.pos++;
        return out;
      } else this.fail(c === undefined ? "unterminated array" : `expected "," or "]" but found ${JSON.stringify(c)}`);
    }
  }

  private readObject(depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail("expected a double-quoted key");
      const keyAt = this.pos;
      const key = this.readString();
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      this.skipWhitespace();
      if (this.text[this.pos] !== ":") this.fail('expected ":" after a key');
      this.pos++;
      this.skipWhitespace();
      out[key] = this.readValue(depth);
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ",") this.pos++;
      else if (c === "}") {
        this.pos++;
        return out;
      } else this.fail(c === undefined ? "unterminated object" : `expected "," or "}" but found ${JSON.stringify(c)}`);
    }
  }
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}
