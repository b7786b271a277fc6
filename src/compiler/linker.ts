/**
 * The linker: builds one parsed file into the pool the way protoc's DescriptorBuilder does. It registers
 * symbols, resolves names from the innermost scope outwards, checks protoc's rules (with protoc's messages,
 * in protoc's order), interprets options and rewrites the parsed `FileDescriptorProto` in place into the
 * form protoc writes (`FileDescriptor::CopyTo` plus json names).
 */
import type {
  DescriptorProto,
  EnumDescriptorProto,
  FieldDescriptorProto,
  FileDescriptorProto,
  ServiceDescriptorProto,
  SourceCodeInfo,
  UninterpretedOption,
} from "../protobuf/index.js";
import { cEscape } from "./c-escape.js";
import type { Diagnostic } from "./diagnostic.js";
import { formatDouble, formatFloat } from "./number-format.js";
import { interpretOptions, type OptionsTarget } from "./options.js";
import { ErrorLocation, type SourceLocationTable } from "./parser.js";
import { isIdentifier } from "./tokenizer.js";
import { detectMapConflicts, validateFileOptions } from "./validate.js";
import {
  cppType,
  symbolFile,
  toJsonName,
  type EnumNode,
  type FieldNode,
  type FileNode,
  type MessageNode,
  type MethodNode,
  type OneofNode,
  type ServiceNode,
  type SymbolNode,
} from "./nodes.js";
import { parseCUnescape } from "./c-unescape.js";

const MAX_NUMBER = 536870911;
const FIRST_RESERVED = 19000;
const LAST_RESERVED = 19999;

/** All files and symbols linked so far (protoc's DescriptorPool tables). */
export class Pool {
  readonly symbols = new Map<string, SymbolNode>();
  readonly files = new Map<string, FileNode>();
  /** Extensions by extendee full name and number, across files. */
  readonly extensions = new Map<string, Map<number, FieldNode>>();
  /** The pool whose descriptor.proto answers for options when the files being built do not load it. */
  fallback: (() => Pool) | undefined;
}

interface Hints {
  fieldsToSuggest: number;
  firstReason: object | undefined;
  firstReasonLocation: ErrorLocation;
}

/** Builds one file. Errors are appended to `errors`; returns the node only when there were none. */
export function buildFile(
  pool: Pool,
  proto: FileDescriptorProto,
  table: SourceLocationTable | undefined,
  errors: Diagnostic[],
  extra: { aggregates?: WeakMap<UninterpretedOption, Uint8Array>; warnings?: Diagnostic[]; trackUnusedImports?: boolean } = {},
): FileNode | undefined {
  const b = new Builder(pool, proto, table, errors);
  b.aggregates = extra.aggregates;
  b.trackUnusedImports = extra.trackUnusedImports ?? false;
  const node = b.build();
  extra.warnings?.push(...b.warnings);
  return node;
}

/** The outcome of a symbol lookup, with what protoc needs for its "not defined" messages. */
interface Lookup {
  symbol: SymbolNode | undefined;
  undeclaredFile?: FileNode;
  undeclaredName?: string;
  unresolvedName?: string;
}

export class Builder {
  readonly file: FileNode;
  private hadErrors = false;
  private readonly dependencies = new Set<FileNode>();
  private readonly hints = new Map<MessageNode, Hints>();
  readonly optionsToInterpret: OptionsTarget[] = [];
  readonly warnings: Diagnostic[] = [];
  private readonly added: string[] = [];
  private recursionDepth = 32;
  /** Direct imports not used so far (tracked for input files only, as protoc does). */
  private readonly unusedDependencies = new Set<FileNode>();
  /** Whether to warn about unused imports (protoc does for the files named on its command line). */
  trackUnusedImports = false;
  /** Raw bytes of aggregate option values, from the parser. */
  aggregates: WeakMap<UninterpretedOption, Uint8Array> | undefined;

  constructor(
    readonly pool: Pool,
    readonly proto: FileDescriptorProto,
    readonly table: SourceLocationTable | undefined,
    readonly errors: Diagnostic[],
  ) {
    const syntax = proto.syntax === "proto3" ? "proto3" : "proto2";
    this.file = {
      kind: "file",
      name: proto.name ?? "",
      packageName: proto.package ?? "",
      syntax,
      proto,
      dependencies: [],
      publicDependencies: [],
      messages: [],
      enums: [],
      services: [],
      extensions: [],
      table,
      isLite: false,
    };
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

  get failed(): boolean {
    return this.hadErrors;
  }

  // ---- symbols -------------------------------------------------------------------------------------

  /** A symbol anywhere in the pool; finding one in a dependency marks that import as used. */
  findSymbolNotEnforcingDeps(name: string): SymbolNode | undefined {
    const result = this.pool.symbols.get(name);
    if (result !== undefined && this.unusedDependencies.size > 0) {
      const file = symbolFile(result);
      if (file === this.file || this.dependencies.has(file)) this.unusedDependencies.delete(file);
    }
    return result;
  }

  private isInPackage(file: FileNode, name: string): boolean {
    const pkg = file.packageName;
    return pkg === name || (pkg.startsWith(name) && pkg[name.length] === ".");
  }

  private findSymbol(name: string, out: Lookup): SymbolNode | undefined {
    const result = this.findSymbolNotEnforcingDeps(name);
    if (result === undefined) return undefined;
    const file = symbolFile(result);
    if (file === this.file || this.dependencies.has(file)) return result;
    if (result.kind === "package") {
      if (this.isInPackage(this.file, name)) return result;
      for (const d of this.dependencies) if (this.isInPackage(d, name)) return result;
    }
    out.undeclaredFile = file;
    out.undeclaredName = name;
    return undefined;
  }

  /** protoc's LookupSymbolNoPlaceholder: relative names resolve their first part innermost-first. */
  lookupSymbol(name: string, relativeTo: string, typesOnly = false): Lookup {
    const out: Lookup = { symbol: undefined };
    if (name.startsWith(".")) {
      out.symbol = this.findSymbol(name.slice(1), out);
      return out;
    }
    const dot = name.indexOf(".");
    const first = dot < 0 ? name : name.slice(0, dot);
    let scope = relativeTo;
    for (;;) {
      const d = scope.lastIndexOf(".");
      if (d < 0) {
        out.symbol = this.findSymbol(name, out);
        return out;
      }
      scope = scope.slice(0, d);
      const candidate = scope + "." + first;
      const result = this.findSymbol(candidate, out);
      if (result !== undefined) {
        if (first.length < name.length) {
          if (isAggregate(result)) {
            const full = scope + "." + name;
            out.symbol = this.findSymbol(full, out);
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

  /** A message type by full name (no leading dot), in this file or its dependencies. */
  findType(fullName: string): MessageNode | undefined {
    const s = this.findSymbol(fullName, { symbol: undefined });
    return s?.kind === "message" ? s : undefined;
  }

  private addNotDefinedError(element: object, where: ErrorLocation, undefinedSymbol: string, l: Lookup): void {
    if (l.undeclaredFile === undefined && l.unresolvedName === undefined) {
      this.addError(element, where, `"${undefinedSymbol}" is not defined.`);
      return;
    }
    if (l.undeclaredFile !== undefined) {
      this.addError(
        element,
        where,
        `"${l.undeclaredName}" seems to be defined in "${l.undeclaredFile.name}", which is not imported by "${this.file.name}".  To use it here, please add the necessary import.`,
      );
    }
    if (l.unresolvedName !== undefined) {
      this.addError(
        element,
        where,
        `"${undefinedSymbol}" is resolved to "${l.unresolvedName}", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., ".${undefinedSymbol}") to start from the outermost scope.`,
      );
    }
  }

  private addSymbol(fullName: string, element: object, node: SymbolNode): boolean {
    if (fullName.includes("\0")) {
      this.addError(element, ErrorLocation.Name, `"${fullName}" contains null character.`);
      return false;
    }
    const existing = this.pool.symbols.get(fullName);
    if (existing === undefined) {
      this.pool.symbols.set(fullName, node);
      this.added.push(fullName);
      return true;
    }
    const other = symbolFile(existing);
    if (other === this.file) {
      const d = fullName.lastIndexOf(".");
      if (d < 0) this.addError(element, ErrorLocation.Name, `"${fullName}" is already defined.`);
      else
        this.addError(
          element,
          ErrorLocation.Name,
          `"${fullName.slice(d + 1)}" is already defined in "${fullName.slice(0, d)}".`,
        );
    } else {
      this.addError(element, ErrorLocation.Name, `"${fullName}" is already defined in file "${other.name}".`);
    }
    return false;
  }

  private addPackage(name: string, element: object): void {
    const existing = this.pool.symbols.get(name);
    if (existing === undefined) {
      this.pool.symbols.set(name, { kind: "package", fullName: name, file: this.file });
      this.added.push(name);
      const d = name.lastIndexOf(".");
      if (d < 0) this.validateSymbolName(name, element);
      else {
        this.addPackage(name.slice(0, d), element);
        this.validateSymbolName(name.slice(d + 1), element);
      }
    } else if (existing.kind !== "package") {
      this.addError(
        element,
        ErrorLocation.Name,
        `"${name}" is already defined (as something other than a package) in file "${symbolFile(existing).name}".`,
      );
    }
  }

  private validateSymbolName(name: string, element: object): void {
    if (name === "") {
      this.addError(element, ErrorLocation.Name, "Missing name.");
      return;
    }
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      const ok =
        (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
      if (!ok) {
        this.addError(element, ErrorLocation.Name, `"${name}" is not a valid identifier.`);
        return;
      }
    }
  }

  /** Undoes the symbols this build added (protoc rolls back a file that fails). */
  rollback(): void {
    for (const n of this.added) this.pool.symbols.delete(n);
    for (const [extendee, byNumber] of this.pool.extensions) {
      for (const [n, f] of byNumber) if (f.file === this.file) byNumber.delete(n);
      if (byNumber.size === 0) this.pool.extensions.delete(extendee);
    }
  }

  private hint(message: MessageNode | undefined, reason: object, where: ErrorLocation, start = 0, end = 1): void {
    if (message === undefined) return;
    let h = this.hints.get(message);
    if (!h) this.hints.set(message, (h = { fieldsToSuggest: 0, firstReason: undefined, firstReasonLocation: where }));
    const fit = (v: number): number => Math.min(Math.max(v, 0), MAX_NUMBER);
    h.fieldsToSuggest = fit(h.fieldsToSuggest + fit(fit(end) - fit(start)));
    if (h.firstReason) return;
    h.firstReason = reason;
    h.firstReasonLocation = where;
  }

  // ---- build ---------------------------------------------------------------------------------------

  build(): FileNode | undefined {
    const proto = this.proto;
    const file = this.file;
    if ((proto.package ?? "").length > 511) {
      this.addError(proto, ErrorLocation.Name, "Package name is too long");
      return undefined;
    }
    if (proto.syntax !== undefined && proto.syntax !== "proto2" && proto.syntax !== "proto3") {
      this.addError(proto, ErrorLocation.Other, "Unrecognized syntax: " + proto.syntax);
    }
    if (this.pool.files.has(file.name)) {
      this.addError(proto, ErrorLocation.Other, "A file with this name is already in the pool.");
      return undefined;
    }
    this.pool.files.set(file.name, file);
    if (file.packageName !== "") {
      if ([...file.packageName].filter((c) => c === ".").length > 100) {
        this.addError(proto, ErrorLocation.Name, "Exceeds Maximum Package Depth");
        this.pool.files.delete(file.name);
        return undefined;
      }
      this.addPackage(file.packageName, proto);
    }
    const seen = new Set<string>();
    for (let i = 0; i < proto.dependency.length; i++) {
      const dep = proto.dependency[i]!;
      if (seen.has(dep)) this.addError(proto, "import:" + dep, `Import "${dep}" was listed twice.`);
      seen.add(dep);
      const d = this.pool.files.get(dep);
      if (d === undefined) {
        this.addError(proto, "import:" + dep, `Import "${dep}" was not found or had errors.`);
      }
      file.dependencies.push(d);
    }
    if (this.trackUnusedImports) {
      for (const d of file.dependencies) if (d && d.publicDependencies.length === 0) this.unusedDependencies.add(d);
    }
    for (const index of proto.publicDependency) {
      if (index >= 0 && index < proto.dependency.length) {
        file.publicDependencies.push(index);
        const d = file.dependencies[index];
        if (d) this.unusedDependencies.delete(d);
      } else this.addError(proto, ErrorLocation.Other, "Invalid public dependency index.");
    }
    for (const d of file.dependencies) if (d) this.recordPublicDependencies(d);
    for (const index of proto.weakDependency) {
      if (!(index >= 0 && index < proto.dependency.length)) {
        this.addError(proto, ErrorLocation.Other, "Invalid weak dependency index.");
      }
    }

    proto.messageType.forEach((m, i) => file.messages.push(this.buildMessage(m, undefined, [4, i])));
    proto.enumType.forEach((e, i) => file.enums.push(this.buildEnum(e, undefined, [5, i])));
    proto.service.forEach((s, i) => this.buildService(s, [6, i]));
    proto.extension.forEach((f, i) => file.extensions.push(this.buildField(f, undefined, true, [7, i])));
    if (proto.options !== undefined) {
      this.allocateOptions(proto.options, file.packageName + ".dummy", file.name, [8], "google.protobuf.FileOptions");
    }

    for (const m of file.messages) this.crossLinkMessage(m);
    for (const f of file.extensions) this.crossLinkField(f);
    for (const s of file.services) for (const m of s.methods) this.crossLinkMethod(m);

    this.suggestFieldNumbers();

    if (!this.hadErrors) {
      const info = proto.sourceCodeInfo;
      interpretOptions(this, info);
      file.isLite = proto.options?.optimizeFor === 3;
    }
    if (!this.hadErrors) validateFileOptions(this);
    if (this.hadErrors) {
      file.messages.forEach((m) => detectMapConflicts(this, m));
    }
    if (this.hadErrors) {
      this.pool.files.delete(file.name);
      this.rollback();
      return undefined;
    }
    for (const d of file.dependencies) {
      if (d && this.unusedDependencies.has(d)) {
        const pos = this.table?.find(proto, "import:" + d.name);
        const message = `Import ${d.name} is unused.`;
        this.warnings.push(
          pos ? { file: file.name, line: pos[0], column: pos[1], message, warning: true } : { file: file.name, message, warning: true },
        );
      }
    }
    this.finishOutput();
    return file;
  }

  private recordPublicDependencies(file: FileNode): void {
    if (this.dependencies.has(file)) return;
    this.dependencies.add(file);
    for (const i of file.publicDependencies) {
      const d = file.dependencies[i];
      if (d) this.recordPublicDependencies(d);
    }
  }

  private allocateOptions(
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

  private buildMessage(proto: DescriptorProto, parent: MessageNode | undefined, path: number[]): MessageNode {
    const scope = parent === undefined ? this.file.packageName : parent.fullName;
    const name = proto.name ?? "";
    const fullName = scope === "" ? name : scope + "." + name;
    const node: MessageNode = {
      kind: "message",
      name,
      fullName,
      proto,
      file: this.file,
      parent,
      path,
      fields: [],
      extensions: [],
      oneofs: [],
      nested: [],
      enums: [],
      fieldsByNumber: new Map(),
      fieldsByName: new Map(),
    };
    this.validateSymbolName(name, proto);
    proto.oneofDecl.forEach((o, i) => {
      const oneofFull = fullName + "." + (o.name ?? "");
      const on: OneofNode = {
        kind: "oneof",
        name: o.name ?? "",
        fullName: oneofFull,
        proto: o,
        message: node,
        index: i,
        fieldCount: 0,
        isSynthetic: false,
        path: [...path, 8, i],
      };
      this.validateSymbolName(on.name, o);
      if (o.options !== undefined) {
        this.allocateOptions(o.options, oneofFull, oneofFull, [...on.path, 2], "google.protobuf.OneofOptions");
      }
      this.addSymbol(oneofFull, o, on);
      node.oneofs.push(on);
    });
    proto.field.forEach((f, i) => {
      const fn = this.buildField(f, node, false, [...path, 2, i]);
      node.fields.push(fn);
      if (!node.fieldsByName.has(fn.name)) node.fieldsByName.set(fn.name, fn);
    });
    proto.enumType.forEach((e, i) => node.enums.push(this.buildEnum(e, node, [...path, 4, i])));
    proto.extensionRange.forEach((r, i) => {
      if ((r.start ?? 0) <= 0) {
        this.hint(node, r, ErrorLocation.Number, r.start ?? 0, r.end ?? 0);
        this.addError(r, ErrorLocation.Number, "Extension numbers must be positive integers.");
      }
      if ((r.start ?? 0) >= (r.end ?? 0)) {
        this.addError(r, ErrorLocation.Number, "Extension range end number must be greater than start number.");
      }
      if (r.options !== undefined) {
        this.allocateOptions(r.options, fullName, fullName, [...path, 5, i, 3], "google.protobuf.ExtensionRangeOptions");
      }
    });
    proto.extension.forEach((f, i) => node.extensions.push(this.buildField(f, node, true, [...path, 6, i])));
    for (const r of proto.reservedRange) {
      if ((r.start ?? 0) <= 0) {
        this.hint(node, r, ErrorLocation.Number, r.start ?? 0, r.end ?? 0);
        this.addError(r, ErrorLocation.Number, "Reserved numbers must be positive integers.");
      }
    }
    this.recursionDepth--;
    if (this.recursionDepth <= 0) {
      this.addError(proto, ErrorLocation.Other, "Reached maximum recursion limit for nested messages.");
    } else {
      proto.nestedType.forEach((m, i) => node.nested.push(this.buildMessage(m, node, [...path, 3, i])));
    }
    this.recursionDepth++;
    if (proto.options !== undefined) {
      this.allocateOptions(proto.options, fullName, fullName, [...path, 7], "google.protobuf.MessageOptions");
    }
    this.addSymbol(fullName, proto, node);

    const rr = proto.reservedRange;
    for (let i = 0; i < rr.length; i++) {
      for (let j = i + 1; j < rr.length; j++) {
        const a = rr[i]!;
        const b = rr[j]!;
        if (a.end! > b.start! && b.end! > a.start!) {
          this.addError(
            a,
            ErrorLocation.Number,
            `Reserved range ${b.start} to ${b.end! - 1} overlaps with already-defined range ${a.start} to ${a.end! - 1}.`,
          );
        }
      }
    }
    const reservedNames = new Set<string>();
    for (const n of proto.reservedName) {
      if (reservedNames.has(n)) this.addError(proto, ErrorLocation.Name, `Field name "${n}" is reserved multiple times.`);
      reservedNames.add(n);
    }
    for (let i = 0; i < node.fields.length; i++) {
      const f = node.fields[i]!;
      for (const r of proto.extensionRange) {
        if (r.start! <= f.number && f.number < r.end!) {
          this.hint(node, r, ErrorLocation.Number);
          this.addError(
            r,
            ErrorLocation.Number,
            `Extension range ${r.start} to ${r.end! - 1} includes field "${f.name}" (${f.number}).`,
          );
        }
      }
      for (const r of rr) {
        if (r.start! <= f.number && f.number < r.end!) {
          this.hint(node, r, ErrorLocation.Number);
          this.addError(r, ErrorLocation.Number, `Field "${f.name}" uses reserved number ${f.number}.`);
        }
      }
      if (reservedNames.has(f.name)) {
        this.addError(f.proto, ErrorLocation.Name, `Field name "${f.name}" is reserved.`);
      }
    }
    const er = proto.extensionRange;
    for (let i = 0; i < er.length; i++) {
      const a = er[i]!;
      for (const b of rr) {
        if (a.end! > b.start! && b.end! > a.start!) {
          this.addError(
            a,
            ErrorLocation.Number,
            `Extension range ${a.start} to ${a.end! - 1} overlaps with reserved range ${b.start} to ${b.end! - 1}.`,
          );
        }
      }
      for (let j = i + 1; j < er.length; j++) {
        const b = er[j]!;
        if (a.end! > b.start! && b.end! > a.start!) {
          this.addError(
            a,
            ErrorLocation.Number,
            `Extension range ${b.start} to ${b.end! - 1} overlaps with already-defined range ${a.start} to ${a.end! - 1}.`,
          );
        }
      }
    }
    return node;
  }

  private buildField(
    proto: FieldDescriptorProto,
    parent: MessageNode | undefined,
    isExtension: boolean,
    path: number[],
  ): FieldNode {
    const scope = parent === undefined ? this.file.packageName : parent.fullName;
    const name = proto.name ?? "";
    const fullName = scope === "" ? name : scope + "." + name;
    const node: FieldNode = {
      kind: "field",
      name,
      fullName,
      proto,
      file: this.file,
      number: proto.number ?? 0,
      label: proto.label ?? 1,
      type: proto.type ?? 0,
      isExtension,
      containing: isExtension ? undefined : parent,
      scope: isExtension ? parent : undefined,
      messageType: undefined,
      enumType: undefined,
      oneof: undefined,
      jsonName: proto.jsonName ?? toJsonName(name),
      path,
    };
    this.validateSymbolName(name, proto);
    if (proto.proto3Optional && this.file.syntax !== "proto3") {
      this.addError(
        proto,
        ErrorLocation.Type,
        "The [proto3_optional=true] option may only be set on proto3fields, not " + fullName,
      );
    }
    if (node.label === 2 && isExtension) {
      this.addError(proto, ErrorLocation.Type, `The extension ${fullName} cannot be required.`);
    }
    if (proto.defaultValue !== undefined && node.label === 3) {
      this.addError(proto, ErrorLocation.DefaultValue, "Repeated fields can't have default values.");
    }
    if (proto.type !== undefined && proto.defaultValue !== undefined) {
      this.checkDefault(node);
    }
    if (node.number <= 0) {
      this.hint(parent, proto, ErrorLocation.Number);
      this.addError(proto, ErrorLocation.Number, "Field numbers must be positive integers.");
    } else if (!isExtension && node.number > MAX_NUMBER) {
      this.hint(parent, proto, ErrorLocation.Number);
      this.addError(proto, ErrorLocation.Number, `Field numbers cannot be greater than ${MAX_NUMBER}.`);
    } else if (node.number >= FIRST_RESERVED && node.number <= LAST_RESERVED) {
      this.hint(parent, proto, ErrorLocation.Number);
      this.addError(
        proto,
        ErrorLocation.Number,
        `Field numbers ${FIRST_RESERVED} through ${LAST_RESERVED} are reserved for the protocol buffer library implementation.`,
      );
    }
    if (isExtension) {
      if (proto.extendee === undefined) {
        this.addError(proto, ErrorLocation.Extendee, "FieldDescriptorProto.extendee not set for extension field.");
      }
      if (proto.oneofIndex !== undefined) {
        this.addError(proto, ErrorLocation.Type, "FieldDescriptorProto.oneof_index should not be set for extensions.");
      }
    } else if (proto.oneofIndex !== undefined && parent) {
      if (proto.oneofIndex < 0 || proto.oneofIndex >= parent.oneofs.length) {
        this.addError(
          proto,
          ErrorLocation.Type,
          `FieldDescriptorProto.oneof_index ${proto.oneofIndex} is out of range for type "${parent.name}".`,
        );
      } else {
        node.oneof = parent.oneofs[proto.oneofIndex];
      }
    }
    if (proto.options !== undefined) {
      this.allocateOptions(proto.options, fullName, fullName, [...path, 8], "google.protobuf.FieldOptions");
    }
    this.addSymbol(fullName, proto, node);
    return node;
  }

  /** Checks a default value of a field whose type the parser already knew (protoc's BuildFieldOrExtension). */
  private checkDefault(node: FieldNode): void {
    const proto = node.proto;
    const s = proto.defaultValue!;
    const ct = cppType(node.type);
    let ok = true;
    switch (ct) {
      case "int32":
      case "int64":
      case "uint32":
      case "uint64":
        ok = /^[-+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(s);
        break;
      case "float":
      case "double":
        ok = s === "inf" || s === "-inf" || s === "nan" || /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|inf|nan|infinity)$/i.test(s);
        break;
      case "bool":
        if (s !== "true" && s !== "false") {
          this.addError(proto, ErrorLocation.DefaultValue, "Boolean default must be true or false.");
        }
        return;
      case "message":
        this.addError(proto, ErrorLocation.DefaultValue, "Messages can't have default values.");
        delete proto.defaultValue;
        return;
      default:
        return;
    }
    if (!ok) this.addError(proto, ErrorLocation.DefaultValue, `Couldn't parse default value "${s}".`);
  }

  private buildEnum(proto: EnumDescriptorProto, parent: MessageNode | undefined, path: number[]): EnumNode {
    const scope = parent === undefined ? this.file.packageName : parent.fullName;
    const name = proto.name ?? "";
    const fullName = scope === "" ? name : scope + "." + name;
    const node: EnumNode = { kind: "enum", name, fullName, proto, file: this.file, parent, values: [], path };
    this.validateSymbolName(name, proto);
    if (proto.value.length === 0) {
      this.addError(proto, ErrorLocation.Name, "Enums must contain at least one value.");
    }
    const valueScope = fullName.slice(0, fullName.length - name.length);
    const innerNames = new Set<string>();
    proto.value.forEach((v, i) => {
      const vName = v.name ?? "";
      const vFull = valueScope + vName;
      const vn = {
        kind: "enum_value" as const,
        name: vName,
        fullName: vFull,
        number: v.number ?? 0,
        proto: v,
        enumNode: node,
        file: this.file,
        path: [...path, 2, i],
      };
      node.values.push(vn);
      this.validateSymbolName(vName, v);
      if (v.options !== undefined) {
        this.allocateOptions(v.options, vFull, vFull, [...vn.path, 3], "google.protobuf.EnumValueOptions");
      }
      const addedOuter = this.addSymbol(vFull, v, vn);
      const addedInner = !innerNames.has(vName);
      innerNames.add(vName);
      if (addedInner && !addedOuter) {
        let outer = parent === undefined ? this.file.packageName : parent.fullName;
        outer = outer === "" ? "the global scope" : `"${outer}"`;
        this.addError(
          v,
          ErrorLocation.Name,
          `Note that enum values use C++ scoping rules, meaning that enum values are siblings of their type, not children of it.  Therefore, "${vName}" must be unique within ${outer}, not just within "${name}".`,
        );
      }
    });
    for (const r of proto.reservedRange) {
      if (r.start! > r.end!) {
        this.addError(r, ErrorLocation.Number, "Reserved range end number must be greater than start number.");
      }
    }
    this.checkEnumValueUniqueness(node);
    if (proto.options !== undefined) {
      this.allocateOptions(proto.options, fullName, fullName, [...path, 3], "google.protobuf.EnumOptions");
    }
    this.addSymbol(fullName, proto, node);
    const rr = proto.reservedRange;
    for (let i = 0; i < rr.length; i++) {
      for (let j = i + 1; j < rr.length; j++) {
        const a = rr[i]!;
        const b = rr[j]!;
        if (a.end! >= b.start! && b.end! >= a.start!) {
          this.addError(
            a,
            ErrorLocation.Number,
            `Reserved range ${b.start} to ${b.end} overlaps with already-defined range ${a.start} to ${a.end}.`,
          );
        }
      }
    }
    const reservedNames = new Set<string>();
    for (const n of proto.reservedName) {
      if (reservedNames.has(n)) this.addError(proto, ErrorLocation.Name, `Enum value "${n}" is reserved multiple times.`);
      reservedNames.add(n);
    }
    for (const v of node.values) {
      for (const r of rr) {
        if (r.start! <= v.number && v.number <= r.end!) {
          this.addError(r, ErrorLocation.Number, `Enum value "${v.name}" uses reserved number ${v.number}.`);
        }
      }
      if (reservedNames.has(v.name)) this.addError(v.proto, ErrorLocation.Name, `Enum value "${v.name}" is reserved.`);
    }
    return node;
  }

  private checkEnumValueUniqueness(node: EnumNode): void {
    const prefix = node.name.replace(/_/g, "").toLowerCase();
    const seen = new Map<string, { name: string; number: number }>();
    for (const v of node.values) {
      const stripped = enumValueToPascalCase(removePrefix(prefix, v.name));
      const prev = seen.get(stripped);
      if (prev === undefined) {
        seen.set(stripped, v);
        continue;
      }
      if (prev.name !== v.name && prev.number !== v.number && this.file.syntax === "proto3") {
        this.addError(
          v.proto,
          ErrorLocation.Name,
          `Enum name ${v.name} has the same name as ${prev.name} if you ignore case and strip out the enum name prefix (if any). This is error-prone and can lead to undefined behavior. Please avoid doing this. If you are using allow_alias, please assign the same numeric value to both enums.`,
        );
      }
    }
  }

  private buildService(proto: ServiceDescriptorProto, path: number[]): void {
    const name = proto.name ?? "";
    const fullName = this.file.packageName === "" ? name : this.file.packageName + "." + name;
    const service: ServiceNode = { kind: "service", name, fullName, proto, file: this.file, methods: [], path };
    this.validateSymbolName(name, proto);
    proto.method.forEach((m, i) => {
      const mName = m.name ?? "";
      const mFull = fullName + "." + mName;
      const mn: MethodNode = { kind: "method", name: mName, fullName: mFull, proto: m, file: this.file, service, path: [...path, 2, i] };
      service.methods.push(mn);
      this.validateSymbolName(mName, m);
      if (m.options !== undefined) {
        this.allocateOptions(m.options, mFull, mFull, [...mn.path, 4], "google.protobuf.MethodOptions");
      }
      this.addSymbol(mFull, m, mn);
    });
    if (proto.options !== undefined) {
      this.allocateOptions(proto.options, fullName, fullName, [...path, 3], "google.protobuf.ServiceOptions");
    }
    this.addSymbol(fullName, proto, service);
    this.file.services.push(service);
  }

  // ---- cross-linking -------------------------------------------------------------------------------

  private crossLinkMessage(m: MessageNode): void {
    for (const n of m.nested) this.crossLinkMessage(n);
    for (const f of m.fields) this.crossLinkField(f);
    for (const f of m.extensions) this.crossLinkField(f);
    for (let i = 0; i < m.fields.length; i++) {
      const oneof = m.fields[i]!.oneof;
      if (oneof === undefined) continue;
      if (oneof.fieldCount > 0 && m.fields[i - 1]!.oneof !== oneof) {
        const prev = m.fields[i - 1]!;
        this.addError(
          prev.proto,
          ErrorLocation.Type,
          `Fields in the same oneof must be defined consecutively. "${prev.name}" cannot be defined before the completion of the "${oneof.name}" oneof definition.`,
        );
      }
      oneof.fieldCount++;
    }
    for (const o of m.oneofs) {
      if (o.fieldCount === 0) this.addError(o.proto, ErrorLocation.Name, "Oneof must have at least one field.");
      const first = m.fields.find((f) => f.oneof === o);
      o.isSynthetic = o.fieldCount === 1 && first !== undefined && first.proto.proto3Optional === true;
    }
    for (const f of m.fields) {
      if (f.proto.proto3Optional && (f.oneof === undefined || !f.oneof.isSynthetic)) {
        this.addError(f.proto, ErrorLocation.Other, "Fields with proto3_optional set must be a member of a one-field oneof");
      }
    }
    let firstSynthetic = -1;
    m.oneofs.forEach((o, i) => {
      if (o.isSynthetic) {
        if (firstSynthetic === -1) firstSynthetic = i;
      } else if (firstSynthetic !== -1) {
        this.addError(o.proto, ErrorLocation.Other, "Synthetic oneofs must be after all other oneofs");
      }
    });
  }

  private crossLinkField(f: FieldNode): void {
    const proto = f.proto;
    if (proto.extendee !== undefined) {
      const l = this.lookupSymbol(proto.extendee, f.fullName);
      if (l.symbol === undefined) {
        this.addNotDefinedError(proto, ErrorLocation.Extendee, proto.extendee, l);
        return;
      }
      if (l.symbol.kind !== "message") {
        this.addError(proto, ErrorLocation.Extendee, `"${proto.extendee}" is not a message type.`);
        return;
      }
      f.containing = l.symbol;
      const inRange = l.symbol.proto.extensionRange.some((r) => f.number >= r.start! && f.number < r.end!);
      if (!inRange) {
        this.addError(
          proto,
          ErrorLocation.Number,
          `"${l.symbol.fullName}" does not declare ${f.number} as an extension number.`,
        );
      }
    }
    if (proto.typeName !== undefined) {
      const l = this.lookupSymbol(proto.typeName, f.fullName, true);
      if (l.symbol === undefined) {
        this.addNotDefinedError(proto, ErrorLocation.Type, proto.typeName, l);
        return;
      }
      const sym = l.symbol;
      if (proto.type === undefined) {
        if (sym.kind === "message") f.type = 11;
        else if (sym.kind === "enum") f.type = 14;
        else {
          this.addError(proto, ErrorLocation.Type, `"${proto.typeName}" is not a type.`);
          return;
        }
      }
      const ct = cppType(f.type);
      if (ct === "message") {
        if (sym.kind !== "message") {
          this.addError(proto, ErrorLocation.Type, `"${proto.typeName}" is not a message type.`);
          return;
        }
        f.messageType = sym;
        if (proto.defaultValue !== undefined) {
          this.addError(proto, ErrorLocation.DefaultValue, "Messages can't have default values.");
        }
      } else if (ct === "enum") {
        if (sym.kind !== "enum") {
          this.addError(proto, ErrorLocation.Type, `"${proto.typeName}" is not an enum type.`);
          return;
        }
        f.enumType = sym;
        if (proto.defaultValue !== undefined) {
          if (!isIdentifier(proto.defaultValue)) {
            this.addError(proto, ErrorLocation.DefaultValue, "Default value for an enum field must be an identifier.");
          } else {
            const dl = this.lookupSymbol(proto.defaultValue, sym.fullName);
            const v = dl.symbol;
            if (!(v !== undefined && v.kind === "enum_value" && v.enumNode === sym)) {
              this.addError(
                proto,
                ErrorLocation.DefaultValue,
                `Enum type "${sym.fullName}" has no value named "${proto.defaultValue}".`,
              );
            }
          }
        }
      } else {
        this.addError(proto, ErrorLocation.Type, "Field with primitive type has type_name.");
      }
    } else if (f.type === 11 || f.type === 10 || f.type === 14) {
      this.addError(proto, ErrorLocation.Type, "Field with message or enum type missing type_name.");
    }
    const containing = f.containing;
    if (containing !== undefined) {
      const existing = containing.fieldsByNumber.get(f.number);
      if (existing !== undefined && (existing.file === this.file || !f.isExtension)) {
        if (f.isExtension) {
          this.addError(
            proto,
            ErrorLocation.Number,
            `Extension number ${f.number} has already been used in "${containing.fullName}" by extension "${existing.fullName}".`,
          );
        } else {
          this.addError(
            proto,
            ErrorLocation.Number,
            `Field number ${f.number} has already been used in "${containing.fullName}" by field "${existing.name}".`,
          );
        }
      } else {
        if (existing === undefined) containing.fieldsByNumber.set(f.number, f);
        if (f.isExtension) {
          let byNumber = this.pool.extensions.get(containing.fullName);
          if (!byNumber) this.pool.extensions.set(containing.fullName, (byNumber = new Map()));
          if (!byNumber.has(f.number)) byNumber.set(f.number, f);
        }
      }
    }
  }

  private crossLinkMethod(m: MethodNode): void {
    const proto = m.proto;
    for (const [key, where] of [
      ["inputType", ErrorLocation.InputType],
      ["outputType", ErrorLocation.OutputType],
    ] as const) {
      const name = proto[key] ?? "";
      const l = this.lookupSymbol(name, m.fullName);
      if (l.symbol === undefined) this.addNotDefinedError(proto, where, name, l);
      else if (l.symbol.kind !== "message") this.addError(proto, where, `"${name}" is not a message type.`);
      else proto[key] = "." + l.symbol.fullName;
    }
  }

  private suggestFieldNumbers(): void {
    for (const message of this.file.messages) {
      const h = this.hints.get(message);
      if (!h) continue;
      let toSuggest = Math.min(3, h.fieldsToSuggest);
      if (toSuggest <= 0) continue;
      const used: [number, number][] = [];
      const addOrdinal = (n: number): void => {
        if (n <= 0 || n > MAX_NUMBER) return;
        const last = used[used.length - 1];
        if (last !== undefined && n === last[1]) last[1] = n + 1;
        else used.push([n, n + 1]);
      };
      const addRange = (from: number, to: number): void => {
        from = Math.max(0, Math.min(MAX_NUMBER + 1, from));
        to = Math.max(0, Math.min(MAX_NUMBER + 1, to));
        if (from >= to) return;
        used.push([from, to]);
      };
      for (const f of message.fields) addOrdinal(f.number);
      for (const f of message.extensions) addOrdinal(f.number);
      for (const r of message.proto.reservedRange) addRange(r.start!, r.end!);
      for (const r of message.proto.extensionRange) addRange(r.start!, r.end!);
      used.push([MAX_NUMBER, MAX_NUMBER + 1]);
      used.push([FIRST_RESERVED, LAST_RESERVED]);
      used.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let current = 1;
      const ids: number[] = [];
      for (const [from, to] of used) {
        while (current < from && toSuggest > 0) {
          ids.push(current++);
          toSuggest--;
        }
        if (toSuggest === 0) break;
        current = Math.max(current, to);
      }
      if (h.firstReason) {
        this.addError(h.firstReason, h.firstReasonLocation, `Suggested field numbers for ${message.fullName}: ${ids.join(", ")}`);
      }
    }
  }

  // ---- output --------------------------------------------------------------------------------------

  /** Rewrites the parsed proto into what protoc's CopyTo + CopyJsonNameTo produce. */
  private finishOutput(): void {
    const proto = this.proto;
    if (proto.syntax !== "proto3") delete proto.syntax;
    const fix = (f: FieldNode): void => {
      const p = f.proto;
      p.jsonName = f.jsonName;
      p.type = f.type;
      p.label = f.label;
      if (f.isExtension && f.containing) p.extendee = "." + f.containing.fullName;
      if (f.messageType) p.typeName = "." + f.messageType.fullName;
      else if (f.enumType) p.typeName = "." + f.enumType.fullName;
      if (p.defaultValue !== undefined) p.defaultValue = formatDefault(f, p.defaultValue);
    };
    const walk = (m: MessageNode): void => {
      m.fields.forEach(fix);
      m.extensions.forEach(fix);
      m.nested.forEach(walk);
    };
    this.file.messages.forEach(walk);
    this.file.extensions.forEach(fix);
  }
}


function isAggregate(s: SymbolNode): boolean {
  return s.kind === "message" || s.kind === "package" || s.kind === "enum" || s.kind === "service";
}



/** The default value as protoc's DefaultValueAsString writes it back. */
function formatDefault(f: FieldNode, s: string): string {
  switch (cppType(f.type)) {
    case "int32":
    case "int64":
    case "uint32":
    case "uint64":
      return parseCInteger(s).toString();
    case "float":
      return formatFloat(parseCDouble(s));
    case "double":
      return formatDouble(parseCDouble(s));
    case "string":
      return f.type === 12 ? cEscape(parseCUnescape(s)) : s;
    default:
      return s;
  }
}

function parseCInteger(s: string): bigint {
  let neg = false;
  let t = s;
  if (t.startsWith("-")) {
    neg = true;
    t = t.slice(1);
  } else if (t.startsWith("+")) t = t.slice(1);
  let v: bigint;
  if (/^0[xX]/.test(t)) v = BigInt(t);
  else if (/^0[0-7]+$/.test(t)) v = BigInt("0o" + t.slice(1));
  else v = BigInt(t === "" ? "0" : t);
  return neg ? -v : v;
}

function parseCDouble(s: string): number {
  const t = s.toLowerCase();
  if (t === "inf" || t === "infinity" || t === "+inf") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  if (t === "nan" || t === "-nan" || t === "+nan") return NaN;
  return Number(s);
}

/** protoc's PrefixRemover + EnumValueToPascalCase, for the proto3 enum value uniqueness check. */
function removePrefix(prefix: string, value: string): string {
  let i = 0;
  let j = 0;
  while (i < value.length && j < prefix.length) {
    if (value[i] === "_") {
      i++;
      continue;
    }
    if (value[i]!.toLowerCase() !== prefix[j]) return value;
    i++;
    j++;
  }
  if (j < prefix.length) return value;
  while (i < value.length && value[i] === "_") i++;
  return i === value.length ? value : value.slice(i);
}

function enumValueToPascalCase(input: string): string {
  let next = true;
  let out = "";
  for (const c of input) {
    if (c === "_") next = true;
    else if (next) {
      out += c.toUpperCase();
      next = false;
    } else out += c.toLowerCase();
  }
  return out;
}

export type { SourceCodeInfo };
