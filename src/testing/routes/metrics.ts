/**
 * Metrics: definitions on an asset's tables, snapshots computed from the rows when
 * captured and scored against the metric's own history, and a dry run replaying that history.
 * Requests: `docs/python-parity.md`.
 */
import { latestSnapshot, metricOf, metricsOf, metricView, snapshotsOf, snapshotView } from "../quality-records";
import {
  computeMetric,
  dryRunSeries,
  isMetricType,
  METRIC_TYPES,
  normalizeSensitivity,
  scoreValue,
  type SeriesPoint,
} from "../engines/metrics";
import { cellKey } from "../engines/values";
import { arrayOf, bool, int, num, oneOf, paging, readBody, readQuery, str } from "../input";
import { HttpError, invalid, noContent, ok, paged } from "../respond";
import type { Router } from "../router";
import {
  createRng,
  subSeed,
  type MetricRecord,
  type MetricSnapshotRecord,
  type State,
  type TableRecord,
} from "../state";
import { round2 } from "../views";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const INTERVALS = ["hourly", "daily", "weekly"] as const;

/** Status of a metric's latest capture: the worst of its groups. */
export function latestStatus(state: State, metric: MetricRecord): "PASS" | "WARNING" | "FAIL" | null {
  const last = latestSnapshot(state, metric);
  if (!last) return null;
  const batch = snapshotsOf(state, metric).filter((s) => s.captured_at === last.captured_at);
  if (batch.some((s) => s.status === "FAIL")) return "FAIL";
  if (batch.some((s) => s.status === "WARNING")) return "WARNING";
  return "PASS";
}

function tableOf(state: State, metric: MetricRecord): TableRecord {
  const table = state.tables.find((t) => t.id === metric.table_id);
  if (!table)
    throw new HttpError(422, "VALIDATION_ERROR", `The table '${metric.table_path}' of this metric no longer exists`);
  return table;
}

/**
 * Captures a metric at `at`: one snapshot per group, each scored against the earlier snapshots of the
 * same group.
 * @throws HttpError 422 when the metric can no longer be computed (e.g. its column was dropped)
 */
export function captureMetric(state: State, metric: MetricRecord, at = state.now()): MetricSnapshotRecord[] {
  const table = tableOf(state, metric);
  const outcome = computeMetric(
    metric,
    table.rows,
    table.columns.map((c) => c.name),
  );
  if (!outcome.ok)
    throw new HttpError(422, "VALIDATION_ERROR", outcome.error, {
      errors: [{ field: "metric", location: "body", message: outcome.error }],
    });
  const history = snapshotsOf(state, metric);
  return outcome.values.map(({ group_values, value }) => {
    const key = group_values === null ? "" : cellKey(group_values);
    const past = history
      .filter((s) => (s.group_values === null ? "" : cellKey(s.group_values)) === key)
      .map((s) => s.value);
    const score = scoreValue(past, value, metric.sensitivity);
    const snapshot: MetricSnapshotRecord = {
      id: state.nextInt("metric_snapshot"),
      metric_definition_id: metric.internal_id,
      value,
      group_values,
      captured_at: at,
      is_anomaly: score.is_anomaly,
      z_score: score.z_score,
      status: score.status,
    };
    state.snapshots.push(snapshot);
    return snapshot;
  });
}

function createMetric(
  state: State,
  input: {
    asset_id: string;
    table: TableRecord;
    metric_type: string;
    column_name: string | null;
    capture_interval: string;
    sensitivity: number;
    group_by_columns: string[] | null;
    percentile_value: number | null;
    created_at?: number;
  },
): MetricRecord {
  const metric: MetricRecord = {
    id: state.uuid(),
    internal_id: state.nextInt("metric"),
    asset_id: input.asset_id,
    table_id: input.table.id,
    table_path: state.tablePath(input.table),
    metric_type: input.metric_type,
    column_name: input.column_name,
    capture_interval: input.capture_interval,
    sensitivity: normalizeSensitivity(input.sensitivity),
    is_active: true,
    group_by_columns: input.group_by_columns,
    percentile_value: input.percentile_value,
    created_at: input.created_at ?? state.now(),
  };
  state.metrics.push(metric);
  return metric;
}

/** Rejects a definition the engine cannot compute, naming the offending field. */
function validateSpec(
  table: TableRecord,
  spec: {
    metric_type: string;
    column_name: string | null;
    group_by_columns: string[] | null;
    percentile_value: number | null;
  },
): void {
  if (!isMetricType(spec.metric_type)) throw invalid("metric_type", `must be one of ${METRIC_TYPES.join(", ")}`);
  const outcome = computeMetric(
    spec,
    [],
    table.columns.map((c) => c.name),
  );
  if (!outcome.ok) {
    const field = /group_by/.test(outcome.error)
      ? "group_by_columns"
      : /percentile/.test(outcome.error)
        ? "percentile_value"
        : "column_name";
    throw invalid(field, outcome.error);
  }
}

/**
 * The series a dry run replays: the recorded snapshots of a matching metric inside the window, else a
 * simulated daily history ending at today's value. The simulation has its own PRNG stream keyed on the
 * question, so a dry run changes nothing (not even the data PRNG) and answers the same every time.
 */
function dryRunHistory(
  state: State,
  table: TableRecord,
  spec: { metric_type: string; column_name: string | null },
  lookbackDays: number,
  existing: MetricRecord | undefined,
): { series: SeriesPoint[]; simulated: boolean } {
  const from = state.now() - lookbackDays * DAY;
  if (existing) {
    const recorded = snapshotsOf(state, existing).filter((s) => s.group_values === null && s.captured_at >= from);
    if (recorded.length > 0)
      return {
        series: recorded.map((s) => ({ captured_at: state.iso(s.captured_at), value: s.value })),
        simulated: false,
      };
  }
  const outcome = computeMetric(
    spec,
    table.rows,
    table.columns.map((c) => c.name),
  );
  const today = outcome.ok ? (outcome.values[0]?.value ?? 0) : 0;
  const rng = createRng(
    subSeed(state.options.seed, `metrics.dry-run:${table.id}:${spec.metric_type}:${spec.column_name ?? ""}`),
  );
  const series: SeriesPoint[] = [];
  // A year of daily points says all a longer window would; the clamp keeps any client-valid window cheap.
  for (let d = Math.min(lookbackDays, 365) - 1; d >= 0; d--) {
    const at = state.now() - d * DAY;
    const noise = (rng.next() + rng.next() + rng.next() - 1.5) * 0.04;
    // Counts grow over time; rates and aggregates wander around today's level.
    const level = spec.metric_type === "row_count" ? today * (1 - 0.004 * d) : today;
    const value =
      d === 0
        ? today
        : spec.metric_type === "row_count" || spec.metric_type === "distinct_count"
          ? Math.max(0, Math.round(level * (1 + noise)))
          : Math.max(0, round2(level * (1 + noise)));
    series.push({ captured_at: state.iso(at), value });
  }
  return { series, simulated: true };
}

/** Registers the metrics routes and the demo metrics. */
export function register(router: Router, state: State): void {
  router.get("/sdk/metrics/{asset_id}/summary", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const metrics = metricsOf(state, asset);
    const counts = { PASS: 0, WARNING: 0, FAIL: 0 };
    let checked = 0;
    for (const m of metrics.filter((x) => x.is_active)) {
      const status = latestStatus(state, m);
      if (status === null) continue;
      checked++;
      counts[status]++;
    }
    return ok({
      total_metrics: metrics.length,
      active_metrics: metrics.filter((m) => m.is_active).length,
      total_checks: checked,
      passing: counts.PASS,
      failing: counts.FAIL,
      warning: counts.WARNING,
      error: 0,
      health_percentage: checked === 0 ? 100 : round2((counts.PASS / checked) * 100),
    });
  });

  router.get("/sdk/metrics/{asset_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const q = readQuery(ctx.query, { ...paging(50, 100), metric_type: str(), is_active: bool() });
    const rows = metricsOf(state, asset).filter(
      (m) =>
        (q.metric_type === undefined || m.metric_type === q.metric_type) &&
        (q.is_active === undefined || m.is_active === q.is_active),
    );
    return paged("items", rows, q.limit, q.offset, (m) => metricView(state, m));
  });

  router.post(
    "/sdk/metrics/dry-run",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true, nonEmpty: true }),
        table_path: str({ required: true, nonEmpty: true }),
        metric_type: str({ required: true }),
        sensitivity: num({ dflt: 1, min: 0 }),
        lookback_days: int({ dflt: 30, min: 1 }),
        column_name: str(),
      });
      const asset = state.asset(b.asset_id);
      const table = state.table(asset, b.table_path);
      const spec = {
        metric_type: b.metric_type,
        column_name: b.column_name ?? null,
        group_by_columns: null,
        percentile_value: null,
      };
      validateSpec(table, spec);
      const existing = metricsOf(state, asset).find(
        (m) => m.table_id === table.id && m.metric_type === spec.metric_type && m.column_name === spec.column_name,
      );
      const { series, simulated } = dryRunHistory(state, table, spec, b.lookback_days, existing);
      const outcome = dryRunSeries(series, b.sensitivity);
      return ok({
        metric_id: existing?.id ?? "dry-run",
        metric_type: b.metric_type,
        table_path: state.tablePath(table),
        column_name: spec.column_name,
        lookback_days: b.lookback_days,
        simulated,
        ...outcome,
      });
    },
    { scope: "read" },
  );

  router.post("/sdk/metrics/{asset_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const b = readBody(ctx.body, {
      metric_type: str({ required: true }),
      table_path: str({ required: true, nonEmpty: true }),
      capture_interval: oneOf(INTERVALS, { dflt: "daily" }),
      sensitivity: num({ dflt: 1, min: 0 }),
      column_name: str(),
      group_by_columns: arrayOf(str({ required: true })),
      percentile_value: num({ min: 0, max: 100 }),
    });
    const table = state.table(asset, b.table_path);
    const spec = {
      metric_type: b.metric_type,
      column_name: b.column_name ?? null,
      group_by_columns: b.group_by_columns ?? null,
      percentile_value: b.percentile_value ?? null,
    };
    validateSpec(table, spec);
    const metric = createMetric(state, {
      asset_id: asset.id,
      table,
      capture_interval: b.capture_interval,
      sensitivity: b.sensitivity,
      ...spec,
    });
    state.effect("metrics.create");
    return ok(metricView(state, metric), 201);
  });

  router.get("/sdk/metrics/{asset_id}/{metric_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const metric = metricOf(state, asset, ctx.params.metric_id as string);
    const q = readQuery(ctx.query, {
      include_snapshots: bool({ dflt: true }),
      snapshot_limit: int({ dflt: 30, min: 1, max: 1000 }),
    });
    const view = metricView(state, metric);
    if (q.include_snapshots)
      view["snapshots"] = snapshotsOf(state, metric)
        .reverse()
        .slice(0, q.snapshot_limit)
        .map((s) => snapshotView(state, s));
    view["latest_status"] = latestStatus(state, metric);
    return ok(view);
  });

  router.patch("/sdk/metrics/{asset_id}/{metric_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const metric = metricOf(state, asset, ctx.params.metric_id as string);
    const b = readBody(ctx.body, {
      is_active: bool(),
      capture_interval: oneOf(INTERVALS),
      sensitivity: num({ min: 0 }),
    });
    const next = {
      is_active: b.is_active ?? metric.is_active,
      capture_interval: b.capture_interval ?? metric.capture_interval,
      sensitivity: b.sensitivity === undefined ? metric.sensitivity : normalizeSensitivity(b.sensitivity),
    };
    if (
      next.is_active !== metric.is_active ||
      next.capture_interval !== metric.capture_interval ||
      next.sensitivity !== metric.sensitivity
    ) {
      Object.assign(metric, next);
      state.effect("metrics.update");
    }
    return ok(metricView(state, metric));
  });

  router.delete("/sdk/metrics/{asset_id}/{metric_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const metric = metricOf(state, asset, ctx.params.metric_id as string);
    state.metrics.splice(state.metrics.indexOf(metric), 1);
    for (let i = state.snapshots.length - 1; i >= 0; i--)
      if (state.snapshots[i]!.metric_definition_id === metric.internal_id) state.snapshots.splice(i, 1);
    state.effect("metrics.delete");
    return noContent();
  });

  router.post("/sdk/metrics/{asset_id}/{metric_id}/capture", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const metric = metricOf(state, asset, ctx.params.metric_id as string);
    if (!metric.is_active)
      throw new HttpError(422, "VALIDATION_ERROR", `Metric '${metric.id}' is inactive; activate it before capturing`);
    const taken = captureMetric(state, metric);
    state.effect("metrics.capture");
    return ok({
      metric_id: metric.id,
      snapshot_count: taken.length,
      snapshots: taken.map((s) => snapshotView(state, s)),
    });
  });

  router.get("/sdk/metrics/{asset_id}/{metric_id}/snapshots", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const metric = metricOf(state, asset, ctx.params.metric_id as string);
    const q = readQuery(ctx.query, paging(100, 1000));
    return paged("items", snapshotsOf(state, metric).reverse(), q.limit, q.offset, (s) => snapshotView(state, s));
  });

  state.seeder(seedDemo);
}

/**
 * Demo metrics, each with two weeks of daily history ending in a capture from today's rows: the order
 * count of the warehouse (steady), the share of orders without an amount in the raw replica (it jumped:
 * the last capture is an anomaly) and the number of countries among warehouse customers (flat).
 */
function seedDemo(state: State): void {
  if (state.options.dataset !== "demo") return;
  const pg = state.findAsset("postgresql.analytics");
  const sf = state.findAsset("snowflake.prod");
  if (!pg || !sf) return;
  const rng = createRng(subSeed(state.options.seed, "metrics.demo"));
  const now = state.now();
  const define = (
    asset: typeof pg,
    path: string,
    metric_type: string,
    column_name: string | null,
    history: (today: number, daysAgo: number) => number,
  ) => {
    const table = state.findTable(asset, path);
    if (!table) return;
    const metric = createMetric(state, {
      asset_id: asset.id,
      table,
      metric_type,
      column_name,
      capture_interval: "daily",
      sensitivity: 3,
      group_by_columns: null,
      percentile_value: null,
      created_at: now - 15 * DAY,
    });
    const outcome = computeMetric(
      metric,
      table.rows,
      table.columns.map((c) => c.name),
    );
    const today = outcome.ok ? (outcome.values[0]?.value ?? 0) : 0;
    const values: number[] = [];
    for (let d = 14; d >= 1; d--) {
      const value = history(today, d);
      const score = scoreValue(values, value, metric.sensitivity);
      values.push(value);
      state.snapshots.push({
        id: state.nextInt("metric_snapshot"),
        metric_definition_id: metric.internal_id,
        value,
        group_values: null,
        captured_at: now - d * DAY - HOUR,
        is_anomaly: score.is_anomaly,
        z_score: score.z_score,
        status: score.status,
      });
    }
    captureMetric(state, metric, now - HOUR);
  };
  define(sf, "warehouse.orders", "row_count", null, (today) => today + rng.int(-2, 2));
  define(pg, "public.orders", "null_percent", "amount", () => round2(0.05 + rng.next() * 0.15));
  define(sf, "warehouse.customers", "distinct_count", "country", (today) => today);
}
