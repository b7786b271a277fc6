// Maps `:path` to a registered method: one Map lookup per call.
import type { MethodDefinition, ServerInterceptor, ServiceDefinition } from "../grpc/index.js";
import type { ServerContext } from "./handler-context.js";
import type { RouteEntry } from "./server-call.js";
import { applyServerInterceptors, type Invoke } from "./interceptors.js";

/** Registered services and methods of one server. */
export class Router {
  private readonly routes = new Map<string, RouteEntry>();
  private readonly services = new Set<string>();

  /**
   * Registers every method of `definition` with the matching function of `implementation` (by the method's
   * `localName`).
   *
   * @throws Error when the service is already registered, or `implementation` lacks a method.
   */
  add(definition: ServiceDefinition, implementation: object, interceptors: readonly ServerInterceptor<ServerContext>[]): void {
    if (this.services.has(definition.typeName)) {
      throw new Error(`addService: service ${definition.typeName} is already registered`);
    }
    const impl = implementation as Record<string, unknown>;
    const missing: string[] = [];
    for (const method of Object.values(definition.methods)) {
      if (typeof impl[method.localName] !== "function") missing.push(method.localName);
    }
    if (missing.length > 0) {
      throw new Error(`addService: the implementation of ${definition.typeName} lacks ${missing.map((m) => `${m}()`).join(", ")}`);
    }
    for (const method of Object.values(definition.methods) as MethodDefinition<unknown, unknown>[]) {
      const fn = impl[method.localName] as (input: unknown, ctx: ServerContext) => unknown;
      const handler: Invoke = (input, ctx) => fn.call(implementation, input, ctx);
      const kind = method.kind;
      this.routes.set(method.path, {
        definition: method,
        invoke: interceptors.length === 0 ? handler : applyServerInterceptors(method, handler, interceptors),
        isRequestStreaming: kind === "client_streaming" || kind === "bidi_streaming",
        isResponseStreaming: kind === "server_streaming" || kind === "bidi_streaming",
      });
    }
    this.services.add(definition.typeName);
  }

  /** The route for a `:path`, or `undefined`. */
  get(path: string): RouteEntry | undefined {
    return this.routes.get(path);
  }

  /** Why `path` has no route, as the UNIMPLEMENTED message: an unknown service or an unknown method. */
  describeMissing(path: string): string {
    const slash = path.lastIndexOf("/");
    const service = path.slice(1, slash > 0 ? slash : undefined);
    if (!path.startsWith("/") || slash <= 0) return `malformed method path "${path}"`;
    if (!this.services.has(service)) return `unknown service ${service}`;
    return `unknown method ${path.slice(slash + 1)} for service ${service}`;
  }

  /** Names of the registered services. */
  serviceNames(): string[] {
    return [...this.services];
  }
}
