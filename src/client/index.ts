// The client layer's only door: channels, typed stubs, credentials and the call options.
export { createChannel } from "./channel.js";
export type { Channel, ChannelOptions } from "./channel.js";
export { ConnectivityState } from "./connectivity-state.js";
export { createClient, createStub } from "./client.js";
export type { ClientOptions } from "./client.js";
export type { CallOptions } from "./call-options.js";
export { createWritableIterable } from "./writable-iterable.js";
export type { WritableIterable } from "./writable-iterable.js";
export { bearerToken, combineCallCredentials } from "./credentials.js";
export type { CallCredentials, CallCredentialsContext, TlsCredentials } from "./credentials.js";
export { parseServiceConfig } from "./service-config.js";
export type { ServiceConfig, MethodConfig, RetryPolicyConfig, ResolvedServiceConfig, ResolvedMethodConfig, RetryPolicy } from "./service-config.js";
export { createBackoff } from "./backoff.js";
export type { Backoff, BackoffOptions } from "./backoff.js";
export { parseTarget, resolveTarget, systemResolver, DEFAULT_PORT } from "./target.js";
export type { Address, Target, Resolver } from "./target.js";
export type { ClientInterceptor, ClientNext, ClientRequest, ClientResponse } from "../grpc/index.js";
