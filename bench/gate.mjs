/**
 * The freshness gate's upstream traffic: 10,000 gated requests arrive in waves of 100 concurrent
 * requests while an injected clock crosses TTL boundaries; the stub fetch behind the gate's client
 * counts the freshness reads it answers (5 ms each, so waves overlap the reads in flight).
 * Run alone: `node bench/gate.mjs` (prints JSON).
 */
import { entryFile } from "./lib/pkg.mjs";
import { stubFetch, status } from "./lib/payloads.mjs";
import { cpuNow, summary } from "./lib/stats.mjs";

const { createTransport, FreshnessResource } = await import(entryFile("anomalyarmor"));
const { createFreshnessGate } = await import(entryFile("anomalyarmor/adapters"));

const TTL = 60_000;
const ASSETS = ["snowflake.prod.warehouse.orders", "snowflake.prod.warehouse.customers"];
const FRESH = JSON.stringify({ data: { ...status(1), status: "fresh", is_stale: false, hours_since_update: 1 } });

function setup({ assets = ASSETS, delayMs = 5 } = {}) {
  const fetch = stubFetch(FRESH, { delayMs });
  const clock = { t: 1_000_000 };
  // asset → clock times of the upstream reads
  const perAsset = new Map(assets.map((a) => [a, []]));
  const counting = (input, init) => {
    const asset = decodeURIComponent(String(input).split("/sdk/freshness/")[1] ?? "");
    perAsset.get(asset)?.push(clock.t);
    return fetch(input, init);
  };
  const client = new FreshnessResource(createTransport({ apiKey: "aa_live_bench", fetch: counting }));
  const gate = createFreshnessGate({ assets, client, ttlMs: TTL, max_age_hours: 24, now: () => clock.t });
  return { gate, clock, fetch, perAsset };
}

/**
 * @param span - simulated ms the 10,000 requests are spread over
 * @param withCtx - pass a waitUntil context (expired reads are served while a refresh runs behind them)
 */
async function scenario(name, { span, withCtx, waves = 100, perWave = 100, warmFirst = false }) {
  const { gate, clock, perAsset } = setup();
  let start = clock.t;
  if (warmFirst) {
    // One request fills the cache; the burst then lands exactly when that read expires.
    await gate.check(new Request("https://edge.example.com/"));
    start = clock.t += TTL;
    for (const times of perAsset.values()) times.length = 0;
  }
  const pending = [];
  const ctx = withCtx ? { waitUntil: (p) => pending.push(p) } : undefined;
  const request = new Request("https://edge.example.com/reports/daily");
  let allowed = 0;
  for (let w = 0; w < waves; w++) {
    clock.t = start + Math.floor((span * w) / Math.max(1, waves - 1));
    const decisions = await Promise.all(Array.from({ length: perWave }, () => gate.check(request, undefined, ctx)));
    allowed += decisions.filter((d) => d.allow).length;
  }
  await Promise.all(pending);
  const checks = ASSETS.map((a) => perAsset.get(a).length);
  // The closest two upstream reads of one asset came, in TTLs (≥ 1 means at most one read per TTL).
  const gaps = ASSETS.flatMap((a) =>
    perAsset
      .get(a)
      .slice(1)
      .map((t, i) => t - perAsset.get(a)[i]),
  );
  return {
    name,
    requests: waves * perWave,
    spanTtls: span / TTL,
    checksPerAsset: checks,
    minGapTtls: gaps.length ? Math.min(...gaps) / TTL : null,
    allowed,
  };
}

async function hitCost(rounds = 15) {
  const { gate, clock } = setup({ delayMs: undefined });
  const request = new Request("https://edge.example.com/reports/daily");
  await gate.check(request);
  clock.t += 1;
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const n = 20_000;
    const t0 = cpuNow();
    for (let i = 0; i < n; i++) await gate.check(request);
    samples.push((cpuNow() - t0) / n);
  }
  return summary(samples);
}

export async function measureGate() {
  const scenarios = [
    await scenario("10,000 requests over 2.5 TTLs, no waitUntil", { span: 2.5 * TTL, withCtx: false }),
    await scenario("10,000 requests over 2.5 TTLs, with waitUntil (serve-stale refresh)", {
      span: 2.5 * TTL,
      withCtx: true,
    }),
    await scenario("10,000 requests over 10 TTLs, no waitUntil", { span: 10 * TTL, withCtx: false }),
    await scenario("10,000 concurrent requests the instant a read expires", {
      span: 0,
      withCtx: false,
      waves: 1,
      perWave: 10_000,
      warmFirst: true,
    }),
  ];
  return { ttlMs: TTL, assets: ASSETS.length, scenarios, hitUs: await hitCost() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureGate(), null, 2));
}
