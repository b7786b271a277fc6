import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseTarget, resolveTarget, formatAddress } from "./target.js";

describe("parseTarget", () => {
  const ok: [string, unknown][] = [
    ["localhost:50051", { scheme: "dns", host: "localhost", port: 50051, authority: "localhost:50051" }],
    ["example.com", { scheme: "dns", host: "example.com", port: 443, authority: "example.com" }],
    ["127.0.0.1:8080", { scheme: "dns", host: "127.0.0.1", port: 8080, authority: "127.0.0.1:8080" }],
    ["[::1]:50051", { scheme: "dns", host: "::1", port: 50051, authority: "[::1]:50051" }],
    ["[::1]", { scheme: "dns", host: "::1", port: 443, authority: "[::1]" }],
    ["dns:///localhost:50051", { scheme: "dns", host: "localhost", port: 50051, authority: "localhost:50051" }],
    ["dns://8.8.8.8/example.com:1", { scheme: "dns", host: "example.com", port: 1, authority: "example.com:1" }],
    ["dns:example.com:65535", { scheme: "dns", host: "example.com", port: 65535, authority: "example.com:65535" }],
    ["unix:/tmp/s.sock", { scheme: "unix", path: "/tmp/s.sock", authority: "localhost" }],
    ["unix:relative.sock", { scheme: "unix", path: "relative.sock", authority: "localhost" }],
    ["unix:///tmp/s.sock", { scheme: "unix", path: "/tmp/s.sock", authority: "localhost" }],
    ["ipv4:127.0.0.1:1,127.0.0.2:2", { scheme: "ip", addresses: [{ host: "127.0.0.1", port: 1 }, { host: "127.0.0.2", port: 2 }], authority: "127.0.0.1:1" }],
    ["ipv6:[::1]:5", { scheme: "ip", addresses: [{ host: "::1", port: 5 }], authority: "[::1]:5" }],
  ];
  for (const [target, want] of ok) {
    it(`parses ${target}`, () => assert.deepEqual(parseTarget(target), want, `parseTarget(${target})`));
  }

  const bad: [string, RegExp][] = [
    ["", /empty/],
    ["host:0", /not in 1\.\.65535/],
    ["host:70000", /not in 1\.\.65535/],
    ["host:http", /not in 1\.\.65535/],
    ["[::1", /unterminated/],
    ["[::1]x", /after "\]"/],
    [":50051", /missing host/],
    ["unix:", /missing socket path/],
    ["http://example.com", /unsupported scheme/],
    ["ipv4:example.com:1", /not an IP address/],
    ["dns://auth-only", /expected dns:/],
  ];
  for (const [target, want] of bad) {
    it(`rejects ${JSON.stringify(target)} with a clear message`, () => assert.throws(() => parseTarget(target), want));
  }
});

describe("resolveTarget", () => {
  it("skips resolution for IP literals and unix paths", async () => {
    const never = async () => assert.fail("resolver must not be called");
    assert.deepEqual(await resolveTarget(parseTarget("127.0.0.1:1"), never), [{ host: "127.0.0.1", port: 1 }]);
    assert.deepEqual(await resolveTarget(parseTarget("unix:/s"), never), [{ path: "/s" }]);
  });

  it("returns every address the resolver finds, in its order, with the target's port", async () => {
    const got = await resolveTarget(parseTarget("svc:9"), async () => ["10.0.0.2", "::1"]);
    assert.deepEqual(got.map(formatAddress), ["10.0.0.2:9", "[::1]:9"]);
  });

  it("names the host when resolution fails or finds nothing", async () => {
    await assert.rejects(resolveTarget(parseTarget("nowhere:1"), async () => { throw new Error("ENOTFOUND"); }), /"nowhere".*ENOTFOUND/);
    await assert.rejects(resolveTarget(parseTarget("empty:1"), async () => []), /no address for "empty"/);
  });
});
