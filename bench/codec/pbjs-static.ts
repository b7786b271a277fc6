/**
 * protobufjs in its fastest mode: static code from `pbjs -t static-module -w es6`, generated into a temp dir
 * at run time (it is JavaScript, which tsc would not carry into dist/) and imported from there.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The part of a generated protobufjs class the benchmark uses. */
export interface PbjsStaticType {
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  fromObject(object: object): unknown;
}

/** The generated module: a type by full name, and `dispose()` to remove the temp dir. */
export interface PbjsStaticModule {
  type(typeName: string): PbjsStaticType;
  dispose(): void;
}

/**
 * Runs pbjs over `files` (relative to `protoDir`) and imports the result.
 * Throws with pbjs's output when generation fails.
 */
export async function loadPbjsStatic(repoRoot: string, protoDir: string, files: readonly string[]): Promise<PbjsStaticModule> {
  const dir = mkdtempSync(join(tmpdir(), "spindle-pbjs-"));
  const out = join(dir, "generated.mjs");
  try {
    execFileSync(join(repoRoot, "node_modules", ".bin", "pbjs"), ["-t", "static-module", "-w", "es6", "-p", protoDir, "-o", out, ...files.map((f) => join(protoDir, f))], {
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`pbjs failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message}`);
  }
  // The temp dir has no node_modules above it: point the runtime import at the repository's protobufjs.
  const minimal = createRequire(join(repoRoot, "package.json")).resolve("protobufjs/minimal.js");
  writeFileSync(out, readFileSync(out, "utf8").replace(`from "protobufjs/minimal.js"`, `from ${JSON.stringify(pathToFileURL(minimal).href)}`));
  const module = (await import(pathToFileURL(out).href)) as { default: Record<string, unknown> };
  const root = module.default;
  return {
    type(typeName) {
      let node: unknown = root;
      for (const part of typeName.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
      if (typeof node !== "function") throw new Error(`pbjs output has no type ${typeName}`);
      return node as unknown as PbjsStaticType;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
