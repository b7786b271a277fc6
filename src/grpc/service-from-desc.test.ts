import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRegistry, type FileDescriptorProto } from "../protobuf/index.js";
import { serviceFromDesc } from "./service-from-desc.js";

const message = (name: string, fields: { name: string; number: number; type: number }[]) => ({
  name,
  field: fields.map((f) => ({ ...f, label: 1, jsonName: f.name })),
  extension: [],
  nestedType: [],
  enumType: [],
  extensionRange: [],
  oneofDecl: [],
  reservedRange: [],
  reservedName: [],
});

const method = (name: string, clientStreaming: boolean, serverStreaming: boolean, idempotencyLevel?: number) => ({
  name,
  inputType: ".shop.v1.GetProductRequest",
  outputType: ".shop.v1.Product",
  clientStreaming,
  serverStreaming,
  ...(idempotencyLevel === undefined ? {} : { options: { idempotencyLevel, uninterpretedOption: [] } }),
});

const file = {
  name: "shop/v1/shop.proto",
  package: "shop.v1",
  syntax: "proto3",
  dependency: [],
  publicDependency: [],
  weakDependency: [],
  messageType: [
    message("GetProductRequest", [{ name: "id", number: 1, type: 9 }]),
    message("Product", [
      { name: "id", number: 1, type: 9 },
      { name: "price_cents", number: 2, type: 3 },
    ]),
  ],
  enumType: [],
  service: [
    {
      name: "Catalog",
      method: [
        method("GetProduct", false, false, 1),
        method("ListProducts", false, true),
        method("BulkUpdate", true, false),
        method("Chat", true, true),
      ],
    },
  ],
  extension: [],
} as unknown as FileDescriptorProto;

describe("serviceFromDesc", () => {
  const registry = createRegistry(file);
  const Catalog = serviceFromDesc(registry.getService("shop.v1.Catalog")!);

  it("names the service and each method by path, name, localName and kind", () => {
    assert.equal(Catalog.typeName, "shop.v1.Catalog");
    const got = Object.entries(Catalog.methods).map(([key, m]) => [key, m.path, m.name, m.localName, m.kind]);
    assert.deepEqual(got, [
      ["getProduct", "/shop.v1.Catalog/GetProduct", "GetProduct", "getProduct", "unary"],
      ["listProducts", "/shop.v1.Catalog/ListProducts", "ListProducts", "listProducts", "server_streaming"],
      ["bulkUpdate", "/shop.v1.Catalog/BulkUpdate", "BulkUpdate", "bulkUpdate", "client_streaming"],
      ["chat", "/shop.v1.Catalog/Chat", "Chat", "chat", "bidi_streaming"],
    ]);
    assert.equal(Catalog.methods["getProduct"]!.idempotency, "no_side_effects");
    assert.equal(Catalog.methods["chat"]!.idempotency, "unknown");
    assert.equal(Catalog.methods["chat"]!.desc?.name, "Chat");
    assert.equal(Catalog.desc?.name, "Catalog");
  });

  it("encodes partial messages and decodes complete ones, in both directions", () => {
    const m = Catalog.methods["getProduct"]!;
    assert.deepEqual(Array.from(m.serializeRequest({ id: "p1" })), [0x0a, 2, 0x70, 0x31]);
    assert.deepEqual(m.deserializeRequest(m.serializeRequest({})), { id: "" });
    const bytes = m.serializeResponse({ priceCents: 1999n });
    assert.deepEqual(m.deserializeResponse(bytes), { id: "", priceCents: 1999n });
  });

  it("throws on malformed bytes and on values of the wrong type", () => {
    const m = Catalog.methods["getProduct"]!;
    assert.throws(() => m.deserializeRequest(new Uint8Array([0x0a, 5, 1])));
    assert.throws(() => m.serializeResponse({ priceCents: "not a number" as unknown as bigint }));
  });
});
