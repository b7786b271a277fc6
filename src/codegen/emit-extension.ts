/**
 * Extension constants: one typed `Extension<Extendee, Value>` per `extend` field of a file, for
 * `getExtension`/`setExtension`/`hasExtension`/`clearExtension`/`getOption` of spindle/runtime/v1. Printed at
 * the end of the module, after the message types their definitions refer to.
 */
import { ScalarType, type DescExtension, type DescFile, type DescMessage } from "../protobuf/index.js";
import { tsdoc } from "./comments.js";
import { fieldType } from "./field-type.js";
import type { FileContext } from "./file-context.js";
import { declarationName, fileHandleName } from "./names.js";
import type { Printable } from "./printer.js";

/** Every extension of a file with its source path (`[7, i]` at top level, `[…message, 6, i]` nested). */
export function extensionsOf(file: DescFile): { ext: DescExtension; path: number[] }[] {
  const out: { ext: DescExtension; path: number[] }[] = file.extensions.map((ext, i) => ({ ext, path: [7, i] }));
  const visit = (m: DescMessage, path: number[]) => {
    m.nestedExtensions.forEach((ext, i) => out.push({ ext, path: [...path, 6, i] }));
    m.nestedMessages.forEach((n, i) => visit(n, [...path, 3, i]));
  };
  file.messages.forEach((m, i) => visit(m, [4, i]));
  return out;
}

const longScalars = new Set([ScalarType.INT64, ScalarType.UINT64, ScalarType.SINT64, ScalarType.FIXED64, ScalarType.SFIXED64]);

/** What `defineExtension` must convert: message values through their codec, 64-bit values to the `long` option. */
function conversion(ctx: FileContext, ext: DescExtension): Printable {
  if (ext.fieldKind === "message" || (ext.fieldKind === "list" && ext.listKind === "message")) {
    return [", { message: ", ctx.ref(ext.message), " }"];
  }
  if ((ext.fieldKind === "scalar" || (ext.fieldKind === "list" && ext.listKind === "scalar")) && longScalars.has(ext.scalar)) {
    const long = ctx.longOf(ext);
    if (long !== ext.longType) return `, { long: ${JSON.stringify(long)} }`;
  }
  return "";
}

/** Prints the file's extension constants (none under `types_only`, which has no runtime). */
export function emitExtensions(ctx: FileContext): void {
  const { f, file } = ctx;
  if (ctx.options.typesOnly) return;
  for (const { ext, path } of extensionsOf(file)) {
    const name = declarationName(ext);
    const extendee = ctx.typeRef(ext.extendee);
    const value = fieldType(ctx, ext);
    f.print();
    const doc = ctx.comments.doc(path, ext.deprecated ? ["@deprecated"] : []);
    const about = `The extension ${ext.typeName}: field ${ext.number} of \`${ext.extendee.typeName}\`.`;
    for (const line of tsdoc(doc.length > 0 ? [...doc, "", about] : [about])) f.print(line);
    f.print(
      `export const ${name}: `,
      ctx.rtType("Extension"),
      `<`,
      extendee,
      `, `,
      value,
      `> = `,
      ctx.rt("defineExtension"),
      `<`,
      extendee,
      `, `,
      value,
      `>(${fileHandleName(file)}, ${JSON.stringify(ext.typeName)}, ${ext.number}, `,
      ctx.ref(ext.extendee),
      conversion(ctx, ext),
      `);`,
    );
  }
}
