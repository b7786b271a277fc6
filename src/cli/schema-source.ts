// Where `spindle call`, `list` and `describe` learn the server's schema: server reflection (v1, falling back
// to v1alpha, as grpcurl does), `.proto` files compiled by Spindle's compiler, or FileDescriptorSet files.
import { readFileSync } from "node:fs";
import type { Channel, CallOptions } from "../client/index.js";
import type { DescEnum, DescMessage, DescService, FileDescriptorProto, Registry } from "../protobuf/index.js";
import { UsageError, type ConnectionValues } from "./connection-flags.js";

/** A service, message or enum found by full name. */
export type SchemaSymbol = DescService | DescMessage | DescEnum;

/** The schema of one server, however it was obtained. */
export interface SchemaSource {
  /** The full names of the services the schema (or the server) offers, sorted. */
  listServices(): Promise<string[]>;
  /**
   * Finds a service, message or enum by full name (a leading dot is ignored), with a registry that holds
   * every type it refers to.
   *
   * @throws Error when reflection fails for another reason than an unknown symbol.
   */
  findSymbol(name: string): Promise<{ symbol: SchemaSymbol; registry: Registry } | undefined>;
}

/**
 * The schema source the flags ask for: `--proto`/`-I` files, `--descriptor-set` files, or else reflection
 * over `channel` with `callOptions` (so `-H` metadata reaches reflection too).
 *
 * @throws UsageError for unreadable or uncompilable files, or `--proto` together with `--descriptor-set`.
 */
export async function openSchemaSource(values: ConnectionValues, channel: Channel, callOptions: CallOptions): Promise<SchemaSource> {
  const protos = values.proto ?? [];
  const sets = values["descriptor-set"] ?? [];
  if (protos.length > 0 && sets.length > 0) throw new UsageError("use --proto or --descriptor-set, not both");
  if (protos.length > 0) {
    const { loadProto } = await import("../compiler/index.js");
    try {
      return registrySource(loadProto(protos, { includeDirs: values["import-path"] ?? ["."] }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (values["import-path"]?.length) throw new UsageError("-I needs --proto");
  if (sets.length > 0) {
    const { createRegistry } = await import("../protobuf/index.js");
    const inputs = sets.map((file) => {
      try {
        return new Uint8Array(readFileSync(file));
      } catch (e) {
        throw new UsageError(`--descriptor-set: cannot read ${file}: ${(e as Error).message}`);
      }
    });
    try {
      return registrySource(createRegistry(...inputs));
    } catch (e) {
      throw new UsageError(`--descriptor-set: ${(e as Error).message}`);
    }
  }
  return reflectionSource(channel, callOptions);
}

/** A schema source over a registry already in hand. */
export function registrySource(registry: Registry): SchemaSource {
  return {
    async listServices() {
      const names: string[] = [];
      for (const type of registry) if (type.kind === "service") names.push(type.typeName);
      // The well-known files define no services, so every service here came from the user's files.
      return names.sort();
    },
    async findSymbol(name) {
      const found = lookUp(registry, name);
      return found === undefined ? undefined : { symbol: found, registry };
    },
  };
}

function lookUp(registry: Registry, name: string): SchemaSymbol | undefined {
  const n = name.startsWith(".") ? name.slice(1) : name;
  return registry.getService(n) ?? registry.getMessage(n) ?? registry.getEnum(n);
}

/** Server reflection as a schema source: asks for files by symbol, then for the imports it lacks. */
export function reflectionSource(channel: Channel, options: CallOptions): SchemaSource {
  // A server that never answers must not hang the CLI: reflection gets --timeout, or 10 s.
  const callOptions: CallOptions = options.timeout === undefined ? { ...options, timeout: 10_000 } : options;
  const files = new Map<string, FileDescriptorProto>();
  let ask: ReflectionAsker | undefined;
  const asker = async () => (ask ??= await createReflectionAsker(channel, callOptions));
  return {
    async listServices() {
      const response = await (await asker())({ case: "listServices", value: "*" });
      if (response.case !== "listServicesResponse") throw new Error("server reflection answered list_services with something else");
      return response.value.service.map((s) => s.name).sort();
    },
    async findSymbol(name) {
      const n = name.startsWith(".") ? name.slice(1) : name;
      const question = await asker();
      const response = await question({ case: "fileContainingSymbol", value: n });
      if (response.case === "errorResponse") {
        if (response.value.errorCode === 5 /* NOT_FOUND */) return undefined;
        throw new Error(`server reflection: ${response.value.errorMessage || `error ${response.value.errorCode}`}`);
      }
      const { createRegistry, wellKnownRegistry } = await import("../protobuf/index.js");
      await addFiles(response, files);
      // Fetch imports the answer left out (servers may send only the file asked for); the well-known files
      // are built in, so a server that cannot serve them is no problem.
      for (let missing = missingImports(files, wellKnownRegistry); missing.length > 0; missing = missingImports(files, wellKnownRegistry)) {
        for (const file of missing) {
          const answer = await question({ case: "fileByFilename", value: file });
          if (answer.case !== "fileDescriptorResponse") throw new Error(`server reflection cannot give ${file}, which the schema imports`);
          await addFiles(answer, files);
          if (!files.has(file)) throw new Error(`server reflection answered for ${file} with other files`);
        }
      }
      const registry = createRegistry({ file: [...files.values()] });
      const found = lookUp(registry, n);
      return found === undefined ? undefined : { symbol: found, registry };
    },
  };
}

type MessageRequest =
  | { case: "fileByFilename"; value: string }
  | { case: "fileContainingSymbol"; value: string }
  | { case: "listServices"; value: string };

type MessageResponse =
  | { case: "fileDescriptorResponse"; value: { fileDescriptorProto: Uint8Array[] } }
  | { case: "listServicesResponse"; value: { service: { name: string }[] } }
  | { case: "errorResponse"; value: { errorCode: number; errorMessage: string } }
  | { case: "allExtensionNumbersResponse" | undefined; value?: unknown };

type ReflectionAsker = (request: MessageRequest) => Promise<MessageResponse>;

/**
 * Opens the reflection conversation: one ServerReflectionInfo call per question (short and simple; the CLI
 * asks a handful). Uses v1, and v1alpha once v1 answers UNIMPLEMENTED.
 */
async function createReflectionAsker(channel: Channel, callOptions: CallOptions): Promise<ReflectionAsker> {
  const [{ createStub }, { ServerReflectionV1, ServerReflectionV1alpha }, { RpcError, Status }] = await Promise.all([
    import("../client/index.js"),
    import("../server/reflection.js"),
    import("../grpc/index.js"),
  ]);
  const stubs = [ServerReflectionV1, ServerReflectionV1alpha].map((service) => {
    const method = service.methods.serverReflectionInfo;
    return createStub(channel, method) as (requests: Iterable<unknown>, options: CallOptions) => AsyncIterable<unknown>;
  });
  let version = 0;
  const askOnce = async (request: MessageRequest, stub: (typeof stubs)[number]): Promise<MessageResponse> => {
    for await (const response of stub([{ host: "", messageRequest: request }], callOptions)) {
      return (response as { messageResponse: MessageResponse }).messageResponse;
    }
    throw new Error("server reflection ended the stream without an answer");
  };
  return async (request) => {
    try {
      return await askOnce(request, stubs[version]!);
    } catch (e) {
      if (version === 0 && e instanceof RpcError && e.code === Status.UNIMPLEMENTED) {
        version = 1;
        try {
          return await askOnce(request, stubs[1]!);
        } catch (e2) {
          if (e2 instanceof RpcError && e2.code === Status.UNIMPLEMENTED) {
            throw new RpcError(Status.UNIMPLEMENTED, "the server does not offer reflection (v1 or v1alpha); pass --proto or --descriptor-set");
          }
          throw e2;
        }
      }
      throw e;
    }
  };
}

async function addFiles(response: MessageResponse, files: Map<string, FileDescriptorProto>): Promise<void> {
  if (response.case !== "fileDescriptorResponse") return;
  const { fromBinary, wellKnownRegistry } = await import("../protobuf/index.js");
  const type = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorProto")!;
  for (const bytes of response.value.fileDescriptorProto) {
    const file = fromBinary(type, bytes) as unknown as FileDescriptorProto;
    if (!files.has(file.name ?? "")) files.set(file.name ?? "", file);
  }
}

function missingImports(files: ReadonlyMap<string, FileDescriptorProto>, wellKnown: Registry): string[] {
  const missing = new Set<string>();
  for (const file of files.values()) {
    for (const dep of file.dependency ?? []) {
      if (!files.has(dep) && wellKnown.getFile(dep) === undefined) missing.add(dep);
    }
  }
  return [...missing];
}
