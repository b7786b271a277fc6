// Interop, peers → Spindle: the Python grpcio (C core) and @grpc/grpc-js interop clients run every
// applicable case of grpc/grpc doc/interop-test-descriptions.md against Spindle's interop server, over
// plaintext and TLS.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as http2 from "node:http2";
import { createInteropServer } from "../interop/server.js";
import { TestService, registryFromDescriptorSet, testingRegistry } from "../interop/testing.js";
import type { Server } from "../src/server/index.js";

const here = fileURLToPath(import.meta.url);
const isSource = here.endsWith(".ts");

function repoRoot(): string {
  let dir = dirname(here);
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}
const root = repoRoot();

/** The cases both peer clients run, in order. */
const cases = [
  "empty_unary",
  "cacheable_unary",
  "large_unary",
  "client_compressed_unary",
  "server_compressed_unary",
  "client_streaming",
  "client_compressed_streaming",
  "server_streaming",
  "server_compressed_streaming",
  "ping_pong",
  "empty_stream",
  "custom_metadata",
  "status_code_and_message",
  "special_status_message",
  "unimplemented_method",
  "unimplemented_service",
  "cancel_after_begin",
  "cancel_after_first_response",
  "timeout_on_sleeping_server",
];

/** Official cases that do not apply here, and why. */
const notApplicable: Record<string, string> = {
  compute_engine_creds: "needs Google Compute Engine credentials (cloud-to-prod only)",
  jwt_token_creds: "needs a Google service-account key (cloud-to-prod only)",
  oauth2_auth_token: "needs Google OAuth credentials (cloud-to-prod only)",
  per_rpc_creds: "needs a Google service-account key (cloud-to-prod only)",
  google_default_credentials: "needs Google default credentials (cloud-to-prod only)",
  compute_engine_channel_credentials: "needs Google Compute Engine credentials (cloud-to-prod only)",
  concurrent_large_unary: "marked 'Status: TODO' in the descriptions (no procedure defined)",
  rpc_soak: "a long-running soak test, not a unit test (minutes of traffic)",
  channel_soak: "a long-running soak test, not a unit test (minutes of traffic)",
  orca_per_rpc: "needs ORCA load reports (xDS), which Spindle does not implement",
  orca_oob: "needs ORCA load reports (xDS), which Spindle does not implement",
  pick_first_unary: "needs several backends behind one name (load-balancing test)",
};

/** Notes on cases that run but cannot check everything with these peers. */
const notes: Record<string, string> = {
  cacheable_unary: "no caching proxy in between: both calls must succeed; the GET/caching part does not apply",
  server_compressed_unary: "grpcio and grpc-js do not expose the compressed flag; checked on the wire below",
  server_compressed_streaming: "as server_compressed_unary",
  client_compressed_streaming: "grpcio compresses per call, not per message (grpc-js does it per message)",
};

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** PASS/FAIL per case from a peer client's output. */
function results(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const m = /^(PASS|FAIL) (\S+?)(?::\s(.*))?$/.exec(line.trim());
    if (m) out.set(m[2]!, m[1] === "PASS" ? "PASS" : `FAIL: ${m[3] ?? ""}`);
  }
  return out;
}

const peers = [
  {
    name: "python grpcio",
    command: "/usr/bin/python3",
    args: [join(root, "interop/peers/python_client.py")],
  },
  {
    name: "@grpc/grpc-js",
    command: process.execPath,
    args: isSource
      ? ["--import", "tsx", join(root, "interop/peers/grpcjs-client.ts")]
      : [join(root, "dist/interop/peers/grpcjs-client.js")],
  },
];

for (const tls of [false, true]) {
  describe(`interop: peer clients → Spindle server${tls ? " (TLS)" : ""}`, () => {
    let server: Server;
    let port: number;
    const outputs = new Map<string, Promise<{ code: number; stdout: string; stderr: string }>>();

    before(async () => {
      server = createInteropServer({ useTls: tls });
      port = await server.listen("127.0.0.1:0");
      const tlsArgs = tls ? ["--use_tls=true", "--server_host_override=foo.test.google.fr"] : [];
      // Over TLS, a smaller set: the transport is what changes, not the cases.
      const list = tls ? ["large_unary", "ping_pong", "custom_metadata", "status_code_and_message"] : cases;
      for (const peer of peers) {
        outputs.set(peer.name, run(peer.command, [...peer.args, "--server_host=127.0.0.1", `--server_port=${port}`, `--test_case=${list.join(",")}`, ...tlsArgs]));
      }
    });

    after(async () => {
      await Promise.all(outputs.values());
      await server.shutdown({ graceMs: 500 });
    });

    for (const peer of peers) {
      describe(peer.name, () => {
        const list = tls ? ["large_unary", "ping_pong", "custom_metadata", "status_code_and_message"] : cases;
        for (const name of list) {
          it(name + (notes[name] && !tls ? ` (${notes[name]})` : ""), async () => {
            const out = await outputs.get(peer.name)!;
            const got = results(out.stdout).get(name);
            assert.equal(got, "PASS", `${peer.name} ${name}: ${got ?? "no result"}\n${out.stderr.slice(-2000)}`);
          });
        }
        it("exits with status 0", async () => {
          const out = await outputs.get(peer.name)!;
          assert.equal(out.code, 0, out.stdout + out.stderr.slice(-2000));
        });
      });
    }
  });
}

describe("interop server: compression on the wire (what the peers cannot see)", () => {
  let server: Server;
  let port: number;
  before(async () => {
    server = createInteropServer();
    port = await server.listen("127.0.0.1:0");
  });
  after(() => server.shutdown({ graceMs: 100 }));

  async function call(path: string, request: Uint8Array): Promise<{ headers: http2.IncomingHttpHeaders; flags: number[]; status: string }> {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      return await new Promise((resolve, reject) => {
        const stream = session.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers", "grpc-accept-encoding": "identity,gzip" });
        let headers: http2.IncomingHttpHeaders = {};
        const chunks: Buffer[] = [];
        let status = "";
        stream.on("response", (h) => (headers = h));
        stream.on("trailers", (t) => (status = String(t["grpc-status"])));
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", reject);
        stream.on("close", () => {
          const body = Buffer.concat(chunks);
          const flags: number[] = [];
          for (let at = 0; at + 5 <= body.length; at += 5 + body.readUInt32BE(at + 1)) flags.push(body[at]!);
          resolve({ headers, flags, status });
        });
        const framed = Buffer.alloc(5 + request.length);
        framed.writeUInt32BE(request.length, 1);
        framed.set(request, 5);
        stream.end(framed);
      });
    } finally {
      session.close();
    }
  }

  it("server_compressed_unary: the compressed flag follows response_compressed", async () => {
    const m = TestService.methods.unaryCall!;
    for (const compressed of [true, false]) {
      const r = await call(m.path, m.serializeRequest({ responseCompressed: { value: compressed }, responseSize: 314159, payload: { body: new Uint8Array(271828) } }));
      assert.equal(r.status, "0");
      assert.deepEqual(r.flags, [compressed ? 1 : 0]);
    }
  });

  it("server_compressed_streaming: per-message compression, on then off", async () => {
    const m = TestService.methods.streamingOutputCall!;
    const r = await call(m.path, m.serializeRequest({ responseParameters: [{ compressed: { value: true }, size: 31415 }, { compressed: { value: false }, size: 92653 }] }));
    assert.equal(r.status, "0");
    assert.equal(r.headers["grpc-encoding"], "gzip");
    assert.deepEqual(r.flags, [1, 0]);
  });
});

describe("interop definitions", () => {
  it("loadProto reads grpc/testing/*.proto as protoc does (services, methods, fields)", () => {
    const ref = registryFromDescriptorSet();
    const shape = (registry: typeof ref): string[] => {
      const out: string[] = [];
      for (const file of registry.files) {
        if (!file.name.startsWith("grpc/testing/")) continue;
        for (const type of registry) {
          if (type.kind === "message" && type.file === file) {
            out.push(`${type.typeName} ${type.fields.map((f) => `${f.number}:${f.name}:${f.fieldKind}`).join(",")}`);
          } else if (type.kind === "service" && type.file === file) {
            out.push(`${type.typeName} ${type.methods.map((m) => `${m.path}:${m.methodKind}:${m.input.typeName}:${m.output.typeName}`).join(",")}`);
          }
        }
      }
      return out.sort();
    };
    const want = shape(ref);
    assert.ok(want.length > 10, "the descriptor set holds the grpc.testing types");
    assert.deepEqual(shape(testingRegistry), want);
  });
});

describe("interop cases that do not apply", () => {
  for (const [name, reason] of Object.entries(notApplicable)) it(name, { skip: reason }, () => {});
});
