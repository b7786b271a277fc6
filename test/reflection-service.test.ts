// Server reflection (grpc/grpc doc/server-reflection.md, reflection.proto) against Spindle's own client and
// `buf curl`, for services from generated code (shop.v1.Catalog) and from loadProto + serviceFromDesc.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadProto } from "../src/compiler/index.js";
import { RpcError, Status, serviceFromDesc, type DescServiceDefinition } from "../src/grpc/index.js";
import { createRegistry, fromBinary, wellKnownRegistry, type FileDescriptorProto, type Registry } from "../src/protobuf/index.js";
import { createChannel, createClient, createWritableIterable, type Channel } from "../src/client/index.js";
import { createServer, type Server } from "../src/server/index.js";
import { createReflectionService } from "../src/server/reflection.js";
import * as v1 from "../gen/grpc/reflection/v1/reflection.js";
import * as v1alpha from "../gen/grpc/reflection/v1alpha/reflection.js";
import { Catalog } from "../gen/shop.js";
import { bufCurl, shopToken, startShopServer } from "./reflection-helpers.js";

// A loaded schema with what generated shop.proto lacks: imports (one transitive), nesting, enums and
// extensions. proto2, so that messages can be extended.
const inventorySources = {
  "inv/v1/common.proto": `syntax = "proto2"; package inv.v1;
    message Money { optional int64 cents = 1; }`,
  "inv/v1/item.proto": `syntax = "proto2"; package inv.v1;
    import "inv/v1/common.proto";
    import "google/protobuf/timestamp.proto";
    message Item {
      optional string sku = 1;
      optional Money price = 2;
      optional google.protobuf.Timestamp updated = 3;
      oneof where { string shelf = 4; string bin = 5; }
      message Dimensions { optional double width = 1; }
      enum Kind { KIND_UNSPECIFIED = 0; KIND_TOOL = 1; }
      extensions 100 to 199;
    }
    enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; }`,
  "inv/v1/inventory.proto": `syntax = "proto2"; package inv.v1;
    import "inv/v1/item.proto";
    message GetItemRequest { optional string sku = 1; }
    service Inventory { rpc GetItem(GetItemRequest) returns (Item); }`,
  "inv/v1/notes.proto": `syntax = "proto2"; package inv.v1;
    import "inv/v1/item.proto";
    extend Item { optional string note = 100; repeated int32 tags = 150; }
    message Scoped { extend Item { optional bool fragile = 120; } }`,
};

function loadInventory(): { registry: Registry; Inventory: DescServiceDefinition } {
  const registry = loadProto(["inv/v1/inventory.proto", "inv/v1/notes.proto"], { sources: inventorySources });
  return { registry, Inventory: serviceFromDesc(registry.getService("inv.v1.Inventory")!) };
}

const FileDescriptorProtoDesc = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorProto")!;

/** The file names in a file_descriptor_response, in order; fails on any other answer. */
function fileNames(res: v1.ServerReflectionResponse): string[] {
  assert.equal(res.messageResponse.case, "fileDescriptorResponse", `want files, got ${JSON.stringify(res.messageResponse)}`);
  return res.messageResponse.value.fileDescriptorProto.map((b) => (fromBinary(FileDescriptorProtoDesc, b) as unknown as FileDescriptorProto).name!);
}

describe("reflection service with Spindle's client", () => {
  let server: Server;
  let channel: Channel;
  let registry: Registry;

  before(async () => {
    const loaded = loadInventory();
    registry = loaded.registry;
    server = createServer();
    server.addService(loaded.Inventory, { getItem: async () => ({ sku: "x" }) });
    server.addService(Catalog, { getProduct: async () => ({}), async *listProducts() {}, bulk: async () => ({}), async *chat() {} });
    createReflectionService([Catalog, loaded.Inventory, loaded.registry.getFile("inv/v1/notes.proto")!]).addTo(server);
    const port = await server.listen("127.0.0.1:0");
    channel = createChannel(`127.0.0.1:${port}`);
  });
  after(async () => {
    channel.close();
    await server.shutdown({ graceMs: 1000 });
  });

  /** Sends each request on one v1 (or v1alpha) stream and collects the answers in order. */
  async function ask(requests: v1.ServerReflectionRequest["messageRequest"][], version: "v1" | "v1alpha" = "v1"): Promise<v1.ServerReflectionResponse[]> {
    const input = requests.map((messageRequest) => ({ host: "h", messageRequest }));
    const out: v1.ServerReflectionResponse[] = [];
    if (version === "v1") {
      for await (const res of createClient(v1.ServerReflection, channel).serverReflectionInfo(input)) out.push(res);
    } else {
      const reqs = input as v1alpha.ServerReflectionRequest[];
      for await (const res of createClient(v1alpha.ServerReflection, channel).serverReflectionInfo(reqs)) out.push(res as v1.ServerReflectionResponse);
    }
    assert.equal(out.length, requests.length, "one response per request");
    return out;
  }

  it("lists the given services and its own, in both versions", async () => {
    const want = ["shop.v1.Catalog", "inv.v1.Inventory", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"];
    for (const version of ["v1", "v1alpha"] as const) {
      const [res] = await ask([{ case: "listServices", value: "" }], version);
      assert.equal(res!.messageResponse.case, "listServicesResponse");
      assert.deepEqual(res!.messageResponse.value!.service, want.map((name) => ({ name })));
    }
  });

  it("echoes the request and host in every response", async () => {
    const [res] = await ask([{ case: "fileByFilename", value: "shop.proto" }]);
    assert.equal(res!.validHost, "h");
    assert.deepEqual(res!.originalRequest?.messageRequest, { case: "fileByFilename", value: "shop.proto" });
  });

  it("finds the file declaring each kind of symbol, with its imports, each once", async () => {
    const item = ["inv/v1/item.proto", "inv/v1/common.proto", "google/protobuf/timestamp.proto"];
    const cases: [string, string[]][] = [
      ["shop.v1.Catalog", ["shop.proto"]], // service
      ["shop.v1.Catalog.GetProduct", ["shop.proto"]], // method
      ["shop.v1.Product", ["shop.proto"]], // message
      ["shop.v1.Product.price", ["shop.proto"]], // field
      ["inv.v1.Inventory", ["inv/v1/inventory.proto", ...item]], // transitive imports
      ["inv.v1.Item", item],
      ["inv.v1.Item.Dimensions", item], // nested message
      ["inv.v1.Item.Kind", item], // nested enum
      ["inv.v1.Item.KIND_TOOL", item], // enum value, scoped beside its enum
      ["inv.v1.COLOR_RED", item],
      ["inv.v1.Color", item], // top-level enum
      ["inv.v1.Item.where", item], // oneof
      [".inv.v1.Money", ["inv/v1/common.proto"]], // leading dot
      ["inv.v1.note", ["inv/v1/notes.proto", ...item]], // extension
      ["inv.v1.Scoped.fragile", ["inv/v1/notes.proto", ...item]], // extension declared in a message
      ["google.protobuf.Timestamp", ["google/protobuf/timestamp.proto"]], // from a dependency
      ["grpc.reflection.v1alpha.ServerReflection", ["grpc/reflection/v1alpha/reflection.proto"]],
    ];
    const answers = await ask(cases.map(([symbol]) => ({ case: "fileContainingSymbol", value: symbol })));
    cases.forEach(([symbol, want], i) => assert.deepEqual(fileNames(answers[i]!), want, `symbol ${symbol}`));
  });

  it("serves files by name, and the files link on their own (a client can rebuild the schema)", async () => {
    const [res] = await ask([{ case: "fileByFilename", value: "inv/v1/inventory.proto" }]);
    const protos = (res!.messageResponse.value as v1.FileDescriptorResponse).fileDescriptorProto.map(
      (b) => fromBinary(FileDescriptorProtoDesc, b) as unknown as FileDescriptorProto,
    );
    const rebuilt = createRegistry({ file: protos });
    const method = rebuilt.getService("inv.v1.Inventory")!.methods[0]!;
    assert.equal(method.input.typeName, "inv.v1.GetItemRequest");
    assert.deepEqual(
      rebuilt.getMessage("inv.v1.Item")!.fields.map((f) => f.name),
      registry.getMessage("inv.v1.Item")!.fields.map((f) => f.name),
    );
  });

  it("finds files by extension and lists extension numbers", async () => {
    const [byExt, byScopedExt, numbers, none] = await ask([
      { case: "fileContainingExtension", value: { containingType: "inv.v1.Item", extensionNumber: 150 } },
      { case: "fileContainingExtension", value: { containingType: "inv.v1.Item", extensionNumber: 120 } },
      { case: "allExtensionNumbersOfType", value: "inv.v1.Item" },
      { case: "allExtensionNumbersOfType", value: "inv.v1.Money" },
    ]);
    assert.deepEqual(fileNames(byExt!)[0], "inv/v1/notes.proto");
    assert.deepEqual(fileNames(byScopedExt!)[0], "inv/v1/notes.proto");
    assert.deepEqual(numbers!.messageResponse, { case: "allExtensionNumbersResponse", value: { baseTypeName: "inv.v1.Item", extensionNumber: [100, 120, 150] } });
    assert.deepEqual(none!.messageResponse, { case: "allExtensionNumbersResponse", value: { baseTypeName: "inv.v1.Money", extensionNumber: [] } });
  });

  it("answers unknown names with NOT_FOUND error responses and keeps the stream going", async () => {
    const answers = await ask([
      { case: "fileByFilename", value: "nope.proto" },
      { case: "fileContainingSymbol", value: "no.such.Symbol" },
      { case: "fileContainingSymbol", value: "" },
      { case: "fileContainingExtension", value: { containingType: "inv.v1.Item", extensionNumber: 199 } },
      { case: "fileContainingExtension", value: { containingType: "no.Such", extensionNumber: 1 } },
      { case: "allExtensionNumbersOfType", value: "no.Such" },
      { case: undefined },
      { case: "listServices", value: "" },
    ]);
    const codes = answers.map((a) => (a.messageResponse.case === "errorResponse" ? a.messageResponse.value.errorCode : "ok"));
    assert.deepEqual(codes, [Status.NOT_FOUND, Status.NOT_FOUND, Status.NOT_FOUND, Status.NOT_FOUND, Status.NOT_FOUND, Status.NOT_FOUND, Status.INVALID_ARGUMENT, "ok"]);
    const first = answers[0]!.messageResponse.value as v1.ErrorResponse;
    assert.match(first.errorMessage, /nope\.proto/);
  });

  it("answers requests as they arrive on a long-lived stream", async () => {
    const requests = createWritableIterable<v1.ServerReflectionRequest>();
    const responses = createClient(v1.ServerReflection, channel).serverReflectionInfo(requests)[Symbol.asyncIterator]();
    try {
      for (const symbol of ["shop.v1.Product", "inv.v1.Money"]) {
        await requests.write({ host: "", messageRequest: { case: "fileContainingSymbol", value: symbol } });
        const res = await responses.next();
        assert.equal(res.done, false);
        assert.equal(res.value.messageResponse.case, "fileDescriptorResponse");
      }
    } finally {
      requests.close();
    }
    assert.equal((await responses.next()).done, true);
  });

  it("rejects a malformed request message with INTERNAL or INVALID_ARGUMENT, not a crash", async () => {
    // Field 4 (file_containing_symbol) with a varint wire type: undecodable.
    const bogus = {
      ...v1.ServerReflection.methods.serverReflectionInfo,
      serializeRequest: () => new Uint8Array([0x20, 0x01]),
    };
    const client = createClient({ typeName: v1.ServerReflection.typeName, methods: { serverReflectionInfo: bogus } }, channel);
    await assert.rejects(
      (async () => {
        for await (const _ of client.serverReflectionInfo([{ host: "", messageRequest: { case: undefined } }])) void _;
      })(),
      (e: unknown) => e instanceof RpcError && (e.code === Status.INTERNAL || e.code === Status.INVALID_ARGUMENT),
    );
  });
});

describe("createReflectionService", () => {
  it("accepts a registry (every service in it is listed) and can leave itself out", () => {
    const { registry } = loadInventory();
    assert.deepEqual(createReflectionService(registry, { isSelfListed: false }).serviceNames, ["inv.v1.Inventory"]);
    assert.deepEqual(createReflectionService(registry).serviceNames, [
      "inv.v1.Inventory",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
    ]);
  });

  it("lists a service defined without descriptors, though it cannot describe it", () => {
    const Plain = { typeName: "plain.Echo", methods: {} };
    assert.deepEqual(createReflectionService([Plain], { isSelfListed: false }).serviceNames, ["plain.Echo"]);
  });
});

describe("reflection service with buf curl", () => {
  let server: Server;
  let address: string;
  before(async () => {
    const started = await startShopServer();
    server = started.server;
    address = started.address;
    const { Inventory } = loadInventory();
    // A loaded (not generated) service, so buf must read its schema from reflection alone.
    server.addService(Inventory, { getItem: async (req) => ({ sku: `got ${String(req.sku)}`, shelf: "A3" }) });
  });
  after(() => server.shutdown({ graceMs: 1000 }));

  it("lists services and methods, over v1 and v1alpha", async () => {
    const [services, methods, alpha] = await Promise.all([
      bufCurl(["--list-services", `http://${address}`]),
      bufCurl(["--list-methods", `http://${address}`]),
      bufCurl(["--reflect-protocol", "grpc-v1alpha", "--list-methods", `http://${address}`]),
    ]);
    assert.equal(services.code, 0, services.stderr);
    assert.deepEqual(services.stdout.trim().split("\n"), [
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
      "shop.v1.Catalog",
    ]);
    assert.equal(methods.code, 0, methods.stderr);
    for (const m of ["shop.v1.Catalog/GetProduct", "shop.v1.Catalog/ListProducts", "shop.v1.Catalog/Bulk", "shop.v1.Catalog/Chat", "grpc.health.v1.Health/Watch"]) {
      assert.ok(methods.stdout.includes(m), `--list-methods lacks ${m}:\n${methods.stdout}`);
    }
    assert.equal(alpha.code, 0, alpha.stderr);
    assert.equal(alpha.stdout, methods.stdout);
  });

  it("calls unary and streaming methods knowing only what reflection said", async () => {
    const auth = ["-H", `authorization: Bearer ${shopToken}`];
    const [get, list, health, chat] = await Promise.all([
      bufCurl([...auth, "-d", '{"id":"p2"}', `http://${address}/shop.v1.Catalog/GetProduct`]),
      bufCurl([...auth, "-d", "{}", `http://${address}/shop.v1.Catalog/ListProducts`]),
      bufCurl(["-d", '{"service":"shop.v1.Catalog"}', `http://${address}/grpc.health.v1.Health/Check`]),
      // Bidi streaming: several request messages, one after another on stdin.
      bufCurl([...auth, "-d", "@-", `http://${address}/shop.v1.Catalog/Chat`], '{"text":"hi"}\n{"text":"bye"}\n'),
    ]);
    assert.equal(chat.code, 0, chat.stderr);
    assert.deepEqual(
      chat.stdout.trim().split(/\n(?=\{)/).map((m) => JSON.parse(m)),
      [{ text: "echo: hi" }, { text: "echo: bye" }],
    );
    assert.equal(get.code, 0, get.stderr);
    assert.deepEqual(JSON.parse(get.stdout), { id: "p2", name: "Bobbin", price: 350 });
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout.match(/"id":/g)?.length, 4, list.stdout);
    assert.equal(health.code, 0, health.stderr);
    assert.deepEqual(JSON.parse(health.stdout), { status: "SERVING" });
  });

  it("fails cleanly for a served service that reflection was not given", async () => {
    // inv.v1.Inventory is served, but reflection only knows Catalog and Health: buf cannot find its schema.
    const res = await bufCurl(["-d", '{"sku":"s1"}', `http://${address}/inv.v1.Inventory/GetItem`]);
    assert.notEqual(res.code, 0);
    assert.match(res.stderr, /inv\.v1\.Inventory/);
  });
});

describe("reflection of a loadProto service with buf curl", () => {
  it("calls it with proto2 fields, a oneof and imported types, all from reflection", async () => {
    const { registry, Inventory } = loadInventory();
    const server = createServer();
    server.addService(Inventory, { getItem: async (req) => ({ sku: `got ${String(req.sku)}`, price: { cents: 1250n }, where: { case: "shelf", value: "A3" } }) });
    createReflectionService(registry).addTo(server);
    const port = await server.listen("127.0.0.1:0");
    try {
      const res = await bufCurl(["-d", '{"sku":"s1"}', `http://127.0.0.1:${port}/inv.v1.Inventory/GetItem`]);
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual(JSON.parse(res.stdout), { sku: "got s1", price: { cents: "1250" }, shelf: "A3" });
    } finally {
      await server.shutdown({ graceMs: 1000 });
    }
  });
});
