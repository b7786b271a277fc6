/**
 * `import public` in generated code: a file that publicly imports another lets its own importers use the
 * other file's types as if it declared them (the language guide's "import public"; protoc's C++ generator
 * includes the header, protoc-gen-es v1 wrote `export *`). The generated module re-exports what the publicly
 * imported modules export, transitively.
 *
 * The re-exports are explicit lists rather than `export *`, for three reasons: the well-known types come from
 * the runtime module (`export *` would re-export the whole runtime), TypeScript rejects two `export *` that
 * bring the same name from different modules (TS2308), and the lists show in review what a module exports.
 * Clashes follow ES module semantics: a name the file declares itself wins over a re-exported one, and a
 * name two publicly imported files declare differently is ambiguous and left out (with a comment saying so).
 */
import type { DescFile } from "../protobuf/index.js";
import type { FileContext } from "./file-context.js";
import { declarationName, fileHandleName } from "./names.js";

/** One exported name: whether it is only a type (a message interface under `types_only`), and where it is declared. */
interface ExportedName {
  readonly typeOnly: boolean;
  /** The `.proto` file declaring it (two paths to the same declaration are not a clash). */
  readonly origin: string;
}

/** The files `file` imports with `import public`, in declaration order. */
export function publicDependencies(file: DescFile): DescFile[] {
  return file.proto.publicDependency.map((i) => {
    const dep = file.dependencies[i];
    if (dep === undefined) throw new Error(`${file.name}: public dependency index ${i} is out of range`);
    return dep;
  });
}

/** The top-level names the generated module of `file` declares itself. */
function ownNames(file: DescFile, typesOnly: boolean): Map<string, ExportedName> {
  const out = new Map<string, ExportedName>();
  const add = (name: string, typeOnly: boolean) => out.set(name, { typeOnly, origin: file.name });
  const visit = (m: DescFile["messages"][number]) => {
    if (!m.isMapEntry) add(declarationName(m), typesOnly);
    m.nestedEnums.forEach((e) => add(declarationName(e), false));
    if (!typesOnly) m.nestedExtensions.forEach((x) => add(declarationName(x), false));
    m.nestedMessages.forEach(visit);
  };
  file.enums.forEach((e) => add(declarationName(e), false));
  file.messages.forEach(visit);
  if (!typesOnly) {
    add(fileHandleName(file), false);
    file.services.forEach((s) => add(declarationName(s), false));
    file.extensions.forEach((x) => add(declarationName(x), false));
  }
  return out;
}

/** What one publicly imported module contributes: the names re-exported from it, and those left out. */
interface ReExport {
  readonly from: DescFile;
  readonly names: Map<string, ExportedName>;
}

interface ExportPlan {
  /** Every name the module exports (own and re-exported). */
  readonly all: Map<string, ExportedName>;
  readonly reExports: ReExport[];
  /** Names left out: shadowed by an own declaration, or ambiguous between public imports. */
  readonly shadowed: string[];
  readonly ambiguous: string[];
}

/**
 * Works out what the generated module of `file` exports: its own declarations, plus, for each file it
 * imports publicly, everything that file's module exports, minus clashes.
 */
export function exportPlan(file: DescFile, typesOnly: boolean, seen: ReadonlySet<string> = new Set()): ExportPlan {
  const own = ownNames(file, typesOnly);
  const candidates = new Map<string, { entry: ExportedName; from: DescFile }[]>();
  const path = new Set([...seen, file.name]);
  for (const dep of publicDependencies(file)) {
    // protoc rejects import cycles, so this only guards against hand-made descriptors.
    if (path.has(dep.name)) throw new Error(`${file.name}: import public cycle through ${dep.name}`);
    for (const [name, entry] of exportPlan(dep, typesOnly, path).all) {
      let list = candidates.get(name);
      if (list === undefined) candidates.set(name, (list = []));
      if (!list.some((c) => c.entry.origin === entry.origin)) list.push({ entry, from: dep });
    }
  }
  const all = new Map(own);
  const byModule = new Map<DescFile, Map<string, ExportedName>>();
  const shadowed: string[] = [];
  const ambiguous: string[] = [];
  for (const [name, list] of candidates) {
    if (own.has(name)) {
      shadowed.push(name);
      continue;
    }
    if (list.length > 1) {
      ambiguous.push(name);
      continue;
    }
    const { entry, from } = list[0]!;
    all.set(name, entry);
    let names = byModule.get(from);
    if (names === undefined) byModule.set(from, (names = new Map()));
    names.set(name, entry);
  }
  const reExports = publicDependencies(file)
    .filter((d) => byModule.has(d))
    .map((d) => ({ from: d, names: byModule.get(d)! }));
  return { all, reExports, shadowed: shadowed.sort(), ambiguous: ambiguous.sort() };
}

/** Prints the re-export statements of the file's public imports (nothing when it has none). */
export function emitPublicImports(ctx: FileContext): void {
  const { f, file, options } = ctx;
  if (file.proto.publicDependency.length === 0) return;
  const plan = exportPlan(file, options.typesOnly);
  f.print();
  f.print(`// import public: what the publicly imported files export, this module exports too.`);
  if (plan.shadowed.length > 0) f.print(`// Not re-exported, declared here too: ${plan.shadowed.join(", ")}.`);
  if (plan.ambiguous.length > 0) f.print(`// Not re-exported, declared by more than one public import: ${plan.ambiguous.join(", ")}.`);
  for (const { from, names } of plan.reExports) {
    const sorted = [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const allTypes = sorted.every(([, e]) => e.typeOnly);
    const specs = sorted.map(([n, e]) => (e.typeOnly && !allTypes ? `type ${n}` : n));
    f.print(`export ${allTypes ? "type " : ""}{ ${specs.join(", ")} } from ${JSON.stringify(ctx.moduleOf(from))};`);
  }
}
