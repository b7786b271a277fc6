/**
 * The TypeScript type of a field's value, as generated message interfaces and extension constants spell it:
 * `bigint` (or the `long` option's type) for 64-bit integers, `Uint8Array` for bytes, the generated enum and
 * message types, arrays for lists and index signatures for maps.
 */
import { ScalarType, type DescExtension, type DescField } from "../protobuf/index.js";
import type { FileContext } from "./file-context.js";
import type { Printable } from "./printer.js";

/** The type of one scalar value; 64-bit integers as `long` (a field's jstype) says, under the `long` option. */
export function scalarType(ctx: FileContext, t: ScalarType, long: string): string {
  switch (t) {
    case ScalarType.BOOL:
      return "boolean";
    case ScalarType.STRING:
      return "string";
    case ScalarType.BYTES:
      return "Uint8Array";
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return ctx.longOf({ longType: long });
    default:
      return "number";
  }
}

/** The TypeScript type of a field's value (without the oneof wrapper). */
export function fieldType(ctx: FileContext, field: DescField | DescExtension): Printable {
  switch (field.fieldKind) {
    case "scalar":
      return scalarType(ctx, field.scalar, field.longType);
    case "enum":
      return ctx.typeRef(field.enum);
    case "message":
      return ctx.typeRef(field.message);
    case "list":
      if (field.listKind === "scalar") return `${scalarType(ctx, field.scalar, field.longType)}[]`;
      return [ctx.typeRef(field.listKind === "enum" ? field.enum : field.message), "[]"];
    case "map": {
      const value: Printable =
        field.mapKind === "scalar"
          ? scalarType(ctx, field.scalar, field.longType)
          : ctx.typeRef(field.mapKind === "enum" ? field.enum : field.message);
      return ["{ [key: string]: ", value, " }"];
    }
  }
}
