/**
 * Test fixture: Debian's Python protobuf as a reference codec (py_codec.py), one process per batch.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testdataDir } from "./protoc-fixture.js";

/** One request to the Python codec: parse `hex` (binary) or `json` (JSON text) as `type`. */
export type PythonRequest = { type: string; hex: string } | { type: string; json: string };
/** Its answer: the re-serialized bytes (hex) and, for binary input, the JSON; or an error. */
export type PythonAnswer = { hex?: string; json?: string; error?: string };

/** Runs all requests through Python against the schema in `descriptorSet`. */
export function pythonCodec(descriptorSet: Uint8Array, requests: PythonRequest[]): PythonAnswer[] {
  const dir = mkdtempSync(join(tmpdir(), "spindle-py-"));
  try {
    const set = join(dir, "set.binpb");
    writeFileSync(set, descriptorSet);
    const out = execFileSync("/usr/bin/python3", [join(testdataDir, "py_codec.py"), set], {
      input: requests.map((r) => JSON.stringify(r)).join("\n") + "\n",
      encoding: "utf8",
      maxBuffer: 256 << 20,
    });
    return out.trim().split("\n").map((l) => JSON.parse(l) as PythonAnswer);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** Bytes from hex. */
export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.replace(/\s+/g, ""), "hex"));
}
