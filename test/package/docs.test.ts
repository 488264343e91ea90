/**
 * Every public name carries TSDoc, as a user's editor shows it: each export of each entry's built
 * declarations, and the members of its classes, interfaces and object types (inherited docs count,
 * so an error class's `name` is covered by `ArmorError.name`).
 */
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { entries, requireBuild, ROOT } from "./consumer";

/** `entry: Name` or `entry: Name.member` for every public name without a doc comment. */
function undocumented(): string[] {
  requireBuild();
  const files = entries.map((e) => path.join(ROOT, e.target.import.types));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const doc = (symbol: ts.Symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const missing: string[] = [];
  for (const [i, file] of files.entries()) {
    const entry = entries[i]!.specifier;
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file} declares no module`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!doc(symbol)) missing.push(`${entry}: ${exported.getName()}`);
      const declaration = symbol.declarations?.[0];
      const hasMembers =
        declaration !== undefined &&
        (ts.isClassDeclaration(declaration) ||
          ts.isInterfaceDeclaration(declaration) ||
          (ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type)));
      if (!hasMembers) continue;
      for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
        const own = member.declarations?.[0];
        // Members of the platform (Error.message, …) are documented by their own libraries; `#private`
        // stands for private fields in declarations, which are not public.
        if (!own || own.getSourceFile().fileName.includes("node_modules") || member.getName() === "#private") continue;
        if (!doc(member)) missing.push(`${entry}: ${exported.getName()}.${member.getName()}`);
      }
    }
  }
  return missing;
}

describe("public API docs", () => {
  it("should document every export of every entry and the members of its types", () => {
    expect(undocumented()).toEqual([]);
  });
});
