// An independent gRPC-Web client calls the Spindle server: @connectrpc/connect-web's gRPC-Web transport on
// Node's fetch, with protobuf-es schemas built at run time from the FileDescriptorSet Debian's protoc makes.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, ConnectError, Code, decodeBinaryHeader, type Client } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { createFileRegistry, fromBinary, type DescService } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import type { Server } from "../src/server/index.js";
import { BINARY_TRAILER, TOKEN, startWebServer } from "./web-helpers.js";

/** examples/shop/shop.proto, found from this file in test/ and in dist/test/. */
function shopProtoDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      readFileSync(join(dir, "examples/shop/shop.proto"));
      return join(dir, "examples/shop");
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error("examples/shop/shop.proto not found");
}

function catalogService(): DescService {
  const tmp = mkdtempSync(join(tmpdir(), "spindle-web-"));
  try {
    const out = join(tmp, "shop.binpb");
    execFileSync("/usr/bin/protoc", [`--proto_path=${shopProtoDir()}`, `--descriptor_set_out=${out}`, "shop.proto"]);
    const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(out)));
    const service = registry.getService("shop.v1.Catalog");
    if (service === undefined) throw new Error("shop.v1.Catalog missing from the descriptor set");
    return service;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe("@connectrpc/connect-web gRPC-Web client → Spindle server", () => {
  let server: Server;
  let baseUrl: string;
  let service: DescService;
  before(async () => {
    service = catalogService();
    ({ server, baseUrl } = await startWebServer());
  });
  after(() => server.shutdown({ graceMs: 1000 }));

  const headers = { authorization: `Bearer ${TOKEN}` };
  function client(): Client<DescService> {
    return createClient(service, createGrpcWebTransport({ baseUrl, useBinaryFormat: true })) as unknown as Client<DescService>;
  }
  type Untyped = Record<string, (req: unknown, opts?: unknown) => unknown>;

  it("makes a unary call", async () => {
    const res = (await (client() as unknown as Untyped).getProduct!({ id: "p1" }, { headers })) as { id: string; name: string; price: number };
    assert.equal(res.id, "p1");
    assert.equal(res.name, "Spindle");
    assert.equal(res.price, 1200);
  });

  it("reads a server stream", async () => {
    const ids: string[] = [];
    for await (const p of (client() as unknown as Untyped).listProducts!({}, { headers }) as AsyncIterable<{ id: string }>) ids.push(p.id);
    assert.deepEqual(ids, ["p1", "p2", "p3", "p4"]);
  });

  it("reads a trailers-only error with its code and message", async () => {
    await assert.rejects((client() as unknown as Untyped).getProduct!({ id: "zz" }, { headers }) as Promise<unknown>, (e: unknown) => {
      const err = ConnectError.from(e);
      return err.code === Code.NotFound && /no product with id "zz"/.test(err.rawMessage);
    });
  });

  it("reads rich error details and error metadata", async () => {
    const e = await ((client() as unknown as Untyped).getProduct!({ id: "rich" }, { headers }) as Promise<unknown>).then(() => undefined, (x: unknown) => x);
    const err = ConnectError.from(e);
    assert.equal(err.code, Code.FailedPrecondition);
    assert.equal(err.rawMessage, "stock is frozen: ünïcode");
    assert.equal(err.metadata.get("x-reason"), "frozen");
    // google.rpc.ErrorInfo is not among protobuf-es's well-known types: check the raw detail.
    const detail = err.details[0] as { type: string; value: Uint8Array } | undefined;
    assert.equal(detail?.type, "google.rpc.ErrorInfo");
    assert.ok(Buffer.from(detail.value).includes("FROZEN"));
  });

  it("gets response headers and trailers", async () => {
    let responseHeader: Headers | undefined;
    let responseTrailer: Headers | undefined;
    await (client() as unknown as Untyped).getProduct!({ id: "hdr" }, { headers, onHeader: (h: Headers) => (responseHeader = h), onTrailer: (t: Headers) => (responseTrailer = t) });
    assert.equal(responseHeader?.get("x-served-by"), "catalog-1");
    assert.equal(responseTrailer?.get("x-trailer"), "done");
    // connect-web reads the trailers frame itself: a -bin trailer is base64 there, and decodes to the bytes sent.
    assert.deepEqual(decodeBinaryHeader(responseTrailer?.get("x-trailer-bin") ?? ""), BINARY_TRAILER);
  });

  it("reads rich error details from a trailers frame that follows a message", async () => {
    const ids: string[] = [];
    const e = await (async () => {
      for await (const p of (client() as unknown as Untyped).listProducts!({ category: "rich" }, { headers }) as AsyncIterable<{ id: string }>) ids.push(p.id);
    })().then(() => undefined, (x: unknown) => x);
    const err = ConnectError.from(e);
    assert.deepEqual(ids, ["p1"]);
    assert.equal(err.code, Code.FailedPrecondition);
    assert.equal(err.metadata.get("x-reason"), "frozen");
    assert.equal((err.details[0] as { type: string } | undefined)?.type, "google.rpc.ErrorInfo");
  });

  it("sees DEADLINE_EXCEEDED when its timeout passes mid-stream", async () => {
    await assert.rejects(
      (async () => {
        for await (const _ of (client() as unknown as Untyped).listProducts!({ category: "slow" }, { headers, timeoutMs: 150 }) as AsyncIterable<unknown>);
      })(),
      (e: unknown) => ConnectError.from(e).code === Code.DeadlineExceeded,
    );
  });
});
