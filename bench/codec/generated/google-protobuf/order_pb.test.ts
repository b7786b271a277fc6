// The hand-written google-protobuf classes against Spindle's reflection codec, on the edges the benchmark's
// fixtures do not reach: defaults, unknown fields, unpacked repeated scalars, 64-bit extremes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fromBinary, toBinary, type Message } from "../../../../src/protobuf/index.js";
import { createBenchRegistry } from "../../contenders.js";
import { repoRoot } from "../../../../test/diff/diff-schema.js";
import { LineItem, Order } from "./order_pb.js";
import { Product } from "./product_pb.js";

const registry = createBenchRegistry(join(repoRoot, "bench", "codec", "protos"), ["product.proto", "order.proto"]);
const orderDesc = registry.getMessage("bench.v1.Order")!;

describe("hand-written google-protobuf classes", () => {
  it("encode a message of defaults to no bytes", () => {
    assert.equal(new Order().serializeBinary().length, 0);
    assert.equal(new Product().serializeBinary().length, 0);
  });

  const cases: { name: string; order: Message; check(o: Order): void }[] = [
    {
      name: "trace_id above 2^53 round-trips as a decimal string",
      order: { traceId: 0xffffffffffffffffn },
      check: (o) => assert.equal(o.getTraceId(), "18446744073709551615"),
    },
    {
      name: "negative sint32 and int64 map values read back",
      order: { priority: -2147483648, counters: { a: -5n } },
      check: (o) => {
        assert.equal(o.getPriority(), -2147483648);
        assert.equal(o.getCountersMap().get("a"), -5);
      },
    },
    {
      name: "nested messages, repeated strings and bytes read back",
      order: { items: [{ product: { id: "p", name: "n", price: 3 }, optionIds: [1, 2, 300] }], tags: ["x", "é"], signature: new Uint8Array([0, 255]) },
      check: (o) => {
        assert.equal(o.getItemsList()[0]!.getProduct()!.getPrice(), 3);
        assert.deepEqual(o.getItemsList()[0]!.getOptionIdsList(), [1, 2, 300]);
        assert.deepEqual(o.getTagsList(), ["x", "é"]);
        assert.deepEqual([...o.getSignature_asU8()], [0, 255]);
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const bytes = toBinary(orderDesc, c.order);
      const decoded = Order.deserializeBinary(bytes);
      c.check(decoded);
      assert.deepEqual(fromBinary(orderDesc, decoded.serializeBinary()), fromBinary(orderDesc, bytes));
    });
  }

  it("reads option_ids written unpacked as well as packed", () => {
    // field 4, wire type 0, twice: 7 then 8.
    const item = LineItem.deserializeBinary(new Uint8Array([0x20, 7, 0x20, 8]));
    assert.deepEqual(item.getOptionIdsList(), [7, 8]);
  });

  it("skips unknown fields", () => {
    // field 15 (varint 1) before field 1 ("a").
    const product = Product.deserializeBinary(new Uint8Array([0x78, 1, 0x0a, 1, 0x61]));
    assert.equal(product.getId(), "a");
  });
});
