// W3C Trace Context (https://www.w3.org/TR/trace-context/) over gRPC metadata: `traceparent` and
// `tracestate`. The SDK's W3CTraceContextPropagator (@opentelemetry/core) does the same; this one lets
// Spindle apps propagate without it, and reads hostile input as the spec's §3.2 and §4.2 require.
import {
  TraceFlags,
  createTraceState,
  isSpanContextValid,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from "@opentelemetry/api";

/** The metadata key of the parent span (W3C Trace Context §3.2). */
export const TRACEPARENT = "traceparent";
/** The metadata key of vendor trace state (W3C Trace Context §3.3). */
export const TRACESTATE = "tracestate";

// version-traceid-parentid-flags, lowercase hex. Versions above 00 may append fields after a dash (§3.2.4).
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * Parses a `traceparent` value into its parts; `undefined` for anything malformed: a wrong length or
 * character, version `ff`, extra fields on version `00`, or the all-zero trace or span id.
 */
export function parseTraceparent(value: string): { traceId: string; spanId: string; traceFlags: number } | undefined {
  const m = traceparentPattern.exec(value.trim());
  if (!m) return undefined;
  const [, version, traceId, spanId, flags, rest] = m;
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  const parsed = { traceId: traceId!, spanId: spanId!, traceFlags: parseInt(flags!, 16) & TraceFlags.SAMPLED };
  return isSpanContextValid(parsed) ? parsed : undefined;
}

/**
 * A propagator of W3C Trace Context: writes `traceparent` (and `tracestate` when there is one) for the
 * active span, and reads them back into a remote span context. Pass it as `propagator` to the interceptors,
 * or register it globally with `propagation.setGlobalPropagator`.
 */
export function createW3CTraceContextPropagator(): TextMapPropagator {
  return {
    inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
      const span = trace.getSpanContext(context);
      if (!span || !isSpanContextValid(span)) return;
      const flags = (span.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, "0");
      setter.set(carrier, TRACEPARENT, `00-${span.traceId}-${span.spanId}-${flags}`);
      const state = span.traceState?.serialize();
      if (state) setter.set(carrier, TRACESTATE, state);
    },
    extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
      const raw = getter.get(carrier, TRACEPARENT);
      // Several traceparent values are ambiguous: the spec says to ignore them all (§3.2).
      const value = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
      if (value === undefined) return context;
      const parsed = parseTraceparent(value);
      if (!parsed) return context;
      const rawState = getter.get(carrier, TRACESTATE);
      // Several tracestate headers are one list, joined with commas (§3.3.1.1).
      const state = Array.isArray(rawState) ? rawState.join(",") : rawState;
      return trace.setSpanContext(context, {
        ...parsed,
        isRemote: true,
        ...(state ? { traceState: createTraceState(state) } : {}),
      });
    },
    fields(): string[] {
      return [TRACEPARENT, TRACESTATE];
    },
  };
}
