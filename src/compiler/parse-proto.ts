/**
 * The .proto parser's entry point and the file-level statements: `syntax`, `package`, `import` and the
 * dispatch of top-level statements. The parser is recursive descent over the tokenizer and builds a
 * `FileDescriptorProto` with uninterpreted options and a `SourceCodeInfo`, in the order and shape protoc's
 * compiler::Parser does. Each construct has its own file (parse-message.ts, parse-field.ts, parse-enum.ts,
 * parse-service.ts, parse-extend.ts, parse-option.ts, …); they share one {@link ParseContext}.
 *
 * It also records where each descriptor element sits (its name, number, type, …) so that the linker can
 * report its errors at the positions protoc reports them.
 */
import type { FileDescriptorProto, ServiceDescriptorProto, UninterpretedOption } from "../protobuf/index.js";
import { LocationRecorder } from "./location-recorder.js";
import { done, ParseContext, type ParseError } from "./parse-context.js";
import { newEnum, parseEnumDefinition } from "./parse-enum.js";
import { parseExtend } from "./parse-extend.js";
import { newMessage, parseMessageDefinition } from "./parse-message.js";
import { parseOption } from "./parse-option.js";
import { parseServiceDefinition } from "./parse-service.js";
import { ErrorLocation, type SourceLocationTable } from "./source-location-table.js";

/** A parse error at a 0-based line and column. */
export type { ParseError } from "./parse-context.js";

/** What parsing one file yields. */
export interface ParseResult {
  file: FileDescriptorProto;
  locations: SourceLocationTable;
  errors: ParseError[];
  /** The raw bytes of each aggregate (`{ … }`) option value, for the text-format parser. */
  aggregates: WeakMap<UninterpretedOption, Uint8Array>;
}

/**
 * Parses one .proto file. Never throws for bad input: problems come back in `errors` (and then the
 * descriptor is incomplete).
 */
export function parseProto(name: string, source: Uint8Array): ParseResult {
  const ctx = new ParseContext(source);
  const file = parseFile(ctx, name);
  return { file, locations: ctx.table, errors: ctx.errors, aggregates: ctx.aggregates };
}

function parseFile(ctx: ParseContext, name: string): FileDescriptorProto {
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
  ctx.nextWithUpcomingComments();
  const root = new LocationRecorder(ctx, [], ctx.locations);
  root.legacy(file, ErrorLocation.Other);
  if (ctx.lookingAt("syntax")) {
    if (!parseSyntax(ctx, root)) {
      file.sourceCodeInfo = { location: ctx.locations };
      return file;
    }
    file.syntax = ctx.syntax;
  } else if (ctx.lookingAt("edition")) {
    ctx.addError('Editions are not supported by this compiler (protoc 3.21 does not know "edition" either).');
    return file;
  } else {
    ctx.syntax = "proto2";
  }
  while (!ctx.atEnd()) {
    if (!parseTopLevelStatement(ctx, file, root)) {
      ctx.skipStatement();
      if (ctx.lookingAt("}")) {
        ctx.addError('Unmatched "}".');
        ctx.nextWithUpcomingComments();
      }
    }
  }
  root.end();
  file.sourceCodeInfo = { location: ctx.locations };
  return file;
}

function parseSyntax(ctx: ParseContext, parent: LocationRecorder): boolean {
  const loc = parent.child(12);
  if (!ctx.consume("syntax", "File must begin with a syntax statement, e.g. 'syntax = \"proto2\";'.")) return false;
  if (!ctx.consume("=")) return false;
  const tok = ctx.input.current;
  const syntax = ctx.consumeStringText("Expected syntax identifier.");
  if (syntax === undefined) return false;
  if (!ctx.consumeEndOfDeclaration(";", loc)) return false;
  loc.end();
  ctx.syntax = syntax;
  if (syntax !== "proto2" && syntax !== "proto3") {
    ctx.addErrorAt(
      tok.line,
      tok.column,
      `Unrecognized syntax identifier "${syntax}".  This parser only recognizes "proto2" and "proto3".`,
    );
    return false;
  }
  return true;
}

function parseTopLevelStatement(ctx: ParseContext, file: FileDescriptorProto, root: LocationRecorder): boolean {
  if (ctx.tryConsumeEndOfDeclaration(";", undefined)) return true;
  if (ctx.lookingAt("message")) {
    const loc = root.child(4, file.messageType.length);
    const m = newMessage();
    file.messageType.push(m);
    return done(loc, parseMessageDefinition(ctx, m, loc));
  }
  if (ctx.lookingAt("enum")) {
    const loc = root.child(5, file.enumType.length);
    const e = newEnum();
    file.enumType.push(e);
    return done(loc, parseEnumDefinition(ctx, e, loc));
  }
  if (ctx.lookingAt("service")) {
    const loc = root.child(6, file.service.length);
    const s: ServiceDescriptorProto = { method: [] };
    file.service.push(s);
    return done(loc, parseServiceDefinition(ctx, s, loc));
  }
  if (ctx.lookingAt("extend")) {
    const loc = root.child(7);
    return done(loc, parseExtend(ctx, file.extension, { messages: file.messageType, parentLoc: root, pathNumber: 4 }, loc));
  }
  if (ctx.lookingAt("import")) return parseImport(ctx, file, root);
  if (ctx.lookingAt("package")) return parsePackage(ctx, file, root);
  if (ctx.lookingAt("option")) {
    const loc = root.child(8);
    file.options ??= { uninterpretedOption: [] };
    return done(loc, parseOption(ctx, file.options, loc, true));
  }
  ctx.addError('Expected top-level statement (e.g. "message").');
  return false;
}

function parsePackage(ctx: ParseContext, file: FileDescriptorProto, root: LocationRecorder): boolean {
  if (file.package !== undefined) {
    ctx.addError("Multiple package definitions.");
    delete file.package;
  }
  const l = root.child(2);
  l.legacy(file, ErrorLocation.Name);
  if (!ctx.consume("package")) return false;
  let pkg = "";
  for (;;) {
    const id = ctx.consumeIdentifier("Expected identifier.");
    if (id === undefined) return false;
    pkg += id;
    file.package = pkg;
    if (!ctx.tryConsume(".")) break;
    pkg += ".";
    file.package = pkg;
  }
  if (!ctx.consumeEndOfDeclaration(";", l)) return false;
  l.end();
  return true;
}

function parseImport(ctx: ParseContext, file: FileDescriptorProto, root: LocationRecorder): boolean {
  const l = root.child(3, file.dependency.length);
  if (!ctx.consume("import")) return false;
  if (ctx.lookingAt("public")) {
    const p = root.child(10, file.publicDependency.length);
    if (!ctx.consume("public")) return false;
    p.end();
    file.publicDependency.push(file.dependency.length);
  } else if (ctx.lookingAt("weak")) {
    const w = root.child(11, file.weakDependency.length);
    w.legacyImport(file, "weak");
    if (!ctx.consume("weak")) return false;
    w.end();
    file.weakDependency.push(file.dependency.length);
  }
  const name = ctx.consumeStringText("Expected a string naming the file to import.");
  if (name === undefined) return false;
  file.dependency.push(name);
  l.legacyImport(file, name);
  if (!ctx.consumeEndOfDeclaration(";", l)) return false;
  l.end();
  return true;
}
