/**
 * The query layer's public types as a user's editor resolves them. `ArmorKeys`, `ArmorQueries`,
 * `ArmorMutations` and `WriteName` are computed from the tables in src/query/tables.ts, so their
 * declaration text (test/__snapshots__/public-api-signatures.txt) no longer shows a key's segments or
 * a builder's arguments: this snapshot does, member by member, so that a change to a table shows up in
 * review as the change of every key, option and mutation type it makes. After an intended change, run
 * `npx vitest run test/query/resolved-types.test.ts -u`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "armor-resolved-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every member of every resource of the named type, resolved, one per line. */
function resolve(): string {
  const file = path.join(dir, "probe.ts");
  const query = JSON.stringify(path.join(ROOT, "src/query/index.ts"));
  writeFileSync(
    file,
    `import type { ArmorKeys, ArmorMutations, ArmorQueries, WriteName } from ${query};
export declare const keys: ArmorKeys;
export declare const queries: ArmorQueries;
export declare const mutations: ArmorMutations;
export declare const writes: WriteName;
`,
  );
  const program = ts.createProgram([file], {
    noEmit: true,
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.es2023.array.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  // Named types print by name, without the machine's path to the file that declares them.
  const print = (type: ts.Type) =>
    checker.typeToString(type, source, ts.TypeFormatFlags.NoTruncation).replace(/import\("[^"]*"\)\./g, "");
  const out: string[] = [];
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
    const type = checker.getTypeOfSymbol(exported);
    out.push(exported.name);
    if (type.isUnion() && exported.name === "writes") {
      for (const t of type.types.map(print).sort()) out.push(`  ${t}`);
      continue;
    }
    for (const resource of checker.getPropertiesOfType(type)) {
      const members = checker.getPropertiesOfType(checker.getTypeOfSymbol(resource));
      if (members.length === 0 || resource.name === "all") {
        out.push(`  ${resource.name}: ${print(checker.getTypeOfSymbol(resource))}`);
        continue;
      }
      for (const member of members)
        out.push(`  ${resource.name}.${member.name}: ${print(checker.getTypeOfSymbol(member))}`);
    }
  }
  return `${out.join("\n")}\n`;
}

describe("the query layer's computed types", () => {
  it("should resolve every key, option and mutation builder as the snapshot records", { timeout: 60_000 }, async () => {
    const text = resolve();
    // A type the checker cannot resolve prints as `any`; none of these may.
    expect(text).not.toMatch(/\bany\b/);
    expect(text).toContain('keys\n  all: readonly ["anomalyarmor", string]');
    await expect(text).toMatchFileSnapshot("../__snapshots__/query-resolved-types.txt");
  });
});
