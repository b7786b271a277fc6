/**
 * The differential run: seeded random messages, each taken binary→binary, binary→JSON, JSON→binary and
 * JSON→JSON by an implementation under test and by Python's protobuf, with every disagreement recorded.
 *
 * Binary answers are compared after re-parsing on both sides (Spindle decodes Python's bytes and compares
 * with the original message; Python re-parses Spindle's bytes and compares them canonically), JSON answers as
 * parsed values. Message `i` of seed `s` is generated from its own seed, so one case can be replayed alone.
 */
import type { DescExtension, DescMessage, ScalarType } from "../../src/protobuf/desc.js";
import { canonicalFloats, diffJson, diffMessages, parseJsonText } from "./compare.js";
import type { CodecImplementation, JsonWriteOptions } from "./implementation.js";
import { PeerOp, type PythonPeer } from "./python-peer.js";
import { createRandom, type Random } from "./random.js";
import { createMessageGenerator, type PlainMessage } from "./random-message.js";
import type { SchemaRuntime } from "./spindle-reflection.js";

/** The four round trips. */
export const directions = ["binary→binary", "binary→JSON", "JSON→binary", "JSON→JSON"] as const;
export type Direction = (typeof directions)[number];

/** One disagreement, with what it takes to reproduce it. */
export interface Failure {
  /** The type name, or the directed case's label. */
  readonly typeName: string;
  readonly direction: Direction;
  /** The message's index in the run; with the run's seed, {@link messageSeed} regenerates it. Directed cases: -1, -2, … */
  readonly index: number;
  readonly detail: string;
  /** The input of the failing step: base64 of binary, or JSON text (shortened). */
  readonly input: string;
}

/** Everything a run found, grouped by type and direction. */
export interface DifferentialReport {
  readonly seed: number;
  readonly count: number;
  /** Messages run per type name (random) or per {@link directedLabel} (directed). */
  readonly messagesByType: ReadonlyMap<string, number>;
  /** Key: `${typeName} ${direction}`, or `${directedLabel(case)} ${direction}`. */
  readonly failures: ReadonlyMap<string, { count: number; first: Failure }>;
  /** Bytes of binary encoding produced, to show the test covered real volume. */
  readonly totalBytes: number;
}

/** How to run. */
export interface DifferentialOptions {
  readonly seed: number;
  readonly count: number;
  /** Top-level types, used round-robin. */
  readonly types: readonly DescMessage[];
  /** Types an Any may hold. */
  readonly anyTypes: readonly DescMessage[];
  readonly implementation: CodecImplementation;
  readonly runtime: SchemaRuntime;
  readonly peer: PythonPeer;
  /** Messages in flight at once (Python works while Node generates and checks). */
  readonly concurrency?: number;
  readonly maxDepth?: number;
  readonly maxMessages?: number;
  /** The round trips to run (default: all four). */
  readonly directions?: readonly Direction[];
  /** Which extensions the generator may set (default: all of the extendee's). */
  readonly extensionFilter?: (extension: DescExtension) => boolean;
  /** The JSON options message `index` uses on both sides (default: none). */
  readonly jsonOptions?: (desc: DescMessage, random: Random) => JsonWriteOptions;
  /** Hand-written messages run after the random ones (reported with negative indexes: -1 is the first). */
  readonly directed?: readonly DirectedCase[];
  /** Replaces generated float and double values (work-arounds for known findings, documented where used). */
  readonly numberFilter?: (value: number, type: ScalarType.FLOAT | ScalarType.DOUBLE) => number;
}

/** A hand-written message for {@link runDirected}: the edge cases worth naming. */
export interface DirectedCase {
  readonly name: string;
  readonly typeName: string;
  readonly message: PlainMessage;
  readonly jsonOptions?: JsonWriteOptions;
}

/** How a directed case is keyed in {@link DifferentialReport.failures} and `messagesByType`: `directed <name>`. */
export function directedLabel(c: DirectedCase): string {
  return `directed ${c.name}`;
}

/** The seed message `index` of a run with `seed` is generated from. */
export function messageSeed(seed: number, index: number): number {
  return (Math.imul(index + 1, 0x9e3779b1) ^ seed) >>> 0;
}

const CLIP = 3000;
const clip = (text: string) => (text.length > CLIP ? `${text.slice(0, CLIP)}… (${text.length} chars)` : text);
const base64 = (bytes: Uint8Array) => clip(Buffer.from(bytes).toString("base64"));
const messageOf = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** A step failing: what disagreed, and on which input. */
class Disagreement extends Error {
  constructor(
    readonly direction: Direction,
    detail: string,
    readonly input: string,
  ) {
    super(detail);
  }
}

/** Runs `count` messages and reports every disagreement; never throws for a disagreement. */
export async function runDifferential(options: DifferentialOptions): Promise<DifferentialReport> {
  const { implementation: impl, runtime, peer, seed } = options;
  const failures = new Map<string, { count: number; first: Failure }>();
  const messagesByType = new Map<string, number>();
  let totalBytes = 0;

  function record(typeName: string, index: number, d: Disagreement): void {
    const key = `${typeName} ${d.direction}`;
    const entry = failures.get(key);
    if (entry) entry.count++;
    else failures.set(key, { count: 1, first: { typeName, direction: d.direction, index, detail: d.message, input: d.input } });
  }

  /** Python's verdict on two encodings of one message: canonical bytes, else its JSON of each. */
  async function pythonAgrees(desc: DescMessage, a: Uint8Array, b: Uint8Array): Promise<string | undefined> {
    const typeName = desc.typeName;
    if (Buffer.compare(a, b) === 0) return undefined; // same bytes: Python would read the same message
    const [ca, cb] = await Promise.all([peer.request(PeerOp.CANONICAL, typeName, a), peer.request(PeerOp.CANONICAL, typeName, b)]);
    if (Buffer.compare(ca, cb) === 0) return undefined;
    // Map entries inside an Any's bytes keep their encoder's order; JSON compares them unpacked.
    const [ja, jb] = await Promise.all([peer.requestText(PeerOp.BIN_TO_JSON, typeName, a), peer.requestText(PeerOp.BIN_TO_JSON, typeName, b)]);
    const d = diffJson(canonicalFloats(desc, parseJsonText(ja), runtime.compareContext), canonicalFloats(desc, parseJsonText(jb), runtime.compareContext));
    return d && `Python reads the two encodings differently: ${d}`;
  }

  async function step<T>(direction: Direction, input: string, fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof Disagreement) throw error;
      throw new Disagreement(direction, messageOf(error), input);
    }
  }

  async function one(index: number): Promise<void> {
    const desc = options.types[index % options.types.length]!;
    const random = createRandom(messageSeed(seed, index));
    const extensionFilter = options.extensionFilter ?? (() => true);
    const generator = createMessageGenerator(random, {
      maxDepth: options.maxDepth ?? 4,
      maxMessages: options.maxMessages ?? 16,
      encode: (d, m) => impl.encode(d, m),
      anyTypes: options.anyTypes,
      extensions: { of: (d) => runtime.extensionsOf(d).filter(extensionFilter), set: runtime.setExtension },
      numberFilter: options.numberFilter,
    });
    const jsonOptions = options.jsonOptions?.(desc, random) ?? {};
    let original: PlainMessage;
    try {
      original = generator.message(desc);
    } catch (error) {
      record(desc.typeName, index, new Disagreement("binary→binary", `cannot generate a message: ${messageOf(error)}`, ""));
      return;
    }
    await check(desc, original, jsonOptions, index);
  }

  /** Runs the chosen round trips for one message, recording each disagreement. */
  async function check(desc: DescMessage, original: PlainMessage, jsonOptions: JsonWriteOptions, index: number, label = desc.typeName): Promise<void> {
    const typeName = desc.typeName;
    messagesByType.set(label, (messagesByType.get(label) ?? 0) + 1);
    // `equals` is the fast path; diffMessages judges (and explains) when it says no, since an Any's bytes may
    // order map entries differently and still hold the same message.
    const diff = (a: PlainMessage, b: PlainMessage) => (runtime.equals(desc, a, b) ? undefined : diffMessages(desc, a, b, runtime.compareContext));
    const diffJsonText = (a: string, b: string) => {
      const ja = parseJsonText(a);
      const jb = parseJsonText(b);
      if (diffJson(ja, jb) === undefined) return undefined;
      return diffJson(canonicalFloats(desc, ja, runtime.compareContext), canonicalFloats(desc, jb, runtime.compareContext));
    };
    const wanted = new Set(options.directions ?? directions);
    // With emitDefaultValues, unset explicit-presence fields (proto2 optional) are written as their defaults,
    // by Python 4.21 and Spindle alike, and read back as set: JSON no longer reproduces the original message,
    // so only the two implementations are compared with each other.
    const lossless = !jsonOptions.emitDefaultValues;

    let binary: Uint8Array;
    try {
      binary = impl.encode(desc, original);
    } catch (error) {
      record(label, index, new Disagreement("binary→binary", `${impl.name} cannot encode a generated message: ${messageOf(error)}`, ""));
      return;
    }
    totalBytes += binary.length;
    const input = base64(binary);
    const needJson = wanted.has("binary→JSON") || wanted.has("JSON→JSON") || wanted.has("JSON→binary");
    const pyBinary = wanted.has("binary→binary") ? peer.request(PeerOp.BIN_TO_BIN, typeName, binary) : Promise.resolve(binary);
    const pyJson = needJson ? peer.requestText(PeerOp.BIN_TO_JSON, typeName, binary, jsonOptions) : Promise.resolve("");
    // Settle both now so an early failure below leaves no unhandled rejection behind.
    pyBinary.catch(() => {});
    pyJson.catch(() => {});

    const checks: Promise<void>[] = [];

    // binary → binary
    if (wanted.has("binary→binary")) checks.push(
      step("binary→binary", input, async () => {
        const decoded = impl.decode(desc, binary);
        let d = diff(original, decoded);
        if (d) throw new Disagreement("binary→binary", `${impl.name} decode(encode(m)) differs from m: ${d}`, input);
        const again = impl.encode(desc, decoded);
        const fromPython = await step("binary→binary", input, () => pyBinary.catch((e: unknown) => Promise.reject(new Error(`Python cannot parse ${impl.name}'s encoding: ${messageOf(e)}`))));
        d = diff(original, impl.decode(desc, fromPython));
        if (d) throw new Disagreement("binary→binary", `${impl.name} reads Python's re-encoding (${base64(fromPython)}) differently: ${d}`, input);
        d = await pythonAgrees(desc, again, fromPython);
        if (d) throw new Disagreement("binary→binary", d, input);
      }).catch((e: Disagreement) => record(label, index, e)),
    );

    // binary → JSON, then JSON → JSON fed with the implementation's JSON.
    if (needJson) checks.push(
      (async () => {
        let json: string;
        try {
          json = await step("binary→JSON", input, async () => {
            const own = impl.toJson(desc, impl.decode(desc, binary), jsonOptions);
            const python = await step("binary→JSON", input, () => pyJson.catch((e: unknown) => Promise.reject(new Error(`Python cannot write JSON: ${messageOf(e)}`))));
            const d = diffJsonText(own, python);
            if (d) throw new Disagreement("binary→JSON", `${d}\n${impl.name}: ${clip(own)}\nPython: ${clip(python)}`, input);
            return own;
          });
        } catch (e) {
          if (wanted.has("binary→JSON")) record(label, index, e as Disagreement);
          return;
        }
        if (!wanted.has("JSON→JSON")) return;
        await step("JSON→JSON", clip(json), async () => {
          // The implementation must read its own JSON back to the same message, whatever Python says.
          const mine = impl.fromJson(desc, json);
          const self = lossless ? diff(original, mine) : undefined;
          if (self) throw new Disagreement("JSON→JSON", `${impl.name} fromJson(toJson(m)) differs from m: ${self}`, clip(json));
          const python = await peer.requestText(PeerOp.JSON_TO_JSON, typeName, json, jsonOptions).catch((e: unknown) => {
            throw new Error(`Python rejects ${impl.name}'s JSON: ${messageOf(e)}`);
          });
          const own = impl.toJson(desc, mine, jsonOptions);
          const d = diffJsonText(own, python);
          if (d) throw new Disagreement("JSON→JSON", `${d}\n${impl.name}: ${clip(own)}\nPython: ${clip(python)}`, clip(json));
        }).catch((e: Disagreement) => record(label, index, e));
      })(),
    );

    // JSON → binary, fed with Python's JSON.
    if (wanted.has("JSON→binary")) checks.push(
      (async () => {
        let json: string;
        try {
          json = await pyJson;
        } catch {
          return; // already a binary→JSON failure
        }
        await step("JSON→binary", clip(json), async () => {
          const pyBytes = peer.request(PeerOp.JSON_TO_BIN, typeName, json);
          pyBytes.catch(() => {});
          const parsed = impl.fromJson(desc, json);
          let d = lossless ? diff(original, parsed) : undefined;
          if (d) throw new Disagreement("JSON→binary", `${impl.name} fromJson(Python's JSON) differs from the original: ${d}`, clip(json));
          const own = impl.encode(desc, parsed);
          const python = await pyBytes.catch((e: unknown) => {
            throw new Error(`Python cannot parse its own JSON: ${messageOf(e)}`);
          });
          d = diff(parsed, impl.decode(desc, python));
          if (d) throw new Disagreement("JSON→binary", `${impl.name} reads Python's bytes (${base64(python)}) differently: ${d}`, clip(json));
          d = await pythonAgrees(desc, own, python);
          if (d) throw new Disagreement("JSON→binary", d, clip(json));
        }).catch((e: Disagreement) => record(label, index, e));
      })(),
    );
    await Promise.all(checks);
  }

  let next = 0;
  const workers: Promise<void>[] = [];
  for (let w = 0; w < (options.concurrency ?? 48); w++) {
    workers.push(
      (async () => {
        while (next < options.count) await one(next++);
      })(),
    );
  }
  await Promise.all(workers);
  for (const [i, c] of (options.directed ?? []).entries()) {
    const desc = runtime.message(c.typeName);
    await check(desc, c.message, c.jsonOptions ?? {}, -1 - i, directedLabel(c));
  }
  return { seed, count: options.count, messagesByType, failures, totalBytes };
}

/** A failure as a FINDINGS.md-ready paragraph. */
export function describeFailure(seed: number, failure: Failure, count: number): string {
  return [
    `${failure.typeName} ${failure.direction}: ${count} message(s) disagree; first: ${failure.index < 0 ? `directed case #${-failure.index}` : `seed ${seed} message #${failure.index}`}`,
    `  ${failure.detail.split("\n").join("\n  ")}`,
    `  input: ${failure.input}`,
  ].join("\n");
}
