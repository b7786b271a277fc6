// Byte-for-byte comparison with Debian's protoc on real corpora (issue 4): every file of libprotobuf-dev,
// grpc-proto and Spindle's own corpus, with protoc's two usual flag sets. protoc runs once per corpus and
// flag set; the set it writes is split into files and each is compared with Spindle's encoding.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile, formatDiagnostic, toDescriptorSet } from "../../src/compiler/index.js";
import { toBinary, wellKnownRegistry } from "../../src/protobuf/index.js";
import { corpora, hasProtoc, runProtoc } from "./corpus.js";

const FileDescriptorSet = wellKnownRegistry.getMessage("google.protobuf.FileDescriptorSet")!;
const tmp = mkdtempSync(join(tmpdir(), "spindle-compiler-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Splits a serialized FileDescriptorSet into its files' bytes (field 1, length-delimited). */
function splitSet(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p < bytes.length) {
    if (bytes[p++] !== 0x0a) throw new Error("unexpected field in FileDescriptorSet");
    let len = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++]!;
      len |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    out.push(bytes.subarray(p, p + len));
    p += len;
  }
  return out;
}

const flagSets = [
  { name: "plain", flags: [] as string[], options: {} },
  {
    name: "--include_imports --include_source_info",
    flags: ["--include_imports", "--include_source_info"],
    options: { includeImports: true, includeSourceInfo: true },
  },
];

describe("compile() against Debian protoc, byte for byte", { skip: !hasProtoc && "protoc is not installed" }, () => {
  const totals = { identical: 0, total: 0 };
  for (const corpus of corpora()) {
    describe(corpus.name, () => {
      const result = compile(corpus.inputs, { includeDirs: corpus.includeDirs });
      it("compiles every applicable file without errors", () => {
        assert.deepEqual(result.errors.map(formatDiagnostic), []);
        assert.ok(corpus.inputs.length > 0, "corpus is empty");
      });
      for (const fs of flagSets) {
        it(`writes the same FileDescriptorSet as protoc (${fs.name})`, () => {
          const out = join(tmp, `${corpus.name.replace(/\W+/g, "_")}-${fs.name.replace(/\W+/g, "_")}.pb`);
          const want = runProtoc(corpus.includeDirs, fs.flags, corpus.inputs, out);
          const got = toBinary(FileDescriptorSet, toDescriptorSet(result, fs.options));
          const wantFiles = splitSet(want);
          const gotFiles = splitSet(got);
          assert.equal(gotFiles.length, wantFiles.length, "number of files in the set");
          const differing: number[] = [];
          wantFiles.forEach((w, i) => {
            totals.total++;
            if (Buffer.compare(Buffer.from(w), Buffer.from(gotFiles[i]!)) === 0) totals.identical++;
            else differing.push(i);
          });
          assert.deepEqual(differing, [], `files that differ from protoc (indexes into the set)`);
          assert.ok(Buffer.compare(Buffer.from(got), want) === 0, "whole set identical");
        });
      }
      if (corpus.notApplicable.length > 0) {
        it(`lists the files that are not applicable: ${corpus.notApplicable.map((n) => `${n.file} (${n.reason})`).join("; ")}`, () => {
          assert.ok(corpus.notApplicable.every((n) => n.reason.length > 0));
        });
      }
    });
  }
  after(() => {
    console.log(`protoc comparison: ${totals.identical}/${totals.total} file descriptors identical`);
  });
});
