/**
 * protoc's "Suggested field numbers for M: …" error: every bad field number or range in a message leaves a
 * hint, and once the file is cross-linked each hinted message gets one error naming up to three free
 * numbers, at the first offending element.
 */
import type { LinkContext } from "./link-context.js";
import { FIRST_RESERVED_FIELD_NUMBER, LAST_RESERVED_FIELD_NUMBER, MAX_FIELD_NUMBER, type MessageNode } from "./nodes.js";
import type { ErrorLocation } from "./source-location-table.js";

/** What a message's hints add up to. */
export interface FieldNumberHint {
  /** How many numbers to suggest (capped at three when reported). */
  fieldsToSuggest: number;
  /** The element the error is reported at, and which part of it. */
  firstReason: object | undefined;
  firstReasonLocation: ErrorLocation;
}

/** Records that `reason` in `message` needs `end - start` new numbers (one by default). */
export function hint(
  ctx: LinkContext,
  message: MessageNode | undefined,
  reason: object,
  where: ErrorLocation,
  start = 0,
  end = 1,
): void {
  if (message === undefined) return;
  let h = ctx.hints.get(message);
  if (!h) ctx.hints.set(message, (h = { fieldsToSuggest: 0, firstReason: undefined, firstReasonLocation: where }));
  const fit = (v: number): number => Math.min(Math.max(v, 0), MAX_FIELD_NUMBER);
  h.fieldsToSuggest = fit(h.fieldsToSuggest + fit(fit(end) - fit(start)));
  if (h.firstReason) return;
  h.firstReason = reason;
  h.firstReasonLocation = where;
}

/** Reports the suggestions for the file's top-level messages (protoc's SuggestFieldNumbers). */
export function suggestFieldNumbers(ctx: LinkContext): void {
  for (const message of ctx.file.messages) {
    const h = ctx.hints.get(message);
    if (!h) continue;
    let toSuggest = Math.min(3, h.fieldsToSuggest);
    if (toSuggest <= 0) continue;
    const used: [number, number][] = [];
    const addOrdinal = (n: number): void => {
      if (n <= 0 || n > MAX_FIELD_NUMBER) return;
      const last = used[used.length - 1];
      if (last !== undefined && n === last[1]) last[1] = n + 1;
      else used.push([n, n + 1]);
    };
    const addRange = (from: number, to: number): void => {
      from = Math.max(0, Math.min(MAX_FIELD_NUMBER + 1, from));
      to = Math.max(0, Math.min(MAX_FIELD_NUMBER + 1, to));
      if (from >= to) return;
      used.push([from, to]);
    };
    for (const f of message.fields) addOrdinal(f.number);
    for (const f of message.extensions) addOrdinal(f.number);
    for (const r of message.proto.reservedRange) addRange(r.start!, r.end!);
    for (const r of message.proto.extensionRange) addRange(r.start!, r.end!);
    used.push([MAX_FIELD_NUMBER, MAX_FIELD_NUMBER + 1]);
    used.push([FIRST_RESERVED_FIELD_NUMBER, LAST_RESERVED_FIELD_NUMBER]);
    used.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 1;
    const ids: number[] = [];
    for (const [from, to] of used) {
      while (current < from && toSuggest > 0) {
        ids.push(current++);
        toSuggest--;
      }
      if (toSuggest === 0) break;
      current = Math.max(current, to);
    }
    if (h.firstReason) {
      ctx.addError(h.firstReason, h.firstReasonLocation, `Suggested field numbers for ${message.fullName}: ${ids.join(", ")}`);
    }
  }
}
