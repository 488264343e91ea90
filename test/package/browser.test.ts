import { builtinModules } from "node:module";
import { build, type BuildResult, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, entries, requireBuild, UNIVERSAL } from "./consumer";

const BUILTINS = new Set(builtinModules);
const isBuiltin = (id: string) => /^(node|bun):/.test(id) || BUILTINS.has(id) || BUILTINS.has(id.split("/")[0] ?? "");

/** Bundles `source` for the browser platform from the consumer directory, collecting errors instead of throwing. */
async function bundle(
  dir: string,
  source: string,
): Promise<{ errors: string[]; result?: BuildResult<{ metafile: true; write: false }> }> {
  try {
    const result = await build({
      stdin: { contents: source, resolveDir: dir, loader: "js" },
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    return { errors: [], result };
  } catch (e) {
    const failure = e as { errors?: { text: string }[] };
    return { errors: failure.errors?.map((x) => x.text) ?? [String(e)] };
  }
}

/** Every import in the bundle's graph that names a Node builtin, whether esbuild resolved it or kept it external. */
function builtinImports(metafile: Metafile): string[] {
  return Object.entries(metafile.inputs).flatMap(([file, input]) =>
    input.imports
      .filter((i) => isBuiltin(i.path) || isBuiltin(i.original ?? ""))
      .map((i) => `${file} -> ${i.original ?? i.path}`),
  );
}

describe("browser bundle of the universal entries", () => {
  let consumer: ReturnType<typeof createConsumer>;
  beforeAll(() => {
    requireBuild();
    consumer = createConsumer();
  });
  afterAll(() => consumer?.cleanup());

  // audit: the four universal entries of package.json's exports (test/package/exports.test.ts lists them)
  for (const entry of entries.filter((e) => UNIVERSAL.includes(e.key))) {
    it(`should bundle ${entry.specifier} for platform browser with no Node builtin`, async () => {
      const { errors, result } = await bundle(consumer.dir, `export * from "${entry.specifier}";`);
      expect(errors).toEqual([]);
      expect(builtinImports(result!.metafile)).toEqual([]);
      const code = result!.outputFiles[0]!.text;
      expect(code).not.toMatch(/["']node:[a-z_]+["']/);
      expect(code).not.toMatch(/\brequire\(["']/);
    });
  }

  it("should drop everything but VERSION when only VERSION is imported (sideEffects: false, no import-time work)", async () => {
    const { errors, result } = await bundle(
      consumer.dir,
      `import { VERSION } from "anomalyarmor"; console.log(VERSION);`,
    );
    expect(errors).toEqual([]);
    const code = result!.outputFiles[0]!.text;
    // A stray top-level statement anywhere in the root graph (or a lost sideEffects flag) keeps whole modules alive.
    expect(code.length).toBeLessThan(200);
  });
});
