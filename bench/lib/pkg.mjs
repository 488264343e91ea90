/**
 * The package under test: dist/ as `npm run build` makes it, copied to bench/.pkg so that a rebuild by
 * someone else in the same working tree cannot pull files from under a running benchmark. Node and
 * esbuild resolve ofetch, valibot and query-core from the repository's node_modules as usual, and
 * bench/.pkg/package.json carries `sideEffects: false` as the published package does.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
export const ROOT = path.resolve(BENCH, "..");
export const PKG = path.join(BENCH, ".pkg");

/** Entry of the package → file in the snapshot (the `import` condition of package.json's exports). */
export const ENTRIES = {
  anomalyarmor: "dist/index.js",
  "anomalyarmor/query": "dist/query/index.js",
  "anomalyarmor/adapters": "dist/adapters/index.js",
};

export function entryFile(specifier) {
  const rel = ENTRIES[specifier];
  if (!rel) throw new Error(`unknown entry ${specifier}`);
  return path.join(PKG, rel);
}

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, name.name);
    t = Math.max(t, name.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds dist/ when it is missing or older than src/ (unless `build` is false), then snapshots it.
 * @returns whether a build ran
 */
export function preparePackage({ build = true, log = console.error } = {}) {
  const distIndex = path.join(ROOT, "dist/index.js");
  const stale = !existsSync(distIndex) || newest(path.join(ROOT, "src")) > statSync(distIndex).mtimeMs;
  let built = false;
  if (stale && build) {
    log("dist/ is missing or older than src/: running npm run build …");
    const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error("npm run build failed");
    built = true;
  } else if (stale) {
    log("warning: dist/ is older than src/ and --no-build was given; measuring dist/ as it is");
  }
  rmSync(PKG, { recursive: true, force: true });
  mkdirSync(PKG, { recursive: true });
  cpSync(path.join(ROOT, "dist"), path.join(PKG, "dist"), { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  writeFileSync(
    path.join(PKG, "package.json"),
    JSON.stringify(
      { name: "anomalyarmor-bench-snapshot", version: pkg.version, type: "module", sideEffects: false },
      null,
      2,
    ),
  );
  return built;
}

/** Installed version of a package, read from its package.json in node_modules. */
export function versionOf(name) {
  if (name === "anomalyarmor") return JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
  return JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
}
