// The codec benchmark's contenders, checked without timing: each must encode and decode both fixtures
// exactly as Spindle reads them, so the numbers in bench/README.md compare the same work.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { contenderFactories, createBenchRegistry, verifyContender, type BenchContext, type CodecContender } from "./contenders.js";
import { createFixtures } from "./fixtures.js";
import { repoRoot } from "../../test/diff/diff-schema.js";

describe("codec benchmark contenders", () => {
  let context: BenchContext;
  let contenders: CodecContender[] = [];
  before(async () => {
    const protoDir = join(repoRoot, "bench", "codec", "protos");
    const protoFiles = ["product.proto", "order.proto"];
    context = { repoRoot, protoDir, protoFiles, registry: createBenchRegistry(protoDir, protoFiles) };
    contenders = await Promise.all(contenderFactories.map((make) => make(context)));
  });
  after(() => {
    for (const contender of contenders) contender.dispose?.();
  });

  it("builds the same fixtures from the same seed, with an order of 1-2 KB", () => {
    const [product, order] = createFixtures();
    assert.deepEqual(createFixtures(), [product, order]);
    assert.equal(product!.typeName, "shop.v1.Product");
    const size = contenders.length > 0 ? contenders[0]!.prepare(order!).encode().length : 0;
    assert.ok(size >= 1024 && size <= 2048, `order is ${size} bytes`);
  });

  it("encode and decode every fixture correctly, for every contender", () => {
    const names = contenders.map((c) => c.name);
    for (const name of ["protobufjs", "bufbuild", "google-protobuf", "spindle-reflection"]) assert.ok(names.includes(name), `${name} in ${names.join(", ")}`);
    for (const fixture of createFixtures()) for (const contender of contenders) verifyContender(context, fixture, contender);
  });
});
