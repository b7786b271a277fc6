// `npm start`: the shop.v1.Catalog demo. Starts a Spindle server, then walks a typed client through the four
// RPC styles, metadata, deadlines and status codes. `--serve` keeps the server up for other clients
// (grpcurl, buf curl, the Python or grpc-js clients) instead of exiting.
import { parseArgs } from "node:util";
import { RpcError, Status } from "../../src/grpc/index.js";
import { createServer } from "../../src/server/index.js";
import { createHealthService } from "../../src/server/health.js";
import { createReflectionService } from "../../src/server/reflection.js";
import { createChannel, createClient, bearerToken } from "../../src/client/index.js";
import { Catalog } from "../../gen/shop.js";
import { createCatalog, sampleProducts } from "./catalog.js";

const { values } = parseArgs({
  options: { port: { type: "string", default: "50051" }, host: { type: "string", default: "127.0.0.1" }, serve: { type: "boolean", default: false } },
});
const token = "demo-token";

const server = createServer();
server.addService(Catalog, createCatalog(sampleProducts(), token));
// Health and reflection, so that `buf curl --protocol grpc --http2-prior-knowledge --list-methods` and load
// balancers' health checks work against the demo without its .proto file.
const health = createHealthService({ statuses: { "shop.v1.Catalog": "SERVING" } });
health.addTo(server);
createReflectionService([Catalog, health.definition]).addTo(server);
const port = await server.listen(`${values.host}:${values.port}`);
console.log(`shop.v1.Catalog listening on ${values.host}:${port}`);

if (values.serve) {
  process.once("SIGINT", () => void server.shutdown({ graceMs: 2000 }));
} else {
  const channel = createChannel(`${values.host}:${port}`);
  const catalog = createClient(Catalog, channel);
  const auth = { metadata: { authorization: `Bearer ${token}` } };
  try {
    console.log("\n# unary: getProduct with a 2 s deadline");
    const p = await catalog.getProduct({ id: "p1" }, { ...auth, timeout: 2000 });
    console.log(`  ${p.id} ${p.name} ${p.price}`);

    console.log("\n# server streaming: listProducts");
    for await (const product of catalog.listProducts({ category: "" }, auth)) console.log(`  ${product.id} ${product.name}`);

    console.log("\n# client streaming: bulk");
    async function* uploads() {
      for (let i = 0; i < 3; i++) yield { id: `n${i}`, name: `New ${i}`, price: 100 + i };
    }
    const result = await catalog.bulk(uploads(), auth);
    console.log(`  written: ${result.written}`);

    console.log("\n# bidirectional streaming: chat");
    async function* lines() {
      for (const text of ["hello", "how much is a loom?"]) yield { text };
    }
    for await (const reply of catalog.chat(lines(), auth)) console.log(`  ${reply.text}`);

    console.log("\n# status codes");
    await expectError("unknown id", () => catalog.getProduct({ id: "nope" }, auth));
    await expectError("no token", () => catalog.getProduct({ id: "p1" }));
    await expectError("150 ms deadline on a slow stream", async () => {
      for await (const _ of catalog.listProducts({ category: "slow" }, { ...auth, timeout: 150 })) void _;
    });

    console.log("\n# per-channel call credentials");
    const authed = createClient(Catalog, createChannel(`${values.host}:${port}`, { callCredentials: bearerToken(token), allowInsecureCallCredentials: true /* plaintext loopback demo */ }));
    console.log(`  ${(await authed.getProduct({ id: "p3" })).name}`);
  } finally {
    channel.close();
    await server.shutdown({ graceMs: 1000 });
  }
}

async function expectError(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    console.log(`  ${what}: unexpectedly succeeded`);
    process.exitCode = 1;
  } catch (e) {
    const err = RpcError.from(e);
    console.log(`  ${what}: ${Status[err.code]} (${err.rawMessage})`);
  }
}
