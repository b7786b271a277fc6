/**
 * The codecs the benchmark measures side by side: protobufjs (static code), @bufbuild/protobuf (protoc-gen-es
 * code), google-protobuf (jspb classes in protoc-gen-js's shape) and Spindle's reflection and generated codecs. Adding one (Spindle's generated codecs, say) is one more entry in
 * {@link contenderFactories}.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create as bufCreate, fromBinary as bufFromBinary, toBinary as bufToBinary, type DescMessage as BufDescMessage } from "@bufbuild/protobuf";
import { createRegistry, equals, fromBinary, toBinary, type Message, type Registry } from "../../src/protobuf/index.js";
import { OrderSchema } from "./generated/bufbuild/order_pb.js";
import { ProductSchema } from "./generated/bufbuild/product_pb.js";
import type { BenchFixture } from "./fixtures.js";
import { loadPbjsStatic } from "./pbjs-static.js";
import { Order as SpindleOrder } from "./generated/spindle/order.js";
import { Product as SpindleProduct } from "./generated/spindle/product.js";
import { Address as JspbAddress, Customer as JspbCustomer, LineItem as JspbLineItem, Order as JspbOrder } from "./generated/google-protobuf/order_pb.js";
import { Product as JspbProduct } from "./generated/google-protobuf/product_pb.js";

/** One message type ready to measure: its own representation of the fixture is built outside the loops. */
export interface PreparedCodec {
  /** Encodes the fixture. */
  encode(): Uint8Array;
  /** Decodes bytes of the fixture's type into the contender's representation. */
  decode(bytes: Uint8Array): unknown;
  /** Encodes a value `decode` returned (used to check the contender before timing it). */
  encodeDecoded(decoded: unknown): Uint8Array;
}

/** A codec under measurement. */
export interface CodecContender {
  /** The name printed in results (`protobufjs`, `bufbuild`, `spindle-reflection`, …). */
  readonly name: string;
  prepare(fixture: BenchFixture): PreparedCodec;
  dispose?(): void;
}

/** What contenders share: where the protos are, and a registry linked from them by protoc. */
export interface BenchContext {
  readonly repoRoot: string;
  readonly protoDir: string;
  readonly protoFiles: readonly string[];
  /** The benchmark's protos, linked by Spindle from protoc's descriptor set. */
  readonly registry: Registry;
}

/** Creates a contender; may be slow (code generation), never timed. */
export type ContenderFactory = (context: BenchContext) => Promise<CodecContender>;

/** Links the benchmark's protos with Spindle, from `protoc --descriptor_set_out` (Debian's protoc). */
export function createBenchRegistry(protoDir: string, protoFiles: readonly string[]): Registry {
  const dir = mkdtempSync(join(tmpdir(), "spindle-bench-"));
  try {
    const out = join(dir, "set.pb");
    execFileSync("protoc", [`-I${protoDir}`, `--descriptor_set_out=${out}`, ...protoFiles.map((f) => join(protoDir, f))], { stdio: ["ignore", "pipe", "pipe"] });
    return createRegistry(new Uint8Array(readFileSync(out)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fixture in protobufjs's `fromObject` form: 64-bit integers as decimal strings (they become Longs). */
function toPbjsObject(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toPbjsObject);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPbjsObject(v)]));
}

const protobufjsStatic: ContenderFactory = async (context) => {
  const module = await loadPbjsStatic(context.repoRoot, context.protoDir, context.protoFiles);
  return {
    name: "protobufjs",
    prepare(fixture) {
      const type = module.type(fixture.typeName);
      const message = type.fromObject(toPbjsObject(fixture.message) as object);
      return {
        encode: () => type.encode(message).finish(),
        decode: (bytes) => type.decode(bytes),
        encodeDecoded: (decoded) => type.encode(decoded).finish(),
      };
    },
    dispose: () => module.dispose(),
  };
};

const bufbuildSchemas: Record<string, BufDescMessage> = {
  "shop.v1.Product": ProductSchema,
  "bench.v1.Order": OrderSchema,
};

const bufbuild: ContenderFactory = async () => ({
  name: "bufbuild",
  prepare(fixture) {
    const schema = bufbuildSchemas[fixture.typeName];
    if (!schema) throw new Error(`no @bufbuild/protobuf schema for ${fixture.typeName}`);
    const message = bufCreate(schema, fixture.message);
    return {
      encode: () => bufToBinary(schema, message),
      decode: (bytes) => bufFromBinary(schema, bytes),
      encodeDecoded: (decoded) => bufToBinary(schema, decoded as typeof message),
    };
  },
});

/** The fixture's plain objects, loosely typed: {@link createFixtures} fixes their shape. */
type Plain = { [key: string]: unknown };

function jspbProduct(p: Plain): JspbProduct {
  return new JspbProduct().setId(p.id as string).setName(p.name as string).setPrice(p.price as number);
}

function jspbAddress(a: Plain): JspbAddress {
  return new JspbAddress()
    .setLine1(a.line1 as string)
    .setLine2(a.line2 as string)
    .setCity(a.city as string)
    .setPostalCode(a.postalCode as string)
    .setCountryCode(a.countryCode as string);
}

/** The fixture order as jspb setters build it; 64-bit values become numbers (trace_id a decimal string). */
function jspbOrder(o: Plain): JspbOrder {
  const c = o.customer as Plain;
  const order = new JspbOrder()
    .setId(o.id as string)
    .setCreatedAtMs(Number(o.createdAtMs))
    .setCustomer(
      new JspbCustomer()
        .setId(c.id as string)
        .setName(c.name as string)
        .setEmail(c.email as string)
        .setSinceMs(Number(c.sinceMs))
        .setAddress(jspbAddress(c.address as Plain))
        .setVip(c.vip as boolean),
    )
    .setItemsList(
      (o.items as Plain[]).map((i) =>
        new JspbLineItem()
          .setProduct(jspbProduct(i.product as Plain))
          .setQuantity(i.quantity as number)
          .setPriceCents(Number(i.priceCents))
          .setOptionIdsList([...(i.optionIds as number[])])
          .setDiscount(i.discount as number),
      ),
    )
    .setSignature(o.signature as Uint8Array)
    .setShipping(jspbAddress(o.shipping as Plain))
    .setTagsList([...(o.tags as string[])])
    .setStatus(o.status as 0)
    .setTotalCents(Number(o.totalCents))
    .setTraceId(String(o.traceId))
    .setPriority(o.priority as number);
  for (const [k, v] of Object.entries(o.attributes as Record<string, string>)) order.getAttributesMap().set(k, v);
  for (const [k, v] of Object.entries(o.counters as Record<string, bigint>)) order.getCountersMap().set(k, Number(v));
  return order;
}

/** How each type is built from its fixture and read back, for google-protobuf. */
const jspbTypes: Record<string, { build(fixture: Plain): { serializeBinary(): Uint8Array }; deserializeBinary(bytes: Uint8Array): { serializeBinary(): Uint8Array } }> = {
  "shop.v1.Product": { build: jspbProduct, deserializeBinary: (b) => JspbProduct.deserializeBinary(b) },
  "bench.v1.Order": { build: jspbOrder, deserializeBinary: (b) => JspbOrder.deserializeBinary(b) },
};

/** google-protobuf 4.x with hand-written protoc-gen-js-shaped classes (see generated/google-protobuf/README.md). */
const googleProtobuf: ContenderFactory = async () => ({
  name: "google-protobuf",
  prepare(fixture) {
    const type = jspbTypes[fixture.typeName];
    if (!type) throw new Error(`no google-protobuf class for ${fixture.typeName}`);
    const message = type.build(fixture.message);
    return {
      encode: () => message.serializeBinary(),
      decode: (bytes) => type.deserializeBinary(bytes),
      encodeDecoded: (decoded) => (decoded as { serializeBinary(): Uint8Array }).serializeBinary(),
    };
  },
});

const spindleReflection: ContenderFactory = async (context) => ({
  name: "spindle-reflection",
  prepare(fixture) {
    const desc = context.registry.getMessage(fixture.typeName);
    if (!desc) throw new Error(`no Spindle descriptor for ${fixture.typeName}`);
    const message = fixture.message as Message;
    return {
      encode: () => toBinary(desc, message),
      decode: (bytes) => fromBinary(desc, bytes),
      encodeDecoded: (decoded) => toBinary(desc, decoded as Message),
    };
  },
});

/** Spindle's generated codecs (`npm run gen` writes bench/codec/generated/spindle; codegen owns the entry). */
const spindleGeneratedTypes: Record<string, { encode(m: object): Uint8Array; decode(b: Uint8Array): object }> = {
  "shop.v1.Product": SpindleProduct as never,
  "bench.v1.Order": SpindleOrder as never,
};

const spindleGenerated: ContenderFactory = async () => ({
  name: "spindle-generated",
  prepare(fixture) {
    const type = spindleGeneratedTypes[fixture.typeName];
    if (!type) throw new Error(`no generated Spindle code for ${fixture.typeName}`);
    const message = fixture.message as object;
    return {
      encode: () => type.encode(message),
      decode: (bytes) => type.decode(bytes),
      encodeDecoded: (decoded) => type.encode(decoded as object),
    };
  },
});

/**
 * Every contender, in the order results print. Spindle's generated codecs (codegen) join here as one entry;
 * ratios are printed for every `spindle-*` contender against the ones named in {@link anchorNames}.
 */
export const contenderFactories: ContenderFactory[] = [protobufjsStatic, bufbuild, googleProtobuf, spindleReflection, spindleGenerated];

/** The contenders Spindle is compared with in the ratio columns. */
export const anchorNames: readonly string[] = ["protobufjs", "bufbuild", "google-protobuf"];

/**
 * Checks a contender before it is timed: its encoding of the fixture, and its decoding of Spindle's encoding
 * (re-encoded by the contender), must both read back with Spindle as the fixture.
 * Throws naming the contender and type when either differs.
 */
export function verifyContender(context: BenchContext, fixture: BenchFixture, contender: CodecContender): void {
  const desc = context.registry.getMessage(fixture.typeName);
  if (!desc) throw new Error(`no Spindle descriptor for ${fixture.typeName}`);
  const want = fixture.message as Message;
  const prepared = contender.prepare(fixture);
  if (!equals(desc, fromBinary(desc, prepared.encode()), want)) throw new Error(`${contender.name} encodes ${fixture.typeName} wrongly`);
  const again = prepared.encodeDecoded(prepared.decode(toBinary(desc, want)));
  if (!equals(desc, fromBinary(desc, again), want)) throw new Error(`${contender.name} decodes ${fixture.typeName} wrongly`);
}
