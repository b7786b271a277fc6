// An @grpc/grpc-js interop client (grpc/grpc doc/interop-test-descriptions.md, "Client"), the peer that
// tests Spindle's interop server. Definitions come from @grpc/proto-loader reading Debian's grpc-proto.
// Run: node dist/interop/peers/grpcjs-client.js --server_host=127.0.0.1 --server_port=N --test_case=all
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

const PROTO_ROOT = "/usr/share/grpc-proto";

type Json = Record<string, unknown>;
type Ctor = new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ChannelOptions) => grpc.Client;

interface Env {
  /** A TestService client with the given channel options (compression, …). */
  testService(options?: grpc.ChannelOptions): grpc.Client & Record<string, (...args: unknown[]) => unknown>;
  unimplementedService(): grpc.Client & Record<string, (...args: unknown[]) => unknown>;
}

const zeros = (n: number): Buffer => Buffer.alloc(n);

function unary(client: grpc.Client, method: string, req: Json, md = new grpc.Metadata(), opts: grpc.CallOptions = {}) {
  return new Promise<{ res: Json; headers: grpc.Metadata; trailers: grpc.Metadata }>((resolve, reject) => {
    let headers = new grpc.Metadata();
    let res: Json | undefined;
    let error: grpc.ServiceError | undefined;
    const call = (client as unknown as Record<string, (...a: unknown[]) => grpc.ClientUnaryCall>)[method]!.call(
      client,
      req,
      md,
      opts,
      (err: grpc.ServiceError | null, value: Json) => {
        if (err) error = err;
        else res = value;
      },
    );
    call.on("metadata", (m: grpc.Metadata) => (headers = m));
    call.on("status", (s: grpc.StatusObject) => {
      // The callback runs before 'status'; both are in by now.
      setImmediate(() => (error ? reject(error) : resolve({ res: res!, headers, trailers: s.metadata })));
    });
  });
}

async function expectStatus(p: Promise<unknown>, code: grpc.status, message?: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    const err = e as grpc.ServiceError;
    assert.equal(err.code, code, `status code: got ${err.code} (${err.details}), want ${code}`);
    if (message !== undefined) assert.equal(err.details, message);
    return;
  }
  assert.fail(`expected status ${code}, the call succeeded`);
}

function readAll(stream: grpc.ClientReadableStream<Json> | grpc.ClientDuplexStream<Json, Json>): Promise<Json[]> {
  return new Promise((resolve, reject) => {
    const out: Json[] = [];
    stream.on("data", (m: Json) => out.push(m));
    stream.on("error", reject);
    stream.on("end", () => resolve(out));
  });
}

function sizes(responses: Json[]): number[] {
  return responses.map((r) => ((r.payload as Json | undefined)?.body as Buffer | undefined)?.length ?? 0);
}

/** One function per official case. */
const cases: Record<string, (env: Env) => Promise<void>> = {
  async empty_unary(env) {
    const { res } = await unary(env.testService(), "EmptyCall", {});
    assert.ok(res !== null && typeof res === "object");
  },
  async cacheable_unary(env) {
    const c = env.testService();
    const md = new grpc.Metadata();
    md.set("x-user-ip", "1.2.3.4");
    const req = { payload: { body: Buffer.from(String(process.hrtime.bigint())) } };
    const a = await unary(c, "CacheableUnaryCall", req, md);
    const b = await unary(c, "CacheableUnaryCall", req, md);
    assert.ok((a.res.payload as Json).body instanceof Buffer && (b.res.payload as Json).body instanceof Buffer);
  },
  async large_unary(env) {
    const { res } = await unary(env.testService(), "UnaryCall", { responseSize: 314159, payload: { body: zeros(271828) } });
    assert.equal(sizes([res])[0], 314159);
  },
  async client_compressed_unary(env) {
    const plain = env.testService();
    const gzip = env.testService({ "grpc.default_compression_algorithm": 2 });
    const req = (expect: boolean) => ({ expectCompressed: { value: expect }, responseSize: 314159, payload: { body: zeros(271828) } });
    await expectStatus(unary(plain, "UnaryCall", req(true)), grpc.status.INVALID_ARGUMENT);
    assert.equal(sizes([(await unary(gzip, "UnaryCall", req(true))).res])[0], 314159);
    assert.equal(sizes([(await unary(plain, "UnaryCall", req(false))).res])[0], 314159);
  },
  async server_compressed_unary(env) {
    // grpc-js does not expose the compressed flag of received messages; sizes are checked.
    const c = env.testService();
    for (const compressed of [true, false]) {
      const { res } = await unary(c, "UnaryCall", { responseCompressed: { value: compressed }, responseSize: 314159, payload: { body: zeros(271828) } });
      assert.equal(sizes([res])[0], 314159);
    }
  },
  async client_streaming(env) {
    const res = await new Promise<Json>((resolve, reject) => {
      const call = (env.testService() as unknown as Record<string, (cb: (e: grpc.ServiceError | null, v: Json) => void) => grpc.ClientWritableStream<Json>>).StreamingInputCall!((e, v) => (e ? reject(e) : resolve(v)));
      for (const n of [27182, 8, 1828, 45904]) call.write({ payload: { body: zeros(n) } });
      call.end();
    });
    assert.equal(res.aggregatedPayloadSize, 74922);
  },
  async client_compressed_streaming(env) {
    const stream = (client: grpc.Client, write: (call: grpc.ClientWritableStream<Json>) => void) =>
      new Promise<Json>((resolve, reject) => {
        const call = (client as unknown as Record<string, (cb: (e: grpc.ServiceError | null, v: Json) => void) => grpc.ClientWritableStream<Json>>).StreamingInputCall!((e, v) => (e ? reject(e) : resolve(v)));
        write(call);
        call.end();
      });
    await expectStatus(
      stream(env.testService(), (call) => call.write({ expectCompressed: { value: true }, payload: { body: zeros(27182) } })),
      grpc.status.INVALID_ARGUMENT,
    );
    const res = await stream(env.testService({ "grpc.default_compression_algorithm": 2 }), (call) => {
      call.write({ expectCompressed: { value: true }, payload: { body: zeros(27182) } });
      // WriteFlags.NoCompress (2), passed as the stream write's "encoding".
      call.write({ expectCompressed: { value: false }, payload: { body: zeros(45904) } }, 2 as unknown as BufferEncoding);
    });
    assert.equal(res.aggregatedPayloadSize, 73086);
  },
  async server_streaming(env) {
    const call = (env.testService() as unknown as Record<string, (r: Json) => grpc.ClientReadableStream<Json>>).StreamingOutputCall!({
      responseParameters: [31415, 9, 2653, 58979].map((size) => ({ size })),
    });
    assert.deepEqual(sizes(await readAll(call)), [31415, 9, 2653, 58979]);
  },
  async server_compressed_streaming(env) {
    const call = (env.testService() as unknown as Record<string, (r: Json) => grpc.ClientReadableStream<Json>>).StreamingOutputCall!({
      responseParameters: [
        { compressed: { value: true }, size: 31415 },
        { compressed: { value: false }, size: 92653 },
      ],
    });
    assert.deepEqual(sizes(await readAll(call)), [31415, 92653]);
  },
  async ping_pong(env) {
    const call = (env.testService() as unknown as Record<string, () => grpc.ClientDuplexStream<Json, Json>>).FullDuplexCall!();
    const got: number[] = [];
    const pairs = [
      [31415, 27182],
      [9, 8],
      [2653, 1828],
      [58979, 45904],
    ];
    for (const [size, body] of pairs) {
      const reply = new Promise<Json>((resolve, reject) => {
        call.once("data", resolve);
        call.once("error", reject);
      });
      call.write({ responseParameters: [{ size }], payload: { body: zeros(body!) } });
      got.push(sizes([await reply])[0]!);
    }
    const end = new Promise<void>((resolve, reject) => {
      call.on("end", resolve);
      call.on("error", reject);
      call.resume();
    });
    call.end();
    await end;
    assert.deepEqual(got, [31415, 9, 2653, 58979]);
  },
  async empty_stream(env) {
    const call = (env.testService() as unknown as Record<string, () => grpc.ClientDuplexStream<Json, Json>>).FullDuplexCall!();
    const all = readAll(call);
    call.end();
    assert.deepEqual(await all, []);
  },
  async custom_metadata(env) {
    const c = env.testService();
    const md = (): grpc.Metadata => {
      const m = new grpc.Metadata();
      m.set("x-grpc-test-echo-initial", "test_initial_metadata_value");
      m.set("x-grpc-test-echo-trailing-bin", Buffer.from([0xab, 0xab, 0xab]));
      return m;
    };
    const check = (headers: grpc.Metadata, trailers: grpc.Metadata): void => {
      assert.equal(headers.get("x-grpc-test-echo-initial")[0], "test_initial_metadata_value");
      assert.deepEqual([...(trailers.get("x-grpc-test-echo-trailing-bin")[0] as Buffer)], [0xab, 0xab, 0xab]);
    };
    const u = await unary(c, "UnaryCall", { responseSize: 314159, payload: { body: zeros(271828) } }, md());
    check(u.headers, u.trailers);
    const call = (c as unknown as Record<string, (m: grpc.Metadata) => grpc.ClientDuplexStream<Json, Json>>).FullDuplexCall!(md());
    let headers = new grpc.Metadata();
    let trailers = new grpc.Metadata();
    call.on("metadata", (m: grpc.Metadata) => (headers = m));
    call.on("status", (s: grpc.StatusObject) => (trailers = s.metadata));
    const all = readAll(call);
    call.write({ responseParameters: [{ size: 314159 }], payload: { body: zeros(271828) } });
    call.end();
    assert.deepEqual(sizes(await all), [314159]);
    await new Promise((r) => setImmediate(r));
    check(headers, trailers);
  },
  async status_code_and_message(env) {
    const c = env.testService();
    const responseStatus = { code: 2, message: "test status message" };
    await expectStatus(unary(c, "UnaryCall", { responseStatus }), grpc.status.UNKNOWN, "test status message");
    const call = (c as unknown as Record<string, () => grpc.ClientDuplexStream<Json, Json>>).FullDuplexCall!();
    const all = readAll(call);
    call.write({ responseStatus });
    call.end();
    await expectStatus(all, grpc.status.UNKNOWN, "test status message");
  },
  async special_status_message(env) {
    const message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
    await expectStatus(unary(env.testService(), "UnaryCall", { responseStatus: { code: 2, message } }), grpc.status.UNKNOWN, message);
  },
  async unimplemented_method(env) {
    await expectStatus(unary(env.testService(), "UnimplementedCall", {}), grpc.status.UNIMPLEMENTED);
  },
  async unimplemented_service(env) {
    await expectStatus(unary(env.unimplementedService(), "UnimplementedCall", {}), grpc.status.UNIMPLEMENTED);
  },
  async cancel_after_begin(env) {
    const done = new Promise<void>((resolve, reject) => {
      const call = (env.testService() as unknown as Record<string, (cb: (e: grpc.ServiceError | null) => void) => grpc.ClientWritableStream<Json>>).StreamingInputCall!((e) => {
        if (e?.code === grpc.status.CANCELLED) resolve();
        else reject(new Error(`want CANCELLED, got ${e?.code ?? "OK"}`));
      });
      call.cancel();
    });
    await done;
  },
  async cancel_after_first_response(env) {
    const call = (env.testService() as unknown as Record<string, () => grpc.ClientDuplexStream<Json, Json>>).FullDuplexCall!();
    const status = new Promise<grpc.ServiceError>((resolve) => call.on("error", resolve));
    await new Promise<void>((resolve) => {
      call.once("data", () => resolve());
      call.write({ responseParameters: [{ size: 31415 }], payload: { body: zeros(27182) } });
    });
    call.cancel();
    assert.equal((await status).code, grpc.status.CANCELLED);
  },
  async timeout_on_sleeping_server(env) {
    const call = (env.testService() as unknown as Record<string, (m: grpc.Metadata, o: grpc.CallOptions) => grpc.ClientDuplexStream<Json, Json>>).FullDuplexCall!(
      new grpc.Metadata(),
      { deadline: Date.now() + 1 },
    );
    const all = readAll(call);
    call.write({ payload: { body: zeros(27182) } });
    await expectStatus(all, grpc.status.DEADLINE_EXCEEDED);
  },
};

/** Names of every case this client implements, in the order `all` runs them. */
export const caseNames = Object.keys(cases);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server_host: { type: "string", default: "127.0.0.1" },
      server_host_override: { type: "string" },
      server_port: { type: "string" },
      test_case: { type: "string", default: "all" },
      use_tls: { type: "string", default: "false" },
      use_test_ca: { type: "string", default: "false" },
      ca_file: { type: "string" },
    },
    strict: true,
  });
  if (values.server_port === undefined) {
    console.error("usage: grpcjs-client --server_host=H --server_port=N --test_case=NAME|all [--use_tls=true]");
    return 2;
  }
  const definition = protoLoader.loadSync("grpc/testing/test.proto", { includeDirs: [PROTO_ROOT], keepCase: false, defaults: true, longs: Number });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as { grpc: { testing: Record<string, Ctor> } };
  const address = `${values.server_host}:${values.server_port}`;
  const useTls = values.use_tls === "true" || values.use_tls === "";
  const caPath = values.ca_file ?? fileURLToPath(new URL("../certs/ca.pem", import.meta.url).href.replace("/dist/interop/", "/interop/"));
  const credentials = useTls ? grpc.credentials.createSsl(readFileSync(caPath)) : grpc.credentials.createInsecure();
  const base: grpc.ChannelOptions = values.server_host_override ? { "grpc.ssl_target_name_override": values.server_host_override, "grpc.default_authority": values.server_host_override } : {};
  const clients: grpc.Client[] = [];
  const make = (name: string, options: grpc.ChannelOptions = {}) => {
    const client = new pkg.grpc.testing[name]!(address, credentials, { ...base, ...options });
    clients.push(client);
    return client as grpc.Client & Record<string, (...args: unknown[]) => unknown>;
  };
  const env: Env = { testService: (o) => make("TestService", o), unimplementedService: () => make("UnimplementedService") };
  const names = values.test_case === "all" ? caseNames : values.test_case!.split(",");
  let failed = 0;
  for (const name of names) {
    const fn = cases[name];
    if (fn === undefined) {
      console.log(`FAIL ${name}: unknown test case`);
      failed++;
      continue;
    }
    try {
      await fn(env);
      console.log(`PASS ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    } finally {
      for (const c of clients.splice(0)) c.close();
    }
  }
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
