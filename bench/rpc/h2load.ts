// Unary load from Debian's h2load (nghttp2-client), pinned to the load core: a gRPC request is a POST whose
// body is the framed message, with content-type application/grpc and te: trailers.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unaryRequestBody, UNARY_PATH } from "./bench-proto.js";
import { LOAD_CORE, spawnPinned } from "./processes.js";

/** What one h2load run measured. */
export interface H2loadResult {
  /** Requests per second over the main duration (h2load's own figure). */
  reqPerSec: number;
  succeeded: number;
  failed: number;
  errored: number;
}

/** Writes the request body file for a payload of `size` bytes; returns its path. */
export function writeRequestBody(size: number): string {
  const path = join(mkdtempSync(join(tmpdir(), "bench-rpc-")), `unary-${size}.bin`);
  writeFileSync(path, unaryRequestBody(size));
  return path;
}

/** Parses h2load's summary. Throws when the lines it prints are missing (e.g. it could not connect). */
export function parseH2load(output: string): H2loadResult {
  const finished = output.match(/finished in [\d.]+m?s, ([\d.]+) req\/s/);
  const requests = output.match(/requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored/);
  if (finished === null || requests === null) throw new Error(`cannot read h2load's output:\n${output}`);
  return { reqPerSec: Number(finished[1]), succeeded: Number(requests[1]), failed: Number(requests[2]), errored: Number(requests[3]) };
}

/** Runs `h2load -c clients -m streams` for `durationS` seconds after `warmupS` seconds against the Unary method. */
export async function runH2load(port: number, bodyFile: string, o: { clients: number; streams: number; warmupS: number; durationS: number }): Promise<H2loadResult> {
  const args = [
    `-c${o.clients}`,
    `-m${o.streams}`,
    `-D${o.durationS}`,
    `--warm-up-time=${o.warmupS}`,
    "-d",
    bodyFile,
    "-H",
    "content-type: application/grpc",
    "-H",
    "te: trailers",
    `http://127.0.0.1:${port}${UNARY_PATH}`,
  ];
  const child = spawnPinned(LOAD_CORE, "h2load", args);
  let output = "";
  child.process.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await child.exited;
  if (code !== 0) throw new Error(`h2load exited with ${code}:\n${output}`);
  return parseH2load(output);
}
