// Every interop case, by its official name (grpc/grpc doc/interop-test-descriptions.md), in the order
// the description lists them.
import { cancelAfterBegin, cancelAfterFirstResponse, timeoutOnSleepingServer } from "./cancellation.js";
import { clientCompressedStreaming, clientCompressedUnary, serverCompressedStreaming, serverCompressedUnary } from "./compression.js";
import type { InteropCase } from "./context.js";
import { customMetadata } from "./metadata.js";
import { specialStatusMessage, statusCodeAndMessage, unimplementedMethod, unimplementedService } from "./status.js";
import { channelSoak, rpcSoak } from "./soak.js";
import { clientStreaming, emptyStream, pingPong, serverStreaming } from "./streaming.js";
import { emptyUnary, largeUnary } from "./unary.js";

export type { InteropCase, InteropContext, SoakOptions, TestServiceClient, UnimplementedServiceClient } from "./context.js";
export { DEFAULT_SOAK } from "./context.js";

/** The cases, by official name. */
export const interopCases: Readonly<Record<string, InteropCase>> = {
  empty_unary: emptyUnary,
  large_unary: largeUnary,
  client_compressed_unary: clientCompressedUnary,
  server_compressed_unary: serverCompressedUnary,
  client_streaming: clientStreaming,
  client_compressed_streaming: clientCompressedStreaming,
  server_streaming: serverStreaming,
  server_compressed_streaming: serverCompressedStreaming,
  ping_pong: pingPong,
  empty_stream: emptyStream,
  custom_metadata: customMetadata,
  status_code_and_message: statusCodeAndMessage,
  special_status_message: specialStatusMessage,
  unimplemented_method: unimplementedMethod,
  unimplemented_service: unimplementedService,
  cancel_after_begin: cancelAfterBegin,
  cancel_after_first_response: cancelAfterFirstResponse,
  timeout_on_sleeping_server: timeoutOnSleepingServer,
  rpc_soak: rpcSoak,
  channel_soak: channelSoak,
};
