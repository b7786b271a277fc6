/**
 * The codecs the benchmark measures side by side: protobufjs (static code), @bufbuild/protobuf (protoc-gen-es
 * code) and Spindle's reflection codec. Adding one (Spindle's generated codecs, say) is one more entry in
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
export const contenderFactories: ContenderFactory[] = [protobufjsStatic, bufbuild, spindleReflection, spindleGenerated];

/** The contenders Spindle is compared with in the ratio columns. */
export const anchorNames: readonly string[] = ["protobufjs", "bufbuild"];

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
