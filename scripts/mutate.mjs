#!/usr/bin/env node
// `npm run mutate [-- <module>...] [-- --force]`: StrykerJS on the modules where a wrong line is a wrong
// policy (issue 19), one Stryker run per module so that each has its own incremental file and report.
// A module is named as under src/ without the extension (`core/retry`). `--force` re-tests every
// mutant instead of only those whose code or covering tests changed since the incremental file.
// Prints the score of each module and exits 1 when one is under the target.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "node_modules", ".bin");

/**
 * The modules of issue 19, in the order a full run takes them, each with the test files that own its
 * policy. Only those run against its mutants (the whole unit suite per mutant would take hours on two
 * shared cores), so a score says what the module's own tests pin down; the chaos and property suites
 * can only kill more.
 */
const SCOPES = {
  "core/retry": ["test/core/retry.test.ts", "test/core/http.test.ts", "test/resilience/transport.test.ts"],
  "core/http": [
    "test/core/http.test.ts",
    "test/core/http-policy.test.ts",
    "test/core/hooks.test.ts",
    "test/resilience/transport.test.ts",
    "test/resilience/cancellation.test.ts",
  ],
  "core/errors": ["test/core/errors.test.ts", "test/core/http.test.ts", "test/resilience/transport.test.ts"],
  "core/redact": [
    "test/core/redact.test.ts",
    "test/resilience/key-never-leaks.test.ts",
    "test/resilience/secrets.test.ts",
  ],
  "core/config": ["test/core/config.test.ts", "test/core/http.test.ts", "test/resilience/tenants.test.ts"],
  "query/invalidation": ["test/query/invalidation.test.ts", "test/query/mutations.test.ts"],
  "query/keys": [
    "test/query/keys.test.ts",
    "test/query/tables.test.ts",
    "test/query/queries.test.ts",
    "test/resilience/entry-points.test.ts",
  ],
  "query/polling": [
    "test/query/polling.test.ts",
    "test/query/fresh-rule.test.ts",
    "test/resilience/entry-points.test.ts",
  ],
  // The two tables as data: keys and query options walk READS, mutation options and the invalidation
  // table WRITES. Stryker makes no mutant here (it treats an `as const` expression as a type and every
  // literal of this file is one): its lines are held by the meta-tested rows of tables.test.ts and
  // invalidation.test.ts, and checked by planting bugs by hand (docs/mutation.md).
  "query/tables": [
    "test/query/tables.test.ts",
    "test/query/keys.test.ts",
    "test/query/queries.test.ts",
    "test/query/invalidation.test.ts",
    "test/query/mutations.test.ts",
  ],
  "adapters/freshness-gate": [
    "test/adapters/freshness-gate.test.ts",
    "test/adapters/freshness-gate-options.test.ts",
    "test/resilience/gate-fails-safe.test.ts",
  ],
  "adapters/cache": [
    "test/adapters/cache.test.ts",
    "test/adapters/freshness-gate.test.ts",
    "test/resilience/gate-fails-safe.test.ts",
  ],
};
const MODULES = Object.keys(SCOPES);
const TARGET = 85;

const args = process.argv.slice(2);
const force = args.includes("--force");
const unknown = args.filter((a) => a.startsWith("-") && a !== "--force");
const asked = args.filter((a) => !a.startsWith("-")).map((a) => a.replace(/^src\//, "").replace(/\.ts$/, ""));
const strange = asked.filter((m) => !MODULES.includes(m));
if (unknown.length > 0 || strange.length > 0) {
  console.error(`unknown ${[...unknown, ...strange].join(", ")}; modules: ${MODULES.join(", ")}; flag: --force`);
  process.exit(2);
}
const modules = asked.length > 0 ? asked : MODULES;

/** Score as Stryker computes it: detected (killed, timeout) over valid mutants (those plus survived, no coverage). */
function score(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  // No valid mutant (query/tables: Stryker leaves everything under `as const` alone) is no score, not 100 %.
  return { ...counts, valid, score: valid === 0 ? undefined : (100 * detected) / valid };
}

// Fail before any run rather than score a module against fewer tests than SCOPES claims, or print a bare
// "Stryker failed" where the tool is missing.
const missing = modules.flatMap((m) => SCOPES[m].filter((file) => !existsSync(path.join(ROOT, file))));
if (missing.length > 0) {
  console.error(`SCOPES names test files that do not exist: ${missing.join(", ")}`);
  process.exit(2);
}
if (!existsSync(path.join(BIN, "stryker"))) {
  console.error("Stryker is not installed: run npm ci (it is a devDependency)");
  process.exit(2);
}

const results = [];
for (const module of modules) {
  const slug = module.replace("/", "-");
  const out = path.join("reports", "mutation", slug);
  const command = [path.join(BIN, "stryker"), "run", "stryker.config.mjs", ...(force ? ["--force"] : [])];
  console.log(`\n▶ mutate ${module}`);
  const started = performance.now();
  const run = spawnSync(command[0], command.slice(1), {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      MUTATE_MODULE: module,
      MUTATE_TESTS: SCOPES[module].join(","),
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const reportFile = path.join(ROOT, out, "mutation.json");
  if (run.status !== 0 || !existsSync(reportFile)) {
    results.push({ module, failed: true, seconds });
    continue;
  }
  results.push({ module, seconds, ...score(reportFile) });
}

console.log("\nmutation score per module (target ≥ 85 %):");
console.log("  module                   score  killed timeout survived nocov  seconds");
let ok = true;
for (const r of results) {
  if (r.failed) {
    ok = false;
    console.log(`  ${r.module.padEnd(24)} Stryker failed (${r.seconds.toFixed(0)} s)`);
    continue;
  }
  if (r.score !== undefined && r.score < TARGET) ok = false;
  console.log(
    `  ${r.module.padEnd(24)} ${(r.score === undefined ? "n/a" : r.score.toFixed(1)).padStart(5)}  ${String(r.Killed).padStart(6)} ${String(r.Timeout).padStart(7)} ${String(r.Survived).padStart(8)} ${String(r.NoCoverage).padStart(5)}  ${r.seconds.toFixed(0).padStart(7)}`,
  );
}
console.log("reports: reports/mutation/<module>/index.html");
process.exit(ok ? 0 : 1);
