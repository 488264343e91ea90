/**
 * `anomalyarmor demo`: a guided tour of the SDK over real HTTP against a sandbox on loopback (or, with
 * `--live`, the read-only part against the real API).
 */
import { Client } from "../client";
import { ArmorError, StalenessError } from "../core/errors";
import { pollJob } from "../query/polling";
import type { LineageGraph } from "../resources/lineage";
import { createSandbox } from "../testing/sandbox";
import { serveSandbox } from "../testing/server";
import { bar, heading, isTTY, line, progress, style, table, tree, type TreeNode } from "./ui";

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Sandbox seed. */
  seed: number;
  /** Run the read-only part against the real API (needs ARMOR_API_KEY). */
  live: boolean;
  /** Environment to read ARMOR_API_KEY / ARMOR_API_URL from. */
  env: Record<string, string | undefined>;
}

const FRESH_TABLE = "snowflake.prod.warehouse.orders";
const STALE_TABLE = "snowflake.prod.marts.revenue_daily";

/**
 * Runs the tour.
 * @returns the process exit code (0 when every step behaved as expected)
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  if (options.live) return runLive(options.env);
  const sandbox = createSandbox({ dataset: "demo", seed: options.seed, clock: "realtime" });
  const server = await serveSandbox(sandbox);
  const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: server.url });
  line(style.bold("AnomalyArmor TypeScript SDK — a tour against the in-memory sandbox"));
  line(style.dim(`sandbox ${server.url} (seed ${options.seed}); every call below is real HTTP through the SDK`));
  try {
    await tour(client);
    line();
    line(style.green("Tour complete."));
    return 0;
  } finally {
    client.close();
    await server.close();
  }
}

async function tour(client: Client): Promise<void> {
  heading(1, "Assets — client.assets.list()");
  const assets = await client.assets.list({ limit: 100 });
  const tables = assets.filter((a) => a.asset_type !== "database");
  for (const row of table(
    ["qualified name", "type", "source", "rows"],
    tables.map((a) => [a.qualified_name, a.asset_type, String(a.source_type ?? a.source ?? ""), a.row_count ?? ""]),
  ))
    line(`  ${row}`);
  line(style.dim(`  ${tables.length} tables and views in ${assets.length - tables.length} sources`));

  heading(2, "Freshness summary — client.freshness.summary()");
  const summary = await client.freshness.summary();
  line(
    `  ${style.green(`${summary.fresh_count} fresh`)}, ${style.red(`${summary.stale_count} stale`)}, ${summary.unknown_count} unknown, ${summary.disabled_count} disabled — ${summary.freshness_rate.toFixed(1)}% fresh`,
  );
  const stale = await client.freshness.list({ status: "stale" });
  for (const s of stale)
    line(
      `  ${style.red("✗")} ${s.qualified_name}: ${s.hours_since_update?.toFixed(1)} h since last load (threshold ${s.staleness_threshold_hours} h)`,
    );

  heading(3, "Gate on freshness — client.freshness.requireFresh()");
  const ok = await client.freshness.requireFresh(FRESH_TABLE);
  line(
    `  ${style.green("✓")} ${FRESH_TABLE} is fresh (${ok.hours_since_update?.toFixed(1)} h old, threshold ${ok.staleness_threshold_hours} h)`,
  );
  try {
    await client.freshness.requireFresh(STALE_TABLE);
    throw new Error(`${STALE_TABLE} was expected to be stale`);
  } catch (error) {
    if (!(error instanceof StalenessError)) throw error;
    line(`  ${style.red("✗")} ${error.name}: ${error.message}`);
  }

  heading(4, "Refresh a stale table — client.freshness.refresh() + pollJob()");
  const job = await client.freshness.refresh(STALE_TABLE);
  line(`  job ${job.job_id} ${job.status ?? ""}`);
  let shown = "";
  const done = await pollJob(client, job.job_id, {
    intervalMs: 250,
    timeoutMs: 30_000,
    onProgress: (j) => {
      // On a TTY the bar redraws in place; in logs, one line per status or quarter of progress.
      const text = `  ${bar(Number(j.progress ?? 0))} ${String(j.status).padEnd(9)}`;
      const key = `${j.status}:${Math.floor(Number(j.progress ?? 0) / 25)}`;
      if (isTTY() ? text !== shown : key !== shown) progress(text);
      shown = isTTY() ? text : key;
    },
  });
  line();
  const after = await client.freshness.get(STALE_TABLE);
  line(
    `  ${style.green("✓")} job ${done.status}; re-checked: ${after.status}${after.is_stale ? " (a refresh re-checks; only a new load makes it fresh)" : ""}`,
  );

  heading(5, `Lineage — client.lineage.get("${STALE_TABLE}", { direction: "upstream", depth: 3 })`);
  const graph = await client.lineage.get(STALE_TABLE, { direction: "upstream", depth: 3 });
  for (const row of tree(upstreamTree(graph))) line(`  ${row}`);

  heading(6, "Validity — client.validity.check() with invalid samples");
  await validityStep(
    client,
    tables.map((a) => a.id),
  );

  heading(7, "Metrics — snapshots with z-scores, one anomalous");
  await metricsStep(
    client,
    tables.map((a) => a.id),
  );

  heading(8, `Explain the stale table — client.investigations.explain()`);
  const staleAsset = await client.assets.get(STALE_TABLE);
  const capsule = await client.investigations.explain({
    asset_id: staleAsset.id,
    event_type: "freshness",
    question: `Why is ${STALE_TABLE} stale?`,
  });
  line(`  ${style.bold("Question:")} ${capsule.question}`);
  line(`  ${style.bold("Hypothesis:")} ${capsule.root_cause_hypothesis ?? "(none)"}`);
  if (capsule.confidence !== null && capsule.confidence !== undefined)
    line(`  ${style.bold("Confidence:")} ${Math.round(capsule.confidence * 100)}%`);
  line(`  ${style.bold("Evidence:")}`);
  for (const ev of [...capsule.triggers].sort((a, b) => b.confidence - a.confidence)) {
    const cite = ev.source_id ? `${ev.source}:${ev.source_id.slice(0, 8)}` : "(legacy)";
    line(`   ${style.dim(`[${cite}]`)} ${ev.summary} ${style.dim(`(${Math.round(ev.confidence * 100)}%)`)}`);
  }
  if (capsule.suggested_fix) line(`  ${style.bold("Suggested fix:")} ${capsule.suggested_fix}`);
  for (const q of capsule.open_questions) line(`  ${style.dim(`? ${q}`)}`);
}

/** Turns the upstream edges (source → target) into a tree rooted at the graph's root. */
export function upstreamTree(graph: LineageGraph): TreeNode {
  const parents = new Map<string, string[]>();
  for (const e of graph.edges) parents.set(e.target, [...(parents.get(e.target) ?? []), e.source]);
  const seen = new Set<string>();
  const build = (name: string): TreeNode => {
    seen.add(name);
    const children = (parents.get(name) ?? [])
      .filter((p) => !seen.has(p))
      .sort()
      .map(build);
    return { label: name, children };
  };
  return build(graph.root.qualified_name);
}

/** One sample row on one line, the rule's column first: `email=null id=7 full_name="Frances Turing" …`. */
function sampleRow(row: unknown, column: string | null | undefined): string {
  if (row === null || typeof row !== "object") return JSON.stringify(row);
  const entries = Object.entries(row as Record<string, unknown>).sort(
    ([a], [b]) => Number(b === column) - Number(a === column),
  );
  const text = entries.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(" ");
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

async function validityStep(client: Client, assetIds: string[]): Promise<void> {
  for (const assetId of assetIds) {
    for (const rule of await client.validity.list(assetId)) {
      const result = await client.validity.check(assetId, rule.uuid, { sample_limit: 5 });
      if (String(result.status).toLowerCase() !== "fail") continue;
      line(
        `  rule ${rule.rule_type} on ${rule.table_path}.${rule.column_name ?? ""}: ${style.red(String(result.status))}`,
      );
      line(
        `  ${result.invalid_count} of ${result.total_rows} rows invalid (${result.invalid_percent.toFixed(2)}%); samples:`,
      );
      const rows = result.invalid_samples?.rows;
      for (const row of Array.isArray(rows) ? rows.slice(0, 3) : [])
        line(`   ${style.dim(sampleRow(row, rule.column_name))}`);
      return;
    }
  }
  line("  (no failing validity rule in this dataset)");
}

async function metricsStep(client: Client, assetIds: string[]): Promise<void> {
  for (const assetId of assetIds) {
    for (const metric of await client.metrics.list(assetId)) {
      const snapshots = (await client.metrics.snapshots(assetId, metric.id, { limit: 30 })).sort((a, b) =>
        a.captured_at.localeCompare(b.captured_at),
      );
      const at = snapshots.findLastIndex((s) => s.is_anomaly);
      if (at < 0) continue;
      line(
        `  ${metric.metric_type} of ${metric.table_path}${metric.column_name ? `.${metric.column_name}` : ""}: ${snapshots.length} snapshots, the latest anomaly in context`,
      );
      for (const s of snapshots.slice(Math.max(0, at - 5), at + 1)) {
        const z = s.z_score === null || s.z_score === undefined ? "" : `z=${s.z_score.toFixed(2)}`;
        line(
          `  ${s.captured_at}  ${String(s.value).padStart(10)}  ${z.padEnd(8)} ${s.is_anomaly ? style.red("ANOMALY") : ""}`,
        );
      }
      return;
    }
  }
  line("  (no anomalous metric in this dataset)");
}

async function runLive(env: Record<string, string | undefined>): Promise<number> {
  if (!env.ARMOR_API_KEY) {
    line(style.red("--live needs ARMOR_API_KEY (and optionally ARMOR_API_URL)."));
    return 2;
  }
  const client = new Client({ apiKey: env.ARMOR_API_KEY, apiUrl: env.ARMOR_API_URL });
  try {
    heading(1, "Assets — client.assets.list()");
    for (const row of table(
      ["qualified name", "type"],
      (await client.assets.list()).map((a) => [a.qualified_name, a.asset_type]),
    ))
      line(`  ${row}`);
    heading(2, "Freshness summary — client.freshness.summary()");
    const s = await client.freshness.summary();
    line(
      `  ${s.fresh_count} fresh, ${s.stale_count} stale, ${s.unknown_count} unknown — ${s.freshness_rate.toFixed(1)}% fresh`,
    );
    return 0;
  } catch (error) {
    line(style.red(ArmorError.is(error) ? `${error.name} [${error.code}]: ${error.message}` : String(error)));
    return 1;
  } finally {
    client.close();
  }
}
