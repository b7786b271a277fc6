// `npm start` must do something real on a fresh machine: run the demo end to end and check what it printed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const main = join(dirname(fileURLToPath(import.meta.url)), "..", "examples", "shop", "main.js");

describe("the shop demo", () => {
  it("walks all four RPC styles and the status codes, then exits 0", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [main, "--port", "0"], { timeout: 20_000 });
    for (const want of [
      "p1 Spindle 1200",
      "p4 Loom",
      "written: 3",
      "echo: how much is a loom?",
      "unknown id: NOT_FOUND",
      "no token: UNAUTHENTICATED",
      "slow stream: DEADLINE_EXCEEDED",
      "  Shuttle",
    ]) {
      assert.ok(stdout.includes(want), `demo output lacks ${JSON.stringify(want)}:\n${stdout}`);
    }
  });
});
