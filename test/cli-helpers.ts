// Shared by the test/cli-*.test.ts files: runs the real `spindle` bin (compiled from dist/, or the source
// under tsx) and collects its exit code and output.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The bin's entry point: compiled, the shipped bin (the bundled CLI through its code cache, as `npm run
 * build` leaves it; scripts/test.sh builds it); under tsx, the source.
 */
export const mainPath = import.meta.url.endsWith(".ts")
  ? fileURLToPath(new URL("../src/cli/main.ts", import.meta.url))
  : fileURLToPath(new URL("../src/cli/spindle-bin.cjs", import.meta.url));

/** What one run of the bin did. */
export interface SpindleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `spindle ...args`, writing `stdin` (then closing it) when given. Kills the child after `timeoutMs`
 * so a hang fails the test instead of stalling the suite.
 */
export function spindle(args: string[], options: { stdin?: string; timeoutMs?: number } = {}): Promise<SpindleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, mainPath, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on("error", () => {
      // The bin may exit before reading all of stdin (a usage error); that is its answer, not ours.
    });
    child.stdin.end(options.stdin ?? "");
  });
}

/** A test schema beside shop.v1.Catalog: metadata echo, rich error details, and every field shape. */
export const echoProto = `syntax = "proto3";
package clitest.v1;
import "google/protobuf/timestamp.proto";

// Echoes requests; Fail answers INVALID_ARGUMENT with a google.rpc.BadRequest detail.
service Echo {
  rpc Echo(EchoMessage) returns (EchoMessage);
  rpc Fail(EchoMessage) returns (EchoMessage);
}

enum Kind {
  KIND_UNSPECIFIED = 0;
  KIND_ONE = 1;
}

message EchoMessage {
  string text = 1;
  int64 big = 2;
  google.protobuf.Timestamp at = 3;
  repeated string tags = 4;
  map<string, int32> counts = 5;
  oneof choice {
    string a = 6;
    int32 b = 7;
  }
  optional bool flag = 8;
  Kind kind = 9;
  string snake_case_name = 10;
}
`;
