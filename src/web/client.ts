// Typed stubs over gRPC-Web, shaped like the Node client's: unary → Promise, server streaming →
// AsyncIterable. Client and bidi streaming need a streaming request body, which fetch cannot send in
// browsers, so those stubs fail with UNIMPLEMENTED.
import { RpcError, Status, type AnyMethodDefinition, type CallOptions, type ServiceClient, type ServiceDefinition } from "../grpc/index.js";
import { runCall, type GrpcWebTransport } from "./transport.js";

/**
 * Creates a typed client for `service` over a gRPC-Web transport: one method per RPC, by `localName`.
 * Call options: `timeout`, `deadline`, `metadata`, `signal`, `onHeader`, `onTrailer`. Failures are
 * `RpcError`s with `code`, `metadata` and `details`.
 *
 * @example
 * ```ts
 * const catalog = createClient(Catalog, createGrpcWebTransport({ baseUrl: "http://localhost:50051" }));
 * const p = await catalog.getProduct({ id: "p1" }, { timeout: 2000, metadata: { authorization: "Bearer t" } });
 * for await (const product of catalog.listProducts({})) console.log(product.name);
 * ```
 */
export function createClient<S extends ServiceDefinition>(service: S, transport: GrpcWebTransport): ServiceClient<S, CallOptions> {
  if (transport === null || typeof transport !== "object" || typeof transport.options?.fetch !== "function") {
    throw new Error("createClient needs a transport made by createGrpcWebTransport()");
  }
  const client: Record<string, unknown> = {};
  for (const [localName, method] of Object.entries(service.methods)) client[localName] = createStub(transport, method);
  return client as ServiceClient<S, CallOptions>;
}

/** The stub function of one method, for callers holding a method definition rather than a service. */
export function createStub(transport: GrpcWebTransport, method: AnyMethodDefinition): (request: unknown, options?: CallOptions) => unknown {
  switch (method.kind) {
    case "unary":
      return (request, options = {}) => callUnary(transport, method, request, options);
    case "server_streaming":
      return (request, options = {}) => runCall(transport, method, request, options);
    case "client_streaming":
      return () => Promise.reject(streamingUnsupported(method));
    case "bidi_streaming":
      return () => failingStream(streamingUnsupported(method));
    default:
      throw new Error(`method ${method.path} has unknown kind ${JSON.stringify(method.kind)}`);
  }
}

async function callUnary(transport: GrpcWebTransport, method: AnyMethodDefinition, request: unknown, options: CallOptions): Promise<unknown> {
  let response: unknown;
  let count = 0;
  for await (const message of runCall(transport, method, request, options)) {
    response = message;
    count++;
  }
  if (count !== 1) throw new RpcError(Status.UNIMPLEMENTED, `${method.path}: a unary call received ${count === 0 ? "no response message" : `${count} response messages`}`);
  return response;
}

function streamingUnsupported(method: AnyMethodDefinition): RpcError {
  return new RpcError(
    Status.UNIMPLEMENTED,
    `${method.path} is ${method.kind.replace("_", " ")}: gRPC-Web over fetch supports only unary and server-streaming calls (browsers cannot stream a request body)`,
  );
}

/** An AsyncIterable whose first `next()` rejects with `err`. */
function failingStream(err: RpcError): AsyncIterable<never> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(err) }),
  };
}
