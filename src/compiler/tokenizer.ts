/**
 * The .proto tokenizer. It reads UTF-8 bytes and produces tokens on demand, exactly as protoc's
 * io::Tokenizer does: columns count bytes with tabs advancing to the next multiple of 8, comments are only
 * collected when the parser asks (after `;`, `{` and `}`), and every lexical error protoc reports is
 * reported here with the same text and position (0-based line and column).
 */

/** The kind of a token, as protoc names them. */
export const enum TokenType {
  Start = 0,
  End = 1,
  Identifier = 2,
  Integer = 3,
  Float = 4,
  String = 5,
  Symbol = 6,
}

/** One token: its kind, its text and where it starts and ends (0-based line, byte columns). */
export interface Token {
  type: TokenType;
  text: string;
  line: number;
  column: number;
  endColumn: number;
  /** Byte offsets of the token in the input (used to decode string literals from the raw bytes). */
  start: number;
  end: number;
}

/** Receives lexical errors at 0-based line and column. */
export type ErrorSink = (line: number, column: number, message: string) => void;

const TAB_WIDTH = 8;

// Character classes as bit flags over bytes 0..255, so each test is one array load.
const C_WS = 1;
const C_WS_NO_NL = 2;
const C_LETTER = 4;
const C_DIGIT = 8;
const C_OCTAL = 16;
const C_HEX = 32;
const C_ESCAPE = 64;
const C_UNPRINTABLE = 128;
const classes = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  let f = 0;
  if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d) f |= C_WS;
  if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d) f |= C_WS_NO_NL;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) f |= C_LETTER;
  if (c >= 0x30 && c <= 0x39) f |= C_DIGIT;
  if (c >= 0x30 && c <= 0x37) f |= C_OCTAL;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) f |= C_HEX;
  if ("abfnrtv\\?'\"".includes(String.fromCharCode(c))) f |= C_ESCAPE;
  if (c > 0 && c < 0x20) f |= C_UNPRINTABLE;
  classes[c] = f;
}

const enum CommentStart {
  Line,
  Block,
  SlashNotComment,
  None,
}

const latin1 = new TextDecoder("latin1");
const SINGLE: string[] = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));
const utf8 = new TextDecoder("utf-8");

/** Decodes UTF-8 bytes leniently (invalid sequences become U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Tokenizer over one file's bytes. `current` is the token the parser looks at; `previous` the one before.
 * The byte value -1 stands for end of input (protoc uses '\0' plus a read-error flag).
 */
export class Tokenizer {
  current: Token;
  previous: Token;
  private readonly buf: Uint8Array;
  private pos = 0;
  private ch: number;
  private line = 0;
  private col = 0;
  private readonly onError: ErrorSink;
  /** Bytes being recorded into a comment, as [start, end) runs (block comments skip leading `*`). */
  private recordStart = -1;
  private recordParts: number[] | undefined;

  constructor(bytes: Uint8Array, onError: ErrorSink) {
    this.buf = bytes;
    this.onError = onError;
    this.ch = bytes.length > 0 ? bytes[0]! : -1;
    this.current = { type: TokenType.Start, text: "", line: 0, column: 0, endColumn: 0, start: 0, end: 0 };
    this.previous = this.current;
  }

  /** The input between two offsets as a latin1 string (tokens are short: build them directly). */
  private text(start: number, end: number): string {
    const n = end - start;
    if (n === 1) return SINGLE[this.buf[start]!]!;
    if (n > 64) return latin1.decode(this.buf.subarray(start, end));
    let s = "";
    for (let i = start; i < end; i++) s += SINGLE[this.buf[i]!]!;
    return s;
  }

  /** The raw bytes of the input between two offsets. */
  bytes(start: number, end: number): Uint8Array {
    return this.buf.subarray(start, end);
  }

  private error(message: string): void {
    this.onError(this.line, this.col, message);
  }

  private nextChar(): void {
    if (this.ch === 0x0a) {
      this.line++;
      this.col = 0;
    } else if (this.ch === 0x09) {
      this.col += TAB_WIDTH - (this.col % TAB_WIDTH);
    } else {
      this.col++;
    }
    this.pos++;
    this.ch = this.pos < this.buf.length ? this.buf[this.pos]! : -1;
  }

  private is(cls: number): boolean {
    return this.ch >= 0 && (classes[this.ch]! & cls) !== 0;
  }

  private tryConsume(c: number): boolean {
    if (this.ch === c) {
      this.nextChar();
      return true;
    }
    return false;
  }

  private tryConsumeOne(cls: number): boolean {
    if (this.is(cls)) {
      this.nextChar();
      return true;
    }
    return false;
  }

  private consumeZeroOrMore(cls: number): void {
    while (this.is(cls)) this.nextChar();
  }

  private consumeOneOrMore(cls: number, error: string): void {
    if (!this.is(cls)) {
      this.error(error);
    } else {
      do this.nextChar();
      while (this.is(cls));
    }
  }

  private recordTo(parts: number[]): void {
    this.recordParts = parts;
    this.recordStart = this.pos;
  }

  private stopRecording(): void {
    if (this.recordParts !== undefined && this.pos !== this.recordStart) {
      this.recordParts.push(this.recordStart, this.pos);
    }
    this.recordParts = undefined;
    this.recordStart = -1;
  }

  /** Decodes recorded comment runs. Runs break only at line ends, so no UTF-8 sequence spans two. */
  private partsToString(parts: number[]): string {
    if (parts.length === 2) return utf8.decode(this.buf.subarray(parts[0]!, parts[1]!));
    let out = "";
    for (let i = 0; i < parts.length; i += 2) out += utf8.decode(this.buf.subarray(parts[i]!, parts[i + 1]!));
    return out;
  }

  private consumeString(delimiter: number): void {
    for (;;) {
      const c = this.ch;
      if (c === -1) {
        this.error("Unexpected end of string.");
        return;
      }
      if (c === 0x0a) {
        this.error("String literals cannot cross line boundaries.");
        return;
      }
      if (c === 0x5c) {
        this.nextChar();
        if (this.tryConsumeOne(C_ESCAPE)) {
          // valid escape
        } else if (this.tryConsumeOne(C_OCTAL)) {
          // more octal digits are consumed by the main loop
        } else if (this.tryConsume(0x78 /* x */)) {
          if (!this.tryConsumeOne(C_HEX)) this.error("Expected hex digits for escape sequence.");
        } else if (this.tryConsume(0x75 /* u */)) {
          if (
            !this.tryConsumeOne(C_HEX) ||
            !this.tryConsumeOne(C_HEX) ||
            !this.tryConsumeOne(C_HEX) ||
            !this.tryConsumeOne(C_HEX)
          ) {
            this.error("Expected four hex digits for \\u escape sequence.");
          }
        } else if (this.tryConsume(0x55 /* U */)) {
          if (
            !this.tryConsume(0x30) ||
            !this.tryConsume(0x30) ||
            !(this.tryConsume(0x30) || this.tryConsume(0x31)) ||
            !this.tryConsumeOne(C_HEX) ||
            !this.tryConsumeOne(C_HEX) ||
            !this.tryConsumeOne(C_HEX) ||
            !this.tryConsumeOne(C_HEX) ||
            !this.tryConsumeOne(C_HEX)
          ) {
            this.error("Expected eight hex digits up to 10ffff for \\U escape sequence");
          }
        } else {
          this.error("Invalid escape sequence in string literal.");
        }
        continue;
      }
      this.nextChar();
      if (c === delimiter) return;
    }
  }

  private consumeNumber(startedWithZero: boolean, startedWithDot: boolean): TokenType {
    let isFloat = false;
    if (startedWithZero && (this.tryConsume(0x78) || this.tryConsume(0x58))) {
      this.consumeOneOrMore(C_HEX, '"0x" must be followed by hex digits.');
    } else if (startedWithZero && this.is(C_DIGIT)) {
      this.consumeZeroOrMore(C_OCTAL);
      if (this.is(C_DIGIT)) {
        this.error("Numbers starting with leading zero must be in octal.");
        this.consumeZeroOrMore(C_DIGIT);
      }
    } else {
      if (startedWithDot) {
        isFloat = true;
        this.consumeZeroOrMore(C_DIGIT);
      } else {
        this.consumeZeroOrMore(C_DIGIT);
        if (this.tryConsume(0x2e)) {
          isFloat = true;
          this.consumeZeroOrMore(C_DIGIT);
        }
      }
      if (this.tryConsume(0x65) || this.tryConsume(0x45)) {
        isFloat = true;
        if (!this.tryConsume(0x2d)) this.tryConsume(0x2b);
        this.consumeOneOrMore(C_DIGIT, '"e" must be followed by exponent.');
      }
    }
    if (this.is(C_LETTER)) {
      this.error("Need space between number and identifier.");
    } else if (this.ch === 0x2e) {
      if (isFloat) this.error("Already saw decimal point or exponent; can't have another one.");
      else this.error("Hex and octal numbers must be integers.");
    }
    return isFloat ? TokenType.Float : TokenType.Integer;
  }

  private consumeLineComment(parts: number[] | undefined): void {
    if (parts) this.recordTo(parts);
    while (this.ch !== -1 && this.ch !== 0x0a) this.nextChar();
    this.tryConsume(0x0a);
    if (parts) this.stopRecording();
  }

  private consumeBlockComment(parts: number[] | undefined): void {
    const startLine = this.line;
    const startColumn = this.col - 2;
    if (parts) this.recordTo(parts);
    for (;;) {
      while (this.ch !== -1 && this.ch !== 0x2a && this.ch !== 0x2f && this.ch !== 0x0a) this.nextChar();
      if (this.tryConsume(0x0a)) {
        if (parts) this.stopRecording();
        this.consumeZeroOrMore(C_WS_NO_NL);
        if (this.tryConsume(0x2a)) {
          if (this.tryConsume(0x2f)) break;
        }
        if (parts) this.recordTo(parts);
      } else if (this.tryConsume(0x2a) && this.tryConsume(0x2f)) {
        if (parts) {
          this.stopRecording();
          // Strip the trailing "*/".
          parts[parts.length - 1]! -= 2;
          if (parts[parts.length - 1]! <= parts[parts.length - 2]!) parts.length -= 2;
        }
        break;
      } else if (this.tryConsume(0x2f) && this.ch === 0x2a) {
        this.error('"/*" inside block comment.  Block comments cannot be nested.');
      } else if (this.ch === -1) {
        this.error("End-of-file inside block comment.");
        this.onError(startLine, startColumn, "  Comment started here.");
        if (parts) this.stopRecording();
        break;
      }
    }
  }

  private tryConsumeCommentStart(): CommentStart {
    if (this.tryConsume(0x2f)) {
      if (this.tryConsume(0x2f)) return CommentStart.Line;
      if (this.tryConsume(0x2a)) return CommentStart.Block;
      this.current = {
        type: TokenType.Symbol,
        text: "/",
        line: this.line,
        column: this.col - 1,
        endColumn: this.col,
        start: this.pos - 1,
        end: this.pos,
      };
      return CommentStart.SlashNotComment;
    }
    return CommentStart.None;
  }

  /** Advances to the next token, skipping whitespace and comments. Returns false at end of input. */
  next(): boolean {
    this.previous = this.current;
    while (this.ch !== -1) {
      this.consumeZeroOrMore(C_WS);
      switch (this.tryConsumeCommentStart()) {
        case CommentStart.Line:
          this.consumeLineComment(undefined);
          continue;
        case CommentStart.Block:
          this.consumeBlockComment(undefined);
          continue;
        case CommentStart.SlashNotComment:
          return true;
        case CommentStart.None:
          break;
      }
      if (this.ch === -1) break;
      if (this.is(C_UNPRINTABLE) || this.ch === 0) {
        this.error("Invalid control characters encountered in text.");
        this.nextChar();
        while (this.tryConsumeOne(C_UNPRINTABLE) || (this.ch !== -1 && this.tryConsume(0))) {
          // skip
        }
        continue;
      }
      const start = this.pos;
      const line = this.line;
      const column = this.col;
      let type: TokenType;
      if (this.tryConsumeOne(C_LETTER)) {
        this.consumeZeroOrMore(C_LETTER | C_DIGIT);
        type = TokenType.Identifier;
      } else if (this.tryConsume(0x30)) {
        type = this.consumeNumber(true, false);
      } else if (this.tryConsume(0x2e)) {
        if (this.tryConsumeOne(C_DIGIT)) {
          const prev = this.previous;
          if (prev.type === TokenType.Identifier && line === prev.line && column === prev.endColumn) {
            this.onError(this.line, this.col - 2, "Need space between identifier and decimal point.");
          }
          type = this.consumeNumber(false, true);
        } else {
          type = TokenType.Symbol;
        }
      } else if (this.tryConsumeOne(C_DIGIT)) {
        type = this.consumeNumber(false, false);
      } else if (this.tryConsume(0x22)) {
        this.consumeString(0x22);
        type = TokenType.String;
      } else if (this.tryConsume(0x27)) {
        this.consumeString(0x27);
        type = TokenType.String;
      } else {
        if (this.ch >= 0x80) this.error(`Interpreting non ascii codepoint ${this.ch}.`);
        this.nextChar();
        type = TokenType.Symbol;
      }
      this.current = {
        type,
        text: this.text(start, this.pos),
        line,
        column,
        endColumn: this.col,
        start,
        end: this.pos,
      };
      return true;
    }
    this.current = {
      type: TokenType.End,
      text: "",
      line: this.line,
      column: this.col,
      endColumn: this.col,
      start: this.pos,
      end: this.pos,
    };
    return false;
  }

  /**
   * Advances like `next()` and sorts the comments in between: a comment on the previous token's line (or
   * right after it) is its trailing comment, comments separated by blank lines are detached, and the comment
   * right before the next token is its leading comment (protoc's CommentCollector).
   */
  nextWithComments(collect: { trailing: string | undefined; detached: string[]; leading: string | undefined }): boolean {
    let buffer: number[] = [];
    let hasComment = false;
    let isLineComment = false;
    let canAttachToPrev = true;
    collect.trailing = undefined;
    collect.detached = [];
    collect.leading = undefined;
    let trailingParts: string | undefined;

    const flush = (): void => {
      if (hasComment) {
        const text = this.partsToString(buffer);
        if (canAttachToPrev) {
          trailingParts = (trailingParts ?? "") + text;
          canAttachToPrev = false;
        } else {
          collect.detached.push(text);
        }
        buffer = [];
        hasComment = false;
      }
    };
    const bufferForLine = (): number[] => {
      if (hasComment && !isLineComment) flush();
      hasComment = true;
      isLineComment = true;
      return buffer;
    };
    const bufferForBlock = (): number[] => {
      if (hasComment) flush();
      hasComment = true;
      isLineComment = false;
      return buffer;
    };
    const finish = (result: boolean): boolean => {
      if (hasComment) collect.leading = this.partsToString(buffer);
      collect.trailing = trailingParts;
      return result;
    };

    if (this.current.type === TokenType.Start) {
      if (this.tryConsume(0xef)) {
        if (!this.tryConsume(0xbb) || !this.tryConsume(0xbf)) {
          this.error("Proto file starts with 0xEF but not UTF-8 BOM. Only UTF-8 is accepted for proto file.");
          return false;
        }
      }
      canAttachToPrev = false;
    } else {
      this.consumeZeroOrMore(C_WS_NO_NL);
      switch (this.tryConsumeCommentStart()) {
        case CommentStart.Line:
          this.consumeLineComment(bufferForLine());
          flush();
          break;
        case CommentStart.Block:
          this.consumeBlockComment(bufferForBlock());
          this.consumeZeroOrMore(C_WS_NO_NL);
          if (!this.tryConsume(0x0a)) {
            buffer = [];
            hasComment = false;
            return finish(this.next());
          }
          flush();
          break;
        case CommentStart.SlashNotComment:
          this.previous = this.previous; // the "/" token was placed in current by tryConsumeCommentStart
          return finish(true);
        case CommentStart.None:
          if (!this.tryConsume(0x0a)) return finish(this.next());
          break;
      }
    }
    for (;;) {
      this.consumeZeroOrMore(C_WS_NO_NL);
      switch (this.tryConsumeCommentStart()) {
        case CommentStart.Line:
          this.consumeLineComment(bufferForLine());
          break;
        case CommentStart.Block:
          this.consumeBlockComment(bufferForBlock());
          this.consumeZeroOrMore(C_WS_NO_NL);
          this.tryConsume(0x0a);
          break;
        case CommentStart.SlashNotComment:
          return finish(true);
        case CommentStart.None:
          if (this.tryConsume(0x0a)) {
            flush();
            canAttachToPrev = false;
          } else {
            const result = this.next();
            const t = this.current.text;
            if (!result || t === "}" || t === "]" || t === ")") flush();
            return finish(result);
          }
          break;
      }
    }
  }
}

/** Whether the text is an identifier token (letter or `_`, then letters, digits, `_`). */
export function isIdentifier(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = c < 256 ? classes[c]! : 0;
    if (i === 0 ? (f & C_LETTER) === 0 : (f & (C_LETTER | C_DIGIT)) === 0) return false;
  }
  return true;
}
