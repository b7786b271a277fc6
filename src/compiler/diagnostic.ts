/**
 * A compiler error: file, optional 0-based position and message. `formatDiagnostic` prints it as protoc does
 * (`file:line:col: message` with 1-based line and column, or `file: message` without a position).
 */
export interface Diagnostic {
  /** The file's virtual name; empty for errors about the command line itself (then only the message is printed). */
  file: string;
  /** 0-based line, absent when protoc reports no position for this error. */
  line?: number;
  /** 0-based column (tabs expanded to multiples of 8, bytes counted as protoc does). */
  column?: number;
  message: string;
  /** A warning (printed with `warning: ` and not failing the compile), e.g. an unused import. */
  warning?: boolean;
}

/** Formats a diagnostic as protoc prints it on the command line. */
export function formatDiagnostic(d: Diagnostic): string {
  if (d.file === "") return d.message;
  const message = d.warning ? `warning: ${d.message}` : d.message;
  if (d.line === undefined || d.line < 0) return `${d.file}: ${message}`;
  return `${d.file}:${d.line + 1}:${(d.column ?? 0) + 1}: ${message}`;
}
