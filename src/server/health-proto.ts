// grpc/health/v1/health.proto for the health service: its descriptor and message types. The server ships
// without generated code (generated files import spindle/runtime/v1, above this layer). The two messages have
// one field each, so their codecs are written out here: registering the service links nothing, where a
// definition made from the descriptor would link it, and descriptor.proto with it, at startup (about 9 ms of a
// cold start). The descriptor is linked only when asked for (`desc`, which reflection reads). It is protoc's
// for /usr/share/grpc-proto/grpc/health/v1/health.proto, without source info (test/reflection-proto.test.ts
// checks, and that the codecs agree with the generated code's).
import type { MessageInit, MethodDefinition, MethodKind, ServiceDefinition } from "../grpc/index.js";
import { BinaryReader, BinaryWriter, ProtobufError, WireType, type DescMethod, type DescService } from "../protobuf/index.js";
import { lazyDesc } from "./lazy-service.js";

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
export const Health: ServiceDefinition<HealthMethods> = healthDefinition();

function healthDefinition(): ServiceDefinition<HealthMethods> {
  const typeName = "grpc.health.v1.Health";
  const getDesc = lazyDesc(typeName, healthProtoBase64);
  const method = <K extends MethodKind>(name: string, localName: string, kind: K): MethodDefinition<HealthCheckRequest, HealthCheckResponse, K> => ({
    path: `/${typeName}/${name}`,
    name,
    localName,
    kind,
    get desc(): DescMethod {
      return getDesc().methods.find((m) => m.name === name)!;
    },
    serializeRequest: encodeRequest,
    deserializeRequest: decodeRequest,
    serializeResponse: encodeResponse,
    deserializeResponse: decodeResponse,
  });
  return {
    typeName,
    methods: { check: method("Check", "check", "unary"), watch: method("Watch", "watch", "server_streaming") },
    get desc(): DescService {
      return getDesc();
    },
  };
}

/** HealthCheckRequest: `string service = 1`. */
function encodeRequest(m: MessageInit<HealthCheckRequest>): Uint8Array {
  const w = new BinaryWriter(16);
  if (m.service) w.tag(1, WireType.LengthDelimited).string(m.service);
  return w.finish();
}

/** HealthCheckResponse: `ServingStatus status = 1` (an open enum: unknown numbers are kept). */
function encodeResponse(m: MessageInit<HealthCheckResponse>): Uint8Array {
  const w = new BinaryWriter(16);
  if (m.status) w.tag(1, WireType.Varint).int32(m.status);
  return w.finish();
}

/** @throws ProtobufError for malformed bytes, invalid UTF-8, or field 1 with another wire type. */
function decodeRequest(bytes: Uint8Array): HealthCheckRequest {
  const m: HealthCheckRequest = { service: "" };
  readFields(bytes, "grpc.health.v1.HealthCheckRequest", WireType.LengthDelimited, (r) => (m.service = r.string(true)));
  return m;
}

/** @throws ProtobufError for malformed bytes or field 1 with another wire type. */
function decodeResponse(bytes: Uint8Array): HealthCheckResponse {
  const m: HealthCheckResponse = { status: ServingStatus.UNKNOWN };
  readFields(bytes, "grpc.health.v1.HealthCheckResponse", WireType.Varint, (r) => (m.status = r.int32()));
  return m;
}

/** Reads a message whose only known field is number 1, of wire type `wireType`; other fields are skipped. */
function readFields(bytes: Uint8Array, typeName: string, wireType: WireType, readField1: (r: BinaryReader) => void): void {
  const r = new BinaryReader(bytes);
  while (r.pos < r.end) {
    const [no, wt] = r.tag();
    if (no !== 1) r.skip(wt, no);
    else if (wt === wireType) readField1(r);
    else throw new ProtobufError(`${typeName}: field 1 has wire type ${wt}, expected ${wireType}`);
  }
}
