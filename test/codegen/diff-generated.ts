/**
 * Spindle's generated codecs as an implementation for the differential test against python3-protobuf
 * (test/diff/diff.test.ts): TypeScript generated at load time for the diff schema (compiled by Spindle's
 * compiler from test/fixtures/diff, so it follows that schema as it changes), transpiled and imported; the
 * well-known types come generated from spindle/runtime/v1.
 */
import { join } from "node:path";
import { loadGeneratedTypes, type LoadedMessageType } from "../../src/cli/gen.js";
import { compile, toDescriptorSet } from "../../src/compiler/index.js";
import { toBinary, wellKnownRegistry, type DescMessage, type Message } from "../../src/protobuf/index.js";
import * as runtimeModule from "../../src/runtime/v1/index.js";
import type { CodecImplementation } from "../diff/implementation.js";
import type { SchemaRuntime } from "../diff/spindle-reflection.js";
import { diffSchemaDir, diffSchemaFiles } from "../diff/diff-schema.js";

async function loadTypes(): Promise<Map<string, LoadedMessageType>> {
  const result = compile([...diffSchemaFiles], { includeDirs: [diffSchemaDir, "/usr/include"] });
  if (result.errors.length > 0) throw new Error(`the diff schema does not compile: ${result.errors.map((e) => e.message).join("; ")}`);
  const setDesc = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;
  const types = await loadGeneratedTypes(toBinary(setDesc, toDescriptorSet(result, { includeImports: true }) as never));
  for (const value of Object.values(runtimeModule)) {
    if (typeof value === "object" && value !== null && "encodeTo" in value && "typeName" in value) {
      const t = value as unknown as LoadedMessageType;
      types.set(t.typeName, t);
    }
  }
  return types;
}

const types = await loadTypes();

/** The generated codecs for every message of the diff schema and the well-known types. */
export function spindleGenerated(runtime: SchemaRuntime): CodecImplementation {
  const registry = runtime.registry;
  const typeOf = (desc: DescMessage): LoadedMessageType => {
    const t = types.get(desc.typeName);
    if (t === undefined) throw new Error(`no generated code for ${desc.typeName}`);
    return t;
  };
  return {
    name: "spindle-generated",
    supports: (desc) => types.has(desc.typeName),
    encode: (desc, message) => typeOf(desc).encode(message),
    decode: (desc, bytes) => typeOf(desc).decode(bytes) as Message,
    toJson: (desc, message, options) => typeOf(desc).toJsonString(message, { ...options, registry }),
    fromJson: (desc, json, options) => typeOf(desc).fromJsonString(json, { ...options, registry }) as Message,
  };
}

/** Where the generated code came from, for messages. */
export const generatedFrom: string = join(diffSchemaDir, diffSchemaFiles.join(", "));
