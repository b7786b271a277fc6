// Trace context travels in gRPC metadata (W3C Trace Context: `traceparent`, `tracestate`), so the
// propagator needs a getter and a setter over Spindle's Metadata.
import type { TextMapGetter, TextMapSetter } from "@opentelemetry/api";
import type { Metadata } from "../grpc/index.js";

/** Reads propagation fields from request metadata; binary (`-bin`) values are never trace context. */
export const metadataGetter: TextMapGetter<Metadata> = {
  keys(carrier) {
    return [...carrier.keys()];
  },
  get(carrier, key) {
    const values = carrier.getAll(key).filter((v): v is string => typeof v === "string");
    if (values.length === 0) return undefined;
    return values.length === 1 ? values[0] : values;
  },
};

/** Writes propagation fields into request metadata. */
export const metadataSetter: TextMapSetter<Metadata> = {
  set(carrier, key, value) {
    // A propagator could produce a value metadata refuses (non-ASCII baggage, say): tracing must never fail
    // the call, so such a field is dropped rather than thrown.
    try {
      carrier.set(key, value);
    } catch {
      /* dropped: see above */
    }
  },
};
