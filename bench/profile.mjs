/**
 * Where one call's time goes: runs a contestant in a loop under the V8 sampling profiler and prints
 * self time per function (top N) and per file. `node bench/profile.mjs <small|list> [validate] [seconds]`
 * — validate is `always` (default) or `off`; use `raw` to profile the baseline.
 */
import { Session } from "node:inspector/promises";
import { entryFile } from "./lib/pkg.mjs";
import { LIST, SMALL, stubFetch } from "./lib/payloads.mjs";

const [size = "small", mode = "always", seconds = "4"] = process.argv.slice(2);
const { createTransport, FreshnessResource } = await import(
  process.env.BENCH_MODULE
    ? new URL(process.env.BENCH_MODULE, `file://${process.cwd()}/`).href
    : entryFile("anomalyarmor")
);
const body = size === "list" ? LIST : SMALL;
let fn;
if (mode === "raw") {
  const f = stubFetch(body);
  fn = async () => (await f("https://x/y", { headers: { authorization: "Bearer k" } })).json();
} else {
  const r = new FreshnessResource(createTransport({ apiKey: "aa_live_k", fetch: stubFetch(body), validate: mode }));
  fn = size === "list" ? () => r.list({ limit: 100 }) : () => r.get("snowflake.prod.warehouse.orders");
}
for (let i = 0; i < 2000; i++) await fn();
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 50 });
await session.post("Profiler.start");
const end = Date.now() + Number(seconds) * 1000;
let calls = 0;
while (Date.now() < end) {
  for (let i = 0; i < 100; i++) await fn();
  calls += 100;
}
const { profile } = await session.post("Profiler.stop");
const byFn = new Map();
const byFile = new Map();
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++)
  dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
let total = 0;
for (const node of profile.nodes) {
  const t = dt.get(node.id) ?? 0;
  total += t;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = (url || "(native)")
    .replace(/.*node_modules\//, "")
    .replace(/.*bench\/\.pkg\//, "")
    .replace(/^node:/, "node:");
  const key = `${functionName || "(anon)"} ${file}:${lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  byFile.set(file, (byFile.get(file) ?? 0) + t);
}
const perCall = (t) => `${(t / calls).toFixed(2)} µs/call`;
console.log(`${calls} calls, ${(total / 1000).toFixed(0)} ms sampled, ${perCall(total)}`);
console.log("\nby file:");
for (const [k, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`  ${perCall(t).padStart(16)}  ${k}`);
const lines = new Map();
for (const node of profile.nodes) {
  if (!node.positionTicks || !/bench\/\.out|\.pkg\/dist|\/dist\/core/.test(node.callFrame.url)) continue;
  for (const { line, ticks } of node.positionTicks) {
    const key = `${node.callFrame.url.replace(/.*\//, "")}:${line} ${node.callFrame.functionName}`;
    lines.set(key, (lines.get(key) ?? 0) + ticks);
  }
}
const ticks = profile.samples.length;
if (process.env.LINES) {
  console.log("\nhot lines of ours (share of samples):");
  for (const [k, t] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * t) / ticks).toFixed(2).padStart(6)}%  ${k}`);
}
console.log("\nby function:");
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(`  ${perCall(t).padStart(16)}  ${k}`);
