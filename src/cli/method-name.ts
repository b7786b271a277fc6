// The method argument of `spindle call`: `pkg.Service/Method`, `/pkg.Service/Method` or `pkg.Service.Method`.
import { UsageError } from "./connection-flags.js";

/**
 * Splits a method argument into the service's full name and the method name.
 *
 * @throws UsageError when it names no method (no dot or slash, an empty part).
 */
export function parseMethodName(text: string): { service: string; method: string } {
  const trimmed = text.startsWith("/") ? text.slice(1) : text;
  const slash = trimmed.lastIndexOf("/");
  const cut = slash >= 0 ? slash : trimmed.lastIndexOf(".");
  const service = cut > 0 ? trimmed.slice(0, cut) : "";
  const method = trimmed.slice(cut + 1);
  if (cut <= 0 || method === "" || service.includes("/") || !/^[A-Za-z_][\w.]*$/.test(service) || !/^[A-Za-z_]\w*$/.test(method)) {
    throw new UsageError(`${JSON.stringify(text)} is not a method: expected package.Service/Method`);
  }
  return { service: service.startsWith(".") ? service.slice(1) : service, method };
}
