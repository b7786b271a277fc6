// The checked-in generated code (src/runtime/v1/wkt, gen/, test/codegen/golden) must be exactly what the
// generator produces now: regenerate with `npm run gen` after changing the generator or a .proto file.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateAll, repoRoot } from "./targets.js";

describe("checked-in generated code", () => {
  it("matches the generator's output byte for byte", () => {
    const stale: string[] = [];
    for (const { outDir, files } of generateAll()) {
      for (const f of files) {
        const path = join(repoRoot, outDir, f.name);
        if (!existsSync(path) || readFileSync(path, "utf8") !== f.content) stale.push(join(outDir, f.name));
      }
    }
    assert.deepEqual(stale, [], "run `npm run gen` and commit the result");
  });
});
