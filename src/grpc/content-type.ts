/**
 * The `content-type` of gRPC requests and responses (PROTOCOL-HTTP2.md: `application/grpc` [`+proto` /
 * `+json` / custom]) and of gRPC-Web (PROTOCOL-WEB.md: `application/grpc-web[+codec]` and the base64 text form
 * `application/grpc-web-text[+codec]`), which a server answering both on one port must tell apart.
 */

/** Which wire protocol a content-type announces. */
export type GrpcProtocol = "grpc" | "grpc-web" | "grpc-web-text";

/** A parsed gRPC content-type. */
export interface GrpcContentType {
  protocol: GrpcProtocol;
  /** The message codec after `+`, lowercase; `"proto"` when absent. */
  codec: string;
}

const pattern = /^application\/(grpc(?:-web(?:-text)?)?)(?:\+([a-z0-9._-]+))?$/;

/**
 * Parses a content-type, ignoring case, surrounding whitespace and parameters (`; charset=utf-8`). Returns
 * `undefined` for anything that is not a gRPC or gRPC-Web content-type (a server then answers HTTP 415).
 *
 * @example
 * ```ts
 * parseContentType("application/grpc"); // { protocol: "grpc", codec: "proto" }
 * parseContentType("application/grpc-web-text+proto"); // { protocol: "grpc-web-text", codec: "proto" }
 * parseContentType("application/json"); // undefined
 * ```
 */
export function parseContentType(value: string | undefined): GrpcContentType | undefined {
  if (value === undefined) return undefined;
  // The common case first, without allocating.
  if (value === "application/grpc" || value === "application/grpc+proto") return { protocol: "grpc", codec: "proto" };
  const semicolon = value.indexOf(";");
  const essence = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  const m = pattern.exec(essence);
  if (m === null) return undefined;
  return { protocol: m[1] as GrpcProtocol, codec: m[2] ?? "proto" };
}

/**
 * The content-type to send for a protocol and codec: `application/grpc` for protobuf over gRPC (what every
 * implementation sends), `application/grpc-web+proto` and `application/grpc-web-text+proto` for gRPC-Web (as
 * grpc-web's own client and Envoy send them).
 */
export function contentTypeFor(protocol: GrpcProtocol, codec = "proto"): string {
  if (protocol === "grpc") return codec === "proto" ? "application/grpc" : `application/grpc+${codec}`;
  return `application/${protocol}+${codec}`;
}
