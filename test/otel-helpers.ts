// Shared fixtures of the otel tests: the SDK's in-memory exporters behind real providers, and waiting for
// spans that end a moment after the call returns (a server span ends as its stream finishes).
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type Histogram } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** Tracing and metrics to in-memory exporters, with an AsyncLocalStorage context manager installed. */
export function createTelemetry() {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports only when flushed: the interval is far longer than any test.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    spanExporter,
    /** Spans ended so far, once `count` of them have ended (waits up to 2 s). */
    async spans(count: number): Promise<ReadableSpan[]> {
      for (let i = 0; i < 200 && spanExporter.getFinishedSpans().length < count; i++) await new Promise((r) => setTimeout(r, 10));
      return spanExporter.getFinishedSpans();
    },
    /** The histogram points of metric `name`, after a flush. */
    async histogram(name: string): Promise<{ unit: string; points: { attributes: Record<string, unknown>; value: Histogram }[] }> {
      metricExporter.reset();
      await reader.forceFlush();
      for (const rm of metricExporter.getMetrics()) {
        for (const sm of rm.scopeMetrics) {
          for (const m of sm.metrics) {
            if (m.descriptor.name === name) {
              return {
                unit: m.descriptor.unit,
                points: m.dataPoints.map((p) => ({ attributes: p.attributes as Record<string, unknown>, value: p.value as Histogram })),
              };
            }
          }
        }
      }
      throw new Error(`no metric ${name}`);
    },
    async close(): Promise<void> {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      context.disable();
      contextManager.disable();
    },
  };
}

/** The one span named `name` of `kind`; fails when there is not exactly one. */
export function spanNamed(spans: ReadableSpan[], name: string, kind: number): ReadableSpan {
  const found = spans.filter((s) => s.name === name && s.kind === kind);
  if (found.length !== 1) throw new Error(`want one span ${name} of kind ${kind}, got ${found.length} of ${spans.map((s) => s.name).join(", ")}`);
  return found[0]!;
}

/** A span's message events as `TYPE:id` strings, in order. */
export function messageEvents(span: ReadableSpan): string[] {
  return span.events.filter((e) => e.name === "message").map((e) => `${String(e.attributes?.["message.type"])}:${String(e.attributes?.["message.id"])}`);
}
