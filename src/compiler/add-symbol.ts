/**
 * The symbol table's writing side: adding a file's symbols and packages to the pool with protoc's
 * "already defined" and identifier checks, and taking them out again when the file fails to build.
 */
import type { LinkContext } from "./link-context.js";
import { symbolFile, type SymbolNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";

/** Adds a symbol; false (with protoc's error at `element`'s name) when the name is taken or invalid. */
export function addSymbol(ctx: LinkContext, fullName: string, element: object, node: SymbolNode): boolean {
  if (fullName.includes("\0")) {
    ctx.addError(element, ErrorLocation.Name, `"${fullName}" contains null character.`);
    return false;
  }
  const existing = ctx.pool.symbols.get(fullName);
  if (existing === undefined) {
    ctx.pool.symbols.set(fullName, node);
    ctx.added.push(fullName);
    return true;
  }
  const other = symbolFile(existing);
  if (other === ctx.file) {
    const d = fullName.lastIndexOf(".");
    if (d < 0) ctx.addError(element, ErrorLocation.Name, `"${fullName}" is already defined.`);
    else
      ctx.addError(
        element,
        ErrorLocation.Name,
        `"${fullName.slice(d + 1)}" is already defined in "${fullName.slice(0, d)}".`,
      );
  } else {
    ctx.addError(element, ErrorLocation.Name, `"${fullName}" is already defined in file "${other.name}".`);
  }
  return false;
}

/** Adds a package and its parent packages (protoc's AddPackage); a non-package of that name is an error. */
export function addPackage(ctx: LinkContext, name: string, element: object): void {
  const existing = ctx.pool.symbols.get(name);
  if (existing === undefined) {
    ctx.pool.symbols.set(name, { kind: "package", fullName: name, file: ctx.file });
    ctx.added.push(name);
    const d = name.lastIndexOf(".");
    if (d < 0) validateSymbolName(ctx, name, element);
    else {
      addPackage(ctx, name.slice(0, d), element);
      validateSymbolName(ctx, name.slice(d + 1), element);
    }
  } else if (existing.kind !== "package") {
    ctx.addError(
      element,
      ErrorLocation.Name,
      `"${name}" is already defined (as something other than a package) in file "${symbolFile(existing).name}".`,
    );
  }
}

/** Reports a name that is empty or not made of letters, digits and `_` (protoc's ValidateSymbolName). */
export function validateSymbolName(ctx: LinkContext, name: string, element: object): void {
  if (name === "") {
    ctx.addError(element, ErrorLocation.Name, "Missing name.");
    return;
  }
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
    if (!ok) {
      ctx.addError(element, ErrorLocation.Name, `"${name}" is not a valid identifier.`);
      return;
    }
  }
}

/** Undoes the symbols and extensions this build added (protoc rolls back a file that fails). */
export function rollback(ctx: LinkContext): void {
  for (const n of ctx.added) ctx.pool.symbols.delete(n);
  for (const [extendee, byNumber] of ctx.pool.extensions) {
    for (const [n, f] of byNumber) if (f.file === ctx.file) byNumber.delete(n);
    if (byNumber.size === 0) ctx.pool.extensions.delete(extendee);
  }
}
