/**
 * Bundle size of one typical call: esbuild bundles each fixture for the browser, minified, so that
 * tree-shaking drops what the call does not reach; then gzip (level 9) and brotli (quality 11). The
 * bundling is the size budgets' own (test/package/measure.mjs), so bench and budgets count alike.
 * Run alone: `node bench/size.mjs` (prints JSON).
 */
import { measureBundle } from "../test/package/measure.mjs";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { BENCH, PKG } from "./lib/pkg.mjs";

const URL_ = "https://app.anomalyarmor.ai/api/v1";
const ASSET = "snowflake.prod.warehouse.orders";

/** name → [group, what, source]. Every fixture makes exactly one GET and keeps its result alive. */
export const FIXTURES = {
  "raw-fetch": [
    "baseline",
    "fetch + res.json()",
    `
    const res = await fetch("${URL_}/sdk/freshness/${ASSET}", { headers: { authorization: "Bearer k" } });
    console.log(await res.json());`,
  ],
  "armor-lean": [
    "anomalyarmor",
    "createTransport + FreshnessResource + requireFresh",
    `
    import { createTransport, FreshnessResource } from "anomalyarmor";
    const freshness = new FreshnessResource(createTransport({ apiKey: () => "token" }));
    console.log(await freshness.requireFresh("${ASSET}", { max_age_hours: 24 }));`,
  ],
  "armor-client": [
    "anomalyarmor",
    "new Client() + freshness.requireFresh (every resource wired)",
    `
    import { Client } from "anomalyarmor";
    const client = new Client({ apiKey: () => "token" });
    console.log(await client.freshness.requireFresh("${ASSET}", { max_age_hours: 24 }));`,
  ],
  "armor-query": [
    "anomalyarmor",
    "Client + armorQueries + QueryClient.fetchQuery (query-core included)",
    `
    import { QueryClient } from "@tanstack/query-core";
    import { Client } from "anomalyarmor";
    import { armorQueries } from "anomalyarmor/query";
    const q = armorQueries(new Client({ apiKey: () => "token" }));
    console.log(await new QueryClient().fetchQuery(q.freshness.get("${ASSET}")));`,
  ],
  "query-core-only": [
    "baseline",
    "QueryClient.fetchQuery over plain fetch (query-core alone)",
    `
    import { QueryClient } from "@tanstack/query-core";
    const queryFn = () => fetch("${URL_}/sdk/freshness/${ASSET}").then((r) => r.json());
    console.log(await new QueryClient().fetchQuery({ queryKey: ["freshness", "${ASSET}"], queryFn }));`,
  ],
  "armor-query-entry": [
    "anomalyarmor",
    "all of anomalyarmor/query, query-core left out (what the size budget counts)",
    `
    export * from "anomalyarmor/query";`,
    ["@tanstack/query-core"],
  ],
  "armor-gate": [
    "anomalyarmor",
    "withFreshnessGate around a Workers handler (default env reader)",
    `
    import { withFreshnessGate } from "anomalyarmor/adapters";
    export default { fetch: withFreshnessGate(() => new Response("ok"), { assets: "${ASSET}", max_age_hours: 24 }) };`,
  ],
  openai: [
    "peer",
    "new OpenAI().models.retrieve()",
    `
    import OpenAI from "openai";
    const client = new OpenAI({ apiKey: "k", dangerouslyAllowBrowser: true });
    console.log(await client.models.retrieve("gpt-4o"));`,
  ],
  "@octokit/core": [
    "peer",
    'new Octokit().request("GET /repos/{owner}/{repo}")',
    `
    import { Octokit } from "@octokit/core";
    const octokit = new Octokit({ auth: "k" });
    console.log(await octokit.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" }));`,
  ],
  "openapi-fetch": [
    "peer",
    'createClient().GET("/sdk/freshness/{asset_id}")',
    `
    import createClient from "openapi-fetch";
    const client = createClient({ baseUrl: "${URL_}", headers: { authorization: "Bearer k" } });
    console.log(await client.GET("/sdk/freshness/{asset_id}", { params: { path: { asset_id: "${ASSET}" } } }));`,
  ],
  ky: [
    "peer",
    "ky.get(url).json()",
    `
    import ky from "ky";
    console.log(await ky.get("${URL_}/sdk/freshness/${ASSET}", { headers: { authorization: "Bearer k" } }).json());`,
  ],
  ofetch: [
    "peer",
    "ofetch(url)",
    `
    import { ofetch } from "ofetch";
    console.log(await ofetch("${URL_}/sdk/freshness/${ASSET}", { headers: { authorization: "Bearer k" } }));`,
  ],
  axios: [
    "peer",
    "axios.get(url)",
    `
    import axios from "axios";
    console.log((await axios.get("${URL_}/sdk/freshness/${ASSET}", { headers: { authorization: "Bearer k" } })).data);`,
  ],
};

/** Minified bytes per package (or per module of ours), largest first: what a bundle is made of. */
function byModule(inputs) {
  const out = {};
  for (const [file, bytes] of Object.entries(inputs)) {
    if (!bytes) continue;
    const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
    const ours = file.match(/\.pkg\/dist\/(.+)\.js$/)?.[1];
    const key = pkg ?? (ours ? `anomalyarmor/${ours}` : "(fixture)");
    out[key] = (out[key] ?? 0) + bytes;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/**
 * Measures every fixture with the size budgets' own measurement (test/package/measure.mjs: esbuild,
 * browser, minified, gzip 9), against the dist snapshot, and adds brotli (quality 11).
 */
export async function measureSizes() {
  const out = path.join(BENCH, ".out/size");
  mkdirSync(out, { recursive: true });
  const rows = [];
  for (const [name, [group, what, source, external]] of Object.entries(FIXTURES)) {
    const m = await measureBundle(source, { packageDir: PKG, external: external ?? [] });
    const code = Buffer.from(m.code);
    writeFileSync(path.join(out, `${name.replace(/\//g, "_")}.js`), code);
    rows.push({
      name,
      group,
      what,
      modules: byModule(m.inputs),
      min: m.minified,
      gzip: m.gzipped,
      brotli: brotliCompressSync(code, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
      }).length,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { preparePackage } = await import("./lib/pkg.mjs");
  preparePackage({ build: !process.argv.includes("--no-build") });
  console.log(JSON.stringify(await measureSizes(), null, 2));
}
