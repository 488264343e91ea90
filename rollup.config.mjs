// Builds dist/: ESM (.js) and CJS (.cjs) with preserved modules, declarations for both (.d.ts, .d.cts),
// and the `anomalyarmor` bin. Entries whose source does not exist yet are left out, so the build works
// while the package grows; the exports map in package.json names them all and test/package/ checks
// that every one of them resolves.
import { chmod, readFile, rm } from "node:fs/promises";
import { builtinModules } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dts } from "rollup-plugin-dts";
import esbuild from "rollup-plugin-esbuild";

const ROOT = fileURLToPath(new URL(".", import.meta.url));
const abs = (src) => path.resolve(ROOT, src);
const rel = (id) => path.relative(ROOT, id);
const pkg = JSON.parse(await readFile(new URL("./package.json", import.meta.url), "utf8"));

/** Entry name (its path under dist/, without extension) → source, and whether it must stay runtime-neutral. */
const ENTRIES = [
  { name: "index", src: "src/index.ts", universal: true },
  { name: "query/index", src: "src/query/index.ts", universal: true },
  { name: "adapters/index", src: "src/adapters/index.ts", universal: true },
  { name: "testing/index", src: "src/testing/index.ts", universal: true },
  { name: "testing/msw", src: "src/testing/msw.ts", universal: false },
  { name: "testing/server", src: "src/testing/server.ts", universal: false },
  { name: "cli/index", src: "src/cli/index.ts", universal: false, bin: true },
].filter((e) => existsSync(abs(e.src)));

if (!ENTRIES.some((e) => e.name === "index")) {
  throw new Error("rollup.config.mjs: src/index.ts (the root entry) does not exist");
}

const inputs = (list) => Object.fromEntries(list.map((e) => [e.name, e.src]));
const library = ENTRIES.filter((e) => !e.bin);

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")));
const isBuiltin = (id) => /^(node|bun):/.test(id) || BUILTINS.has(id) || BUILTINS.has(id.split("/")[0]);
/** Runtime-bound packages that only testing/msw, testing/server and the cli may import. */
const RUNTIME_BOUND = ["msw", "srvx"];
const isRuntimeBound = (id) => RUNTIME_BOUND.some((p) => id === p || id.startsWith(`${p}/`));

const packages = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const isPackage = (id) => packages.some((p) => id === p || id.startsWith(`${p}/`));
const external = (id) => isBuiltin(id) || isPackage(id);

/**
 * Fails the build when a module reachable from a universal entry imports a Node builtin (or msw,
 * srvx), statically or dynamically. The walk follows our own modules only: what dependencies import
 * is checked by the browser bundle test in test/package/.
 */
function universalGuard() {
  return {
    name: "anomalyarmor:universal-guard",
    buildEnd(error) {
      if (error) return;
      const stack = ENTRIES.filter((e) => e.universal).map((e) => [abs(e.src), [abs(e.src)]]);
      const seen = new Set();
      const problems = [];
      while (stack.length > 0) {
        const [id, trail] = stack.pop();
        if (seen.has(id)) continue;
        seen.add(id);
        const info = this.getModuleInfo(id);
        if (!info) continue;
        for (const dep of [...info.importedIds, ...info.dynamicallyImportedIds]) {
          if (isBuiltin(dep) || isRuntimeBound(dep)) {
            problems.push(`${trail.map(rel).join(" -> ")} imports "${dep}"`);
          } else if (!external(dep)) {
            stack.push([dep, [...trail, dep]]);
          }
        }
      }
      if (problems.length > 0) {
        this.error(
          `Node builtins or runtime-bound packages reached from a universal entry (root, query, adapters, testing must run in ` +
            `browsers, Deno, Bun and Workers):\n  ${problems.join("\n  ")}`,
        );
      }
    },
  };
}

/** Files of modules that no longer exist must not linger in dist/ (and in the published tarball). */
function clean() {
  return {
    name: "anomalyarmor:clean",
    async buildStart() {
      await rm(abs("dist"), { recursive: true, force: true });
    },
  };
}

/** The bin needs a shebang and the executable bit; a shebang already in the source is kept once. */
function bin() {
  const SHEBANG = "#!/usr/bin/env node";
  return {
    name: "anomalyarmor:bin",
    renderChunk(code, chunk) {
      if (!chunk.isEntry || chunk.name !== "cli/index") return null;
      const body = code.startsWith("#!") ? code.slice(code.indexOf("\n") + 1) : code;
      return { code: `${SHEBANG}\n${body}`, map: null };
    },
    async writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === "chunk" && file.isEntry && file.name === "cli/index") {
          await chmod(`${options.dir}/${file.fileName}`, 0o755);
        }
      }
    },
  };
}

/**
 * `Symbol.dispose`, the key of `Client[Symbol.dispose]`, is declared by TypeScript's `esnext.disposable`
 * lib only; a page (`lib: ["ES2022", "DOM"]`) or a Worker compiling our declarations with `skipLibCheck`
 * off would not know it. The built client.d.ts declares it globally, as @types/node does (with that lib
 * the two merge and `using client = …` works). It is added here, not in src/client.ts, because JSR
 * refuses global augmentations in published sources, and Deno's own lib has the symbol.
 */
function disposeDeclaration() {
  const DECLARATION = [
    "declare global {",
    "  interface SymbolConstructor {",
    "    /** The well-known symbol of `using` declarations (explicit resource management). */",
    "    readonly dispose: unique symbol;",
    "  }",
    "}",
    "",
  ].join("\n");
  return {
    name: "anomalyarmor:dispose-declaration",
    renderChunk(code, chunk) {
      if (chunk.name !== "client") return null;
      if (!code.includes("[Symbol.dispose]"))
        throw new Error("client.d.ts no longer uses Symbol.dispose: drop this plugin");
      return { code: `${code}\n${DECLARATION}`, map: null };
    },
  };
}

/** Unresolved imports would silently become externals: make them errors. */
function onwarn(warning, warn) {
  if (warning.code === "UNRESOLVED_IMPORT") throw new Error(warning.message);
  warn(warning);
}

const transpile = () => esbuild({ target: "es2022", tsconfig: "tsconfig.json", sourceMap: false, minify: false });

const common = {
  external,
  onwarn,
  treeshake: { moduleSideEffects: false },
};

const output = (format, ext) => ({
  dir: "dist",
  format,
  preserveModules: true,
  preserveModulesRoot: "src",
  entryFileNames: `[name].${ext}`,
  exports: "named",
  generatedCode: "es2015",
  hoistTransitiveImports: false,
});

export default [
  {
    input: inputs(ENTRIES),
    ...common,
    // This config runs first: it alone empties dist/.
    plugins: [clean(), transpile(), universalGuard(), bin()],
    output: output("es", "js"),
  },
  {
    input: inputs(library),
    ...common,
    plugins: [transpile()],
    output: output("cjs", "cjs"),
  },
  {
    input: inputs(library),
    external,
    onwarn,
    plugins: [dts({ tsconfig: "tsconfig.json" }), disposeDeclaration()],
    output: [
      { dir: "dist", format: "es", preserveModules: true, preserveModulesRoot: "src", entryFileNames: "[name].d.ts" },
      { dir: "dist", format: "es", preserveModules: true, preserveModulesRoot: "src", entryFileNames: "[name].d.cts" },
    ],
  },
];
