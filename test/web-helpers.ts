// Shared fixtures of the gRPC-Web tests: a Catalog server (the demo's, plus a method that fails with details
// and response metadata), and raw gRPC-Web framing helpers.
import { RpcError, Status, parseTrailersFrame, type ServiceImplementation } from "../src/grpc/index.js";
import { createServer, type Server, type ServerContext, type ServerOptions } from "../src/server/index.js";
import { Catalog } from "../gen/shop.js";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCatalog, sampleProducts } from "../examples/shop/catalog.js";

export const TOKEN = "web-token";

/**
 * The demo Catalog, with three twists for the tests: `getProduct({ id: "rich" })` fails with
 * FAILED_PRECONDITION carrying a `google.rpc.ErrorInfo` detail and a trailer (a trailers-only response),
 * `listProducts({ category: "rich" })` fails the same way after its first product (so the details travel in
 * the trailers frame), and `getProduct({ id: "hdr" })` answers with custom response headers and trailers, text
 * and binary ({@link BINARY_TRAILER}).
 */
export function webCatalog(): ServiceImplementation<typeof Catalog, ServerContext> {
  const base = createCatalog(sampleProducts(), TOKEN);
  return {
    ...base,
    async getProduct(req, ctx) {
      if (req.id === "rich") throw richError();
      if (req.id === "hdr") {
        ctx.responseHeaders.set("x-served-by", "catalog-1");
        ctx.setTrailer({ "x-trailer": "done", "x-trailer-bin": BINARY_TRAILER });
        return { id: "hdr", name: "Header", price: 1 };
      }
      return base.getProduct(req, ctx);
    },
    async *listProducts(req, ctx) {
      if (req.category !== "rich") return yield* base.listProducts(req, ctx);
      for await (const product of base.listProducts(req, ctx)) {
        yield product;
        throw richError();
      }
    },
  };
}

/** The `x-trailer-bin` trailer of `getProduct({ id: "hdr" })`: bytes that are neither ASCII nor UTF-8, CR LF among them. */
export const BINARY_TRAILER = new Uint8Array([0, 1, 0x0d, 0x0a, 0x80, 0xfe, 0xff]);

function richError(): RpcError {
  return new RpcError(Status.FAILED_PRECONDITION, "stock is frozen: ünïcode", {
    metadata: { "x-reason": "frozen" },
    details: [{ typeName: "google.rpc.ErrorInfo", value: { $typeName: "google.rpc.ErrorInfo", reason: "FROZEN", domain: "shop.example", metadata: {} } as never }],
  });
}

/** Starts a server with the web Catalog on 127.0.0.1; resolves with it and its base URL. */
export async function startWebServer(options: ServerOptions = {}): Promise<{ server: Server; port: number; baseUrl: string }> {
  const server = createServer({ onError: () => {}, ...options });
  server.addService(Catalog, webCatalog());
  const port = await server.listen("127.0.0.1:0");
  return { server, port, baseUrl: `http://127.0.0.1:${port}` };
}

/** A length-prefixed message. */
export function frame(payload: Uint8Array, flags = 0): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(5 + payload.length);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, payload.length);
  out.set(payload, 5);
  return out;
}

/** A parsed gRPC-Web response body: its messages and the trailers frame (if any). */
export interface WebBody {
  messages: Uint8Array[];
  trailers: Record<string, string | string[]> | undefined;
}

/** Splits a binary gRPC-Web body into messages and trailers; throws on malformed framing. */
export function parseWebBody(body: Uint8Array): WebBody {
  const messages: Uint8Array[] = [];
  let trailers: WebBody["trailers"];
  let pos = 0;
  while (pos < body.length) {
    if (body.length - pos < 5) throw new Error(`truncated prefix at ${pos}`);
    const flags = body[pos]!;
    const len = new DataView(body.buffer, body.byteOffset + pos + 1, 4).getUint32(0);
    const payload = body.subarray(pos + 5, pos + 5 + len);
    if (payload.length !== len) throw new Error(`truncated message at ${pos}`);
    if (trailers !== undefined) throw new Error("data after the trailers frame");
    if (flags === 0x80) trailers = parseTrailersFrame(payload);
    else if (flags === 0) messages.push(payload);
    else throw new Error(`unexpected flags ${flags}`);
    pos += 5 + len;
  }
  return { messages, trailers };
}

/** Decodes a grpc-web-text body: base64 runs, each padded (so split at every '=' run boundary). */
export function decodeTextBody(text: string): Uint8Array {
  const parts: Buffer[] = [];
  for (let i = 0; i < text.length; i += 4) parts.push(Buffer.from(text.slice(i, i + 4), "base64"));
  return Buffer.concat(parts);
}

/** interop/certs (a CA and a server certificate for localhost and 127.0.0.1), from test/ or dist/test/. */
export function certs(): { ca: string; key: string; cert: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const read = (f: string): string => readFileSync(join(dir, "interop", "certs", f), "utf8");
      return { ca: read("ca.pem"), key: read("server.key"), cert: read("server.pem") };
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error("interop/certs not found");
}
