// CORS for gRPC-Web (the Fetch standard's CORS protocol): preflight answers and the headers of responses.
import type { OutgoingHttpHeaders } from "node:http2";
import type { ResolvedCors } from "./grpc-web-options.js";

/**
 * The answer to a preflight `OPTIONS` request: `204` with the allowances, or `403` when the origin (or a
 * requested header) is not allowed — the browser then refuses the call without sending it.
 */
export function preflightResponse(cors: ResolvedCors, origin: string | undefined, requestHeaders: string | undefined): { status: number; headers: OutgoingHttpHeaders } {
  if (origin === undefined || !cors.isOriginAllowed(origin)) return { status: 403, headers: { vary: "Origin" } };
  const asked = (requestHeaders ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  if (cors.allowedHeaders !== undefined) {
    const refused = asked.filter((h) => !cors.allowedHeaders!.has(h));
    if (refused.length > 0) return { status: 403, headers: { vary: "Origin, Access-Control-Request-Headers" } };
  }
  const headers: OutgoingHttpHeaders = {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-max-age": String(cors.maxAgeSec),
    vary: "Origin, Access-Control-Request-Headers",
  };
  if (asked.length > 0) headers["access-control-allow-headers"] = asked.join(", ");
  if (cors.allowCredentials) headers["access-control-allow-credentials"] = "true";
  return { status: 204, headers };
}

/**
 * Adds the CORS headers of an actual (non-preflight) response to `headers`: the echoed origin, and every
 * header of this response exposed, so a page can read custom response metadata too. No-op for requests
 * without an allowed `Origin` (same-origin and non-browser clients).
 */
export function addCorsHeaders(cors: ResolvedCors | undefined, origin: string | undefined, headers: OutgoingHttpHeaders): void {
  if (cors === undefined || origin === undefined || !cors.isOriginAllowed(origin)) return;
  const exposed = new Set(cors.exposedHeaders);
  for (const name of Object.keys(headers)) if (name.charCodeAt(0) !== 58 /* ':' */ && name !== "content-type") exposed.add(name);
  headers["access-control-allow-origin"] = origin;
  headers["access-control-expose-headers"] = [...exposed].join(", ");
  headers.vary = "Origin";
  if (cors.allowCredentials) headers["access-control-allow-credentials"] = "true";
}
