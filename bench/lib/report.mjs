/** Renders a run's results as the markdown tables README.md and results.md show. */
import { fmtRatio, fmtTime } from "./stats.mjs";

// 1 KB = 1,024 bytes, as the size budgets (test/package/size.test.ts) count.
const kB = (n) => `${(n / 1024).toFixed(1)} KB`;
const mark = (ok) => (ok ? "✅" : "❌");
const ms = (s) => `${s.median.toFixed(1)} ms (${s.q1.toFixed(1)}–${s.q3.toFixed(1)})`;

/** The targets of issue 14: lean ≤ 15 KB gzip (the size test holds a looser line: README "Size budgets"), CPU ratios (Node 20: the list ≤ 2×). */
export const TARGETS = { leanGzip: 15 * 1024, small: 1.5, list: 1.8, off: 1.3, node20List: 2, checksPerTtl: 1 };

function sizes(rows) {
  const out = [
    "### Bundle size — one typical call, esbuild `--bundle --minify --platform=browser`",
    "",
    "| bundle | the call | minified | gzip | brotli |",
    "|---|---|--:|--:|--:|",
  ];
  for (const r of rows) {
    const name = r.group === "anomalyarmor" ? `**${r.name}**` : r.group === "baseline" ? `_${r.name}_` : r.name;
    out.push(`| ${name} | ${r.what} | ${kB(r.min)} | ${kB(r.gzip)} | ${kB(r.brotli)} |`);
  }
  const lean = rows.find((r) => r.name === "armor-lean");
  const entry = rows.find((r) => r.name === "armor-query-entry");
  const qc = rows.find((r) => r.name === "query-core-only");
  out.push("");
  if (lean) {
    out.push(
      `Budget: lean freshness ≤ ${kB(TARGETS.leanGzip)} gzip → ${kB(lean.gzip)} ${mark(lean.gzip <= TARGETS.leanGzip)}`,
    );
    // gzip is not additive; a module's share of the minified bytes is the honest split available.
    const parts = Object.entries(lean.modules ?? {}).filter(([, b]) => b >= 400);
    out.push(
      "",
      `What armor-lean is made of (minified bytes, ≈ gzip at the bundle's ratio): ` +
        parts
          .map(([m, b]) => `${m.replace("anomalyarmor/", "")} ${kB(b)} (≈ ${kB((b * lean.gzip) / lean.min)})`)
          .join(", ") +
        ".",
    );
  }
  if (entry && qc) {
    out.push(
      `\nThe whole query entry is ${kB(entry.gzip)} gzip on top of query-core, which (with a plain fetchQuery) is ${kB(qc.gzip)} by itself.`,
    );
  }
  return out;
}

function cpu(c) {
  const main = (r) => r.node === undefined || r.node === c.node;
  const by = (name, size) => c.rows.find((r) => r.name === name && r.size === size && main(r));
  const names = [...new Set(c.rows.filter(main).map((r) => r.name))];
  const base = (size) => c.baselines.find((b) => b.name === `raw/${size}`);
  const out = [
    `### Per-call CPU overhead — stub fetch, sequential awaited calls, ${c.rounds} paired rounds`,
    "",
    "CPU time per call (user + system); ratio = that ÷ raw `fetch` + `res.json()` over the same bytes, measured in alternating ≈ 1 ms chunks; median (IQR) over rounds.",
    "",
    "| client | small object: CPU per call | ratio | 100-item list: CPU per call | ratio |",
    "|---|--:|--:|--:|--:|",
    `| _raw fetch + res.json()_ | ${fmtTime(base("small").usPerCall)} | 1× | ${fmtTime(base("list").usPerCall)} | 1× |`,
  ];
  for (const n of names) {
    const s = by(n, "small");
    const l = by(n, "list");
    const label = n.startsWith("anomalyarmor") ? `**${n}**` : n;
    out.push(
      `| ${label} | ${fmtTime(s.usPerCall)} | ${fmtRatio(s.ratio)} | ${fmtTime(l.usPerCall)} | ${fmtRatio(l.ratio)} |`,
    );
  }
  const on = { s: by("anomalyarmor", "small"), l: by("anomalyarmor", "list") };
  const off = { s: by("anomalyarmor validate:off", "small"), l: by("anomalyarmor validate:off", "list") };
  out.push(
    "",
    `Targets: validation on ≤ ${TARGETS.small}× small → ${on.s.ratio.median.toFixed(2)}× ${mark(on.s.ratio.median <= TARGETS.small)}, ` +
      `≤ ${TARGETS.list}× list → ${on.l.ratio.median.toFixed(2)}× ${mark(on.l.ratio.median <= TARGETS.list)}; ` +
      `validation off ≤ ${TARGETS.off}× → small ${off.s.ratio.median.toFixed(2)}× ${mark(off.s.ratio.median <= TARGETS.off)}, ` +
      `list ${off.l.ratio.median.toFixed(2)}× ${mark(off.l.ratio.median <= TARGETS.off)}.`,
  );
  const old = c.rows.filter((r) => !main(r));
  if (old.length > 0) {
    const by20 = (name, size) => old.find((r) => r.name === name && r.size === size);
    out.push(
      "",
      `The SDK's rows again on Node ${c.node20} (the oldest line \`engines\` allows), each ratio against raw fetch on Node ${c.node20} in the same process:`,
      "",
      "| client | small object: CPU per call | ratio | 100-item list: CPU per call | ratio |",
      "|---|--:|--:|--:|--:|",
    );
    for (const n of [...new Set(old.map((r) => r.name))]) {
      const s = by20(n, "small");
      const l = by20(n, "list");
      out.push(
        `| **${n}** (Node ${c.node20}) | ${fmtTime(s.usPerCall)} | ${fmtRatio(s.ratio)} | ${fmtTime(l.usPerCall)} | ${fmtRatio(l.ratio)} |`,
      );
    }
    const l20 = by20("anomalyarmor", "list");
    if (l20)
      out.push(
        "",
        `Target on Node 20: 100-item list with validation ≤ ${TARGETS.node20List}× → ${l20.ratio.median.toFixed(2)}× ${mark(l20.ratio.median <= TARGETS.node20List)}.`,
      );
  }
  return out;
}

function memory(m) {
  const out = [
    `### Memory on hostile bodies — one \`assets.get\` per fresh process, loopback server, timeout ${m.timeoutMs / 1000} s`,
    "",
    "Peak growth above the level before the call (RSS and V8 heap, sampled every 5 ms). `Infinity` reads as the transport did before it had a cap.",
    "",
    "| body | maxResponseBytes | outcome | time | peak RSS growth | peak heap growth |",
    "|---|---|---|--:|--:|--:|",
  ];
  for (const r of m.rows)
    out.push(
      `| ${r.body} | ${r.cap} | ${r.outcome} | ${(r.ms / 1000).toFixed(1)} s | ${r.rssMB} MB | ${r.heapMB} MB |`,
    );
  return out;
}

function query(q) {
  const d = q.dedupe;
  const out = [
    "### Query layer (`anomalyarmor/query` on query-core)",
    "",
    `- ${d.concurrentReads.toLocaleString("en")} concurrent \`queryClient.fetchQuery(q.freshness.get(id))\` → **${d.requestsConcurrent} request(s)** ` +
      `(${d.requestsWithoutQueryLayer.toLocaleString("en")} without the query layer); ${d.concurrentReads.toLocaleString("en")} more within staleTime → ${d.requestsWithinStaleTime}.`,
    "",
    "| cache hit | CPU per call | vs plain fetchQuery | vs Map.get |",
    "|---|--:|--:|--:|",
  ];
  for (const h of q.hits)
    out.push(`| ${h.name} | ${fmtTime(h.usPerCall)} | ${fmtRatio(h.vsPlainFetchQuery)} | ${fmtRatio(h.vsMap, 0)} |`);
  out.push("", "| 100-item list, refetch | CPU per call | vs direct SDK call |", "|---|--:|--:|");
  for (const r of q.refetch) out.push(`| ${r.name} | ${fmtTime(r.usPerCall)} | ${fmtRatio(r.vsDirect)} |`);
  return out;
}

function gate(g) {
  const out = [
    `### Freshness gate — ${g.assets} assets, ttlMs ${g.ttlMs.toLocaleString("en")}, injected clock, upstream reads counted on the stub fetch`,
    "",
    "| scenario | requests | upstream checks per asset | closest two checks of one asset |",
    "|---|--:|--:|--:|",
  ];
  let ok = true;
  for (const s of g.scenarios) {
    if (s.minGapTtls !== null && s.minGapTtls < 1) ok = false;
    out.push(
      `| ${s.name} | ${s.requests.toLocaleString("en")} | ${s.checksPerAsset.join(" / ")} | ${s.minGapTtls === null ? "—" : `${s.minGapTtls.toFixed(2)} TTL`} |`,
    );
  }
  out.push(
    "",
    `Target: ≤ ${TARGETS.checksPerTtl} upstream check per asset per TTL → ${mark(ok)}. A gated request answered from the cache costs ${fmtTime(g.hitUs)} of CPU.`,
  );
  return out;
}

function cold(c) {
  const out = [
    `### Cold import — fresh node process per sample, ${c.runs} samples, median (IQR)`,
    "",
    "| entry | CPU time of the import |",
    "|---|--:|",
  ];
  for (const r of c.rows) out.push(`| ${r.name.startsWith("anomalyarmor") ? `**${r.name}**` : r.name} | ${ms(r.ms)} |`);
  return out;
}

function cli(c) {
  const out = [
    `### The anomalyarmor command — fresh node ${c.node} process per sample, ${c.runs} samples, median (IQR)`,
    "",
    "Wall time of the whole process; its CPU time (user + system, node's own start-up included); ratio = wall ÷ a bare `node -e 0` of the same round.",
    "",
    "| command | wall time | CPU time | ratio |",
    "|---|--:|--:|--:|",
  ];
  for (const r of c.rows) out.push(`| ${r.name} | ${ms(r.ms)} | ${ms(r.cpu)} | ${fmtRatio(r.ratio)} |`);
  const command = c.rows.find((r) => r.name.includes("freshness summary"));
  if (command)
    out.push(
      "",
      `Target: a command under ${c.target} ms in Node 22 → ${command.ms.median.toFixed(0)} ms wall, ${command.cpu.median.toFixed(0)} ms CPU ${mark(command.ms.median < c.target)}` +
        " (wall time on this machine follows its load; the CPU time and the ratio travel better).",
    );
  return out;
}

export function render(r) {
  const out = [];
  if (r.sizes) out.push(...sizes(r.sizes), "");
  if (r.cpu) out.push(...cpu(r.cpu), "");
  if (r.memory) out.push(...memory(r.memory), "");
  if (r.query) out.push(...query(r.query), "");
  if (r.gate) out.push(...gate(r.gate), "");
  if (r.cold) out.push(...cold(r.cold), "");
  if (r.cli) out.push(...cli(r.cli), "");
  const m = r.machine;
  out.push(
    "### Run",
    "",
    `${r.date.slice(0, 16).replace("T", " ")} UTC${r.quick ? " (--quick)" : ""}; node ${m.node}, ${m.platform}, ${m.cores} × ${m.cpu}; ` +
      `load average ${m.loadBefore[0]} before, ${m.loadAfter[0]} after; ${m.seconds} s.`,
    "",
    "Versions: " +
      Object.entries(r.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") +
      ".",
  );
  return out.join("\n");
}
