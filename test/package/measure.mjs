/**
 * Bundle-size measurement shared by the size budgets (test/package/size.test.ts) and bench/: a
 * consumer's source bundled by esbuild for the browser, minified and tree-shaken, then gzipped
 * (level 9). `anomalyarmor` and its subpaths resolve through package.json `exports` (the `import`
 * condition) to the built files, so what is measured is what a user's bundler would ship.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The repository root: the package measured by default. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** 1 KB as the budgets count it. */
export const KB = 1024;

const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));

/**
 * What each budget measures: a minimal consumer of one use. `external` packages are left out of the
 * bundle (a peer the app pays for anyway).
 */
export const SIZE_FIXTURES = {
  lean: {
    what: "createTransport + FreshnessResource + requireFresh (the lean edge path)",
    source: `import { createTransport, FreshnessResource } from "anomalyarmor";
const freshness = new FreshnessResource(createTransport({ apiKey: () => "token" }));
console.log(await freshness.requireFresh("snowflake.prod.warehouse.orders", { max_age_hours: 24 }));`,
  },
  client: {
    what: "new Client() with every resource wired, one call",
    source: `import { Client } from "anomalyarmor";
const client = new Client({ apiKey: () => "token" });
console.log(await client.freshness.requireFresh("snowflake.prod.warehouse.orders"));`,
  },
  query: {
    what: "all of anomalyarmor/query, @tanstack/query-core excluded (external)",
    source: `export * from "anomalyarmor/query";`,
    external: ["@tanstack/query-core"],
  },
  gate: {
    what: "withFreshnessGate around a fetch handler, with its default lean freshness reader",
    source: `import { withFreshnessGate } from "anomalyarmor/adapters";
export default { fetch: withFreshnessGate(() => new Response("ok"), { assets: "snowflake.prod.warehouse.orders", max_age_hours: 24 }) };`,
  },
};

/** Resolves `anomalyarmor[/subpath]` through the exports map, to the files under `packageDir`. */
function exportsResolver(packageDir) {
  return {
    name: "anomalyarmor-exports",
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${manifest.name}(/.*)?$`) }, (args) => {
        const key = args.path === manifest.name ? "." : `.${args.path.slice(manifest.name.length)}`;
        const target = manifest.exports[key];
        const file = typeof target === "object" ? target.import?.default : undefined;
        if (!file) return { errors: [{ text: `${args.path} is not exported by ${manifest.name}` }] };
        return { path: path.join(packageDir, file) };
      });
    },
  };
}

/**
 * Bundles `source` as a browser app would and measures it.
 * @param {string} source - an ES module importing from `anomalyarmor`
 * @param {{ external?: string[], packageDir?: string }} [options] - packages left out; where the built package lives (default: this repository)
 * @returns {Promise<{ minified: number, gzipped: number, code: string, inputs: Record<string, number> }>} bytes, the code, and bytes per input file
 */
export async function measureBundle(source, { external = [], packageDir = ROOT } = {}) {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: "consumer.mjs", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    legalComments: "none",
    logLevel: "silent",
    external,
    plugins: [exportsResolver(packageDir)],
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.fromEntries(
    Object.entries(output?.inputs ?? {}).map(([file, info]) => [file, info.bytesInOutput]),
  );
  return {
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    code: result.outputFiles[0].text,
    inputs,
  };
}

/** Measures every fixture of {@link SIZE_FIXTURES}. */
export async function measureFixtures(options = {}) {
  const out = {};
  for (const [name, fixture] of Object.entries(SIZE_FIXTURES)) {
    out[name] = await measureBundle(fixture.source, { ...options, external: fixture.external ?? [] });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [name, m] of Object.entries(await measureFixtures())) {
    console.log(
      `${name.padEnd(8)} ${(m.gzipped / KB).toFixed(2)} KB gzipped, ${(m.minified / KB).toFixed(2)} KB minified — ${SIZE_FIXTURES[name].what}`,
    );
  }
}
