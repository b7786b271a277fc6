// The interop TestService server on Spindle (grpc/grpc doc/interop-test-descriptions.md, "Server").
// Run: npm run interop:server -- --port=10000 [--use_tls] [--host=127.0.0.1]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { RpcError, Status } from "../src/grpc/index.js";
import { createServer, type Server, type ServerContext, type ServerOptions } from "../src/server/index.js";
import {
  TestService,
  type EchoStatus,
  type ResponseParameters,
  type SimpleRequest,
  type StreamingInputCallRequest,
  type StreamingOutputCallRequest,
} from "./testing.js";

/** Metadata keys the server echoes (interop "custom_metadata"). */
const ECHO_INITIAL = "x-grpc-test-echo-initial";
const ECHO_TRAILING = "x-grpc-test-echo-trailing-bin";

/** Echoes the custom metadata the interop client sent: the initial one in headers, the -bin one in trailers. */
function echoMetadata(ctx: ServerContext): void {
  const initial = ctx.metadata.get(ECHO_INITIAL);
  if (initial !== undefined) ctx.responseHeaders.set(ECHO_INITIAL, initial);
  const trailing = ctx.metadata.get(ECHO_TRAILING);
  if (trailing !== undefined) ctx.responseTrailers.set(ECHO_TRAILING, trailing);
}

/** Throws the status the client asked for with `response_status`, if any (non-OK). */
function maybeFail(status: EchoStatus | undefined): void {
  if (status !== undefined && status.code !== 0) throw new RpcError(status.code as Status, status.message);
}

/** The client set `expect_compressed` but the message arrived uncompressed: INVALID_ARGUMENT (the probe). */
function checkCompressed(expect: { value: boolean } | undefined, ctx: ServerContext): void {
  if (expect?.value === true && !ctx.isRequestCompressed) {
    throw new RpcError(Status.INVALID_ARGUMENT, "expected a compressed request message");
  }
}

function payload(size: number): { type: number; body: Uint8Array } {
  return { type: 0 /* COMPRESSABLE */, body: new Uint8Array(size) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function* respond(params: ResponseParameters[], ctx: ServerContext): AsyncIterable<unknown> {
  for (const p of params) {
    if (p.intervalUs > 0) await sleep(p.intervalUs / 1000, ctx.signal);
    // Each response may ask for compression or not (server_compressed_streaming).
    ctx.compressMessages = p.compressed?.value === true;
    yield { payload: payload(p.size) };
  }
}

function unary(req: SimpleRequest, ctx: ServerContext): unknown {
  echoMetadata(ctx);
  if (req.responseType !== 0) throw new RpcError(Status.INVALID_ARGUMENT, `unsupported response_type ${req.responseType}`);
  checkCompressed(req.expectCompressed, ctx);
  if (req.responseCompressed?.value === true) ctx.setCompression("gzip");
  ctx.compressMessages = req.responseCompressed?.value === true;
  maybeFail(req.responseStatus);
  return { payload: payload(req.responseSize) };
}

/** The TestService implementation. */
export const testServiceImplementation = {
  async emptyCall(): Promise<unknown> {
    return {};
  },
  async unaryCall(req: unknown, ctx: ServerContext): Promise<unknown> {
    return unary(req as SimpleRequest, ctx);
  },
  async cacheableUnaryCall(_req: unknown, ctx: ServerContext): Promise<unknown> {
    // The request is ignored; the payload is the time in nanoseconds, so that each answer differs.
    ctx.responseHeaders.set("cache-control", "max-age=60, public");
    return { payload: { type: 0, body: new TextEncoder().encode(String(process.hrtime.bigint())) } };
  },
  async *streamingOutputCall(req: unknown, ctx: ServerContext): AsyncIterable<unknown> {
    const r = req as StreamingOutputCallRequest;
    if (r.responseParameters.some((p) => p.compressed?.value === true)) ctx.setCompression("gzip");
    yield* respond(r.responseParameters, ctx);
    maybeFail(r.responseStatus);
  },
  async streamingInputCall(requests: AsyncIterable<unknown>, ctx: ServerContext): Promise<unknown> {
    let aggregatedPayloadSize = 0;
    for await (const req of requests) {
      const r = req as StreamingInputCallRequest;
      checkCompressed(r.expectCompressed, ctx);
      aggregatedPayloadSize += r.payload?.body.length ?? 0;
    }
    return { aggregatedPayloadSize };
  },
  async *fullDuplexCall(requests: AsyncIterable<unknown>, ctx: ServerContext): AsyncIterable<unknown> {
    echoMetadata(ctx);
    let isCompressionSet = false;
    for await (const req of requests) {
      const r = req as StreamingOutputCallRequest;
      maybeFail(r.responseStatus);
      if (!isCompressionSet && r.responseParameters.some((p) => p.compressed?.value === true)) {
        try {
          ctx.setCompression("gzip");
        } catch {
          // Headers already went out uncompressed; later messages stay uncompressed.
        }
      }
      isCompressionSet = true;
      yield* respond(r.responseParameters, ctx);
    }
  },
  async *halfDuplexCall(requests: AsyncIterable<unknown>, ctx: ServerContext): AsyncIterable<unknown> {
    const buffered: StreamingOutputCallRequest[] = [];
    for await (const req of requests) buffered.push(req as StreamingOutputCallRequest);
    for (const r of buffered) {
      maybeFail(r.responseStatus);
      yield* respond(r.responseParameters, ctx);
    }
  },
  async unimplementedCall(): Promise<unknown> {
    // The interop spec's server "will not implement this method".
    throw new RpcError(Status.UNIMPLEMENTED, "UnimplementedCall is not implemented");
  },
};

/** Test certificates for `--use_tls` (scripts/interop-certs.sh): a CA and a server certificate. */
export function interopTlsFiles(): { key: string; cert: string; ca: string } {
  const dir = (name: string): string => {
    for (const base of ["./certs/", "../../interop/certs/"]) {
      const path = fileURLToPath(new URL(base + name, import.meta.url));
      try {
        return readFileSync(path, "utf8");
      } catch {
        // try the next location (source tree or dist/)
      }
    }
    throw new Error(`interop/certs/${name} not found; run scripts/interop-certs.sh`);
  };
  return { key: dir("server.key"), cert: dir("server.pem"), ca: dir("ca.pem") };
}

/** Creates the interop server (not yet listening). */
export function createInteropServer(options: { useTls?: boolean } & ServerOptions = {}): Server {
  const { useTls, ...rest } = options;
  const tls = useTls === true ? interopTlsFiles() : undefined;
  const server = createServer({ ...rest, ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}), onError: () => {} });
  server.addService(TestService, testServiceImplementation);
  return server;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      use_tls: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.port === undefined || !/^\d+$/.test(values.port)) {
    console.error("usage: interop/server --port=N [--use_tls] [--host=H]");
    process.exit(2);
  }
  const server = createInteropServer({ useTls: values.use_tls });
  const host = values.host!.includes(":") ? `[${values.host}]` : values.host!;
  const port = await server.listen(`${host}:${values.port}`);
  console.log(`interop server listening on ${values.host}:${port}${values.use_tls ? " (TLS)" : ""}`);
  const stop = (): void => {
    void server.shutdown({ graceMs: 1000 }).then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
