// grpc/health/v1/health.proto for the health service: its descriptor and message types. The server ships
// without generated code (generated files import spindle/runtime/v1, above this layer), so the definition is
// made from the descriptor with src/grpc's serviceFromDesc, on first use. The descriptor is protoc's for
// /usr/share/grpc-proto/grpc/health/v1/health.proto, without source info (test/reflection-proto.test.ts checks).
import type { MethodDefinition, ServiceDefinition } from "../grpc/index.js";
import { lazyService } from "./lazy-service.js";

/** A serialized FileDescriptorSet holding grpc/health/v1/health.proto. */
const healthProtoBase64 =
  "Cq0EChtncnBjL2hlYWx0aC92MS9oZWFsdGgucHJvdG8SDmdycGMuaGVhbHRoLnYxIi4KEkhlYWx0aENoZWNrUmVxdWVzdBIYCgdzZXJ2aWNlGAEgASgJUgdzZXJ2aWNlIrEBChNIZWFsdGhDaGVja1Jlc3BvbnNlEkkKBnN0YXR1cxgBIAEoDjIxLmdycGMuaGVhbHRoLnYxLkhlYWx0aENoZWNrUmVzcG9uc2UuU2VydmluZ1N0YXR1c1IGc3RhdHVzIk8KDVNlcnZpbmdTdGF0dXMSCwoHVU5LTk9XThAAEgsKB1NFUlZJTkcQARIPCgtOT1RfU0VSVklORxACEhMKD1NFUlZJQ0VfVU5LTk9XThADMq4BCgZIZWFsdGgSUAoFQ2hlY2sSIi5ncnBjLmhlYWx0aC52MS5IZWFsdGhDaGVja1JlcXVlc3QaIy5ncnBjLmhlYWx0aC52MS5IZWFsdGhDaGVja1Jlc3BvbnNlElIKBVdhdGNoEiIuZ3JwYy5oZWFsdGgudjEuSGVhbHRoQ2hlY2tSZXF1ZXN0GiMuZ3JwYy5oZWFsdGgudjEuSGVhbHRoQ2hlY2tSZXNwb25zZTABQmEKEWlvLmdycGMuaGVhbHRoLnYxQgtIZWFsdGhQcm90b1ABWixnb29nbGUuZ29sYW5nLm9yZy9ncnBjL2hlYWx0aC9ncnBjX2hlYWx0aF92MaoCDkdycGMuSGVhbHRoLlYxYgZwcm90bzM=";

/** grpc.health.v1.HealthCheckResponse.ServingStatus. */
export enum ServingStatus {
  UNKNOWN = 0,
  SERVING = 1,
  NOT_SERVING = 2,
  /** Used only by the Watch method: the service is not known (yet). */
  SERVICE_UNKNOWN = 3,
}

/** grpc.health.v1.HealthCheckRequest: the service to check; `""` is the whole server. */
export interface HealthCheckRequest {
  service: string;
}

/** grpc.health.v1.HealthCheckResponse. */
export interface HealthCheckResponse {
  status: ServingStatus;
}

/** The methods of grpc.health.v1.Health, typed. */
export type HealthMethods = {
  /** The status of one service; NOT_FOUND for a service the server does not know. */
  check: MethodDefinition<HealthCheckRequest, HealthCheckResponse, "unary">;
  /** The status now, then each change; SERVICE_UNKNOWN (not an error) for an unknown service. */
  watch: MethodDefinition<HealthCheckRequest, HealthCheckResponse, "server_streaming">;
};

/**
 * The definition of grpc.health.v1.Health, for `server.addService` and `createClient` alike.
 *
 * @example
 * ```ts
 * const health = createClient(Health, channel);
 * const { status } = await health.check({ service: "shop.v1.Catalog" });
 * ```
 */
export const Health: ServiceDefinition<HealthMethods> = lazyService("grpc.health.v1.Health", healthProtoBase64);
