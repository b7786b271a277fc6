/**
 * The options messages protoc has compiled in, for files that set options without importing
 * descriptor.proto themselves.
 */
import { wellKnownFiles } from "../protobuf/index.js";
import { newFileNode, type EnumNode, type EnumValueNode, type FieldNode, type MessageNode } from "./nodes.js";
import { Pool } from "./pool.js";

let fallbackPool: Pool | undefined;

/**
 * The pool protoc has compiled in, reduced to what option interpretation needs: the `*Options` messages of
 * descriptor.proto with their fields and enums. Used when the files being compiled do not load
 * descriptor.proto themselves; built on first use from the embedded descriptors (no parsing, no linking),
 * which keeps a cold `spindle compile` fast.
 */
export function getFallbackPool(): Pool {
  if (fallbackPool) return fallbackPool;
  const pool = new Pool();
  const proto = wellKnownFiles.find((f) => f.name === "google/protobuf/descriptor.proto");
  if (proto) {
    const file = newFileNode(proto, undefined);
    const pkg = file.packageName;
    proto.messageType.forEach((m, mi) => {
      if (!m.name?.endsWith("Options")) return;
      const fullName = `${pkg}.${m.name}`;
      const node: MessageNode = {
        kind: "message", name: m.name, fullName, proto: m, file, parent: undefined, path: [4, mi],
        fields: [], extensions: [], oneofs: [], nested: [], enums: [], fieldsByNumber: new Map(), fieldsByName: new Map(),
      };
      m.enumType.forEach((e, ei) => {
        const enumFull = `${fullName}.${e.name}`;
        const en: EnumNode = { kind: "enum", name: e.name!, fullName: enumFull, proto: e, file, parent: node, values: [], path: [...node.path, 4, ei] };
        e.value.forEach((v, vi) => {
          const vn: EnumValueNode = {
            kind: "enum_value", name: v.name!, fullName: `${fullName}.${v.name}`, number: v.number!, proto: v, enumNode: en, file, path: [...en.path, 2, vi],
          };
          en.values.push(vn);
          pool.symbols.set(vn.fullName, vn);
        });
        node.enums.push(en);
        pool.symbols.set(enumFull, en);
      });
      m.field.forEach((f, fi) => {
        const fn: FieldNode = {
          kind: "field", name: f.name!, fullName: `${fullName}.${f.name}`, proto: f, file, number: f.number!, label: f.label!,
          type: f.type!, isExtension: false, containing: node, scope: undefined, messageType: undefined,
          enumType: f.type === 14 ? node.enums.find((e) => "." + e.fullName === f.typeName) : undefined,
          oneof: undefined, jsonName: f.jsonName ?? f.name!, path: [...node.path, 2, fi],
        };
        node.fields.push(fn);
        node.fieldsByName.set(fn.name, fn);
        node.fieldsByNumber.set(fn.number, fn);
        pool.symbols.set(fn.fullName, fn);
      });
      pool.symbols.set(fullName, node);
    });
  }
  fallbackPool = pool;
  return pool;
}
