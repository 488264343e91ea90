#!/usr/bin/env node
// `npm test`: the checks (formatting, lint with the layering and type-aware rules, the type check of
// src/ and test/), then the build of dist/, vitest (unit tests and the packaging checks in
// test/package/, which test dist/), then the runtime conformance runner when it exists. Every step runs
// even after one fails, so one run shows every problem; each step prints its seconds, so whoever adds a
// step sees what it costs (the whole run should stay under about 25 minutes). The last line totals the
// tests in the form CI reads ("tests: N passed, N failed, N skipped"); a red check counts as a failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "node_modules", ".bin");
const OUT = path.join(ROOT, "test-output");
// Run children with the repository's tools (and its Node 22 shim) first, however this script was started.
const env = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}` };

/** The runtime conformance runner (test/runtime/): it writes its totals to test-output/runtime.json. */
const RUNTIME_RUNNER = path.join(ROOT, "test", "runtime", "run.mjs");

/** Seconds per step, in the order run, for the closing table. */
const timings = [];

/** Runs each command in turn (stopping at the first that fails) as one named step; true when all pass. */
function step(title, ...commands) {
  const started = performance.now();
  let ok = true;
  for (const [command, ...args] of commands) {
    console.log(`\n▶ ${title}: ${[command, ...args].join(" ")}`);
    const r = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
    if (r.error) console.error(r.error.message);
    if (r.status !== 0) {
      ok = false;
      break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  timings.push({ title, seconds, ok });
  console.log(`${ok ? "✔" : "✘"} ${title} (${seconds.toFixed(1)} s)`);
  return ok;
}

function readTotals(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}

const failures = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

/**
 * Adds a step's totals. A red step always counts at least one failure, so the closing line never
 * reads "0 failed" on a red run (a file that fails to load or an unhandled error fails no test).
 */
function record(name, ok, counts) {
  if (!ok) failures.push(name);
  if (!counts) failures.push(`${name} (no report)`);
  const t = counts ?? { passed: 0, failed: 0, skipped: 0 };
  totals.passed += t.passed;
  totals.failed += !ok && t.failed === 0 ? 1 : t.failed;
  totals.skipped += t.skipped;
}

/** A check has no tests of its own: green adds nothing, red adds one failure. */
function check(name, ...commands) {
  record(name, step(name, ...commands), { passed: 0, failed: 0, skipped: 0 });
}

function finish() {
  console.log("\nseconds per step:");
  for (const t of timings) console.log(`  ${t.ok ? "✔" : "✘"} ${t.seconds.toFixed(1).padStart(7)}  ${t.title}`);
  const total = timings.reduce((sum, t) => sum + t.seconds, 0);
  console.log(`    ${total.toFixed(1).padStart(7)}  total`);
  console.log("");
  if (failures.length > 0) console.log(`failed steps: ${failures.join(", ")}`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

check("format", ["prettier", "--check", "."]);
check("lint", ["eslint", "."]);
check(
  "typecheck",
  ["tsc", "-p", "tsconfig.json"],
  ["tsc", "-p", "src/cli/tsconfig.json"],
  ["tsc", "-p", "tsconfig.test.json"],
);
// The API reference (TypeDoc) builds with no warning: no broken link, no public type that links nowhere.
check("api reference", ["typedoc", "--emit", "none"]);

if (!step("build", ["rollup", "-c"])) {
  record("build", false, { passed: 0, failed: 0, skipped: 0 });
  console.log("\nbuild failed: nothing to test.");
  finish();
}

const vitestJson = path.join(OUT, "vitest.json");
const vitestOk = step("unit and package tests", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
record(
  "vitest",
  vitestOk,
  readTotals(vitestJson, (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  })),
);

if (existsSync(RUNTIME_RUNNER)) {
  const runtimeOk = step("runtime conformance", [process.execPath, RUNTIME_RUNNER]);
  record(
    "runtime conformance",
    runtimeOk,
    readTotals(path.join(OUT, "runtime.json"), (r) => ({
      passed: r.passed,
      failed: r.failed,
      skipped: r.skipped ?? 0,
    })),
  );
}

finish();
