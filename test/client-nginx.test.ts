// The client through a real proxy: nginx `grpc_pass` in front of two Spindle TestService servers
// (DESIGN.md: the client is judged against "nginx grpc_pass and several server processes"). The interop
// cases run through the proxy, and calls reach both backends.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseInteropArgs, runInteropClient, formatResult, type CaseResult } from "../interop/client.js";
import { interopCases } from "../interop/cases/index.js";
import { createInteropServer } from "../interop/server.js";
import { createChannel, createClient } from "../src/client/index.js";
import { RpcError, Status } from "../src/grpc/index.js";
import { TestService } from "../interop/testing.js";
import type { Server, ServerContext } from "../src/server/index.js";
import type { ServerInterceptor } from "../src/grpc/index.js";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

/** Cases that cannot pass through nginx, with the reason (none today; a new exclusion must say why). */
const notThroughProxy: Record<string, string> = {};

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createNetServer();
      s.once("error", () => resolve(true)); // in use: nginx is listening
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("client through nginx grpc_pass to two Spindle servers", { skip: NGINX ? false : "nginx is not installed (Debian package nginx)" }, () => {
  let backends: Server[] = [];
  let nginx: ChildProcess | undefined;
  let dir = "";
  let port = 0;
  const hits = [0, 0];
  let results = new Map<string, CaseResult>();

  before(async () => {
    // Each backend counts the calls it serves, so the test can see nginx spread them.
    const counting = (i: number): ServerInterceptor<ServerContext> => (next) => (req, ctx) => {
      hits[i]!++;
      return next(req, ctx);
    };
    backends = [createInteropServer({ interceptors: [counting(0)] }), createInteropServer({ interceptors: [counting(1)] })];
    const ports = await Promise.all(backends.map((b) => b.listen("127.0.0.1:0")));
    dir = mkdtempSync(join(tmpdir(), "spindle-nginx-"));
    port = await freePort();
    const conf = `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream backends {
    server 127.0.0.1:${ports[0]};
    server 127.0.0.1:${ports[1]};
  }
  server {
    listen 127.0.0.1:${port} http2;
    client_max_body_size 8m;
    location / {
      grpc_pass grpc://backends;
      grpc_set_header X-Backend-Test on;
    }
  }
}
`;
    writeFileSync(join(dir, "nginx.conf"), conf);
    const check = spawnSync(NGINX!, ["-t", "-p", dir, "-c", join(dir, "nginx.conf")], { encoding: "utf8" });
    assert.equal(check.status, 0, `nginx -t: ${check.stderr}`);
    nginx = spawn(NGINX!, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
    await waitForPort(port, 10_000);
    const applicable = Object.keys(interopCases).filter((n) => !(n in notThroughProxy));
    const args = parseInteropArgs([
      "--server_host=127.0.0.1",
      `--server_port=${port}`,
      `--test_case=${applicable.join(",")}`,
      "--soak_iterations=3",
      "--soak_per_iteration_max_acceptable_latency_ms=5000",
      "--soak_overall_timeout_seconds=60",
    ]);
    results = new Map((await runInteropClient(args)).map((r) => [r.name, r]));
  });

  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once("exit", r));
      nginx.kill("SIGTERM");
      await exited;
    }
    await Promise.all(backends.map((b) => b.shutdown({ graceMs: 200 })));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const name of Object.keys(interopCases)) {
    const reason = notThroughProxy[name];
    if (reason !== undefined) {
      it(name, { skip: `does not apply through nginx: ${reason}` }, () => undefined);
      continue;
    }
    it(`${name} passes through the proxy`, () => {
      const r = results.get(name);
      assert.ok(r, `${name} did not run`);
      assert.ok(r.passed, formatResult(r));
    });
  }

  it("spreads the calls of one channel over both backends, statuses intact", async () => {
    const channel = createChannel(`127.0.0.1:${port}`);
    try {
      const client = createClient(TestService, channel) as unknown as { unaryCall(r: object, o?: object): Promise<unknown> };
      hits[0] = hits[1] = 0;
      for (let i = 0; i < 8; i++) {
        // Echo Status: the backend fails the call with our code and message, which must cross the proxy.
        await assert.rejects(client.unaryCall({ responseStatus: { code: 5, message: `hop ${i}` } }), (e: unknown) => e instanceof RpcError && e.code === Status.NOT_FOUND && e.rawMessage === `hop ${i}`);
      }
      assert.equal(hits[0]! + hits[1]!, 8);
      assert.ok(hits[0]! > 0 && hits[1]! > 0, `calls per backend: ${hits.join(", ")}`);
    } finally {
      channel.close();
    }
  });
});
