/**
 * The differential tests' schema (test/fixtures/diff/*.proto), compiled at test time by Debian's protoc into a
 * temp dir: a serialized FileDescriptorSet for Spindle and `_pb2.py` modules for the Python peer.
 *
 * protoc rather than Spindle's own compiler on purpose: the differential test judges the runtime, so its
 * descriptors come from the reference.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(): string {
  // Works from test/diff/*.ts (tsx) and from dist/test/diff/*.js (compiled): walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "test", "fixtures", "diff"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The repository's root directory (the one with package.json and test/fixtures). */
export const repoRoot: string = findRepoRoot();

/** Where the schema's .proto files live. */
export const diffSchemaDir: string = join(repoRoot, "test", "fixtures", "diff");

/** The schema's files, as protoc names them (relative to {@link diffSchemaDir}). */
export const diffSchemaFiles: readonly string[] = ["diff2.proto", "diff3.proto"];

/** The compiled schema; `dispose()` removes the temp dir. */
export interface CompiledSchema {
  /** A serialized FileDescriptorSet of the schema's own files (the well-known files are not included). */
  readonly descriptorSet: Uint8Array;
  /** The directory holding the `_pb2.py` modules. */
  readonly pythonDir: string;
  dispose(): void;
}

/**
 * Runs `/usr/bin/protoc` over the given files (default: the diff schema).
 * Throws with protoc's own message when it rejects a file or is missing.
 */
export function compileSchema(files: readonly string[] = diffSchemaFiles, includeDir: string = diffSchemaDir): CompiledSchema {
  const dir = mkdtempSync(join(tmpdir(), "spindle-diff-"));
  const setPath = join(dir, "schema.pb");
  try {
    execFileSync(
      "protoc",
      [`-I${includeDir}`, "-I/usr/include", `--python_out=${dir}`, `--descriptor_set_out=${setPath}`, ...files.map((f) => resolve(includeDir, f))],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`protoc failed on ${files.join(", ")}: ${stderr || (error as Error).message}`);
  }
  return {
    descriptorSet: new Uint8Array(readFileSync(setPath)),
    pythonDir: dir,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
