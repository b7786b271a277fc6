import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { commands, main } from "./main.js";

/** Runs `main` with its own messages captured. */
async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const code = await main(argv, { out: (t) => (out.stdout += t), err: (t) => (out.stderr += t) });
  return { code, ...out };
}

describe("spindle main", () => {
  it("lists the commands with --help and exits 0", async () => {
    const { code, stdout } = await capture(["--help"]);
    assert.equal(code, 0);
    for (const name of Object.keys(commands)) assert.match(stdout, new RegExp(`^  ${name} `, "m"));
  });
  it("prints usage to stderr and exits 2 without a command", async () => {
    const { code, stderr } = await capture([]);
    assert.equal(code, 2);
    assert.match(stderr, /^usage: spindle <command>/);
  });
  it("names an unknown command", async () => {
    const { code, stderr } = await capture(["frobnicate"]);
    assert.equal(code, 2);
    assert.match(stderr, /unknown command "frobnicate"/);
  });
  it("does not mistake an Object.prototype name for a command", async () => {
    assert.equal((await capture(["toString"])).code, 2);
    assert.equal((await capture(["__proto__"])).code, 2);
  });
  it("rejects an option before the command", async () => {
    const { code, stderr } = await capture(["--nope", "conformance-testee"]);
    assert.equal(code, 2);
    assert.match(stderr, /unknown option --nope before the command/);
  });
  it("prints the version", async () => {
    const { code, stdout } = await capture(["--version"]);
    assert.equal(code, 0);
    assert.match(stdout, /^spindle \d+\.\d+\.\d+/);
  });
  it("passes the rest of argv to the subcommand and returns its exit code", async () => {
    // The testee itself writes its complaint to stderr; without --descriptor-set it exits 2.
    assert.equal(await main(["conformance-testee"], { out: () => {}, err: () => {} }), 2);
  });
});
