/**
 * Source-info bookkeeping for the parser, as protoc's Parser::LocationRecorder does it: a location is
 * recorded (and appended to the output) when a construct starts, and its span is closed when the construct
 * ends, so the locations come out in protoc's order. "Legacy" positions go to the {@link SourceLocationTable}
 * for the linker's error messages.
 */
import type { SourceCodeInfo_Location } from "../protobuf/index.js";
import type { ErrorLocation, SourceLocationTable } from "./source-location-table.js";
import type { Tokenizer } from "./tokenizer.js";

/** What a recorder reads and writes: the parse in progress (a `ParseContext`). */
export interface RecorderHost {
  readonly input: Tokenizer;
  /** Where new child locations go (swapped while an extension range's options are parsed). */
  locations: SourceCodeInfo_Location[];
  readonly table: SourceLocationTable;
}

/** One `SourceCodeInfo.Location` under construction; its span starts at the current token. */
export class LocationRecorder {
  readonly loc: SourceCodeInfo_Location;

  constructor(
    private readonly host: RecorderHost,
    path: number[],
    sink: SourceCodeInfo_Location[],
  ) {
    const t = host.input.current;
    this.loc = { path, span: [t.line, t.column], leadingDetachedComments: [] };
    sink.push(this.loc);
  }

  /** A location for a part of this element: this path plus `more`, starting at the current token. */
  child(...more: number[]): LocationRecorder {
    return new LocationRecorder(this.host, [...this.loc.path, ...more], this.host.locations);
  }

  addPath(n: number): void {
    this.loc.path.push(n);
  }

  startAt(t: { line: number; column: number }): void {
    this.loc.span[0] = t.line;
    this.loc.span[1] = t.column;
  }

  startAtLocation(other: LocationRecorder): void {
    this.loc.span[0] = other.loc.span[0]!;
    this.loc.span[1] = other.loc.span[1]!;
  }

  endAt(t: { line: number; endColumn: number }): void {
    if (t.line !== this.loc.span[0]) this.loc.span.push(t.line);
    this.loc.span.push(t.endColumn);
  }

  /** Closes the span at the previous token, as protoc's LocationRecorder destructor does. */
  end(): void {
    if (this.loc.span.length <= 2) this.endAt(this.host.input.previous);
  }

  /** Records this location's start as where the linker reports errors about `kind` of `element`. */
  legacy(element: object, kind: ErrorLocation): void {
    this.host.table.add(element, kind, this.loc.span[0]!, this.loc.span[1]!);
  }

  /** Records this location's start as the position of the import of `name` (or of the `weak` keyword). */
  legacyImport(element: object, name: string): void {
    this.host.table.add(element, "import:" + name, this.loc.span[0]!, this.loc.span[1]!);
  }

  pathSize(): number {
    return this.loc.path.length;
  }

  attachComments(leading: string | undefined, trailing: string | undefined, detached: string[]): void {
    if (leading !== undefined && leading !== "") this.loc.leadingComments = leading;
    if (trailing !== undefined && trailing !== "") this.loc.trailingComments = trailing;
    for (const d of detached) this.loc.leadingDetachedComments.push(d);
  }
}
