/**
 * The public surface of every entry, as shipped: each export's name and kind, read from the built
 * declarations with the TypeScript compiler, snapshotted in __snapshots__/public-api.txt. Adding,
 * removing or changing the kind of an export is a visible diff in review; after an intended change,
 * rebuild and run `npx vitest run test/public-api.test.ts -u`.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, entries, pkg, requireBuild } from "./package/consumer";

type Surface = Record<string, string>;

/** Kinds of a symbol, merged declarations joined (`interface+const`). */
function kindOf(symbol: ts.Symbol): string {
  const F = ts.SymbolFlags;
  const kinds: [number, string][] = [
    [F.Class, "class"],
    [F.Function, "function"],
    [F.Variable, "const"],
    [F.Enum, "enum"],
    [F.Interface, "interface"],
    [F.TypeAlias, "type"],
    [F.ValueModule | F.NamespaceModule, "namespace"],
  ];
  const found = kinds.filter(([flag]) => (symbol.flags & flag) !== 0).map(([, name]) => name);
  return found.length > 0 ? found.join("+") : `flags:${symbol.flags}`;
}

/** Export name → kind for each declaration file. */
function surfaces(files: string[]): Map<string, Surface> {
  const program = ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  const checker = program.getTypeChecker();
  const out = new Map<string, Surface>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file}: not a module the compiler could read`);
    const surface: Surface = {};
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      surface[exported.name] = kindOf(target);
    }
    out.set(file, surface);
  }
  return out;
}

const VALUE_KINDS = /class|function|const|enum|namespace/;

function render(bySpecifier: [string, Surface][]): string {
  return bySpecifier
    .map(([specifier, surface]) => {
      const names = Object.keys(surface).sort();
      const width = Math.max(...names.map((n) => n.length));
      return [specifier, ...names.map((n) => `  ${n.padEnd(width)}  ${surface[n]}`)].join("\n");
    })
    .join("\n\n")
    .concat("\n");
}

describe("public API", () => {
  let consumer: ReturnType<typeof createConsumer>;
  let installed: string;
  let esm: Map<string, Surface>;
  let cjs: Map<string, Surface>;

  beforeAll(() => {
    requireBuild();
    consumer = createConsumer();
    installed = path.join(consumer.dir, "node_modules", pkg.name);
    esm = surfaces(entries.map((e) => path.join(installed, e.target.import.types)));
    cjs = surfaces(entries.map((e) => path.join(installed, e.target.require.types)));
  }, 60_000);
  afterAll(() => consumer?.cleanup());

  it("should match the snapshot of every entry's export names and kinds", async () => {
    const rendered = render(entries.map((e) => [e.specifier, esm.get(path.join(installed, e.target.import.types))!]));
    await expect(rendered).toMatchFileSnapshot("./__snapshots__/public-api.txt");
  });

  it("should declare the same surface for require (.d.cts) as for import (.d.ts)", () => {
    for (const e of entries) {
      expect(cjs.get(path.join(installed, e.target.require.types)), e.specifier).toEqual(
        esm.get(path.join(installed, e.target.import.types)),
      );
    }
  });

  it("should export at runtime exactly the values the declarations promise", async () => {
    for (const e of entries) {
      const declared = Object.entries(esm.get(path.join(installed, e.target.import.types))!)
        .filter(([, kind]) => VALUE_KINDS.test(kind))
        .map(([name]) => name)
        .sort();
      const loaded = (await import(pathToFileURL(path.join(installed, e.target.import.default)).href)) as Record<
        string,
        unknown
      >;
      expect(
        Object.keys(loaded)
          .filter((k) => k !== "default")
          .sort(),
        e.specifier,
      ).toEqual(declared);
    }
  });
});
