// The flags `spindle call`, `list`, `describe` and `health` share: how to reach the server (TLS or plaintext,
// authority, metadata, timeout) and where the schema comes from (reflection, .proto files, a descriptor set).
// Kept free of heavy imports: the client and the compiler load only once a command knows it needs them.
import type { ParseArgsConfig } from "node:util";

/** A bad command line: the command prints the message and its usage, and exits with 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** `parseArgs` option definitions of the shared flags. */
export const connectionOptions = {
  plaintext: { type: "boolean" },
  insecure: { type: "boolean" },
  "tls-ca": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  authority: { type: "string" },
  header: { type: "string", short: "H", multiple: true },
  timeout: { type: "string" },
  proto: { type: "string", multiple: true },
  "import-path": { type: "string", short: "I", multiple: true },
  "descriptor-set": { type: "string", multiple: true },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Help text of the connection flags. */
export const transportHelp = `connection:
  --plaintext              use HTTP/2 without TLS (TLS is the default, as with grpcurl)
  --insecure               TLS without verifying the server certificate (tests only)
  --tls-ca FILE            trust the CA certificates in FILE (PEM)
  --tls-cert FILE          client certificate (PEM) for mutual TLS, with --tls-key FILE
  --authority NAME         :authority of the calls and TLS server name
  -H, --header 'K: V'      request metadata (repeatable); values of keys ending in -bin are base64
  --timeout DURATION       deadline of the call: 500ms, 2s, 1m, or seconds as a number
  -h, --help               this help`;

/** Help text of the shared flags: connection, schema and -v. */
export const connectionHelp = `${transportHelp}
schema (default: server reflection, v1 then v1alpha):
  --proto FILE             a .proto file (repeatable), compiled by Spindle (no protoc needed)
  -I, --import-path DIR    where --proto files and their imports are found (repeatable)
  --descriptor-set FILE    a FileDescriptorSet (protoc -o / buf build -o), repeatable
  -v, --verbose            call: print the request metadata, response headers and trailers;
                           list: print each method's types`;

/** The parsed values of the shared flags. */
export interface ConnectionValues {
  plaintext?: boolean;
  insecure?: boolean;
  "tls-ca"?: string;
  "tls-cert"?: string;
  "tls-key"?: string;
  authority?: string;
  header?: string[];
  timeout?: string;
  proto?: string[];
  "import-path"?: string[];
  "descriptor-set"?: string[];
  verbose?: boolean;
}

/**
 * Parses a duration flag: `250ms`, `2s`, `1.5m`, `1h`, or a bare number of seconds (grpcurl's
 * `-max-time 2.5`). Returns milliseconds.
 *
 * @throws UsageError for anything else, or a negative or non-finite value.
 */
export function parseDurationFlag(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--${flag}: ${JSON.stringify(text)} is not a duration (try 500ms, 2s, 1m)`);
  const value = Number(m[1]);
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"] ?? 1000;
  const ms = value * scale;
  if (!Number.isFinite(ms) || ms > 2 ** 31 - 1) throw new UsageError(`--${flag}: ${JSON.stringify(text)} is too long`);
  return ms;
}

/**
 * Parses `-H` values (`key: value`) into metadata entries. Keys are lower-cased; values of `-bin` keys
 * are base64 (standard or URL-safe, padded or not), as grpcurl reads them.
 *
 * @throws UsageError for a header without a colon, an invalid key, a reserved key or bad base64.
 */
export function parseHeaderFlags(headers: readonly string[]): [string, string | Uint8Array][] {
  const out: [string, string | Uint8Array][] = [];
  for (const h of headers) {
    const colon = h.indexOf(":");
    if (colon <= 0) throw new UsageError(`-H ${JSON.stringify(h)}: expected "key: value"`);
    const key = h.slice(0, colon).trim().toLowerCase();
    const value = h.slice(colon + 1).trim();
    if (!/^[0-9a-z_.-]+$/.test(key)) throw new UsageError(`-H ${JSON.stringify(h)}: ${JSON.stringify(key)} is not a valid metadata key`);
    if (key.startsWith("grpc-") || key === "te" || key === "content-type") {
      throw new UsageError(`-H ${JSON.stringify(h)}: ${key} is reserved by gRPC`);
    }
    if (key.endsWith("-bin")) {
      if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) throw new UsageError(`-H ${JSON.stringify(h)}: the value of a -bin key must be base64`);
      out.push([key, new Uint8Array(Buffer.from(value, value.includes("-") || value.includes("_") ? "base64url" : "base64"))]);
    } else {
      if (!/^[\x20-\x7e]*$/.test(value)) throw new UsageError(`-H ${JSON.stringify(h)}: values must be printable ASCII (use a -bin key for bytes)`);
      out.push([key, value]);
    }
  }
  return out;
}
