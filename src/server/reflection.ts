// gRPC server reflection (grpc/grpc doc/server-reflection.md), v1 and v1alpha: clients such as `buf curl`,
// grpcurl and `spindle call` ask for the services and their descriptors over ServerReflectionInfo.
// This file is a door of its own, `spindle/server/reflection`, so that servers without reflection never load it.
import { Status, type ServiceDefinition, type ServiceImplementation } from "../grpc/index.js";
import {
  ServerReflectionV1,
  ServerReflectionV1alpha,
  type ServerReflectionMethods,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
} from "./reflection-proto.js";
import type { ServerContext } from "./handler-context.js";
import { createReflectionIndex, type ReflectionIndex, type ReflectionSource } from "./reflection-index.js";
import type { Server } from "./server.js";

export type { ReflectionSource };
export { ServerReflectionV1, ServerReflectionV1alpha };
export type { ServerReflectionMethods, ServerReflectionRequest, ServerReflectionResponse, ExtensionRequest, FileDescriptorResponse, ExtensionNumberResponse, ListServiceResponse, ErrorResponse } from "./reflection-proto.js";

/** Options of {@link createReflectionService}. */
export interface ReflectionOptions {
  /**
   * Whether `grpc.reflection.v1.ServerReflection` and `grpc.reflection.v1alpha.ServerReflection` are listed
   * and described themselves, as grpc's servers do. Default `true`.
   */
  readonly isSelfListed?: boolean;
}

/** The reflection service in both versions, ready for `server.addService`. */
export interface ReflectionService {
  /** `grpc.reflection.v1.ServerReflection`. */
  readonly v1: {
    readonly definition: typeof ServerReflectionV1;
    readonly implementation: ServiceImplementation<typeof ServerReflectionV1, ServerContext>;
  };
  /** `grpc.reflection.v1alpha.ServerReflection`, still what many clients try first. */
  readonly v1alpha: {
    readonly definition: typeof ServerReflectionV1alpha;
    readonly implementation: ServiceImplementation<typeof ServerReflectionV1alpha, ServerContext>;
  };
  /** The full names `list_services` answers. */
  readonly serviceNames: readonly string[];
  /** Registers both versions on `server`; returns the server. */
  addTo<S extends Pick<Server, "addService">>(server: S): S;
}

/**
 * Creates the server reflection service for the schema of `sources`: the services to list (generated
 * definitions, `loadProto()` ones, `serviceFromDesc` ones, through their descriptors), or registries and
 * files, whose services are all listed. Every file they import is served too.
 *
 * @example
 * ```ts
 * import { createHealthService } from "spindle/server/health";
 * import { createReflectionService } from "spindle/server/reflection";
 *
 * const health = createHealthService();
 * server.addService(Catalog, catalog);
 * health.addTo(server);
 * createReflectionService([Catalog, health.definition]).addTo(server);
 * // buf curl --protocol grpc --http2-prior-knowledge --list-services http://127.0.0.1:50051
 * ```
 */
export function createReflectionService(
  sources: ReflectionSource | Iterable<ReflectionSource>,
  options: ReflectionOptions = {},
): ReflectionService {
  const list: ReflectionSource[] = isIterable(sources) ? [...sources] : [sources];
  if (options.isSelfListed !== false) list.push(ServerReflectionV1, ServerReflectionV1alpha);
  // Built on the first question (or `serviceNames`), not at startup: it links the embedded descriptors of the
  // standard services, which costs tens of milliseconds of a cold start.
  let index: ReflectionIndex | undefined;
  const getIndex = (): ReflectionIndex => (index ??= createReflectionIndex(list));
  // v1alpha has the same messages as v1 (field for field), so one implementation serves both.
  const implementation: ServiceImplementation<ServiceDefinition<ServerReflectionMethods>, ServerContext> = {
    async *serverReflectionInfo(requests) {
      for await (const request of requests) yield answerReflectionRequest(getIndex(), request);
    },
  };
  return {
    v1: { definition: ServerReflectionV1, implementation },
    v1alpha: { definition: ServerReflectionV1alpha, implementation },
    get serviceNames() {
      return getIndex().serviceNames;
    },
    addTo(server) {
      server.addService(ServerReflectionV1, implementation);
      server.addService(ServerReflectionV1alpha, implementation);
      return server;
    },
  };
}

/**
 * Answers one ServerReflectionRequest. Failures are answers too (`error_response`, the stream goes on):
 * NOT_FOUND for an unknown file, symbol, extension or type; INVALID_ARGUMENT for a request with no
 * `message_request` set.
 */
function answerReflectionRequest(
  index: ReflectionIndex,
  request: ServerReflectionRequest,
): ServerReflectionResponse {
  const respond = (messageResponse: ServerReflectionResponse["messageResponse"]): ServerReflectionResponse => ({
    validHost: request.host,
    originalRequest: request,
    messageResponse,
  });
  const fail = (code: Status, message: string) =>
    respond({ case: "errorResponse", value: { errorCode: code, errorMessage: message } });
  const files = (file: Parameters<ReflectionIndex["withDependencies"]>[0]) =>
    respond({
      case: "fileDescriptorResponse",
      value: { fileDescriptorProto: index.withDependencies(file).map((f) => index.encode(f)) },
    });

  const req = request.messageRequest;
  switch (req.case) {
    case "listServices":
      return respond({ case: "listServicesResponse", value: { service: index.serviceNames.map((name) => ({ name })) } });
    case "fileByFilename": {
      const file = index.fileByName(req.value);
      return file === undefined ? fail(Status.NOT_FOUND, `file not found: ${req.value}`) : files(file);
    }
    case "fileContainingSymbol": {
      const file = index.fileBySymbol(req.value);
      return file === undefined ? fail(Status.NOT_FOUND, `symbol not found: ${req.value}`) : files(file);
    }
    case "fileContainingExtension": {
      const { containingType, extensionNumber } = req.value;
      const ext = index.extension(containingType, extensionNumber);
      return ext === undefined
        ? fail(Status.NOT_FOUND, `extension not found: ${containingType} field ${extensionNumber}`)
        : files(ext.file);
    }
    case "allExtensionNumbersOfType": {
      const message = index.message(req.value);
      if (message === undefined) return fail(Status.NOT_FOUND, `type not found: ${req.value}`);
      return respond({
        case: "allExtensionNumbersResponse",
        value: { baseTypeName: message.typeName, extensionNumber: index.extensionNumbers(message.typeName) },
      });
    }
    default:
      return fail(Status.INVALID_ARGUMENT, "the request sets no message_request (expected one of file_by_filename, file_containing_symbol, file_containing_extension, all_extension_numbers_of_type, list_services)");
  }
}

/** A registry is iterable too (over its types), so tell a single source from a collection by its shape. */
function isIterable(x: ReflectionSource | Iterable<ReflectionSource>): x is Iterable<ReflectionSource> {
  if (typeof (x as { getMessage?: unknown }).getMessage === "function") return false;
  if ((x as { kind?: unknown }).kind === "file") return false;
  if (typeof (x as { typeName?: unknown }).typeName === "string") return false;
  return typeof (x as Iterable<ReflectionSource>)[Symbol.iterator] === "function";
}
