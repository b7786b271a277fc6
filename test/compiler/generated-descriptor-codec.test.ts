// protoc-identical.test.ts checks the reflection codec's descriptor bytes against protoc. The generated
// descriptor.proto codec (spindle/runtime/v1) must write the same bytes for every corpus file, with and
// without imports and source info: descriptors are the one message set whose bytes other tools compare.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compile, toDescriptorSet } from "../../src/compiler/index.js";
import { toBinary, wellKnownRegistry } from "../../src/protobuf/index.js";
import { FileDescriptorSet } from "../../src/runtime/v1/index.js";
import { corpora } from "./corpus.js";

const reflectionSet = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;

describe("the generated descriptor codec writes the reflection codec's bytes", () => {
  for (const c of corpora()) {
    it(`for the ${c.inputs.length} files of ${c.name}`, { skip: c.inputs.length === 0 ? "corpus not installed" : false }, () => {
      for (const file of c.inputs) {
        const result = compile([file], { includeDirs: c.includeDirs });
        assert.deepEqual(result.errors, [], file);
        for (const options of [{}, { includeImports: true, includeSourceInfo: true }]) {
          const set = toDescriptorSet(result, options);
          assert.ok(Buffer.from(FileDescriptorSet.encode(set)).equals(toBinary(reflectionSet, set)), `${file} ${JSON.stringify(options)}`);
        }
      }
    });
  }
});
