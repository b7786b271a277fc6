/**
 * The proto3 JSON mapping: `toJson`/`fromJson` between messages and JSON values, the `…String` variants
 * for JSON text, and the well-known types' JSON forms as standalone helpers.
 */
export type { JsonObject, JsonValue } from "./json-value.js";
export { toJson, toJsonString, type JsonWriteOptions } from "./to-json.js";
export { fromJson, fromJsonString, type JsonReadOptions } from "./from-json.js";
export { formatTimestamp, parseTimestamp } from "./timestamp.js";
export { formatDuration, parseDuration } from "./duration.js";
export { formatFieldMask, parseFieldMask } from "./field-mask.js";
export { encodeBase64, decodeBase64, type Base64EncodeOptions } from "../base64.js";
