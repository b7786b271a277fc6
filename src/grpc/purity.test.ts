// src/grpc also runs in browsers (src/web builds on it): its code must not import node: modules or use Buffer.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|js)$/.test(name) && !/\.d\.ts$|\.test\.(ts|js)$/.test(name) && !path.includes(`${"testing"}`)) yield path;
  }
}

describe("src/grpc", () => {
  it("imports no node: module and uses no Buffer outside tests", () => {
    const problems: string[] = [];
    for (const file of sources(here)) {
      const text = readFileSync(file, "utf8");
      if (/from\s+["']node:|import\(\s*["']node:|require\(/.test(text)) problems.push(`${relative(here, file)} imports node:`);
      if (/\bBuffer\./.test(text)) problems.push(`${relative(here, file)} uses Buffer`);
    }
    assert.deepEqual(problems, []);
  });
});
