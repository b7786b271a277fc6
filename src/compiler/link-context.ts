/**
 * The state protoc's DescriptorBuilder keeps while it builds one file, shared by the linker's phases
 * (build-*.ts, cross-link.ts, suggest-field-numbers.ts, options.ts, validate-*.ts): the file node, the
 * errors, the dependencies the file may use, and what later phases pick up (options to interpret, hints
 * for field numbers, symbols to roll back).
 */
import type { FileDescriptorProto, UninterpretedOption } from "../protobuf/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { newFileNode, type FileNode, type MessageNode } from "./nodes.js";
import type { OptionsTarget } from "./options.js";
import type { Pool } from "./pool.js";
import type { ErrorLocation, SourceLocationTable } from "./source-location-table.js";
import type { FieldNumberHint } from "./suggest-field-numbers.js";

/** One file's build in progress. */
export class LinkContext {
  readonly file: FileNode;
  /** The files whose symbols this file may use: its imports and, transitively, their public imports. */
  readonly dependencies = new Set<FileNode>();
  /** Direct imports not used so far (tracked for input files only, as protoc does). */
  readonly unusedDependencies = new Set<FileNode>();
  /** Whether to warn about unused imports (protoc does for the files named on its command line). */
  trackUnusedImports = false;
  /** Every options message with uninterpreted options, in protoc's order of interpretation. */
  readonly optionsToInterpret: OptionsTarget[] = [];
  /** Per message, what its "Suggested field numbers" error will say. */
  readonly hints = new Map<MessageNode, FieldNumberHint>();
  /** Symbols this build added to the pool, removed again if the build fails. */
  readonly added: string[] = [];
  /** How many more levels messages may nest (protoc's recursion limit of 32). */
  recursionDepth = 32;
  readonly warnings: Diagnostic[] = [];
  /** Raw bytes of aggregate option values, from the parser. */
  aggregates: WeakMap<UninterpretedOption, Uint8Array> | undefined;
  private hadErrors = false;

  constructor(
    readonly pool: Pool,
    readonly proto: FileDescriptorProto,
    readonly table: SourceLocationTable | undefined,
    readonly errors: Diagnostic[],
  ) {
    this.file = newFileNode(proto, table);
  }

  /** Reports an error at the position the parser recorded for `element`'s `where` part. */
  addError(element: object, where: ErrorLocation | string, message: string): void {
    const pos = this.table?.find(element, where);
    this.errors.push(
      pos === undefined
        ? { file: this.file.name, message }
        : { file: this.file.name, line: pos[0], column: pos[1], message },
    );
    this.hadErrors = true;
  }

  /** Whether any error was reported for this file so far. */
  get failed(): boolean {
    return this.hadErrors;
  }

  /** Queues an element's options for interpretation once every symbol is known (protoc's AllocateOptions). */
  queueOptions(
    options: { uninterpretedOption: unknown[] },
    nameScope: string,
    elementName: string,
    path: number[],
    optionsType: string,
  ): void {
    if (options.uninterpretedOption.length > 0) {
      this.optionsToInterpret.push({
        nameScope,
        elementName,
        path,
        options: options as OptionsTarget["options"],
        optionsType,
      });
    }
  }
}
