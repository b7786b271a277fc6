/**
 * The codec benchmark (`npm run bench:codec`, after `npm run build`): encode and decode ops/s of the seed's
 * `shop.v1.Product` and a ~1.5 KB `bench.v1.Order`, for protobufjs (static code), @bufbuild/protobuf,
 * google-protobuf and Spindle, measured side by side in one run, with Spindle's ratios to the other three.
 *
 * Options: `--filter REGEX` (case names such as `codec/decode/order`), `--rounds N` (default 7),
 * `--round-ms MS` (default 250), `--seed N` (fixtures; default 42, the one bench/README.md used).
 */
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { toBinary, type Message } from "../../src/protobuf/index.js";
import { anchorNames, contenderFactories, createBenchRegistry, verifyContender, type BenchContext } from "./contenders.js";
import { createFixtures } from "./fixtures.js";
import { measure, type Measurement, type Runner } from "./measure.js";

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "bench", "codec", "protos"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the repository root (bench/codec/protos)");
    dir = parent;
  }
  return dir;
}

const format = (n: number) => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      filter: { type: "string" },
      rounds: { type: "string", default: "7" },
      "round-ms": { type: "string", default: "250" },
      seed: { type: "string", default: "42" },
    },
  });
  const rounds = Number(values.rounds);
  const roundMs = Number(values["round-ms"]);
  if (!(rounds >= 1 && roundMs >= 1)) throw new Error("--rounds and --round-ms must be positive numbers");
  const filter = values.filter ? new RegExp(values.filter) : undefined;

  const repoRoot = findRepoRoot();
  const protoDir = join(repoRoot, "bench", "codec", "protos");
  const protoFiles = ["product.proto", "order.proto"];
  const context: BenchContext = { repoRoot, protoDir, protoFiles, registry: createBenchRegistry(protoDir, protoFiles) };
  const contenders = await Promise.all(contenderFactories.map((make) => make(context)));
  try {
    const fixtures = createFixtures(Number(values.seed));
    const cpu = cpus();
    console.log(`codec benchmark: node ${process.version}, ${cpu[0]?.model ?? "cpu"} x${cpu.length}, load ${loadavg()[0]!.toFixed(1)}; ${rounds} rounds x ${roundMs} ms, median`);
    const rows: string[][] = [["case", "contender", "ops/s", "ns/op", "spread", ...anchorNames.map((a) => `vs ${a}`)]];
    for (const fixture of fixtures) {
      const desc = context.registry.getMessage(fixture.typeName)!;
      const canonical = toBinary(desc, fixture.message as Message);
      console.log(`fixture ${fixture.name}: ${fixture.typeName}, ${canonical.length} bytes`);
      for (const contender of contenders) verifyContender(context, fixture, contender);
      for (const op of ["encode", "decode"] as const) {
        const caseName = `codec/${op}/${fixture.name}`;
        if (filter && !filter.test(caseName)) continue;
        const runners: Runner[] = contenders.map((contender) => {
          const prepared = contender.prepare(fixture);
          return { name: contender.name, run: op === "encode" ? () => prepared.encode() : () => prepared.decode(canonical) };
        });
        const results: Measurement[] = measure(runners, { rounds, roundMs });
        const rate = new Map(results.map((r) => [r.name, r.opsPerSecond]));
        for (const r of results) {
          const ratios = anchorNames.map((anchor) => (r.name.startsWith("spindle") && rate.has(anchor) ? `${(r.opsPerSecond / rate.get(anchor)!).toFixed(2)}x` : ""));
          // Spread: (slowest - fastest round) / median, to show how much the machine's noise moved the rounds.
          const spread = (Math.max(...r.rounds) - Math.min(...r.rounds)) / r.opsPerSecond;
          rows.push([caseName, r.name, format(r.opsPerSecond), (1e9 / r.opsPerSecond).toFixed(0), `±${(spread * 50).toFixed(0)}%`, ...ratios]);
        }
      }
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
    for (const row of rows) console.log(row.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  "));
  } finally {
    for (const contender of contenders) contender.dispose?.();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
