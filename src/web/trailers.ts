// The trailers frame of a gRPC-Web response (grpc/grpc doc/PROTOCOL-WEB.md "Message framing"): HTTP/1-style
// `name: value` lines in a body frame with flag 0x80, read into the status fields and the trailing metadata.
//
// `-bin` values. gRPC over HTTP/2 sends binary metadata base64-encoded; PROTOCOL-WEB.md ("Text-encoded
// (response) streams", item 3) says that in application/grpc-web-text responses that extra base64 is skipped
// for binary trailers, since the whole body is base64 already. Envoy's grpc_web filter, the reference
// translator, does not skip it: it copies the HTTP/2 trailer values, base64 and all, in both formats, and so
// does Spindle's server: raw bytes could hold the CR or LF that ends a line (every google.rpc.Status with
// details does: each Any starts with the byte 0x0a). So a `-bin` value is read as base64
// in both formats, and, in text mode only, a value that is not base64 is taken as the raw bytes the spec
// describes. A value that fits neither is dropped on its own: the other trailers and the status still count.
import { Metadata, decodeBase64, encodeBase64, metadataFromHeaders } from "../grpc/index.js";

/** What a trailers frame says: the status fields as sent (`null` when absent) and the other trailers. */
export interface WebTrailers {
  readonly status: string | null;
  readonly message: string | null;
  /** `grpc-status-details-bin` as base64 (re-encoded when a text response sent it raw). */
  readonly details: string | null;
  readonly metadata: Metadata;
}

/**
 * Reads the payload of a trailers frame. Lenient like an HTTP/1 parser: `\n` line ends, whitespace around
 * values and lines without a colon are accepted; names are lowercased; the first of a repeated status field
 * wins. Never throws: malformed metadata is dropped entry by entry.
 *
 * @param isText whether the response was `application/grpc-web-text` (see the file comment on `-bin`).
 */
export function readTrailersFrame(payload: Uint8Array, isText: boolean): WebTrailers {
  let status: string | null = null;
  let message: string | null = null;
  let details: string | null = null;
  const metadata = new Metadata();
  // Latin-1, so that a raw binary value keeps its bytes (one char per byte); metadata text is ASCII anyway.
  let text = "";
  for (let i = 0; i < payload.length; i += 8192) text += String.fromCharCode(...payload.subarray(i, i + 8192));
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = trimLine(line.slice(colon + 1));
    if (name === "grpc-status") status ??= value;
    else if (name === "grpc-message") message ??= utf8(value);
    else if (name === "grpc-status-details-bin") details ??= binaryValue(value, isText) === undefined ? null : base64Value(value, isText);
    else if (name.endsWith("-bin")) {
      const bytes = binaryValue(value, isText);
      if (bytes !== undefined) for (const part of bytes) appendSafely(metadata, name, part);
    } else {
      appendAll(metadata, name, value);
    }
  }
  return { status, message, details, metadata };
}

/**
 * The metadata of response headers (or of a trailers-only response), entry by entry: a header that is not
 * valid metadata (a `-bin` value that is not base64) is dropped alone. `-bin` headers are always base64.
 */
export function readHeaderMetadata(headers: Headers): Metadata {
  const metadata = new Metadata();
  headers.forEach((value, name) => {
    if (!name.endsWith("-bin")) appendAll(metadata, name, value);
    else if (name !== "grpc-status-details-bin") for (const part of binaryValue(value, false) ?? []) appendSafely(metadata, name, part);
  });
  return metadata;
}

/** A value without the line's CR and surrounding blanks (a raw binary value keeps its inner bytes). */
function trimLine(value: string): string {
  return value.replace(/^[ \t]+/, "").replace(/[ \t\r]+$/, "");
}

/**
 * The bytes of a `-bin` value: its comma-separated base64 parts (a proxy may have joined repeated values), or,
 * in text mode, the raw bytes themselves; `undefined` when it is neither.
 */
function binaryValue(value: string, isText: boolean): Uint8Array[] | undefined {
  const parts: Uint8Array[] = [];
  for (const part of value.split(",")) {
    const bytes = decodeBase64(part.trim());
    if (bytes === undefined) return isText ? [latin1Bytes(value)] : undefined;
    parts.push(bytes);
  }
  return parts;
}

/** `value` as base64: itself when it is base64, else (text mode) its raw bytes encoded. */
function base64Value(value: string, isText: boolean): string {
  return isText && decodeBase64(value.trim()) === undefined ? encodeBase64(latin1Bytes(value)) : value.trim();
}

/** A text value read as Latin-1 back into UTF-8 (grpc-message is percent-encoded, but lenient peers send UTF-8). */
function utf8(value: string): string {
  return /[^\x00-\x7f]/.test(value) ? new TextDecoder().decode(latin1Bytes(value)) : value;
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function appendSafely(metadata: Metadata, name: string, value: Uint8Array): void {
  try {
    metadata.append(name, value as never);
  } catch {
    // A key metadata does not allow: drop this entry only.
  }
}

/** Adds a text trailer the way received headers are read (reserved names and non-printable values left out). */
function appendAll(metadata: Metadata, name: string, value: string): void {
  let one: Metadata;
  try {
    one = metadataFromHeaders({ [name]: value });
  } catch {
    return;
  }
  for (const [key, v] of one) metadata.append(key, v as never);
}
