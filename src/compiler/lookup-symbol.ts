/**
 * Name resolution as protoc's DescriptorBuilder does it: a relative name resolves its first part from the
 * innermost scope outwards, symbols must come from the file itself or the files it may use, and a miss is
 * explained the way protoc explains it (not defined, not imported, or resolved to the wrong scope).
 */
import type { LinkContext } from "./link-context.js";
import { symbolFile, type FileNode, type MessageNode, type SymbolNode } from "./nodes.js";
import type { ErrorLocation } from "./source-location-table.js";

/** The outcome of a symbol lookup, with what protoc needs for its "not defined" messages. */
export interface Lookup {
  symbol: SymbolNode | undefined;
  /** A match that the file may not use: the file that defines it … */
  undeclaredFile?: FileNode;
  /** … and the name it was found under. */
  undeclaredName?: string;
  /** The name the first part resolved to, when the rest was not found there. */
  unresolvedName?: string;
}

/** A symbol anywhere in the pool; finding one in a dependency marks that import as used. */
export function findSymbolNotEnforcingDeps(ctx: LinkContext, name: string): SymbolNode | undefined {
  const result = ctx.pool.symbols.get(name);
  if (result !== undefined && ctx.unusedDependencies.size > 0) {
    const file = symbolFile(result);
    if (file === ctx.file || ctx.dependencies.has(file)) ctx.unusedDependencies.delete(file);
  }
  return result;
}

function isInPackage(file: FileNode, name: string): boolean {
  const pkg = file.packageName;
  return pkg === name || (pkg.startsWith(name) && pkg[name.length] === ".");
}

/** A symbol the file may use (protoc's FindSymbol); a match it may not use is noted in `out`. */
function findSymbol(ctx: LinkContext, name: string, out: Lookup): SymbolNode | undefined {
  const result = findSymbolNotEnforcingDeps(ctx, name);
  if (result === undefined) return undefined;
  const file = symbolFile(result);
  if (file === ctx.file || ctx.dependencies.has(file)) return result;
  if (result.kind === "package") {
    if (isInPackage(ctx.file, name)) return result;
    for (const d of ctx.dependencies) if (isInPackage(d, name)) return result;
  }
  out.undeclaredFile = file;
  out.undeclaredName = name;
  return undefined;
}

/**
 * protoc's LookupSymbolNoPlaceholder: a name with a leading dot is absolute; otherwise its first part is
 * looked up in `relativeTo`'s scopes, innermost first. `typesOnly` skips non-types for single-part names.
 */
export function lookupSymbol(ctx: LinkContext, name: string, relativeTo: string, typesOnly = false): Lookup {
  const out: Lookup = { symbol: undefined };
  if (name.startsWith(".")) {
    out.symbol = findSymbol(ctx, name.slice(1), out);
    return out;
  }
  const dot = name.indexOf(".");
  const first = dot < 0 ? name : name.slice(0, dot);
  let scope = relativeTo;
  for (;;) {
    const d = scope.lastIndexOf(".");
    if (d < 0) {
      out.symbol = findSymbol(ctx, name, out);
      return out;
    }
    scope = scope.slice(0, d);
    const candidate = scope + "." + first;
    const result = findSymbol(ctx, candidate, out);
    if (result !== undefined) {
      if (first.length < name.length) {
        if (isAggregate(result)) {
          const full = scope + "." + name;
          out.symbol = findSymbol(ctx, full, out);
          if (out.symbol === undefined) out.unresolvedName = full;
          return out;
        }
      } else if (!typesOnly || result.kind === "message" || result.kind === "enum") {
        out.symbol = result;
        return out;
      }
    }
  }
}

/** Whether a symbol can contain others (so that `A.b` may be looked up inside `A`). */
function isAggregate(s: SymbolNode): boolean {
  return s.kind === "message" || s.kind === "package" || s.kind === "enum" || s.kind === "service";
}

/** A message type by full name (no leading dot), in this file or its dependencies. */
export function findType(ctx: LinkContext, fullName: string): MessageNode | undefined {
  const s = findSymbol(ctx, fullName, { symbol: undefined });
  return s?.kind === "message" ? s : undefined;
}

/** Reports a failed lookup of `undefinedSymbol` with protoc's explanation (protoc's AddNotDefinedError). */
export function addNotDefinedError(
  ctx: LinkContext,
  element: object,
  where: ErrorLocation,
  undefinedSymbol: string,
  l: Lookup,
): void {
  if (l.undeclaredFile === undefined && l.unresolvedName === undefined) {
    ctx.addError(element, where, `"${undefinedSymbol}" is not defined.`);
    return;
  }
  if (l.undeclaredFile !== undefined) {
    ctx.addError(
      element,
      where,
      `"${l.undeclaredName}" seems to be defined in "${l.undeclaredFile.name}", which is not imported by "${ctx.file.name}".  To use it here, please add the necessary import.`,
    );
  }
  if (l.unresolvedName !== undefined) {
    ctx.addError(
      element,
      where,
      `"${undefinedSymbol}" is resolved to "${l.unresolvedName}", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., ".${undefinedSymbol}") to start from the outermost scope.`,
    );
  }
}
