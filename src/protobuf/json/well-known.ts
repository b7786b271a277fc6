/**
 * The full names of the well-known types whose JSON form is special (https://protobuf.dev/programming-guides/json/):
 * everything else, `google.protobuf.Empty` included, is an ordinary JSON object.
 */
export const wrapperTypeNames: ReadonlySet<string> = new Set([
  "google.protobuf.DoubleValue",
  "google.protobuf.FloatValue",
  "google.protobuf.Int64Value",
  "google.protobuf.UInt64Value",
  "google.protobuf.Int32Value",
  "google.protobuf.UInt32Value",
  "google.protobuf.BoolValue",
  "google.protobuf.StringValue",
  "google.protobuf.BytesValue",
]);

/** Well-known types with their own JSON form. In an `Any` these travel under `"value"`. */
export function hasSpecialJson(typeName: string): boolean {
  switch (typeName) {
    case "google.protobuf.Any":
    case "google.protobuf.Timestamp":
    case "google.protobuf.Duration":
    case "google.protobuf.FieldMask":
    case "google.protobuf.Struct":
    case "google.protobuf.Value":
    case "google.protobuf.ListValue":
      return true;
    default:
      return wrapperTypeNames.has(typeName);
  }
}

/** The message name an `Any` type URL points at: everything after the last `/`. */
export function typeNameFromUrl(typeUrl: string): string | undefined {
  const slash = typeUrl.lastIndexOf("/");
  const name = typeUrl.slice(slash + 1);
  return slash < 0 || name === "" ? undefined : name;
}
