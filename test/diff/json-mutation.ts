/**
 * Mutated JSON, judged against Python: valid JSON of random messages with one value replaced by a value of
 * another shape or out of range, a member removed, renamed or added, or the text cut or spliced. Both sides
 * must agree on whether the text is a message, and when it is, on which message (Spindle reads both binary
 * results). Whatever the implementation throws must be a `ProtobufError`.
 */
import type { DescMessage, ScalarType } from "../../src/protobuf/desc.js";
import { diffMessages } from "./compare.js";
import { messageSeed } from "./differential.js";
import type { CodecImplementation } from "./implementation.js";
import type { MutationOutcome } from "./mutation.js";
import { PeerOp, type PythonPeer } from "./python-peer.js";
import { createRandom, type Random } from "./random.js";
import { createMessageGenerator } from "./random-message.js";
import type { SchemaRuntime } from "./spindle-reflection.js";

/** What the mutation run found. */
export interface JsonMutationReport {
  readonly count: number;
  readonly bothRejected: number;
  readonly bothAccepted: number;
  /** Disagreements by design, counted by reason (see {@link expectedJsonDivergence}). */
  readonly expected: ReadonlyMap<string, number>;
  /** Key: `${typeName} ${outcome}`. */
  readonly disagreements: ReadonlyMap<string, { count: number; first: { index: number; mutation: string; input: string; detail: string } }>;
}

export interface JsonMutationOptions {
  readonly seed: number;
  readonly count: number;
  readonly types: readonly DescMessage[];
  readonly anyTypes: readonly DescMessage[];
  readonly implementation: CodecImplementation;
  readonly runtime: SchemaRuntime;
  readonly peer: PythonPeer;
  readonly concurrency?: number;
  /** Replaces generated float and double values (see RandomMessageOptions.numberFilter). */
  readonly numberFilter?: (value: number, type: ScalarType.FLOAT | ScalarType.DOUBLE) => number;
  /** Classifies a disagreement as by design (answers the reason) or not; default {@link expectedJsonDivergence}. */
  readonly expectedDivergence?: (outcome: MutationOutcome, mutation: string, detail: string) => string | undefined;
}

/** Values of every JSON shape, and edge values of the proto3 JSON mapping, to put where another value was. */
const REPLACEMENTS: unknown[] = [
  null, "", "x", 0, -1, 1.5, -0.5, 1e20, 1e400, 2147483647, 2147483648, -2147483649, 4294967295, 4294967296,
  "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
  "-0", "1e2", "1.0", "0x10", " 1", "1 ", "01", true, false, [], {}, [1, 2], { a: 1 }, "NaN", "Infinity", "-Infinity",
  "nan", "AAAA", "AAA", "A===", "_-8=", "____", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.123456789+01:00",
  "9999-12-31T23:59:59.999999999Z", "10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "2026-02-30T00:00:00Z",
  "2026-01-01 00:00:00Z", "2026-01-01T00:00:00z", "1.5s", "-0.5s", "315576000000.999999999s", "315576000001s", "1.5",
  "1s ", "fooBar,baz.qux", "foo_bar", "COLOR_RED", "CLOSED_ONE", "COLOR_NOPE", "\ud800", 3.4028235e38, 3.5e38, 1e-50,
];

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      slots(v, out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

function objects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => objects(v, out));
  else if (value !== null && typeof value === "object") {
    out.push(value as Record<string, unknown>);
    Object.values(value).forEach((v) => objects(v, out));
  }
  return out;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Applies one random mutation to JSON text; answers the new text and what was done. */
export function mutateJson(random: Random, text: string): { text: string; mutation: string } {
  const tree = JSON.parse(text) as unknown;
  const all = slots(tree);
  const kind = random.int(0, 6);
  if (kind <= 2 && all.length > 0) {
    const slot = random.pick(all);
    const value = random.pick(REPLACEMENTS);
    (slot.parent as Record<string | number, unknown>)[slot.key] = value;
    return { text: JSON.stringify(tree), mutation: `value at ${String(slot.key)} replaced by ${JSON.stringify(value)}` };
  }
  const members = all.filter((s) => !Array.isArray(s.parent));
  if (kind === 3 && members.length > 0) {
    const slot = random.pick(members);
    const parent = slot.parent as Record<string, unknown>;
    const key = String(slot.key);
    const renamed = random.pick([snake(key), key.toUpperCase(), `${key}X`, `[${key}]`]);
    const rebuilt = Object.fromEntries(Object.entries(parent).map(([k, v]) => [k === key ? renamed : k, v]));
    for (const k of Object.keys(parent)) delete parent[k];
    Object.assign(parent, rebuilt);
    return { text: JSON.stringify(tree), mutation: `member ${key} renamed ${renamed}` };
  }
  if (kind === 4 && members.length > 0) {
    const slot = random.pick(members);
    delete (slot.parent as Record<string, unknown>)[String(slot.key)];
    return { text: JSON.stringify(tree), mutation: `member ${String(slot.key)} removed` };
  }
  if (kind === 5) {
    const target = random.pick(objects(tree).length > 0 ? objects(tree) : [{}]);
    target[random.pick(["noSuchField", "@type", "[spindle.diff2.ext_int32]", "[no.such.ext]"])] = random.pick(REPLACEMENTS);
    return { text: JSON.stringify(tree), mutation: "member added" };
  }
  // Text level: cut short, a stray character, or a member repeated (a duplicate key).
  const roll = random.int(0, 2);
  if (roll === 0) {
    const cut = random.int(0, Math.max(0, text.length - 1));
    return { text: text.slice(0, cut), mutation: `cut to ${cut} of ${text.length} characters` };
  }
  if (roll === 1) {
    const at = random.int(0, text.length);
    const ch = random.pick([",", "}", "]", "{", '"', ":", "\\", "0", " ", "\u0000", "'"]);
    return { text: text.slice(0, at) + ch + text.slice(at), mutation: `${JSON.stringify(ch)} inserted at ${at}` };
  }
  const m = /\{"([^"\\]+)":("[^"\\]*"|-?\d+|true|false|null)/.exec(text);
  if (!m) return { text: `${text} `, mutation: "a space appended" };
  const duplicated = `${m[0]},"${m[1]}":${m[2]}`;
  return { text: text.replace(m[0], duplicated), mutation: `member ${m[1]} duplicated` };
}

/**
 * Where Python 4.21's json_format is more lenient than the proto3 JSON mapping (and than Spindle), or stricter
 * than it, recognized by the error text of the side that rejected: answers the reason, or `undefined` for a
 * disagreement to report. Each rule is narrow enough that a wrong rejection by Spindle of a valid value (a
 * float "1e2", an enum name) is still reported.
 */
export function expectedJsonDivergence(outcome: MutationOutcome, mutation: string, detail: string): string | undefined {
  if (outcome === "accepts what Python rejects") {
    if (/Float value too (large|small)/.test(detail) && mutation.includes("3.4028235e+38")) return "±FLT_MAX as 3.4028235e+38 (Python 4.21 rejects it, P1)";
    const literal = /invalid literal for int\(\) with base 10: '([^']*)'/.exec(detail)?.[1];
    if (literal !== undefined && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(literal) && Number.isInteger(Number(literal))) {
      return "quoted integer in exponent or fraction form (the spec allows it; Python 4.21 rejects it)";
    }
    if (/Failed to parse \[[\w.]+\] field: Protocol message has no "\w+" field/.test(detail)) return "null for an extension (Python 4.21 fails clearing it)";
    if (/Invalid enum value [+-]?\d+ for enum type /.test(detail)) return "a number a closed enum lacks (kept as an unknown field, as C++ does; Python 4.21 rejects it)";
    return undefined;
  }
  if (outcome !== "rejects what Python accepts") return undefined;
  const rules: [RegExp, string][] = [
    [/invalid base64/, "base64 with characters outside the alphabet (Python's b64decode drops them)"],
    [/Any holding \S+ has only "@type" and "value"/, "Any of a well-known type with other members (Python ignores them)"],
    [/enum \S+ has no value named "(\s*-?\d+\s*)"/, "enum as a quoted number (Python runs int() on it)"],
    [/expected an enum name or number for \S+, got (true|false|-?\d[\d.e+-]*)$/, "enum as a bool or fraction (Python runs int() on it)"],
    [/enum number \S+ out of int32 range/, "enum number out of int32 range (Python accepts it)"],
    [/expected an object for \S+, got (""|\[\])$/, 'message given "" or [] (Python reads an empty message)'],
    [/expected a (float|double), got "(\s.*|.*\s|0\d.*)"$/, "float as a string with spaces or leading zeros (Python's float() accepts it)"],
    [/\b(u?int(32|64)) must be an integer, got "-?0\d+"$/, "integer as a quoted number with leading zeros (Python's int() accepts it)"],
    [/invalid FieldMask .*empty path segment/, "FieldMask with an empty path (Python accepts it)"],
    [/invalid (Duration|Timestamp) "[^"]*\s[^"]*"/, "Duration or Timestamp text with a space (Python's int() skips it)"],
    [/invalid Duration "-?\d+\.\d{10,}s"/, "Duration with more than 9 fractional digits (Python accepts it)"],
    [/expected a (float|double), got (true|false)$/, "float given a bool (Python's float() accepts it)"],
    [/unpaired UTF-16 surrogate/, "lone surrogate escape in the JSON text (Spindle rejects the text; Python ignores it where unused)"],
  ];
  for (const [pattern, reason] of rules) if (pattern.test(detail)) return reason;
  return undefined;
}

const isProtobufError = (error: unknown) => error instanceof Error && error.name === "ProtobufError";

/** Runs `count` mutated JSON texts through the implementation and Python. */
export async function runJsonMutations(options: JsonMutationOptions): Promise<JsonMutationReport> {
  const { implementation: impl, peer, runtime } = options;
  const disagreements = new Map<string, { count: number; first: { index: number; mutation: string; input: string; detail: string } }>();
  const expected = new Map<string, number>();
  let bothRejected = 0;
  let bothAccepted = 0;

  async function one(index: number): Promise<void> {
    const desc = options.types[index % options.types.length]!;
    const random = createRandom(messageSeed(options.seed ^ 0x15e7, index));
    const generator = createMessageGenerator(random, {
      maxDepth: 3,
      maxMessages: 8,
      encode: (d, m) => impl.encode(d, m),
      anyTypes: options.anyTypes,
      numberFilter: options.numberFilter,
    });
    const { text, mutation } = mutateJson(random, impl.toJson(desc, generator.message(desc)));
    const disagree = (outcome: MutationOutcome, detail: string) => {
      const reason = (options.expectedDivergence ?? expectedJsonDivergence)(outcome, mutation, detail);
      if (reason) {
        expected.set(reason, (expected.get(reason) ?? 0) + 1);
        return;
      }
      const key = `${desc.typeName} ${outcome}`;
      const entry = disagreements.get(key);
      if (entry) entry.count++;
      else disagreements.set(key, { count: 1, first: { index, mutation, input: text.slice(0, 3000), detail } });
    };
    const python = peer.request(PeerOp.JSON_TO_PARTIAL_CANONICAL, desc.typeName, text).then(
      (b) => ({ ok: true as const, bytes: b }),
      (e: unknown) => ({ ok: false as const, error: String(e) }),
    );
    let mine: Uint8Array | undefined;
    let myError: unknown;
    try {
      mine = impl.encode(desc, impl.fromJson(desc, text));
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
      else disagree("accepts what Python rejects", `Python: ${theirs.error}`);
      return;
    }
    if (mine === undefined) {
      disagree("rejects what Python accepts", `${impl.name}: ${(myError as Error).message}`);
      return;
    }
    const d = diffMessages(desc, impl.decode(desc, mine), impl.decode(desc, theirs.bytes), runtime.compareContext);
    if (d) disagree("reads a different message", `${impl.name} vs Python: ${d}`);
    else bothAccepted++;
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency ?? 32 }, async () => {
      while (next < options.count) await one(next++);
    }),
  );
  return { count: options.count, bothRejected, bothAccepted, expected, disagreements };
}
