// The browser layer's only door: a gRPC-Web client on fetch (grpc/grpc doc/PROTOCOL-WEB.md). Imports nothing
// from node:, so bundlers can ship it to browsers as is.
export { createGrpcWebTransport } from "./transport.js";
export type { GrpcWebTransport, GrpcWebTransportOptions } from "./transport.js";
export { createClient, createStub } from "./client.js";
export { RpcError, Status, Metadata } from "../grpc/index.js";
export type { CallOptions, ServiceClient, MetadataInit } from "../grpc/index.js";
