/**
 * The option interpreter (protoc's DescriptorBuilder::OptionInterpreter). Each `option …` statement was
 * parsed into an `UninterpretedOption`; here every one is resolved against the options message and the
 * custom option extensions in scope, type-checked with protoc's messages, and encoded. Options that
 * descriptor.proto itself declares become typed properties; custom options stay as unknown-field bytes in
 * the order protoc writes them. The source info paths of interpreted options are rewritten as protoc does.
 */
import { UnknownFields, wellKnownFiles, type SourceCodeInfo, type UninterpretedOption } from "../protobuf/index.js";
import type { LinkContext } from "./link-context.js";
import { findSymbolNotEnforcingDeps, lookupSymbol } from "./lookup-symbol.js";
import { cppType, type FieldNode, type MessageNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";
import { parseTextFormat } from "./text-format.js";
import { readRecords, WireBytes, wireTypeOf } from "./wire-bytes.js";

/** One options message waiting for interpretation. */
export interface OptionsTarget {
  nameScope: string;
  elementName: string;
  /** Source info path of the options field of the element, e.g. `[4, 0, 7]`. */
  path: number[];
  options: { uninterpretedOption: UninterpretedOption[]; [UnknownFields]?: Uint8Array } & Record<string, unknown>;
  /** `google.protobuf.FileOptions` etc. */
  optionsType: string;
}

interface KnownField {
  number: number;
  property: string;
  type: number;
  repeated: boolean;
}

let knownOptionFieldsCache: Map<string, Map<number, KnownField>> | undefined;

/**
 * The fields protoc's own compiled-in descriptor.proto knows for each options message. Built when the first
 * option is interpreted rather than at module load, so that importing the compiler does no work.
 */
function knownOptionFields(): Map<string, Map<number, KnownField>> {
  if (knownOptionFieldsCache !== undefined) return knownOptionFieldsCache;
  const out = new Map<string, Map<number, KnownField>>();
  const descriptorFile = wellKnownFiles.find((f) => f.name === "google/protobuf/descriptor.proto");
  for (const m of descriptorFile?.messageType ?? []) {
    if (!m.name?.endsWith("Options")) continue;
    const fields = new Map<number, KnownField>();
    for (const f of m.field) {
      fields.set(f.number!, { number: f.number!, property: f.jsonName!, type: f.type!, repeated: f.label === 3 });
    }
    out.set("google.protobuf." + m.name, fields);
  }
  return (knownOptionFieldsCache = out);
}

const utf8 = new TextDecoder();

interface Record_ {
  fieldNumber: number;
  wireType: number;
  bytes: number[];
}

/** Interprets every pending options message of the file being built, then rewrites source info paths. */
export function interpretOptions(ctx: LinkContext, info: SourceCodeInfo | undefined): void {
  const interpreted = new Map<string, number[]>();
  const repeatedCounts = new Map<string, number>();
  for (const target of ctx.optionsToInterpret) {
    interpretTarget(ctx, target, interpreted, repeatedCounts);
  }
  if (info !== undefined && interpreted.size > 0) updateSourceCodeInfo(info, interpreted);
}

function interpretTarget(
  ctx: LinkContext,
  target: OptionsTarget,
  interpreted: Map<string, number[]>,
  repeatedCounts: Map<string, number>,
): void {
  const options = target.options;
  const originals = options.uninterpretedOption;
  // Options objects can be shared (extension ranges declared together share theirs): interpret once.
  if (originals.length === 0) return;
  const records: Record_[] = [];
  let failed = false;
  for (let i = 0; i < originals.length; i++) {
    const srcPath = [...target.path, 999, i];
    if (!interpretSingle(ctx, target, originals[i]!, records, srcPath, interpreted, repeatedCounts)) {
      failed = true;
      break;
    }
  }
  if (failed) return;
  // "Reparse": fields descriptor.proto knows become properties, the rest stays unknown, in order.
  const known = knownOptionFields().get(target.optionsType) ?? new Map<number, KnownField>();
  const unknown: number[] = [];
  const out = options as Record<string, unknown>;
  out["uninterpretedOption"] = [];
  for (const r of records) {
    const k = known.get(r.fieldNumber);
    if (k === undefined || !setKnown(out, k, r)) {
      for (const b of r.bytes) unknown.push(b);
    }
  }
  if (unknown.length > 0) {
    const prev = options[UnknownFields];
    options[UnknownFields] = prev ? Uint8Array.from([...prev, ...unknown]) : Uint8Array.from(unknown);
  }
}

function setKnown(out: Record<string, unknown>, k: KnownField, r: Record_): boolean {
  const recs = readRecords(Uint8Array.from(r.bytes));
  const rec = recs?.[0];
  if (rec === undefined) return false;
  let value: unknown;
  if (k.type === 8 && rec.wireType === 0) value = rec.varint !== 0n;
  else if (k.type === 14 && rec.wireType === 0) value = Number(BigInt.asIntN(32, rec.varint!));
  else if (k.type === 9 && rec.wireType === 2) value = utf8.decode(rec.payload);
  else return false;
  if (k.repeated) ((out[k.property] as unknown[]) ??= []).push(value);
  else out[k.property] = value;
  return true;
}

function interpretSingle(
  ctx: LinkContext,
  target: OptionsTarget,
  option: UninterpretedOption,
  records: Record_[],
  srcPath: number[],
  interpreted: Map<string, number[]>,
  repeatedCounts: Map<string, number>,
): boolean {
  const nameError = (msg: string): boolean => {
    ctx.addError(option, ErrorLocation.OptionName, msg);
    return false;
  };
  if (option.name.length === 0) return nameError("Option must have a name.");
  if (option.name[0]!.namePart === "uninterpreted_option") {
    return nameError('Option must not use reserved name "uninterpreted_option".');
  }
  let descriptor = optionsMessage(ctx, target.optionsType);
  if (descriptor === undefined) return nameError(`Option "${option.name[0]!.namePart}" unknown.`);
  let field: FieldNode | undefined;
  const intermediates: FieldNode[] = [];
  let debugName = "";
  const destPath = [...target.path];
  for (let i = 0; i < option.name.length; i++) {
    const part = option.name[i]!;
    const namePart = part.namePart ?? "";
    if (debugName.length > 0) debugName += ".";
    let unresolved: string | undefined;
    if (part.isExtension) {
      debugName += "(" + namePart + ")";
      const l = lookupSymbol(ctx, namePart, target.nameScope);
      field = l.symbol?.kind === "field" ? l.symbol : undefined;
      unresolved = l.unresolvedName;
    } else {
      debugName += namePart;
      field = descriptor.fieldsByName.get(namePart);
    }
    if (field === undefined) {
      if (unresolved !== undefined) {
        return nameError(
          `Option "${debugName}" is resolved to "(${unresolved})", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., "(.${debugName.slice(1)}") to start from the outermost scope.`,
        );
      }
      return nameError(
        `Option "${debugName}" unknown. Ensure that your proto definition file imports the proto which defines the option.`,
      );
    }
    if (field.containing?.fullName !== descriptor.fullName) {
      return nameError(`Option field "${debugName}" is not a field or extension of message "${descriptor.name}".`);
    }
    destPath.push(field.number);
    if (i < option.name.length - 1) {
      if (cppType(field.type) !== "message") return nameError(`Option "${debugName}" is an atomic type, not a message.`);
      if (field.label === 3) {
        return nameError(
          `Option field "${debugName}" is a repeated message. Repeated message options must be initialized using an aggregate value.`,
        );
      }
      intermediates.push(field);
      descriptor = field.messageType!;
    }
  }
  const leaf = field!;
  if (leaf.label !== 3 && isOptionSet(intermediates, 0, leaf, records.map((r) => Uint8Array.from(r.bytes)))) {
    return nameError(`Option "${debugName}" was already set.`);
  }
  const value = new WireBytes();
  if (!setOptionValue(ctx, option, leaf, value)) return false;
  let bytes = value.bytes;
  for (let i = intermediates.length - 1; i >= 0; i--) {
    const f = intermediates[i]!;
    const w = new WireBytes();
    if (f.type === 10) w.tag(f.number, 3).raw(bytes).tag(f.number, 4);
    else w.tag(f.number, 2).lengthDelimited(bytes);
    bytes = w.bytes;
  }
  const top = intermediates[0] ?? leaf;
  records.push({ fieldNumber: top.number, wireType: 0, bytes });
  if (leaf.label === 3) {
    const key = destPath.join(",");
    const index = repeatedCounts.get(key) ?? 0;
    repeatedCounts.set(key, index + 1);
    destPath.push(index);
  }
  interpreted.set(srcPath.join(","), destPath);
  return true;
}

/** The options message type: from the files being built if they load descriptor.proto, else the embedded one. */
function optionsMessage(ctx: LinkContext, typeName: string): MessageNode | undefined {
  const s = findSymbolNotEnforcingDeps(ctx, typeName);
  if (s?.kind === "message") return s;
  const f = ctx.pool.fallback?.().symbols.get(typeName);
  return f?.kind === "message" ? f : undefined;
}

/** protoc's ExamineIfOptionIsSet over the encoded records collected so far. */
function isOptionSet(intermediates: FieldNode[], depth: number, leaf: FieldNode, encoded: Uint8Array[]): boolean {
  for (const bytes of encoded) {
    const recs = readRecords(bytes);
    if (recs === undefined) continue;
    for (const r of recs) {
      if (depth === intermediates.length) {
        if (r.fieldNumber === leaf.number) return true;
        continue;
      }
      const f = intermediates[depth]!;
      if (r.fieldNumber !== f.number) continue;
      if (f.type === 11 && r.wireType === 2) {
        if (isOptionSet(intermediates, depth + 1, leaf, [r.payload!])) return true;
      } else if (f.type === 10 && r.wireType === 3) {
        // The group payload ends with its end-group tag; drop it before recursing.
        const inner = r.payload!.subarray(0, r.payload!.length - groupEndLength(f.number));
        if (isOptionSet(intermediates, depth + 1, leaf, [inner])) return true;
      }
    }
  }
  return false;
}

function groupEndLength(fieldNumber: number): number {
  return new WireBytes().tag(fieldNumber, 4).bytes.length;
}

const INT32_MIN = -0x80000000n;
const INT32_MAX = 0x7fffffffn;
const INT64_MIN = -0x8000000000000000n;
const INT64_MAX = 0x7fffffffffffffffn;
const UINT32_MAX = 0xffffffffn;

/** protoc's SetOptionValue: checks the value against the field's type and encodes it (tag included). */
function setOptionValue(ctx: LinkContext, option: UninterpretedOption, field: FieldNode, w: WireBytes): boolean {
  const valueError = (msg: string): boolean => {
    ctx.addError(option, ErrorLocation.OptionValue, msg);
    return false;
  };
  const full = field.fullName;
  const n = field.number;
  switch (cppType(field.type)) {
    case "int32":
    case "int64": {
      const ct = cppType(field.type);
      const [min, max] = ct === "int32" ? [INT32_MIN, INT32_MAX] : [INT64_MIN, INT64_MAX];
      const v = option.positiveIntValue ?? option.negativeIntValue;
      if (v === undefined) return valueError(`Value must be integer for ${ct} option "${full}".`);
      if (v > max || v < min) return valueError(`Value out of range for ${ct} option "${full}".`);
      writeInt(w, field.type, n, v);
      return true;
    }
    case "uint32":
      if (option.positiveIntValue !== undefined) {
        if (option.positiveIntValue > UINT32_MAX) {
          return valueError(`Value out of range for uint32 option "${field.name}".`);
        }
        writeInt(w, field.type, n, option.positiveIntValue);
        return true;
      }
      return valueError(`Value must be non-negative integer for uint32 option "${full}".`);
    case "uint64":
      if (option.positiveIntValue !== undefined) {
        writeInt(w, field.type, n, option.positiveIntValue);
        return true;
      }
      return valueError(`Value must be non-negative integer for uint64 option "${full}".`);
    case "float":
    case "double": {
      let v: number;
      if (option.doubleValue !== undefined) v = option.doubleValue;
      else if (option.positiveIntValue !== undefined) v = Number(option.positiveIntValue);
      else if (option.negativeIntValue !== undefined) v = Number(option.negativeIntValue);
      else return valueError(`Value must be number for ${cppType(field.type)} option "${full}".`);
      if (field.type === 2) w.tag(n, 5).float(v);
      else w.tag(n, 1).double(v);
      return true;
    }
    case "bool":
      if (option.identifierValue === undefined) {
        return valueError(`Value must be identifier for boolean option "${full}".`);
      }
      if (option.identifierValue === "true") w.tag(n, 0).varint(1);
      else if (option.identifierValue === "false") w.tag(n, 0).varint(0);
      else return valueError(`Value must be "true" or "false" for boolean option "${full}".`);
      return true;
    case "enum": {
      if (option.identifierValue === undefined) {
        return valueError(`Value must be identifier for enum-valued option "${full}".`);
      }
      const enumType = field.enumType!;
      const name = option.identifierValue;
      const sibling = enumType.fullName.slice(0, enumType.fullName.length - enumType.name.length) + name;
      const pool = ctx.pool.symbols.get(enumType.fullName) === enumType ? ctx.pool : ctx.pool.fallback?.();
      const s = pool === ctx.pool ? findSymbolNotEnforcingDeps(ctx, sibling) : pool?.symbols.get(sibling);
      let value: number | undefined;
      if (s?.kind === "enum_value") {
        if (s.enumNode !== enumType) {
          return valueError(
            `Enum type "${enumType.fullName}" has no value named "${name}" for option "${full}". This appears to be a value from a sibling type.`,
          );
        }
        value = s.number;
      }
      if (value === undefined) {
        return valueError(`Enum type "${enumType.fullName}" has no value named "${name}" for option "${full}".`);
      }
      w.tag(n, 0).varint(BigInt(value));
      return true;
    }
    case "string":
      if (option.stringValue === undefined) {
        return valueError(`Value must be quoted string for string option "${full}".`);
      }
      w.tag(n, 2).lengthDelimited(option.stringValue);
      return true;
    case "message": {
      const raw = ctx.aggregates?.get(option);
      if (option.aggregateValue === undefined || raw === undefined) {
        return valueError(
          `Option "${full}" is a message. To set the entire message, use syntax like "${field.name} = { <proto text format> }". To set fields within it, use syntax like "${field.name}.foo = value".`,
        );
      }
      const result = parseTextFormat(ctx, raw, field.messageType!);
      if (typeof result === "string") {
        return valueError(`Error while parsing option value for "${field.name}": ${result}`);
      }
      if (field.type === 10) w.tag(n, 3).raw(result).tag(n, 4);
      else w.tag(n, 2).lengthDelimited(result);
      return true;
    }
  }
}

function writeInt(w: WireBytes, type: number, n: number, v: bigint): void {
  w.tag(n, wireTypeOf(type)).integer(type, v);
}

/** protoc's UpdateSourceCodeInfo: interpreted options move to their real paths, their sub-locations go. */
function updateSourceCodeInfo(info: SourceCodeInfo, interpreted: Map<string, number[]>): void {
  const out: SourceCodeInfo["location"] = [];
  let matched: number[] | undefined;
  for (const loc of info.location) {
    if (matched !== undefined) {
      const prefix = matched;
      if (loc.path.length >= prefix.length && prefix.every((p, i) => loc.path[i] === p)) continue;
      matched = undefined;
    }
    // Only option statements (paths ending in 999, index) can have been interpreted.
    const n = loc.path.length;
    const dest = n >= 2 && loc.path[n - 2] === 999 ? interpreted.get(loc.path.join(",")) : undefined;
    if (dest === undefined) {
      out.push(loc);
      continue;
    }
    matched = loc.path;
    out.push({ ...loc, path: [...dest] });
  }
  info.location = out;
}
