// Channel credentials (TLS, mutual TLS) and call credentials (per-call metadata such as a bearer token).
import { Metadata, type MetadataInit } from "../grpc/index.js";

/**
 * TLS settings of a channel. `tls: true` means TLS with the system's root certificates.
 *
 * @example
 * ```ts
 * createChannel("api.example.com:443", { tls: { ca: readFileSync("ca.pem"), cert, key } }); // mTLS
 * ```
 */
export interface TlsCredentials {
  /** Trusted root certificates (PEM); the system roots when absent. */
  ca?: string | Uint8Array | (string | Uint8Array)[];
  /** Client certificate chain (PEM), for mutual TLS. */
  cert?: string | Uint8Array;
  /** Client private key (PEM), for mutual TLS. */
  key?: string | Uint8Array;
  /** Name the server certificate must match; defaults to the target's host (or the channel `authority`). */
  serverName?: string;
  /**
   * Verifies the server certificate; true unless set to false. Turning it off is for tests only: anyone on
   * the path can then read the calls.
   */
  rejectUnauthorized?: boolean;
}

/** What call credentials know about the call they authorise. */
export interface CallCredentialsContext {
  /** `https://authority/package.Service` (the gRPC auth "service URL", used as a JWT audience). */
  readonly serviceUrl: string;
  /** Full method path, `/package.Service/Method`. */
  readonly method: string;
}

/**
 * Produces metadata for each call, such as an `authorization` header; may be async (fetching a token).
 * A throw fails the call with UNAVAILABLE (or the RpcError thrown, unchanged).
 */
export type CallCredentials = (context: CallCredentialsContext) => MetadataInit | Promise<MetadataInit>;

/**
 * Call credentials that send `authorization: Bearer <token>` with every call.
 *
 * @param token - the token, or a function returning it (called per call, so it can refresh).
 * @example
 * ```ts
 * const channel = createChannel("api.example.com:443", { tls: true, callCredentials: bearerToken(token) });
 * ```
 */
export function bearerToken(token: string | (() => string | Promise<string>)): CallCredentials {
  if (typeof token === "string") {
    const md = { authorization: `Bearer ${token}` };
    return () => md;
  }
  return async () => ({ authorization: `Bearer ${await token()}` });
}

/** Combines call credentials; each one's metadata is appended in order. */
export function combineCallCredentials(...all: CallCredentials[]): CallCredentials {
  return async (context) => {
    const out = new Metadata();
    for (const credentials of all) out.merge(Metadata.from(await credentials(context)));
    return out;
  };
}
