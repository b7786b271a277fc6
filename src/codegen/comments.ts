/**
 * TSDoc from `.proto` comments: the source code info locations of a file, looked up by descriptor path
 * (descriptor.proto `SourceCodeInfo.Location.path`), turned into `/** … *\/` blocks.
 */
import type { DescFile } from "../protobuf/index.js";

/** Looks up comments by descriptor path, e.g. `[4, 0, 2, 1]` for field 1 of the first message. */
export interface CommentIndex {
  /** The TSDoc lines (without the comment markers) for a declaration, plus `@deprecated` when asked. */
  doc(path: readonly number[], extra?: readonly string[]): string[];
}

/** Indexes the comments of a file (empty if it was compiled without source info). */
export function indexComments(file: DescFile): CommentIndex {
  const byPath = new Map<string, { leading?: string; trailing?: string }>();
  for (const loc of file.proto.sourceCodeInfo?.location ?? []) {
    const key = loc.path.join(",");
    if (!byPath.has(key) && (loc.leadingComments !== undefined || loc.trailingComments !== undefined)) {
      byPath.set(key, {
        ...(loc.leadingComments !== undefined && { leading: loc.leadingComments }),
        ...(loc.trailingComments !== undefined && { trailing: loc.trailingComments }),
      });
    }
  }
  return {
    doc(path, extra = []) {
      const loc = byPath.get(path.join(","));
      const text = (loc?.leading ?? loc?.trailing ?? "").replace(/\s+$/, "");
      const lines = text === "" ? [] : text.split("\n").map((l) => (l.startsWith(" ") ? l.slice(1) : l).replace(/\s+$/, ""));
      if (lines.length > 0 && extra.length > 0) lines.push("");
      return [...lines, ...extra];
    },
  };
}

/** Renders TSDoc lines as a comment block at `indent`, or nothing when there are none. */
export function tsdoc(lines: readonly string[], indent = ""): string[] {
  if (lines.length === 0) return [];
  const safe = lines.map((l) => l.replace(/\*\//g, "*\\/"));
  if (safe.length === 1) return [`${indent}/** ${safe[0]} */`];
  return [`${indent}/**`, ...safe.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`];
}
