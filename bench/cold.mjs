/**
 * Cold import: a fresh `node` process per sample imports one entry and reports the CPU time the import
 * took (module resolution, loading, compilation, evaluation; node's own start-up excluded). Entries are
 * sampled round-robin so that load on the machine spreads over all of them.
 * Run alone: `node bench/cold.mjs [--quick]` (prints JSON).
 */
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { entryFile, ROOT } from "./lib/pkg.mjs";
import { summary } from "./lib/stats.mjs";

export const COLD_ENTRIES = {
  anomalyarmor: pathToFileURL(entryFile("anomalyarmor")).href,
  "anomalyarmor/query": pathToFileURL(entryFile("anomalyarmor/query")).href,
  "anomalyarmor/adapters": pathToFileURL(entryFile("anomalyarmor/adapters")).href,
  "@tanstack/query-core": "@tanstack/query-core",
  openai: "openai",
  "@octokit/core": "@octokit/core",
  "openapi-fetch": "openapi-fetch",
  ky: "ky",
  ofetch: "ofetch",
  axios: "axios",
};

function once(specifier) {
  // CPU time of the import (user + system, all threads), in ms: what load on the machine does not inflate.
  const code = `const c = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }; const t = c(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(c() - t));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`import ${specifier} failed: ${r.stderr}`);
  return Number(r.stdout);
}

export function measureCold({ runs = 15, log = () => {} } = {}) {
  const samples = Object.fromEntries(Object.keys(COLD_ENTRIES).map((k) => [k, []]));
  for (const spec of Object.values(COLD_ENTRIES)) once(spec); // fill the OS file cache
  for (let i = 0; i < runs; i++) {
    for (const [name, spec] of Object.entries(COLD_ENTRIES)) samples[name].push(once(spec));
    log(`cold: run ${i + 1}/${runs}`);
  }
  return { runs, rows: Object.entries(samples).map(([name, s]) => ({ name, ms: summary(s) })) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(measureCold({ runs: process.argv.includes("--quick") ? 5 : 15 }), null, 2));
}
