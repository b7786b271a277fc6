import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../../test/conformance/schema.js";
import { create, equals, fromBinary, toJson, wellKnownRegistry, type Message } from "../../protobuf/index.js";
import { conformanceFile } from "./conformance-descriptor.js";

describe("conformanceFile", () => {
  it("is what protoc makes of conformance.proto", () => {
    const dir = mkdtempSync(join(tmpdir(), "spindle-conformance-proto-"));
    try {
      const out = join(dir, "set.pb");
      execFileSync("protoc", [`-I${join(repoRoot, "src", "cli", "conformance")}`, `-o${out}`, "conformance.proto"]);
      const Set = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;
      const File = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorProto")!;
      const fromProtoc = (fromBinary(Set, new Uint8Array(readFileSync(out))) as { file: Message[] }).file[0]!;
      const ours = create(File, conformanceFile);
      assert.ok(equals(File, ours, fromProtoc), JSON.stringify(toJson(File, fromProtoc)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
