/**
 * TypeScript names for generated declarations: a message or enum is named after its path inside the package
 * (`Outer.Inner` → `Outer_Inner`), output files mirror the `.proto` paths, and generated internals use `$`,
 * which proto names cannot contain, so they never clash with a declaration.
 */
import type { DescEnum, DescExtension, DescFile, DescMessage, DescService } from "../protobuf/index.js";

/** Names a generated top-level declaration must not take (TypeScript keywords and globals generated code uses). */
const reserved = new Set([
  // keywords and strict-mode reserved words
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
  "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
  "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
  "boolean", "constructor", "declare", "get", "module", "require", "number", "set", "string", "symbol", "type",
  "from", "of", "await", "async", "never", "unknown", "object", "bigint", "undefined", "keyof", "readonly",
  // globals generated code relies on
  "Object", "Array", "String", "Number", "Boolean", "BigInt", "Symbol", "Uint8Array", "Error", "Promise",
  "Record", "Partial", "Map", "Set", "JSON", "Math", "globalThis", "AsyncIterable", "Iterable",
]);

/** Escapes a name that would clash with a keyword or a global. */
export function safeIdentifier(name: string): string {
  return reserved.has(name) ? name + "$" : name;
}

/**
 * The exported name of a message, enum, service or extension: its path inside the package, joined with `_`
 * (an extension declared inside `message Scope` is `Scope_name`).
 */
export function declarationName(desc: DescMessage | DescEnum | DescService | DescExtension): string {
  const pkg = desc.file.packageName;
  const inner = pkg === "" ? desc.typeName : desc.typeName.slice(pkg.length + 1);
  return safeIdentifier(inner.replace(/\./g, "_"));
}

/** The exported name of a file's descriptor handle: `file_shop_v1_shop` for `shop/v1/shop.proto`. */
export function fileHandleName(file: DescFile): string {
  return "file_" + file.name.replace(/\.proto$/, "").replace(/[^A-Za-z0-9_]/g, "_");
}

/** The output path of a `.proto` file's module: `shop/v1/shop.proto` → `shop/v1/shop.ts`. */
export function outputPath(protoPath: string): string {
  return protoPath.replace(/\.proto$/, "") + ".ts";
}

/** A relative import specifier from one output file to another (both relative to the output directory). */
export function relativeImport(fromFile: string, toFile: string, extension: string): string {
  const from = fromFile.split("/").slice(0, -1);
  const to = toFile.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).join("/").replace(/\.ts$/, extension);
  return (up === 0 ? "./" : "../".repeat(up)) + rest;
}

/** A property key as written in an object type or literal: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A property access: `.name` or `["name"]`. */
export function propertyAccess(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? "." + name : `[${JSON.stringify(name)}]`;
}
