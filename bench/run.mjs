/**
 * `npm run bench`: builds dist/ if it is stale, then measures bundle size, per-call CPU overhead, the
 * query layer, the freshness gate, cold imports, memory on hostile bodies and the CLI's start-up, and writes
 * bench/results.json, bench/results.md and the table in bench/README.md. Each timing section runs in its own
 * node process.
 *
 * Flags: --quick (fewer rounds, for trying things), --no-build (measure dist/ as it is),
 * --only=size,cpu,query,gate,cold,memory,cli (a subset). README.md and results.* are rewritten by full runs only.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { preparePackage, BENCH, versionOf } from "./lib/pkg.mjs";
import { render } from "./lib/report.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const want = (s) => !only || only.includes(s);
const log = (m) => process.stderr.write(`${m}\n`);

const started = Date.now();
const loadBefore = os.loadavg();
const built = preparePackage({ build: !args.includes("--no-build"), log });

function section(script, extra = []) {
  log(`→ ${script}`);
  const r = spawnSync(process.execPath, [path.join(BENCH, script), ...(quick ? ["--quick"] : []), ...extra], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status})`);
  return JSON.parse(r.stdout);
}

const results = {
  date: new Date().toISOString(),
  quick,
  sizes: want("size") ? section("size.mjs", ["--no-build"]) : undefined,
  cpu: want("cpu") ? section("cpu.mjs") : undefined,
  query: want("query") ? section("query.mjs") : undefined,
  gate: want("gate") ? section("gate.mjs") : undefined,
  cold: want("cold") ? section("cold.mjs") : undefined,
  memory: want("memory") ? section("memory.mjs", ["--no-build"]) : undefined,
  cli: want("cli") ? section("cli.mjs") : undefined,
  versions: Object.fromEntries(
    [
      "anomalyarmor",
      "ofetch",
      "valibot",
      "@tanstack/query-core",
      "openai",
      "@octokit/core",
      "openapi-fetch",
      "ky",
      "axios",
      "esbuild",
    ].map((p) => [p, versionOf(p)]),
  ),
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    loadBefore: loadBefore.map((x) => Number(x.toFixed(2))),
    loadAfter: os.loadavg().map((x) => Number(x.toFixed(2))),
    builtDist: built,
    seconds: Math.round((Date.now() - started) / 1000),
  },
};

const md = render(results);
process.stdout.write(`${md}\n`);
if (!only && !quick) {
  writeFileSync(path.join(BENCH, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(
    path.join(BENCH, "results.md"),
    `# Benchmark results\n\nWritten by \`npm run bench\`; see README.md for what each figure means.\n\n${md}\n`,
  );
  const readme = path.join(BENCH, "README.md");
  const text = readFileSync(readme, "utf8");
  const start = "<!-- results:start -->";
  const end = "<!-- results:end -->";
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) {
    writeFileSync(readme, `${text.slice(0, a + start.length)}\n${md}\n${text.slice(b)}`);
    log("bench/README.md, bench/results.md and bench/results.json updated");
  } else {
    log("bench/README.md has no results markers: wrote bench/results.md and bench/results.json only");
  }
}
log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
