// How the CLI prints what it gets: messages as proto3 JSON, metadata as `key: value` lines, and RPC errors
// as `ERROR: CODE: message` with their details as JSON.
import type { Metadata, RpcError } from "../grpc/index.js";
import type { DescMessage, Message, Registry } from "../protobuf/index.js";

/** How messages are printed. */
export interface MessageFormat {
  /** Pretty (indented, the default, as grpcurl) or one message per line. */
  readonly isCompact: boolean;
  /** Print fields at their default values too (`--emit-defaults`). */
  readonly emitDefaults: boolean;
  /** Field names as in the .proto instead of their JSON names (`--proto-names`). */
  readonly useProtoNames: boolean;
  /** Where `Any` payload types are found. */
  readonly registry: Registry | undefined;
}

/** Formats one message as proto3 JSON text, without a trailing newline. */
export async function formatMessage(desc: DescMessage, message: Message, format: MessageFormat): Promise<string> {
  const { toJsonString } = await import("../protobuf/index.js");
  return toJsonString(desc, message, {
    emitDefaultValues: format.emitDefaults,
    useProtoFieldName: format.useProtoNames,
    prettySpaces: format.isCompact ? 0 : 2,
    ...(format.registry ? { registry: format.registry } : {}),
  });
}

/** Formats metadata as `prefix key: value` lines; binary values in base64. */
export function formatMetadata(metadata: Metadata, prefix: string): string {
  let text = "";
  for (const [key, value] of metadata) {
    const shown = typeof value === "string" ? value : Buffer.from(value).toString("base64");
    text += `${prefix}${key}: ${shown}\n`;
  }
  return text;
}

/**
 * Formats an RpcError: `ERROR: NOT_FOUND: message`, then each rich detail as one JSON line (its fields when
 * its type is known to `registry` or is a `google.rpc` one, else `@type` and the payload in base64).
 */
export async function formatRpcError(error: RpcError, registry: Registry | undefined): Promise<string> {
  const { statusName, googleRpcRegistry } = await import("../grpc/index.js");
  let text = `ERROR: ${statusName(error.code)}${error.rawMessage === "" ? "" : `: ${error.rawMessage}`}\n`;
  if (error.details.length === 0) return text;
  const { toJson } = await import("../protobuf/index.js");
  text += "details:\n";
  for (const detail of error.details) {
    const typeUrl = `type.googleapis.com/${detail.typeName}`;
    const desc = registry?.getMessage(detail.typeName) ?? googleRpcRegistry().getMessage(detail.typeName);
    let json: unknown;
    if (desc !== undefined && detail.value !== undefined) {
      try {
        const value = toJson(desc, detail.value, { registry: registry ?? googleRpcRegistry() });
        json = typeof value === "object" && value !== null && !Array.isArray(value) ? { "@type": typeUrl, ...value } : { "@type": typeUrl, value };
      } catch {
        json = undefined;
      }
    }
    json ??= { "@type": typeUrl, value: Buffer.from(detail.bytes ?? new Uint8Array()).toString("base64") };
    text += `  ${JSON.stringify(json)}\n`;
  }
  return text;
}

/**
 * The exit code for a failed RPC, as grpcurl's: 64 plus the status code (so NOT_FOUND is 69,
 * DEADLINE_EXCEEDED 68, UNAVAILABLE 78). 1 is other failures, 2 bad arguments.
 */
export function exitCodeForStatus(code: number): number {
  return 64 + code;
}
