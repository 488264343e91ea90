/**
 * The public surface of every entry, as shipped: each export's name and kind, read from the built
 * declarations with the TypeScript compiler, snapshotted in __snapshots__/public-api.txt, and each
 * export's and public member's type signature (declaration text, comments dropped, whitespace
 * collapsed) in __snapshots__/public-api-signatures.txt. Adding, removing or changing the kind of an
 * export, or a parameter or return type, is a visible diff in review and fails `npm test`; after an
 * intended change, rebuild and run `npx vitest run test/public-api.test.ts -u`.
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

/** One compiler program over the declaration files, read by both snapshots (compiling them is the slow part). */
function compile(files: string[]): ts.Program {
  return ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
}

/** Export name → kind for each declaration file. */
function surfaces(files: string[], program = compile(files)): Map<string, Surface> {
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

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** One declaration as text on one line: comments dropped, whitespace collapsed, `declare` left out. */
function print(node: ts.Node, source: ts.SourceFile): string {
  return printer
    .printNode(ts.EmitHint.Unspecified, node, source)
    .replace(/\s+/g, " ")
    .replace(/^(export )?declare /, "")
    .replace(/ ;/g, ";")
    .trim();
}

/** Whether a class member is outside the public surface (`private`, `#private`). */
function hidden(member: ts.ClassElement | ts.TypeElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
  return modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ?? false;
}

/**
 * Lines for one declaration: a class or interface as its heading and then each public member on a
 * line of its own (so a diff names the member), anything else as one line.
 */
function declarationLines(declaration: ts.Declaration): string[] {
  const source = declaration.getSourceFile();
  const f = ts.factory;
  if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) {
    const heading = ts.isClassDeclaration(declaration)
      ? f.updateClassDeclaration(
          declaration,
          declaration.modifiers,
          declaration.name,
          declaration.typeParameters,
          declaration.heritageClauses,
          [],
        )
      : f.updateInterfaceDeclaration(
          declaration,
          declaration.modifiers,
          declaration.name,
          declaration.typeParameters,
          declaration.heritageClauses,
          [],
        );
    const members = (declaration.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>).filter((m) => !hidden(m));
    return [print(heading, source).replace(/ ?\{ ?\}$/, ""), ...members.map((m) => `    ${print(m, source)}`)];
  }
  if (ts.isVariableDeclaration(declaration)) {
    const statement = declaration.parent.parent as ts.VariableStatement;
    return [
      print(
        f.updateVariableStatement(
          statement,
          statement.modifiers,
          f.createVariableDeclarationList([declaration], declaration.parent.flags),
        ),
        source,
      ),
    ];
  }
  if (ts.isModuleDeclaration(declaration))
    return [print(f.updateModuleDeclaration(declaration, declaration.modifiers, declaration.name, undefined), source)];
  return [print(declaration, source)];
}

/** Export name → signature lines, per declaration file. */
function signatures(files: string[], program = compile(files)): Map<string, Record<string, string[]>> {
  const checker = program.getTypeChecker();
  const out = new Map<string, Record<string, string[]>>();
  for (const file of files) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    const lines: Record<string, string[]> = {};
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      lines[exported.name] = (target.declarations ?? []).flatMap(declarationLines);
    }
    out.set(file, lines);
  }
  return out;
}

function renderSignatures(bySpecifier: [string, Record<string, string[]>][]): string {
  return bySpecifier
    .map(([specifier, surface]) =>
      [
        specifier,
        ...Object.keys(surface)
          .sort()
          .map((name) => [`  ${name}`, ...surface[name]!.map((line) => `    ${line}`)].join("\n")),
      ].join("\n"),
    )
    .join("\n\n")
    .concat("\n");
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
  let esmFiles: string[];
  let esmProgram: ts.Program;

  beforeAll(() => {
    requireBuild();
    consumer = createConsumer();
    installed = path.join(consumer.dir, "node_modules", pkg.name);
    esmFiles = entries.map((e) => path.join(installed, e.target.import.types));
    esmProgram = compile(esmFiles);
    esm = surfaces(esmFiles, esmProgram);
    cjs = surfaces(entries.map((e) => path.join(installed, e.target.require.types)));
  }, 60_000);
  afterAll(() => consumer?.cleanup());

  it("should match the snapshot of every entry's export names and kinds", async () => {
    const rendered = render(entries.map((e) => [e.specifier, esm.get(path.join(installed, e.target.import.types))!]));
    await expect(rendered).toMatchFileSnapshot("./__snapshots__/public-api.txt");
  });

  it("should match the snapshot of every export's and public member's type signature", async () => {
    const bySignature = signatures(esmFiles, esmProgram);
    const rendered = renderSignatures(entries.map((e, i) => [e.specifier, bySignature.get(esmFiles[i]!)!]));
    expect(rendered.split("\n").length).toBeGreaterThan(1000);
    await expect(rendered).toMatchFileSnapshot("./__snapshots__/public-api-signatures.txt");
  });

  it("should declare the same surface for require (.d.cts) as for import (.d.ts)", () => {
    // audit: entries are package.json's exports, listed exactly in test/package/exports.test.ts
    for (const e of entries) {
      expect(cjs.get(path.join(installed, e.target.require.types)), e.specifier).toEqual(
        esm.get(path.join(installed, e.target.import.types)),
      );
    }
  });

  it("should export at runtime exactly the values the declarations promise", async () => {
    // audit: entries are package.json's exports, listed exactly in test/package/exports.test.ts
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
