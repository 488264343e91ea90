/**
 * JSR readiness: `jsr.json` publishes the universal entries straight from `src/`, and Deno's own
 * `deno publish --dry-run` accepts them: types resolve, and the public API has no slow types (every
 * exported symbol carries an explicit type, which is why models are declared as interfaces).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./consumer";

const jsr = JSON.parse(readFileSync(path.join(ROOT, "jsr.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
  exports: Record<string, string>;
  imports: Record<string, string>;
};
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  version: string;
  license: string;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
};

/** The entries that use web-standard globals only; `testing/msw` and `testing/server` need npm peers or Node APIs. */
const UNIVERSAL = [".", "./query", "./adapters", "./testing"];

describe("jsr.json", () => {
  it("should publish the universal entries of package.json under the same version and license", () => {
    expect(Object.keys(jsr.exports).sort()).toEqual([...UNIVERSAL].sort());
    for (const entry of UNIVERSAL) expect(pkg.exports).toHaveProperty([entry]);
    expect(Object.values(jsr.exports)).toHaveLength(4);
    for (const file of Object.values(jsr.exports)) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    expect(jsr.version).toBe(pkg.version);
    expect(jsr.license).toBe(pkg.license);
  });

  it("should map each runtime dependency to the npm range package.json asks for", () => {
    expect(Object.entries(pkg.dependencies)).toHaveLength(6);
    for (const [name, range] of Object.entries(pkg.dependencies))
      expect(jsr.imports[name]).toBe(`npm:${name}@${range}`);
  });

  it("should pass deno publish --dry-run with no slow types", { timeout: 240_000 }, () => {
    const deno = path.join(ROOT, "node_modules", ".bin", "deno");
    // Sources import without extensions, as the bundler resolves them; Deno reads them with sloppy imports.
    const r = spawnSync(deno, ["publish", "--dry-run", "--sloppy-imports", "--allow-dirty"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    });
    const output = `${r.stdout}\n${r.stderr}`;
    expect(output).not.toMatch(/slow-type|missing-explicit/);
    expect(output, output).toContain("Dry run complete");
    expect(r.status, output).toBe(0);
  });
});
