import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applyInterceptors, type ClientInterceptor, type ClientNext, type ServerInterceptor, type ServerNext } from "./interceptor.js";
import { Metadata } from "./metadata.js";
import type { AnyMethodDefinition } from "./method.js";
import type { HandlerContext } from "./handler-context.js";

const method = { path: "/a.B/C", name: "C", localName: "c", kind: "unary" } as AnyMethodDefinition;

describe("applyInterceptors", () => {
  it("runs the first interceptor outermost", async () => {
    const log: string[] = [];
    const tag = (name: string): ClientInterceptor => (next) => async (req) => {
      log.push(`${name} in`);
      req.metadata.append("order", name);
      const res = await next(req);
      log.push(`${name} out`);
      return res;
    };
    const final: ClientNext = async (req) => {
      log.push(`call ${req.metadata.getAll("order").join(",")}`);
      return { stream: false, headers: new Metadata(), message: { ok: true }, trailers: new Metadata() };
    };
    const call = applyInterceptors(final, [tag("a"), tag("b")]);
    const res = await call({ stream: false, method, metadata: new Metadata(), signal: undefined, deadline: undefined, message: {} });
    assert.equal(res.stream, false);
    assert.deepEqual(log, ["a in", "b in", "call a,b", "b out", "a out"]);
  });

  it("returns next itself without interceptors", () => {
    const final: ServerNext = async () => ({ stream: false, message: {} });
    assert.equal(applyInterceptors(final, []), final);
  });

  it("lets a server interceptor replace the response", async () => {
    const handler: ServerNext = async () => ({ stream: false, message: { n: 1 } });
    const double: ServerInterceptor = (next) => async (req, ctx) => {
      const res = await next(req, ctx);
      return res.stream ? res : { stream: false, message: { n: (res.message as { n: number }).n * 2 } };
    };
    const res = await applyInterceptors(handler, [double, double])({ stream: false, method, message: {} }, {} as HandlerContext);
    assert.deepEqual(res, { stream: false, message: { n: 4 } });
  });
});
