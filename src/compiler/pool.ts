/** The linker's pool: every file and symbol linked so far (protoc's DescriptorPool tables). */
import type { FieldNode, FileNode, SymbolNode } from "./nodes.js";

/** All files and symbols linked so far, shared by the builds of one compile. */
export class Pool {
  /** Every symbol (packages included) by full name, without a leading dot. */
  readonly symbols = new Map<string, SymbolNode>();
  readonly files = new Map<string, FileNode>();
  /** Extensions by extendee full name and number, across files. */
  readonly extensions = new Map<string, Map<number, FieldNode>>();
  /** The pool whose descriptor.proto answers for options when the files being built do not load it. */
  fallback: (() => Pool) | undefined;
}
