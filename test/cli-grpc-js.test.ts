// `spindle call` against another implementation: an @grpc/grpc-js server (no reflection there, so the
// schema comes from --proto).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { spindle } from "./cli-helpers.js";

const shopDir = fileURLToPath(new URL("../examples/shop", import.meta.url)).replace(/dist[/\\]examples/, "examples");

let server: grpc.Server;
let address = "";

before(async () => {
  const definition = protoLoader.loadSync("shop.proto", { includeDirs: [shopDir] });
  const shop = grpc.loadPackageDefinition(definition) as unknown as { shop: { v1: { Catalog: grpc.ServiceClientConstructor } } };
  server = new grpc.Server();
  server.addService(shop.shop.v1.Catalog.service, {
    getProduct(call: grpc.ServerUnaryCall<{ id: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      if (call.request.id !== "g1") {
        callback({ code: grpc.status.NOT_FOUND, details: `grpc-js has no ${call.request.id}` });
        return;
      }
      const md = new grpc.Metadata();
      md.set("x-impl", "grpc-js");
      call.sendMetadata(md);
      callback(null, { id: "g1", name: "From grpc-js", price: 7 });
    },
    chat(call: grpc.ServerDuplexStream<{ text: string }, unknown>) {
      call.on("data", (m: { text: string }) => call.write({ text: `js: ${m.text}` }));
      call.on("end", () => call.end());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  address = `127.0.0.1:${port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
});

describe("spindle call against @grpc/grpc-js", () => {
  const flags = () => ["--plaintext", "--proto", "shop.proto", "-I", shopDir];

  it("makes a unary call and shows grpc-js's headers with -v", async () => {
    const r = await spindle(["call", ...flags(), "-v", "-d", '{"id":"g1"}', address, "shop.v1.Catalog/GetProduct"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { id: "g1", name: "From grpc-js", price: 7 });
    assert.match(r.stderr, /x-impl: grpc-js/);
  });

  it("runs a bidi stream from stdin", async () => {
    const r = await spindle(["call", ...flags(), "--compact", "-d", "@-", address, "shop.v1.Catalog.Chat"], { stdin: '{"text":"1"}{"text":"2"}' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"text":"js: 1"}\n{"text":"js: 2"}\n');
  });

  it("reports grpc-js's status with grpcurl's exit code", async () => {
    const r = await spindle(["call", ...flags(), "-d", '{"id":"x"}', address, "shop.v1.Catalog/GetProduct"]);
    assert.equal(r.code, 64 + 5);
    assert.equal(r.stderr, "ERROR: NOT_FOUND: grpc-js has no x\n");
  });

  it("falls back from reflection with a clear message when the server has none", async () => {
    const r = await spindle(["list", "--plaintext", address]);
    assert.equal(r.code, 64 + 12);
    assert.match(r.stderr, /does not offer reflection/);
  });
});
