// Invalid .proto files (test/fixtures/compiler/invalid): each must fail with exactly protoc's diagnostics,
// positions included (`file:line:col: message`, 1-based, as protoc prints them).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, formatDiagnostic } from "../../src/compiler/index.js";
import { fixtures, hasProtoc, protoFiles } from "./corpus.js";

const dir = join(fixtures, "invalid");
const cases = protoFiles(dir);

function golden(file: string): string {
  return readFileSync(join(dir, file.replace(/\.proto$/, ".err")), "utf8").trimEnd();
}

describe("invalid .proto files", () => {
  it("has at least 40 cases", () => {
    assert.ok(cases.length >= 40, `only ${cases.length} invalid cases`);
  });
  for (const file of cases) {
    it(`error_${file.replace(/\.proto$/, "")}: reports protoc's errors`, () => {
      const result = compile([file], { includeDirs: [dir] });
      const got = result.errors.map(formatDiagnostic).join("\n");
      const want = golden(file);
      assert.equal(got, want, `got:\n${got}\nwant:\n${want}`);
      assert.ok(result.errors.length > 0);
      assert.deepEqual(result.files, []);
    });
  }
  it("goldens match what Debian protoc prints", { skip: !hasProtoc && "protoc is not installed" }, () => {
    const stale: string[] = [];
    for (const file of cases) {
      if (file === "editions.proto") continue; // Spindle's own message, see README.md
      let stderr = "";
      try {
        execFileSync("/usr/bin/protoc", ["-I.", "--descriptor_set_out=/dev/null", file], { cwd: dir, stdio: "pipe" });
      } catch (e) {
        stderr = String((e as { stderr?: Buffer }).stderr ?? "");
      }
      const printed = stderr
        .split("\n")
        .filter((l) => l !== "" && !l.startsWith("[libprotobuf WARNING"))
        .join("\n");
      if (printed !== golden(file)) stale.push(file);
    }
    assert.deepEqual(stale, []);
  });
});
