// grpc.health.v1.Health (grpc/grpc doc/health-checking.md) against three clients: Spindle's own, Python
// grpcio's (C core) and `buf curl`.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { RpcError, Status } from "../src/grpc/index.js";
import { createChannel, createClient, type Channel } from "../src/client/index.js";
import { createServer, type Server } from "../src/server/index.js";
import { createHealthService, Health, ServingStatus, type HealthService } from "../src/server/health.js";
import { bufCurl } from "./reflection-helpers.js";

async function startHealthServer(health: HealthService): Promise<{ server: Server; address: string }> {
  const server = createServer();
  health.addTo(server);
  const port = await server.listen("127.0.0.1:0");
  return { server, address: `127.0.0.1:${port}` };
}

/** Reads the next value of a Watch, failing the test instead of hanging. */
async function next<T>(it: AsyncIterator<T>): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      it.next(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no Watch update within 5 s")), 5000))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe("createHealthService", () => {
  it("rejects unknown statuses with a clear error", () => {
    const health = createHealthService();
    assert.throws(() => health.setStatus("x", "DOWN" as never), /unknown serving status "DOWN"/);
    assert.throws(() => createHealthService({ statuses: { x: "up" as never } }), /unknown serving status "up"/);
  });

  it("starts with the whole server SERVING and remembers what is set", () => {
    const health = createHealthService({ statuses: { a: "NOT_SERVING" } });
    assert.equal(health.getStatus(""), "SERVING");
    assert.equal(health.getStatus("a"), "NOT_SERVING");
    assert.equal(health.getStatus("b"), undefined);
    health.setStatus("b", "SERVING");
    health.clearStatus("a");
    assert.equal(health.getStatus("a"), undefined);
    assert.equal(health.getStatus("b"), "SERVING");
  });
});

describe("health service with Spindle's client", () => {
  let health: HealthService;
  let server: Server;
  let channel: Channel;
  let client: ReturnType<typeof createClient<typeof Health>>;

  before(async () => {
    health = createHealthService({ statuses: { "shop.v1.Catalog": "SERVING", "shop.v1.Orders": "NOT_SERVING" } });
    const started = await startHealthServer(health);
    server = started.server;
    channel = createChannel(started.address);
    client = createClient(Health, channel);
  });
  after(async () => {
    channel.close();
    await server.shutdown({ graceMs: 1000 });
  });

  it("Check answers each service's status, and SERVING for the whole server", async () => {
    const cases: [string, ServingStatus][] = [
      ["", ServingStatus.SERVING],
      ["shop.v1.Catalog", ServingStatus.SERVING],
      ["shop.v1.Orders", ServingStatus.NOT_SERVING],
    ];
    for (const [service, want] of cases) {
      const got = await client.check({ service });
      assert.equal(got.status, want, `Check(${JSON.stringify(service)}): got ${ServingStatus[got.status]}, want ${ServingStatus[want]}`);
    }
  });

  it("Check answers NOT_FOUND for a service it does not know", async () => {
    await assert.rejects(client.check({ service: "no.such.Service" }), (e: unknown) => {
      assert.ok(e instanceof RpcError);
      assert.equal(e.code, Status.NOT_FOUND);
      assert.match(e.message, /no\.such\.Service/);
      return true;
    });
  });

  it("Watch sends the current status, then each change, and drops repeats", async () => {
    const watch = client.watch({ service: "w.One" })[Symbol.asyncIterator]();
    assert.equal((await next(watch)).value?.status, ServingStatus.SERVICE_UNKNOWN);
    health.setStatus("w.One", "SERVING");
    assert.equal((await next(watch)).value?.status, ServingStatus.SERVING);
    health.setStatus("w.One", "SERVING"); // a repeat: nothing is sent for it
    health.setStatus("w.One", "NOT_SERVING");
    assert.equal((await next(watch)).value?.status, ServingStatus.NOT_SERVING);
    health.clearStatus("w.One");
    assert.equal((await next(watch)).value?.status, ServingStatus.SERVICE_UNKNOWN);
    await watch.return?.();
  });

  it("Watch sends only the latest status to a client that falls behind (no backlog)", async () => {
    const watch = client.watch({ service: "w.Flap" })[Symbol.asyncIterator]();
    assert.equal((await next(watch)).value?.status, ServingStatus.SERVICE_UNKNOWN);
    for (let i = 0; i < 1000; i++) health.setStatus("w.Flap", i % 2 === 0 ? "SERVING" : "NOT_SERVING");
    assert.equal((await next(watch)).value?.status, ServingStatus.NOT_SERVING);
    // Had the 1000 flaps queued up, the next message would be SERVING from the backlog, not this change.
    health.setStatus("w.Flap", "UNKNOWN");
    assert.equal((await next(watch)).value?.status, ServingStatus.UNKNOWN);
    await watch.return?.();
  });

  it("Watch of an unknown service stays open (SERVICE_UNKNOWN is not an error)", async () => {
    const watch = client.watch({ service: "w.Later" })[Symbol.asyncIterator]();
    assert.equal((await next(watch)).value?.status, ServingStatus.SERVICE_UNKNOWN);
    health.setStatus("w.Later", "NOT_SERVING");
    assert.equal((await next(watch)).value?.status, ServingStatus.NOT_SERVING);
    await watch.return?.();
  });

  it("a cancelled Watch ends on the client and the service keeps answering", async () => {
    const controller = new AbortController();
    const watch = client.watch({ service: "w.Cancel" }, { signal: controller.signal })[Symbol.asyncIterator]();
    await next(watch);
    controller.abort();
    await assert.rejects(next(watch));
    // The server notices the RST_STREAM asynchronously; setting the status afterwards must still work.
    health.setStatus("w.Cancel", "SERVING");
    assert.equal((await client.check({ service: "w.Cancel" })).status, ServingStatus.SERVING);
  });
});

describe("health service shutdown", () => {
  it("server.shutdown() sends NOT_SERVING to watchers and ends their Watch calls with OK", async () => {
    const health = createHealthService({ statuses: { svc: "SERVING" } });
    const { server, address } = await startHealthServer(health);
    const channel = createChannel(address);
    try {
      const client = createClient(Health, channel);
      const watch = client.watch({ service: "svc" })[Symbol.asyncIterator]();
      assert.equal((await next(watch)).value?.status, ServingStatus.SERVING);
      const closed = server.shutdown({ graceMs: 10_000 });
      assert.equal((await next(watch)).value?.status, ServingStatus.NOT_SERVING);
      assert.equal((await next(watch)).done, true);
      // Would take the whole 10 s grace if the Watch held the shutdown up; the test's own timeout catches that.
      await closed;
      // A Watch started after the health service shut down gets NOT_SERVING and ends too.
      const server2 = createServer();
      server2.addService(health.definition, health.implementation);
      const channel2 = createChannel(`127.0.0.1:${await server2.listen("127.0.0.1:0")}`);
      try {
        const late = createClient(Health, channel2).watch({ service: "svc" })[Symbol.asyncIterator]();
        assert.equal((await next(late)).value?.status, ServingStatus.NOT_SERVING);
        assert.equal((await next(late)).done, true);
      } finally {
        channel2.close();
        await server2.shutdown({ graceMs: 1000 });
      }
      // After shutdown, statuses stay NOT_SERVING whatever is set, until resume().
      health.setStatus("svc", "SERVING");
      assert.equal(health.getStatus("svc"), "NOT_SERVING");
      health.resume();
      health.setStatus("svc", "SERVING");
      assert.equal(health.getStatus("svc"), "SERVING");
    } finally {
      channel.close();
    }
  });
});

describe("health service with buf curl", () => {
  it("answers Check by path with a status name, and not_found for an unknown service", async () => {
    const health = createHealthService({ statuses: { "shop.v1.Catalog": "NOT_SERVING" } });
    const { server, address } = await startHealthServer(health);
    try {
      // No reflection on this server: buf needs the schema, so give it the .proto.
      const schema = ["--schema", "/usr/share/grpc-proto/grpc/health/v1/health.proto"];
      const [known, unknown] = await Promise.all([
        bufCurl([...schema, "-d", '{"service":"shop.v1.Catalog"}', `http://${address}/grpc.health.v1.Health/Check`]),
        bufCurl([...schema, "-d", '{"service":"nope"}', `http://${address}/grpc.health.v1.Health/Check`]),
      ]);
      assert.equal(known.code, 0, known.stderr);
      assert.deepEqual(JSON.parse(known.stdout), { status: "NOT_SERVING" });
      assert.notEqual(unknown.code, 0);
      assert.equal(JSON.parse(unknown.stderr).code, "not_found");
    } finally {
      await server.shutdown({ graceMs: 1000 });
    }
  });
});

const python = "/usr/bin/python3";

// The Python client: Check for three services, then a Watch that prints each update as a line, so the test
// can change the status in between. Stubs come from grpc_tools.protoc (grpcio-health-checking is not
// packaged by Debian), generated flat: a "grpc" stub package would shadow grpcio's own.
const pythonClient = `
import sys, grpc
sys.path.insert(0, sys.argv[2])
import health_pb2, health_pb2_grpc
with grpc.insecure_channel(sys.argv[1]) as ch:
    stub = health_pb2_grpc.HealthStub(ch)
    for name in ["", "py.Svc", "py.Unknown"]:
        try:
            r = stub.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
            print("check", repr(name), health_pb2.HealthCheckResponse.ServingStatus.Name(r.status), flush=True)
        except grpc.RpcError as e:
            print("check", repr(name), e.code().name, flush=True)
    for r in stub.Watch(health_pb2.HealthCheckRequest(service="py.Watched"), timeout=10):
        status = health_pb2.HealthCheckResponse.ServingStatus.Name(r.status)
        print("watch", status, flush=True)
        if status == "NOT_SERVING":
            break
`;

describe("health service with Python grpcio's client", () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "spindle-health-"));
    const out = join(dir, "stubs");
    writeFileSync(join(dir, "client.py"), pythonClient);
    await promisify(execFile)("mkdir", ["-p", out]);
    await promisify(execFile)(python, ["-m", "grpc_tools.protoc", "-I/usr/share/grpc-proto/grpc/health/v1", `--python_out=${out}`, `--grpc_python_out=${out}`, "health.proto"]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("Check and Watch work as the C core client expects", async () => {
    const health = createHealthService({ statuses: { "py.Svc": "SERVING" } });
    const { server, address } = await startHealthServer(health);
    const child = spawn(python, [join(dir, "client.py"), address, join(dir, "stubs")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const lines: string[] = [];
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        lines.push(line);
        // Drive the Watch: known after the first update, then not serving, which ends the client's loop.
        if (line === "watch SERVICE_UNKNOWN") health.setStatus("py.Watched", "SERVING");
        if (line === "watch SERVING") health.setStatus("py.Watched", "NOT_SERVING");
      }
      assert.equal(await exited, 0, stderr);
      assert.deepEqual(lines, [
        "check '' SERVING",
        "check 'py.Svc' SERVING",
        "check 'py.Unknown' NOT_FOUND",
        "watch SERVICE_UNKNOWN",
        "watch SERVING",
        "watch NOT_SERVING",
      ]);
    } finally {
      child.kill();
      await server.shutdown({ graceMs: 1000 });
    }
  });
});
