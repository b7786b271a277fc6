// Where the compiler's test corpora live, and how to run Debian's protoc on them.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests run from src via tsx and from dist via node). */
export const repoRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || dir.endsWith("dist")) dir = dirname(dir);
  return dir;
})();

export const fixtures = join(repoRoot, "test", "fixtures", "compiler");

/** Every .proto under a directory, as paths relative to it, sorted. */
export function protoFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".proto")) out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Whether Debian's protoc is installed. */
export const hasProtoc: boolean = existsSync("/usr/bin/protoc");

/** Runs protoc with include dirs and flags on inputs; returns the descriptor set bytes. */
export function runProtoc(includeDirs: string[], flags: string[], inputs: string[], out: string): Buffer {
  execFileSync(
    "/usr/bin/protoc",
    [...includeDirs.map((d) => "-I" + d), `--descriptor_set_out=${out}`, ...flags, ...inputs],
    { stdio: ["ignore", "ignore", "pipe"], cwd: includeDirs[0] },
  );
  return execFileSync("cat", [out]);
}

/** A corpus: include dirs, the inputs (relative to the first include dir), and files left out with reasons. */
export interface Corpus {
  name: string;
  includeDirs: string[];
  inputs: string[];
  notApplicable: { file: string; reason: string }[];
}

/** The three corpora of issue 4. */
export function corpora(): Corpus[] {
  const grpcNotApplicable = [
    {
      file: "grpc/service_config/service_config.proto",
      reason: "imports google/rpc/code.proto, which Debian does not install (protoc fails on it too)",
    },
    {
      file: "grpc/tls/provider/meshca/experimental/config.proto",
      reason: "imports envoy/config/core/v3/config_source.proto, which Debian does not install (protoc fails on it too)",
    },
  ];
  const grpcRoot = "/usr/share/grpc-proto";
  return [
    {
      name: "libprotobuf-dev (/usr/include/google/protobuf)",
      includeDirs: ["/usr/include"],
      inputs: protoFiles("/usr/include/google").map((f) => "google/" + f),
      notApplicable: [],
    },
    {
      name: "grpc-proto (/usr/share/grpc-proto)",
      includeDirs: [grpcRoot, "/usr/include"],
      inputs: protoFiles(grpcRoot).filter((f) => !grpcNotApplicable.some((n) => n.file === f)),
      notApplicable: grpcNotApplicable,
    },
    {
      name: "spindle corpus (test/fixtures/compiler/valid)",
      includeDirs: [resolve(fixtures, "valid"), "/usr/include"],
      inputs: protoFiles(join(fixtures, "valid")),
      notApplicable: [],
    },
  ];
}
