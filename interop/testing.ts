// grpc.testing definitions (Debian's grpc-proto grpc/testing/test.proto) for the interop server and client.
// Loaded at run time with src/compiler's loadProto from /usr/share/grpc-proto; where that directory is
// missing, from interop/testing.binpb, the FileDescriptorSet Debian's protoc wrote for the same files
// (scripts/interop-descriptors.sh; test/server-interop.test.ts checks that both agree).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadProto } from "../src/compiler/index.js";
import { serviceFromDesc, type ServiceDefinition } from "../src/grpc/index.js";
import { createRegistry, type DescMessage, type DescService, type Registry } from "../src/protobuf/index.js";

/** Where Debian's grpc-proto package puts gRPC's own .proto files. */
export const GRPC_PROTO_DIR = "/usr/share/grpc-proto";

/** The registry protoc's descriptor set makes: beside this file in the source tree, or two levels up from dist/. */
export function registryFromDescriptorSet(): Registry {
  const candidates = [new URL("./testing.binpb", import.meta.url), new URL("../../interop/testing.binpb", import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return createRegistry(readFileSync(path));
  }
  throw new Error(`interop/testing.binpb not found (looked in ${candidates.map((u) => fileURLToPath(u)).join(", ")}); run scripts/interop-descriptors.sh`);
}

/** The registry holding grpc/testing/{test,messages,empty}.proto. */
export const testingRegistry: Registry = existsSync(`${GRPC_PROTO_DIR}/grpc/testing/test.proto`)
  ? loadProto(["grpc/testing/test.proto"], { includeDirs: [GRPC_PROTO_DIR] })
  : registryFromDescriptorSet();

function message(name: string): DescMessage {
  const desc = testingRegistry.getMessage(`grpc.testing.${name}`);
  if (desc === undefined) throw new Error(`grpc.testing.${name} is missing from grpc/testing/test.proto`);
  return desc;
}

function service(name: string): DescService {
  const desc = testingRegistry.getService(`grpc.testing.${name}`);
  if (desc === undefined) throw new Error(`grpc.testing.${name} is missing from grpc/testing/test.proto`);
  return desc;
}

/** A ServiceDefinition on the reflection codec (src/grpc's `serviceFromDesc`). */
export function definitionFromDesc(desc: DescService): ServiceDefinition {
  return serviceFromDesc(desc);
}

/** `grpc.testing.TestService`. */
export const TestService: ServiceDefinition = definitionFromDesc(service("TestService"));
/** `grpc.testing.UnimplementedService` (no server implements it). */
export const UnimplementedService: ServiceDefinition = definitionFromDesc(service("UnimplementedService"));

/** Message descriptors the interop cases use. */
export const messages = {
  Empty: message("Empty"),
  Payload: message("Payload"),
  SimpleRequest: message("SimpleRequest"),
  SimpleResponse: message("SimpleResponse"),
  StreamingInputCallRequest: message("StreamingInputCallRequest"),
  StreamingInputCallResponse: message("StreamingInputCallResponse"),
  StreamingOutputCallRequest: message("StreamingOutputCallRequest"),
  StreamingOutputCallResponse: message("StreamingOutputCallResponse"),
  ResponseParameters: message("ResponseParameters"),
  EchoStatus: message("EchoStatus"),
  BoolValue: message("BoolValue"),
} as const;

/** The shapes of the messages above, as the codec produces them (fields by localName). */
/** `grpc.testing.Payload`: `type` is always 0 (COMPRESSABLE) here. */
export interface Payload {
  type: number;
  body: Uint8Array;
}
/** `grpc.testing.EchoStatus`: the status a client asks the server to answer with. */
export interface EchoStatus {
  code: number;
  message: string;
}
/** `grpc.testing.BoolValue` (the interop protos' own wrapper). */
export interface BoolValue {
  value: boolean;
}
/** `grpc.testing.SimpleRequest`, as decoded. */
export interface SimpleRequest {
  responseType: number;
  responseSize: number;
  payload?: Payload;
  fillUsername: boolean;
  fillOauthScope: boolean;
  responseCompressed?: BoolValue;
  responseStatus?: EchoStatus;
  expectCompressed?: BoolValue;
  fillServerId: boolean;
  fillGrpclbRouteType: boolean;
}
/** `grpc.testing.ResponseParameters`: one streamed response's size, delay and compression. */
export interface ResponseParameters {
  size: number;
  intervalUs: number;
  compressed?: BoolValue;
}
/** `grpc.testing.StreamingOutputCallRequest`, as decoded. */
export interface StreamingOutputCallRequest {
  responseType: number;
  responseParameters: ResponseParameters[];
  payload?: Payload;
  responseStatus?: EchoStatus;
}
/** `grpc.testing.StreamingInputCallRequest`, as decoded. */
export interface StreamingInputCallRequest {
  payload?: Payload;
  expectCompressed?: BoolValue;
}
