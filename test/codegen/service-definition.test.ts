// Generated service definitions: paths, kinds and codecs for the server and client, and (checked by tsc when
// this file compiles) handler and stub types derived from them.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ServiceClient, ServiceImplementation } from "../../src/grpc/index.js";
import { Catalog, Product, type Message } from "../../gen/shop.js";
import { TestService } from "../../gen/grpc/testing/test.js";

// Compile-time: a complete implementation type-checks, requests are complete messages, responses may be partial.
const impl: ServiceImplementation<typeof Catalog> = {
  async getProduct(req) {
    return { id: req.id, name: "Mug" };
  },
  async *listProducts(req) {
    yield { id: req.category };
  },
  async bulk(requests) {
    let written = 0;
    for await (const p of requests) written += p.price >= 0 ? 1 : 0;
    return { written };
  },
  async *chat(messages: AsyncIterable<Message>) {
    for await (const m of messages) yield { text: m.text };
  },
};
type Stub = ServiceClient<typeof Catalog>;
const stubShape: (keyof Stub)[] = ["getProduct", "listProducts", "bulk", "chat"];

describe("generated service definitions", () => {
  it("carry paths and the four method kinds", () => {
    assert.equal(Catalog.typeName, "shop.v1.Catalog");
    const rows = Object.values(Catalog.methods).map((m) => [m.localName, m.path, m.kind]);
    assert.deepEqual(rows, [
      ["getProduct", "/shop.v1.Catalog/GetProduct", "unary"],
      ["listProducts", "/shop.v1.Catalog/ListProducts", "server_streaming"],
      ["bulk", "/shop.v1.Catalog/Bulk", "client_streaming"],
      ["chat", "/shop.v1.Catalog/Chat", "bidi_streaming"],
    ]);
    assert.equal(Object.keys(impl).length, stubShape.length);
  });

  it("serialize with the generated codecs, accepting partial messages", () => {
    const bytes = Catalog.methods.getProduct.serializeResponse({ id: "p1", price: 5 });
    assert.deepEqual(bytes, Product.encode({ id: "p1", price: 5 }));
    assert.deepEqual({ ...Catalog.methods.getProduct.deserializeResponse(bytes) }, { id: "p1", name: "", price: 5 });
  });

  it("expose descriptors for reflection", () => {
    assert.equal(Catalog.desc?.constructor, Object);
    const method = TestService.methods.unaryCall.desc as { path: string; input: { typeName: string } };
    assert.equal(method.path, "/grpc.testing.TestService/UnaryCall");
    assert.equal(method.input.typeName, "grpc.testing.SimpleRequest");
  });
});
