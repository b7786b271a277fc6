// OpenTelemetry semantic conventions for gRPC (the RPC conventions as of semconv v1.37, the version most
// instrumentations emit: rpc.system/rpc.service/rpc.method, rpc.grpc.status_code, durations in ms).
import type { Attributes } from "@opentelemetry/api";
import { RpcError, Status, type AnyMethodDefinition, type Metadata } from "../grpc/index.js";

/** The span name and the attributes every span and metric point of one method carries. */
export interface MethodTelemetryNames {
  /** `package.Service/Method`: the method's path without its leading slash. */
  readonly spanName: string;
  readonly attributes: Attributes;
}

/** The span name and `rpc.*` attributes of `method`, from its path `/package.Service/Method`. */
export function methodTelemetryNames(method: AnyMethodDefinition): MethodTelemetryNames {
  const path = method.path.startsWith("/") ? method.path.slice(1) : method.path;
  const slash = path.lastIndexOf("/");
  const service = slash < 0 ? "" : path.slice(0, slash);
  const name = slash < 0 ? path : path.slice(slash + 1);
  return { spanName: path, attributes: { "rpc.system": "grpc", "rpc.service": service, "rpc.method": name } };
}

/** The status code a failure stands for: an `RpcError`'s code, `UNKNOWN` for anything else. */
export function statusOf(error: unknown): Status {
  return error instanceof RpcError ? error.code : RpcError.from(error).code;
}

// The codes that mean the server itself failed; the others are the client's doing (a bad argument, a missing
// permission) and leave the server span's status unset (semconv rpc-spans.md, "gRPC Status").
const serverErrorCodes: ReadonlySet<Status> = new Set([
  Status.UNKNOWN,
  Status.DEADLINE_EXCEEDED,
  Status.UNIMPLEMENTED,
  Status.INTERNAL,
  Status.UNAVAILABLE,
  Status.DATA_LOSS,
]);

/** Whether a call ending with `code` is an error span: any non-OK code on the client, some on the server. */
export function isErrorStatus(code: Status, side: "client" | "server"): boolean {
  if (code === Status.OK) return false;
  return side === "client" || serverErrorCodes.has(code);
}

/**
 * Splits `host:port`, `[v6]:port`, a bare host, or a gRPC target (`dns:///host:port`, `ipv4:…`) into the
 * address and port attributes; `unix:` targets give the socket path and no port.
 *
 * @param defaultPort the port to assume when none is written (443 for gRPC targets), or none.
 */
export function addressAttributes(target: string, addressKey: string, portKey: string, defaultPort?: number): Attributes {
  let rest = target;
  if (rest.startsWith("unix:")) return { [addressKey]: rest.replace(/^unix:(\/\/)?/, "") };
  const scheme = /^(dns|ipv4|ipv6|passthrough):(\/\/[^/]*\/)?/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  // First of a comma-separated address list (ipv4:a:1,b:2): the attributes name one address.
  rest = rest.split(",")[0]!;
  let host = rest;
  let port: number | undefined = defaultPort;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
  } else {
    const colon = rest.lastIndexOf(":");
    // More than one colon without brackets is a bare IPv6 address, not host:port.
    if (colon >= 0 && rest.indexOf(":") === colon && /^\d+$/.test(rest.slice(colon + 1))) {
      host = rest.slice(0, colon);
      port = Number(rest.slice(colon + 1));
    }
  }
  const out: Attributes = { [addressKey]: host };
  if (port !== undefined && port > 0 && port < 65536) out[portKey] = port;
  return out;
}

/**
 * The opt-in `rpc.grpc.{request,response}.metadata.<key>` attributes: the string values of the listed keys
 * (lowercase), for keys present. Binary (`-bin`) values are not recorded; nor is any key not asked for,
 * since metadata often carries credentials.
 */
export function metadataAttributes(direction: "request" | "response", metadata: Metadata, keys: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const key of keys) {
    const k = key.toLowerCase();
    const values = metadata.getAll(k).filter((v): v is string => typeof v === "string");
    if (values.length > 0) out[`rpc.grpc.${direction}.metadata.${k}`] = values;
  }
  return out;
}
