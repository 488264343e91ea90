/**
 * Metric engine: the value of a metric computed from a table's rows, and how unusual a value is
 * against the metric's own history (a z-score, judged by a threshold the sensitivity sets).
 */
import { cellKey, isNull, round, toNumber, type Row } from "./values";

/** Metric types the sandbox computes (the wire's three, plus armor-mcp's vocabulary). */
export const METRIC_TYPES = [
  "row_count",
  "null_percent",
  "distinct_count",
  "null_rate",
  "unique_rate",
  "min",
  "max",
  "mean",
  "stddev",
  "sum",
  "percentile",
] as const;
/** A metric type the sandbox can compute. */
export type MetricType = (typeof METRIC_TYPES)[number];

/** Whether `type` is one the sandbox computes. */
export function isMetricType(type: string): type is MetricType {
  return (METRIC_TYPES as readonly string[]).includes(type);
}

/** Whether a metric type reads one column (all but `row_count`). */
export function needsColumn(type: MetricType): boolean {
  return type !== "row_count";
}

/** What to compute. */
export interface MetricSpec {
  metric_type: string;
  column_name?: string | null | undefined;
  group_by_columns?: readonly string[] | null | undefined;
  percentile_value?: number | null | undefined;
}

/** One computed value; `group_values` is set when the metric is grouped. */
export interface MetricValue {
  group_values: Record<string, unknown> | null;
  value: number;
}

/** A computation either yields values (one per group) or says why it cannot. */
export type MetricOutcome = { ok: true; values: MetricValue[] } | { ok: false; error: string };

function numbers(rows: readonly Row[], column: string): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const n = toNumber(row[column]);
    if (n !== undefined) out.push(n);
  }
  return out;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? 0 : s / xs.length;
}

/** Sample standard deviation (n − 1), 0 below two points. */
export function stddev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  // Linear interpolation between closest ranks, the common warehouse PERCENTILE_CONT.
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

function valueOf(spec: MetricSpec, type: MetricType, rows: readonly Row[]): number {
  const col = spec.column_name ?? "";
  switch (type) {
    case "row_count":
      return rows.length;
    case "null_percent":
    case "null_rate": {
      let nulls = 0;
      for (const r of rows) if (isNull(r[col])) nulls++;
      const frac = rows.length === 0 ? 0 : nulls / rows.length;
      return round(type === "null_percent" ? frac * 100 : frac);
    }
    case "distinct_count":
    case "unique_rate": {
      const seen = new Set<string>();
      let nonNull = 0;
      for (const r of rows) {
        if (isNull(r[col])) continue;
        nonNull++;
        seen.add(cellKey(r[col]));
      }
      if (type === "distinct_count") return seen.size;
      return nonNull === 0 ? 0 : round(seen.size / nonNull);
    }
    case "min":
    case "max": {
      const xs = numbers(rows, col);
      if (xs.length === 0) return 0;
      return type === "min" ? Math.min(...xs) : Math.max(...xs);
    }
    case "mean":
      return round(mean(numbers(rows, col)));
    case "stddev":
      return round(stddev(numbers(rows, col)));
    case "sum":
      return round(numbers(rows, col).reduce((s, x) => s + x, 0));
    case "percentile": {
      const raw = spec.percentile_value ?? 0.5;
      return round(percentile(numbers(rows, col), raw > 1 ? raw / 100 : raw));
    }
  }
}

/**
 * Computes a metric over `rows` whose table has `columns`. Grouped metrics yield one value per group,
 * in the order each group first appears (so the same rows always give the same order).
 */
export function computeMetric(spec: MetricSpec, rows: readonly Row[], columns: readonly string[]): MetricOutcome {
  const type = spec.metric_type;
  if (!isMetricType(type)) return { ok: false, error: `Unsupported metric_type '${type}'` };
  if (needsColumn(type)) {
    if (!spec.column_name) return { ok: false, error: `metric_type '${type}' needs column_name` };
    if (!columns.includes(spec.column_name)) return { ok: false, error: `Unknown column '${spec.column_name}'` };
  }
  if (type === "percentile") {
    const p = spec.percentile_value;
    if (p === null || p === undefined || !(p > 0 && p <= 100)) {
      return { ok: false, error: "metric_type 'percentile' needs percentile_value in (0, 100]" };
    }
  }
  const groupBy = spec.group_by_columns ?? [];
  for (const g of groupBy) {
    if (!columns.includes(g)) return { ok: false, error: `Unknown group_by column '${g}'` };
  }
  if (groupBy.length === 0) return { ok: true, values: [{ group_values: null, value: valueOf(spec, type, rows) }] };
  const groups = new Map<string, { values: Record<string, unknown>; rows: Row[] }>();
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const g of groupBy) values[g] = row[g] ?? null;
    const key = groupBy.map((g) => cellKey(values[g])).join("|");
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { values, rows: [] }));
    group.rows.push(row);
  }
  return {
    ok: true,
    values: [...groups.values()].map((g) => ({ group_values: g.values, value: valueOf(spec, type, g.rows) })),
  };
}

/** Snapshot status, uppercase as the wire's metric models use it. */
export type SnapshotStatus = "PASS" | "WARNING" | "FAIL";

/** How a value scores against the history before it. */
export interface Score {
  z_score: number | null;
  is_anomaly: boolean;
  status: SnapshotStatus;
}

/** Points of history needed before a value can be judged at all. */
export const MIN_HISTORY = 3;

/** The stored sensitivity: an integer 1–5 (the model's type), whatever number the client sent. */
export function normalizeSensitivity(sensitivity: number): number {
  return Math.min(5, Math.max(1, Math.round(sensitivity)));
}

/**
 * |z| at which a value is an anomaly. Sensitivity reads as "how easily it alerts": 1 is lenient (5σ),
 * the model's default 3 is the classic 3σ, 5 is touchy (1σ).
 */
export function zThreshold(sensitivity: number): number {
  return 6 - normalizeSensitivity(sensitivity);
}

/**
 * Scores `value` against `history` (oldest first). A flat history has no spread, so any move off it
 * scores against a floor of 1 % of its level instead of dividing by zero.
 */
export function scoreValue(history: readonly number[], value: number, sensitivity: number): Score {
  if (history.length < MIN_HISTORY) return { z_score: null, is_anomaly: false, status: "PASS" };
  const m = mean(history);
  const sd = Math.max(stddev(history), Math.abs(m) * 0.01, 1e-6);
  const z = round((value - m) / sd);
  const threshold = zThreshold(sensitivity);
  const a = Math.abs(z);
  if (a >= threshold) return { z_score: z, is_anomaly: true, status: "FAIL" };
  return { z_score: z, is_anomaly: false, status: a >= threshold * 0.75 ? "WARNING" : "PASS" };
}

/** One point of a dry run's series. */
export interface SeriesPoint {
  captured_at: string;
  value: number;
}

/** What a metrics dry run reports, before the route adds ids and names. */
export interface DryRunOutcome {
  threshold_type: "std_dev";
  threshold_value: number;
  total_snapshots: number;
  would_alert_count: number;
  alert_rate_percent: number;
  avg_value: number | null;
  min_value: number | null;
  max_value: number | null;
  sample_alerts: {
    captured_at: string;
    value: number;
    threshold_type: string;
    threshold_value: number;
    would_alert: boolean;
  }[];
  recommendation: string;
}

/**
 * Replays `series` (oldest first) as if the metric had been monitored at `sensitivity`: each point is
 * scored against the points before it, as a live capture would have been.
 */
export function dryRunSeries(series: readonly SeriesPoint[], sensitivity: number, sampleLimit = 10): DryRunOutcome {
  const threshold = zThreshold(sensitivity);
  const values = series.map((p) => p.value);
  const alerts: DryRunOutcome["sample_alerts"] = [];
  let count = 0;
  series.forEach((point, i) => {
    const score = scoreValue(values.slice(0, i), point.value, sensitivity);
    if (!score.is_anomaly) return;
    count++;
    if (alerts.length < sampleLimit) {
      alerts.push({
        captured_at: point.captured_at,
        value: point.value,
        threshold_type: "std_dev",
        threshold_value: threshold,
        would_alert: true,
      });
    }
  });
  const rate = series.length === 0 ? 0 : round((count / series.length) * 100, 2);
  const recommendation =
    series.length < MIN_HISTORY
      ? "Not enough history to judge this metric yet; capture a few snapshots first."
      : rate > 20
        ? `Would alert on ${rate}% of captures: lower the sensitivity to reduce noise.`
        : count === 0
          ? "No alerts in the lookback window at this sensitivity: the metric looks stable."
          : `Would alert ${count} time(s) (${rate}% of captures): this sensitivity looks reasonable.`;
  return {
    threshold_type: "std_dev",
    threshold_value: threshold,
    total_snapshots: series.length,
    would_alert_count: count,
    alert_rate_percent: rate,
    avg_value: values.length ? round(mean(values)) : null,
    min_value: values.length ? Math.min(...values) : null,
    max_value: values.length ? Math.max(...values) : null,
    sample_alerts: alerts,
    recommendation,
  };
}
