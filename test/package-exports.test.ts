// What users import: package.json's subpath exports point at the bundled library (dist/bundle/lib, written
// by scripts/bundle.ts). Each bundle must export what its unbundled module exports, and the subpaths must
// share one copy of every class, so that an RpcError thrown by the client is an RpcError of spindle/grpc.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type * as ClientModule from "../src/client/index.js";
import type * as CompilerModule from "../src/compiler/index.js";
import type * as GrpcModule from "../src/grpc/index.js";
import type * as ServerModule from "../src/server/index.js";

/** The package root: the nearest package.json above this file (test/ under tsx, dist/test/ compiled). */
const root = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
})();
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
};
const subpaths = Object.entries(pkg.exports).flatMap(([key, target]) => (typeof target === "string" ? [] : [{ key, target }]));
const built = subpaths.every(({ target }) => existsSync(join(root, target.default)));

/** Imports a subpath the way a user does: by the package's name (Node resolves a package's own name). */
function importSpecifier<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}

describe("package exports", { skip: built ? false : "needs the bundle from `npm run build`" }, () => {
  for (const { key, target } of subpaths) {
    it(`${pkg.name}${key.slice(1)} exports what dist/src exports, with types beside it`, async () => {
      assert.match(target.default, /^\.\/dist\/bundle\/lib\/.+\.js$/);
      const unbundled = target.default.replace("./dist/bundle/lib/", "./dist/src/");
      assert.equal(target.types, unbundled.replace(/\.js$/, ".d.ts"));
      assert.ok(existsSync(join(root, target.types)), target.types);
      const [bundled, original] = await Promise.all([
        importSpecifier<Record<string, unknown>>(`${pkg.name}${key.slice(1)}`),
        importSpecifier<Record<string, unknown>>(join(root, unbundled)),
      ]);
      assert.deepEqual(Object.keys(bundled).sort(), Object.keys(original).sort());
      assert.ok(Object.keys(bundled).length > 0);
    });
  }

  it("tsconfig.json maps each export to its source, so code here can import the package by name", () => {
    // tsconfig.json is JSON with line comments.
    const text = readFileSync(join(root, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, "");
    const paths = (JSON.parse(text) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
    const want = Object.fromEntries(
      subpaths.map(({ key, target }) => [`${pkg.name}${key.slice(1)}`, [target.default.replace("./dist/bundle/lib/", "./src/").replace(/\.js$/, ".ts")]]),
    );
    assert.deepEqual(paths, want);
  });

  it("a call through the bundled server and client fails with spindle/grpc's own RpcError", async () => {
    const [{ loadProto }, { RpcError, Status, serviceFromDesc }, { createServer }, { createChannel, createClient }] = await Promise.all([
      importSpecifier<typeof CompilerModule>(`${pkg.name}/compiler`),
      importSpecifier<typeof GrpcModule>(`${pkg.name}/grpc`),
      importSpecifier<typeof ServerModule>(`${pkg.name}/server`),
      importSpecifier<typeof ClientModule>(`${pkg.name}/client`),
    ]);
    const registry = loadProto("shop.proto", { includeDirs: [join(root, "examples", "shop")] });
    const Catalog = serviceFromDesc(registry.getService("shop.v1.Catalog")!);
    const server = createServer();
    const unimplemented = async (): Promise<never> => {
      throw new RpcError(Status.UNIMPLEMENTED, "not in this test");
    };
    server.addService(Catalog, {
      async getProduct() {
        throw new RpcError(Status.NOT_FOUND, "no such product");
      },
      listProducts: unimplemented,
      bulk: unimplemented,
      chat: unimplemented,
    });
    const port = await server.listen("127.0.0.1:0");
    const channel = createChannel(`127.0.0.1:${port}`);
    try {
      const catalog = createClient(Catalog, channel) as unknown as { getProduct(req: object): Promise<unknown> };
      await assert.rejects(catalog.getProduct({ id: "x" }), (e: unknown) => {
        assert.ok(e instanceof RpcError, "the client's error is spindle/grpc's RpcError");
        assert.equal(e.code, Status.NOT_FOUND);
        assert.equal(e.message.includes("no such product"), true);
        return true;
      });
    } finally {
      channel.close();
      await server.shutdown({ graceMs: 0 });
    }
  });
});
