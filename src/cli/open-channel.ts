// Turns the shared flags into a channel and the per-call options every command's calls carry.
import { readFileSync } from "node:fs";
import type { Channel, CallOptions } from "../client/index.js";
import { parseDurationFlag, parseHeaderFlags, UsageError, type ConnectionValues } from "./connection-flags.js";

/** A channel to the command's server plus what each call should carry. */
export interface OpenChannel {
  readonly channel: Channel;
  /** Metadata from `-H`, for every call (reflection's too, since servers may guard it). */
  readonly metadata: [string, string | Uint8Array][];
  /** `--timeout` in ms, when given. */
  readonly timeoutMs: number | undefined;
  /** Call options with the metadata and, when `withTimeout`, the deadline. */
  callOptions(withTimeout: boolean): CallOptions;
}

/**
 * Opens a channel to `address` (`host:port`, `unix:path`, …) as the flags say: TLS unless `--plaintext`.
 *
 * @throws UsageError for contradictory flags, bad durations or headers, unreadable certificate files.
 */
export async function openChannel(address: string, values: ConnectionValues): Promise<OpenChannel> {
  if (values.plaintext && (values.insecure || values["tls-ca"] || values["tls-cert"])) {
    throw new UsageError("--plaintext cannot be combined with --insecure, --tls-ca or --tls-cert");
  }
  if ((values["tls-cert"] === undefined) !== (values["tls-key"] === undefined)) {
    throw new UsageError("--tls-cert and --tls-key go together");
  }
  const metadata = parseHeaderFlags(values.header ?? []);
  const timeoutMs = values.timeout === undefined ? undefined : parseDurationFlag("timeout", values.timeout);
  const readPem = (flag: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new UsageError(`--${flag}: cannot read ${file}: ${(e as Error).message}`);
    }
  };
  const tls = values.plaintext
    ? false
    : {
        ...(values["tls-ca"] ? { ca: readPem("tls-ca", values["tls-ca"]) } : {}),
        ...(values["tls-cert"] ? { cert: readPem("tls-cert", values["tls-cert"]) } : {}),
        ...(values["tls-key"] ? { key: readPem("tls-key", values["tls-key"]) } : {}),
        ...(values.insecure ? { rejectUnauthorized: false } : {}),
      };
  const { createChannel } = await import("../client/index.js");
  let channel: Channel;
  try {
    channel = createChannel(address, {
      tls,
      ...(values.authority ? { authority: values.authority } : {}),
      userAgent: "spindle-cli",
    });
  } catch (e) {
    throw new UsageError(`bad address ${JSON.stringify(address)}: ${(e as Error).message}`);
  }
  return {
    channel,
    metadata,
    timeoutMs,
    callOptions(withTimeout) {
      const options: CallOptions = { metadata: toMetadataInit(metadata) };
      if (withTimeout && timeoutMs !== undefined) options.timeout = timeoutMs;
      return options;
    },
  };
}

function toMetadataInit(entries: readonly [string, string | Uint8Array][]): Record<string, (string | Uint8Array)[]> {
  const init: Record<string, (string | Uint8Array)[]> = {};
  for (const [k, v] of entries) (init[k] ??= []).push(v);
  return init;
}
