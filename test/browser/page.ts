// The browser side of the Chromium test (bundled by esbuild with src/web and the generated Catalog): calls
// the Spindle server named in the page's query string and publishes what happened on `window.spindleResults`.
import { createClient, createGrpcWebTransport, RpcError } from "../../src/web/index.js";
import { Catalog } from "../../gen/shop.js";

/** What one check produced: a value, or the error's code and message. */
export interface CheckResult {
  ok: boolean;
  value?: unknown;
  code?: number;
  message?: string;
  /** The type names of an RpcError's details, when it has any. */
  details?: string[];
}

async function check(run: () => Promise<unknown>): Promise<CheckResult> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof RpcError) return { ok: false, code: e.code, message: e.rawMessage, ...(e.details.length > 0 ? { details: e.details.map((d) => d.typeName) } : {}) };
    return { ok: false, message: String(e) };
  }
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const baseUrl = params.get("server") ?? "";
  const token = params.get("token") ?? "";
  const metadata = { authorization: `Bearer ${token}` };
  const results: Record<string, CheckResult> = {};
  for (const format of ["binary", "text"] as const) {
    const catalog = createClient(Catalog, createGrpcWebTransport({ baseUrl, format }));
    results[`${format}/unary`] = await check(() => catalog.getProduct({ id: "p1" }, { metadata, timeout: 5000 }));
    results[`${format}/stream`] = await check(async () => {
      const names: string[] = [];
      for await (const p of catalog.listProducts({}, { metadata })) names.push(p.name);
      return names;
    });
    results[`${format}/not-found`] = await check(() => catalog.getProduct({ id: "nope" }, { metadata }));
    results[`${format}/unauthenticated`] = await check(() => catalog.getProduct({ id: "p1" }));
    results[`${format}/deadline`] = await check(async () => {
      let n = 0;
      for await (const _ of catalog.listProducts({ category: "slow" }, { metadata, timeout: 150 })) n++;
      return n;
    });
    results[`${format}/headers`] = await check(async () => {
      let served: string | undefined;
      await catalog.getProduct({ id: "hdr" }, { metadata, onHeader: (h) => (served = h.get("x-served-by") as string | undefined) });
      return served;
    });
    results[`${format}/trailers`] = await check(async () => {
      let text: unknown;
      let bin: unknown;
      await catalog.getProduct({ id: "hdr" }, { metadata, onTrailer: (t) => ((text = t.get("x-trailer")), (bin = t.get("x-trailer-bin"))) });
      return { text, bin: bin instanceof Uint8Array ? Array.from(bin) : bin };
    });
    results[`${format}/details-in-trailers`] = await check(async () => {
      for await (const _ of catalog.listProducts({ category: "rich" }, { metadata }));
    });
  }
  (globalThis as unknown as { spindleResults: unknown }).spindleResults = results;
  document.title = "done";
}

void main();
