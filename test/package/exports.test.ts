import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, entries, lastJson, pkg, requireBuild, ROOT, runScript } from "./consumer";

type Loaded = Record<string, { names?: string[]; error?: string }>;

/** Loads every entry in one child process, recording its export names or why it failed. */
function loadAll(dir: string, format: "esm" | "cjs"): Loaded {
  const specifiers = JSON.stringify(entries.map((e) => e.specifier));
  const load = format === "esm" ? "await import(s)" : "require(s)";
  const source = `${format === "esm" ? "" : "(async () => {"}
const out = {};
for (const s of ${specifiers}) {
  try {
    const m = ${load};
    out[s] = { names: Object.keys(m).filter((k) => k !== "default" && k !== "__esModule").sort() };
  } catch (e) {
    out[s] = { error: String(e && e.stack || e).split("\\n").slice(0, 3).join(" | ") };
  }
}
console.log(JSON.stringify(out));
${format === "esm" ? "" : "})();"}`;
  return lastJson<Loaded>(runScript(dir, format === "esm" ? "load.mjs" : "load.cjs", source));
}

describe("package.json exports", () => {
  let consumer: ReturnType<typeof createConsumer>;
  let esm: Loaded;
  let cjs: Loaded;

  beforeAll(() => {
    requireBuild();
    consumer = createConsumer();
    esm = loadAll(consumer.dir, "esm");
    cjs = loadAll(consumer.dir, "cjs");
  });
  afterAll(() => consumer?.cleanup());

  it("should list every entry of the API contract", () => {
    expect(Object.keys(pkg.exports)).toEqual([
      ".",
      "./query",
      "./adapters",
      "./testing",
      "./testing/msw",
      "./testing/server",
      "./package.json",
    ]);
  });

  // audit: entries are package.json's exports, listed exactly in the test above
  for (const entry of entries) {
    describe(entry.specifier, () => {
      it("should point every condition at a built file, types first", () => {
        for (const condition of ["import", "require"] as const) {
          const target = entry.target[condition];
          expect(Object.keys(target), `${condition} condition order`).toEqual(["types", "default"]);
          const missing = [target.types, target.default].filter((f) => !existsSync(path.join(ROOT, f)));
          expect(missing, `${condition} targets missing from dist/`).toEqual([]);
        }
        expect(entry.target.import.types).toMatch(/\.d\.ts$/);
        expect(entry.target.require.types).toMatch(/\.d\.cts$/);
        expect(entry.target.require.default).toMatch(/\.cjs$/);
      });

      it("should load with import, exposing named exports", () => {
        expect(esm[entry.specifier]?.error).toBeUndefined();
        // audit: the names differ per entry; test/public-api.test.ts's snapshot pins each one
        expect(esm[entry.specifier]?.names?.length).toBeGreaterThan(0);
      });

      it("should load with require, exposing the same names as import", () => {
        expect(cjs[entry.specifier]?.error).toBeUndefined();
        expect(cjs[entry.specifier]?.names).toEqual(esm[entry.specifier]?.names);
      });
    });
  }

  it("should resolve anomalyarmor/package.json to the manifest", () => {
    const run = runScript(
      consumer.dir,
      "manifest.cjs",
      `console.log(JSON.stringify(require("${pkg.name}/package.json").name));`,
    );
    expect(lastJson(run)).toBe(pkg.name);
  });

  it("should refuse deep imports that the exports map does not list", () => {
    const run = runScript(
      consumer.dir,
      "deep.mjs",
      `try { await import("${pkg.name}/dist/core/http.js"); console.log('"loaded"'); } catch (e) { console.log(JSON.stringify(e.code)); }`,
    );
    expect(lastJson(run)).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});

describe("package.json bin", () => {
  const file = path.join(ROOT, pkg.bin.anomalyarmor ?? "");

  it("should ship the anomalyarmor bin as an executable ES module with a node shebang", () => {
    requireBuild();
    expect(pkg.bin.anomalyarmor).toBe("dist/cli/index.js");
    expect(existsSync(file), `${pkg.bin.anomalyarmor} missing: src/cli/index.ts not built`).toBe(true);
    expect(readFileSync(file, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(() => accessSync(file, constants.X_OK)).not.toThrow();
  });

  it("should run as installed and report the package version", () => {
    // Executed directly, so the shebang and the executable bit are what starts it.
    const r = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(pkg.version);
  });
});
