/**
 * The linker's entry point: builds one parsed file into the pool the way protoc's DescriptorBuilder does.
 * The phases, each in its own file and all sharing one {@link LinkContext}:
 *
 * 1. imports and the package (here), then every element's node and symbol (build-message.ts,
 *    build-field.ts, build-enum.ts, build-service.ts, with add-symbol.ts and check-ranges.ts);
 * 2. cross-linking: names resolved from the innermost scope outwards (cross-link.ts, lookup-symbol.ts),
 *    then the field-number suggestions (suggest-field-numbers.ts);
 * 3. option interpretation (options.ts), then the checks that need option values and the proto3 rules
 *    (validate-file-options.ts, validate-proto3.ts);
 * 4. on success the descriptor is rewritten into protoc's output form (finish-output.ts); on failure the
 *    file's symbols are rolled back.
 *
 * Errors use protoc's messages, in protoc's order.
 */
import type { FileDescriptorProto, UninterpretedOption } from "../protobuf/index.js";
import { addPackage, rollback } from "./add-symbol.js";
import { buildEnum } from "./build-enum.js";
import { buildField } from "./build-field.js";
import { buildMessage } from "./build-message.js";
import { buildService, crossLinkMethod } from "./build-service.js";
import { crossLinkField, crossLinkMessage } from "./cross-link.js";
import { detectMapConflicts } from "./detect-map-conflicts.js";
import type { Diagnostic } from "./diagnostic.js";
import { finishOutput } from "./finish-output.js";
import { LinkContext } from "./link-context.js";
import type { FileNode } from "./nodes.js";
import { interpretOptions } from "./options.js";
import type { Pool } from "./pool.js";
import { ErrorLocation, type SourceLocationTable } from "./source-location-table.js";
import { suggestFieldNumbers } from "./suggest-field-numbers.js";
import { validateFileOptions } from "./validate-file-options.js";

/** What {@link buildFile} takes besides the file itself. */
export interface BuildFileOptions {
  /** Raw bytes of aggregate option values, from the parser. */
  aggregates?: WeakMap<UninterpretedOption, Uint8Array>;
  /** Receives warnings (unused imports). */
  warnings?: Diagnostic[];
  /** Whether to warn about unused imports (protoc does for the files named on its command line). */
  trackUnusedImports?: boolean;
}

/** Builds one file. Errors are appended to `errors`; returns the node only when there were none. */
export function buildFile(
  pool: Pool,
  proto: FileDescriptorProto,
  table: SourceLocationTable | undefined,
  errors: Diagnostic[],
  options: BuildFileOptions = {},
): FileNode | undefined {
  const ctx = new LinkContext(pool, proto, table, errors);
  ctx.aggregates = options.aggregates;
  ctx.trackUnusedImports = options.trackUnusedImports ?? false;
  const node = build(ctx);
  options.warnings?.push(...ctx.warnings);
  return node;
}

function build(ctx: LinkContext): FileNode | undefined {
  const proto = ctx.proto;
  const file = ctx.file;
  if ((proto.package ?? "").length > 511) {
    ctx.addError(proto, ErrorLocation.Name, "Package name is too long");
    return undefined;
  }
  if (proto.syntax !== undefined && proto.syntax !== "proto2" && proto.syntax !== "proto3") {
    ctx.addError(proto, ErrorLocation.Other, "Unrecognized syntax: " + proto.syntax);
  }
  if (ctx.pool.files.has(file.name)) {
    ctx.addError(proto, ErrorLocation.Other, "A file with this name is already in the pool.");
    return undefined;
  }
  ctx.pool.files.set(file.name, file);
  if (file.packageName !== "") {
    if ([...file.packageName].filter((c) => c === ".").length > 100) {
      ctx.addError(proto, ErrorLocation.Name, "Exceeds Maximum Package Depth");
      ctx.pool.files.delete(file.name);
      return undefined;
    }
    addPackage(ctx, file.packageName, proto);
  }
  resolveImports(ctx);

  proto.messageType.forEach((m, i) => file.messages.push(buildMessage(ctx, m, undefined, [4, i])));
  proto.enumType.forEach((e, i) => file.enums.push(buildEnum(ctx, e, undefined, [5, i])));
  proto.service.forEach((s, i) => buildService(ctx, s, [6, i]));
  proto.extension.forEach((f, i) => file.extensions.push(buildField(ctx, f, undefined, true, [7, i])));
  if (proto.options !== undefined) {
    ctx.queueOptions(proto.options, file.packageName + ".dummy", file.name, [8], "google.protobuf.FileOptions");
  }

  for (const m of file.messages) crossLinkMessage(ctx, m);
  for (const f of file.extensions) crossLinkField(ctx, f);
  for (const s of file.services) for (const m of s.methods) crossLinkMethod(ctx, m);

  suggestFieldNumbers(ctx);

  if (!ctx.failed) {
    interpretOptions(ctx, proto.sourceCodeInfo);
    file.isLite = proto.options?.optimizeFor === 3;
  }
  if (!ctx.failed) validateFileOptions(ctx);
  if (ctx.failed) {
    file.messages.forEach((m) => detectMapConflicts(ctx, m));
    ctx.pool.files.delete(file.name);
    rollback(ctx);
    return undefined;
  }
  warnUnusedImports(ctx);
  finishOutput(ctx);
  return file;
}

/** Finds each import in the pool (protoc's dependency checks) and collects the files this file may use. */
function resolveImports(ctx: LinkContext): void {
  const proto = ctx.proto;
  const file = ctx.file;
  const seen = new Set<string>();
  for (const dep of proto.dependency) {
    if (seen.has(dep)) ctx.addError(proto, "import:" + dep, `Import "${dep}" was listed twice.`);
    seen.add(dep);
    const d = ctx.pool.files.get(dep);
    if (d === undefined) {
      ctx.addError(proto, "import:" + dep, `Import "${dep}" was not found or had errors.`);
    }
    file.dependencies.push(d);
  }
  if (ctx.trackUnusedImports) {
    for (const d of file.dependencies) if (d && d.publicDependencies.length === 0) ctx.unusedDependencies.add(d);
  }
  for (const index of proto.publicDependency) {
    if (index >= 0 && index < proto.dependency.length) {
      file.publicDependencies.push(index);
      const d = file.dependencies[index];
      if (d) ctx.unusedDependencies.delete(d);
    } else ctx.addError(proto, ErrorLocation.Other, "Invalid public dependency index.");
  }
  for (const d of file.dependencies) if (d) recordPublicDependencies(ctx, d);
  for (const index of proto.weakDependency) {
    if (!(index >= 0 && index < proto.dependency.length)) {
      ctx.addError(proto, ErrorLocation.Other, "Invalid weak dependency index.");
    }
  }
}

/** Adds `file` and, transitively, its public imports to the files this file may use. */
function recordPublicDependencies(ctx: LinkContext, file: FileNode): void {
  if (ctx.dependencies.has(file)) return;
  ctx.dependencies.add(file);
  for (const i of file.publicDependencies) {
    const d = file.dependencies[i];
    if (d) recordPublicDependencies(ctx, d);
  }
}

/** protoc's "Import x is unused." warnings, at each unused import. */
function warnUnusedImports(ctx: LinkContext): void {
  const file = ctx.file;
  for (const d of file.dependencies) {
    if (d && ctx.unusedDependencies.has(d)) {
      const pos = ctx.table?.find(ctx.proto, "import:" + d.name);
      const message = `Import ${d.name} is unused.`;
      ctx.warnings.push(
        pos ? { file: file.name, line: pos[0], column: pos[1], message, warning: true } : { file: file.name, message, warning: true },
      );
    }
  }
}
