// The current server call, carried through async work so that outgoing calls made while handling a call
// inherit its deadline and cancellation (DESIGN.md "Deadlines propagate by themselves").
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What an outgoing call needs to know about the server call it is made from.
 *
 * The server fills it; the client reads it (`currentCallContext()`) to shorten its own deadline to the
 * smaller of the two and to abort when the inbound call is cancelled.
 */
export interface CallContext {
  /** Absolute deadline of the inbound call, in epoch milliseconds; absent when the caller set none. */
  readonly deadline?: number;
  /**
   * Fires when the inbound call ends for any reason: client cancel, deadline, server shutdown or completion.
   * The server may create it lazily, so read it only when it is needed.
   */
  readonly signal: AbortSignal;
}

const storage = new AsyncLocalStorage<CallContext>();

/**
 * Whether servers should run handlers inside a call context. Off until a Spindle client is loaded: on Node 20
 * an active AsyncLocalStorage hooks every promise the process creates, which costs about a quarter of a
 * unary call's CPU on the server (measured with h2load; bench numbers in the server's report). A process
 * that never makes outgoing calls cannot use the context, so it should not pay for it.
 */
let isEnabled = false;

/**
 * Turns call-context propagation on for this process: from now on servers run each handler inside
 * {@link runWithCallContext}. The Spindle client calls it when its module loads, so any program that can
 * make outgoing calls gets deadline and cancellation propagation. Idempotent.
 */
export function enableCallContext(): void {
  isEnabled = true;
}

/** Whether {@link enableCallContext} was called (servers check it per call). */
export function isCallContextEnabled(): boolean {
  return isEnabled;
}

/**
 * Runs `fn` with `ctx` as the current call context; everything `fn` starts (promises, timers, generators
 * resumed from inside it) sees the same context.
 *
 * @example
 * ```ts
 * runWithCallContext({ deadline: Date.now() + 200, signal }, () => handler(req, ctx));
 * ```
 */
export function runWithCallContext<T>(ctx: CallContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/**
 * The context of the server call currently being handled, or `undefined` outside any handler.
 *
 * @example
 * ```ts
 * const inbound = currentCallContext();
 * const deadline = Math.min(ownDeadline, inbound?.deadline ?? Infinity);
 * ```
 */
export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}
