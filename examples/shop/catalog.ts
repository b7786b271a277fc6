// The seed article's shop.v1.Catalog, implemented on Spindle: one handler per RPC style.
import { RpcError, Status, type ServiceImplementation } from "../../src/grpc/index.js";
import type { ServerContext } from "../../src/server/index.js";
import { Catalog, type Product } from "../../gen/shop.js";

/** The demo's data: a few products, by id. */
export function sampleProducts(): Map<string, Product> {
  const products = new Map<string, Product>();
  for (const [id, name, price, ] of [
    ["p1", "Spindle", 1200],
    ["p2", "Bobbin", 350],
    ["p3", "Shuttle", 2400],
    ["p4", "Loom", 99900],
  ] as const) {
    products.set(id, { id, name, price });
  }
  return products;
}

/**
 * The Catalog handlers. Every call must carry `authorization: Bearer <token>`; `getProduct` answers
 * NOT_FOUND for an unknown id; `listProducts` honours cancellation and the deadline through `ctx.signal`.
 */
export function createCatalog(products: Map<string, Product>, token: string): ServiceImplementation<typeof Catalog, ServerContext> {
  function authorize(ctx: ServerContext): void {
    if (ctx.metadata.get("authorization") !== `Bearer ${token}`) {
      throw new RpcError(Status.UNAUTHENTICATED, "missing or wrong bearer token");
    }
  }
  return {
    async getProduct(req, ctx) {
      authorize(ctx);
      const product = products.get(req.id);
      if (!product) throw new RpcError(Status.NOT_FOUND, `no product with id "${req.id}"`);
      return product;
    },
    async *listProducts(req, ctx) {
      authorize(ctx);
      for (const product of products.values()) {
        if (ctx.signal.aborted) return;
        if (req.category === "slow") await new Promise((resolve) => setTimeout(resolve, 100));
        yield product;
      }
    },
    async bulk(requests, ctx) {
      authorize(ctx);
      let written = 0;
      for await (const product of requests) {
        products.set(product.id, product);
        written++;
      }
      return { written };
    },
    async *chat(messages, ctx) {
      authorize(ctx);
      for await (const message of messages) yield { text: `echo: ${message.text}` };
    },
  };
}
