// The standard health service, grpc.health.v1.Health (grpc/grpc doc/health-checking.md): Check answers a
// service's serving status, Watch streams it and every change after. This file is a door of its own,
// `spindle/server/health`, so that servers without the health service never load it.
import { RpcError, Status, type ServiceImplementation } from "../grpc/index.js";
import { Health, ServingStatus, type HealthCheckResponse } from "./health-proto.js";
import type { ServerContext } from "./handler-context.js";
import type { Server } from "./server.js";

export { Health, ServingStatus };
export type { HealthCheckRequest, HealthCheckResponse, HealthMethods } from "./health-proto.js";

/** A serving status a service can be set to (`SERVICE_UNKNOWN` is Watch's answer, never a stored status). */
export type HealthStatus = "SERVING" | "NOT_SERVING" | "UNKNOWN";

/** Options of {@link createHealthService}. */
export interface HealthServiceOptions {
  /**
   * Initial statuses by service name. The whole server, `""`, is `SERVING` unless given here, as grpc-go
   * and grpc-java start it.
   */
  readonly statuses?: Readonly<Record<string, HealthStatus>>;
}

/** The health service: its definition and handlers for `server.addService`, and the status controls. */
export interface HealthService {
  /** `grpc.health.v1.Health`, the generated definition. */
  readonly definition: typeof Health;
  /** Check and Watch, reading the statuses set here. */
  readonly implementation: ServiceImplementation<typeof Health, ServerContext>;
  /**
   * Sets the status of `service` (`""` is the whole server) and tells every Watch of it. Ignored after
   * {@link HealthService.shutdown} until {@link HealthService.resume}, so a late `setStatus` cannot
   * advertise a server that is going away.
   *
   * @throws Error for a status other than SERVING, NOT_SERVING or UNKNOWN.
   */
  setStatus(service: string, status: HealthStatus): void;
  /** Forgets `service`: Check answers NOT_FOUND for it and its watchers see SERVICE_UNKNOWN. */
  clearStatus(service: string): void;
  /** The stored status of `service`, or `undefined` when it has none. */
  getStatus(service: string): HealthStatus | undefined;
  /**
   * Marks every service NOT_SERVING, tells the watchers, then ends every Watch call with OK (clients
   * retry with backoff, doc/health-checking.md; a Watch started later ends after its first message), and
   * ignores `setStatus` until {@link HealthService.resume}.
   * Call it before a graceful server shutdown so that long-lived Watch calls do not hold the shutdown up;
   * {@link HealthService.addTo} does so by itself.
   */
  shutdown(): void;
  /** Undoes {@link HealthService.shutdown}: statuses may be set again (they stay NOT_SERVING until set). */
  resume(): void;
  /**
   * Registers the service on `server` and makes `server.shutdown()` and `server.forceShutdown()` call
   * {@link HealthService.shutdown} first. Returns the server.
   */
  addTo<S extends Pick<Server, "addService" | "shutdown" | "forceShutdown">>(server: S): S;
}

type Listener = (status: ServingStatus) => void;

/**
 * Creates the standard health service.
 *
 * @example
 * ```ts
 * import { createHealthService } from "spindle/server/health";
 *
 * const health = createHealthService();
 * health.addTo(server);                      // or server.addService(health.definition, health.implementation)
 * health.setStatus("shop.v1.Catalog", "SERVING");
 * // on a lost database: health.setStatus("shop.v1.Catalog", "NOT_SERVING");
 * ```
 *
 * @throws Error for an unknown status in `options.statuses`.
 */
export function createHealthService(options: HealthServiceOptions = {}): HealthService {
  const statuses = new Map<string, ServingStatus>([["", ServingStatus.SERVING]]);
  for (const [service, status] of Object.entries(options.statuses ?? {})) statuses.set(service, toServingStatus(status));
  const watchers = new Map<string, Set<Listener>>();
  // Every live Watch call, so shutdown() can end them.
  const ends = new Set<() => void>();
  let isShutDown = false;

  function notify(service: string): void {
    const status = statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN;
    for (const listener of watchers.get(service) ?? []) listener(status);
  }

  const implementation: ServiceImplementation<typeof Health, ServerContext> = {
    check(request): HealthCheckResponse {
      const status = statuses.get(request.service);
      if (status === undefined) throw new RpcError(Status.NOT_FOUND, `unknown service "${request.service}"`);
      return { status };
    },
    async *watch(request, ctx) {
      const service = request.service;
      // A queue of at most one pending status: a watcher only needs the latest one, so a slow client
      // cannot make memory grow, and repeats of the status last sent are dropped (as grpc-go does).
      let pending: ServingStatus | undefined = statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN;
      let lastSent: ServingStatus | undefined;
      let isEnded = false;
      let wake: (() => void) | undefined;
      const onChange: Listener = (status) => {
        pending = status;
        wake?.();
      };
      const end = (): void => {
        isEnded = true;
        wake?.();
      };
      let set = watchers.get(service);
      if (set === undefined) watchers.set(service, (set = new Set()));
      set.add(onChange);
      ends.add(end);
      ctx.signal.addEventListener("abort", end);
      // After shutdown(), a new Watch gets the (NOT_SERVING) status and ends, as the ones before it did.
      if (isShutDown) end();
      try {
        for (;;) {
          if (pending !== undefined && pending !== lastSent) {
            const status: ServingStatus = pending;
            pending = undefined;
            lastSent = status;
            yield { status };
            continue;
          }
          pending = undefined;
          if (isEnded) return;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        ctx.signal.removeEventListener("abort", end);
        ends.delete(end);
        set.delete(onChange);
        if (set.size === 0 && watchers.get(service) === set) watchers.delete(service);
      }
    },
  };

  const health: HealthService = {
    definition: Health,
    implementation,
    setStatus(service, status) {
      const value = toServingStatus(status);
      if (isShutDown) return;
      statuses.set(service, value);
      notify(service);
    },
    clearStatus(service) {
      if (isShutDown) return;
      statuses.delete(service);
      notify(service);
    },
    getStatus(service) {
      const status = statuses.get(service);
      return status === undefined ? undefined : (ServingStatus[status] as HealthStatus);
    },
    shutdown() {
      isShutDown = true;
      for (const service of statuses.keys()) {
        statuses.set(service, ServingStatus.NOT_SERVING);
        notify(service);
      }
      for (const end of [...ends]) end();
    },
    resume() {
      isShutDown = false;
    },
    addTo(server) {
      server.addService(Health, implementation);
      const shutdown = server.shutdown.bind(server);
      const forceShutdown = server.forceShutdown.bind(server);
      // Own properties shadow the server's methods: the health service learns of the shutdown first, so
      // its Watch calls end instead of holding the graceful shutdown up for its whole grace period.
      Object.assign(server, {
        shutdown: (...args: Parameters<Server["shutdown"]>) => {
          health.shutdown();
          return shutdown(...args);
        },
        forceShutdown: () => {
          health.shutdown();
          forceShutdown();
        },
      });
      return server;
    },
  };
  return health;
}

function toServingStatus(status: HealthStatus): ServingStatus {
  switch (status) {
    case "SERVING":
      return ServingStatus.SERVING;
    case "NOT_SERVING":
      return ServingStatus.NOT_SERVING;
    case "UNKNOWN":
      return ServingStatus.UNKNOWN;
    default:
      throw new Error(`health: unknown serving status ${JSON.stringify(status)} (use SERVING, NOT_SERVING or UNKNOWN)`);
  }
}
