// grpc.testing definitions (Debian's grpc-proto grpc/testing/test.proto) for the interop server and client.
// Loaded at run time from interop/testing.binpb, a FileDescriptorSet written by scripts/interop-descriptors.sh
// with Debian's protoc (until src/compiler's loadProto can read the .proto files directly).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { create, createRegistry, fromBinary, toBinary, type DescMessage, type DescService, type Registry } from "../src/protobuf/index.js";
import type { AnyMethodDefinition, ServiceDefinition } from "../src/grpc/index.js";

/** Where the descriptor set lives: beside this file in the source tree, two levels up from dist/interop/. */
function readDescriptorSet(): Uint8Array {
  const candidates = [new URL("./testing.binpb", import.meta.url), new URL("../../interop/testing.binpb", import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return readFileSync(path);
  }
  throw new Error(`interop/testing.binpb not found (looked in ${candidates.map((u) => fileURLToPath(u)).join(", ")}); run scripts/interop-descriptors.sh`);
}

/** The registry holding grpc/testing/{test,messages,empty}.proto. */
export const testingRegistry: Registry = createRegistry(readDescriptorSet());

function message(name: string): DescMessage {
  const desc = testingRegistry.getMessage(`grpc.testing.${name}`);
  if (desc === undefined) throw new Error(`grpc.testing.${name} is missing from interop/testing.binpb`);
  return desc;
}

function service(name: string): DescService {
  const desc = testingRegistry.getService(`grpc.testing.${name}`);
  if (desc === undefined) throw new Error(`grpc.testing.${name} is missing from interop/testing.binpb`);
  return desc;
}

/**
 * A ServiceDefinition over the reflection codec: serializers take partial messages (`create` fills the
 * rest), deserializers return complete ones.
 */
export function definitionFromDesc(desc: DescService): ServiceDefinition {
  const methods: Record<string, AnyMethodDefinition> = {};
  for (const m of desc.methods) {
    methods[m.localName] = {
      path: m.path,
      name: m.name,
      localName: m.localName,
      kind: m.methodKind,
      idempotency: m.idempotency,
      desc: m,
      serializeRequest: (msg) => toBinary(m.input, create(m.input, msg as object)),
      deserializeRequest: (bytes) => fromBinary(m.input, bytes),
      serializeResponse: (msg) => toBinary(m.output, create(m.output, msg as object)),
      deserializeResponse: (bytes) => fromBinary(m.output, bytes),
    };
  }
  return { typeName: desc.typeName, methods, desc };
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
