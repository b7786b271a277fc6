// Deadlines propagate by themselves (DESIGN.md): an edge call with a 200 ms budget → A → B → C, where C
// is slow. The chain ends in DEADLINE_EXCEEDED close to 200 ms and C's ctx.signal has fired.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createChannel, createClient, type Channel } from "../src/client/index.js";
import { RpcError, Status, type MethodDefinition, type ServiceDefinition } from "../src/grpc/index.js";
import { runWithCallContext } from "../src/node/index.js";
import { createServer, type Server } from "../src/server/index.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A unary method on UTF-8 strings, so the test needs no protobuf definitions. */
function textMethod(service: string, name: string): MethodDefinition<string, string, "unary"> {
  return {
    path: `/${service}/${name}`,
    name,
    localName: name.charAt(0).toLowerCase() + name.slice(1),
    kind: "unary",
    serializeRequest: (m) => enc.encode(m as string),
    deserializeRequest: (b) => dec.decode(b),
    serializeResponse: (m) => enc.encode(m as string),
    deserializeResponse: (b) => dec.decode(b),
  };
}

function hopService(name: string) {
  return { typeName: `hops.${name}`, methods: { call: textMethod(`hops.${name}`, "Call") } } satisfies ServiceDefinition;
}

const A = hopService("A");
const B = hopService("B");
const C = hopService("C");

describe("deadline propagation across three hops", () => {
  let server: Server;
  let channel: Channel;
  /** What C saw: its deadline budget on arrival and whether (and why) its signal fired. */
  let cSeen: { remaining: number; aborted: Promise<unknown> } | undefined;
  const errorsSeen: Record<string, RpcError | undefined> = {};

  before(async () => {
    server = createServer();
    const port = await server.listen("127.0.0.1:0");
    channel = createChannel(`127.0.0.1:${port}`);
    const b = createClient(B, channel);
    const c = createClient(C, channel);
    server.addService(A, {
      async call(req) {
        try {
          return await b.call(`${req}>A`, { inheritContext: req.includes("optout") ? false : undefined, timeout: req.includes("optout") ? 1200 : undefined });
        } catch (e) {
          errorsSeen.A = e as RpcError;
          throw e;
        }
      },
    });
    server.addService(B, {
      async call(req) {
        try {
          return await c.call(`${req}>B`);
        } catch (e) {
          errorsSeen.B = e as RpcError;
          throw e;
        }
      },
    });
    server.addService(C, {
      async call(req, ctx) {
        const aborted = new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve(ctx.signal.reason), { once: true }));
        cSeen = { remaining: ctx.timeRemaining(), aborted };
        if (req.includes("fast")) return `${req}>C`;
        // C is slow: it would answer after 5 s, unless its call ends first.
        await Promise.race([new Promise((r) => setTimeout(r, 5000).unref()), aborted]);
        return `${req}>C(late)`;
      },
    });
  });

  after(async () => {
    channel.close();
    await server.shutdown({ graceMs: 100 });
  });

  it("passes the answer back through the chain when there is time", async () => {
    const a = createClient(A, channel);
    assert.equal(await a.call("fast", { timeout: 5000 }), "fast>A>B>C");
    assert.ok(cSeen!.remaining <= 5000 && cSeen!.remaining > 3000, `C had ${cSeen!.remaining} ms`);
  });

  it("ends the whole chain in DEADLINE_EXCEEDED close to the edge's 200 ms, and C's signal fires", async () => {
    const a = createClient(A, channel);
    const started = Date.now();
    await assert.rejects(a.call("slow", { timeout: 200 }), (e: unknown) => {
      assert.ok(e instanceof RpcError);
      assert.equal(Status[e.code], "DEADLINE_EXCEEDED");
      return true;
    });
    const elapsed = Date.now() - started;
    // Generous bounds: the point is "about 200 ms", not C's 5 s.
    assert.ok(elapsed >= 150 && elapsed < 2500, `chain took ${elapsed} ms`);
    assert.ok(cSeen!.remaining <= 200, `C was given ${cSeen!.remaining} ms, more than the edge's budget`);
    const reason = await Promise.race([cSeen!.aborted, new Promise((r) => setTimeout(() => r("not fired"), 2000))]);
    assert.notEqual(reason, "not fired", "C's ctx.signal must fire");
    // The middle hops failed by the inherited deadline too, not by some other error.
    for (const hop of ["A", "B"]) {
      const e = errorsSeen[hop];
      assert.ok(e === undefined || e.code === Status.DEADLINE_EXCEEDED || e.code === Status.CANCELLED, `${hop} saw ${e?.message}`);
    }
  });

  it("lets a call opt out of the inherited deadline with inheritContext: false", async () => {
    const a = createClient(A, channel);
    await assert.rejects(a.call("optout", { timeout: 200 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
    // A → B did not inherit the 200 ms; it used its own 1.2 s, which B passed on to C.
    assert.ok(cSeen!.remaining > 800, `C was given ${cSeen!.remaining} ms`);
    // Let C's call end on its own deadline rather than leave it behind.
    await Promise.race([cSeen!.aborted, new Promise((r) => setTimeout(r, 3000))]);
  });
});

describe("inheriting the call context (unit)", () => {
  it("fails at once when the inbound call was already cancelled", async () => {
    const channel = createChannel("127.0.0.1:1");
    try {
      const c = createClient(C, channel);
      const ac = new AbortController();
      ac.abort(new RpcError(Status.CANCELLED, "inbound call cancelled"));
      await runWithCallContext({ signal: ac.signal }, async () => {
        await assert.rejects(c.call("x"), (e: unknown) => e instanceof RpcError && e.code === Status.CANCELLED && /inbound/.test(e.message));
      });
    } finally {
      channel.close();
    }
  });

  it("fails at once with DEADLINE_EXCEEDED when the inherited deadline has passed", async () => {
    const channel = createChannel("127.0.0.1:1");
    try {
      const c = createClient(C, channel);
      await runWithCallContext({ signal: new AbortController().signal, deadline: Date.now() - 5 }, async () => {
        await assert.rejects(c.call("x", { timeout: 10_000 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
      });
    } finally {
      channel.close();
    }
  });
});
