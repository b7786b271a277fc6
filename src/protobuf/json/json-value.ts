/**
 * A JSON value as `JSON.parse` returns it and `JSON.stringify` accepts it: what {@link toJson} produces
 * and {@link fromJson} reads.
 */
export type JsonValue = number | string | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
