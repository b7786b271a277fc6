/**
 * Mutated binary input, judged against Python: valid encodings of random messages, cut short, bit-flipped,
 * overwritten, spliced or extended with random fields, then parsed by both. The two must agree on whether
 * the bytes are a message, and when they are, on which message (re-encoded by the implementation and compared
 * canonically by Python). Whatever the implementation throws must be a `ProtobufError`, never a stray
 * TypeError or RangeError, and nothing may hang.
 */
import { ScalarType, type DescMessage } from "../../src/protobuf/desc.js";
import { diffMessages } from "./compare.js";
import type { CodecImplementation } from "./implementation.js";
import { PeerOp, type PythonPeer } from "./python-peer.js";
import { createRandom, type Random } from "./random.js";
import { createMessageGenerator, type PlainMessage } from "./random-message.js";
import { messageSeed } from "./differential.js";
import type { SchemaRuntime } from "./spindle-reflection.js";

/** How the two sides disagreed on one input. */
export type MutationOutcome =
  | "crash" // the implementation threw something other than a ProtobufError
  | "accepts what Python rejects"
  | "rejects what Python accepts"
  | "reads a different message";

/** The first input of each kind of disagreement, and how many there were. */
export interface MutationReport {
  readonly count: number;
  /** Inputs both sides rejected / both accepted alike. */
  readonly bothRejected: number;
  readonly bothAccepted: number;
  /** Disagreements by design (see {@link expectedDivergence}), counted by reason. */
  readonly expected: ReadonlyMap<string, number>;
  /** Key: `${typeName} ${outcome}`. */
  readonly disagreements: ReadonlyMap<string, { count: number; first: { index: number; mutation: string; input: string; detail: string } }>;
}

export interface MutationOptions {
  readonly seed: number;
  readonly count: number;
  readonly types: readonly DescMessage[];
  readonly implementation: CodecImplementation;
  readonly runtime: SchemaRuntime;
  readonly peer: PythonPeer;
  readonly concurrency?: number;
}

/** Applies one random mutation; answers the mutated bytes and a description of what was done. */
export function mutate(random: Random, bytes: Uint8Array): { bytes: Uint8Array; mutation: string } {
  const at = (n: number) => random.int(0, Math.max(0, n));
  const kind = random.int(0, 5);
  switch (kind) {
    case 0: {
      const cut = bytes.length > 1 ? random.int(1, bytes.length - 1) : 0;
      return { bytes: bytes.slice(0, cut), mutation: `truncated to ${cut} of ${bytes.length} bytes` };
    }
    case 1: {
      const out = bytes.slice();
      const i = at(out.length - 1);
      const bit = random.int(0, 7);
      if (out.length > 0) out[i] = out[i]! ^ (1 << bit);
      return { bytes: out, mutation: `bit ${bit} of byte ${i} flipped` };
    }
    case 2: {
      const out = bytes.slice();
      const i = at(out.length - 1);
      const value = random.pick([0x00, 0x80, 0xff, 0x7f, random.uint32() & 0xff]);
      if (out.length > 0) out[i] = value;
      return { bytes: out, mutation: `byte ${i} set to 0x${value.toString(16)}` };
    }
    case 3: {
      const i = at(bytes.length);
      const extra = Uint8Array.from({ length: random.int(1, 4) }, () => random.uint32() & 0xff);
      const out = new Uint8Array(bytes.length + extra.length);
      out.set(bytes.subarray(0, i));
      out.set(extra, i);
      out.set(bytes.subarray(i), i + extra.length);
      return { bytes: out, mutation: `${Buffer.from(extra).toString("hex")} inserted at ${i}` };
    }
    case 4: {
      // A message followed by a slice of itself: often valid (merging), sometimes cut mid-field.
      const from = at(bytes.length);
      const to = random.int(from, bytes.length);
      const out = new Uint8Array(bytes.length + to - from);
      out.set(bytes);
      out.set(bytes.subarray(from, to), bytes.length);
      return { bytes: out, mutation: `bytes ${from}..${to} appended` };
    }
    default: {
      // A random field: any number (0 and 19000-19999 included), any wire type (6 and 7 are invalid).
      const field = random.pick([0, 1, 2, 3, 5, 9, 15, 16, 100, 1000, 19000, 536870911, random.int(1, 536870911)]);
      const wireType = random.int(0, 7);
      const tag = BigInt(field) * 8n + BigInt(wireType);
      const out: number[] = [...bytes];
      let v = tag;
      do {
        out.push(Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0));
        v >>= 7n;
      } while (v > 0n);
      for (let i = random.int(0, 9); i > 0; i--) out.push(random.uint32() & 0xff);
      return { bytes: Uint8Array.from(out), mutation: `field ${field} wire type ${wireType} appended` };
    }
  }
}

const isProtobufError = (error: unknown) => error instanceof Error && error.name === "ProtobufError";

/** Wire types a field of this scalar type is written with when not packed. */
function naturalWireType(scalar: ScalarType): number {
  switch (scalar) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 1;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return 5;
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return 2;
    default:
      return 0;
  }
}

/**
 * Where Spindle rejects on purpose what protobuf C++ (under Python) accepts, by Spindle's error message:
 * issue 3 asks for a clear error on field number 0, wrong wire types and overlong varints, where C++ ends the
 * message at a zero or END_GROUP tag, keeps a field of the wrong wire type as an unknown field, and drops a
 * varint's bits past 64. Answers the reason, or `undefined` when the rejection is not one of these. A wrong
 * wire type that is in fact valid (packed or unpacked encoding of a repeated scalar) is never by design.
 */
function expectedRejection(message: string, runtime: SchemaRuntime): string | undefined {
  if (/invalid field number 0\b/.test(message)) return "field number 0 (C++ ends the message at a zero tag)";
  if (/unexpected END_GROUP/.test(message)) return "stray END_GROUP (C++ ends the message there)";
  if (/overflows 64 bits/.test(message)) return "varint longer than 64 bits (C++ drops the excess bits)";
  if (/wrong wire type \d for map entry field (key|value)\b/.test(message)) return "wrong wire type inside a map entry (C++ skips the entry's field)";
  if (/invalid tag: varint larger than 32 bits|varint larger than 32 bits reading a tag/.test(message)) return "tag longer than 32 bits (C++ truncates it to a zero tag and ends the message)";
  const wrong = /wrong wire type (\d) for \S+ \(expected \d\) reading field (\d+) of (\S+)/.exec(message);
  if (wrong) {
    const [, wireType, number, typeName] = wrong;
    const field = runtime.registry.getMessage(typeName!)?.field(Number(number));
    if (!field) return undefined;
    const scalar = field.fieldKind === "list" ? (field.listKind === "scalar" ? field.scalar : field.listKind === "enum" ? ScalarType.INT32 : undefined) : undefined;
    if (scalar !== undefined && (Number(wireType) === 2 || Number(wireType) === naturalWireType(scalar))) return undefined;
    return "wrong wire type for a known field (C++ keeps it as an unknown field)";
  }
  return undefined;
}

/** Runs `count` mutated inputs through the implementation and Python. */
export async function runMutations(options: MutationOptions): Promise<MutationReport> {
  const { implementation: impl, peer, runtime } = options;
  const disagreements = new Map<string, { count: number; first: { index: number; mutation: string; input: string; detail: string } }>();
  let bothRejected = 0;
  let bothAccepted = 0;
  const expected = new Map<string, number>();
  const expect = (reason: string) => expected.set(reason, (expected.get(reason) ?? 0) + 1);

  async function one(index: number): Promise<void> {
    const desc = options.types[index % options.types.length]!;
    // Another stream than the differential run's messages of the same index.
    const random = createRandom(messageSeed(options.seed ^ 0x5eed, index));
    const generator = createMessageGenerator(random, {
      maxDepth: 3,
      maxMessages: 8,
      encode: (d, m) => impl.encode(d, m),
      anyTypes: [],
      extensions: { of: runtime.extensionsOf, set: runtime.setExtension },
    });
    const original = impl.encode(desc, generator.message(desc));
    const { bytes, mutation } = mutate(random, original);
    const input = Buffer.from(bytes).toString("base64");
    const disagree = (outcome: MutationOutcome, detail: string) => {
      const key = `${desc.typeName} ${outcome}`;
      const entry = disagreements.get(key);
      if (entry) entry.count++;
      else disagreements.set(key, { count: 1, first: { index, mutation, input, detail } });
    };

    const python = peer.request(PeerOp.PARTIAL_CANONICAL, desc.typeName, bytes).then(
      (b) => ({ ok: true as const, bytes: b }),
      (e: unknown) => ({ ok: false as const, error: String(e) }),
    );
    let mine: Uint8Array | undefined;
    let decoded: PlainMessage | undefined;
    let myError: unknown;
    try {
      decoded = impl.decode(desc, bytes);
      mine = impl.encode(desc, decoded);
    } catch (error) {
      myError = error;
    }
    const theirs = await python;
    if (myError !== undefined && !isProtobufError(myError)) {
      disagree("crash", `${impl.name} threw ${myError instanceof Error ? `${myError.name}: ${myError.message}` : String(myError)}`);
      return;
    }
    if (!theirs.ok) {
      if (mine === undefined) bothRejected++;
      else if (decoded && extensionFails(desc, decoded)) expect("malformed extension (Spindle parses extensions when they are read)");
      else disagree("accepts what Python rejects", `Python: ${theirs.error}`);
      return;
    }
    if (mine === undefined) {
      const message = (myError as Error).message;
      const reason = expectedRejection(message, runtime);
      if (reason) expect(reason);
      else disagree("rejects what Python accepts", `${impl.name}: ${message}`);
      return;
    }
    const again = await peer.request(PeerOp.PARTIAL_CANONICAL, desc.typeName, mine).catch((e: unknown) => new Error(String(e)));
    if (again instanceof Error) {
      disagree("reads a different message", `Python cannot parse ${impl.name}'s re-encoding: ${again.message}`);
    } else if (Buffer.compare(again, theirs.bytes) !== 0) {
      // Spindle reading Python's answer as the same message means the difference is one its representation
      // cannot hold: invalid UTF-8 in a proto2 string (read as U+FFFD), a jstype=JS_NUMBER value past 2^53.
      if (diffMessages(desc, decoded!, impl.decode(desc, theirs.bytes), runtime.compareContext) === undefined) {
        expect("lossy representation (invalid UTF-8 in proto2 strings, jstype JS_NUMBER past 2^53)");
        return;
      }
      disagree(
        "reads a different message",
        `Python's canonical re-encoding ${Buffer.from(theirs.bytes).toString("hex").slice(0, 400)} != of ${impl.name}'s ${Buffer.from(again).toString("hex").slice(0, 400)}`,
      );
    } else bothAccepted++;
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency ?? 32 }, async () => {
      while (next < options.count) await one(next++);
    }),
  );
  /** Whether reading some extension of the message fails: the bytes Python rejected were an extension's. */
  function extensionFails(desc: DescMessage, message: PlainMessage): boolean {
    for (const extension of runtime.extensionsOf(desc)) {
      try {
        runtime.getExtension(message, extension);
      } catch (error) {
        if (isProtobufError(error)) return true;
      }
    }
    return false;
  }

  return { count: options.count, bothRejected, bothAccepted, expected, disagreements };
}
