/**
 * Merging, judged against Python: two random messages of one type encoded back to back are one message on the
 * wire (last value wins for singular scalars, sub-messages merge, lists append, map entries replace by key,
 * the last oneof member wins, merging into it when it is the same message member). Both sides read the
 * concatenation; they must read the same message.
 */
import type { DescMessage } from "../../src/protobuf/desc.js";
import { canonicalFloats, diffJson, diffMessages, parseJsonText } from "./compare.js";
import { messageSeed } from "./differential.js";
import type { CodecImplementation } from "./implementation.js";
import { PeerOp, type PythonPeer } from "./python-peer.js";
import { createRandom } from "./random.js";
import { createMessageGenerator } from "./random-message.js";
import type { SchemaRuntime } from "./spindle-reflection.js";

/** Disagreements by type name, first example kept. */
export interface MergeReport {
  readonly count: number;
  readonly failures: ReadonlyMap<string, { count: number; first: { index: number; detail: string; input: string } }>;
}

export interface MergeOptions {
  readonly seed: number;
  readonly count: number;
  readonly types: readonly DescMessage[];
  readonly implementation: CodecImplementation;
  readonly runtime: SchemaRuntime;
  readonly peer: PythonPeer;
  readonly concurrency?: number;
}

/** Runs `count` concatenations of two random messages. */
export async function runMerges(options: MergeOptions): Promise<MergeReport> {
  const { implementation: impl, peer, runtime } = options;
  const failures = new Map<string, { count: number; first: { index: number; detail: string; input: string } }>();
  const fail = (desc: DescMessage, index: number, detail: string, input: string) => {
    const entry = failures.get(desc.typeName);
    if (entry) entry.count++;
    else failures.set(desc.typeName, { count: 1, first: { index, detail, input } });
  };

  async function one(index: number): Promise<void> {
    const desc = options.types[index % options.types.length]!;
    const random = createRandom(messageSeed(options.seed ^ 0x3e7e, index));
    const generator = createMessageGenerator(random, {
      maxDepth: 3,
      maxMessages: 8,
      encode: (d, m) => impl.encode(d, m),
      anyTypes: [],
      extensions: { of: runtime.extensionsOf, set: runtime.setExtension },
    });
    const a = impl.encode(desc, generator.message(desc));
    const b = impl.encode(desc, generator.message(desc));
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    const input = Buffer.from(both).toString("base64");
    try {
      const python = peer.request(PeerOp.PARTIAL_CANONICAL, desc.typeName, both);
      python.catch(() => {});
      const mine = impl.encode(desc, impl.decode(desc, both));
      const theirs = await python;
      const d = diffMessages(desc, impl.decode(desc, both), impl.decode(desc, theirs), runtime.compareContext);
      if (d) {
        fail(desc, index, `${impl.name} reads the concatenation differently from Python: ${d}`, input);
        return;
      }
      const [ca, cb] = await Promise.all([peer.request(PeerOp.PARTIAL_CANONICAL, desc.typeName, mine), Promise.resolve(theirs)]);
      if (Buffer.compare(ca, cb) === 0) return;
      // Map entries inside an Any's bytes may be ordered differently; Python's JSON compares them unpacked.
      const [ja, jb] = await Promise.all([peer.requestText(PeerOp.BIN_TO_JSON, desc.typeName, mine), peer.requestText(PeerOp.BIN_TO_JSON, desc.typeName, theirs)]);
      const dj = diffJson(canonicalFloats(desc, parseJsonText(ja), runtime.compareContext), canonicalFloats(desc, parseJsonText(jb), runtime.compareContext));
      if (dj) fail(desc, index, `Python reads ${impl.name}'s re-encoding of the merge differently: ${dj}`, input);
    } catch (error) {
      fail(desc, index, error instanceof Error ? `${error.name}: ${error.message}` : String(error), input);
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
