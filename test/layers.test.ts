// The layer rule of DESIGN.md: dependencies point one way, and a folder's index.ts is its only door.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const src = join(root, "src");

/** Which layers each layer may import (besides itself). */
const allowed: Record<string, string[]> = {
  protobuf: [],
  compiler: ["protobuf"],
  codegen: ["protobuf", "compiler"],
  runtime: ["protobuf", "grpc"],
  grpc: ["protobuf"],
  web: ["protobuf", "grpc"],
  node: ["protobuf", "grpc"],
  server: ["protobuf", "grpc", "node"],
  client: ["protobuf", "grpc", "node"],
  otel: ["protobuf", "grpc"],
  cli: ["protobuf", "compiler", "codegen", "grpc", "node", "server", "client", "web", "otel", "runtime"],
};

/**
 * Doors besides index.ts: the server's standard services have their own (`spindle/server/health`,
 * `spindle/server/reflection`), so that the server's index does not load them.
 */
const extraDoors: Record<string, string[]> = {
  server: ["health.js", "reflection.js"],
};

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) yield path;
  }
}

const importPattern = /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("layers", () => {
  it("imports only point down the layer graph, through index.ts", () => {
    const problems: string[] = [];
    for (const file of sourceFiles(src)) {
      const layer = relative(src, file).split(sep)[0]!;
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(importPattern)) {
        const spec = m[1] ?? m[2]!;
        if (layer === "web" && spec.startsWith("node:")) problems.push(`${relative(root, file)}: web imports ${spec}`);
        if (!spec.startsWith(".")) continue;
        const target = resolve(dirname(file), spec);
        const targetLayer = relative(src, target).split(sep)[0]!;
        if (targetLayer === layer || targetLayer.startsWith("..")) continue;
        const rest = relative(join(src, targetLayer), target);
        if (!(allowed[layer] ?? []).includes(targetLayer)) {
          problems.push(`${relative(root, file)}: ${layer} must not import ${targetLayer} (${spec})`);
        } else if (rest !== "index.js" && !(extraDoors[targetLayer] ?? []).includes(rest) && !file.endsWith(".test.ts")) {
          problems.push(`${relative(root, file)}: import ${targetLayer} through its index.ts, not ${spec}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
