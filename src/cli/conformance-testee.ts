/**
 * `spindle conformance-testee --descriptor-set FILE`: a testee for the protobuf conformance runner
 * (protocolbuffers/protobuf conformance/conformance.proto). It reads requests from stdin — a 4-byte
 * little-endian length, then a serialized `conformance.ConformanceRequest` — and answers each on stdout the
 * same way with a `conformance.ConformanceResponse`, until EOF.
 *
 * Binary and JSON, both ways, for any message type of the given serialized FileDescriptorSet (the runner's
 * own `conformance.FailureSet` is always known). Text format and JSPB answer `skipped`. Malformed input
 * answers `parse_error`, a message JSON cannot express `serialize_error`: a request never ends the process.
 *
 * `--generated` runs the same requests through generated code (see {@link generatedCodecs}).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  createRegistry,
  fromBinary,
  fromJsonString,
  toBinary,
  toJsonString,
  type DescMessage,
  type Message,
  type Registry,
} from "../protobuf/index.js";
import { conformanceFile, TestCategory, WireFormat } from "./conformance/conformance-descriptor.js";

/** How one message type is parsed and serialized: reflection today, generated code later. */
export interface ConformanceCodec {
  fromBinary(bytes: Uint8Array): Message;
  toBinary(message: Message): Uint8Array;
  fromJson(text: string, options: { ignoreUnknownFields: boolean }): Message;
  toJson(message: Message): string;
}

/** Finds the codec for a message type name; `undefined` when the type is unknown. */
export type CodecProvider = (typeName: string) => ConformanceCodec | undefined | string;

/** A `ConformanceResponse` as a message object: exactly one `result` case. */
export type ConformanceResult =
  | { case: "parseError" | "serializeError" | "runtimeError" | "skipped" | "jsonPayload"; value: string }
  | { case: "protobufPayload"; value: Uint8Array };

/** Reflection codecs over a registry. */
export function reflectionCodecs(registry: Registry): CodecProvider {
  const cache = new Map<string, ConformanceCodec>();
  return (typeName) => {
    let codec = cache.get(typeName);
    if (codec) return codec;
    const desc: DescMessage | undefined = registry.getMessage(typeName);
    if (!desc) return undefined;
    codec = {
      fromBinary: (bytes) => fromBinary(desc, bytes),
      toBinary: (message) => toBinary(desc, message),
      fromJson: (text, options) => fromJsonString(desc, text, { ...options, registry }),
      toJson: (message) => toJsonString(desc, message, { registry }),
    };
    cache.set(typeName, codec);
    return codec;
  };
}

/**
 * Generated codecs (codegen): TypeScript generated for the descriptor set, loaded, and used for every type it
 * has; the runner's own `conformance.FailureSet` stays with `fallback`. JSON goes through the generated
 * types' JSON functions (which delegate to the reflection JSON mapping).
 */
export async function generatedCodecs(descriptorSet: Uint8Array, registry: Registry, fallback: CodecProvider): Promise<CodecProvider> {
  const { loadGeneratedTypes } = await import("./gen.js");
  const types = await loadGeneratedTypes(descriptorSet);
  return (typeName) => {
    const t = types.get(typeName);
    if (t === undefined) return fallback(typeName);
    return {
      fromBinary: (bytes) => t.decode(bytes) as Message,
      toBinary: (message) => t.encode(message),
      fromJson: (text, options) => t.fromJsonString(text, { ...options, registry }) as Message,
      toJson: (message) => t.toJsonString(message, { registry }),
    };
  };
}

/** The request fields the testee reads, as the reflection decoder yields them. */
interface ConformanceRequest {
  payload: { case: "protobufPayload"; value: Uint8Array } | { case: "jsonPayload" | "jspbPayload" | "textPayload"; value: string } | { case: undefined };
  requestedOutputFormat: number;
  messageType: string;
  testCategory: number;
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.name === "ProtobufError" ? e.message : `${e.name}: ${e.message}`;
  return String(e);
}

/** Answers one request. Never throws: every failure becomes the response's `result`. */
export function handleRequest(request: ConformanceRequest, codecs: CodecProvider): ConformanceResult {
  const codec = codecs(request.messageType);
  if (codec === undefined) return { case: "skipped", value: `message type ${JSON.stringify(request.messageType)} is not in the descriptor set` };
  if (typeof codec === "string") return { case: "skipped", value: codec };
  let message: Message;
  try {
    switch (request.payload.case) {
      case "protobufPayload":
        message = codec.fromBinary(request.payload.value);
        break;
      case "jsonPayload":
        message = codec.fromJson(request.payload.value, {
          ignoreUnknownFields: request.testCategory === TestCategory.JSON_IGNORE_UNKNOWN_PARSING_TEST,
        });
        break;
      case "jspbPayload":
        return { case: "skipped", value: "JSPB is not supported" };
      case "textPayload":
        return { case: "skipped", value: "text format is not supported" };
      default:
        return { case: "runtimeError", value: "the request has no payload" };
    }
  } catch (e) {
    return { case: "parseError", value: errorMessage(e) };
  }
  try {
    switch (request.requestedOutputFormat) {
      case WireFormat.PROTOBUF:
        return { case: "protobufPayload", value: codec.toBinary(message) };
      case WireFormat.JSON:
        return { case: "jsonPayload", value: codec.toJson(message) };
      case WireFormat.JSPB:
        return { case: "skipped", value: "JSPB is not supported" };
      case WireFormat.TEXT_FORMAT:
        return { case: "skipped", value: "text format is not supported" };
      default:
        return { case: "runtimeError", value: `unsupported output format ${request.requestedOutputFormat}` };
    }
  } catch (e) {
    return { case: "serializeError", value: errorMessage(e) };
  }
}

const usage = `usage: spindle conformance-testee --descriptor-set FILE [--generated]

Speaks the protobuf conformance protocol on stdin/stdout for the message types of FILE, a serialized
google.protobuf.FileDescriptorSet (protoc --include_imports -o FILE ...).

  --descriptor-set FILE   the message types to test
  --generated             test generated code instead of the reflection codec
  -h, --help              show this help
`;

/**
 * Runs the testee until stdin ends. Returns the exit code: 0 at a clean EOF, 1 when stdin ends inside a
 * request or the descriptor set cannot be read, 2 for bad arguments.
 */
export async function run(argv: string[]): Promise<number> {
  let values: { "descriptor-set"?: string; generated?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        "descriptor-set": { type: "string" },
        generated: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`spindle conformance-testee: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const file = values["descriptor-set"];
  if (file === undefined) {
    process.stderr.write(`spindle conformance-testee: --descriptor-set FILE is required\n\n${usage}`);
    return 2;
  }
  let registry: Registry;
  try {
    registry = createRegistry(new Uint8Array(readFileSync(file)), conformanceFile);
  } catch (e) {
    process.stderr.write(`spindle conformance-testee: cannot load ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  let codecs: CodecProvider = reflectionCodecs(registry);
  if (values.generated) {
    try {
      codecs = await generatedCodecs(new Uint8Array(readFileSync(file)), registry, codecs);
    } catch (e) {
      process.stderr.write(`spindle conformance-testee: cannot load generated code: ${(e as Error).message}\n`);
      return 1;
    }
  }
  return serve(registry, codecs, process.stdin, (bytes) => writeAll(process.stdout, bytes));
}

/** Reads framed requests from `input` and writes framed responses through `write` until EOF. */
export async function serve(
  registry: Registry,
  codecs: CodecProvider,
  input: AsyncIterable<Uint8Array | string>,
  write: (bytes: Uint8Array) => Promise<void>,
): Promise<number> {
  const requestDesc = registry.getMessage("conformance.ConformanceRequest")!;
  const responseDesc = registry.getMessage("conformance.ConformanceResponse")!;
  let buffered: Uint8Array = new Uint8Array(0);
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    buffered = concat(buffered, bytes);
    for (;;) {
      if (buffered.length < 4) break;
      const length = new DataView(buffered.buffer, buffered.byteOffset, 4).getUint32(0, true);
      if (buffered.length < 4 + length) break;
      const body = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      let result: ConformanceResult;
      try {
        const request = fromBinary(requestDesc, body) as unknown as ConformanceRequest;
        result = handleRequest(request, codecs);
      } catch (e) {
        result = { case: "runtimeError", value: `cannot decode the ConformanceRequest: ${errorMessage(e)}` };
      }
      const response = toBinary(responseDesc, { result });
      const frame = new Uint8Array(4 + response.length);
      new DataView(frame.buffer).setUint32(0, response.length, true);
      frame.set(response, 4);
      await write(frame);
    }
  }
  if (buffered.length > 0) {
    process.stderr.write(`spindle conformance-testee: input ended inside a request (${buffered.length} bytes left)\n`);
    return 1;
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function writeAll(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (err) => (err ? reject(err) : resolve()));
  });
}
