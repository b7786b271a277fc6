import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ROOT_CONTEXT, createTraceState, trace } from "@opentelemetry/api";
import { Metadata } from "../grpc/index.js";
import { metadataGetter, metadataSetter } from "./metadata-carrier.js";
import { createW3CTraceContextPropagator, parseTraceparent } from "./w3c-trace-context.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";

describe("parseTraceparent", () => {
  const cases: { value: string; want: { traceId: string; spanId: string; traceFlags: number } | undefined }[] = [
    { value: `00-${TRACE}-${SPAN}-01`, want: { traceId: TRACE, spanId: SPAN, traceFlags: 1 } },
    { value: `00-${TRACE}-${SPAN}-00`, want: { traceId: TRACE, spanId: SPAN, traceFlags: 0 } },
    // Unknown flag bits are dropped, only "sampled" is kept.
    { value: `00-${TRACE}-${SPAN}-03`, want: { traceId: TRACE, spanId: SPAN, traceFlags: 1 } },
    // A later version may append fields; version 00 may not.
    { value: `01-${TRACE}-${SPAN}-01-extra`, want: { traceId: TRACE, spanId: SPAN, traceFlags: 1 } },
    { value: `00-${TRACE}-${SPAN}-01-extra`, want: undefined },
    { value: `ff-${TRACE}-${SPAN}-01`, want: undefined },
    { value: `00-${"0".repeat(32)}-${SPAN}-01`, want: undefined },
    { value: `00-${TRACE}-${"0".repeat(16)}-01`, want: undefined },
    { value: `00-${TRACE.toUpperCase()}-${SPAN}-01`, want: undefined },
    { value: `00-${TRACE.slice(1)}-${SPAN}-01`, want: undefined },
    { value: `00-${TRACE}-${SPAN}-1`, want: undefined },
    { value: `00_${TRACE}_${SPAN}_01`, want: undefined },
    { value: "", want: undefined },
    { value: "garbage", want: undefined },
  ];
  for (const c of cases) {
    it(`${c.want ? "accepts" : "rejects"} ${JSON.stringify(c.value)}`, () => {
      assert.deepEqual(parseTraceparent(c.value), c.want);
    });
  }
});

describe("W3C trace context propagator over metadata", () => {
  const propagator = createW3CTraceContextPropagator();

  it("writes traceparent and tracestate for the context's span and reads them back as a remote parent", () => {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: SPAN, traceFlags: 1, traceState: createTraceState("a=1,b=2") });
    const md = new Metadata();
    propagator.inject(ctx, md, metadataSetter);
    assert.equal(md.get("traceparent"), `00-${TRACE}-${SPAN}-01`);
    assert.equal(md.get("tracestate"), "a=1,b=2");
    const back = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, md, metadataGetter));
    assert.equal(back?.traceId, TRACE);
    assert.equal(back?.spanId, SPAN);
    assert.equal(back?.isRemote, true);
    assert.equal(back?.traceState?.get("b"), "2");
  });

  it("writes nothing without a valid span", () => {
    const md = new Metadata();
    propagator.inject(ROOT_CONTEXT, md, metadataSetter);
    assert.deepEqual([...md.keys()], []);
  });

  it("ignores several traceparent values and joins several tracestate values", () => {
    const twoParents = new Metadata({ traceparent: [`00-${TRACE}-${SPAN}-01`, `00-${TRACE}-${SPAN}-00`] });
    assert.equal(trace.getSpanContext(propagator.extract(ROOT_CONTEXT, twoParents, metadataGetter)), undefined);
    const twoStates = new Metadata({ traceparent: `00-${TRACE}-${SPAN}-01`, tracestate: ["a=1", "b=2"] });
    const state = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, twoStates, metadataGetter))?.traceState;
    assert.equal(state?.get("a"), "1");
    assert.equal(state?.get("b"), "2");
  });

  it("keeps the given context when the metadata carries no trace context", () => {
    assert.equal(propagator.extract(ROOT_CONTEXT, new Metadata({ "x-other": "1" }), metadataGetter), ROOT_CONTEXT);
  });

  it("drops a field that metadata refuses instead of failing the call", () => {
    const md = new Metadata();
    metadataSetter.set(md, "baggage", "caf\u00e9=1");
    metadataSetter.set(md, "Bad Key", "1");
    assert.deepEqual([...md.keys()], []);
  });

  it("names its fields", () => {
    assert.deepEqual(propagator.fields(), ["traceparent", "tracestate"]);
  });
});
