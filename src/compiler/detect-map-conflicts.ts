/**
 * protoc's DetectMapConflicts: a map field's synthesized entry message whose name clashes with a nested
 * message, field, enum or oneof. protoc runs it only when a file already has errors, to explain them.
 */
import type { LinkContext } from "./link-context.js";
import type { MessageNode } from "./nodes.js";
import { ErrorLocation } from "./source-location-table.js";

/** protoc's extra check, run only when a file already has errors: map entry names that clash. */
export function detectMapConflicts(ctx: LinkContext, m: MessageNode): void {
  const seen = new Map<string, MessageNode>();
  for (const n of m.nested) {
    const prev = seen.get(n.name);
    if (prev === undefined) seen.set(n.name, n);
    else if (prev.proto.options?.mapEntry || n.proto.options?.mapEntry) {
      ctx.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${n.name} conflicts with an existing nested message type.`);
      break;
    }
    detectMapConflicts(ctx, n);
  }
  for (const f of m.fields) {
    const t = seen.get(f.name);
    if (t?.proto.options?.mapEntry) {
      ctx.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${t.name} conflicts with an existing field.`);
    }
  }
  for (const e of m.enums) {
    const t = seen.get(e.name);
    if (t?.proto.options?.mapEntry) {
      ctx.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${t.name} conflicts with an existing enum type.`);
    }
  }
  for (const o of m.oneofs) {
    const t = seen.get(o.name);
    if (t?.proto.options?.mapEntry) {
      ctx.addError(m.proto, ErrorLocation.Name, `Expanded map entry type ${t.name} conflicts with an existing oneof type.`);
    }
  }
}
