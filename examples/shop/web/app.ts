// The shop demo's browser page: lists the catalog (server streaming) and looks products up (unary) through
// gRPC-Web, straight from the browser to the Spindle server. Bundled for the browser by serve.ts.
import { createClient, createGrpcWebTransport, RpcError, Status } from "../../../src/web/index.js";
import { Catalog } from "../../../gen/shop.js";

const params = new URLSearchParams(location.search);
const server = params.get("server") ?? "http://127.0.0.1:50051";
const token = params.get("token") ?? "demo-token";
const catalog = createClient(Catalog, createGrpcWebTransport({ baseUrl: server }));
const metadata = { authorization: `Bearer ${token}` };

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page lacks #${id}`);
  return el as T;
}

function show(id: string, text: string): void {
  element(id).textContent = text;
}

async function listAll(): Promise<void> {
  const list = element<HTMLUListElement>("products");
  list.replaceChildren();
  try {
    for await (const p of catalog.listProducts({}, { metadata, timeout: 5000 })) {
      const item = document.createElement("li");
      item.textContent = `${p.id}: ${p.name} (${(p.price / 100).toFixed(2)})`;
      list.append(item);
    }
    show("status", `listed from ${server}`);
  } catch (e) {
    show("status", describe(e));
  }
}

async function lookUp(event: Event): Promise<void> {
  event.preventDefault();
  const id = element<HTMLInputElement>("id").value.trim();
  try {
    const p = await catalog.getProduct({ id }, { metadata, timeout: 2000 });
    show("result", `${p.id}: ${p.name} (${(p.price / 100).toFixed(2)})`);
  } catch (e) {
    show("result", describe(e));
  }
}

function describe(e: unknown): string {
  if (e instanceof RpcError) return `${Status[e.code]}: ${e.rawMessage}`;
  return String(e);
}

element<HTMLFormElement>("lookup").addEventListener("submit", (e) => void lookUp(e));
element<HTMLButtonElement>("refresh").addEventListener("click", () => void listAll());
void listAll();
