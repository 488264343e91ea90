/**
 * Per-call CPU overhead over a stub fetch (no network, no sockets): each contestant makes sequential
 * awaited calls against a fetch that answers at once with a new Response over a prebuilt body. Each
 * contestant runs in a fresh process, with the raw baseline (fetch + res.json() over the same bytes):
 * every round alternates ~1 ms chunks of the two and divides the sums, so load on a shared machine
 * hits numerator and denominator alike. Time is the process's CPU time (user + system, GC threads
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
  const armor = (body, validate) =>
    new FreshnessResource(createTransport({ apiKey: KEY, apiUrl: API, fetch: stubFetch(body), validate }));
  const $ofetch = (body) => createFetch({ fetch: stubFetch(body) });
  const $ky = (body) => ky.create({ fetch: stubFetch(body), retry: 0, headers });
  const $openapi = (body) => createClient({ baseUrl: API, fetch: stubFetch(body), headers });
  const $openai = (body) => new OpenAI({ apiKey: KEY, baseURL: API, fetch: stubFetch(body) });

  const one = `${API}/sdk/freshness/${ASSET}`;
  const many = `${API}/sdk/freshness?limit=100&offset=0`;
  const fns = {};
  for (const [size, body, url] of [
    ["small", SMALL, one],
    ["list", LIST, many],
  ]) {
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
    fns[`openapi-fetch/${size}`] =
      size === "small"
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

const BASELINE = (name) =>
  name.startsWith("openai/") ? `raw openai-shape/${name.split("/")[1]}` : `raw/${name.split("/")[1]}`;

// BENCH_CLOCK=wall measures wall time instead, to compare.
const clock = process.env.BENCH_CLOCK === "wall" ? () => performance.now() * 1000 : cpuNow;

/** CPU µs per call over `iters` sequential awaited calls. */
async function batch(fn, iters) {
  const t0 = clock();
  for (let i = 0; i < iters; i++) await fn();
  return (clock() - t0) / iters;
}

/**
 * @param rounds - rounds; in each, every contestant runs one batch right after a batch of its raw
 *   baseline, so each ratio compares two neighbouring slices of time
 * @param batchMs - target duration of one batch
 */
/**
 * Measures one contestant against its raw baseline, in this process.
 * @param name - e.g. `anomalyarmor/small`
 */
export async function measureOne(name, { rounds = 31, batchMs = 40 } = {}) {
  const fns = await contestants();
  const base = BASELINE(name);
  for (const n of [base, name]) {
    const out = await fns[n]();
    // Sanity: every contestant must really parse the payload.
    if (!out || typeof out !== "object") throw new Error(`${n} returned ${typeof out}`);
  }
  // Warm up (JIT) and size each batch to ~batchMs.
  const iters = {};
  for (const n of [base, name]) {
    const probe = n.endsWith("/list") ? 200 : 2000;
    await batch(fns[n], 3 * probe);
    // The fastest of three probes: early ones still pay for JIT compilation on other threads.
    const per = Math.min(await batch(fns[n], probe), await batch(fns[n], probe), await batch(fns[n], probe));
    iters[n] = Math.max(20, Math.round((batchMs * 1000) / per));
  }
  // A round's batch is cut into chunks of ~1 ms that alternate with chunks of the baseline, so a burst
  // of load from elsewhere lands on both sides of the ratio instead of on one whole batch.
  const chunks = Math.max(4, Math.round(batchMs));
  const bi = Math.max(1, Math.round(iters[base] / chunks));
  const ci = Math.max(1, Math.round(iters[name] / chunks));
  const samples = [];
  const baseSamples = [];
  for (let r = 0; r < rounds; r++) {
    let b = 0;
    let c = 0;
    for (let k = 0; k < chunks; k++) {
      b += await batch(fns[base], bi);
      c += await batch(fns[name], ci);
    }
    baseSamples.push(b / chunks);
    samples.push(c / chunks);
  }
  return { name, base, iters: iters[name], samples, baseSamples };
}

/**
 * A Node 20 binary to measure the SDK's own rows with as well (the oldest line `engines` allows): `NODE20`,
 * else the first `node` on PATH whose major version is 20; `undefined` when there is none.
 */
export async function findNode20() {
  const { spawnSync } = await import("node:child_process");
  const { delimiter, join } = await import("node:path");
  const candidates = [process.env.NODE20, ...(process.env.PATH ?? "").split(delimiter).map((d) => join(d, "node"))];
  for (const bin of candidates) {
    if (!bin) continue;
    const r = spawnSync(bin, ["-p", "process.versions.node"], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.startsWith("20.")) return { bin, version: r.stdout.trim() };
  }
  return undefined;
}

/**
 * Every contestant, each in a fresh node process of its own (no other library's JIT state or garbage),
 * on this node; then the SDK's own rows again on Node 20 where one is installed.
 */
export async function measureCpu({ rounds = 31, batchMs = 40, log = () => {} } = {}) {
  const { spawnSync } = await import("node:child_process");
  const all = Object.keys(await contestants()).filter((n) => !n.startsWith("raw"));
  const node20 = await findNode20();
  const runs = [
    ...all.map((name) => ({ name, bin: process.execPath, node: process.versions.node })),
    ...(node20
      ? all.filter((n) => n.startsWith("anomalyarmor")).map((name) => ({ name, bin: node20.bin, node: node20.version }))
      : []),
  ];
  const rows = [];
  const raw = { small: [], list: [] };
  for (const [i, { name, bin, node }] of runs.entries()) {
    const r = spawnSync(
      bin,
      [new URL(import.meta.url).pathname, `--one=${name}`, `--rounds=${rounds}`, `--batch=${batchMs}`],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    if (r.status !== 0) throw new Error(`cpu ${name} failed`);
    const one = JSON.parse(r.stdout);
    const [who, size] = name.split("/");
    const ratios = one.samples.map((t, k) => t / one.baseSamples[k]);
    rows.push({
      name: who,
      size,
      node,
      iters: one.iters,
      usPerCall: summary(one.samples),
      baselineUs: summary(one.baseSamples),
      ratio: summary(ratios),
    });
    if (!who.startsWith("openai") && node === process.versions.node) raw[size].push(...one.baseSamples);
    log(`cpu: ${i + 1}/${runs.length} ${name} (node ${node})`);
  }
  const baselines = ["small", "list"].map((size) => ({ name: `raw/${size}`, usPerCall: summary(raw[size]) }));
  return { rounds, batchMs, node: process.versions.node, node20: node20?.version, rows, baselines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const quick = process.argv.includes("--quick");
  const opts = {
    rounds: Number(arg("rounds") ?? (quick ? 5 : 31)),
    batchMs: Number(arg("batch") ?? (quick ? 30 : 40)),
  };
  const result = arg("one")
    ? await measureOne(arg("one"), opts)
    : await measureCpu({ ...opts, log: (m) => console.error(m) });
  console.log(JSON.stringify(result, null, 2));
}
