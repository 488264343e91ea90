/**
 * The documents the code cites are in the repository: no file names a design or protocol document that
 * lives elsewhere, every `docs/<name>.md` a file names exists, and every relative link in our Markdown
 * resolves.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const TREES = ["src", "test", "bench", "docs", "scripts", "examples", ".ci"];
const ROOT_FILES = ["README.md", "eslint.config.js", "rollup.config.mjs", "vitest.config.ts", "package.json"];
const SKIP = new Set(["node_modules", "dist", "__snapshots__", "test-output"]);
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|md|json|toml|html)$|^run$/;

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file, out);
    else if (TEXT.test(name)) out.push(file);
  }
  return out;
}

const FILES = [...TREES.flatMap((t) => walk(path.join(ROOT, t))), ...ROOT_FILES.map((f) => path.join(ROOT, f))].filter(
  (f) => f !== SELF && existsSync(f),
);
const rel = (file: string) => path.relative(ROOT, file);

// Spelled in pieces so that this file does not match itself.
const OUTSIDE = new RegExp(["\\bwire\\.md", "\\bapi\\.md", "DESIGN\\.md", "\\bspec/", "seed/000_"].join("|"));

describe("citations", () => {
  it("should find the files it checks", () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES.map(rel)).toContain(path.join("src", "core", "http.ts"));
  });

  it("should cite no document that lives outside the repository", () => {
    const found = FILES.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (OUTSIDE.test(line) ? [`${rel(file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it("should cite only docs/*.md files that exist", () => {
    const missing = FILES.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bdocs\/([\w.-]+\.md)/g)]
        .map((m) => m[1]!)
        .filter((doc) => !existsSync(path.join(ROOT, "docs", doc)))
        .map((doc) => `${rel(file)} cites docs/${doc}`),
    );
    expect(missing).toEqual([]);
  });

  it("should resolve every relative link in our Markdown", () => {
    const broken = FILES.filter((f) => f.endsWith(".md")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !/^[a-z]+:/i.test(target))
        .filter((target) => !existsSync(path.resolve(path.dirname(file), target)))
        .map((target) => `${rel(file)} links to ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
