// The server layer's only door: Spindle's gRPC server on node:http2.
export { createServer, parseListenAddress } from "./server.js";
export type { Server, ShutdownOptions } from "./server.js";
export type { ServerOptions, ServerTlsOptions, ServerKeepaliveOptions } from "./options.js";
export type { GrpcWebOptions, GrpcWebCorsOptions } from "./grpc-web-options.js";
export type { ServerContext } from "./handler-context.js";
export { createHealthService, Health, ServingStatus } from "./health.js";
export type { HealthService, HealthServiceOptions, HealthStatus, HealthCheckRequest, HealthCheckResponse, HealthMethods } from "./health.js";
export { createReflectionService, ServerReflectionV1, ServerReflectionV1alpha } from "./reflection.js";
export type { ReflectionService, ReflectionOptions, ReflectionSource, ServerReflectionMethods, ServerReflectionRequest, ServerReflectionResponse } from "./reflection.js";
