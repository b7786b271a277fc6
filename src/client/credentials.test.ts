import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Metadata } from "../grpc/index.js";
import { bearerToken, combineCallCredentials } from "./credentials.js";

const context = { serviceUrl: "https://api.example.com/shop.v1.Catalog", method: "/shop.v1.Catalog/GetProduct" };

describe("call credentials", () => {
  it("bearerToken sends a fixed token, or asks a function for a fresh one on every call", async () => {
    assert.deepEqual(await bearerToken("abc")(context), { authorization: "Bearer abc" });
    let n = 0;
    const fresh = bearerToken(async () => `t${++n}`);
    assert.deepEqual(await fresh(context), { authorization: "Bearer t1" });
    assert.deepEqual(await fresh(context), { authorization: "Bearer t2" });
  });

  it("combineCallCredentials appends every source's metadata in order and passes the context on", async () => {
    const seen: string[] = [];
    const combined = combineCallCredentials(
      bearerToken("abc"),
      (ctx) => {
        seen.push(ctx.method);
        return new Metadata({ "x-tenant": "t1", "x-multi": ["a"] });
      },
      async () => ({ "x-multi": "b" }),
    );
    const md = Metadata.from(await combined(context));
    assert.equal(md.get("authorization"), "Bearer abc");
    assert.equal(md.get("x-tenant"), "t1");
    assert.deepEqual(md.getAll("x-multi"), ["a", "b"]);
    assert.deepEqual(seen, ["/shop.v1.Catalog/GetProduct"]);
  });

  it("fails the combination when one source fails", async () => {
    const combined = combineCallCredentials(bearerToken("abc"), () => {
      throw new Error("no token");
    });
    await assert.rejects(async () => combined(context), /no token/);
  });
});
