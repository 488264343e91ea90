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
import type { MetricDefinition, MetricSnapshot } from "../resources/metrics";
import type { ValidityCheckResult, ValidityRule } from "../resources/validity";
import { CliError, EXIT } from "./io";
import { bar, heading, isTTY, line, progress, style, table, tree, type TreeNode } from "./ui";

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Sandbox seed. */
  seed: number;
  /** Run the read-only part against the real API (needs ARMOR_API_KEY). */
  live: boolean;
  /** Environment to read ARMOR_API_KEY / ARMOR_API_URL from. */
  env: Record<string, string | undefined>;
  /** Print nothing: the caller prints the returned document (`--json`). */
  json?: boolean;
}

/** What the tour read, step by step: the SDK's models as returned (`demo --json`). */
export type DemoDocument = Record<string, unknown>;

/** Where the tour's text goes: the terminal, or nowhere with `--json`. */
interface Say {
  line(text?: string): void;
  heading(step: number, title: string): void;
  progress(text: string): void;
}
const TERMINAL: Say = { line, heading, progress };
const SILENT: Say = { line: () => {}, heading: () => {}, progress: () => {} };

const FRESH_TABLE = "snowflake.prod.warehouse.orders";
const STALE_TABLE = "snowflake.prod.marts.revenue_daily";

/**
 * Runs the tour.
 * @returns the process exit code (0 when every step behaved as expected) and what the tour read
 */
export async function runDemo(options: DemoOptions): Promise<{ code: number; document: DemoDocument }> {
  const say = options.json ? SILENT : TERMINAL;
  if (options.live) return runLive(options.env, say, Boolean(options.json));
  const sandbox = createSandbox({ dataset: "demo", seed: options.seed, clock: "realtime" });
  const server = await serveSandbox(sandbox);
  const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: server.url });
  say.line(style.bold("AnomalyArmor TypeScript SDK — a tour against the in-memory sandbox"));
  say.line(style.dim(`sandbox ${server.url} (seed ${options.seed}); every call below is real HTTP through the SDK`));
  try {
    const steps = await tour(client, say);
    say.line();
    say.line(style.green("Tour complete."));
    return { code: EXIT.ok, document: { sandbox: { url: server.url, seed: options.seed }, ...steps } };
  } finally {
    client.close();
    await server.close();
  }
}

async function tour(client: Client, say: Say): Promise<DemoDocument> {
  say.heading(1, "Assets — client.assets.list()");
  const assets = await client.assets.list({ limit: 100 });
  const tables = assets.filter((a) => a.asset_type !== "database");
  for (const row of table(
    ["qualified name", "type", "source", "rows"],
    tables.map((a) => [a.qualified_name, a.asset_type, String(a.source_type ?? a.source ?? ""), a.row_count ?? ""]),
  ))
    say.line(`  ${row}`);
  say.line(style.dim(`  ${tables.length} tables and views in ${assets.length - tables.length} sources`));

  say.heading(2, "Freshness summary — client.freshness.summary()");
  const summary = await client.freshness.summary();
  say.line(
    `  ${style.green(`${summary.fresh_count} fresh`)}, ${style.red(`${summary.stale_count} stale`)}, ${summary.unknown_count} unknown, ${summary.disabled_count} disabled — ${summary.freshness_rate.toFixed(1)}% fresh`,
  );
  const stale = await client.freshness.list({ status: "stale" });
  for (const s of stale)
    say.line(
      `  ${style.red("✗")} ${s.qualified_name}: ${s.hours_since_update?.toFixed(1)} h since last load (threshold ${s.staleness_threshold_hours} h)`,
    );

  say.heading(3, "Gate on freshness — client.freshness.requireFresh()");
  const ok = await client.freshness.requireFresh(FRESH_TABLE);
  let refused: Record<string, unknown> | undefined;
  say.line(
    `  ${style.green("✓")} ${FRESH_TABLE} is fresh (${ok.hours_since_update?.toFixed(1)} h old, threshold ${ok.staleness_threshold_hours} h)`,
  );
  try {
    await client.freshness.requireFresh(STALE_TABLE);
    throw new Error(`${STALE_TABLE} was expected to be stale`);
  } catch (error) {
    if (!(error instanceof StalenessError)) throw error;
    say.line(`  ${style.red("✗")} ${error.name}: ${error.message}`);
    refused = {
      name: error.name,
      code: error.code,
      message: error.message,
      asset: error.asset,
      hours_since_update: error.hours_since_update,
      threshold_hours: error.threshold_hours,
    };
  }

  say.heading(4, "Refresh a stale table — client.freshness.refresh() + pollJob()");
  const job = await client.freshness.refresh(STALE_TABLE);
  say.line(`  job ${job.job_id} ${job.status ?? ""}`);
  let shown = "";
  const done = await pollJob(client, job.job_id, {
    intervalMs: 250,
    timeoutMs: 30_000,
    onProgress: (j) => {
      // On a TTY the bar redraws in place; in logs, one line per status or quarter of progress.
      const text = `  ${bar(Number(j.progress ?? 0))} ${String(j.status).padEnd(9)}`;
      const key = `${j.status}:${Math.floor(Number(j.progress ?? 0) / 25)}`;
      if (isTTY() ? text !== shown : key !== shown) say.progress(text);
      shown = isTTY() ? text : key;
    },
  });
  say.line();
  const after = await client.freshness.get(STALE_TABLE);
  say.line(
    `  ${style.green("✓")} job ${done.status}; re-checked: ${after.status}${after.is_stale ? " (a refresh re-checks; only a new load makes it fresh)" : ""}`,
  );

  say.heading(5, `Lineage — client.lineage.get("${STALE_TABLE}", { direction: "upstream", depth: 3 })`);
  const graph = await client.lineage.get(STALE_TABLE, { direction: "upstream", depth: 3 });
  for (const row of tree(upstreamTree(graph))) say.line(`  ${row}`);

  say.heading(6, "Validity — client.validity.check() with invalid samples");
  const validity = await validityStep(
    client,
    tables.map((a) => a.id),
    say,
  );

  say.heading(7, "Metrics — snapshots with z-scores, one anomalous");
  const metrics = await metricsStep(
    client,
    tables.map((a) => a.id),
    say,
  );

  say.heading(8, `Explain the stale table — client.investigations.explain()`);
  const staleAsset = await client.assets.get(STALE_TABLE);
  const capsule = await client.investigations.explain({
    asset_id: staleAsset.id,
    event_type: "freshness",
    question: `Why is ${STALE_TABLE} stale?`,
  });
  say.line(`  ${style.bold("Question:")} ${capsule.question}`);
  say.line(`  ${style.bold("Hypothesis:")} ${capsule.root_cause_hypothesis ?? "(none)"}`);
  if (capsule.confidence !== null && capsule.confidence !== undefined)
    say.line(`  ${style.bold("Confidence:")} ${Math.round(capsule.confidence * 100)}%`);
  say.line(`  ${style.bold("Evidence:")}`);
  for (const ev of [...capsule.triggers].sort((a, b) => b.confidence - a.confidence)) {
    const cite = ev.source_id ? `${ev.source}:${ev.source_id.slice(0, 8)}` : "(legacy)";
    say.line(`   ${style.dim(`[${cite}]`)} ${ev.summary} ${style.dim(`(${Math.round(ev.confidence * 100)}%)`)}`);
  }
  if (capsule.suggested_fix) say.line(`  ${style.bold("Suggested fix:")} ${capsule.suggested_fix}`);
  for (const q of capsule.open_questions) say.line(`  ${style.dim(`? ${q}`)}`);
  return {
    assets,
    freshness: { summary, stale },
    gate: { fresh: ok, stale: refused ?? null },
    refresh: { job, final: done, after },
    lineage: graph,
    validity,
    metrics,
    investigation: capsule,
  };
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

async function validityStep(
  client: Client,
  assetIds: string[],
  say: Say,
): Promise<{ asset_id: string; rule: ValidityRule; result: ValidityCheckResult } | null> {
  for (const assetId of assetIds) {
    for (const rule of await client.validity.list(assetId)) {
      const result = await client.validity.check(assetId, rule.uuid, { sample_limit: 5 });
      if (String(result.status).toLowerCase() !== "fail") continue;
      say.line(
        `  rule ${rule.rule_type} on ${rule.table_path}.${rule.column_name ?? ""}: ${style.red(String(result.status))}`,
      );
      say.line(
        `  ${result.invalid_count} of ${result.total_rows} rows invalid (${result.invalid_percent.toFixed(2)}%); samples:`,
      );
      const rows = result.invalid_samples?.rows;
      for (const row of Array.isArray(rows) ? rows.slice(0, 3) : [])
        say.line(`   ${style.dim(sampleRow(row, rule.column_name))}`);
      return { asset_id: assetId, rule, result };
    }
  }
  say.line("  (no failing validity rule in this dataset)");
  return null;
}

async function metricsStep(
  client: Client,
  assetIds: string[],
  say: Say,
): Promise<{ asset_id: string; metric: MetricDefinition; snapshots: MetricSnapshot[] } | null> {
  for (const assetId of assetIds) {
    for (const metric of await client.metrics.list(assetId)) {
      const snapshots = (await client.metrics.snapshots(assetId, metric.id, { limit: 30 })).sort((a, b) =>
        a.captured_at.localeCompare(b.captured_at),
      );
      const at = snapshots.findLastIndex((s) => s.is_anomaly);
      if (at < 0) continue;
      say.line(
        `  ${metric.metric_type} of ${metric.table_path}${metric.column_name ? `.${metric.column_name}` : ""}: ${snapshots.length} snapshots, the latest anomaly in context`,
      );
      for (const s of snapshots.slice(Math.max(0, at - 5), at + 1)) {
        const z = s.z_score === null || s.z_score === undefined ? "" : `z=${s.z_score.toFixed(2)}`;
        say.line(
          `  ${s.captured_at}  ${String(s.value).padStart(10)}  ${z.padEnd(8)} ${s.is_anomaly ? style.red("ANOMALY") : ""}`,
        );
      }
      return { asset_id: assetId, metric, snapshots };
    }
  }
  say.line("  (no anomalous metric in this dataset)");
  return null;
}

async function runLive(
  env: Record<string, string | undefined>,
  say: Say,
  json: boolean,
): Promise<{ code: number; document: DemoDocument }> {
  if (!env.ARMOR_API_KEY) {
    const message = "--live needs ARMOR_API_KEY (and optionally ARMOR_API_URL).";
    if (json) throw new CliError(message, EXIT.usage, "NO_API_KEY");
    say.line(style.red(message));
    return { code: EXIT.usage, document: {} };
  }
  const client = new Client({ apiKey: env.ARMOR_API_KEY, apiUrl: env.ARMOR_API_URL });
  try {
    say.heading(1, "Assets — client.assets.list()");
    const assets = await client.assets.list();
    for (const row of table(
      ["qualified name", "type"],
      assets.map((a) => [a.qualified_name, a.asset_type]),
    ))
      say.line(`  ${row}`);
    say.heading(2, "Freshness summary — client.freshness.summary()");
    const s = await client.freshness.summary();
    say.line(
      `  ${s.fresh_count} fresh, ${s.stale_count} stale, ${s.unknown_count} unknown — ${s.freshness_rate.toFixed(1)}% fresh`,
    );
    return { code: EXIT.ok, document: { assets, freshness: { summary: s } } };
  } catch (error) {
    // With --json the command's own error document and exit code apply.
    if (json) throw error;
    say.line(style.red(ArmorError.is(error) ? `${error.name} [${error.code}]: ${error.message}` : String(error)));
    return { code: EXIT.failed, document: {} };
  } finally {
    client.close();
  }
}
