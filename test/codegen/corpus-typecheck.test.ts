// Issue 5: the generated code for the whole compiler corpus (libprotobuf-dev's files, gRPC's protos and the
// compiler's own corpus), and the generated code checked into the repository, type-check under
// `tsc --strict --noUnusedLocals --exactOptionalPropertyTypes`.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { generate, writeOutput } from "../../src/cli/gen.js";
import { corpora } from "../compiler/corpus.js";
import { repoRoot } from "./targets.js";
import type { GenerateOptions } from "../../src/codegen/index.js";

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "spindle-corpus-ts-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function tsFiles(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

describe("generated code", () => {
  it("type-checks under tsc --strict --noUnusedLocals --exactOptionalPropertyTypes for the whole corpus", async () => {
    const runtime = join(repoRoot, "src/runtime/v1/index.js");
    const files: string[] = [];
    const unlinkable: string[] = [];
    corpora().forEach((corpus, i) => {
      const out = join(dir, `corpus${i}`);
      // One file at a time, as the compiler corpus is meant to be compiled (some files reuse an extension
      // number of the same extendee, which is fine alone and a conflict together). A file the runtime's
      // registry cannot link is listed below instead of failing the rest.
      for (const input of corpus.inputs) {
        try {
          writeOutput(out, generate({ includes: corpus.includeDirs, inputs: [input], options: { runtimeImport: runtime } }));
        } catch (e) {
          unlinkable.push(`${input}: ${(e as Error).message}`);
        }
      }
      files.push(...tsFiles(out));
    });
    // The options that change types: 64-bit as string or number, and types only.
    const variants: [string, GenerateOptions][] = [
      ["long-string", { long: "string", runtimeImport: runtime }],
      ["long-number", { long: "number", runtimeImport: runtime }],
      ["types-only", { typesOnly: true, runtimeImport: runtime }],
    ];
    for (const [name, options] of variants) {
      const out = join(dir, name);
      writeOutput(out, generate({ includes: [join(repoRoot, "test/codegen/protos"), "/usr/include"], inputs: ["diff2.proto", "diff3.proto"], options }));
      files.push(...tsFiles(out));
    }
    // Known: the registry rejects MessageSet extension numbers above 536870911 (reported to protobuf-core).
    assert.deepEqual(
      unlinkable.map((u) => u.split(":")[0]),
      ["corner/message_set_option.proto"].filter((f) => unlinkable.some((u) => u.startsWith(f))),
      unlinkable.join("\n"),
    );
    assert.ok(files.length > 90, `only ${files.length} generated files`);
    // The checked-in generated code too: the repository's own tsconfig does not set the two stricter flags.
    for (const d of ["gen", "src/runtime/v1/wkt", "test/codegen/golden", "bench/codec/generated/spindle"]) files.push(...tsFiles(join(repoRoot, d)));
    const config = {
      extends: join(repoRoot, "tsconfig.json"),
      compilerOptions: {
        noEmit: true,
        incremental: false,
        strict: true,
        noUnusedLocals: true,
        exactOptionalPropertyTypes: true,
        rootDir: "/",
        typeRoots: [join(repoRoot, "node_modules/@types")],
      },
      include: [],
      files,
    };
    const tsconfig = join(dir, "tsconfig.json");
    writeFileSync(tsconfig, JSON.stringify(config, null, 1));
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", tsconfig], { maxBuffer: 64 << 20 }).then(
      () => "",
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    assert.equal(result, "", "tsc reported errors");
  });
});
