/**
 * The generated code checked into the repository, and how to regenerate it: `npm run gen` (this file run as
 * a script) writes it; test/codegen/generated-up-to-date.test.ts fails when a checked-in file differs from
 * what the generator now produces, so nobody edits generated files by hand and CI catches stale ones.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generate, writeOutput, type GenRequest } from "../../src/cli/gen.js";
import type { OutputFile } from "../../src/codegen/index.js";

/** The repository root (this file is at test/codegen/ in the sources and dist/test/codegen/ when compiled). */
export const repoRoot: string = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = resolve(here, "..", "..");
  return up.endsWith(`${"/"}dist`) ? resolve(up, "..") : up;
})();

/** One output directory and what goes in it. */
export interface Target {
  /** Output directory, relative to the repository root. */
  outDir: string;
  request: GenRequest;
}

const grpcProto = "/usr/share/grpc-proto";
const wktDir = "/usr/include";

/** The well-known files the runtime ships as generated code (src/runtime/v1/wkt). */
export const wellKnownInputs = [
  "google/protobuf/any.proto",
  "google/protobuf/api.proto",
  "google/protobuf/descriptor.proto",
  "google/protobuf/duration.proto",
  "google/protobuf/empty.proto",
  "google/protobuf/field_mask.proto",
  "google/protobuf/source_context.proto",
  "google/protobuf/struct.proto",
  "google/protobuf/timestamp.proto",
  "google/protobuf/type.proto",
  "google/protobuf/wrappers.proto",
  "google/protobuf/compiler/plugin.proto",
];

/** Everything the build generates. */
export function targets(): Target[] {
  const testing = readdirSync(join(grpcProto, "grpc/testing"))
    .filter((n) => n.endsWith(".proto"))
    .sort()
    .map((n) => `grpc/testing/${n}`);
  return [
    {
      outDir: "src/runtime/v1/wkt",
      request: {
        includes: [wktDir],
        inputs: wellKnownInputs,
        options: { wellKnownFromRuntime: false, runtimeImport: "../core.js" },
      },
    },
    {
      outDir: "gen",
      request: {
        includes: [grpcProto, wktDir],
        inputs: [...testing, "grpc/core/stats.proto", "grpc/health/v1/health.proto", "grpc/reflection/v1/reflection.proto", "grpc/reflection/v1alpha/reflection.proto"],
        options: { runtimeImport: "../src/runtime/v1/index.js" },
      },
    },
    {
      outDir: "gen",
      request: {
        includes: [join(repoRoot, "examples/shop")],
        inputs: ["shop.proto"],
        options: { runtimeImport: "../src/runtime/v1/index.js" },
      },
    },
    {
      // Golden files: a copy of the differential-test schema (test/fixtures/diff: proto2 + proto3, every field
      // shape), which test/codegen/generated-codec.test.ts checks byte for byte against the reflection codec.
      // A copy, so that the goldens change only when we decide to.
      outDir: "test/codegen/golden",
      request: {
        includes: [join(repoRoot, "test/codegen/protos"), wktDir],
        inputs: ["diff2.proto", "diff3.proto", "custom_options.proto"],
        options: { runtimeImport: "../../../src/runtime/v1/index.js" },
      },
    },
    {
      // Golden files for `import public`: a chain, a diamond, a clash, a well-known file, and a user of all of
      // them through one import (test/codegen/public-import.test.ts).
      outDir: "test/codegen/golden",
      request: {
        includes: [join(repoRoot, "test/codegen/protos"), wktDir],
        inputs: ["public/base.proto", "public/middle.proto", "public/left.proto", "public/right.proto", "public/top.proto", "public/user.proto"],
        options: { runtimeImport: "../../../src/runtime/v1/index.js" },
      },
    },
    {
      // The codec benchmark's "spindle-generated" contender (bench/codec/contenders.ts).
      outDir: "bench/codec/generated/spindle",
      request: {
        includes: [join(repoRoot, "bench/codec/protos")],
        inputs: ["product.proto", "order.proto"],
        options: { runtimeImport: "../../../../src/runtime/v1/index.js" },
      },
    },
  ];
}

/** Generates every target in memory: output directory → files. */
export function generateAll(): { outDir: string; files: OutputFile[] }[] {
  return targets().map((t) => ({ outDir: t.outDir, files: generate(t.request) }));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const { outDir, files } of generateAll()) {
    writeOutput(join(repoRoot, outDir), files);
    process.stdout.write(`${outDir}: ${files.length} file(s)\n`);
  }
}
