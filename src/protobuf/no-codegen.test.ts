// The codec without compiled functions, as on a page whose CSP forbids code generation: the generic decode
// loop, template-made objects and keyed property reads must do everything the compiled fast paths do. This
// file turns compiling off and then runs the codec's own test files again.
import { it } from "node:test";
import assert from "node:assert/strict";
import { compileFailed, getPlan } from "./plan.js";
import { wellKnownRegistry } from "./index.js";

compileFailed();

it("makes plans without compiled functions once compiling is off", () => {
  const plan = getPlan(wellKnownRegistry.getMessage("google.protobuf.Timestamp")!);
  assert.equal(plan.factory, undefined);
  assert.equal(plan.values, undefined);
});

await import("./binary-codec.test.js");
await import("./from-binary.test.js");
await import("./reflection.test.js");
await import("./fuzz.test.js");
