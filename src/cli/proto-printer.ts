// `spindle describe` prints definitions in .proto syntax, rebuilt from descriptors (as grpcurl describe
// does): enough to read a schema, not a faithful copy of the source (no options, comments or reserved).
import type { DescEnum, DescField, DescMessage, DescMethod, DescService } from "../protobuf/index.js";

const scalarNames = [
  "", "double", "float", "int64", "uint64", "int32", "fixed64", "fixed32", "bool", "string",
  "group", "message", "bytes", "uint32", "enum", "sfixed32", "sfixed64", "sint32", "sint64",
];

/** Prints a service, message or enum (nested types included) in .proto syntax, indented by `indent`. */
export function printDefinition(desc: DescService | DescMessage | DescEnum, indent = ""): string {
  switch (desc.kind) {
    case "service":
      return `${indent}service ${desc.name} {\n${desc.methods.map((m) => `${indent}  ${printMethod(m)}\n`).join("")}${indent}}\n`;
    case "enum":
      return `${indent}enum ${desc.name} {\n${desc.values.map((v) => `${indent}  ${v.name} = ${v.number};\n`).join("")}${indent}}\n`;
    case "message":
      return printMessage(desc, indent);
  }
}

/** Prints one rpc line: `rpc Name ( stream .pkg.In ) returns ( .pkg.Out );`. */
export function printMethod(m: DescMethod): string {
  const input = `${m.proto.clientStreaming ? "stream " : ""}.${m.input.typeName}`;
  const output = `${m.proto.serverStreaming ? "stream " : ""}.${m.output.typeName}`;
  return `rpc ${m.name} ( ${input} ) returns ( ${output} );`;
}

function printMessage(desc: DescMessage, indent: string): string {
  const inner = `${indent}  `;
  let body = "";
  const printedOneofs = new Set<string>();
  for (const field of desc.fields) {
    if (field.oneof !== undefined) {
      if (printedOneofs.has(field.oneof.name)) continue;
      printedOneofs.add(field.oneof.name);
      body += `${inner}oneof ${field.oneof.name} {\n`;
      for (const member of field.oneof.fields) body += `${inner}  ${printField(member, desc)}\n`;
      body += `${inner}}\n`;
    } else {
      body += `${inner}${printField(field, desc)}\n`;
    }
  }
  for (const nested of desc.nestedMessages) if (!nested.isMapEntry) body += printMessage(nested, inner);
  for (const nested of desc.nestedEnums) body += printDefinition(nested, inner);
  return `${indent}message ${desc.name} {\n${body}${indent}}\n`;
}

function printField(field: DescField, parent: DescMessage): string {
  const p = field.proto;
  let type: string;
  let label = "";
  if (field.fieldKind === "map") {
    const key = field.entry.fields[0]!;
    const value = field.entry.fields[1]!;
    type = `map<${typeOf(key)}, ${typeOf(value)}>`;
  } else {
    type = typeOf(field);
    if (field.fieldKind === "list") label = "repeated ";
    else if (p.proto3Optional) label = "optional ";
    else if (parent.file.syntax === "proto2" && field.oneof === undefined) label = field.presence === "legacy_required" ? "required " : "optional ";
  }
  return `${label}${type} ${field.name} = ${field.number};`;
}

function typeOf(field: DescField): string {
  const t = field.proto.type ?? 0;
  if (t === 11 || t === 14 || t === 10) return field.proto.typeName ?? "?";
  return scalarNames[t] ?? `type${t}`;
}
