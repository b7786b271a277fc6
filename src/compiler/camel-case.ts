/**
 * The two underscore-to-camel-case conversions protoc uses on field names: `json_name` (ToJsonName) and
 * a map field's entry message name (MapEntryName). Only ASCII letters change case, as in protoc.
 */

function underscoresToCamelCase(name: string, capitalizeFirst: boolean): string {
  let out = "";
  let cap = capitalizeFirst;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === "_") cap = true;
    else if (cap) {
      out += c >= "a" && c <= "z" ? c.toUpperCase() : c;
      cap = false;
    } else out += c;
  }
  return out;
}

/** lowerCamelCase as protoc's ToJsonName: drop `_` and upper-case the letter after it (`foo_bar` → `fooBar`). */
export function toJsonName(name: string): string {
  return underscoresToCamelCase(name, false);
}

/** `foo_bar` → `FooBarEntry`, the name protoc gives a map field's synthesized entry message. */
export function mapEntryName(fieldName: string): string {
  return underscoresToCamelCase(fieldName, true) + "Entry";
}
