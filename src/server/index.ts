// The server layer's main door: Spindle's gRPC server on node:http2. The standard services have doors of their
// own, `spindle/server/health` (health.ts) and `spindle/server/reflection` (reflection.ts), so that a server
// that serves neither does not load them, their embedded descriptors, or the protobuf code that links those
// (test/server-imports.test.ts pins what this door loads).
export { createServer, parseListenAddress } from "./server.js";
export type { Server, ShutdownOptions } from "./server.js";
export type { ServerOptions, ServerTlsOptions, ServerKeepaliveOptions } from "./options.js";
export type { GrpcWebOptions, GrpcWebCorsOptions } from "./grpc-web-options.js";
export type { ServerContext } from "./handler-context.js";
