// Differential tests against Debian's python3-protobuf (issue 3, "Must show"): seeded random messages over
// test/fixtures/diff/*.proto, each round-tripped binary→binary, binary→JSON, JSON→binary and JSON→JSON by
// every implementation in the table and by Python, which must agree.
//
// Reproduce a run: SPINDLE_DIFF_SEED=<seed printed below> SPINDLE_DIFF_COUNT=<n> npx tsx --test test/diff/diff.test.ts
// Known disagreements are `todo` tests naming their entry in test/diff/FINDINGS.md.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { compileSchema, type CompiledSchema } from "./diff-schema.js";
import { describeFailure, directedLabel, directions, runDifferential, type DifferentialReport, type DirectedCase } from "./differential.js";
import type { CodecImplementation } from "./implementation.js";
import { runJsonMutations, type JsonMutationReport } from "./json-mutation.js";
import { runMerges, type MergeReport } from "./merge-run.js";
import { runMutations, type MutationOutcome, type MutationReport } from "./mutation.js";
import { startPythonPeer, type PythonPeer } from "./python-peer.js";
import { runViews, viewChecks, type ViewReport } from "./view-run.js";
import { ScalarType, type DescMessage } from "../../src/protobuf/desc.js";
import type { JsonWriteOptions } from "./implementation.js";
import type { Random } from "./random.js";
import { createSchemaRuntime, spindleReflection, type SchemaRuntime } from "./spindle-reflection.js";
import { spindleGenerated } from "../codegen/diff-generated.js";

const seed = Number(process.env.SPINDLE_DIFF_SEED ?? 20261125) >>> 0;
const count = Number(process.env.SPINDLE_DIFF_COUNT ?? 10_000);

/** Every top-level type the run draws from, round-robin: proto3, proto2, and well-known types on their own. */
const typeNames = [
  "spindle.diff3.Scalars",
  "spindle.diff3.Optionals",
  "spindle.diff3.Repeated",
  "spindle.diff3.Maps",
  "spindle.diff3.Oneofs",
  "spindle.diff3.Recursive",
  "spindle.diff3.Outer",
  "spindle.diff3.WellKnown",
  "spindle.diff3.Everything",
  "spindle.diff2.Proto2Scalars",
  "spindle.diff2.Defaults",
  "spindle.diff2.Required",
  "spindle.diff2.Proto2Repeated",
  "spindle.diff2.Groups",
  "spindle.diff2.Proto2Misc",
  "spindle.diff2.Extendable",
  "google.protobuf.Timestamp",
  "google.protobuf.Duration",
  "google.protobuf.Struct",
  "google.protobuf.Value",
  "google.protobuf.ListValue",
  "google.protobuf.Any",
  "google.protobuf.FieldMask",
  "google.protobuf.Int64Value",
  "google.protobuf.BytesValue",
  "google.protobuf.Empty",
];

/** What an `Any` may hold: schema messages of both syntaxes and well-known types (an Any in an Any too). */
const anyTypeNames = [
  "spindle.diff3.Leaf",
  "spindle.diff3.Scalars",
  "spindle.diff3.Outer",
  "spindle.diff3.Oneofs",
  "spindle.diff2.Sub",
  "spindle.diff2.Required",
  "google.protobuf.Timestamp",
  "google.protobuf.Duration",
  "google.protobuf.Struct",
  "google.protobuf.Value",
  "google.protobuf.FieldMask",
  "google.protobuf.StringValue",
  "google.protobuf.Empty",
  "google.protobuf.Any",
];

const FLOAT_MAX = 3.4028234663852886e38;

/**
 * A work-around for a disagreement that is not Spindle's to fix: Python 4.21 writes ±FLT_MAX as 3.4028235e+38
 * and then rejects that text as out of range (peer limitation P1 in FINDINGS.md). Spindle's own read-back of
 * ±FLT_MAX is checked on its own below.
 */
function numberFilter(value: number, type: ScalarType.FLOAT | ScalarType.DOUBLE): number {
  return type === ScalarType.FLOAT && Math.abs(value) === FLOAT_MAX ? Math.sign(value) * 1.5 : value;
}

/** Types whose messages may hold a NullValue field, directly, nested or inside an Any (memoized). */
function reachesNullValue(desc: DescMessage, seen = new Map<DescMessage, boolean>()): boolean {
  const known = seen.get(desc);
  if (known !== undefined) return known;
  if (desc.typeName === "google.protobuf.Any") return true; // may hold spindle.diff3.Oneofs
  seen.set(desc, false);
  let found = false;
  for (const field of desc.fields) {
    if ((field.fieldKind === "enum" || (field.fieldKind === "list" && field.listKind === "enum") || (field.fieldKind === "map" && field.mapKind === "enum")) && field.enum.typeName === "google.protobuf.NullValue") found = true;
    const message = field.fieldKind === "message" || (field.fieldKind === "list" && field.listKind === "message") || (field.fieldKind === "map" && field.mapKind === "message") ? field.message : undefined;
    if (message && message.typeName !== "google.protobuf.Value" && message.typeName !== "google.protobuf.Struct" && reachesNullValue(message, seen)) found = true;
  }
  seen.set(desc, found);
  return found;
}

/**
 * A quarter of the messages use non-default JSON options (proto field names, enums as integers, default values
 * emitted), the same on both sides. Not enumAsInteger where a NullValue field may appear: Python 4.21 then
 * writes the field as 0 instead of null (peer limitation P2).
 */
function jsonOptions(desc: DescMessage, random: Random): JsonWriteOptions {
  if (!random.chance(0.25)) return {};
  return { useProtoFieldName: random.chance(0.5), enumAsInteger: !reachesNullValue(desc) && random.chance(0.5), emitDefaultValues: random.chance(0.5) };
}

/** Hand-written edge cases, each its own test (run with all four round trips). */
const directedCases: DirectedCase[] = [
  { name: "double and float -0", typeName: "spindle.diff3.Scalars", message: { fDouble: -0, fFloat: -0 } },
  { name: "proto3 optional -0", typeName: "spindle.diff3.Optionals", message: { oDouble: -0, oFloat: -0 } },
  { name: "Value number -0", typeName: "google.protobuf.Value", message: { kind: { case: "numberValue", value: -0 } } },
  { name: "NaN and infinities", typeName: "spindle.diff3.Repeated", message: { rDouble: [NaN, Infinity, -Infinity], uFloat: [NaN, -Infinity, Infinity] } },
  { name: "largest and smallest floats", typeName: "spindle.diff3.Repeated", message: { rFloat: [3.4028232635611926e38, 1.401298464324817e-45, -1.1754943508222875e-38], rDouble: [Number.MAX_VALUE, Number.MIN_VALUE] } },
  { name: "64-bit extremes", typeName: "spindle.diff3.Scalars", message: { fInt64: -(2n ** 63n), fUint64: 2n ** 64n - 1n, fSfixed64: 2n ** 63n - 1n, fSint64: -(2n ** 63n), fFixed64: 2n ** 64n - 1n } },
  { name: "jstype string and number", typeName: "spindle.diff3.Scalars", message: { fInt64String: "-9223372036854775808", fUint64Number: 9007199254740991, fSint64Number: -9007199254740991 } },
  { name: "unknown open enum value", typeName: "spindle.diff3.Scalars", message: { fEnum: 12345, fAliased: 1 } },
  { name: "enum at int32 limits", typeName: "spindle.diff3.Repeated", message: { rEnum: [-2147483648, 2147483647, -1], uEnum: [-2147483648, 2147483647] } },
  { name: "empty Any", typeName: "spindle.diff3.WellKnown", message: { any: { typeUrl: "", value: new Uint8Array(0) } } },
  { name: "empty Value in a list", typeName: "google.protobuf.ListValue", message: { values: [{ kind: { case: "nullValue", value: 0 } }] } },
  { name: "NullValue in a oneof", typeName: "spindle.diff3.Oneofs", message: { other: { case: "dNull", value: 0 } } },
  { name: "timestamp limits", typeName: "spindle.diff3.WellKnown", message: { timestamps: [{ seconds: -62135596800n, nanos: 0 }, { seconds: 253402300799n, nanos: 999999999 }, { seconds: 0n, nanos: 1 }, { seconds: -1n, nanos: 999999999 }] } },
  { name: "duration limits", typeName: "spindle.diff3.WellKnown", message: { durations: [{ seconds: 315576000000n, nanos: 999999999 }, { seconds: -315576000000n, nanos: -999999999 }, { seconds: 0n, nanos: -1 }, { seconds: 0n, nanos: 10000 }] } },
  { name: "wrappers holding defaults", typeName: "spindle.diff3.WellKnown", message: { doubleValue: { value: 0 }, int64Value: { value: 0n }, boolValue: { value: false }, stringValue: { value: "" }, bytesValue: { value: new Uint8Array(0) } } },
  { name: "largest field number", typeName: "spindle.diff3.Scalars", message: { fLargeNumber: -1 } },
  { name: "lone proto2 defaults set explicitly", typeName: "spindle.diff2.Defaults", message: { dInt32: -42, dString: "h\u00e9llo", dEnum: -2, dBool: true, dNan: NaN } },
  { name: "group with nested message", typeName: "spindle.diff2.Groups", message: { single: { gInt32: 0 }, multi: [{}, { mInt64: -1n, mSub: { a: 1 } }], after: 1 } },
];

/**
 * Disagreements already written up in FINDINGS.md, by `"<implementation> <type> <direction>"`: these cases
 * still run and print, as `todo`, until the runtime is fixed.
 */
const knownFindings: Record<string, string> = {
};

/** Sizes of the side runs for an implementation's message count (the suite stays well under a minute of CPU). */
function sideRunSizes(messages: number) {
  const part = (share: number) => Math.max(1, Math.round(messages * share));
  return { mutations: part(0.2), jsonMutations: part(0.15), views: part(0.06), merges: part(0.06) };
}

/** Types the merge run concatenates: scalars, lists, maps, oneofs, nested and recursive messages, groups, extensions. */
const mergeTypeNames = [
  "spindle.diff3.Scalars",
  "spindle.diff3.Optionals",
  "spindle.diff3.Repeated",
  "spindle.diff3.Maps",
  "spindle.diff3.Oneofs",
  "spindle.diff3.Recursive",
  "spindle.diff3.Outer",
  "spindle.diff3.WellKnown",
  "spindle.diff2.Proto2Scalars",
  "spindle.diff2.Defaults",
  "spindle.diff2.Required",
  "spindle.diff2.Groups",
  "spindle.diff2.Proto2Misc",
  "spindle.diff2.Extendable",
  "google.protobuf.Struct",
];

/** Types the mutation run starts from: every syntax and shape, small enough that mutations hit structure. */
const mutationTypeNames = [
  "spindle.diff3.Scalars",
  "spindle.diff3.Repeated",
  "spindle.diff3.Maps",
  "spindle.diff3.Oneofs",
  "spindle.diff3.Recursive",
  "spindle.diff3.WellKnown",
  "spindle.diff2.Proto2Scalars",
  "spindle.diff2.Proto2Repeated",
  "spindle.diff2.Groups",
  "spindle.diff2.Proto2Misc",
  "spindle.diff2.Extendable",
  "spindle.diff2.Required",
];

/**
 * Full types and the older views they are read as (unknown fields, unknown closed-enum values). No JSON check
 * for Proto2MiscView: Python 4.21 lists a map entry whose closed-enum value went to unknown fields in its JSON
 * with the enum's default value, while its binary has it as an unknown field only (peer limitation P4).
 */
const viewPairNames: [full: string, view: string, compareJson: boolean][] = [
  ["spindle.diff3.Scalars", "spindle.diff3.ScalarsView", true],
  ["spindle.diff3.Repeated", "spindle.diff3.RepeatedView", true],
  ["spindle.diff3.Everything", "spindle.diff3.EverythingView", true],
  ["spindle.diff2.Proto2Scalars", "spindle.diff2.Proto2ScalarsView", true],
  ["spindle.diff2.Proto2Repeated", "spindle.diff2.Proto2RepeatedView", true],
  ["spindle.diff2.Proto2Misc", "spindle.diff2.Proto2MiscView", false],
];

/** Types the JSON mutation run starts from: every syntax, the well-known types' special forms, extensions. */
const jsonMutationTypeNames = [
  "spindle.diff3.Scalars",
  "spindle.diff3.Optionals",
  "spindle.diff3.Repeated",
  "spindle.diff3.Maps",
  "spindle.diff3.Oneofs",
  "spindle.diff3.WellKnown",
  "spindle.diff2.Proto2Scalars",
  "spindle.diff2.Groups",
  "spindle.diff2.Proto2Misc",
  "spindle.diff2.Extendable",
  "google.protobuf.Timestamp",
  "google.protobuf.Duration",
  "google.protobuf.Value",
  "google.protobuf.Any",
  "google.protobuf.FieldMask",
  "google.protobuf.Int64Value",
];

/** Length prefixes past the end of the input, as hex: each must be an error, not a shorter length. */
const overlongLengths: { name: string; typeName: string; hex: string }[] = [
  { name: "packed field, length 2^53", typeName: "spindle.diff3.Repeated", hex: "8a02808080808080808010" },
  { name: "packed field, length 2^32", typeName: "spindle.diff3.Repeated", hex: "8a028080808010" },
  { name: "string, length 2^32", typeName: "spindle.diff3.Scalars", hex: "4a8080808010" },
  { name: "bytes, length 2^32 + 1", typeName: "spindle.diff3.Scalars", hex: "528180808010ff" },
  { name: "unknown field, length 2^56", typeName: "spindle.diff3.Scalars", hex: "e2f343808080808080808001" },
  { name: "string, length 5 of 1", typeName: "spindle.diff3.Scalars", hex: "4a0561" },
];

/**
 * The implementations under test. Generated codecs join with one more entry: a name (used in test titles and
 * in `knownFindings` keys), a factory given the linked schema (`supports()` limits it to the types it has),
 * and `share`, the part of SPINDLE_DIFF_COUNT it runs (default 1). The reference, spindle-reflection, runs
 * the full 10,000; a second implementation runs 2,000 so the suite's wall time stays near a minute on the
 * shared 2-core machine (each part below still runs for it, scaled).
 */
const implementations: { name: string; create(runtime: SchemaRuntime): CodecImplementation; share?: number }[] = [
  { name: "spindle-reflection", create: spindleReflection },
  { name: "spindle-generated", create: spindleGenerated, share: 0.2 },
];

describe("differential tests against python3-protobuf", () => {
  let schema: CompiledSchema;
  let peer: PythonPeer & { version: string };
  let runtime: SchemaRuntime;
  before(async () => {
    schema = compileSchema();
    peer = await startPythonPeer(schema.pythonDir);
    runtime = createSchemaRuntime(schema.descriptorSet);
  });
  after(async () => {
    await peer?.close();
    schema?.dispose();
  });

  for (const entry of implementations) {
    const findingFor = (key: string) => knownFindings[`${entry.name} ${key}`];
    const messages = Math.max(1, Math.round(count * (entry.share ?? 1)));
    const sizes = sideRunSizes(messages);
    describe(entry.name, () => {
      let report: DifferentialReport;
      let extensionReport: DifferentialReport;
      let mutationReport: MutationReport;
      let viewReport: ViewReport;
      let jsonMutationReport: JsonMutationReport;
      let mergeReport: MergeReport;
      let implementation: CodecImplementation;
      before(async () => {
        implementation = entry.create(runtime);
        const types = typeNames.map((n) => runtime.message(n)).filter((d) => implementation.supports(d));
        const started = performance.now();
        report = await runDifferential({
          seed,
          count: messages,
          types,
          anyTypes: anyTypeNames.map((n) => runtime.message(n)),
          implementation,
          runtime,
          peer,
          jsonOptions,
          numberFilter,
          // Python 4.21 writes repeated extensions under their JSON name instead of "[full.name]" (peer
          // limitation P3): repeated extensions get a binary-only run below.
          extensionFilter: (extension) => extension.fieldKind !== "list",
          directed: directedCases,
        });
        const phases: string[] = [];
        let mark = started;
        const phase = (name: string) => {
          const now = performance.now();
          phases.push(`${name} ${((now - mark) / 1000).toFixed(1)} s`);
          mark = now;
        };
        phase("messages");
        extensionReport = await runDifferential({
          seed,
          count: Math.min(messages, 500),
          types: [runtime.message("spindle.diff2.Extendable")],
          anyTypes: [],
          implementation,
          runtime,
          peer,
          directions: ["binary→binary"],
        });
        phase("extensions");
        mutationReport = await runMutations({
          seed,
          count: sizes.mutations,
          types: mutationTypeNames.map((n) => runtime.message(n)),
          implementation,
          runtime,
          peer,
        });
        phase("mutated binary");
        viewReport = await runViews({
          seed,
          count: sizes.views,
          pairs: viewPairNames.map(([full, view, compareJson]) => ({ full: runtime.message(full), view: runtime.message(view), compareJson })),
          implementation,
          runtime,
          peer,
        });
        phase("views");
        jsonMutationReport = await runJsonMutations({
          seed,
          count: sizes.jsonMutations,
          types: jsonMutationTypeNames.map((n) => runtime.message(n)),
          anyTypes: ["spindle.diff3.Leaf", "google.protobuf.Timestamp", "google.protobuf.Struct", "google.protobuf.Int32Value"].map((n) => runtime.message(n)),
          implementation,
          runtime,
          peer,
          numberFilter,
        });
        phase("mutated JSON");
        mergeReport = await runMerges({
          seed,
          count: sizes.merges,
          types: mergeTypeNames.map((n) => runtime.message(n)),
          implementation,
          runtime,
          peer,
        });
        phase("merges");
        const seconds = `${((performance.now() - started) / 1000).toFixed(1)} (${phases.join(", ")})`;
        console.log(
          `# differential ${implementation.name} vs ${peer.version}: seed ${seed}, ${report.count} messages ` +
            `(${(report.totalBytes / 1024).toFixed(0)} KiB of binary), ${types.length} types; ${mutationReport.count} mutated inputs ` +
            `(${mutationReport.bothRejected} rejected by both, ${mutationReport.bothAccepted} read alike, ` +
            `${[...mutationReport.expected].map(([reason, n]) => `${n} ${reason}`).join(", ") || "no by-design divergences"}); ` +
            `${viewReport.count} messages read through older views; ${jsonMutationReport.count} mutated JSON texts ` +
            `(${jsonMutationReport.bothRejected} rejected by both, ${jsonMutationReport.bothAccepted} read alike, ` +
            `${[...jsonMutationReport.expected].map(([reason, n]) => `${n} ${reason}`).join(", ") || "no by-design divergences"}); ` +
            `${mergeReport.count} concatenated pairs; ${seconds} s`,
        );
      });

      const fullRun = (entry.share ?? 1) >= 1;
      it(`runs at least 10,000 messages (SPINDLE_DIFF_COUNT=${count})`, { skip: !fullRun ? `runs ${messages} (share ${entry.share})` : count < 10_000 ? "fewer messages asked for" : false }, () => {
        assert.ok(report.count >= 10_000);
        const random = [...report.messagesByType].filter(([k]) => !k.startsWith("directed ")).reduce((a, [, n]) => a + n, 0);
        assert.equal(random, report.count);
      });

      const floatMaxFinding = findingFor("reads back its own JSON for ±FLT_MAX");
      it("reads back its own JSON for ±FLT_MAX", floatMaxFinding ? { todo: floatMaxFinding } : {}, () => {
        // Python 4.21 cannot read this text itself (peer limitation P1), so this check is Spindle's alone.
        const desc = runtime.message("spindle.diff3.Scalars");
        for (const value of [FLOAT_MAX, -FLOAT_MAX]) {
          const json = implementation.toJson(desc, { fFloat: value });
          assert.equal(implementation.fromJson(desc, json).fFloat, value, `fromJson(${json})`);
        }
      });

      const outcomes: MutationOutcome[] = ["crash", "accepts what Python rejects", "rejects what Python accepts", "reads a different message"];
      for (const outcome of outcomes) {
        const finding = findingFor(`mutated ${outcome}`);
        it(`on mutated binary, never ${outcome === "crash" ? "throws anything but ProtobufError" : outcome}`, finding ? { todo: finding } : {}, () => {
          const problems = [...mutationReport.disagreements]
            .filter(([key]) => key.endsWith(` ${outcome}`))
            .map(([key, { count: n, first }]) => `${key}: ${n} input(s); first #${first.index} (seed ${seed}), ${first.mutation}\n  ${first.detail}\n  input: ${first.input}`);
          if (problems.length > 0) assert.fail(`${implementation.name}:\n${problems.join("\n")}`);
        });
      }

      for (const outcome of outcomes) {
        const finding = findingFor(`mutated JSON ${outcome}`);
        it(`on mutated JSON, never ${outcome === "crash" ? "throws anything but ProtobufError" : outcome}`, finding ? { todo: finding } : {}, () => {
          const problems = [...jsonMutationReport.disagreements]
            .filter(([key]) => key.endsWith(` ${outcome}`))
            .map(([key, { count: n, first }]) => `${key}: ${n} input(s); first #${first.index} (seed ${seed}), ${first.mutation}\n  ${first.detail}\n  input: ${first.input}`);
          if (problems.length > 0) assert.fail(`${implementation.name}:\n${problems.join("\n")}`);
        });
      }

      const jsNumberFinding = findingFor("jstype=JS_NUMBER extremes");
      it("reads and writes back jstype=JS_NUMBER 64-bit extremes", jsNumberFinding ? { todo: jsNumberFinding } : {}, () => {
        const desc = runtime.message("spindle.diff3.Scalars");
        // f_sint64_number = 2^63 - 1 and f_uint64_number = 2^64 - 1: valid on the wire, past 2^53 as numbers.
        const bytes = new Uint8Array(Buffer.from("b801feffffffffffffffff01b001ffffffffffffffffff01", "hex"));
        const decoded = implementation.decode(desc, bytes);
        const again = implementation.decode(desc, implementation.encode(desc, decoded));
        assert.equal(again.fSint64Number, decoded.fSint64Number);
        assert.equal(again.fUint64Number, decoded.fUint64Number);
        const fromJson = implementation.fromJson(desc, '{"fSint64Number":"9223372036854775807"}');
        assert.doesNotThrow(() => implementation.encode(desc, fromJson));
      });

      it("reads two messages encoded back to back as Python does (merging)", () => {
        const problems = [...mergeReport.failures].map(([key, { count: n, first }]) => `${key}: ${n} pair(s); first #${first.index} (seed ${seed})\n  ${first.detail}\n  input: ${first.input}`);
        if (problems.length > 0) assert.fail(`${implementation.name}:\n${problems.join("\n")}`);
      });

      for (const check of viewChecks) {
        const finding = findingFor(`view ${check}`);
        it(`reading messages through older views, ${check}`, finding ? { todo: finding } : {}, () => {
          const problems = [...viewReport.failures]
            .filter(([key]) => key.endsWith(` ${check}`))
            .map(([key, { count: n, first }]) => `${key}: ${n} message(s); first #${first.index} (seed ${seed})\n  ${first.detail}\n  input: ${first.input}`);
          if (problems.length > 0) assert.fail(`${implementation.name}:\n${problems.join("\n")}`);
        });
      }

      const lengthFinding = findingFor("rejects lengths of 2^32 and more");
      it("rejects lengths of 2^32 and more", lengthFinding ? { todo: lengthFinding } : {}, () => {
        for (const c of overlongLengths) {
          assert.throws(
            () => implementation.decode(runtime.message(c.typeName), new Uint8Array(Buffer.from(c.hex, "hex"))),
            (e: Error) => e.name === "ProtobufError",
            `${c.name} (${c.hex}) must be rejected`,
          );
        }
      });

      it("agrees with Python on repeated extensions (binary→binary)", () => {
        const failure = extensionReport.failures.get("spindle.diff2.Extendable binary→binary");
        if (failure) assert.fail(`${implementation.name}: ${describeFailure(seed, failure.first, failure.count)}`);
      });

      for (const c of directedCases) {
        const label = directedLabel(c);
        const finding = findingFor(label);
        it(`agrees with Python on ${label}`, finding ? { todo: finding } : {}, () => {
          const problems = directions.flatMap((d) => {
            const failure = report.failures.get(`${label} ${d}`);
            return failure ? [describeFailure(seed, failure.first, failure.count)] : [];
          });
          if (problems.length > 0) assert.fail(`${implementation.name}: ${problems.join("\n")}`);
        });
      }

      for (const typeName of typeNames) {
        for (const direction of directions) {
          const key = `${typeName} ${direction}`;
          const finding = findingFor(key);
          it(`agrees with Python on ${key}`, finding ? { todo: finding } : {}, () => {
            const failure = report.failures.get(key);
            if (failure) assert.fail(`${implementation.name}: ${describeFailure(seed, failure.first, failure.count)}`);
          });
        }
      }
    });
  }
});
