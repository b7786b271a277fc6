#!/usr/bin/env node
/**
 * `protoc-gen-spindle`: the generator as a protoc (or buf) plugin.
 *
 * ```
 * protoc --plugin=protoc-gen-spindle=./node_modules/.bin/protoc-gen-spindle --spindle_out=src/gen \
 *        --spindle_opt=long=string shop/v1/shop.proto
 * ```
 *
 * protoc writes a `CodeGeneratorRequest` to stdin and reads a `CodeGeneratorResponse` from stdout
 * (google/protobuf/compiler/plugin.proto). The files are made by the same `generateFiles` as `spindle gen`,
 * with the same options, so both write identical files. Problems are reported in the response's `error`
 * field, which protoc prints, and never as a crash.
 */
import { resolve } from "node:path";
import { generateFiles, parseOptions } from "../codegen/index.js";
import { createRegistry, fromBinary, toBinary, wellKnownRegistry, type FileDescriptorProto } from "../protobuf/index.js";

/** `CodeGeneratorResponse.Feature.FEATURE_PROTO3_OPTIONAL`: we handle proto3 `optional`. */
const FEATURE_PROTO3_OPTIONAL = 1n;

interface CodeGeneratorRequest {
  fileToGenerate: string[];
  parameter?: string;
  protoFile: FileDescriptorProto[];
}

/** Answers one serialized `CodeGeneratorRequest` with a serialized `CodeGeneratorResponse`. */
export function runPlugin(requestBytes: Uint8Array): Uint8Array {
  const requestDesc = wellKnownRegistry.getMessage("google.protobuf.compiler.CodeGeneratorRequest")!;
  const responseDesc = wellKnownRegistry.getMessage("google.protobuf.compiler.CodeGeneratorResponse")!;
  let response: object;
  try {
    const request = fromBinary(requestDesc, requestBytes) as unknown as CodeGeneratorRequest;
    const options = parseOptions(request.parameter ?? "");
    const registry = createRegistry(...request.protoFile);
    const files = request.fileToGenerate.map((name) => {
      const f = registry.getFile(name);
      if (f === undefined) throw new Error(`${name}: not in the request's proto_file list`);
      return f;
    });
    response = {
      supportedFeatures: FEATURE_PROTO3_OPTIONAL,
      file: generateFiles(files, options).map((f) => ({ name: f.name, content: f.content })),
    };
  } catch (e) {
    response = { error: `protoc-gen-spindle: ${e instanceof Error ? e.message : String(e)}`, file: [] };
  }
  return toBinary(responseDesc, response as never);
}

/** The plugin's program: a request on stdin, the response on stdout. Returns the exit code. */
export async function main(_argv: string[]): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(runPlugin(Buffer.concat(chunks)));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`protoc-gen-spindle: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
