/**
 * Everything generated code uses from the runtime, without the well-known types (which are generated code
 * themselves and import this file; index.ts adds them).
 */
export { CodecWriter } from "./codec-writer.js";
export { CodecReader, appendUnknownVarint, type DecodeOptions } from "./codec-reader.js";
export {
  defineMessage,
  type DecodeFn,
  type DefineMessageOptions,
  type EncodeFn,
  type EncodeOptions,
  type FromJsonOptions,
  type MessageType,
  type ToJsonOptions,
  type ToJsonStringOptions,
} from "./message-type.js";
export { defineFile, type GenFile } from "./gen-file.js";
export {
  clearExtension,
  defineExtension,
  getExtension,
  getOption,
  hasExtension,
  setExtension,
  type DefineExtensionOptions,
  type Extension,
  type ExtensionMessageCodec,
} from "./extension-type.js";
export { defineService, type MessageCodec, type MethodSpec } from "./service-type.js";
export { RUNTIME_VERSION, checkRuntimeVersion } from "./version.js";
export {
  ProtobufError,
  UnknownFields,
  type DescEnum,
  type DescExtension,
  type DescFile,
  type DescMessage,
  type DescMethod,
  type DescService,
  type JsonValue,
  type Registry,
} from "../../protobuf/index.js";
export type {
  MessageInit,
  MethodDefinition,
  MethodKind,
  ServiceClient,
  ServiceDefinition,
  ServiceImplementation,
} from "../../grpc/index.js";
