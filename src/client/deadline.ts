// A call's deadline: the earliest of its `timeout`, its `deadline` and the inherited one (DESIGN.md
// "Deadlines propagate by themselves").
import type { CallOptions } from "./call-options.js";

/**
 * The earliest of the call's own deadline and the inherited one, in epoch ms; `undefined` for none.
 * Throws an `Error` for a timeout that is not a number ≥ 0 or a deadline that is not a valid date.
 */
export function effectiveDeadline(options: CallOptions, inherited: number | undefined): number | undefined {
  let deadline = inherited;
  if (options.timeout !== undefined) {
    if (!(options.timeout >= 0)) throw new Error(`call timeout must be a number of milliseconds ≥ 0, got ${options.timeout}`);
    // Infinity means "no timeout".
    if (options.timeout !== Infinity) {
      const d = Date.now() + options.timeout;
      if (deadline === undefined || d < deadline) deadline = d;
    }
  }
  if (options.deadline !== undefined) {
    const d = typeof options.deadline === "number" ? options.deadline : options.deadline.getTime();
    if (Number.isNaN(d)) throw new Error(`call deadline is not a valid date: ${String(options.deadline)}`);
    if (d !== Infinity && (deadline === undefined || d < deadline)) deadline = d;
  }
  return deadline;
}
