/**
 * The query layer over query-core: how many requests 1,000 concurrent identical reads make, what a
 * cache hit costs next to a plain query-core fetchQuery and a Map lookup, and what a refetch of a
 * 100-item list costs next to the direct SDK call (structural sharing runs on every refetch).
 * Run alone: `node bench/query.mjs [--quick]` (prints JSON).
 */
import { QueryClient } from "@tanstack/query-core";
import { entryFile } from "./lib/pkg.mjs";
import { LIST, SMALL, stubFetch } from "./lib/payloads.mjs";
import { cpuNow, summary } from "./lib/stats.mjs";

const API = "https://app.anomalyarmor.ai/api/v1";
const ASSET = "snowflake.prod.warehouse.orders";
const KEY = "aa_live_benchmark_key_0123456789";

const { Client } = await import(entryFile("anomalyarmor"));
const { armorQueries, armorKeys } = await import(entryFile("anomalyarmor/query"));

async function dedupe() {
  // The stub answers after 5 ms, so all 1,000 reads are in flight together.
  const fetch = stubFetch(SMALL, { delayMs: 5 });
  const client = new Client({ apiKey: KEY, apiUrl: API, fetch });
  const q = armorQueries(client);
  const qc = new QueryClient();
  const first = await Promise.all(Array.from({ length: 1000 }, () => qc.fetchQuery(q.freshness.get(ASSET))));
  const afterConcurrent = fetch.calls;
  await Promise.all(Array.from({ length: 1000 }, () => qc.fetchQuery(q.freshness.get(ASSET))));
  const afterWarm = fetch.calls - afterConcurrent;
  // The same 1,000 reads without the query layer.
  const direct = stubFetch(SMALL, { delayMs: 5 });
  const plain = new Client({ apiKey: KEY, apiUrl: API, fetch: direct });
  await Promise.all(Array.from({ length: 1000 }, () => plain.freshness.get(ASSET)));
  qc.clear();
  return {
    concurrentReads: 1000,
    requestsConcurrent: afterConcurrent,
    requestsWithinStaleTime: afterWarm,
    requestsWithoutQueryLayer: direct.calls,
    sameObject: first.every((x) => x === first[0]),
  };
}

// CPU µs per call (see lib/stats.mjs cpuNow).
async function timeAsync(fn, iters) {
  const t0 = cpuNow();
  for (let i = 0; i < iters; i++) await fn();
  return (cpuNow() - t0) / iters;
}

function timeSync(fn, iters) {
  let sink = 0;
  const t0 = cpuNow();
  for (let i = 0; i < iters; i++) if (fn() !== undefined) sink++;
  const us = (cpuNow() - t0) / iters;
  if (sink < 0) console.log(sink);
  return us;
}

async function hitCost({ rounds, batchMs }) {
  const client = new Client({ apiKey: KEY, apiUrl: API, fetch: stubFetch(SMALL) });
  const q = armorQueries(client);
  const keys = armorKeys(client);
  const qc = new QueryClient();
  await qc.fetchQuery(q.freshness.get(ASSET));
  const plainKey = ["freshness", ASSET];
  const plainFn = () => client.freshness.get(ASSET);
  await qc.fetchQuery({ queryKey: plainKey, queryFn: plainFn, staleTime: 30_000 });
  const ready = JSON.stringify(plainKey);
  const map = new Map([[ready, { data: 1 }]]);
  for (let i = 0; i < 1000; i++) map.set(`k${i}`, { data: i });

  const cases = {
    // A lookup by a ready string key: the floor of any cache.
    "Map.get": [false, () => map.get(ready)],
    // The same, hashing the array key first as query-core does.
    "Map.get(JSON.stringify(key))": [false, () => map.get(JSON.stringify(plainKey))],
    "getQueryData (our key)": [false, () => qc.getQueryData(keys.freshness.get(ASSET))],
    "fetchQuery, plain options": [
      true,
      () => qc.fetchQuery({ queryKey: plainKey, queryFn: plainFn, staleTime: 30_000 }),
    ],
    "fetchQuery(q.freshness.get(id))": [true, () => qc.fetchQuery(q.freshness.get(ASSET))],
  };
  const iters = {};
  for (const [name, [isAsync, fn]] of Object.entries(cases)) {
    const probe = isAsync ? await timeAsync(fn, 20_000) : timeSync(fn, 200_000);
    iters[name] = Math.max(1000, Math.round((batchMs * 1000) / probe));
  }
  const samples = Object.fromEntries(Object.keys(cases).map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, [isAsync, fn]] of Object.entries(cases)) {
      samples[name].push(isAsync ? await timeAsync(fn, iters[name]) : timeSync(fn, iters[name]));
    }
  }
  const plain = samples["fetchQuery, plain options"];
  const mapS = samples["Map.get"];
  return Object.entries(samples).map(([name, s]) => ({
    name,
    usPerCall: summary(s),
    vsPlainFetchQuery: summary(s.map((t, i) => t / plain[i])),
    vsMap: summary(s.map((t, i) => t / mapS[i])),
  }));
}

async function refetchCost({ rounds, batchMs }) {
  const client = new Client({ apiKey: KEY, apiUrl: API, fetch: stubFetch(LIST) });
  const q = armorQueries(client);
  const qc = new QueryClient();
  const opts = () => ({ ...q.freshness.list({ limit: 100 }), staleTime: 0 });
  await qc.fetchQuery(opts());
  const cases = {
    "freshness.list (direct)": () => client.freshness.list({ limit: 100 }),
    "fetchQuery refetch (staleTime 0)": () => qc.fetchQuery(opts()),
    "fetchQuery refetch, structuralSharing off": () => qc.fetchQuery({ ...opts(), structuralSharing: false }),
  };
  const iters = {};
  for (const [name, fn] of Object.entries(cases)) {
    const probe = await timeAsync(fn, 300);
    iters[name] = Math.max(20, Math.round((batchMs * 1000) / probe));
  }
  const samples = Object.fromEntries(Object.keys(cases).map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      samples[name].push(await timeAsync(fn, iters[name]));
    }
  }
  const base = samples["freshness.list (direct)"];
  return Object.entries(samples).map(([name, s]) => ({
    name,
    usPerCall: summary(s),
    vsDirect: summary(s.map((t, i) => t / base[i])),
  }));
}

export async function measureQuery({ rounds = 15, batchMs = 100 } = {}) {
  return {
    dedupe: await dedupe(),
    hits: await hitCost({ rounds, batchMs }),
    refetch: await refetchCost({ rounds, batchMs }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  console.log(JSON.stringify(await measureQuery(quick ? { rounds: 5, batchMs: 50 } : {}), null, 2));
}
