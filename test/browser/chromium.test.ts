// A real headless Chromium (Debian's, driven by playwright-core) loads a page from a static server on one
// port; the page's esbuilt src/web client calls the Spindle server on another port: a cross-origin call, so
// CORS preflights are exercised too. Skipped when /usr/bin/chromium is missing (scripts/install-peers.sh).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as http from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext } from "playwright-core";
import { Status } from "../../src/grpc/index.js";
import type { Server } from "../../src/server/index.js";
import { BINARY_TRAILER, TOKEN, startWebServer } from "../web-helpers.js";
import type { CheckResult } from "./page.js";
import { startWebDemo } from "../../examples/shop/web/serve.js";

const CHROMIUM = "/usr/bin/chromium";

/** The repository root, from this file in test/browser/ or dist/test/browser/. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "test/browser/page.ts"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("test/browser/page.ts not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** Serves the page and its bundle on 127.0.0.1. */
async function startStaticServer(files: Record<string, { type: string; body: string }>): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const file = files[(req.url ?? "/").split("?")[0]!];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}` };
}

describe("headless Chromium with the src/web client", { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (scripts/install-peers.sh installs it)` }, () => {
  let spindle: Server;
  let baseUrl: string;
  let statics: http.Server;
  let pageUrl: string;
  let context: BrowserContext;
  let userDataDir: string;
  let results: Record<string, CheckResult>;

  before(async () => {
    const root = repoRoot();
    const bundle = await build({ entryPoints: [join(root, "test/browser/page.ts")], bundle: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "silent" });
    const html = readFileSync(join(root, "test/browser/index.html"), "utf8");
    ({ server: spindle, baseUrl } = await startWebServer());
    ({ server: statics, url: pageUrl } = await startStaticServer({
      "/": { type: "text/html", body: html },
      "/page.js": { type: "text/javascript", body: bundle.outputFiles[0]!.text },
    }));
    userDataDir = mkdtempSync(join(tmpdir(), "spindle-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = await context.newPage();
    await page.goto(`${pageUrl}/?server=${encodeURIComponent(baseUrl)}&token=${TOKEN}`);
    await page.waitForFunction(() => document.title === "done", undefined, { timeout: 30_000 });
    results = (await page.evaluate(() => (globalThis as unknown as { spindleResults: unknown }).spindleResults)) as Record<string, CheckResult>;
  });

  after(async () => {
    await context?.close();
    await spindle?.shutdown({ graceMs: 1000 });
    await new Promise<void>((resolve) => (statics ? statics.close(() => resolve()) : resolve()));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it("renders the shop demo page (examples/shop/web): the streamed catalog, then a failed lookup", async () => {
    const demo = await startWebDemo({ page: "127.0.0.1:0", grpc: "127.0.0.1:0" });
    const page = await context.newPage();
    try {
      await page.goto(demo.url);
      await page.waitForFunction(() => document.querySelectorAll("#products li").length === 4, undefined, { timeout: 20_000 });
      assert.match(await page.textContent("#products li") ?? "", /p1: Spindle/);
      await page.fill("#id", "p9");
      await page.click("#lookup button");
      await page.waitForFunction(() => (document.getElementById("result")?.textContent ?? "") !== "", undefined, { timeout: 10_000 });
      assert.equal(await page.textContent("#result"), 'NOT_FOUND: no product with id "p9"');
    } finally {
      await page.close();
      await demo.close();
    }
  });

  for (const format of ["binary", "text"] as const) {
    describe(`format ${format}`, () => {
      it("makes a cross-origin unary call", () => {
        assert.deepEqual(results[`${format}/unary`], { ok: true, value: { id: "p1", name: "Spindle", price: 1200 } });
      });
      it("iterates a server stream", () => {
        assert.deepEqual(results[`${format}/stream`], { ok: true, value: ["Spindle", "Bobbin", "Shuttle", "Loom"] });
      });
      it("gets NOT_FOUND with the handler's message", () => {
        assert.deepEqual(results[`${format}/not-found`], { ok: false, code: Status.NOT_FOUND, message: 'no product with id "nope"' });
      });
      it("gets UNAUTHENTICATED without metadata", () => {
        assert.equal(results[`${format}/unauthenticated`]?.code, Status.UNAUTHENTICATED);
      });
      it("gets DEADLINE_EXCEEDED when the timeout passes mid-stream", () => {
        assert.equal(results[`${format}/deadline`]?.code, Status.DEADLINE_EXCEEDED, JSON.stringify(results[`${format}/deadline`]));
      });
      it("reads custom response headers (exposed through CORS)", () => {
        assert.deepEqual(results[`${format}/headers`], { ok: true, value: "catalog-1" });
      });
      it("decodes text and -bin trailers from the trailers frame", () => {
        assert.deepEqual(results[`${format}/trailers`], { ok: true, value: { text: "done", bin: Array.from(BINARY_TRAILER) } });
      });
      it("decodes rich error details from the trailers frame", () => {
        const r = results[`${format}/details-in-trailers`];
        assert.deepEqual({ code: r?.code, details: r?.details }, { code: Status.FAILED_PRECONDITION, details: ["google.rpc.ErrorInfo"] }, JSON.stringify(r));
      });
    });
  }
});
