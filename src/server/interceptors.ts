// Server interceptors (src/grpc's ServerInterceptor shape) around the server's direct handler calls. Only
// methods with interceptors pay for the request/response objects; the rest call the handler directly.
import { RpcError, Status, applyInterceptors, type AnyMethodDefinition, type ServerInterceptor, type ServerNext, type ServerRequest } from "../grpc/index.js";
import type { ServerContext } from "./handler-context.js";

/** The handler as the server calls it: the request (or request stream) in; the response (or stream) out. */
export type Invoke = (input: unknown, ctx: ServerContext) => unknown;

/** Wraps `handler` in `interceptors` (the first is the outermost), adapting between the two call shapes. */
export function applyServerInterceptors(
  method: AnyMethodDefinition,
  handler: Invoke,
  interceptors: readonly ServerInterceptor<ServerContext>[],
): Invoke {
  const kind = method.kind;
  const inner: ServerNext<ServerContext> = async (req, ctx) => {
    if (!req.stream) return { stream: false, message: await handler(req.message, ctx) };
    if (kind === "server_streaming") {
      const message = await single(req.messages, "request");
      return { stream: true, messages: handler(message, ctx) as AsyncIterable<unknown> };
    }
    if (kind === "client_streaming") {
      const message = await handler(req.messages, ctx);
      return { stream: true, messages: once(message) };
    }
    return { stream: true, messages: handler(req.messages, ctx) as AsyncIterable<unknown> };
  };
  const chain = applyInterceptors(inner, interceptors);
  return (input, ctx) => {
    const request: ServerRequest =
      kind === "unary"
        ? { stream: false, method, message: input }
        : { stream: true, method, messages: kind === "server_streaming" ? once(input) : (input as AsyncIterable<unknown>) };
    const response = chain(request, ctx);
    if (kind === "unary" || kind === "client_streaming") {
      return response.then((r) => (r.stream ? single(r.messages, "response") : r.message));
    }
    return response.then((r) => (r.stream ? r.messages : once(r.message)));
  };
}

async function* once(message: unknown): AsyncIterable<unknown> {
  yield message;
}

/** The one message of a stream that must hold exactly one (an interceptor changed the cardinality otherwise). */
async function single(messages: AsyncIterable<unknown>, what: string): Promise<unknown> {
  let out: unknown;
  let count = 0;
  for await (const m of messages) {
    out = m;
    if (++count > 1) break;
  }
  if (count !== 1) throw new RpcError(Status.INTERNAL, `expected exactly one ${what} message, got ${count === 0 ? "none" : "more"}`);
  return out;
}
