// `spindle call`, `list`, `describe` and `health` as a user runs them: the real bin against an in-process
// Spindle server with shop.v1.Catalog, a test Echo service, health and reflection.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Metadata, RpcError, Status, serviceFromDesc } from "../src/grpc/index.js";
import { createServer, type Server } from "../src/server/index.js";
import { createHealthService } from "../src/server/health.js";
import { createReflectionService } from "../src/server/reflection.js";
import { loadProto } from "../src/compiler/index.js";
import { Catalog } from "../gen/shop.js";
import { createCatalog, sampleProducts } from "../examples/shop/catalog.js";
import { run as runCall } from "../src/cli/call.js";
import { echoProto, spindle } from "./cli-helpers.js";

const shopDir = fileURLToPath(new URL("../examples/shop", import.meta.url)).replace(/dist[/\\]examples/, "examples");
const auth = ["-H", "authorization: Bearer demo-token"];

const echoRegistry = loadProto("clitest/v1/echo.proto", { sources: { "clitest/v1/echo.proto": echoProto } });
const Echo = serviceFromDesc(echoRegistry.getService("clitest.v1.Echo")!);

function startServer(withReflection: boolean): Server {
  const server = createServer();
  server.addService(Catalog, createCatalog(sampleProducts(), "demo-token"));
  server.addService(Echo, {
    async echo(request, ctx) {
      // Echo x-echo and x-echo-bin back as response headers and trailers.
      const echoed = new Metadata();
      for (const key of ["x-echo", "x-echo-bin"]) for (const v of ctx.metadata.getAll(key)) echoed.append(key, v);
      ctx.sendHeader(echoed);
      ctx.setTrailer({ "x-trailer": "bye" });
      return request;
    },
    async fail() {
      throw new RpcError(Status.INVALID_ARGUMENT, "text must not be empty", {
        details: [{ typeName: "google.rpc.BadRequest", value: { fieldViolations: [{ field: "text", description: "empty" }] } }],
      });
    },
  });
  if (withReflection) {
    const health = createHealthService({ statuses: { "shop.v1.Catalog": "SERVING", "shop.v1.Broken": "NOT_SERVING" } });
    health.addTo(server);
    createReflectionService([Catalog, Echo, health.definition]).addTo(server);
  }
  return server;
}

let server: Server;
let bare: Server;
let address = "";
let bareAddress = "";
let dir = "";

before(async () => {
  server = startServer(true);
  bare = startServer(false);
  address = `127.0.0.1:${await server.listen("127.0.0.1:0")}`;
  bareAddress = `127.0.0.1:${await bare.listen("127.0.0.1:0")}`;
  dir = mkdtempSync(join(tmpdir(), "spindle-cli-"));
  writeFileSync(join(dir, "echo.proto"), echoProto);
});

after(async () => {
  await server.shutdown({ graceMs: 1000 });
  await bare.shutdown({ graceMs: 1000 });
  rmSync(dir, { recursive: true, force: true });
});

describe("spindle call (schema by reflection)", () => {
  it("makes a unary call and prints the response as indented proto3 JSON", async () => {
    const r = await spindle(["call", "--plaintext", ...auth, "-d", '{"id":"p1"}', address, "shop.v1.Catalog/GetProduct"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { id: "p1", name: "Spindle", price: 1200 });
    assert.match(r.stdout, /\n  "name": "Spindle"/);
  });

  it("accepts pkg.Service.Method, prints compact lines and --emit-defaults fills unset fields", async () => {
    const r = await spindle(["call", "--plaintext", "--compact", "--emit-defaults", "-d", '{"text":"hi","big":"9007199254740993","at":"2024-01-02T03:04:05Z","counts":{"a":1},"b":3,"kind":"KIND_ONE"}', address, "clitest.v1.Echo.Echo"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"text":"hi","big":"9007199254740993","at":"2024-01-02T03:04:05Z","tags":[],"counts":{"a":1},"b":3,"kind":"KIND_ONE","snakeCaseName":""}\n');
  });

  it("--proto-names prints .proto field names; --compression gzip compresses the request", async () => {
    const r = await spindle(["call", "--plaintext", "--compact", "--proto-names", "--compression", "gzip", "-d", '{"text":"z","flag":true,"snakeCaseName":"s"}', address, "clitest.v1.Echo/Echo"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"text":"z","flag":true,"snake_case_name":"s"}\n');
  });

  it("streams server-streaming responses, one JSON object each", async () => {
    const r = await spindle(["call", "--plaintext", "--compact", ...auth, "-d", "{}", address, "shop.v1.Catalog/ListProducts"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split("\n").map((l) => JSON.parse(l).id), ["p1", "p2", "p3", "p4"]);
  });

  it("sends the JSON objects read from stdin as a client stream", async () => {
    const stdin = '{"id":"n1","name":"A"}\n{"id":"n2"}{"id":"n3"}\n';
    const r = await spindle(["call", "--plaintext", ...auth, "-d", "@-", address, "shop.v1.Catalog/Bulk"], { stdin });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { written: 3 });
  });

  it("runs a bidi stream from stdin and from a file", async () => {
    const r = await spindle(["call", "--plaintext", "--compact", ...auth, "-d", "@-", address, "shop.v1.Catalog/Chat"], { stdin: '{"text":"a"}\n{"text":"b"}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"text":"echo: a"}\n{"text":"echo: b"}\n');
    const file = join(dir, "chat.json");
    writeFileSync(file, '[\n{"text":"x"}\n]'.slice(2, -2));
    const f = await spindle(["call", "--plaintext", "--compact", ...auth, "-d", `@${file}`, address, "shop.v1.Catalog/Chat"]);
    assert.equal(f.stdout, '{"text":"echo: x"}\n', f.stderr);
  });

  it("prints ERROR: CODE: message and exits with 64 + the status code", async () => {
    const cases: [string[], number, string][] = [
      [[...auth, "-d", '{"id":"nope"}'], 64 + Status.NOT_FOUND, 'ERROR: NOT_FOUND: no product with id "nope"\n'],
      [["-d", '{"id":"p1"}'], 64 + Status.UNAUTHENTICATED, "ERROR: UNAUTHENTICATED: missing or wrong bearer token\n"],
    ];
    for (const [args, code, stderr] of cases) {
      const r = await spindle(["call", "--plaintext", ...args, address, "shop.v1.Catalog/GetProduct"]);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stderr, stderr);
      assert.equal(r.stdout, "");
    }
  });

  it("prints rich error details as JSON", async () => {
    const r = await spindle(["call", "--plaintext", "-d", "{}", address, "clitest.v1.Echo/Fail"]);
    assert.equal(r.code, 64 + Status.INVALID_ARGUMENT);
    const lines = r.stderr.split("\n");
    assert.equal(lines[0], "ERROR: INVALID_ARGUMENT: text must not be empty");
    assert.equal(lines[1], "details:");
    assert.deepEqual(JSON.parse(lines[2]!), { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "text", description: "empty" }] });
  });

  it("gives up at --timeout with DEADLINE_EXCEEDED", async () => {
    const r = await spindle(["call", "--plaintext", "--compact", ...auth, "--timeout", "150ms", "-d", '{"category":"slow"}', address, "shop.v1.Catalog/ListProducts"]);
    assert.equal(r.code, 64 + Status.DEADLINE_EXCEEDED, r.stderr);
    assert.match(r.stderr, /^ERROR: DEADLINE_EXCEEDED/);
  });

  it("sends -H metadata (text and -bin) and shows response headers and trailers with -v", async () => {
    const r = await spindle(["call", "--plaintext", "-v", "-H", "x-echo: hello", "-H", "X-Echo-Bin: AQID", "-d", '{"text":"m"}', address, "clitest.v1.Echo/Echo"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { text: "m" });
    assert.match(r.stderr, /response headers:\n(.*\n)*  x-echo: hello\n/);
    assert.match(r.stderr, /  x-echo-bin: AQID\n/);
    assert.match(r.stderr, /response trailers:\n(.*\n)*  x-trailer: bye\n/);
  });

  it("uses TLS unless --plaintext, with a hint when the server is plaintext", async () => {
    const r = await spindle(["call", "-d", "{}", address, "clitest.v1.Echo/Echo"]);
    assert.equal(r.code, 64 + Status.UNAVAILABLE);
    assert.match(r.stderr, /hint: TLS is the default; add --plaintext/);
  });
});

describe("spindle call (schema from files)", () => {
  it("--proto and -I compile the schema, for a server without reflection", async () => {
    const r = await spindle(["call", "--plaintext", ...auth, "--proto", "shop.proto", "-I", shopDir, "-d", '{"id":"p2"}', bareAddress, "shop.v1.Catalog/GetProduct"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { id: "p2", name: "Bobbin", price: 350 });
    const e = await spindle(["call", "--plaintext", "--proto", join(dir, "echo.proto"), "-I", dir, "-d", '{"tags":["a"]}', bareAddress, "clitest.v1.Echo/Echo"]);
    assert.equal(e.code, 0, e.stderr);
  });

  it("without reflection or files, says the server has no reflection", async () => {
    const r = await spindle(["call", "--plaintext", "-d", "{}", bareAddress, "shop.v1.Catalog/GetProduct"]);
    assert.equal(r.code, 64 + Status.UNIMPLEMENTED);
    assert.match(r.stderr, /does not offer reflection.*--proto/);
  });

  it("--descriptor-set reads a FileDescriptorSet", async () => {
    const set = join(dir, "shop.binpb");
    const c = await spindle(["compile", "-I", shopDir, "-o", set, "shop.proto"]);
    assert.equal(c.code, 0, c.stderr);
    const r = await spindle(["call", "--plaintext", ...auth, "--descriptor-set", set, "-d", '{"id":"p3"}', bareAddress, "shop.v1.Catalog/GetProduct"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).name, "Shuttle");
  });
});

describe("spindle list and describe", () => {
  it("lists the services, and the methods of one", async () => {
    const r = await spindle(["list", "--plaintext", address]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split("\n"), ["clitest.v1.Echo", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "shop.v1.Catalog"]);
    const m = await spindle(["list", "--plaintext", address, "shop.v1.Catalog"]);
    assert.equal(m.stdout, "shop.v1.Catalog/GetProduct\nshop.v1.Catalog/ListProducts\nshop.v1.Catalog/Bulk\nshop.v1.Catalog/Chat\n");
    const p = await spindle(["list", "--proto", "shop.proto", "-I", shopDir, "unused:1"]);
    assert.equal(p.stdout, "shop.v1.Catalog\n", p.stderr);
  });

  it("describes services, messages, enums and methods in .proto syntax", async () => {
    const s = await spindle(["describe", "--plaintext", address, "shop.v1.Catalog"]);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /^shop\.v1\.Catalog is a service:\nservice Catalog \{\n  rpc GetProduct \( \.shop\.v1\.GetProductRequest \) returns \( \.shop\.v1\.Product \);\n/);
    assert.match(s.stdout, /rpc Chat \( stream \.shop\.v1\.Message \) returns \( stream \.shop\.v1\.Message \);/);
    const m = await spindle(["describe", "--plaintext", address, "clitest.v1.EchoMessage"]);
    assert.equal(
      m.stdout,
      "clitest.v1.EchoMessage is a message:\nmessage EchoMessage {\n  string text = 1;\n  int64 big = 2;\n  .google.protobuf.Timestamp at = 3;\n" +
        "  repeated string tags = 4;\n  map<string, int32> counts = 5;\n  oneof choice {\n    string a = 6;\n    int32 b = 7;\n  }\n" +
        "  optional bool flag = 8;\n  .clitest.v1.Kind kind = 9;\n  string snake_case_name = 10;\n}\n",
    );
    const e = await spindle(["describe", "--plaintext", address, "clitest.v1.Kind"]);
    assert.equal(e.stdout, "clitest.v1.Kind is an enum:\nenum Kind {\n  KIND_UNSPECIFIED = 0;\n  KIND_ONE = 1;\n}\n");
    const rpc = await spindle(["describe", "--plaintext", address, "shop.v1.Catalog.Bulk"]);
    assert.equal(rpc.stdout, "shop.v1.Catalog.Bulk is a method:\nrpc Bulk ( stream .shop.v1.Product ) returns ( .shop.v1.BulkResult );\n");
  });

  it("says so for a symbol the server does not know", async () => {
    const r = await spindle(["describe", "--plaintext", address, "shop.v1.Nope"]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "spindle describe: symbol shop.v1.Nope not found\n");
  });
});

describe("spindle health", () => {
  it("prints the status and exits 0 only for SERVING", async () => {
    const cases: [string[], number, string][] = [
      [[], 0, "SERVING\n"],
      [["shop.v1.Catalog"], 0, "SERVING\n"],
      [["shop.v1.Broken"], 1, "NOT_SERVING\n"],
      [["no.Such"], 64 + Status.NOT_FOUND, ""],
    ];
    for (const [args, code, stdout] of cases) {
      const r = await spindle(["health", "--plaintext", address, ...args]);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, stdout);
    }
  });

  it("--watch prints statuses until --timeout ends it", async () => {
    const r = await spindle(["health", "--plaintext", "--watch", "--timeout", "300ms", address, "shop.v1.Catalog"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "SERVING\n");
  });

  it("answers UNIMPLEMENTED from a server without the health service", async () => {
    const r = await spindle(["health", "--plaintext", bareAddress]);
    assert.equal(r.code, 64 + Status.UNIMPLEMENTED);
  });
});

describe("spindle call: bad arguments and data exit with 2 and a usage message", () => {
  const cases: [string, string[], RegExp][] = [
    ["no arguments", [], /missing ADDRESS and SERVICE\/METHOD/],
    ["an unknown flag", ["--nope", "a:1", "x.Y/Z"], /Unknown option '--nope'/],
    ["a method without a service", ["--plaintext", "ADDR", "Method"], /"Method" is not a method/],
    ["a header without a colon", ["--plaintext", "-H", "novalue", "a:1", "x.Y/Z"], /expected "key: value"/],
    ["a reserved header", ["--plaintext", "-H", "grpc-timeout: 1S", "a:1", "x.Y/Z"], /reserved/],
    ["bad base64 in a -bin header", ["--plaintext", "-H", "k-bin: !!", "a:1", "x.Y/Z"], /must be base64/],
    ["a bad --timeout", ["--plaintext", "--timeout", "soon", "a:1", "x.Y/Z"], /not a duration/],
    ["an unknown --compression", ["--plaintext", "--compression", "zstd", "a:1", "x.Y/Z"], /not one of identity, gzip, deflate/],
    ["--plaintext with --insecure", ["--plaintext", "--insecure", "a:1", "x.Y/Z"], /cannot be combined/],
    ["a .proto that does not compile", ["--plaintext", "--proto", "missing.proto", "a:1", "x.Y/Z"], /cannot load missing\.proto/],
  ];
  // In process (the same run() the bin calls), to keep the suite fast: these never reach the network.
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = { code: 0, stderr: "" };
      r.code = await runCall(args, { out: () => assert.fail("nothing on stdout"), err: (text) => (r.stderr += text) });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /usage: spindle call/);
    });
  }

  it("request JSON that does not fit the request type", async () => {
    const r = await spindle(["call", "--plaintext", ...auth, "-d", '{"idd":"p1"}', address, "shop.v1.Catalog/GetProduct"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /request 1 is not a valid shop\.v1\.GetProductRequest/);
  });

  it("two requests for a unary method, or a stream cut inside a value", async () => {
    const two = await spindle(["call", "--plaintext", ...auth, "-d", '{"id":"p1"}{"id":"p2"}', address, "shop.v1.Catalog/GetProduct"]);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /takes one request message, got 2/);
    const cut = await spindle(["call", "--plaintext", ...auth, "-d", "@-", address, "shop.v1.Catalog/Bulk"], { stdin: '{"id":"a"}\n{"id":' });
    assert.equal(cut.code, 2);
    assert.match(cut.stderr, /ends inside a JSON value/);
  });

  it("a method the service does not have, or a service the server does not have", async () => {
    const m = await spindle(["call", "--plaintext", address, "shop.v1.Catalog/Nope"]);
    assert.equal(m.code, 1);
    assert.match(m.stderr, /has no method Nope \(it has: GetProduct, ListProducts, Bulk, Chat\)/);
    const s = await spindle(["call", "--plaintext", address, "shop.v1.Nope/Get"]);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /service shop\.v1\.Nope not found/);
  });
});

describe("spindle call over TLS", () => {
  const root = fileURLToPath(new URL("..", import.meta.url)).replace(/[/\\]dist[/\\]?$/, "");
  const cert = (name: string) => join(root, "interop", "certs", name);
  let tlsServer: Server;
  let port = 0;

  before(async () => {
    const { readFileSync } = await import("node:fs");
    tlsServer = createServer({ tls: { key: readFileSync(cert("server.key")), cert: readFileSync(cert("server.pem")) } });
    tlsServer.addService(Catalog, createCatalog(sampleProducts(), "demo-token"));
    createReflectionService([Catalog]).addTo(tlsServer);
    port = await tlsServer.listen("127.0.0.1:0");
  });

  after(async () => {
    await tlsServer.shutdown({ graceMs: 1000 });
  });

  it("trusts --tls-ca, names the server with --authority, and refuses an unknown CA without --insecure", async () => {
    const args = [...auth, "-d", '{"id":"p4"}', `127.0.0.1:${port}`, "shop.v1.Catalog/GetProduct"];
    const ok = await spindle(["call", "--tls-ca", cert("ca.pem"), "--authority", "foo.test.google.fr", ...args]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).name, "Loom");
    const untrusted = await spindle(["call", ...args]);
    assert.equal(untrusted.code, 64 + Status.UNAVAILABLE, untrusted.stderr);
    const insecure = await spindle(["call", "--insecure", ...args]);
    assert.equal(insecure.code, 0, insecure.stderr);
  });
});

describe("spindle call on a server with only v1alpha reflection", () => {
  it("falls back from v1 to v1alpha, as grpcurl does", async () => {
    const alphaOnly = createServer();
    alphaOnly.addService(Catalog, createCatalog(sampleProducts(), "demo-token"));
    const reflection = createReflectionService([Catalog], { isSelfListed: false });
    alphaOnly.addService(reflection.v1alpha.definition, reflection.v1alpha.implementation);
    const port = await alphaOnly.listen("127.0.0.1:0");
    try {
      const r = await spindle(["call", "--plaintext", ...auth, "-d", '{"id":"p1"}', `127.0.0.1:${port}`, "shop.v1.Catalog/GetProduct"]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).name, "Spindle");
    } finally {
      await alphaOnly.shutdown({ graceMs: 1000 });
    }
  });
});

describe("spindle call over a unix socket", () => {
  it("reaches a server at unix:PATH", async () => {
    const unixServer = startServer(true);
    const path = join(dir, "spindle.sock");
    await unixServer.listen(`unix:${path}`);
    try {
      const r = await spindle(["list", "--plaintext", `unix:${path}`, "clitest.v1.Echo"]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "clitest.v1.Echo/Echo\nclitest.v1.Echo/Fail\n");
    } finally {
      await unixServer.shutdown({ graceMs: 1000 });
    }
  });
});
