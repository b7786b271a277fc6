// The shop demo in a browser: starts the Catalog server (which answers gRPC-Web on its own port) and a tiny
// static server for the page, whose script is src/web bundled by esbuild. Run it with
// `npx tsx examples/shop/web/serve.ts` and open the printed URL.
import { readFileSync } from "node:fs";
import * as http from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { createServer } from "../../../src/server/index.js";
import { Catalog } from "../../../gen/shop.js";
import { createCatalog, sampleProducts } from "../catalog.js";

/** Options of {@link startWebDemo}. */
export interface WebDemoOptions {
  /** Where the page is served; `"127.0.0.1:0"` picks a free port. Default: `"127.0.0.1:8080"`. */
  readonly page?: string;
  /** Where the Catalog server listens. Default: `"127.0.0.1:50051"`. */
  readonly grpc?: string;
  /** The bearer token the server requires and the page sends. Default: `"demo-token"`. */
  readonly token?: string;
}

/** A running demo: the page's URL (with the server named in it), and how to stop everything. */
export interface WebDemo {
  readonly url: string;
  close(): Promise<void>;
}

/** The folder of this file's sources, from examples/shop/web or its compiled copy in dist/. */
function sourceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = here.split("/dist/");
  return compiled.length > 1 ? join(compiled[0]!, compiled[1]!) : here;
}

/** Starts the demo: the Catalog server and the page server. */
export async function startWebDemo(options: WebDemoOptions = {}): Promise<WebDemo> {
  const token = options.token ?? "demo-token";
  const dir = sourceDir();
  const bundle = await build({ entryPoints: [join(dir, "app.ts")], bundle: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "silent" });
  const files: Record<string, { type: string; body: string }> = {
    "/": { type: "text/html; charset=utf-8", body: readFileSync(join(dir, "index.html"), "utf8") },
    "/app.js": { type: "text/javascript", body: bundle.outputFiles[0]!.text },
  };
  const grpc = createServer();
  grpc.addService(Catalog, createCatalog(sampleProducts(), token));
  const grpcAddress = options.grpc ?? "127.0.0.1:50051";
  const grpcPort = await grpc.listen(grpcAddress);
  const grpcHost = grpcAddress.slice(0, grpcAddress.lastIndexOf(":"));
  const page = http.createServer((req, res) => {
    const file = files[(req.url ?? "/").split("?")[0]!];
    if (file === undefined) res.writeHead(404).end("not found\n");
    else res.writeHead(200, { "content-type": file.type }).end(file.body);
  });
  const pageAddress = options.page ?? "127.0.0.1:8080";
  const colon = pageAddress.lastIndexOf(":");
  await new Promise<void>((resolve, reject) => {
    page.once("error", reject);
    page.listen(Number(pageAddress.slice(colon + 1)), pageAddress.slice(0, colon), resolve);
  });
  const pagePort = (page.address() as { port: number }).port;
  const server = `http://${grpcHost}:${grpcPort}`;
  return {
    url: `http://${pageAddress.slice(0, colon)}:${pagePort}/?server=${encodeURIComponent(server)}&token=${encodeURIComponent(token)}`,
    async close() {
      page.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => page.close(() => resolve())), grpc.shutdown({ graceMs: 1000 })]);
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { page: { type: "string" }, grpc: { type: "string" }, token: { type: "string" } } });
  const demo = await startWebDemo(values);
  console.log(`shop web demo: open ${demo.url}`);
  process.once("SIGINT", () => void demo.close());
}
