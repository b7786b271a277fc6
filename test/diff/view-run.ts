/**
 * Unknown fields, judged against Python: random messages of a full type read as an older "view" of it (fewer
 * fields, smaller enums), so that fields and closed-enum values the view lacks land in unknown fields; then
 * re-encoded. Both must keep the same unknown fields in the same order (Python compares the two re-encodings
 * canonically as the view, unknown fields included), read back as the full type to the same message, and
 * write the same JSON for the view.
 */
import type { DescMessage } from "../../src/protobuf/desc.js";
import { canonicalFloats, diffJson, diffMessages, parseJsonText } from "./compare.js";
import { messageSeed } from "./differential.js";
import type { CodecImplementation } from "./implementation.js";
import { PeerOp, type PythonPeer } from "./python-peer.js";
import { createRandom } from "./random.js";
import { createMessageGenerator } from "./random-message.js";
import type { SchemaRuntime } from "./spindle-reflection.js";

/** A full type and the view it is read as. */
export interface ViewPair {
  readonly full: DescMessage;
  readonly view: DescMessage;
  /** Whether to compare the view's JSON too (default true). */
  readonly compareJson?: boolean;
}

/** Disagreements by `${view type name} ${check}`, first example kept. */
export interface ViewReport {
  readonly count: number;
  readonly failures: ReadonlyMap<string, { count: number; first: { index: number; detail: string; input: string } }>;
}

export interface ViewOptions {
  readonly seed: number;
  readonly count: number;
  readonly pairs: readonly ViewPair[];
  readonly implementation: CodecImplementation;
  readonly runtime: SchemaRuntime;
  readonly peer: PythonPeer;
  readonly concurrency?: number;
}

/** The checks, as they appear in failure keys. */
export const viewChecks = ["keeps unknown fields as Python does", "reads back the full message", "writes the view's JSON"] as const;
type ViewCheck = (typeof viewChecks)[number];

/** Runs `count` messages through their views. */
export async function runViews(options: ViewOptions): Promise<ViewReport> {
  const { implementation: impl, peer, runtime } = options;
  const failures = new Map<string, { count: number; first: { index: number; detail: string; input: string } }>();
  const fail = (view: DescMessage, check: ViewCheck, index: number, detail: string, input: string) => {
    const key = `${view.typeName} ${check}`;
    const entry = failures.get(key);
    if (entry) entry.count++;
    else failures.set(key, { count: 1, first: { index, detail, input } });
  };
  const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

  async function one(index: number): Promise<void> {
    const { full, view, compareJson = true } = options.pairs[index % options.pairs.length]!;
    const random = createRandom(messageSeed(options.seed ^ 0x71e3, index));
    const generator = createMessageGenerator(random, { maxDepth: 3, maxMessages: 10, encode: (d, m) => impl.encode(d, m), anyTypes: [] });
    const original = generator.message(full);
    const bytes = impl.encode(full, original);
    const input = Buffer.from(bytes).toString("base64");
    const pyBytes = peer.request(PeerOp.BIN_TO_BIN, view.typeName, bytes);
    const pyJson = peer.requestText(PeerOp.BIN_TO_JSON, view.typeName, bytes);
    pyBytes.catch(() => {});
    pyJson.catch(() => {});
    let mine: Uint8Array;
    let decoded;
    try {
      decoded = impl.decode(view, bytes);
      mine = impl.encode(view, decoded);
    } catch (error) {
      fail(view, "keeps unknown fields as Python does", index, `${impl.name} cannot read it as ${view.typeName}: ${messageOf(error)}`, input);
      return;
    }
    try {
      const theirs = await pyBytes;
      const [a, b] = await Promise.all([peer.request(PeerOp.CANONICAL, view.typeName, mine), peer.request(PeerOp.CANONICAL, view.typeName, theirs)]);
      if (Buffer.compare(a, b) !== 0) {
        fail(view, "keeps unknown fields as Python does", index, `re-encodings differ: ${impl.name} ${Buffer.from(mine).toString("hex").slice(0, 600)} / Python ${Buffer.from(theirs).toString("hex").slice(0, 600)}`, input);
      }
      const d = diffMessages(full, impl.decode(full, mine), impl.decode(full, theirs), runtime.compareContext);
      if (d) fail(view, "reads back the full message", index, `as ${full.typeName}, ${impl.name}'s re-encoding vs Python's: ${d}`, input);
    } catch (error) {
      fail(view, "keeps unknown fields as Python does", index, messageOf(error), input);
    }
    if (!compareJson) return;
    try {
      const python = await pyJson;
      const own = impl.toJson(view, decoded);
      const ja = canonicalFloats(view, parseJsonText(own), runtime.compareContext);
      const jb = canonicalFloats(view, parseJsonText(python), runtime.compareContext);
      const d = diffJson(ja, jb);
      if (d) fail(view, "writes the view's JSON", index, `${d}\n${impl.name}: ${own.slice(0, 600)}\nPython: ${python.slice(0, 600)}`, input);
    } catch (error) {
      fail(view, "writes the view's JSON", index, messageOf(error), input);
    }
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency ?? 32 }, async () => {
      while (next < options.count) await one(next++);
    }),
  );
  return { count: options.count, failures };
}
