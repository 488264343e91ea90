/**
 * Recommendations computed from the store: freshness (load cadence), metrics (column shapes), coverage
 * (what is unmonitored) and thresholds (alert noise in the load history) (`docs/python-parity.md`).
 */
import { bool, int, num, readQuery, str } from "../input";
import { ok } from "../respond";
import type { Router } from "../router";
import { snapshotsOf } from "../quality-records";
import { zThreshold } from "../engines/metrics";
import type { AlertRecord, State, TableRecord } from "../state";
import { round2, tagNamesOf, traverse } from "../views";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Hours between consecutive loads. */
function gaps(table: TableRecord): number[] {
  const out: number[] = [];
  for (let i = 1; i < table.loads.length; i++)
    out.push(((table.loads[i] as number) - (table.loads[i - 1] as number)) / HOUR);
  return out;
}

function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function frequency(hours: number): string {
  return hours <= 1.5 ? "hourly" : hours <= 30 ? "daily" : hours <= 200 ? "weekly" : "irregular";
}

/** Registers the recommendation routes. */
export function register(router: Router, state: State): void {
  const minConfidence = num({ dflt: 0.5, min: 0, max: 1 });

  router.get("/sdk/recommendations/freshness", (ctx) => {
    const q = readQuery(ctx.query, {
      asset_id: str({ required: true }),
      min_confidence: minConfidence,
      limit: int({ dflt: 20, min: 1, max: 100 }),
      include_monitored: bool({ dflt: false }),
    });
    const asset = state.asset(q.asset_id);
    const tables = state.tablesOf(asset);
    const recs = [];
    for (const t of tables) {
      if (!q.include_monitored && state.schedules.some((s) => s.table_id === t.id && s.is_active)) continue;
      const g = gaps(t).sort((a, b) => a - b);
      if (g.length < 2) continue;
      const median = quantile(g, 0.5);
      const mean = g.reduce((s, x) => s + x, 0) / g.length;
      const cv = Math.sqrt(g.reduce((s, x) => s + (x - mean) ** 2, 0) / g.length) / mean;
      const confidence = round2(Math.min(1, g.length / 10) * Math.max(0, 1 - cv));
      if (confidence < q.min_confidence) continue;
      const freq = cv > 0.5 ? "irregular" : frequency(median);
      recs.push({
        table_path: state.tablePath(t),
        suggested_check_interval: median <= 8 ? "1h" : median <= 30 ? "6h" : "24h",
        suggested_threshold_hours: Math.max(1, Math.ceil(median * 1.5)),
        detected_frequency: freq,
        confidence,
        data_points: t.loads.length,
        reasoning: `${t.loads.length} loads with a median gap of ${round2(median)} h (${freq}); a threshold of 1.5× the usual gap tolerates normal jitter.`,
      });
    }
    recs.sort((a, b) => b.confidence - a.confidence);
    return ok({
      asset_id: asset.id,
      recommendations: recs.slice(0, q.limit),
      tables_analyzed: tables.length,
      tables_with_recommendations: recs.length,
    });
  });

  router.get("/sdk/recommendations/metrics", (ctx) => {
    const q = readQuery(ctx.query, {
      asset_id: str({ required: true }),
      min_confidence: minConfidence,
      limit: int({ dflt: 50, min: 1, max: 100 }),
      table_path: str(),
    });
    const asset = state.asset(q.asset_id);
    const tables = q.table_path ? [state.table(asset, q.table_path)] : state.tablesOf(asset);
    const recs: {
      table_path: string;
      column_name: string;
      suggested_metric_type: string;
      suggested_check_type: string;
      confidence: number;
      reasoning: string;
    }[] = [];
    let analyzed = 0;
    const withRecs = new Set<string>();
    for (const t of tables) {
      const path = state.tablePath(t);
      for (const [i, c] of t.columns.entries()) {
        analyzed++;
        const covered =
          state.metrics.some((m) => m.table_id === t.id && m.column_name === c.name) ||
          state.validityRules.some((r) => r.table_id === t.id && r.column_name === c.name);
        if (covered) continue;
        const values = t.rows.map((r) => r[c.name]);
        const nulls = values.filter((v) => v === null || v === undefined).length;
        const add = (metric: string, check: string, confidence: number, reasoning: string) => {
          if (confidence < q.min_confidence) return;
          recs.push({
            table_path: path,
            column_name: c.name,
            suggested_metric_type: metric,
            suggested_check_type: check,
            confidence: round2(confidence),
            reasoning,
          });
          withRecs.add(`${path}.${c.name}`);
        };
        if (i === 0 && (c.name === "id" || c.name.endsWith("_id"))) {
          const distinct = new Set(values).size;
          add(
            "distinct_count",
            "validity",
            distinct < values.length ? 0.95 : 0.85,
            distinct < values.length
              ? `${values.length - distinct} duplicated key value(s) found: a UNIQUE rule would catch them.`
              : "Primary-key-like column: a UNIQUE rule guards it.",
          );
        } else if (c.name.endsWith("_id")) {
          const parent = c.name.slice(0, -3);
          const hasParent = state
            .tablesOf(state.sourceOf(t))
            .some((x) => x.table_name === `${parent}s` || x.table_name === parent);
          add(
            "orphan_count",
            "referential",
            hasParent ? 0.8 : 0.55,
            hasParent
              ? `Foreign key to ${parent}s: a referential check finds orphans.`
              : "Looks like a foreign key; no parent table was found in this source.",
          );
        }
        if (c.nullable)
          add(
            "null_percent",
            "metric",
            nulls > 0 ? 0.9 : 0.6,
            nulls > 0 ? `${nulls} of ${values.length} rows are null.` : "Nullable column: track its null rate.",
          );
        if (/email/.test(c.name))
          add("null_percent", "validity", 0.85, "Email column: a REGEX rule catches malformed addresses.");
        if (c.type === "numeric")
          add("mean", "metric", 0.65, "Numeric column: its mean drifts when upstream units or filters change.");
      }
    }
    recs.sort((a, b) => b.confidence - a.confidence);
    return ok({
      asset_id: asset.id,
      recommendations: recs.slice(0, q.limit),
      columns_analyzed: analyzed,
      columns_with_recommendations: withRecs.size,
    });
  });

  router.get("/sdk/recommendations/coverage", (ctx) => {
    const q = readQuery(ctx.query, { asset_id: str({ required: true }), limit: int({ dflt: 20, min: 1, max: 100 }) });
    const asset = state.asset(q.asset_id);
    const tables = state.tablesOf(asset);
    let monitored = 0;
    const recs = [];
    for (const t of tables) {
      const status = {
        freshness: t.freshness_enabled && state.thresholdOf(t) !== null,
        metrics: state.metrics.some((m) => m.table_id === t.id && m.is_active),
        schema_drift:
          state.schemaMonitoring.get(t.id)?.enabled === true ||
          state.schemaMonitoring.get(t.source_id)?.enabled === true,
        validity: state.validityRules.some((r) => r.table_id === t.id && r.is_active),
      };
      if (Object.values(status).some(Boolean)) monitored++;
      const missing = (Object.keys(status) as (keyof typeof status)[]).filter((k) => !status[k]);
      if (missing.length === 0) continue;
      const downstream = traverse(state, [t.id], "down", 5).ids.length;
      const importance = round2(
        Math.min(
          1,
          0.2 +
            0.12 * downstream +
            Math.min(0.3, t.rows.length / 1000) +
            (tagNamesOf(state, t).includes("tier-1") ? 0.2 : 0),
        ),
      );
      recs.push({
        table_path: state.tablePath(t),
        importance_score: importance,
        row_count: t.rows.length,
        column_count: t.columns.length,
        suggested_monitoring: missing,
        currently_monitored: status,
        reasoning: `${downstream} downstream table(s) depend on it; not yet monitored for ${missing.join(", ")}.`,
      });
    }
    recs.sort((a, b) => b.importance_score - a.importance_score);
    return ok({
      asset_id: asset.id,
      recommendations: recs.slice(0, q.limit),
      total_tables: tables.length,
      monitored_tables: monitored,
      coverage_percentage: tables.length ? round2((monitored / tables.length) * 100) : 0,
    });
  });

  router.get("/sdk/recommendations/thresholds", (ctx) => {
    const q = readQuery(ctx.query, {
      asset_id: str({ required: true }),
      days: int({ dflt: 30, min: 1 }),
      limit: int({ dflt: 10, min: 1, max: 100 }),
    });
    const asset = state.asset(q.asset_id);
    const now = state.now();
    const since = now - Math.min(q.days, 366) * DAY;
    const tables = state.tablesOf(asset);
    const ids = new Set(tables.map((t) => t.id));
    const history = state.alerts.filter((a) => a.asset_id !== null && ids.has(a.asset_id) && a.triggered_at >= since);
    const dismissedOf = (pick: (a: AlertRecord) => boolean) =>
      history.filter((a) => pick(a) && a.history.some((h) => h.action === "dismissed"));
    const recs: Record<string, unknown>[] = [];
    let analyzed = 0;

    // Freshness: one alert per stale episode in the load history; dismissed ones mark the threshold as too tight.
    for (const t of tables.filter((x) => x.freshness_enabled && state.thresholdOf(x) !== null)) {
      analyzed++;
      const current = state.thresholdOf(t) as number;
      const g = episodesGaps(t, since, now);
      if (g.length < 3) continue;
      const p95 = quantile(
        [...g].sort((a, b) => a - b),
        0.95,
      );
      const episodes = (threshold: number) => g.filter((gap) => gap > threshold).length;
      const raised = history.filter((a) => a.asset_id === t.id && a.event_type === "freshness_stale");
      const dismissed = dismissedOf((a) => a.asset_id === t.id && a.event_type === "freshness_stale");
      const dismissedGap = Math.max(0, ...dismissed.map((a) => gapAround(t, a.triggered_at, now)));
      let suggested: number;
      let direction: "increase" | "decrease";
      if (dismissed.length > 0 && dismissedGap * 1.1 > current) {
        suggested = Math.ceil(Math.max(dismissedGap, p95) * 1.1);
        direction = "increase";
      } else if (episodes(current) > 0 && p95 * 1.1 > current) {
        suggested = Math.ceil(p95 * 1.1);
        direction = "increase";
      } else if (p95 * 2 < current) {
        suggested = Math.max(1, Math.ceil(p95 * 1.5));
        direction = "decrease";
      } else continue;
      const before = episodes(current);
      const after = episodes(suggested);
      recs.push({
        table_path: state.tablePath(t),
        metric_type: "freshness",
        current_threshold: current,
        suggested_threshold: suggested,
        direction,
        reasoning:
          dismissed.length > 0
            ? `${dismissed.length} of ${raised.length} freshness alert(s) in ${q.days} days were dismissed; loads arrive up to ${round2(Math.max(dismissedGap, p95))} h apart, so a ${current} h threshold fires on normal delays.`
            : direction === "increase"
              ? `Loads arrive up to ${round2(p95)} h apart (95th percentile), so a ${current} h threshold fired ${before} time(s) on normal delays.`
              : `Loads arrive at most ${round2(p95)} h apart (95th percentile); a ${current} h threshold reacts late.`,
        confidence: round2(Math.min(1, g.length / 20 + (dismissed.length ? 0.2 : 0))),
        historical_alerts: before,
        alerts_raised: raised.length,
        alerts_dismissed: dismissed.length,
        projected_reduction: `${before === 0 ? 0 : Math.max(0, Math.round(((before - after) / before) * 100))}%`,
      });
    }

    // Metrics: anomalies in the window; those whose alerts were dismissed say the sensitivity is too high.
    for (const m of state.metrics.filter((x) => ids.has(x.table_id) && x.is_active)) {
      analyzed++;
      const snaps = snapshotsOf(state, m).filter((x) => x.captured_at >= since);
      const anomalies = snaps.filter((x) => x.is_anomaly);
      const dismissed = dismissedOf((a) => a.event_type === "metric_anomaly" && a["source_id"] === m.id);
      const noisy = snaps.length >= 5 && anomalies.length / snaps.length > 0.2;
      if (dismissed.length === 0 && !noisy) continue;
      const current = zThreshold(m.sensitivity);
      // The z-score the dismissed (or, when noisy, all) anomalies reached: the suggestion clears them.
      const dismissedZ = anomalies
        .filter((x) => dismissed.some((a) => Math.abs(a.triggered_at - x.captured_at) < 1000))
        .map((x) => Math.abs(x.z_score ?? 0));
      const reached = Math.max(0, ...(dismissedZ.length ? dismissedZ : anomalies.map((x) => Math.abs(x.z_score ?? 0))));
      const suggested = round2(Math.max(current + 0.5, Math.ceil(reached * 1.1 * 10) / 10));
      const after = anomalies.filter((x) => Math.abs(x.z_score ?? 0) > suggested).length;
      recs.push({
        table_path: m.table_path,
        metric_type: m.metric_type,
        column_name: m.column_name,
        metric_id: m.id,
        current_threshold: current,
        suggested_threshold: suggested,
        suggested_sensitivity: Math.max(1, Math.min(5, Math.round(6 - suggested))),
        direction: "increase",
        reasoning: dismissed.length
          ? `${dismissed.length} anomaly alert(s) on ${m.metric_type}${m.column_name ? `(${m.column_name})` : ""} were dismissed at z-scores up to ${round2(reached)}: a z threshold of ${suggested} would have stayed quiet.`
          : `${anomalies.length} of ${snaps.length} captures were flagged: the metric is noisier than its sensitivity allows.`,
        confidence: round2(Math.min(1, 0.5 + 0.2 * dismissed.length + snaps.length / 100)),
        historical_alerts: anomalies.length,
        alerts_dismissed: dismissed.length,
        projected_reduction: `${anomalies.length === 0 ? 0 : Math.round(((anomalies.length - after) / anomalies.length) * 100)}%`,
      });
    }
    recs.sort((a, b) => (b["confidence"] as number) - (a["confidence"] as number));
    return ok({
      asset_id: asset.id,
      recommendations: recs.slice(0, q.limit),
      monitored_items_analyzed: analyzed,
      items_with_recommendations: recs.length,
    });
  });
}

/** Hours between consecutive loads landing in `[since, now]`, plus the time since the last load (the gap still open). */
function episodesGaps(table: TableRecord, since: number, now: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < table.loads.length; i++) {
    const end = table.loads[i + 1] ?? now;
    if (end < since) continue;
    out.push((end - (table.loads[i] as number)) / HOUR);
  }
  return out;
}

/** The hours without a load around `at`: from the load before it to the next one (or now). */
function gapAround(table: TableRecord, at: number, now: number): number {
  const before = [...table.loads].reverse().find((l) => l <= at);
  const after = table.loads.find((l) => l > at) ?? now;
  return before === undefined ? 0 : (after - before) / HOUR;
}
