/**
 * Per-call CPU overhead over a stub fetch (no network, no sockets): each contestant makes sequential
 * awaited calls against a fetch that answers at once with a new Response over a prebuilt body. Each
 * round runs the contestants in a shuffled order, every batch right after a batch of the raw baseline
 * (fetch + res.json() over the same bytes), and divides the two: load on a shared machine hits
 * numerator and denominator alike. Time is the process's CPU time (user + system, GC threads
 * included), which other processes on the machine do not inflate. Reported: the median over rounds
 * with the IQR.
 * Run alone: `node bench/cpu.mjs [--quick]` (prints JSON).
 */
import { performance } from "node:perf_hooks";
import { entryFile } from "./lib/pkg.mjs";
import { LIST, OPENAI_LIST, OPENAI_SMALL, SMALL, stubFetch } from "./lib/payloads.mjs";
import { cpuNow, summary } from "./lib/stats.mjs";

const API = "https://app.anomalyarmor.ai/api/v1";
const ASSET = "snowflake.prod.warehouse.orders";
const KEY = "aa_live_benchmark_key_0123456789";

async function contestants() {
  const { createTransport, FreshnessResource } = await import(entryFile("anomalyarmor"));
  const { createFetch } = await import("ofetch");
  const ky = (await import("ky")).default;
  const createClient = (await import("openapi-fetch")).default;
  const OpenAI = (await import("openai")).default;

  const headers = { authorization: `Bearer ${KEY}`, accept: "application/json" };
  const raw = (body) => {
    const f = stubFetch(body);
    return async (url) => {
      const res = await f(url, { method: "GET", headers });
      return res.json();
    };
  };
  const armor = (body, validate) => new FreshnessResource(createTransport({ apiKey: KEY, apiUrl: API, fetch: stubFetch(body), validate }));
  const $ofetch = (body) => createFetch({ fetch: stubFetch(body) });
  const $ky = (body) => ky.create({ fetch: stubFetch(body), retry: 0, headers });
  const $openapi = (body) => createClient({ baseUrl: API, fetch: stubFetch(body), headers });
  const $openai = (body) => new OpenAI({ apiKey: KEY, baseURL: API, fetch: stubFetch(body) });

  const one = `${API}/sdk/freshness/${ASSET}`;
  const many = `${API}/sdk/freshness?limit=100&offset=0`;
  const fns = {};
  for (const [size, body, url] of [["small", SMALL, one], ["list", LIST, many]]) {
    const r = raw(body);
    fns[`raw/${size}`] = () => r(url);
    const on = armor(body, "always");
    const off = armor(body, "off");
    fns[`anomalyarmor/${size}`] = size === "small" ? () => on.get(ASSET) : () => on.list({ limit: 100 });
    fns[`anomalyarmor validate:off/${size}`] = size === "small" ? () => off.get(ASSET) : () => off.list({ limit: 100 });
    const o = $ofetch(body);
    fns[`ofetch/${size}`] = () => o(url, { headers });
    const k = $ky(body);
    fns[`ky/${size}`] = () => k.get(url).json();
    const c = $openapi(body);
    fns[`openapi-fetch/${size}`] = size === "small"
      ? () => c.GET("/sdk/freshness/{asset_id}", { params: { path: { asset_id: ASSET } } })
      : () => c.GET("/sdk/freshness", { params: { query: { limit: 100, offset: 0 } } });
  }
  // The openai SDK reads its own response shapes; its baseline is raw fetch over the same bytes.
  const ra = raw(OPENAI_SMALL);
  const rl = raw(OPENAI_LIST);
  fns["raw openai-shape/small"] = () => ra(`${API}/models/gpt-bench`);
  fns["raw openai-shape/list"] = () => rl(`${API}/models`);
  const oa = $openai(OPENAI_SMALL);
  const ol = $openai(OPENAI_LIST);
  fns["openai/small"] = () => oa.models.retrieve("gpt-bench");
  fns["openai/list"] = async () => (await ol.models.list()).data;
  return fns;
}

const BASELINE = (name) => (name.startsWith("openai/") ? `raw openai-shape/${name.split("/")[1]}` : `raw/${name.split("/")[1]}`);

// BENCH_CLOCK=wall measures wall time instead, to compare.
const clock = process.env.BENCH_CLOCK === "wall" ? () => performance.now() * 1000 : cpuNow;

/** CPU µs per call over `iters` sequential awaited calls. */
async function batch(fn, iters) {
  const t0 = clock();
  for (let i = 0; i < iters; i++) await fn();
  return (clock() - t0) / iters;
}

function shuffle(list) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * @param rounds - rounds; in each, every contestant runs one batch right after a batch of its raw
 *   baseline, so each ratio compares two neighbouring slices of time
 * @param batchMs - target duration of one batch
 */
export async function measureCpu({ rounds = 31, batchMs = 40, log = () => {} } = {}) {
  const fns = await contestants();
  // Sanity: every contestant must really parse the payload.
  for (const [name, fn] of Object.entries(fns)) {
    const out = await fn();
    if (!out || typeof out !== "object") throw new Error(`${name} returned ${typeof out}`);
  }
  // Warm up (JIT) and size each batch to ~batchMs.
  const iters = {};
  for (const [name, fn] of Object.entries(fns)) {
    await batch(fn, name.endsWith("/list") ? 300 : 3000);
    const per = await batch(fn, name.endsWith("/list") ? 200 : 2000);
    iters[name] = Math.max(20, Math.round((batchMs * 1000) / per));
  }
  const contenders = Object.keys(fns).filter((n) => !n.startsWith("raw"));
  const samples = Object.fromEntries(contenders.map((n) => [n, []]));
  const baseSamples = Object.fromEntries(contenders.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of shuffle(contenders)) {
      const base = BASELINE(name);
      // No forced gc() between batches: its concurrent sweeping would be charged to the next batch.
      baseSamples[name].push(await batch(fns[base], iters[base]));
      samples[name].push(await batch(fns[name], iters[name]));
    }
    log(`cpu: round ${r + 1}/${rounds}`);
  }
  const rows = contenders.map((name) => {
    const [who, size] = name.split("/");
    const ratios = samples[name].map((t, i) => t / baseSamples[name][i]);
    return { name: who, size, iters: iters[name], usPerCall: summary(samples[name]), baselineUs: summary(baseSamples[name]), ratio: summary(ratios) };
  });
  const baselines = ["small", "list"].map((size) => {
    const all = contenders.filter((n) => n.endsWith(`/${size}`) && !n.startsWith("openai")).flatMap((n) => baseSamples[n]);
    return { name: `raw/${size}`, usPerCall: summary(all) };
  });
  return { rounds, batchMs, rows, baselines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  const result = await measureCpu({ rounds: quick ? 5 : 31, batchMs: quick ? 30 : 40, log: (m) => console.error(m) });
  console.log(JSON.stringify(result, null, 2));
}
