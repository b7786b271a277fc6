/**
 * The .proto parser: a recursive-descent parser over the tokenizer that builds a `FileDescriptorProto` with
 * uninterpreted options and a `SourceCodeInfo`, in the order and shape protoc's compiler::Parser does (the
 * locations are recorded when a construct starts and closed when it ends, so their order is protoc's).
 *
 * It also records where each descriptor element sits (its name, number, type, …) so that the linker can
 * report its errors at the positions protoc reports them.
 */
import type {
  DescriptorProto,
  EnumDescriptorProto,
  EnumValueDescriptorProto,
  FieldDescriptorProto,
  FileDescriptorProto,
  MethodDescriptorProto,
  OneofDescriptorProto,
  ServiceDescriptorProto,
  SourceCodeInfo_Location,
  UninterpretedOption,
} from "../protobuf/index.js";
import { decodeUtf8, parseFloatText, parseInteger, parseStringAppend, TokenType, Tokenizer } from "./tokenizer.js";
import type { Token } from "./tokenizer.js";
import { formatDouble } from "./number-format.js";
import { cEscape } from "./c-escape.js";

/** Which part of an element an error points at (protoc's DescriptorPool::ErrorCollector::ErrorLocation). */
export const enum ErrorLocation {
  Name = 0,
  Number = 1,
  Type = 2,
  Extendee = 3,
  DefaultValue = 4,
  InputType = 5,
  OutputType = 6,
  OptionName = 7,
  OptionValue = 8,
  Import = 9,
  Other = 10,
}

/** Positions (0-based line, column) of descriptor elements, for the linker's error messages. */
export class SourceLocationTable {
  private readonly map = new Map<object, Map<number | string, [number, number]>>();

  add(element: object, kind: ErrorLocation | string, line: number, column: number): void {
    let m = this.map.get(element);
    if (!m) this.map.set(element, (m = new Map()));
    m.set(kind, [line, column]);
  }

  /** The position of an element part, or undefined (protoc then prints the error without a position). */
  find(element: object, kind: ErrorLocation | string): [number, number] | undefined {
    return this.map.get(element)?.get(kind);
  }
}

/** A parse error at a 0-based line and column. */
export interface ParseError {
  line: number;
  column: number;
  message: string;
}

/** What parsing one file yields. */
export interface ParseResult {
  file: FileDescriptorProto;
  locations: SourceLocationTable;
  errors: ParseError[];
  /** The raw bytes of each aggregate (`{ … }`) option value, for the text-format parser. */
  aggregates: WeakMap<UninterpretedOption, Uint8Array>;
}

const TYPE_NAMES: Record<string, number> = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  group: 10,
  bytes: 12,
  uint32: 13,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
};
const TYPE_GROUP = 10;
const TYPE_ENUM = 14;
const TYPE_MESSAGE = 11;
const LABEL_OPTIONAL = 1;
const LABEL_REQUIRED = 2;
const LABEL_REPEATED = 3;
const MAX_RANGE_SENTINEL = -1;
/** How deeply message (and group) bodies may nest before the parser gives up. */
const MAX_NESTING = 1000;
const INT32_MAX = 0x7fffffffn;
const INT64_MAX = 0x7fffffffffffffffn;
const UINT64_MAX = 0xffffffffffffffffn;
const UINT32_MAX = 0xffffffffn;

/** A new empty message descriptor in Spindle's representation. */
export function newMessage(name?: string): DescriptorProto {
  const m: DescriptorProto = {
    field: [],
    extension: [],
    nestedType: [],
    enumType: [],
    extensionRange: [],
    oneofDecl: [],
    reservedRange: [],
    reservedName: [],
  };
  if (name !== undefined) m.name = name;
  return m;
}

function newEnum(): EnumDescriptorProto {
  return { value: [], reservedRange: [], reservedName: [] };
}

type AnyOptions = { uninterpretedOption: UninterpretedOption[] };

class Location {
  readonly loc: SourceCodeInfo_Location;
  constructor(
    private readonly parser: Parser,
    path: number[],
    sink: SourceCodeInfo_Location[],
  ) {
    const t = parser.input.current;
    this.loc = { path, span: [t.line, t.column], leadingDetachedComments: [] };
    sink.push(this.loc);
  }
  child(...more: number[]): Location {
    return new Location(this.parser, [...this.loc.path, ...more], this.parser.locations);
  }
  addPath(n: number): void {
    this.loc.path.push(n);
  }
  startAt(t: Token): void {
    this.loc.span[0] = t.line;
    this.loc.span[1] = t.column;
  }
  startAtLocation(other: Location): void {
    this.loc.span[0] = other.loc.span[0]!;
    this.loc.span[1] = other.loc.span[1]!;
  }
  endAt(t: Token): void {
    if (t.line !== this.loc.span[0]) this.loc.span.push(t.line);
    this.loc.span.push(t.endColumn);
  }
  /** Closes the span at the previous token, as protoc's LocationRecorder destructor does. */
  end(): void {
    if (this.loc.span.length <= 2) this.endAt(this.parser.input.previous);
  }
  legacy(element: object, kind: ErrorLocation): void {
    this.parser.table.add(element, kind, this.loc.span[0]!, this.loc.span[1]!);
  }
  legacyImport(element: object, name: string): void {
    this.parser.table.add(element, "import:" + name, this.loc.span[0]!, this.loc.span[1]!);
  }
  pathSize(): number {
    return this.loc.path.length;
  }
  attachComments(leading: string | undefined, trailing: string | undefined, detached: string[]): void {
    if (leading !== undefined && leading !== "") this.loc.leadingComments = leading;
    if (trailing !== undefined && trailing !== "") this.loc.trailingComments = trailing;
    for (const d of detached) this.loc.leadingDetachedComments.push(d);
  }
}

/**
 * Parses one .proto file. Never throws for bad input: problems come back in `errors` (and then the
 * descriptor is incomplete).
 */
export function parseProto(name: string, source: Uint8Array): ParseResult {
  const p = new Parser(source);
  const file = p.parse(name);
  return { file, locations: p.table, errors: p.errors, aggregates: p.aggregates };
}

class Parser {
  readonly input: Tokenizer;
  readonly errors: ParseError[] = [];
  readonly table = new SourceLocationTable();
  readonly aggregates = new WeakMap<UninterpretedOption, Uint8Array>();
  locations: SourceCodeInfo_Location[] = [];
  private syntax = "";
  private depth = 0;
  private upcomingDocComments: string | undefined;
  private upcomingDetached: string[] = [];

  constructor(source: Uint8Array) {
    this.input = new Tokenizer(source, (line, column, message) => this.errors.push({ line, column, message }));
  }

  // ---- token helpers -------------------------------------------------------------------------------

  private lookingAt(text: string): boolean {
    return this.input.current.text === text && this.input.current.type !== TokenType.String;
  }
  private lookingAtType(t: TokenType): boolean {
    return this.input.current.type === t;
  }
  private atEnd(): boolean {
    return this.input.current.type === TokenType.End;
  }
  private tryConsume(text: string): boolean {
    if (this.lookingAt(text)) {
      this.input.next();
      return true;
    }
    return false;
  }
  private addError(message: string): void {
    const t = this.input.current;
    this.errors.push({ line: t.line, column: t.column, message });
  }
  private addErrorAt(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message });
  }
  private consume(text: string, error?: string): boolean {
    if (this.tryConsume(text)) return true;
    this.addError(error ?? `Expected "${text}".`);
    return false;
  }
  private consumeIdentifier(error: string): string | undefined {
    if (this.lookingAtType(TokenType.Identifier)) {
      const t = this.input.current.text;
      this.input.next();
      return t;
    }
    this.addError(error);
    return undefined;
  }
  private consumeInteger(error: string): number | undefined {
    if (this.lookingAtType(TokenType.Integer)) {
      const v = parseInteger(this.input.current.text, INT32_MAX);
      if (v === undefined) this.addError("Integer out of range.");
      this.input.next();
      return v === undefined ? 0 : Number(v);
    }
    this.addError(error);
    return undefined;
  }
  private consumeSignedInteger(error: string): number | undefined {
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
  private consumeInteger64(max: bigint, error: string): bigint | undefined {
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
  private consumeNumber(error: string): number | undefined {
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
  private consumeString(error: string): number[] | undefined {
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
  private consumeStringText(error: string): string | undefined {
    const b = this.consumeString(error);
    return b === undefined ? undefined : decodeUtf8(Uint8Array.from(b));
  }

  private tryConsumeEndOfDeclaration(text: string, location: Location | undefined): boolean {
    if (!this.lookingAt(text)) return false;
    const c = { trailing: undefined as string | undefined, detached: [] as string[], leading: undefined as string | undefined };
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
  private consumeEndOfDeclaration(text: string, location: Location | undefined): boolean {
    if (this.tryConsumeEndOfDeclaration(text, location)) return true;
    this.addError(`Expected "${text}".`);
    return false;
  }

  private skipStatement(): void {
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

  // ---- file ----------------------------------------------------------------------------------------

  parse(name: string): FileDescriptorProto {
    const file: FileDescriptorProto = {
      name,
      dependency: [],
      publicDependency: [],
      weakDependency: [],
      messageType: [],
      enumType: [],
      service: [],
      extension: [],
    };
    const c = { trailing: undefined as string | undefined, detached: [] as string[], leading: undefined as string | undefined };
    this.input.nextWithComments(c);
    this.upcomingDetached = c.detached;
    this.upcomingDocComments = c.leading;
    const root = new Location(this, [], this.locations);
    root.legacy(file, ErrorLocation.Other);
    if (this.lookingAt("syntax")) {
      if (!this.parseSyntax(root)) {
        file.sourceCodeInfo = { location: this.locations };
        return file;
      }
      file.syntax = this.syntax;
    } else if (this.lookingAt("edition")) {
      this.addError('Editions are not supported by this compiler (protoc 3.21 does not know "edition" either).');
      return file;
    } else {
      this.syntax = "proto2";
    }
    while (!this.atEnd()) {
      if (!this.parseTopLevelStatement(file, root)) {
        this.skipStatement();
        if (this.lookingAt("}")) {
          this.addError('Unmatched "}".');
          const c2 = { trailing: undefined as string | undefined, detached: [] as string[], leading: undefined as string | undefined };
          this.input.nextWithComments(c2);
          this.upcomingDetached = c2.detached;
          this.upcomingDocComments = c2.leading;
        }
      }
    }
    root.end();
    file.sourceCodeInfo = { location: this.locations };
    return file;
  }

  private parseSyntax(parent: Location): boolean {
    const loc = parent.child(12);
    if (!this.consume("syntax", "File must begin with a syntax statement, e.g. 'syntax = \"proto2\";'.")) return false;
    if (!this.consume("=")) return false;
    const tok = this.input.current;
    const syntax = this.consumeStringText("Expected syntax identifier.");
    if (syntax === undefined) return false;
    if (!this.consumeEndOfDeclaration(";", loc)) return false;
    loc.end();
    this.syntax = syntax;
    if (syntax !== "proto2" && syntax !== "proto3") {
      this.addErrorAt(
        tok.line,
        tok.column,
        `Unrecognized syntax identifier "${syntax}".  This parser only recognizes "proto2" and "proto3".`,
      );
      return false;
    }
    return true;
  }

  private parseTopLevelStatement(file: FileDescriptorProto, root: Location): boolean {
    if (this.tryConsumeEndOfDeclaration(";", undefined)) return true;
    if (this.lookingAt("message")) {
      const loc = root.child(4, file.messageType.length);
      const m = newMessage();
      file.messageType.push(m);
      return this.done(loc, this.parseMessageDefinition(m, loc));
    }
    if (this.lookingAt("enum")) {
      const loc = root.child(5, file.enumType.length);
      const e = newEnum();
      file.enumType.push(e);
      return this.done(loc, this.parseEnumDefinition(e, loc));
    }
    if (this.lookingAt("service")) {
      const loc = root.child(6, file.service.length);
      const s: ServiceDescriptorProto = { method: [] };
      file.service.push(s);
      return this.done(loc, this.parseServiceDefinition(s, loc));
    }
    if (this.lookingAt("extend")) {
      const loc = root.child(7);
      return this.done(loc, this.parseExtend(file.extension, file.messageType, root, 4, loc));
    }
    if (this.lookingAt("import")) return this.parseImport(file, root);
    if (this.lookingAt("package")) return this.parsePackage(file, root);
    if (this.lookingAt("option")) {
      const loc = root.child(8);
      file.options ??= { uninterpretedOption: [] };
      return this.done(loc, this.parseOption(file.options, loc, true));
    }
    this.addError('Expected top-level statement (e.g. "message").');
    return false;
  }

  private done(loc: Location, ok: boolean): boolean {
    loc.end();
    return ok;
  }

  // ---- messages ------------------------------------------------------------------------------------

  private parseMessageDefinition(message: DescriptorProto, loc: Location): boolean {
    if (!this.consume("message")) return false;
    {
      const l = loc.child(1);
      l.legacy(message, ErrorLocation.Name);
      const name = this.consumeIdentifier("Expected message name.");
      if (name === undefined) return false;
      message.name = name;
      l.end();
    }
    if (!this.parseMessageBlock(message, loc)) return false;
    if (this.syntax === "proto3") {
      const names = new Set<string>();
      for (const f of message.field) names.add(f.name ?? "");
      for (const o of message.oneofDecl) names.add(o.name ?? "");
      for (const f of message.field) {
        if (f.proto3Optional) {
          let oneofName = f.name ?? "";
          if (oneofName === "" || oneofName[0] !== "_") oneofName = "_" + oneofName;
          while (names.has(oneofName)) oneofName = "X" + oneofName;
          names.add(oneofName);
          f.oneofIndex = message.oneofDecl.length;
          message.oneofDecl.push({ name: oneofName });
        }
      }
    }
    return true;
  }

  private parseMessageBlock(message: DescriptorProto, loc: Location): boolean {
    // protoc has no parser limit (its linker stops at 32 levels); ours keeps the JS stack safe.
    if (this.depth >= MAX_NESTING) {
      this.addError(`Messages are nested too deeply (more than ${MAX_NESTING} levels).`);
      return false;
    }
    this.depth++;
    try {
      return this.parseMessageBlockBody(message, loc);
    } finally {
      this.depth--;
    }
  }

  private parseMessageBlockBody(message: DescriptorProto, loc: Location): boolean {
    if (!this.consumeEndOfDeclaration("{", loc)) return false;
    while (!this.tryConsumeEndOfDeclaration("}", undefined)) {
      if (this.atEnd()) {
        this.addError("Reached end of input in message definition (missing '}').");
        return false;
      }
      if (!this.parseMessageStatement(message, loc)) this.skipStatement();
    }
    if (message.extensionRange.length > 0 || message.reservedRange.length > 0) {
      const isMessageSet = message.options?.uninterpretedOption.some(
        (o) => o.name.length === 1 && o.name[0]!.namePart === "message_set_wire_format" && o.identifierValue === "true",
      );
      const max = isMessageSet ? 0x7fffffff : 536870912;
      for (const r of message.extensionRange) if (r.end === MAX_RANGE_SENTINEL) r.end = max;
      for (const r of message.reservedRange) if (r.end === MAX_RANGE_SENTINEL) r.end = max;
    }
    return true;
  }

  private parseMessageStatement(message: DescriptorProto, loc: Location): boolean {
    if (this.tryConsumeEndOfDeclaration(";", undefined)) return true;
    if (this.lookingAt("message")) {
      const l = loc.child(3, message.nestedType.length);
      const m = newMessage();
      message.nestedType.push(m);
      return this.done(l, this.parseMessageDefinition(m, l));
    }
    if (this.lookingAt("enum")) {
      const l = loc.child(4, message.enumType.length);
      const e = newEnum();
      message.enumType.push(e);
      return this.done(l, this.parseEnumDefinition(e, l));
    }
    if (this.lookingAt("extensions")) {
      const l = loc.child(5);
      return this.done(l, this.parseExtensions(message, l));
    }
    if (this.lookingAt("reserved")) return this.parseReserved(message, loc);
    if (this.lookingAt("extend")) {
      const l = loc.child(6);
      return this.done(l, this.parseExtend(message.extension, message.nestedType, loc, 3, l));
    }
    if (this.lookingAt("option")) {
      const l = loc.child(7);
      message.options ??= { uninterpretedOption: [] };
      return this.done(l, this.parseOption(message.options, l, true));
    }
    if (this.lookingAt("oneof")) {
      const index = message.oneofDecl.length;
      const l = loc.child(8, index);
      const o: OneofDescriptorProto = {};
      message.oneofDecl.push(o);
      return this.done(l, this.parseOneof(o, message, index, l, loc));
    }
    const l = loc.child(2, message.field.length);
    const f: FieldDescriptorProto = {};
    message.field.push(f);
    return this.done(l, this.parseMessageField(f, message.nestedType, loc, 3, l));
  }

  private parseMessageField(
    field: FieldDescriptorProto,
    messages: DescriptorProto[],
    parentLoc: Location,
    nestedTypeNumber: number,
    fieldLoc: Location,
  ): boolean {
    if (this.lookingAt("optional") || this.lookingAt("repeated") || this.lookingAt("required")) {
      const l = fieldLoc.child(4);
      let label: number;
      if (this.tryConsume("optional")) label = LABEL_OPTIONAL;
      else if (this.tryConsume("repeated")) label = LABEL_REPEATED;
      else {
        this.consume("required");
        label = LABEL_REQUIRED;
      }
      l.end();
      field.label = label;
      if (label === LABEL_OPTIONAL && this.syntax === "proto3") field.proto3Optional = true;
    }
    return this.parseMessageFieldNoLabel(field, messages, parentLoc, nestedTypeNumber, fieldLoc);
  }

  private parseMessageFieldNoLabel(
    field: FieldDescriptorProto,
    messages: DescriptorProto[],
    parentLoc: Location,
    nestedTypeNumber: number,
    fieldLoc: Location,
  ): boolean {
    let isMap = false;
    let keyType = 0;
    let keyTypeName = "";
    let valueType = 0;
    let valueTypeName = "";
    {
      const l = fieldLoc.child();
      l.legacy(field, ErrorLocation.Type);
      let typeParsed = false;
      let type = 5;
      let typeName = "";
      if (this.tryConsume("map")) {
        if (this.lookingAt("<")) {
          isMap = true;
          if (field.oneofIndex !== undefined) {
            this.addError("Map fields are not allowed in oneofs.");
            return false;
          }
          if (field.label !== undefined) {
            this.addError("Field labels (required/optional/repeated) are not allowed on map fields.");
            return false;
          }
          if (field.extendee !== undefined) {
            this.addError("Map fields are not allowed to be extensions.");
            return false;
          }
          field.label = LABEL_REPEATED;
          if (!this.consume("<")) return false;
          const k = this.parseType();
          if (k === undefined) return false;
          [keyType, keyTypeName] = k;
          if (!this.consume(",")) return false;
          const v = this.parseType();
          if (v === undefined) return false;
          [valueType, valueTypeName] = v;
          if (!this.consume(">")) return false;
          l.addPath(6);
        } else {
          typeParsed = true;
          typeName = "map";
        }
      }
      if (!isMap) {
        if (field.label === undefined && this.syntax === "proto3") field.label = LABEL_OPTIONAL;
        if (field.label === undefined) {
          this.addError('Expected "required", "optional", or "repeated".');
          field.label = LABEL_OPTIONAL;
        }
        if (!typeParsed) {
          const t = this.parseType();
          if (t === undefined) return false;
          [type, typeName] = t;
        }
        if (typeName === "") {
          l.addPath(5);
          field.type = type;
        } else {
          l.addPath(6);
          field.typeName = typeName;
        }
      }
      l.end();
    }
    const nameToken = this.input.current;
    {
      const l = fieldLoc.child(1);
      l.legacy(field, ErrorLocation.Name);
      const name = this.consumeIdentifier("Expected field name.");
      if (name === undefined) return false;
      field.name = name;
      l.end();
    }
    if (!this.consume("=", "Missing field number.")) return false;
    {
      const l = fieldLoc.child(3);
      l.legacy(field, ErrorLocation.Number);
      const n = this.consumeInteger("Expected field number.");
      if (n === undefined) return false;
      field.number = n;
      l.end();
    }
    if (!this.parseFieldOptions(field, fieldLoc)) return false;
    if (field.type === TYPE_GROUP) {
      const groupLoc = new Location(this, [...parentLoc.loc.path], this.locations);
      groupLoc.startAtLocation(fieldLoc);
      groupLoc.addPath(nestedTypeNumber);
      groupLoc.addPath(messages.length);
      const group = newMessage(field.name);
      messages.push(group);
      {
        const l = groupLoc.child(1);
        l.startAt(nameToken);
        l.endAt(nameToken);
        l.legacy(group, ErrorLocation.Name);
      }
      {
        const l = fieldLoc.child(6);
        l.startAt(nameToken);
        l.endAt(nameToken);
      }
      const first = group.name!.charCodeAt(0);
      if (!(first >= 0x41 && first <= 0x5a)) {
        this.addErrorAt(nameToken.line, nameToken.column, "Group names must start with a capital letter.");
      }
      field.name = field.name!.toLowerCase();
      field.typeName = group.name;
      if (this.lookingAt("{")) {
        const ok = this.parseMessageBlock(group, groupLoc);
        groupLoc.end();
        if (!ok) return false;
      } else {
        this.addError("Missing group body.");
        return false;
      }
    } else {
      if (!this.consumeEndOfDeclaration(";", fieldLoc)) return false;
    }
    if (isMap) {
      const entryName = mapEntryName(field.name!);
      field.typeName = entryName;
      const entry = newMessage(entryName);
      entry.options = { mapEntry: true, uninterpretedOption: [] };
      const key: FieldDescriptorProto = { name: "key", label: LABEL_OPTIONAL, number: 1 };
      if (keyTypeName === "") key.type = keyType;
      else key.typeName = keyTypeName;
      const value: FieldDescriptorProto = { name: "value", label: LABEL_OPTIONAL, number: 2 };
      if (valueTypeName === "") value.type = valueType;
      else value.typeName = valueTypeName;
      entry.field.push(key, value);
      for (const o of field.options?.uninterpretedOption ?? []) {
        if (o.name.length === 1 && o.name[0]!.namePart === "enforce_utf8" && !o.name[0]!.isExtension) {
          if (key.type === 9) (key.options ??= { uninterpretedOption: [] }).uninterpretedOption.push(o);
          if (value.type === 9) (value.options ??= { uninterpretedOption: [] }).uninterpretedOption.push(o);
        }
      }
      messages.push(entry);
    }
    return true;
  }

  private parseFieldOptions(field: FieldDescriptorProto, fieldLoc: Location): boolean {
    if (!this.lookingAt("[")) return true;
    const l = fieldLoc.child(8);
    if (!this.consume("[")) return false;
    do {
      if (this.lookingAt("default")) {
        if (!this.parseDefaultAssignment(field, fieldLoc)) return false;
      } else if (this.lookingAt("json_name")) {
        if (!this.parseJsonName(field, fieldLoc)) return false;
      } else {
        field.options ??= { uninterpretedOption: [] };
        if (!this.parseOption(field.options, l, false)) return false;
      }
    } while (this.tryConsume(","));
    if (!this.consume("]")) return false;
    l.end();
    return true;
  }

  private parseDefaultAssignment(field: FieldDescriptorProto, fieldLoc: Location): boolean {
    if (field.defaultValue !== undefined) {
      this.addError('Already set option "default".');
      delete field.defaultValue;
    }
    if (!this.consume("default")) return false;
    if (!this.consume("=")) return false;
    const l = fieldLoc.child(7);
    l.legacy(field, ErrorLocation.DefaultValue);
    let value = "";
    if (field.type === undefined) {
      field.defaultValue = this.input.current.text;
      this.input.next();
      l.end();
      return true;
    }
    switch (field.type) {
      case 5:
      case 3:
      case 17:
      case 18:
      case 15:
      case 16: {
        let max = field.type === 5 || field.type === 17 || field.type === 15 ? INT32_MAX : INT64_MAX;
        if (this.tryConsume("-")) {
          value += "-";
          max += 1n;
        }
        const v = this.consumeInteger64(max, "Expected integer for field default value.");
        if (v === undefined) return false;
        value += v.toString();
        break;
      }
      case 13:
      case 4:
      case 7:
      case 6: {
        const max = field.type === 13 || field.type === 7 ? UINT32_MAX : UINT64_MAX;
        if (this.tryConsume("-")) this.addError("Unsigned field can't have negative default value.");
        const v = this.consumeInteger64(max, "Expected integer for field default value.");
        if (v === undefined) return false;
        value += v.toString();
        break;
      }
      case 2:
      case 1: {
        if (this.tryConsume("-")) value += "-";
        const v = this.consumeNumber("Expected number.");
        if (v === undefined) return false;
        value += formatDouble(v);
        break;
      }
      case 8:
        if (this.tryConsume("true")) value = "true";
        else if (this.tryConsume("false")) value = "false";
        else {
          this.addError('Expected "true" or "false".');
          return false;
        }
        break;
      case 9: {
        const s = this.consumeString("Expected string for field default value.");
        if (s === undefined) return false;
        value = decodeUtf8(Uint8Array.from(s));
        break;
      }
      case 12: {
        const s = this.consumeString("Expected string.");
        if (s === undefined) return false;
        value = cEscape(s);
        break;
      }
      case TYPE_ENUM: {
        const id = this.consumeIdentifier("Expected enum identifier for field default value.");
        if (id === undefined) return false;
        value = id;
        break;
      }
      case TYPE_MESSAGE:
      case TYPE_GROUP:
        this.addError("Messages can't have default values.");
        return false;
    }
    field.defaultValue = value;
    l.end();
    return true;
  }

  private parseJsonName(field: FieldDescriptorProto, fieldLoc: Location): boolean {
    if (field.jsonName !== undefined) {
      this.addError('Already set option "json_name".');
      delete field.jsonName;
    }
    const l = fieldLoc.child(10);
    l.legacy(field, ErrorLocation.OptionName);
    if (!this.consume("json_name")) return false;
    if (!this.consume("=")) return false;
    const v = l.child();
    v.legacy(field, ErrorLocation.OptionValue);
    const s = this.consumeStringText("Expected string for JSON name.");
    if (s === undefined) return false;
    field.jsonName = s;
    v.end();
    l.end();
    return true;
  }

  private parseOptionNamePart(option: UninterpretedOption, partLoc: Location): boolean {
    const part: { namePart?: string; isExtension?: boolean } = {};
    option.name.push(part);
    if (this.lookingAt("(")) {
      if (!this.consume("(")) return false;
      const l = partLoc.child(1);
      let name = "";
      if (this.lookingAtType(TokenType.Identifier)) {
        const id = this.consumeIdentifier("Expected identifier.");
        if (id === undefined) return false;
        name += id;
      }
      while (this.lookingAt(".")) {
        if (!this.consume(".")) return false;
        name += ".";
        const id = this.consumeIdentifier("Expected identifier.");
        if (id === undefined) return false;
        name += id;
      }
      part.namePart = name;
      l.end();
      if (!this.consume(")")) return false;
      part.isExtension = true;
    } else {
      const l = partLoc.child(1);
      const id = this.consumeIdentifier("Expected identifier.");
      if (id === undefined) return false;
      part.namePart = id;
      l.end();
      part.isExtension = false;
    }
    return true;
  }

  private parseUninterpretedBlock(option: UninterpretedOption): boolean {
    if (!this.consume("{")) return false;
    let depth = 1;
    const out: number[] = [];
    while (!this.atEnd()) {
      if (this.lookingAt("{")) depth++;
      else if (this.lookingAt("}")) {
        depth--;
        if (depth === 0) {
          this.input.next();
          const bytes = Uint8Array.from(out);
          option.aggregateValue = decodeUtf8(bytes);
          this.aggregates.set(option, bytes);
          return true;
        }
      }
      if (out.length > 0) out.push(0x20);
      const t = this.input.current;
      const raw = this.input.bytes(t.start, t.end);
      for (let i = 0; i < raw.length; i++) out.push(raw[i]!);
      this.input.next();
    }
    this.addError("Unexpected end of stream while parsing aggregate value.");
    return false;
  }

  private parseOption(options: AnyOptions, optionsLoc: Location, statement: boolean): boolean {
    const loc = optionsLoc.child(999, options.uninterpretedOption.length);
    if (statement && !this.consume("option")) return false;
    const option: UninterpretedOption = { name: [] };
    options.uninterpretedOption.push(option);
    {
      const nameLoc = loc.child(2);
      nameLoc.legacy(option, ErrorLocation.OptionName);
      {
        const part = nameLoc.child(option.name.length);
        if (!this.parseOptionNamePart(option, part)) return false;
        part.end();
      }
      while (this.lookingAt(".")) {
        if (!this.consume(".")) return false;
        const part = nameLoc.child(option.name.length);
        if (!this.parseOptionNamePart(option, part)) return false;
        part.end();
      }
      nameLoc.end();
    }
    if (!this.consume("=")) return false;
    {
      const v = loc.child();
      v.legacy(option, ErrorLocation.OptionValue);
      const negative = this.tryConsume("-");
      const t = this.input.current;
      switch (t.type) {
        case TokenType.End:
          this.addError("Unexpected end of stream while parsing option value.");
          return false;
        case TokenType.Identifier: {
          v.addPath(3);
          if (negative) {
            this.addError("Invalid '-' symbol before identifier.");
            return false;
          }
          option.identifierValue = t.text;
          this.input.next();
          break;
        }
        case TokenType.Integer: {
          const max = negative ? INT64_MAX + 1n : UINT64_MAX;
          const value = this.consumeInteger64(max, "Expected integer.");
          if (value === undefined) return false;
          if (negative) {
            v.addPath(5);
            option.negativeIntValue = -value;
          } else {
            v.addPath(4);
            option.positiveIntValue = value;
          }
          break;
        }
        case TokenType.Float: {
          v.addPath(6);
          const value = this.consumeNumber("Expected number.");
          if (value === undefined) return false;
          option.doubleValue = negative ? -value : value;
          break;
        }
        case TokenType.String: {
          v.addPath(7);
          if (negative) {
            this.addError("Invalid '-' symbol before string.");
            return false;
          }
          const s = this.consumeString("Expected string.");
          if (s === undefined) return false;
          option.stringValue = Uint8Array.from(s);
          break;
        }
        case TokenType.Symbol:
          if (this.lookingAt("{")) {
            v.addPath(8);
            if (!this.parseUninterpretedBlock(option)) return false;
          } else {
            this.addError("Expected option value.");
            return false;
          }
          break;
        default:
          this.addError("Expected option value.");
          return false;
      }
      v.end();
    }
    if (statement && !this.consumeEndOfDeclaration(";", loc)) return false;
    loc.end();
    return true;
  }

  private parseExtensions(message: DescriptorProto, extLoc: Location): boolean {
    if (!this.consume("extensions")) return false;
    const oldSize = message.extensionRange.length;
    do {
      const l = extLoc.child(message.extensionRange.length);
      const range: { start?: number; end?: number; options?: AnyOptions } = {};
      message.extensionRange.push(range);
      l.legacy(range, ErrorLocation.Number);
      let start: number;
      let end: number;
      const startToken = this.input.current;
      {
        const s = l.child(1);
        const v = this.consumeInteger("Expected field number range.");
        if (v === undefined) return false;
        start = v;
        s.end();
      }
      if (this.tryConsume("to")) {
        const e = l.child(2);
        if (this.tryConsume("max")) end = MAX_RANGE_SENTINEL - 1;
        else {
          const v = this.consumeInteger("Expected integer.");
          if (v === undefined) return false;
          end = v;
        }
        e.end();
      } else {
        const e = l.child(2);
        e.startAt(startToken);
        e.endAt(startToken);
        end = start;
      }
      end++;
      range.start = start;
      range.end = end;
      l.end();
    } while (this.tryConsume(","));
    if (this.lookingAt("[")) {
      const rangeNumberIndex = extLoc.pathSize();
      const info: SourceCodeInfo_Location[] = [];
      const options: AnyOptions = { uninterpretedOption: [] };
      message.extensionRange[oldSize]!.options = options;
      {
        const saved = this.locations;
        this.locations = info;
        const index = new Location(this, [...extLoc.loc.path, 0], info);
        const l = index.child(3);
        this.locations = saved;
        // Nested recorders below must also go into `info`.
        this.locations = info;
        const ok = this.consume("[") && this.parseOptionList(options, l);
        this.locations = saved;
        if (!ok) return false;
        l.end();
        index.end();
      }
      // protoc copies the options into every range of the statement: give each its own copy.
      for (let i = oldSize + 1; i < message.extensionRange.length; i++) {
        message.extensionRange[i]!.options = {
          uninterpretedOption: options.uninterpretedOption.map((o) => {
            const c: UninterpretedOption = { ...o, name: o.name.map((n) => ({ ...n })) };
            const agg = this.aggregates.get(o);
            if (agg !== undefined) this.aggregates.set(c, agg);
            return c;
          }),
        };
      }
      for (let i = oldSize; i < message.extensionRange.length; i++) {
        for (const loc of info) {
          if (loc.path.length === rangeNumberIndex + 1) continue;
          const copy: SourceCodeInfo_Location = {
            path: [...loc.path],
            span: [...loc.span],
            leadingDetachedComments: [...loc.leadingDetachedComments],
          };
          if (loc.leadingComments !== undefined) copy.leadingComments = loc.leadingComments;
          if (loc.trailingComments !== undefined) copy.trailingComments = loc.trailingComments;
          copy.path[rangeNumberIndex] = i;
          this.locations.push(copy);
        }
      }
    }
    return this.consumeEndOfDeclaration(";", extLoc);
  }

  private parseOptionList(options: AnyOptions, loc: Location): boolean {
    do {
      if (!this.parseOption(options, loc, false)) return false;
    } while (this.tryConsume(","));
    return this.consume("]");
  }

  private parseReserved(message: DescriptorProto, messageLoc: Location): boolean {
    const startToken = this.input.current;
    if (!this.consume("reserved")) return false;
    if (this.lookingAtType(TokenType.String)) {
      const l = messageLoc.child(10);
      l.startAt(startToken);
      return this.done(l, this.parseReservedNames(message.reservedName, l, "Expected field name."));
    }
    const l = messageLoc.child(9);
    l.startAt(startToken);
    return this.done(l, this.parseReservedNumbers(message.reservedRange, l, false));
  }

  private parseReservedNames(names: string[], parent: Location, error: string): boolean {
    do {
      const l = parent.child(names.length);
      const s = this.consumeStringText(error);
      if (s === undefined) return false;
      names.push(s);
      l.end();
    } while (this.tryConsume(","));
    return this.consumeEndOfDeclaration(";", parent);
  }

  private parseReservedNumbers(ranges: { start?: number; end?: number }[], parent: Location, isEnum: boolean): boolean {
    let first = true;
    do {
      const l = parent.child(ranges.length);
      const range: { start?: number; end?: number } = {};
      ranges.push(range);
      let start: number;
      let end: number;
      const startToken = this.input.current;
      {
        const s = l.child(1);
        const v = isEnum
          ? this.consumeSignedInteger(first ? "Expected enum value or number range." : "Expected enum number range.")
          : this.consumeInteger(first ? "Expected field name or number range." : "Expected field number range.");
        if (v === undefined) return false;
        start = v;
        s.end();
      }
      if (this.tryConsume("to")) {
        const e = l.child(2);
        if (this.tryConsume("max")) end = isEnum ? 0x7fffffff : MAX_RANGE_SENTINEL - 1;
        else {
          const v = isEnum ? this.consumeSignedInteger("Expected integer.") : this.consumeInteger("Expected integer.");
          if (v === undefined) return false;
          end = v;
        }
        e.end();
      } else {
        const e = l.child(2);
        e.startAt(startToken);
        e.endAt(startToken);
        end = start;
      }
      if (!isEnum) end++;
      range.start = start;
      range.end = end;
      first = false;
      l.end();
    } while (this.tryConsume(","));
    return this.consumeEndOfDeclaration(";", parent);
  }

  private parseExtend(
    extensions: FieldDescriptorProto[],
    messages: DescriptorProto[],
    parentLoc: Location,
    nestedTypeNumber: number,
    extendLoc: Location,
  ): boolean {
    if (!this.consume("extend")) return false;
    const extendeeStart = this.input.current;
    const extendee = this.parseUserDefinedType();
    if (extendee === undefined) return false;
    const extendeeEnd = this.input.previous;
    if (!this.consumeEndOfDeclaration("{", extendLoc)) return false;
    let isFirst = true;
    do {
      if (this.atEnd()) {
        this.addError("Reached end of input in extend definition (missing '}').");
        return false;
      }
      const l = extendLoc.child(extensions.length);
      const field: FieldDescriptorProto = {};
      extensions.push(field);
      {
        const e = l.child(2);
        e.startAt(extendeeStart);
        e.endAt(extendeeEnd);
        if (isFirst) {
          e.legacy(field, ErrorLocation.Extendee);
          isFirst = false;
        }
      }
      field.extendee = extendee;
      if (!this.parseMessageField(field, messages, parentLoc, nestedTypeNumber, l)) this.skipStatement();
      l.end();
    } while (!this.tryConsumeEndOfDeclaration("}", undefined));
    return true;
  }

  private parseOneof(
    oneof: OneofDescriptorProto,
    containing: DescriptorProto,
    oneofIndex: number,
    oneofLoc: Location,
    containingLoc: Location,
  ): boolean {
    if (!this.consume("oneof")) return false;
    {
      const l = oneofLoc.child(1);
      const name = this.consumeIdentifier("Expected oneof name.");
      if (name === undefined) return false;
      oneof.name = name;
      l.end();
    }
    if (!this.consumeEndOfDeclaration("{", oneofLoc)) return false;
    do {
      if (this.atEnd()) {
        this.addError("Reached end of input in oneof definition (missing '}').");
        return false;
      }
      if (this.lookingAt("option")) {
        const l = oneofLoc.child(2);
        oneof.options ??= { uninterpretedOption: [] };
        if (!this.parseOption(oneof.options, l, true)) return false;
        l.end();
        continue;
      }
      if (this.lookingAt("required") || this.lookingAt("optional") || this.lookingAt("repeated")) {
        this.addError("Fields in oneofs must not have labels (required / optional / repeated).");
        this.input.next();
      }
      const l = containingLoc.child(2, containing.field.length);
      const field: FieldDescriptorProto = { label: LABEL_OPTIONAL, oneofIndex };
      containing.field.push(field);
      if (!this.parseMessageFieldNoLabel(field, containing.nestedType, containingLoc, 3, l)) this.skipStatement();
      l.end();
    } while (!this.tryConsumeEndOfDeclaration("}", undefined));
    return true;
  }

  // ---- enums ---------------------------------------------------------------------------------------

  private parseEnumDefinition(e: EnumDescriptorProto, loc: Location): boolean {
    if (!this.consume("enum")) return false;
    {
      const l = loc.child(1);
      l.legacy(e, ErrorLocation.Name);
      const name = this.consumeIdentifier("Expected enum name.");
      if (name === undefined) return false;
      e.name = name;
      l.end();
    }
    if (!this.parseEnumBlock(e, loc)) return false;
    return this.validateEnum(e);
  }

  private validateEnum(e: EnumDescriptorProto): boolean {
    let hasAllowAlias = false;
    let allowAlias = false;
    for (const o of e.options?.uninterpretedOption ?? []) {
      if (o.name.length > 1) continue;
      if (!o.name[0]!.isExtension && o.name[0]!.namePart === "allow_alias") {
        hasAllowAlias = true;
        if (o.identifierValue === "true") allowAlias = true;
        break;
      }
    }
    if (hasAllowAlias && !allowAlias) {
      this.addError(
        `"${e.name}" declares 'option allow_alias = false;' which has no effect. Please remove the declaration.`,
      );
      return false;
    }
    const used = new Set<number>();
    let hasDuplicates = false;
    for (const v of e.value) {
      if (used.has(v.number!)) {
        hasDuplicates = true;
        break;
      }
      used.add(v.number!);
    }
    if (allowAlias && !hasDuplicates) {
      this.addError(
        `"${e.name}" declares support for enum aliases but no enum values share field numbers. Please remove the unnecessary 'option allow_alias = true;' declaration.`,
      );
      return false;
    }
    return true;
  }

  private parseEnumBlock(e: EnumDescriptorProto, loc: Location): boolean {
    if (!this.consumeEndOfDeclaration("{", loc)) return false;
    while (!this.tryConsumeEndOfDeclaration("}", undefined)) {
      if (this.atEnd()) {
        this.addError("Reached end of input in enum definition (missing '}').");
        return false;
      }
      if (!this.parseEnumStatement(e, loc)) this.skipStatement();
    }
    return true;
  }

  private parseEnumStatement(e: EnumDescriptorProto, loc: Location): boolean {
    if (this.tryConsumeEndOfDeclaration(";", undefined)) return true;
    if (this.lookingAt("option")) {
      const l = loc.child(3);
      e.options ??= { uninterpretedOption: [] };
      return this.done(l, this.parseOption(e.options, l, true));
    }
    if (this.lookingAt("reserved")) {
      const startToken = this.input.current;
      this.consume("reserved");
      if (this.lookingAtType(TokenType.String)) {
        const l = loc.child(5);
        l.startAt(startToken);
        return this.done(l, this.parseReservedNames(e.reservedName, l, "Expected enum value."));
      }
      const l = loc.child(4);
      l.startAt(startToken);
      return this.done(l, this.parseReservedNumbers(e.reservedRange, l, true));
    }
    const l = loc.child(2, e.value.length);
    const v: EnumValueDescriptorProto = {};
    e.value.push(v);
    return this.done(l, this.parseEnumConstant(v, l));
  }

  private parseEnumConstant(v: EnumValueDescriptorProto, loc: Location): boolean {
    {
      const l = loc.child(1);
      l.legacy(v, ErrorLocation.Name);
      const name = this.consumeIdentifier("Expected enum constant name.");
      if (name === undefined) return false;
      v.name = name;
      l.end();
    }
    if (!this.consume("=", "Missing numeric value for enum constant.")) return false;
    {
      const l = loc.child(2);
      l.legacy(v, ErrorLocation.Number);
      const n = this.consumeSignedInteger("Expected integer.");
      if (n === undefined) return false;
      v.number = n;
      l.end();
    }
    if (this.lookingAt("[")) {
      const l = loc.child(3);
      if (!this.consume("[")) return false;
      v.options ??= { uninterpretedOption: [] };
      if (!this.parseOptionList(v.options, l)) return false;
      l.end();
    }
    return this.consumeEndOfDeclaration(";", loc);
  }

  // ---- services ------------------------------------------------------------------------------------

  private parseServiceDefinition(s: ServiceDescriptorProto, loc: Location): boolean {
    if (!this.consume("service")) return false;
    {
      const l = loc.child(1);
      l.legacy(s, ErrorLocation.Name);
      const name = this.consumeIdentifier("Expected service name.");
      if (name === undefined) return false;
      s.name = name;
      l.end();
    }
    if (!this.consumeEndOfDeclaration("{", loc)) return false;
    while (!this.tryConsumeEndOfDeclaration("}", undefined)) {
      if (this.atEnd()) {
        this.addError("Reached end of input in service definition (missing '}').");
        return false;
      }
      if (!this.parseServiceStatement(s, loc)) this.skipStatement();
    }
    return true;
  }

  private parseServiceStatement(s: ServiceDescriptorProto, loc: Location): boolean {
    if (this.tryConsumeEndOfDeclaration(";", undefined)) return true;
    if (this.lookingAt("option")) {
      const l = loc.child(3);
      s.options ??= { uninterpretedOption: [] };
      return this.done(l, this.parseOption(s.options, l, true));
    }
    const l = loc.child(2, s.method.length);
    const m: MethodDescriptorProto = {};
    s.method.push(m);
    return this.done(l, this.parseServiceMethod(m, l));
  }

  private parseServiceMethod(m: MethodDescriptorProto, loc: Location): boolean {
    if (!this.consume("rpc")) return false;
    {
      const l = loc.child(1);
      l.legacy(m, ErrorLocation.Name);
      const name = this.consumeIdentifier("Expected method name.");
      if (name === undefined) return false;
      m.name = name;
      l.end();
    }
    if (!this.consume("(")) return false;
    {
      if (this.lookingAt("stream")) {
        const l = loc.child(5);
        l.legacy(m, ErrorLocation.Other);
        m.clientStreaming = true;
        if (!this.consume("stream")) return false;
        l.end();
      }
      const l = loc.child(2);
      l.legacy(m, ErrorLocation.InputType);
      const t = this.parseUserDefinedType();
      if (t === undefined) return false;
      m.inputType = t;
      l.end();
    }
    if (!this.consume(")")) return false;
    if (!this.consume("returns")) return false;
    if (!this.consume("(")) return false;
    {
      if (this.lookingAt("stream")) {
        const l = loc.child(6);
        l.legacy(m, ErrorLocation.Other);
        if (!this.consume("stream")) return false;
        m.serverStreaming = true;
        l.end();
      }
      const l = loc.child(3);
      l.legacy(m, ErrorLocation.OutputType);
      const t = this.parseUserDefinedType();
      if (t === undefined) return false;
      m.outputType = t;
      l.end();
    }
    if (!this.consume(")")) return false;
    if (this.lookingAt("{")) {
      // protoc creates the options message as soon as a method has a body, even an empty one.
      m.options ??= { uninterpretedOption: [] };
      this.consumeEndOfDeclaration("{", loc);
      while (!this.tryConsumeEndOfDeclaration("}", undefined)) {
        if (this.atEnd()) {
          this.addError("Reached end of input in method options (missing '}').");
          return false;
        }
        if (this.tryConsumeEndOfDeclaration(";", undefined)) continue;
        const l = loc.child(4);
        if (!this.parseOption(m.options, l, true)) this.skipStatement();
        l.end();
      }
      return true;
    }
    return this.consumeEndOfDeclaration(";", loc);
  }

  // ---- types, package, import ----------------------------------------------------------------------

  private parseType(): [number, string] | undefined {
    const t = TYPE_NAMES[this.input.current.text];
    if (t !== undefined && this.input.current.type === TokenType.Identifier) {
      this.input.next();
      return [t, ""];
    }
    const name = this.parseUserDefinedType();
    return name === undefined ? undefined : [0, name];
  }

  private parseUserDefinedType(): string | undefined {
    const cur = this.input.current;
    if (cur.type === TokenType.Identifier && TYPE_NAMES[cur.text] !== undefined) {
      this.addError("Expected message type.");
      this.input.next();
      return cur.text;
    }
    let name = "";
    if (this.tryConsume(".")) name += ".";
    const first = this.consumeIdentifier("Expected type name.");
    if (first === undefined) return undefined;
    name += first;
    while (this.tryConsume(".")) {
      name += ".";
      const id = this.consumeIdentifier("Expected identifier.");
      if (id === undefined) return undefined;
      name += id;
    }
    return name;
  }

  private parsePackage(file: FileDescriptorProto, root: Location): boolean {
    if (file.package !== undefined) {
      this.addError("Multiple package definitions.");
      delete file.package;
    }
    const l = root.child(2);
    l.legacy(file, ErrorLocation.Name);
    if (!this.consume("package")) return false;
    let pkg = "";
    for (;;) {
      const id = this.consumeIdentifier("Expected identifier.");
      if (id === undefined) return false;
      pkg += id;
      file.package = pkg;
      if (!this.tryConsume(".")) break;
      pkg += ".";
      file.package = pkg;
    }
    if (!this.consumeEndOfDeclaration(";", l)) return false;
    l.end();
    return true;
  }

  private parseImport(file: FileDescriptorProto, root: Location): boolean {
    const l = root.child(3, file.dependency.length);
    if (!this.consume("import")) return false;
    if (this.lookingAt("public")) {
      const p = root.child(10, file.publicDependency.length);
      if (!this.consume("public")) return false;
      p.end();
      file.publicDependency.push(file.dependency.length);
    } else if (this.lookingAt("weak")) {
      const w = root.child(11, file.weakDependency.length);
      w.legacyImport(file, "weak");
      if (!this.consume("weak")) return false;
      w.end();
      file.weakDependency.push(file.dependency.length);
    }
    const name = this.consumeStringText("Expected a string naming the file to import.");
    if (name === undefined) return false;
    file.dependency.push(name);
    l.legacyImport(file, name);
    if (!this.consumeEndOfDeclaration(";", l)) return false;
    l.end();
    return true;
  }
}

/** `foo_bar` → `FooBarEntry`, the name protoc gives a map field's synthesized entry message. */
export function mapEntryName(fieldName: string): string {
  let result = "";
  let capNext = true;
  for (const ch of fieldName) {
    if (ch === "_") capNext = true;
    else if (capNext) {
      result += ch >= "a" && ch <= "z" ? ch.toUpperCase() : ch;
      capNext = false;
    } else result += ch;
  }
  return result + "Entry";
}
