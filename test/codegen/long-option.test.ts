// The `long` option: 64-bit fields as decimal strings or numbers give the same bytes as the reflection codec
// (which uses bigint), decode to the chosen representation, and convert for JSON through the binary form.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { compile, toDescriptorSet } from "../../src/compiler/index.js";
import { loadGeneratedTypes } from "../../src/cli/gen.js";
import { createRegistry, toBinary, toJson, wellKnownRegistry } from "../../src/protobuf/index.js";
import { createMessageGenerator } from "../diff/random-message.js";
import { createRandom } from "../diff/random.js";
import { repoRoot } from "./targets.js";

function schemaBytes(): Uint8Array {
  const result = compile(["diff3.proto", "diff2.proto"], { includeDirs: [join(repoRoot, "test/codegen/protos"), "/usr/include"] });
  assert.deepEqual(result.errors, []);
  const setDesc = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;
  return toBinary(setDesc, toDescriptorSet(result, { includeImports: true }) as never);
}

describe("generated code with long=string and long=number", () => {
  it("encodes like the reflection codec and decodes 64-bit fields to the chosen type", async () => {
    const bytes = schemaBytes();
    const registry = createRegistry(bytes);
    const desc = registry.getMessage("spindle.diff3.Scalars")!;
    for (const long of ["string", "number"] as const) {
      const types = await loadGeneratedTypes(bytes, { long });
      const Scalars = types.get("spindle.diff3.Scalars")!;
      const random = createMessageGenerator(createRandom(long === "string" ? 11 : 12), { encode: (d, m) => toBinary(d, m), anyTypes: [] });
      for (let i = 0; i < 40; i++) {
        const message = random.message(desc);
        const want = toBinary(desc, message);
        const decoded = Scalars.decode(want) as Record<string, unknown>;
        assert.equal(typeof decoded["fInt64"], long, `${long}: fInt64 is a ${typeof decoded["fInt64"]}`);
        if (long === "string") {
          // Strings hold every 64-bit value exactly: the round trip is byte for byte.
          assert.deepEqual(Scalars.encode(decoded), want);
          assert.deepEqual(JSON.parse(Scalars.toJsonString(decoded)), toJson(desc, message));
        }
        assert.deepEqual(Scalars.encode(message), want, `${long} #${i}: encode of bigint input`);
      }
      const fromJson = Scalars.fromJsonString('{"fInt64": "-42", "fUint64": "7"}') as Record<string, unknown>;
      assert.equal(fromJson["fInt64"], long === "string" ? "-42" : -42);
    }
  });
});
