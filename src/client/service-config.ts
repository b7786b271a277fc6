// Service config (grpc/grpc doc/service_config.md): per-method defaults — timeout, waitForReady, message
// size limits — and retry policies with throttling (gRFC A6, "gRPC Retry Design").
import { Status } from "../grpc/index.js";

/** A retry policy, in the service config's JSON form (gRFC A6). */
export interface RetryPolicyConfig {
  /** Attempts including the first, ≥ 2; values above 5 are treated as 5. */
  maxAttempts: number;
  /** A protobuf Duration string such as `"0.1s"`: the first backoff's upper bound. */
  initialBackoff: string;
  /** A Duration string: the largest backoff upper bound. */
  maxBackoff: string;
  /** Growth of the backoff bound per attempt, > 0. */
  backoffMultiplier: number;
  /** Status codes that allow a retry, by name (`"UNAVAILABLE"`) or number. */
  retryableStatusCodes: (string | number)[];
}

/** One `methodConfig` entry. */
export interface MethodConfig {
  /** Which methods it applies to: `{ service, method }`, `{ service }` for a whole service, `{}` for all. */
  name: { service?: string; method?: string }[];
  /** Default for the call's `waitForReady` when the call does not set it. */
  waitForReady?: boolean;
  /** A Duration string (`"1.5s"`): a deadline for calls that set none shorter. */
  timeout?: string;
  /** Lower limit on request message size than the channel's. */
  maxRequestMessageBytes?: number;
  /** Lower limit on response message size than the channel's. */
  maxResponseMessageBytes?: number;
  retryPolicy?: RetryPolicyConfig;
}

/** A service config: what `ChannelOptions.serviceConfig` takes (an object or its JSON text). */
export interface ServiceConfig {
  methodConfig?: MethodConfig[];
  /** Stops retrying when too many calls fail (gRFC A6 "Throttling Retry Attempts and Hedged RPCs"). */
  retryThrottling?: { maxTokens: number; tokenRatio: number };
}

/** A validated retry policy, in milliseconds. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly backoffMultiplier: number;
  readonly retryableStatusCodes: ReadonlySet<Status>;
}

/** The settings that apply to one method. */
export interface ResolvedMethodConfig {
  readonly waitForReady?: boolean;
  readonly timeoutMs?: number;
  readonly maxRequestMessageBytes?: number;
  readonly maxResponseMessageBytes?: number;
  readonly retryPolicy?: RetryPolicy;
}

/** A validated service config with per-method lookup. */
export interface ResolvedServiceConfig {
  /** The settings for `path` (`/pkg.Service/Method`): the exact method's, else its service's, else the default. */
  forMethod(path: string): ResolvedMethodConfig | undefined;
  readonly retryThrottling?: { readonly maxTokens: number; readonly tokenRatio: number };
}

const MAX_ATTEMPTS_CAP = 5;

/**
 * Validates a service config (object or JSON text).
 *
 * @throws Error naming the offending field for malformed JSON, a bad Duration, `maxAttempts` < 2, a
 *   non-positive backoff or multiplier, an unknown status code name, or two entries naming the same method.
 */
export function parseServiceConfig(input: ServiceConfig | string): ResolvedServiceConfig {
  let config: ServiceConfig;
  if (typeof input === "string") {
    try {
      config = JSON.parse(input) as ServiceConfig;
    } catch (e) {
      throw new Error(`service config is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else config = input;
  if (typeof config !== "object" || config === null) throw new Error("service config must be an object");
  const byMethod = new Map<string, ResolvedMethodConfig>();
  const byService = new Map<string, ResolvedMethodConfig>();
  let fallback: ResolvedMethodConfig | undefined;
  (config.methodConfig ?? []).forEach((mc, i) => {
    const where = `methodConfig[${i}]`;
    const resolved = resolveMethodConfig(mc, where);
    if (!Array.isArray(mc.name)) throw new Error(`${where}.name must be a list`);
    for (const name of mc.name) {
      if (name.method !== undefined && name.service === undefined) throw new Error(`${where}.name: a method needs its service`);
      if (name.service === undefined || name.service === "") {
        if (fallback) throw new Error(`${where}.name: a second default entry`);
        fallback = resolved;
      } else if (name.method === undefined || name.method === "") {
        if (byService.has(name.service)) throw new Error(`${where}.name: service ${name.service} appears twice`);
        byService.set(name.service, resolved);
      } else {
        const key = `/${name.service}/${name.method}`;
        if (byMethod.has(key)) throw new Error(`${where}.name: method ${key} appears twice`);
        byMethod.set(key, resolved);
      }
    }
  });
  const throttling = config.retryThrottling;
  if (throttling !== undefined) {
    if (!(throttling.maxTokens > 0 && throttling.maxTokens <= 1000)) throw new Error("retryThrottling.maxTokens must be in (0, 1000]");
    if (!(throttling.tokenRatio > 0)) throw new Error("retryThrottling.tokenRatio must be positive");
  }
  return {
    forMethod(path) {
      const exact = byMethod.get(path);
      if (exact) return exact;
      const slash = path.lastIndexOf("/");
      return byService.get(path.slice(1, slash)) ?? fallback;
    },
    retryThrottling: throttling,
  };
}

function resolveMethodConfig(mc: MethodConfig, where: string): ResolvedMethodConfig {
  const out: { -readonly [K in keyof ResolvedMethodConfig]: ResolvedMethodConfig[K] } = {};
  if (mc.waitForReady !== undefined) out.waitForReady = mc.waitForReady === true;
  if (mc.timeout !== undefined) out.timeoutMs = parseDuration(mc.timeout, `${where}.timeout`);
  if (mc.maxRequestMessageBytes !== undefined) out.maxRequestMessageBytes = positiveInt(mc.maxRequestMessageBytes, `${where}.maxRequestMessageBytes`);
  if (mc.maxResponseMessageBytes !== undefined) out.maxResponseMessageBytes = positiveInt(mc.maxResponseMessageBytes, `${where}.maxResponseMessageBytes`);
  if (mc.retryPolicy !== undefined) out.retryPolicy = resolveRetryPolicy(mc.retryPolicy, `${where}.retryPolicy`);
  return out;
}

function resolveRetryPolicy(p: RetryPolicyConfig, where: string): RetryPolicy {
  if (!(Number.isInteger(p.maxAttempts) && p.maxAttempts >= 2)) throw new Error(`${where}.maxAttempts must be an integer ≥ 2, got ${p.maxAttempts}`);
  const initialBackoffMs = parseDuration(p.initialBackoff, `${where}.initialBackoff`);
  const maxBackoffMs = parseDuration(p.maxBackoff, `${where}.maxBackoff`);
  if (!(initialBackoffMs > 0)) throw new Error(`${where}.initialBackoff must be positive`);
  if (!(maxBackoffMs > 0)) throw new Error(`${where}.maxBackoff must be positive`);
  if (!(p.backoffMultiplier > 0)) throw new Error(`${where}.backoffMultiplier must be positive, got ${p.backoffMultiplier}`);
  if (!Array.isArray(p.retryableStatusCodes) || p.retryableStatusCodes.length === 0) throw new Error(`${where}.retryableStatusCodes must list at least one code`);
  const codes = new Set<Status>();
  for (const c of p.retryableStatusCodes) {
    const code = typeof c === "number" ? c : (Status as unknown as Record<string, number>)[String(c).toUpperCase()];
    if (code === undefined || !(code >= 0 && code <= 16)) throw new Error(`${where}.retryableStatusCodes: unknown status code ${JSON.stringify(c)}`);
    codes.add(code as Status);
  }
  return { maxAttempts: Math.min(p.maxAttempts, MAX_ATTEMPTS_CAP), initialBackoffMs, maxBackoffMs, backoffMultiplier: p.backoffMultiplier, retryableStatusCodes: codes };
}

/**
 * Parses a protobuf JSON Duration (`"1.5s"`, `"0.000340012s"`, `"10s"`) into milliseconds.
 * @throws Error naming the field for anything else.
 */
export function parseDuration(text: string, field = "duration"): number {
  const m = typeof text === "string" ? /^(\d{1,12})(?:\.(\d{1,9}))?s$/.exec(text) : null;
  if (!m) throw new Error(`${field} must be a duration such as "1.5s", got ${JSON.stringify(text)}`);
  const fraction = m[2] === undefined ? 0 : Number(`0.${m[2]}`);
  return Number(m[1]) * 1000 + fraction * 1000;
}

function positiveInt(value: number, field: string): number {
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`${field} must be a positive integer, got ${value}`);
  return value;
}

/**
 * The retry token bucket of gRFC A6: every failed attempt costs a token, every success returns
 * `tokenRatio`; retries stop while the bucket holds no more than half its capacity.
 */
export class RetryThrottle {
  private tokens: number;
  private readonly maxTokens: number;
  private readonly tokenRatio: number;

  constructor(maxTokens: number, tokenRatio: number) {
    this.maxTokens = maxTokens;
    this.tokens = maxTokens;
    this.tokenRatio = tokenRatio;
  }

  /** Records a failed attempt (a retryable status); returns whether a retry is still allowed. */
  onFailure(): boolean {
    this.tokens = Math.max(0, this.tokens - 1);
    return this.tokens > this.maxTokens / 2;
  }

  /** Records a success. */
  onSuccess(): void {
    this.tokens = Math.min(this.maxTokens, this.tokens + this.tokenRatio);
  }
}
