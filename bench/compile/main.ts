/**
 * bench/compile (issue 4), side by side in one run:
 *
 * - `compile/corpus/*`: every applicable file of libprotobuf-dev, grpc-proto and Spindle's corpus, with
 *   imports and source info. Spindle's API warm in one process (each file compiled on its own, and each
 *   corpus in one call that shares imports, as protoc does for many inputs) vs `protoc` one process per
 *   file vs protobufjs's parser (parse + resolve, no source info, no protoc validation) warm in-process.
 * - `compile/cold/*`: one cold `spindle compile` of grpc-proto's grpc/testing/test.proto (the shipped bin, and
 *   the unbundled ES modules) vs one cold protoc, beside `node -e 0`, the floor under any Node CLI.
 *
 * Run: `npm run build && node dist/bench/compile/main.js [regex]` (a regex selects cases by name).
 * Prints ns/op and ops/s per case; an "op" is one file (corpus cases) or one process (cold cases).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { compile, toDescriptorSet } from "../../src/compiler/index.js";
import { toBinary, wellKnownRegistry } from "../../src/protobuf/index.js";
import { corpora } from "../../test/compiler/corpus.js";

const filter = new RegExp(process.argv[2] ?? ".");
const FileDescriptorSet = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;
const tmp = mkdtempSync(join(tmpdir(), "spindle-bench-compile-"));
const cs = corpora();
const fileCount = cs.reduce((n, c) => n + c.inputs.length, 0);

interface Result {
  name: string;
  nsPerOp: number;
}
const results: Result[] = [];

/** Runs `body` (which performs `ops` operations) after warm-up rounds; reports the best of `rounds`. */
function bench(name: string, ops: number, body: () => void, options: { warmup: number; rounds: number }): void {
  if (!filter.test(name)) return;
  for (let i = 0; i < options.warmup; i++) body();
  let best = Infinity;
  for (let i = 0; i < options.rounds; i++) {
    const t0 = process.hrtime.bigint();
    body();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  const nsPerOp = best / ops;
  results.push({ name, nsPerOp });
  console.log(`${name.padEnd(52)} ${nsPerOp.toFixed(0).padStart(12)} ns/op ${(1e9 / nsPerOp).toFixed(1).padStart(10)} ops/s`);
}

console.log(`corpus: ${fileCount} files (${cs.map((c) => `${c.name}: ${c.inputs.length}`).join(", ")})`);

bench(
  "compile/corpus/spindle-per-file",
  fileCount,
  () => {
    for (const c of cs) {
      for (const f of c.inputs) {
        const r = compile([f], { includeDirs: c.includeDirs });
        toBinary(FileDescriptorSet, toDescriptorSet(r, { includeImports: true, includeSourceInfo: true }));
      }
    }
  },
  { warmup: 3, rounds: 5 },
);

bench(
  "compile/corpus/spindle-per-corpus",
  fileCount,
  () => {
    for (const c of cs) {
      const r = compile(c.inputs, { includeDirs: c.includeDirs });
      toBinary(FileDescriptorSet, toDescriptorSet(r, { includeImports: true, includeSourceInfo: true }));
    }
  },
  { warmup: 3, rounds: 5 },
);

function protobufjsLoad(includeDirs: string[], file: string): void {
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string): string | null => {
    for (const d of includeDirs) if (existsSync(join(d, target))) return join(d, target);
    return target;
  };
  root.loadSync(file, { keepCase: true, alternateCommentMode: true });
  root.resolveAll();
}

// protobufjs rejects some valid files (e.g. a group inside a oneof): it runs on those it accepts.
const protobufjsFiles = cs.flatMap((c) =>
  c.inputs.filter((f) => {
    try {
      protobufjsLoad(c.includeDirs, f);
      return true;
    } catch {
      return false;
    }
  }).map((f) => ({ includeDirs: c.includeDirs, file: f })),
);
console.log(`protobufjs accepts ${protobufjsFiles.length} of the ${fileCount} files`);

bench(
  "compile/corpus/protobufjs",
  protobufjsFiles.length,
  () => {
    for (const { includeDirs, file } of protobufjsFiles) protobufjsLoad(includeDirs, file);
  },
  { warmup: 3, rounds: 5 },
);

bench(
  "compile/corpus/spindle-protobufjs-subset",
  protobufjsFiles.length,
  () => {
    for (const { includeDirs, file } of protobufjsFiles) {
      const r = compile([file], { includeDirs });
      toBinary(FileDescriptorSet, toDescriptorSet(r, { includeImports: true, includeSourceInfo: true }));
    }
  },
  { warmup: 3, rounds: 5 },
);

if (existsSync("/usr/bin/protoc")) {
  bench(
    "compile/corpus/protoc-process-per-file",
    fileCount,
    () => {
      for (const c of cs) {
        for (const f of c.inputs) {
          execFileSync(
            "/usr/bin/protoc",
            [...c.includeDirs.map((d) => "-I" + d), `--descriptor_set_out=${join(tmp, "p.pb")}`, "--include_imports", "--include_source_info", f],
            { stdio: "ignore" },
          );
        }
      }
    },
    { warmup: 1, rounds: 2 },
  );
}

const grpcTest = "/usr/share/grpc-proto/grpc/testing/test.proto";
const distCli = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "cli");
const bin = join(distCli, "spindle-bin.cjs");
const unbundled = join(distCli, "main.js");
// Node 20 reads NODE_EXTRA_CA_CERTS eagerly at start-up (~60 ms on this machine): when it is set, every
// cold case also runs without it, so both the environment as it is and Node's own floor are on record.
const environments: { suffix: string; env: NodeJS.ProcessEnv }[] = [{ suffix: "", env: process.env }];
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  const { NODE_EXTRA_CA_CERTS: _, ...rest } = process.env;
  environments.push({ suffix: "/no-extra-ca-certs", env: rest });
}
if (existsSync(grpcTest) && existsSync(bin)) {
  const args = ["-I/usr/share/grpc-proto", "-I/usr/include", `--descriptor_set_out=${join(tmp, "c.pb")}`, grpcTest];
  const cold = (name: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv): void =>
    bench(
      name,
      1,
      () => {
        const p = spawnSync(command, commandArgs, { stdio: "ignore", env });
        if (p.status !== 0) throw new Error(`${name} failed`);
      },
      { warmup: 2, rounds: 10 },
    );
  for (const { suffix, env } of environments) {
    // The shipped bin: the bundled CLI through its code cache (scripts/bundle.ts).
    cold(`compile/cold/spindle${suffix}`, process.execPath, [bin, "compile", ...args], env);
    cold(`compile/cold/spindle-unbundled${suffix}`, process.execPath, [unbundled, "compile", ...args], env);
    // Node doing nothing: the floor under any Node CLI.
    cold(`compile/cold/node-e-0${suffix}`, process.execPath, ["-e", "0"], env);
    if (existsSync("/usr/bin/protoc")) cold(`compile/cold/protoc${suffix}`, "/usr/bin/protoc", args, env);
  }
}

const byName = new Map(results.map((r) => [r.name, r.nsPerOp]));
const ratio = (a: string, b: string): string => {
  const x = byName.get(a);
  const y = byName.get(b);
  return x && y ? (x / y).toFixed(2) + "×" : "n/a";
};
console.log(`\nspindle per-file / protoc per-file: ${ratio("compile/corpus/spindle-per-file", "compile/corpus/protoc-process-per-file")} (target < 1)`);
console.log(`spindle / protobufjs (same files):  ${ratio("compile/corpus/spindle-protobufjs-subset", "compile/corpus/protobufjs")} (target < 1)`);
for (const { suffix } of environments) {
  const c = (what: string): string => `compile/cold/${what}${suffix}`;
  console.log(`\ncold${suffix || " (environment as is)"}:`);
  console.log(`  spindle / protoc:            ${ratio(c("spindle"), c("protoc"))} (target ≤ 5)`);
  console.log(`  spindle-unbundled / protoc:  ${ratio(c("spindle-unbundled"), c("protoc"))}`);
  console.log(`  node -e 0 / protoc:          ${ratio(c("node-e-0"), c("protoc"))} (the floor for any Node CLI)`);
  console.log(`  spindle / node -e 0:         ${ratio(c("spindle"), c("node-e-0"))}`);
}
rmSync(tmp, { recursive: true, force: true });

