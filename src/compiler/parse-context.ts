/**
 * The state one parse shares between the statement parsers (parse-*.ts): the tokenizer, the errors, the
 * source info being recorded, and the comments waiting to be attached, with the token helpers protoc's
 * Parser builds its grammar from (LookingAt, TryConsume, Consume…, ConsumeEndOfDeclaration, SkipStatement).
 */
import type { SourceCodeInfo_Location, UninterpretedOption } from "../protobuf/index.js";
import type { LocationRecorder } from "./location-recorder.js";
import { ErrorLocation, SourceLocationTable } from "./source-location-table.js";
import { parseFloatText, parseInteger, parseStringAppend } from "./parse-literal.js";
import { decodeUtf8, TokenType, Tokenizer } from "./tokenizer.js";

/** A parse error at a 0-based line and column. */
export interface ParseError {
  line: number;
  column: number;
  message: string;
}

/** The largest int32, for integer literals. */
export const INT32_MAX = 0x7fffffffn;
/** The largest int64, for integer literals. */
export const INT64_MAX = 0x7fffffffffffffffn;
/** The largest uint32, for integer literals. */
export const UINT32_MAX = 0xffffffffn;
/** The largest uint64, for integer literals. */
export const UINT64_MAX = 0xffffffffffffffffn;

/** Comments the tokenizer collected around a token (filled by `Tokenizer.nextWithComments`). */
interface Comments {
  trailing: string | undefined;
  detached: string[];
  leading: string | undefined;
}

const newComments = (): Comments => ({ trailing: undefined, detached: [], leading: undefined });

/** One file's parse in progress. The statement parsers take it as their first argument. */
export class ParseContext {
  readonly input: Tokenizer;
  readonly errors: ParseError[] = [];
  readonly table = new SourceLocationTable();
  /** The raw bytes of each aggregate (`{ … }`) option value, for the text-format parser. */
  readonly aggregates = new WeakMap<UninterpretedOption, Uint8Array>();
  /** Where new locations go; `parseExtensions` points it elsewhere for a moment. */
  locations: SourceCodeInfo_Location[] = [];
  /** "proto2" or "proto3" once the syntax statement (or its absence) is seen. */
  syntax = "";
  /** How deeply message bodies nest at the current token. */
  depth = 0;
  private upcomingDocComments: string | undefined;
  private upcomingDetached: string[] = [];

  constructor(source: Uint8Array) {
    this.input = new Tokenizer(source, (line, column, message) => this.errors.push({ line, column, message }));
  }

  lookingAt(text: string): boolean {
    return this.input.current.text === text && this.input.current.type !== TokenType.String;
  }

  lookingAtType(t: TokenType): boolean {
    return this.input.current.type === t;
  }

  atEnd(): boolean {
    return this.input.current.type === TokenType.End;
  }

  tryConsume(text: string): boolean {
    if (this.lookingAt(text)) {
      this.input.next();
      return true;
    }
    return false;
  }

  /** An error at the current token. */
  addError(message: string): void {
    const t = this.input.current;
    this.errors.push({ line: t.line, column: t.column, message });
  }

  addErrorAt(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message });
  }

  consume(text: string, error?: string): boolean {
    if (this.tryConsume(text)) return true;
    this.addError(error ?? `Expected "${text}".`);
    return false;
  }

  consumeIdentifier(error: string): string | undefined {
    if (this.lookingAtType(TokenType.Identifier)) {
      const t = this.input.current.text;
      this.input.next();
      return t;
    }
    this.addError(error);
    return undefined;
  }

  /** A non-negative int32 (an out-of-range one is reported and read as 0). */
  consumeInteger(error: string): number | undefined {
    if (this.lookingAtType(TokenType.Integer)) {
      const v = parseInteger(this.input.current.text, INT32_MAX);
      if (v === undefined) this.addError("Integer out of range.");
      this.input.next();
      return v === undefined ? 0 : Number(v);
    }
    this.addError(error);
    return undefined;
  }

  /** An int32 with an optional leading `-`. */
  consumeSignedInteger(error: string): number | undefined {
    let negative = false;
    let max = INT32_MAX;
    if (this.tryConsume("-")) {
      negative = true;
      max += 1n;
    }
    const v = this.consumeInteger64(max, error);
    if (v === undefined) return undefined;
    return negative ? -Number(v) : Number(v);
  }

  /** An integer up to `max` (an out-of-range one is reported and read as 0). */
  consumeInteger64(max: bigint, error: string): bigint | undefined {
    if (this.lookingAtType(TokenType.Integer)) {
      let v = parseInteger(this.input.current.text, max);
      if (v === undefined) {
        this.addError("Integer out of range.");
        v = 0n;
      }
      this.input.next();
      return v;
    }
    this.addError(error);
    return undefined;
  }

  /** A float, an integer (read as a double), `inf` or `nan`. */
  consumeNumber(error: string): number | undefined {
    const t = this.input.current;
    if (t.type === TokenType.Float) {
      this.input.next();
      return parseFloatText(t.text);
    }
    if (t.type === TokenType.Integer) {
      const v = parseInteger(t.text, UINT64_MAX);
      if (v === undefined) this.addError("Integer out of range.");
      this.input.next();
      return v === undefined ? 0 : Number(v);
    }
    if (this.lookingAt("inf")) {
      this.input.next();
      return Infinity;
    }
    if (this.lookingAt("nan")) {
      this.input.next();
      return NaN;
    }
    this.addError(error);
    return undefined;
  }

  /** Consumes one or more adjacent string literals; returns their decoded bytes. */
  consumeString(error: string): number[] | undefined {
    if (!this.lookingAtType(TokenType.String)) {
      this.addError(error);
      return undefined;
    }
    const out: number[] = [];
    do {
      const t = this.input.current;
      parseStringAppend(this.input.bytes(t.start, t.end), out);
      this.input.next();
    } while (this.lookingAtType(TokenType.String));
    return out;
  }

  consumeStringText(error: string): string | undefined {
    const b = this.consumeString(error);
    return b === undefined ? undefined : decodeUtf8(Uint8Array.from(b));
  }

  /**
   * Advances past the token before a new statement, keeping the comments that follow it for that statement
   * (protoc's Parse: at the start of the file and after an unmatched `}`).
   */
  nextWithUpcomingComments(): void {
    const c = newComments();
    this.input.nextWithComments(c);
    this.upcomingDetached = c.detached;
    this.upcomingDocComments = c.leading;
  }

  /**
   * Consumes `text` (`;`, `{` or `}`) if it is next, and attaches the comments around the declaration it ends
   * to `location` (protoc's TryConsumeEndOfDeclaration).
   */
  tryConsumeEndOfDeclaration(text: string, location: LocationRecorder | undefined): boolean {
    if (!this.lookingAt(text)) return false;
    const c = newComments();
    this.input.nextWithComments(c);
    const leading = this.upcomingDocComments;
    this.upcomingDocComments = c.leading;
    if (location !== undefined) {
      const detached = this.upcomingDetached;
      this.upcomingDetached = c.detached;
      location.attachComments(leading, c.trailing, detached);
    } else if (text === "}") {
      this.upcomingDetached = c.detached;
    } else {
      this.upcomingDetached.push(...c.detached);
    }
    return true;
  }

  consumeEndOfDeclaration(text: string, location: LocationRecorder | undefined): boolean {
    if (this.tryConsumeEndOfDeclaration(text, location)) return true;
    this.addError(`Expected "${text}".`);
    return false;
  }

  /**
   * A `{ statement* }` block: each statement that fails is skipped, and a missing `}` reports "Reached end of
   * input in `what` (missing '}')." (message, enum and service bodies).
   */
  parseBlock(location: LocationRecorder, what: string, parseStatement: () => boolean): boolean {
    if (!this.consumeEndOfDeclaration("{", location)) return false;
    while (!this.tryConsumeEndOfDeclaration("}", undefined)) {
      if (this.atEnd()) {
        this.addError(`Reached end of input in ${what} (missing '}').`);
        return false;
      }
      if (!parseStatement()) this.skipStatement();
    }
    return true;
  }

  /** Skips to the end of the statement after an error (past its `;` or its `{ … }` block). */
  skipStatement(): void {
    for (;;) {
      if (this.atEnd()) return;
      if (this.lookingAtType(TokenType.Symbol)) {
        if (this.tryConsumeEndOfDeclaration(";", undefined)) return;
        if (this.tryConsume("{")) {
          this.skipRestOfBlock();
          return;
        }
        if (this.lookingAt("}")) return;
      }
      this.input.next();
    }
  }

  /** Skips to the end of the current block (iteratively: nesting depth is untrusted input). */
  private skipRestOfBlock(): void {
    let depth = 1;
    for (;;) {
      if (this.atEnd()) return;
      if (this.lookingAtType(TokenType.Symbol)) {
        if (this.tryConsumeEndOfDeclaration("}", undefined)) {
          if (--depth === 0) return;
          // protoc recurses here, and the caller skips one more token once the nested block is closed.
          this.input.next();
          continue;
        }
        if (this.tryConsume("{")) {
          depth++;
          continue;
        }
      }
      this.input.next();
    }
  }
}

/**
 * The name of a message, enum, enum value, service, method or field: path 1 under `loc`, also where the
 * linker reports errors about the name. False after an error.
 */
export function parseDeclarationName(
  ctx: ParseContext,
  loc: LocationRecorder,
  element: { name?: string },
  error: string,
): boolean {
  const l = loc.child(1);
  l.legacy(element, ErrorLocation.Name);
  const name = ctx.consumeIdentifier(error);
  if (name === undefined) return false;
  element.name = name;
  l.end();
  return true;
}

/** Closes `location` and passes `ok` on (protoc's LocationRecorder going out of scope after a statement). */
export function done(location: LocationRecorder, ok: boolean): boolean {
  location.end();
  return ok;
}
