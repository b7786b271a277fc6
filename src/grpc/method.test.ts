import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { HandlerContext } from "./handler-context.js";
import type { MessageInit } from "./message-init.js";
import {
  isRequestStream,
  isResponseStream,
  type MethodDefinition,
  type MethodKind,
  type ServiceClient,
  type ServiceDefinition,
  type ServiceImplementation,
} from "./method.js";

interface Product {
  id: string;
  price: bigint;
  tags: string[];
  dims?: { w: number; h: number };
  pick: { case: "a"; value: number } | { case: "b"; value: { x: string } } | { case: undefined; value?: undefined };
}
interface Id {
  id: string;
}

/** A JSON codec: enough to check that definitions are plain data plus functions. */
function method<I, O, K extends MethodKind>(name: string, kind: K): MethodDefinition<I, O, K> {
  const enc = (m: unknown) => new TextEncoder().encode(JSON.stringify(m, (_, v) => (typeof v === "bigint" ? `${v}` : v)));
  const dec = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
  return {
    path: `/shop.v1.Catalog/${name}`,
    name,
    localName: name[0]!.toLowerCase() + name.slice(1),
    kind,
    serializeRequest: enc,
    deserializeRequest: dec,
    serializeResponse: enc,
    deserializeResponse: dec,
  };
}

const Catalog = {
  typeName: "shop.v1.Catalog",
  methods: {
    getProduct: method<Id, Product, "unary">("GetProduct", "unary"),
    listProducts: method<Id, Product, "server_streaming">("ListProducts", "server_streaming"),
    bulk: method<Product, Id, "client_streaming">("Bulk", "client_streaming"),
    chat: method<Id, Id, "bidi_streaming">("Chat", "bidi_streaming"),
  },
} satisfies ServiceDefinition;

// Type-level checks: these compile only if handler and stub types follow each method's kind.
const impl: ServiceImplementation<typeof Catalog> = {
  async getProduct(req: Id, ctx: HandlerContext) {
    void ctx.signal;
    return { id: req.id, pick: { case: "b", value: {} } };
  },
  async *listProducts(req) {
    yield { id: req.id };
  },
  async bulk(requests) {
    let n = 0;
    for await (const p of requests) n += p.tags.length;
    return { id: String(n) };
  },
  async *chat(messages) {
    for await (const m of messages) yield { id: `echo: ${m.id}` };
  },
};

type Stub = ServiceClient<typeof Catalog>;
const stubShape = (s: Stub) => {
  const unary: Promise<Product> = s.getProduct({ id: "p1" }, { timeout: 10 });
  const serverStream: AsyncIterable<Product> = s.listProducts({});
  const clientStream: Promise<Id> = s.bulk([{ id: "a", dims: { w: 1 } }]);
  const bidi: AsyncIterable<Id> = s.chat((async function* () {})());
  return [unary, serverStream, clientStream, bidi];
};
void stubShape;

// A loaded service (kinds unknown statically) still types its handlers and stubs.
type Message = { [key: string]: unknown };
const loaded: ServiceDefinition<Record<string, MethodDefinition<Message, Message>>> = {
  typeName: "shop.v1.Catalog",
  methods: { getProduct: method<Message, Message, MethodKind>("GetProduct", "unary") },
};
const loosely: ServiceImplementation<typeof loaded> = {
  getProduct: async (req) => ({ id: req.id }),
};
void loosely;

describe("MessageInit", () => {
  it("makes fields optional recursively but keeps oneof cases discriminated", () => {
    const init: MessageInit<Product> = { dims: { w: 1 }, pick: { case: "b", value: {} } };
    // @ts-expect-error a oneof value must match its case
    const wrong: MessageInit<Product> = { pick: { case: "a", value: "text" } };
    void wrong;
    assert.ok(init);
  });
});

describe("ServiceDefinition", () => {
  it("keeps method kinds for stub and handler types", async () => {
    const got = await impl.getProduct({ id: "p1" }, {} as HandlerContext);
    assert.deepEqual(got, { id: "p1", pick: { case: "b", value: {} } });
    const m = Catalog.methods.getProduct;
    assert.deepEqual(m.deserializeRequest(m.serializeRequest({ id: "x" })), { id: "x" });
  });
});

describe("isRequestStream / isResponseStream", () => {
  it("say which sides of each kind stream", () => {
    const cases: [MethodKind, boolean, boolean][] = [
      ["unary", false, false],
      ["server_streaming", false, true],
      ["client_streaming", true, false],
      ["bidi_streaming", true, true],
    ];
    for (const [kind, req, res] of cases) {
      assert.equal(isRequestStream(kind), req, kind);
      assert.equal(isResponseStream(kind), res, kind);
    }
  });
});
