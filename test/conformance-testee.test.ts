// End to end: `spindle conformance-testee` as a child process, fed framed ConformanceRequests on stdin the
// way the official conformance runner does, answering framed ConformanceResponses on stdout.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { conformanceFile, TestCategory, WireFormat } from "../src/cli/conformance/conformance-descriptor.js";
import { create, createRegistry, equals, fromBinary, toBinary } from "../src/protobuf/index.js";
import { PROTO2, PROTO3, testDescriptorSetBytes, testMessage } from "./conformance/schema.js";

const conformance = createRegistry(conformanceFile);
const Request = conformance.getMessage("conformance.ConformanceRequest")!;
const Response = conformance.getMessage("conformance.ConformanceResponse")!;
const FailureSet = conformance.getMessage("conformance.FailureSet")!;

// Run the compiled bin from dist/, or the TypeScript source under tsx (same loader flags as this process).
const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
const mainPath = fileURLToPath(new URL(`../src/cli/main.${extension}`, import.meta.url));

type Result = { case: string | undefined; value?: unknown };

let dir: string;
let descriptorSet: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "spindle-testee-"));
  descriptorSet = join(dir, "set.pb");
  writeFileSync(descriptorSet, testDescriptorSetBytes());
});
after(() => rmSync(dir, { recursive: true, force: true }));

function frame(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  out.set(bytes, 4);
  return out;
}

function request(init: Record<string, unknown>): Uint8Array {
  return frame(toBinary(Request, create(Request, init)));
}

/** Runs the testee over `input` (written in `chunks` pieces) and returns its exit code, responses and stderr. */
async function runTestee(input: Uint8Array, extraArgs: string[] = [], chunks = 1): Promise<{ code: number | null; results: Result[]; stderr: string }> {
  const child = spawn(process.execPath, [...process.execArgv, mainPath, "conformance-testee", "--descriptor-set", descriptorSet, ...extraArgs], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const size = Math.ceil(input.length / chunks);
  for (let i = 0; i < input.length; i += size) child.stdin.write(input.subarray(i, i + size));
  child.stdin.end();
  const code = await exited;
  const all = Buffer.concat(out);
  const results: Result[] = [];
  for (let pos = 0; pos < all.length; ) {
    const length = all.readUInt32LE(pos);
    const body = new Uint8Array(all.subarray(pos + 4, pos + 4 + length));
    results.push((fromBinary(Response, body) as { result: Result }).result);
    pos += 4 + length;
  }
  return { code, results, stderr };
}

const T3 = () => testMessage(PROTO3);

function jsonRequest(json: string, output = WireFormat.JSON, extra: Record<string, unknown> = {}) {
  return request({ payload: { case: "jsonPayload", value: json }, messageType: PROTO3, requestedOutputFormat: output, testCategory: TestCategory.JSON_TEST, ...extra });
}

function binaryRequest(bytes: Uint8Array, output = WireFormat.PROTOBUF, messageType = PROTO3) {
  return request({ payload: { case: "protobufPayload", value: bytes }, messageType, requestedOutputFormat: output, testCategory: TestCategory.BINARY_TEST });
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

describe("spindle conformance-testee", () => {
  it("answers a stream of requests of every kind, in order, and exits 0 at EOF", async () => {
    const message = create(T3(), { optionalInt32: 5, optionalInt64: -7n, repeatedString: ["a"], optionalNestedMessage: { a: 1 } });
    const unknownField = new Uint8Array([0xa8, 0x1f, 0x01]); // field 501, varint 1: not in the schema
    const withUnknown = concat(toBinary(T3(), message), unknownField);
    const cases: { name: string; input: Uint8Array; check: (r: Result) => void }[] = [
      {
        name: "the runner's FailureSet request",
        input: request({ payload: { case: "protobufPayload", value: new Uint8Array() }, messageType: "conformance.FailureSet", requestedOutputFormat: WireFormat.PROTOBUF }),
        check: (r) => {
          assert.equal(r.case, "protobufPayload");
          assert.ok(equals(FailureSet, fromBinary(FailureSet, r.value as Uint8Array), create(FailureSet)));
        },
      },
      {
        name: "JSON to JSON",
        input: jsonRequest('{"optionalString": "Hello, World!", "optional_int64": 5}'),
        check: (r) => assert.deepEqual(r, { case: "jsonPayload", value: '{"optionalInt64":"5","optionalString":"Hello, World!"}' }),
      },
      {
        name: "JSON to binary",
        input: jsonRequest('{"optionalInt32": 5, "optionalInt64": "-7", "repeatedString": ["a"], "optionalNestedMessage": {"a": 1}}', WireFormat.PROTOBUF),
        check: (r) => {
          assert.equal(r.case, "protobufPayload");
          assert.ok(equals(T3(), fromBinary(T3(), r.value as Uint8Array), message));
        },
      },
      {
        name: "binary to JSON",
        input: binaryRequest(toBinary(T3(), message), WireFormat.JSON),
        check: (r) => assert.deepEqual(r, { case: "jsonPayload", value: '{"optionalInt32":5,"optionalInt64":"-7","optionalNestedMessage":{"a":1},"repeatedString":["a"]}' }),
      },
      {
        name: "binary to binary, keeping unknown fields",
        input: binaryRequest(withUnknown),
        check: (r) => {
          assert.equal(r.case, "protobufPayload");
          const back = r.value as Uint8Array;
          assert.deepEqual(back.subarray(back.length - 3), unknownField);
          assert.ok(equals(T3(), fromBinary(T3(), back), fromBinary(T3(), withUnknown)));
        },
      },
      {
        name: "proto2 binary with a closed-enum value the enum does not have",
        input: binaryRequest(new Uint8Array([0xa8, 0x01, 0x07]), WireFormat.PROTOBUF, PROTO2),
        check: (r) => assert.deepEqual(r, { case: "protobufPayload", value: new Uint8Array([0xa8, 0x01, 0x07]) }),
      },
      { name: "malformed JSON", input: jsonRequest('{"optionalInt32": 01}'), check: (r) => assert.match(String(r.value), /invalid JSON at offset/) },
      { name: "a wrong JSON type", input: jsonRequest('{"optionalInt32": "x"}'), check: (r) => assert.deepEqual(r.case, "parseError") },
      { name: "an unknown JSON field", input: jsonRequest('{"unknown": 1}'), check: (r) => assert.equal(r.case, "parseError") },
      {
        name: "an unknown JSON field in the ignore-unknown category",
        input: jsonRequest('{"unknown": 1}', WireFormat.JSON, { testCategory: TestCategory.JSON_IGNORE_UNKNOWN_PARSING_TEST }),
        check: (r) => assert.deepEqual(r, { case: "jsonPayload", value: "{}" }),
      },
      { name: "truncated binary", input: binaryRequest(new Uint8Array([0x08])), check: (r) => assert.equal(r.case, "parseError") },
      { name: "an overlong varint", input: binaryRequest(new Uint8Array([0x08, ...new Array<number>(11).fill(0xff)])), check: (r) => assert.equal(r.case, "parseError") },
      {
        name: "a Timestamp JSON cannot write",
        input: binaryRequest(toBinary(T3(), create(T3(), { optionalTimestamp: { seconds: 253402300800n } })), WireFormat.JSON),
        check: (r) => assert.equal(r.case, "serializeError"),
      },
      {
        name: "a Duration out of range",
        input: jsonRequest('{"optionalDuration": "315576000001s"}'),
        check: (r) => assert.equal(r.case, "parseError"),
      },
      {
        name: "a Duration JSON cannot write",
        input: binaryRequest(toBinary(T3(), create(T3(), { optionalDuration: { seconds: 315576000001n } })), WireFormat.JSON),
        check: (r) => {
          assert.equal(r.case, "serializeError");
          assert.match(String(r.value), /optionalDuration.*out of range/);
        },
      },
      { name: "a text format payload", input: request({ payload: { case: "textPayload", value: "optional_int32: 1" }, messageType: PROTO3, requestedOutputFormat: WireFormat.PROTOBUF }), check: (r) => assert.equal(r.case, "skipped") },
      { name: "a text format output", input: jsonRequest("{}", WireFormat.TEXT_FORMAT), check: (r) => assert.equal(r.case, "skipped") },
      { name: "a JSPB output", input: jsonRequest("{}", WireFormat.JSPB), check: (r) => assert.equal(r.case, "skipped") },
      {
        name: "a type that is not in the descriptor set",
        input: request({ payload: { case: "jsonPayload", value: "{}" }, messageType: "no.Such", requestedOutputFormat: WireFormat.JSON }),
        check: (r) => assert.deepEqual(r, { case: "skipped", value: 'message type "no.Such" is not in the descriptor set' }),
      },
      { name: "a request without output format", input: jsonRequest("{}", WireFormat.UNSPECIFIED), check: (r) => assert.equal(r.case, "runtimeError") },
      { name: "bytes that are no ConformanceRequest", input: frame(new Uint8Array([0x0a, 0x05])), check: (r) => assert.equal(r.case, "runtimeError") },
    ];
    // Written in 7 pieces, so frames arrive split across reads.
    const { code, results, stderr } = await runTestee(concat(...cases.map((c) => c.input)), [], 7);
    assert.equal(code, 0, stderr);
    assert.equal(results.length, cases.length);
    cases.forEach((c, i) => {
      try {
        c.check(results[i]!);
      } catch (e) {
        throw new Error(`${c.name}: got ${JSON.stringify(results[i], (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))}: ${(e as Error).message}`);
      }
    });
  });

  it("exits 1 when input ends inside a request", async () => {
    const whole = jsonRequest("{}");
    const { code, results, stderr } = await runTestee(concat(whole, whole.subarray(0, 6)));
    assert.equal(code, 1);
    assert.equal(results.length, 1);
    assert.match(stderr, /input ended inside a request/);
  });

  it("answers with generated code under --generated", async () => {
    const { code, results, stderr } = await runTestee(jsonRequest("{}"), ["--generated"]);
    assert.equal(code, 0, stderr);
    assert.deepEqual(results, [{ case: "jsonPayload", value: "{}" }]);
  });

  it("exits 2 without --descriptor-set, and 1 when the set cannot be read", async () => {
    const child = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [...process.execArgv, mainPath, "conformance-testee", ...args], { stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        p.on("close", (code) => resolve({ code, stderr }));
      });
    const missing = await child([]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--descriptor-set FILE is required/);
    const bad = join(dir, "bad.pb");
    writeFileSync(bad, new Uint8Array([0x0a, 0xff]));
    const unreadable = await child(["--descriptor-set", bad]);
    assert.equal(unreadable.code, 1);
    assert.match(unreadable.stderr, /cannot load/);
  });
});
