// Medians and the formatting of the result tables.

/** The median of `values` (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `12,345` for rates, `1.23` for small numbers. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "n/a";
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toFixed(n >= 10 ? 1 : 2);
}

/** `0.85x`. */
export function formatRatio(n: number): string {
  return Number.isFinite(n) ? `${n.toFixed(2)}x` : "n/a";
}

/** A markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const align = header.map((_, i) => (rows.every((r) => /^[-\d.,x%n/a ]+(MB|ms)?$/.test(r[i] ?? "")) ? "---:" : "---"));
  return [`| ${header.join(" | ")} |`, `|${align.join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}
