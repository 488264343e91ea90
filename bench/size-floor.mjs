/**
 * What the lean and gate bundles are made of, layer by layer: the README's "Size budgets" table.
 * Each row bundles a consumer the way the size budgets do (test/package/measure.mjs). The first row
 * needs a transport with response validation cut out, which no public entry offers: it is measured on
 * a copy of `dist/` whose `check` step returns the value as received (valibot and core/schemas are then
 * unreachable). The copy lives in a temporary directory; `dist/` itself is not touched.
 * Run: `npm run build && node bench/size-floor.mjs` (prints a Markdown table).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { KB, measureBundle, ROOT } from "../test/package/measure.mjs";

const ASSET = "snowflake.prod.warehouse.orders";
const transportOnly = `import { createTransport } from "anomalyarmor";
const t = createTransport({ apiKey: () => "token" });
console.log(await t.request({ method: "GET", path: "/sdk/health" }));`;

/** [what, consumer source, which build]. */
const ROWS = [
  ["`createTransport` + one request, response validation cut out entirely", transportOnly, "unvalidated"],
  ["the same with validation (valibot's `safeParse`)", transportOnly, "dist"],
  [
    "that + `getFreshness` (the `FreshnessStatus` model), the gate's reader",
    // Not a public export: the gate reaches it through its own module, as this does.
    `import { createTransport } from "anomalyarmor";
import { getFreshness } from "./dist/resources/freshness.js";
console.log(await getFreshness(createTransport({ apiKey: () => "token" }), "${ASSET}"));`,
    "dist",
  ],
  [
    "that + the gate's own logic (single flight, TTL cache, problem+json, headers): **gate**",
    `import { withFreshnessGate } from "anomalyarmor/adapters";
export default { fetch: withFreshnessGate(() => new Response("ok"), { assets: "${ASSET}", max_age_hours: 24 }) };`,
    "dist",
  ],
  [
    "the transport + the whole `FreshnessResource` (every method, model and param rule): **lean**",
    `import { createTransport, FreshnessResource } from "anomalyarmor";
const freshness = new FreshnessResource(createTransport({ apiKey: () => "token" }));
console.log(await freshness.requireFresh("${ASSET}", { max_age_hours: 24 }));`,
    "dist",
  ],
];

/** A copy of the package whose transport skips response validation. */
function unvalidatedCopy() {
  const dir = mkdtempSync(path.join(tmpdir(), "armor-floor-"));
  cpSync(path.join(ROOT, "dist"), path.join(dir, "dist"), { recursive: true });
  cpSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const file = path.join(dir, "dist", "core", "http.js");
  const source = readFileSync(file, "utf8");
  const start = source.indexOf("  function check(");
  const end = source.indexOf("  function envelope(");
  if (start < 0 || end < start)
    throw new Error("dist/core/http.js has no check() step to cut: update bench/size-floor.mjs");
  writeFileSync(file, `${source.slice(0, start)}  function check(spec, value) { return value; }\n${source.slice(end)}`);
  return dir;
}

const copy = unvalidatedCopy();
try {
  console.log("| what is bundled | gzip | minified |\n|---|--:|--:|");
  for (const [what, source, build] of ROWS) {
    const packageDir = build === "dist" ? ROOT : copy;
    const m = await measureBundle(source.replace("./dist/", `${packageDir}/dist/`), { packageDir });
    console.log(`| ${what} | ${(m.gzipped / KB).toFixed(1)} KB | ${(m.minified / KB).toFixed(1)} KB |`);
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
