// Shared fixtures of the health and reflection tests: `buf curl` (npm @bufbuild/buf) as the independent
// gRPC peer, and a server hosting shop.v1.Catalog with health and reflection.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createServer, type Server } from "../src/server/index.js";
import { createHealthService, type HealthService } from "../src/server/health.js";
import { createReflectionService } from "../src/server/reflection.js";
import { Catalog } from "../gen/shop.js";
import { createCatalog, sampleProducts } from "../examples/shop/catalog.js";

const bufShim = join(dirname(createRequire(import.meta.url).resolve("@bufbuild/buf/package.json")), "bin", "buf");

/** The result of one `buf` run. */
export interface BufResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `buf curl --protocol grpc --http2-prior-knowledge …args` (never throws on a non-zero exit). */
export function bufCurl(args: readonly string[], input?: string): Promise<BufResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [bufShim, "curl", "--protocol", "grpc", "--http2-prior-knowledge", ...args],
      { timeout: 20_000, env: { ...process.env, BUF_CACHE_DIR: join(process.env.TMPDIR ?? "/tmp", "spindle-buf-cache") } },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== "number") return reject(err);
        resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** The shop demo's bearer token in these tests. */
export const shopToken = "t0ken";

/** A listening server with shop.v1.Catalog, health and reflection (v1 and v1alpha). */
export async function startShopServer(): Promise<{ server: Server; health: HealthService; address: string }> {
  const server = createServer();
  server.addService(Catalog, createCatalog(sampleProducts(), shopToken));
  const health = createHealthService();
  health.addTo(server);
  health.setStatus("shop.v1.Catalog", "SERVING");
  createReflectionService([Catalog, health.definition]).addTo(server);
  const port = await server.listen("127.0.0.1:0");
  return { server, health, address: `127.0.0.1:${port}` };
}
