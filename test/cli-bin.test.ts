// The shipped bins (src/cli/spindle-bin.cts, protoc-gen-spindle-bin.cts, run-bundled.cts): the bundled program
// run through a V8 code cache, and the unbundled one when there is no bundle. The spindle cases copy the bin
// into their own directory tree laid out as dist/ is, so writing and spoiling caches never touches the build
// the other tests use.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("..", import.meta.url));
const compiled = !import.meta.url.endsWith(".ts") && existsSync(join(dist, "bundle", "spindle.cjs"));
const shopDir = fileURLToPath(new URL("../../examples/shop", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "spindle-bin-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A dist/-shaped tree with the bin, and the bundle unless `bundle` is false; returns the bin's path. */
function layout(name: string, bundle: boolean): string {
  const root = join(scratch, name);
  mkdirSync(join(root, "src", "cli"), { recursive: true });
  for (const file of ["spindle-bin.cjs", "run-bundled.cjs"]) copyFileSync(join(dist, "src", "cli", file), join(root, "src", "cli", file));
  // The unbundled CLI the bin falls back to (and whose place the bundle's import.meta.url stands for).
  symlinkSync(join(dist, "src", "cli", "main.js"), join(root, "src", "cli", "main.js"));
  if (bundle) {
    mkdirSync(join(root, "bundle"));
    copyFileSync(join(dist, "bundle", "spindle.cjs"), join(root, "bundle", "spindle.cjs"));
  }
  return join(root, "src", "cli", "spindle-bin.cjs");
}

function compileShop(bin: string, out: string): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [bin, "compile", "-I", shopDir, `--descriptor_set_out=${out}`, "--include_source_info", "shop.proto"], {
    encoding: "utf8",
  });
}

describe("the spindle bin", { skip: compiled ? false : "needs the bundle from `npm run build`" }, () => {
  const reference = join(scratch, "reference.pb");
  test("the unbundled CLI writes the reference output", () => {
    const p = spawnSync(process.execPath, [join(dist, "src", "cli", "main.js"), "compile", "-I", shopDir, `--descriptor_set_out=${reference}`, "--include_source_info", "shop.proto"]);
    assert.equal(p.status, 0, String(p.stderr));
  });

  test("writes a code cache on its first run and then uses it, with the same output each time", () => {
    const bin = layout("fresh", true);
    const cache = join(scratch, "fresh", "bundle", "spindle.cjs.cache");
    for (const run of [1, 2]) {
      const out = join(scratch, `fresh-${run}.pb`);
      const p = compileShop(bin, out);
      assert.equal(p.status, 0, String(p.stderr));
      assert.deepEqual(readFileSync(out), readFileSync(reference));
      assert.ok(existsSync(cache), `cache after run ${run}`);
    }
  });

  test("a spoiled cache is rejected by V8, the run succeeds, and the cache is rewritten", () => {
    const bin = layout("spoiled", true);
    const cache = join(scratch, "spoiled", "bundle", "spindle.cjs.cache");
    writeFileSync(cache, Buffer.from("not a V8 code cache"));
    const out = join(scratch, "spoiled.pb");
    const p = compileShop(bin, out);
    assert.equal(p.status, 0, String(p.stderr));
    assert.deepEqual(readFileSync(out), readFileSync(reference));
    assert.notEqual(readFileSync(cache, "utf8"), "not a V8 code cache");
  });

  test("without a bundle it runs the unbundled CLI", () => {
    const bin = layout("unbundled", false);
    const out = join(scratch, "unbundled.pb");
    const p = compileShop(bin, out);
    assert.equal(p.status, 0, String(p.stderr));
    assert.deepEqual(readFileSync(out), readFileSync(reference));
  });

  test("passes on the exit code and errors of the command", () => {
    const bin = layout("errors", true);
    const p = spawnSync(process.execPath, [bin, "compile", "-I", shopDir, `-o${join(scratch, "x.pb")}`, "no-such.proto"], { encoding: "utf8" });
    assert.equal(p.status, 1);
    assert.match(p.stderr, /no-such\.proto/);
    const unknown = spawnSync(process.execPath, [bin, "no-such-command"], { encoding: "utf8" });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "no-such-command"/);
  });

  test("--version finds package.json from the bundle", () => {
    const p = spawnSync(process.execPath, [join(dist, "src", "cli", "spindle-bin.cjs"), "--version"], { encoding: "utf8" });
    assert.equal(p.status, 0, p.stderr);
    assert.match(p.stdout, /^spindle \d+\.\d+\.\d+/);
  });
});

describe("the protoc-gen-spindle bin", { skip: compiled && existsSync("/usr/bin/protoc") ? false : "needs the bundle and protoc" }, () => {
  /** Runs protoc with `plugin` as protoc-gen-spindle on shop.proto; returns the generated file's text. */
  function generate(name: string, plugin: string): string {
    const wrapper = join(scratch, `${name}-plugin`);
    writeFileSync(wrapper, `#!/bin/sh\nexec '${process.execPath}' '${plugin}'\n`);
    chmodSync(wrapper, 0o755);
    const out = join(scratch, `${name}-out`);
    mkdirSync(out);
    const p = spawnSync("/usr/bin/protoc", ["-I", shopDir, `--plugin=protoc-gen-spindle=${wrapper}`, `--spindle_out=${out}`, "shop.proto"], { encoding: "utf8" });
    assert.equal(p.status, 0, p.stderr);
    assert.deepEqual(readdirSync(out), ["shop.ts"]);
    return readFileSync(join(out, "shop.ts"), "utf8");
  }

  test("generates what the unbundled plugin generates", () => {
    const bundled = generate("bundled", join(dist, "src", "cli", "protoc-gen-spindle-bin.cjs"));
    assert.match(bundled, /export interface Product/);
    assert.equal(bundled, generate("unbundled", join(dist, "src", "cli", "protoc-gen-spindle.js")));
  });
});
