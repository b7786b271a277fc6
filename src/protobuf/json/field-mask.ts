/**
 * `google.protobuf.FieldMask` in JSON: one string, the paths joined by commas, each path's segments in
 * lowerCamelCase ("user.displayName,photo").
 *
 * Only paths that survive snake_case → camelCase → snake_case unchanged can be written: "foo_3_bar",
 * "foo__bar" or "fooBar" would come back as a different path, so they are an error rather than a silent
 * change (field_mask.proto, "JSON Encoding of Field Masks").
 */
import { JsonValueError } from "./json-value-error.js";

/**
 * Formats FieldMask paths as the JSON string.
 *
 * @throws JsonValueError for a path that does not round-trip through lowerCamelCase.
 * @example formatFieldMask(["user.display_name", "photo"]) // "user.displayName,photo"
 */
export function formatFieldMask(paths: readonly string[]): string {
  return paths
    .map((path) => {
      const camel = snakeToCamelPath(path);
      if (camelToSnakePath(camel) !== path) {
        throw new JsonValueError(
          `FieldMask path ${JSON.stringify(path)} cannot be written in JSON: it does not round-trip through lowerCamelCase`,
        );
      }
      return camel;
    })
    .join(",");
}

/**
 * Parses the JSON string of a FieldMask into snake_case paths; the empty string is no paths.
 *
 * @throws JsonValueError for a path containing `_` (JSON paths are lowerCamelCase) or an empty path.
 */
export function parseFieldMask(text: string): string[] {
  if (text === "") return [];
  return text.split(",").map((path) => {
    if (path.includes("_")) {
      throw new JsonValueError(`invalid FieldMask path ${JSON.stringify(path)}: JSON paths are lowerCamelCase, "_" is not allowed`);
    }
    if (path === "" || path.split(".").includes("")) {
      throw new JsonValueError(`invalid FieldMask ${JSON.stringify(text)}: empty path segment`);
    }
    return camelToSnakePath(path);
  });
}

function snakeToCamelPath(path: string): string {
  let out = "";
  let upper = false;
  for (const ch of path) {
    if (ch === "_") upper = true;
    else if (upper && ch >= "a" && ch <= "z") {
      out += ch.toUpperCase();
      upper = false;
    } else {
      // A "_" before anything but a lower-case letter is dropped; the round-trip check then rejects the path.
      out += ch;
      upper = false;
    }
  }
  return out;
}

function camelToSnakePath(path: string): string {
  let out = "";
  for (const ch of path) {
    if (ch >= "A" && ch <= "Z") out += `_${ch.toLowerCase()}`;
    else out += ch;
  }
  return out;
}
