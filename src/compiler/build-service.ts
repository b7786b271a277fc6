/**
 * Services and methods: building their nodes and symbols (protoc's BuildService and BuildMethod), and
 * resolving each method's input and output types once every symbol is known (CrossLinkMethod).
 */
import type { ServiceDescriptorProto } from "../protobuf/index.js";
import { addSymbol, validateSymbolName } from "./add-symbol.js";
import type { LinkContext } from "./link-context.js";
import { addNotDefinedError, lookupSymbol } from "./lookup-symbol.js";
import { qualifiedName, type MethodNode, type ServiceNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";

/** A service at `path` in the file's source info; appended to the file's services. */
export function buildService(ctx: LinkContext, proto: ServiceDescriptorProto, path: number[]): void {
  const name = proto.name ?? "";
  const fullName = qualifiedName(ctx.file.packageName, name);
  const service: ServiceNode = { kind: "service", name, fullName, proto, file: ctx.file, methods: [], path };
  validateSymbolName(ctx, name, proto);
  proto.method.forEach((m, i) => {
    const mName = m.name ?? "";
    const mFull = fullName + "." + mName;
    const mn: MethodNode = { kind: "method", name: mName, fullName: mFull, proto: m, file: ctx.file, service, path: [...path, 2, i] };
    service.methods.push(mn);
    validateSymbolName(ctx, mName, m);
    if (m.options !== undefined) {
      ctx.queueOptions(m.options, mFull, mFull, [...mn.path, 4], "google.protobuf.MethodOptions");
    }
    addSymbol(ctx, mFull, m, mn);
  });
  if (proto.options !== undefined) {
    ctx.queueOptions(proto.options, fullName, fullName, [...path, 3], "google.protobuf.ServiceOptions");
  }
  addSymbol(ctx, fullName, proto, service);
  ctx.file.services.push(service);
}

/** Resolves a method's input and output types to messages, rewriting them as fully qualified names. */
export function crossLinkMethod(ctx: LinkContext, m: MethodNode): void {
  const proto = m.proto;
  for (const [key, where] of [
    ["inputType", ErrorLocation.InputType],
    ["outputType", ErrorLocation.OutputType],
  ] as const) {
    const name = proto[key] ?? "";
    const l = lookupSymbol(ctx, name, m.fullName);
    if (l.symbol === undefined) addNotDefinedError(ctx, proto, where, name, l);
    else if (l.symbol.kind !== "message") ctx.addError(proto, where, `"${name}" is not a message type.`);
    else proto[key] = "." + l.symbol.fullName;
  }
}
