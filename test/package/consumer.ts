/**
 * Helpers for the packaging tests: they exercise dist/ the way an installed package is used, from a
 * consumer directory whose node_modules/anomalyarmor is an installed copy of this package, so
 * package.json `exports` decide what resolves (never a relative path into dist/).
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the package being tested). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The package manifest as published. */
export const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<"import" | "require", { types: string; default: string }>>;
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

/** Every code entry of the exports map, as a consumer spells it (`anomalyarmor`, `anomalyarmor/query`, …). */
export const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target !== "string")
  .map(([key, target]) => ({
    key,
    specifier: key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`,
    target: target as Record<"import" | "require", { types: string; default: string }>,
  }));

/** Entries that must run in browsers, Deno, Bun and Workers (`docs/runtimes.md`). */
export const UNIVERSAL = [".", "./query", "./adapters", "./testing"];

/** Fails with a pointer to the build when dist/ is missing, instead of a confusing resolution error. */
export function requireBuild(): void {
  if (!existsSync(path.join(ROOT, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (`npm test` does).");
  }
}

/** Packages installed beside ours in a consumer: dependencies, peers, and what the tests' consumers import. */
const NEIGHBOURS = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), "@types/node"];

/**
 * A fresh consumer directory, removed by the returned cleanup. node_modules/anomalyarmor holds what
 * the tarball holds (package.json and the `files` entries), copied as npm installs it — which also
 * keeps a test's view of dist/ whole while another build in the same working tree rewrites it.
 * Dependencies and peers are links into the repository's node_modules.
 */
export function createConsumer(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "anomalyarmor-consumer-"));
  const target = path.join(dir, "node_modules", pkg.name);
  mkdirSync(target, { recursive: true });
  cpSync(path.join(ROOT, "package.json"), path.join(target, "package.json"));
  for (const entry of pkg.files) {
    if (existsSync(path.join(ROOT, entry)))
      cpSync(path.join(ROOT, entry), path.join(target, entry), { recursive: true });
  }
  for (const name of NEIGHBOURS) {
    const from = path.join(ROOT, "node_modules", name);
    if (!existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(from, path.join(dir, "node_modules", name), "dir");
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The package as npm installs it for a user: `npm pack` (scripts skipped: dist/ is built already), then
 * `npm install` of that tarball and `extras` (name@range specs) in a fresh folder under the system's
 * temporary directory, outside this repository, so only what npm puts there resolves. Removed by the
 * returned cleanup.
 */
export function installTarball(extras: string[] = []): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "anomalyarmor-tarball-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tarball-consumer", private: true }));
    const install = spawnSync(
      "npm",
      ["install", `./${filename}`, ...extras, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"],
      { cwd: dir, encoding: "utf8", timeout: 240_000 },
    );
    if (install.status !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  } catch (error) {
    cleanup();
    throw error;
  }
  return { dir, cleanup };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Writes `source` to `file` in the consumer directory and runs it with `node` (default: this process's). */
export function runScript(dir: string, file: string, source: string, node = process.execPath): Run {
  const target = path.join(dir, file);
  writeFileSync(target, source);
  const r = spawnSync(node, [target], {
    cwd: dir,
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parses the last stdout line of a run as JSON, failing with the run's stderr when it exited badly. */
export function lastJson<T>(run: Run): T {
  if (run.status !== 0) throw new Error(`script failed (${run.status}):\n${run.stderr}\n${run.stdout}`);
  const lines = run.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as T;
}

/**
 * The machine's Node 20 (the oldest version `engines` promises), found by absolute path: the
 * node_modules/.bin shim of the `node` devDependency puts Node 22 first on PATH, so PATH entries
 * inside node_modules are skipped.
 */
export function findNode20(): string | undefined {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d && !d.includes("node_modules"));
  const candidates = [...dirs.map((d) => path.join(d, "node")), "/usr/local/bin/node", "/usr/bin/node"];
  for (const candidate of new Set(candidates)) {
    if (!existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
      if (/^v20\./.test(version)) return candidate;
    } catch {
      // Not runnable: try the next one.
    }
  }
  return undefined;
}

/**
 * The `deno` or `bun` binary of the devDependency: node_modules/.bin first; where the package's install
 * script did not run (npm 11 runs none), the binary shipped in its platform package.
 */
export function runtimeBinary(name: "deno" | "bun"): string {
  const candidates = [path.join(ROOT, "node_modules", ".bin", name)];
  const scope = path.join(ROOT, "node_modules", name === "deno" ? "@deno" : "@oven");
  if (existsSync(scope)) {
    for (const pkg of readdirSync(scope))
      candidates.push(path.join(scope, pkg, name), path.join(scope, pkg, "bin", name));
  }
  for (const file of candidates) {
    if (existsSync(file) && spawnSync(file, ["--version"], { stdio: "ignore" }).status === 0) return file;
  }
  throw new Error(`No working ${name} binary in node_modules (tried ${candidates.join(", ")})`);
}
