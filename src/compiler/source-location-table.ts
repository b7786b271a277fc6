/**
 * Where the parser saw each descriptor element's parts, so that the linker can report its errors at the
 * positions protoc reports them (protoc's SourceLocationTable, filled by the parser's "legacy" locations).
 */

/** Which part of an element an error points at (protoc's DescriptorPool::ErrorCollector::ErrorLocation). */
export const enum ErrorLocation {
  Name = 0,
  Number = 1,
  Type = 2,
  Extendee = 3,
  DefaultValue = 4,
  InputType = 5,
  OutputType = 6,
  OptionName = 7,
  OptionValue = 8,
  Import = 9,
  Other = 10,
}

/**
 * Positions (0-based line, column) of descriptor elements. Keys are an {@link ErrorLocation}, or a string
 * for the parts protoc looks up by name: `import:<file>` for an import statement.
 */
export class SourceLocationTable {
  private readonly map = new Map<object, Map<number | string, [number, number]>>();

  /** Records where `kind` of `element` starts. */
  add(element: object, kind: ErrorLocation | string, line: number, column: number): void {
    let m = this.map.get(element);
    if (!m) this.map.set(element, (m = new Map()));
    m.set(kind, [line, column]);
  }

  /** The position of an element part, or undefined (protoc then prints the error without a position). */
  find(element: object, kind: ErrorLocation | string): [number, number] | undefined {
    return this.map.get(element)?.get(kind);
  }
}
