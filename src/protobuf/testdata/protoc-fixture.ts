/**
 * Test fixture: compiles .proto files with Debian's protoc (a real peer) into a serialized FileDescriptorSet
 * and a registry. Used by the protobuf runtime's tests; never by library code.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRegistry, type Registry } from "../index.js";

/** The repository root (works from src/ under tsx and from dist/src/ after tsc). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** This folder in the source tree, where the .proto fixtures are. */
export const testdataDir = join(repoRoot(), "src", "protobuf", "testdata");

/** Runs protoc and returns the FileDescriptorSet bytes. `includeImports` and `sourceInfo` map to protoc flags. */
export function protocDescriptorSet(
  files: string[],
  opts: { includePaths?: string[]; includeImports?: boolean; sourceInfo?: boolean } = {},
): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "spindle-protoc-"));
  try {
    const out = join(dir, "set.binpb");
    const args = [
      ...(opts.includePaths ?? [testdataDir, "/usr/include"]).map((p) => "-I" + p),
      "--descriptor_set_out=" + out,
      ...(opts.includeImports === false ? [] : ["--include_imports"]),
      ...(opts.sourceInfo ? ["--include_source_info"] : []),
      ...files,
    ];
    execFileSync("protoc", args, { stdio: ["ignore", "ignore", "pipe"] });
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compiles inline sources (name → text) with protoc. */
export function protocInline(sources: Record<string, string>): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "spindle-src-"));
  try {
    for (const [name, text] of Object.entries(sources)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return protocDescriptorSet(Object.keys(sources), { includePaths: [dir, "/usr/include"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let cachedSet: Uint8Array | undefined;
let cached: Registry | undefined;

/** The FileDescriptorSet of test2.proto and test3.proto with imports (compiled once per process). */
export function testDescriptorSet(): Uint8Array {
  return (cachedSet ??= protocDescriptorSet(["test2.proto", "test3.proto"]));
}

/** A registry of test2.proto and test3.proto. */
export function testRegistry(): Registry {
  return (cached ??= createRegistry(testDescriptorSet()));
}
