// The grpc layer's only door: the protocol core shared by the server, the Node client and the browser client.
// Pure: nothing here imports node: modules (compressors on node:zlib are in src/node/compression.ts).
export { Status, statusName, isStatus, statusFromHttpStatus, statusFromHttp2ErrorCode, parseGrpcStatus } from "./status.js";
export { RpcError } from "./rpc-error.js";
export type { RpcErrorOptions } from "./rpc-error.js";
export type { ErrorDetail } from "./error-detail.js";
export {
  Metadata,
  metadataToHeaders,
  metadataFromHeaders,
  metadataFromHeaderList,
  metadataSize,
  isReservedHeader,
  isBinaryKey,
  DEFAULT_MAX_METADATA_BYTES,
} from "./metadata.js";
export type { MetadataInit, MetadataValue, MetadataValueFor, HeaderRecord, IncomingHeaders } from "./metadata.js";
export { encodeBase64, decodeBase64, createBase64StreamDecoder } from "./base64.js";
export type { Base64StreamDecoder } from "./base64.js";
export { parseContentType, contentTypeFor } from "./content-type.js";
export type { GrpcContentType, GrpcProtocol } from "./content-type.js";
export { encodeTimeout, parseTimeout } from "./timeout.js";
export { encodeGrpcMessage, decodeGrpcMessage } from "./grpc-message.js";
export {
  encodeFrame,
  encodeFrameHeader,
  createFrameDecoder,
  encodeTrailersFrame,
  parseTrailersFrame,
  FRAME_HEADER_BYTES,
  FLAG_COMPRESSED,
  FLAG_TRAILERS,
  DEFAULT_MAX_MESSAGE_BYTES,
} from "./framing.js";
export type { Frame, FrameDecoder, FrameDecoderOptions } from "./framing.js";
export {
  identity,
  parseAcceptEncoding,
  acceptEncodingHeader,
  findCompressor,
  negotiateCompressor,
  decompressPayload,
} from "./compression.js";
export type { Compressor } from "./compression.js";
export type { MessageInit } from "./message-init.js";
export { isRequestStream, isResponseStream } from "./method.js";
export type {
  MethodKind,
  MethodIdempotency,
  MethodDefinition,
  AnyMethodDefinition,
  ServiceDefinition,
  ServiceImplementation,
  ServiceClient,
  HandlerFor,
  StubFor,
  UntypedHandler,
  UntypedStub,
  DeserializeOptions,
} from "./method.js";
export type { HandlerContext } from "./handler-context.js";
export type { CallOptions } from "./call-options.js";
export { applyInterceptors } from "./interceptor.js";
export type {
  ClientInterceptor,
  ClientNext,
  ClientRequest,
  ClientResponse,
  UnaryClientRequest,
  StreamClientRequest,
  UnaryClientResponse,
  StreamClientResponse,
  ServerInterceptor,
  ServerNext,
  ServerRequest,
  ServerResponse,
  UnaryServerRequest,
  StreamServerRequest,
  UnaryServerResponse,
  StreamServerResponse,
} from "./interceptor.js";
export {
  encodeStatusDetails,
  decodeStatusDetails,
  encodeStatusDetailsBin,
  decodeStatusDetailsBin,
  googleRpcRegistry,
} from "./status-details.js";
export type { StatusDetails, StatusDetailsOptions } from "./status-details.js";
export { serviceFromDesc, methodFromDesc } from "./service-from-desc.js";
export type { DescMethodDefinition, DescServiceDefinition } from "./service-from-desc.js";
