/**
 * The linker behind createRegistry(): turns `FileDescriptorProto`s into resolved descriptors (desc.ts).
 *
 * It runs in phases so that files and messages may refer to each other in any order: declare every message,
 * enum and service of every new file under its full name; build fields, oneofs, extensions and methods,
 * resolving type names; then fill in map fields from their entry messages.
 */
import { parseScalarDefault } from "./default-value.js";
import type {
  DescEnum,
  DescEnumValue,
  DescExtension,
  DescField,
  DescFile,
  DescMessage,
  DescMethod,
  DescOneof,
  DescService,
  FieldPresence,
  LongType,
  MethodKind,
} from "./desc.js";
import { ScalarType } from "./desc.js";
import { ProtobufError } from "./errors.js";
import { localName, methodLocalName, protoJsonName } from "./names.js";
import type { Registry, RegistryType } from "./registry.js";
import type { DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto, ServiceDescriptorProto } from "./wkt/bootstrap.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MField = Mutable<DescField> & Record<string, unknown>;

class RegistryImpl implements Registry {
  readonly files: DescFile[] = [];
  readonly byFile = new Map<string, DescFile>();
  readonly types = new Map<string, RegistryType>();
  readonly extensionsFor = new Map<string, Map<number, DescExtension>>();

  getMessage(typeName: string): DescMessage | undefined {
    const t = this.types.get(strip(typeName));
    return t?.kind === "message" ? t : undefined;
  }
  getEnum(typeName: string): DescEnum | undefined {
    const t = this.types.get(strip(typeName));
    return t?.kind === "enum" ? t : undefined;
  }
  getService(typeName: string): DescService | undefined {
    const t = this.types.get(strip(typeName));
    return t?.kind === "service" ? t : undefined;
  }
  getExtension(typeName: string): DescExtension | undefined {
    const t = this.types.get(strip(typeName));
    return t?.kind === "extension" ? t : undefined;
  }
  getExtensionFor(extendee: DescMessage, fieldNumber: number): DescExtension | undefined {
    return this.extensionsFor.get(extendee.typeName)?.get(fieldNumber);
  }
  getFile(name: string): DescFile | undefined {
    return this.byFile.get(name);
  }
  [Symbol.iterator](): Iterator<RegistryType> {
    return this.types.values();
  }

  /** Adds an already linked file and all its types. */
  addLinked(file: DescFile): void {
    this.byFile.set(file.name, file);
    this.files.push(file);
    const visitMessage = (m: DescMessage): void => {
      this.declare(m.typeName, m, file.name);
      m.nestedMessages.forEach(visitMessage);
      m.nestedEnums.forEach((e) => this.declare(e.typeName, e, file.name));
      m.nestedExtensions.forEach((x) => this.addExtension(x));
    };
    file.messages.forEach(visitMessage);
    file.enums.forEach((e) => this.declare(e.typeName, e, file.name));
    file.services.forEach((s) => this.declare(s.typeName, s, file.name));
    file.extensions.forEach((x) => this.addExtension(x));
  }

  declare(name: string, t: RegistryType, fileName: string): void {
    const prev = this.types.get(name);
    if (prev) {
      const where = prev.kind === "extension" || prev.kind === "message" || prev.kind === "enum" || prev.kind === "service" ? prev.file.name : "?";
      throw new ProtobufError(`${fileName}: "${name}" is already defined in ${where}`);
    }
    this.types.set(name, t);
  }

  addExtension(x: DescExtension): void {
    this.declare(x.typeName, x, x.file.name);
    let byNo = this.extensionsFor.get(x.extendee.typeName);
    if (!byNo) this.extensionsFor.set(x.extendee.typeName, (byNo = new Map()));
    const prev = byNo.get(x.number);
    if (prev) {
      throw new ProtobufError(`${x.file.name}: extension ${x.typeName} uses field number ${x.number} of ${x.extendee.typeName}, already used by ${prev.typeName}`);
    }
    byNo.set(x.number, x);
  }
}

function strip(typeName: string): string {
  return typeName.startsWith(".") ? typeName.slice(1) : typeName;
}

/**
 * Links `protos` into a new registry, together with already linked files: `reused` (their `Desc*` objects are
 * shared), then `fallback` files for names that neither gave. The first file of a name wins; descriptors win
 * over reused files.
 */
export function link(protos: readonly FileDescriptorProto[], reused: readonly DescFile[], fallback: readonly DescFile[]): Registry {
  const reg = new RegistryImpl();
  const newFiles: { file: Mutable<DescFile>; proto: FileDescriptorProto }[] = [];
  const names = new Set<string>();
  for (const proto of protos) {
    const name = proto.name ?? "";
    if (names.has(name)) continue;
    names.add(name);
    newFiles.push({ file: declareFile(proto), proto });
  }
  const linkedToAdd: DescFile[] = [];
  const seenReused = new Set<DescFile>();
  const addReused = (f: DescFile): void => {
    if (seenReused.has(f) || names.has(f.name)) return;
    seenReused.add(f);
    f.dependencies.forEach(addReused);
    names.add(f.name);
    linkedToAdd.push(f);
  };
  reused.forEach(addReused);
  fallback.forEach(addReused);
  for (const f of linkedToAdd) reg.addLinked(f);

  // Dependencies before dependents, so that `files` is in a usable order.
  const byName = new Map(newFiles.map((n) => [n.file.name, n]));
  const ordered: typeof newFiles = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (n: (typeof newFiles)[number]): void => {
    const s = state.get(n.file.name);
    if (s === "done") return;
    if (s === "visiting") throw new ProtobufError(`${n.file.name}: import cycle through ${n.file.name}`);
    state.set(n.file.name, "visiting");
    for (const dep of n.proto.dependency ?? []) {
      const d = byName.get(dep);
      if (d) visit(d);
    }
    state.set(n.file.name, "done");
    ordered.push(n);
  };
  newFiles.forEach(visit);

  const linker = new Linker(reg);
  for (const n of ordered) {
    reg.byFile.set(n.file.name, n.file);
    reg.files.push(n.file);
    linker.declareTypes(n.file);
  }
  for (const n of ordered) {
    n.file.dependencies = (n.proto.dependency ?? []).map((dep) => {
      const d = reg.byFile.get(dep);
      if (!d) throw new ProtobufError(`${n.file.name}: dependency "${dep}" not found`);
      return d;
    });
  }
  for (const n of ordered) linker.linkFile(n.file);
  linker.finishMaps();
  for (const n of ordered) linker.registerExtensions(n.file);
  return reg;
}

function declareFile(proto: FileDescriptorProto): Mutable<DescFile> {
  return {
    kind: "file",
    name: proto.name ?? "",
    syntax: proto.syntax === "proto3" ? "proto3" : "proto2",
    packageName: proto.package ?? "",
    dependencies: [],
    messages: [],
    enums: [],
    services: [],
    extensions: [],
    proto,
    deprecated: proto.options?.deprecated === true,
  };
}

class Linker {
  private readonly mapFields: MField[] = [];
  constructor(private readonly reg: RegistryImpl) {}

  declareTypes(file: Mutable<DescFile>): void {
    const prefix = file.packageName ? file.packageName + "." : "";
    file.messages = (file.proto.messageType ?? []).map((m) => this.declareMessage(m, file, undefined, prefix));
    file.enums = (file.proto.enumType ?? []).map((e) => this.declareEnum(e, file, undefined, prefix));
    file.services = (file.proto.service ?? []).map((s) => this.declareService(s, file, prefix));
  }

  private declareMessage(proto: DescriptorProto, file: DescFile, parent: DescMessage | undefined, prefix: string): DescMessage {
    const typeName = prefix + (proto.name ?? "");
    const byNumber = new Map<number, DescField>();
    const m: Mutable<DescMessage> = {
      kind: "message",
      typeName,
      name: proto.name ?? "",
      file,
      parent,
      fields: [],
      oneofs: [],
      members: [],
      nestedMessages: [],
      nestedEnums: [],
      nestedExtensions: [],
      isMapEntry: proto.options?.mapEntry === true,
      proto,
      deprecated: proto.options?.deprecated === true,
      field: (n: number) => byNumber.get(n),
    };
    fieldMaps.set(m, byNumber);
    this.reg.declare(typeName, m, file.name);
    m.nestedMessages = (proto.nestedType ?? []).map((n) => this.declareMessage(n, file, m, typeName + "."));
    m.nestedEnums = (proto.enumType ?? []).map((e) => this.declareEnum(e, file, m, typeName + "."));
    return m;
  }

  private declareEnum(proto: EnumDescriptorProto, file: DescFile, parent: DescMessage | undefined, prefix: string): DescEnum {
    const typeName = prefix + (proto.name ?? "");
    const byNumber = new Map<number, DescEnumValue>();
    const e: Mutable<DescEnum> = {
      kind: "enum",
      typeName,
      name: proto.name ?? "",
      file,
      parent,
      values: [],
      open: file.syntax === "proto3",
      proto,
      deprecated: proto.options?.deprecated === true,
      value: (n: number) => byNumber.get(n),
    };
    e.values = (proto.value ?? []).map((v) => {
      const value: DescEnumValue = {
        kind: "enum_value",
        name: v.name ?? "",
        number: v.number ?? 0,
        parent: e,
        proto: v,
        deprecated: v.options?.deprecated === true,
      };
      // With allow_alias several names share a number; the first one is the canonical name.
      if (!byNumber.has(value.number)) byNumber.set(value.number, value);
      return value;
    });
    if (e.values.length === 0) throw new ProtobufError(`${file.name}: enum ${typeName} has no values`);
    this.reg.declare(typeName, e, file.name);
    return e;
  }

  private declareService(proto: ServiceDescriptorProto, file: DescFile, prefix: string): DescService {
    const typeName = prefix + (proto.name ?? "");
    const s: Mutable<DescService> = {
      kind: "service",
      typeName,
      name: proto.name ?? "",
      file,
      methods: [],
      proto,
      deprecated: proto.options?.deprecated === true,
    };
    this.reg.declare(typeName, s, file.name);
    return s;
  }

  linkFile(file: Mutable<DescFile>): void {
    const visit = (m: DescMessage): void => {
      this.linkMessage(m as Mutable<DescMessage>);
      m.nestedMessages.forEach(visit);
    };
    file.messages.forEach(visit);
    const scope = file.packageName;
    file.extensions = (file.proto.extension ?? []).map((x) => this.makeExtension(x, file, undefined, scope));
    for (const s of file.services) this.linkService(s as Mutable<DescService>);
  }

  private linkMessage(m: Mutable<DescMessage>): void {
    const oneofs: Mutable<DescOneof>[] = (m.proto.oneofDecl ?? []).map((o) => ({
      kind: "oneof",
      name: o.name ?? "",
      localName: localName(o.name ?? ""),
      parent: m,
      fields: [],
      isSynthetic: false,
      proto: o,
    }));
    m.oneofs = oneofs;
    const byNumber = fieldMaps.get(m)!;
    const fields: DescField[] = [];
    for (const fp of m.proto.field ?? []) {
      const where = `${m.file.name}: field ${m.typeName}.${fp.name ?? ""}`;
      let oneof: Mutable<DescOneof> | undefined;
      if (fp.oneofIndex !== undefined) {
        oneof = oneofs[fp.oneofIndex];
        if (!oneof) throw new ProtobufError(`${where}: oneof_index ${fp.oneofIndex} out of range`);
      }
      const f = this.makeField(fp, m.file, m.typeName, where, oneof !== undefined) as MField;
      f.kind = "field";
      f.parent = m;
      f.oneof = oneof;
      if (oneof) (oneof.fields as DescField[]).push(f as DescField);
      if (byNumber.has(f.number)) throw new ProtobufError(`${where}: field number ${f.number} is already used by ${byNumber.get(f.number)!.name}`);
      byNumber.set(f.number, f as DescField);
      fields.push(f as DescField);
    }
    for (const o of oneofs) {
      o.isSynthetic = o.fields.length === 1 && o.fields[0]!.proto.proto3Optional === true;
      if (o.isSynthetic) (o.fields[0] as MField).oneof = undefined;
    }
    m.fields = fields;
    const members: (DescField | DescOneof)[] = [];
    for (const f of fields) {
      if (f.oneof === undefined) members.push(f);
      else if (!members.includes(f.oneof)) members.push(f.oneof);
    }
    m.members = members;
    // proto2 allows `foo_bar` and `fooBar` side by side; both would be `fooBar` on an object. Later ones get a
    // `$` until unique, so no two members (or oneof cases) share a property.
    const taken = new Set<string>();
    for (const d of [...members, ...fields.filter((f) => f.oneof !== undefined)]) {
      let name = d.localName;
      while (taken.has(name)) name += "$";
      if (name !== d.localName) (d as { localName: string }).localName = name;
      taken.add(name);
    }
    m.nestedExtensions = (m.proto.extension ?? []).map((x) => this.makeExtension(x, m.file, m, m.typeName));
  }

  private makeExtension(fp: FieldDescriptorProto, file: DescFile, scope: DescMessage | undefined, scopeName: string): DescExtension {
    const typeName = (scopeName ? scopeName + "." : "") + (fp.name ?? "");
    const where = `${file.name}: extension ${typeName}`;
    const x = this.makeField(fp, file, scopeName, where, false) as MField;
    const extendee = this.resolve(fp.extendee ?? "", scopeName);
    if (extendee?.kind !== "message") throw new ProtobufError(`${where}: extendee "${fp.extendee ?? ""}" is not a message`);
    // Extensions always track presence, also when declared in a proto3 file (custom options).
    const presence: FieldPresence = fp.label === 3 ? "implicit" : fp.label === 2 ? "legacy_required" : "explicit";
    Object.assign(x, { kind: "extension", typeName, extendee, file, scope, jsonName: `[${typeName}]`, presence });
    return x as unknown as DescExtension;
  }

  registerExtensions(file: DescFile): void {
    const visit = (m: DescMessage): void => {
      m.nestedExtensions.forEach((x) => this.reg.addExtension(x));
      m.nestedMessages.forEach(visit);
    };
    file.messages.forEach(visit);
    file.extensions.forEach((x) => this.reg.addExtension(x));
  }

  private linkService(s: Mutable<DescService>): void {
    s.methods = (s.proto.method ?? []).map((mp) => {
      const where = `${s.file.name}: method ${s.typeName}.${mp.name ?? ""}`;
      const input = this.resolve(mp.inputType ?? "", s.typeName);
      const output = this.resolve(mp.outputType ?? "", s.typeName);
      if (input?.kind !== "message") throw new ProtobufError(`${where}: input type "${mp.inputType ?? ""}" is not a message`);
      if (output?.kind !== "message") throw new ProtobufError(`${where}: output type "${mp.outputType ?? ""}" is not a message`);
      const cs = mp.clientStreaming === true;
      const ss = mp.serverStreaming === true;
      const methodKind: MethodKind = cs ? (ss ? "bidi_streaming" : "client_streaming") : ss ? "server_streaming" : "unary";
      const level = mp.options?.idempotencyLevel ?? 0;
      const method: DescMethod = {
        kind: "rpc",
        name: mp.name ?? "",
        localName: methodLocalName(mp.name ?? ""),
        parent: s,
        methodKind,
        input,
        output,
        path: `/${s.typeName}/${mp.name ?? ""}`,
        idempotency: level === 1 ? "no_side_effects" : level === 2 ? "idempotent" : "unknown",
        proto: mp,
        deprecated: mp.options?.deprecated === true,
      };
      return method;
    });
  }

  /**
   * Resolves a type name as protoc does: a leading dot means fully qualified; otherwise the name is looked up
   * in `scope`, then in each enclosing scope.
   */
  private resolve(name: string, scope: string): RegistryType | undefined {
    if (name.startsWith(".")) return this.reg.types.get(name.slice(1));
    let s = scope;
    for (;;) {
      const t = this.reg.types.get(s ? s + "." + name : name);
      if (t) return t;
      if (!s) return undefined;
      const dot = s.lastIndexOf(".");
      s = dot < 0 ? "" : s.slice(0, dot);
    }
  }

  /** The parts common to fields and extensions. */
  private makeField(fp: FieldDescriptorProto, file: DescFile, scope: string, where: string, inOneof: boolean): Record<string, unknown> {
    const name = fp.name ?? "";
    const number = fp.number ?? 0;
    const repeated = fp.label === 3;
    const required = fp.label === 2;
    let type = fp.type as number | undefined;
    let target: RegistryType | undefined;
    if (fp.typeName !== undefined && fp.typeName !== "") {
      target = this.resolve(fp.typeName, scope);
      if (!target || (target.kind !== "message" && target.kind !== "enum")) {
        throw new ProtobufError(`${where}: type "${fp.typeName}" not found`);
      }
      if (type === undefined) type = target.kind === "enum" ? 14 : 11;
      const wantKind = type === 14 ? "enum" : type === 11 || type === 10 ? "message" : undefined;
      if (wantKind !== target.kind) throw new ProtobufError(`${where}: type "${fp.typeName}" is a ${target.kind}, not what the field's type says`);
    }
    if (type === undefined) throw new ProtobufError(`${where}: no type`);
    const jstype = fp.options?.jstype ?? 0;
    const longType: LongType = jstype === 1 ? "string" : jstype === 2 ? "number" : "bigint";
    const proto3 = file.syntax === "proto3";
    const isMessage = type === 11 || type === 10;
    const presence: FieldPresence = required
      ? "legacy_required"
      : repeated
        ? "implicit"
        : !proto3 || isMessage || inOneof || fp.proto3Optional === true
          ? "explicit"
          : "implicit";
    const base: Record<string, unknown> = {
      kind: "field",
      name,
      number,
      localName: localName(name),
      jsonName: fp.jsonName ?? protoJsonName(name),
      presence,
      proto: fp,
      deprecated: fp.options?.deprecated === true,
    };
    if (number < 1 || number > 0x1fffffff) throw new ProtobufError(`${where}: invalid field number ${number}`);
    const packable = type !== 9 && type !== 12 && !isMessage;
    const packed = packable && (fp.options?.packed ?? proto3);
    if (isMessage) {
      const message = target as DescMessage;
      if (repeated && message.isMapEntry) {
        const f = { ...base, fieldKind: "map", entry: message } as unknown as MField;
        this.mapFields.push(f);
        return f;
      }
      return { ...base, fieldKind: repeated ? "list" : "message", ...(repeated ? { listKind: "message" } : {}), message, delimitedEncoding: type === 10 };
    }
    if (type === 14) {
      const e = target as DescEnum;
      if (repeated) return { ...base, fieldKind: "list", listKind: "enum", enum: e, packed };
      let defaultValue: number | undefined;
      if (fp.defaultValue !== undefined) {
        const v = e.values.find((ev) => ev.name === fp.defaultValue);
        if (!v) throw new ProtobufError(`${where}: default value "${fp.defaultValue}" is not a value of ${e.typeName}`);
        defaultValue = v.number;
      }
      return { ...base, fieldKind: "enum", enum: e, defaultValue };
    }
    const scalar = type as ScalarType;
    if (!(scalar in ScalarType)) throw new ProtobufError(`${where}: unknown field type ${type}`);
    if (repeated) return { ...base, fieldKind: "list", listKind: "scalar", scalar, longType, packed };
    const defaultValue = fp.defaultValue !== undefined ? parseScalarDefault(scalar, longType, fp.defaultValue, where) : undefined;
    return { ...base, fieldKind: "scalar", scalar, longType, defaultValue };
  }

  /** Map fields take key and value from their entry message, whose fields exist only after linking. */
  finishMaps(): void {
    for (const f of this.mapFields) {
      const entry = f.entry as DescMessage;
      const key = entry.field(1);
      const value = entry.field(2);
      const where = `${entry.file.name}: map entry ${entry.typeName}`;
      if (key?.fieldKind !== "scalar" || value === undefined) throw new ProtobufError(`${where}: needs a scalar key field 1 and a value field 2`);
      f.mapKey = key.scalar;
      if (value.fieldKind === "scalar") Object.assign(f, { mapKind: "scalar", scalar: value.scalar, longType: value.longType });
      else if (value.fieldKind === "enum") Object.assign(f, { mapKind: "enum", enum: value.enum });
      else if (value.fieldKind === "message") Object.assign(f, { mapKind: "message", message: value.message });
      else throw new ProtobufError(`${where}: the value field cannot be repeated`);
    }
    this.mapFields.length = 0;
  }
}

const fieldMaps = new WeakMap<DescMessage, Map<number, DescField>>();
