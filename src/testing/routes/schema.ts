/**
 * Schema drift: summary, changes, per-asset view, baselines, monitoring, dry run, refresh (a job) —
 * Requests in `docs/python-parity.md`; `POST /sdk/schema/{asset_id}/refresh` as `docs/protocol.md` §4 fixes it.
 */
import { bool, int, oneOf, paging, readBody, readQuery, str } from "../input";
import { ok, paged } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, SchemaBaselineRecord, State, TableRecord } from "../state";
import { schemaChangeView, schemaSummaryView } from "../views";

const HOUR = 3_600_000;
/** Schedules of schema monitoring: 0.2.x names and armor-mcp's. */
export const SCHEDULE_TYPES = ["hourly", "every_4_hours", "daily", "weekly", "5m", "1h", "6h", "1d", "1w"] as const;
const LABELS: Record<string, [string, number]> = {
  hourly: ["Every hour", 1],
  every_4_hours: ["Every 4 hours", 4],
  daily: ["Daily", 24],
  weekly: ["Weekly", 168],
  "5m": ["Every 5 minutes", 1 / 12],
  "1h": ["Every hour", 1],
  "6h": ["Every 6 hours", 6],
  "1d": ["Daily", 24],
  "1w": ["Weekly", 168],
};

/** Changes listed for an asset: those carrying its id (a source: its tables'). */
function changesOf(state: State, asset: AssetRecord) {
  const ids = state.idsUnder(asset);
  return state.schemaChanges.filter((c) => ids.has(c.asset_id));
}

const newestFirst = <T extends { detected_at: number }>(items: T[]) =>
  [...items].sort((a, b) => b.detected_at - a.detected_at);

function baselineView(state: State, b: SchemaBaselineRecord): Record<string, unknown> {
  return {
    id: b.id,
    asset_id: b.asset_id,
    table_count: Object.keys(b.tables).length,
    column_count: Object.values(b.tables).reduce((n, cols) => n + cols.length, 0),
    captured_at: state.iso(b.captured_at),
    description: b.description,
  };
}

function monitoringView(state: State, assetId: string): Record<string, unknown> {
  const m = state.schemaMonitoring.get(assetId);
  if (!m || !m.enabled)
    return {
      asset_id: assetId,
      monitoring_enabled: false,
      schedule_type: m?.schedule_type ?? null,
      schedule_label: null,
      baseline_id: m?.baseline_id ?? null,
      next_check_at: null,
      last_check_at: state.iso(m?.last_check_at ?? null),
      baseline_captured_at: null,
    };
  const [label, hours] = LABELS[m.schedule_type] ?? ["Daily", 24];
  const baseline = state.baselines.find((b) => b.id === m.baseline_id);
  return {
    asset_id: assetId,
    monitoring_enabled: true,
    schedule_type: m.schedule_type,
    schedule_label: label,
    baseline_id: m.baseline_id,
    next_check_at: state.iso((m.last_check_at ?? m.enabled_at) + hours * HOUR),
    last_check_at: state.iso(m.last_check_at),
    baseline_captured_at: state.iso(baseline?.captured_at ?? null),
  };
}

/** Captures the current columns of every table an asset covers. */
function capture(state: State, asset: AssetRecord, description: string | null): SchemaBaselineRecord {
  const baseline: SchemaBaselineRecord = {
    id: state.uuid(),
    asset_id: asset.id,
    description,
    captured_at: state.now(),
    tables: Object.fromEntries(
      state.tablesOf(asset).map((t) => [state.tablePath(t), t.columns.map((c) => ({ ...c }))]),
    ),
  };
  state.baselines.push(baseline);
  return baseline;
}

/** One difference a schema check would report. */
interface Drift {
  change_type: string;
  severity: string;
  table_name: string | null;
  table_path: string | null;
  column_name: string | null;
  old_value: string | null;
  new_value: string | null;
}

function tableKey(state: State, tableId: string): string | null {
  const t = state.tables.find((x) => x.id === tableId);
  return t ? state.tablePath(t) : null;
}

/** The baseline drift is measured against: the one monitoring uses, else the newest of the asset or its source. */
function baselineFor(state: State, asset: AssetRecord): SchemaBaselineRecord | undefined {
  const owners = [asset.id, state.sourceOf(asset).id];
  for (const id of owners) {
    const m = state.schemaMonitoring.get(id);
    const b = m?.baseline_id ? state.baselines.find((x) => x.id === m.baseline_id) : undefined;
    if (b) return b;
  }
  return [...state.baselines].reverse().find((x) => owners.includes(x.asset_id));
}

/**
 * The differences between a baseline and the current columns of `tables`: tables added or (when the whole
 * asset is compared) removed, columns added, removed or retyped — severities as `alterTable` records them.
 */
function drift(state: State, baseline: SchemaBaselineRecord, tables: readonly TableRecord[], whole: boolean): Drift[] {
  const out: Drift[] = [];
  const current = new Set(tables.map((t) => state.tablePath(t)));
  for (const t of tables) {
    const path = state.tablePath(t);
    const before = baseline.tables[path] ?? baseline.tables[t.qualified_name];
    const base = { table_name: t.table_name, table_path: path };
    if (!before) {
      out.push({
        change_type: "table_added",
        severity: "info",
        ...base,
        column_name: null,
        old_value: null,
        new_value: `${t.columns.length} columns`,
      });
      continue;
    }
    for (const c of before) {
      const now = t.columns.find((x) => x.name === c.name);
      if (!now)
        out.push({
          change_type: "column_removed",
          severity: "critical",
          ...base,
          column_name: c.name,
          old_value: c.type,
          new_value: null,
        });
      else if (now.type !== c.type)
        out.push({
          change_type: "type_changed",
          severity: "warning",
          ...base,
          column_name: c.name,
          old_value: c.type,
          new_value: now.type,
        });
    }
    for (const c of t.columns) {
      if (!before.some((x) => x.name === c.name))
        out.push({
          change_type: "column_added",
          severity: "info",
          ...base,
          column_name: c.name,
          old_value: null,
          new_value: c.type,
        });
    }
  }
  if (whole) {
    for (const [path, cols] of Object.entries(baseline.tables)) {
      if (current.has(path) || tables.some((t) => t.qualified_name === path)) continue;
      out.push({
        change_type: "table_removed",
        severity: "critical",
        table_name: path.split(".").pop() ?? path,
        table_path: path,
        column_name: null,
        old_value: `${cols.length} columns`,
        new_value: null,
      });
    }
  }
  const rank: Record<string, number> = { critical: 0, warning: 1, info: 2 };
  return out.sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3));
}

/** Registers the schema routes. */
export function register(router: Router, state: State): void {
  router.get("/sdk/schema/summary", () => ok(schemaSummaryView(state)));

  router.get("/sdk/schema/changes", (ctx) => {
    const q = readQuery(ctx.query, {
      ...paging(50),
      asset_id: str(),
      severity: oneOf(["critical", "warning", "info"]),
      unacknowledged_only: bool({ dflt: false }),
      change_type: str(),
    });
    let items = q.asset_id ? changesOf(state, state.asset(q.asset_id)) : state.schemaChanges;
    if (q.severity) items = items.filter((c) => c.severity === q.severity);
    if (q.unacknowledged_only) items = items.filter((c) => !c.acknowledged);
    if (q.change_type) items = items.filter((c) => c.change_type === q.change_type);
    return paged("data", newestFirst(items), q.limit, q.offset, (c) => schemaChangeView(state, c));
  });

  router.post(
    "/sdk/schema/dry-run",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true }),
        lookback_days: int({ dflt: 30, min: 1 }),
        table_path: str({ nonEmpty: true }),
        schedule_type: oneOf(SCHEDULE_TYPES),
      });
      const asset = state.asset(b.asset_id);
      const table = b.table_path === undefined ? undefined : state.table(asset, b.table_path);
      const tables = table ? [table] : state.tablesOf(asset);
      // Only a whole source can have lost tables; a table (or a table_path) is compared on its own.
      const whole = table === undefined && asset.kind === "source";
      const schedule =
        b.schedule_type ??
        state.schemaMonitoring.get(asset.id)?.schedule_type ??
        state.schemaMonitoring.get(state.sourceOf(asset).id)?.schedule_type ??
        "daily";
      const baseline = baselineFor(state, asset);
      const since = state.now() - b.lookback_days * 24 * HOUR;
      const recorded = newestFirst(tables.flatMap((t) => changesOf(state, t)).filter((c) => c.detected_at >= since));
      // With a baseline, a run now reports the difference from it; without one, what was recorded lately.
      const changes: Drift[] = baseline
        ? drift(state, baseline, tables, whole)
        : recorded.map((c) => ({
            change_type: c.change_type,
            severity: c.severity,
            table_name: state.tables.find((t) => t.id === c.asset_id)?.table_name ?? null,
            table_path: tableKey(state, c.asset_id),
            column_name: c.column_name,
            old_value: c.old_value,
            new_value: c.new_value,
          }));
      const summary: Record<string, number> = {};
      for (const c of changes) summary[c.change_type] = (summary[c.change_type] ?? 0) + 1;
      // One alert per table per check that finds something: changes landing between two checks share one.
      const hours = LABELS[schedule]?.[1] ?? 24;
      const buckets = new Set(recorded.map((c) => `${c.asset_id}:${Math.floor(c.detected_at / (hours * HOUR))}`));
      const perWeek = Math.min(Math.ceil(168 / hours), Math.round((buckets.size * 7) / b.lookback_days));
      const inBaseline = baseline
        ? Object.keys(baseline.tables).filter(
            (path) => whole || tables.some((t) => path === state.tablePath(t) || path === t.qualified_name),
          ).length
        : 0;
      return ok({
        asset_id: asset.id,
        schedule_type: schedule,
        baseline_exists: baseline !== undefined,
        baseline_id: baseline?.id ?? null,
        baseline_captured_at: state.iso(baseline?.captured_at ?? null),
        tables_in_baseline: inBaseline,
        tables_in_current: tables.length,
        changes_detected: changes.length > 0,
        total_changes: changes.length,
        changes_summary: summary,
        sample_changes: changes.slice(0, 10),
        estimated_alerts_per_week: perWeek,
        recommendation: !baseline
          ? `No baseline yet: capture one so that drift is measured against a known schema (${recorded.length} change(s) recorded in ${b.lookback_days} days).`
          : changes.length === 0
            ? `The schema matches the baseline; a ${schedule} schedule would stay quiet (about ${perWeek} alert(s) a week at the recent rate).`
            : `${changes.length} difference(s) from the baseline${changes.some((c) => c.severity === "critical") ? ", some breaking" : ""}: a ${schedule} check would alert now, then about ${perWeek} a week at the recent rate.`,
      });
    },
    { scope: "read" },
  );

  router.get("/sdk/schema/{asset_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const changes = newestFirst(changesOf(state, asset));
    return ok({
      asset_id: asset.id,
      qualified_name: asset.qualified_name,
      monitoring_enabled:
        state.schemaMonitoring.get(state.sourceOf(asset).id)?.enabled === true ||
        state.schemaMonitoring.get(asset.id)?.enabled === true,
      tables: state.tablesOf(asset).map((t) => ({
        table_path: state.tablePath(t),
        qualified_name: t.qualified_name,
        columns: t.columns.map((c) => ({ ...c })),
      })),
      recent_changes: changes.slice(0, 10).map((c) => schemaChangeView(state, c)),
      total_unacknowledged: changes.filter((c) => !c.acknowledged).length,
    });
  });

  router.post(
    "/sdk/schema/{asset_id}/baseline",
    (ctx) => {
      const asset = state.asset(ctx.params.asset_id as string);
      const b = readBody(ctx.body, { description: str() });
      const baseline = capture(state, asset, b.description ?? null);
      const m = state.schemaMonitoring.get(asset.id);
      if (m) m.baseline_id = baseline.id;
      return ok(baselineView(state, baseline), 201);
    },
    { effect: "schema.create_baseline" },
  );

  router.post("/sdk/schema/{asset_id}/monitoring", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const b = readBody(ctx.body, {
      schedule_type: oneOf(SCHEDULE_TYPES, { dflt: "daily" }),
      auto_create_baseline: bool({ dflt: true }),
    });
    const current = state.schemaMonitoring.get(asset.id);
    if (current?.enabled && current.schedule_type === b.schedule_type) return ok(monitoringView(state, asset.id));
    let baselineId = current?.baseline_id ?? null;
    if (baselineId === null && b.auto_create_baseline) {
      baselineId = capture(state, asset, "Created when monitoring was enabled").id;
      state.effect("schema.create_baseline");
    }
    state.schemaMonitoring.set(asset.id, {
      asset_id: asset.id,
      enabled: true,
      schedule_type: b.schedule_type,
      baseline_id: baselineId,
      enabled_at: state.now(),
      last_check_at: current?.last_check_at ?? null,
    });
    state.effect("schema.enable_monitoring");
    return ok(monitoringView(state, asset.id));
  });

  router.delete("/sdk/schema/{asset_id}/monitoring", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const current = state.schemaMonitoring.get(asset.id);
    if (current?.enabled) {
      current.enabled = false;
      state.effect("schema.disable_monitoring");
    }
    return ok({ asset_id: asset.id, monitoring_enabled: false });
  });

  router.post(
    "/sdk/schema/{asset_id}/refresh",
    (ctx) => {
      const asset = state.asset(ctx.params.asset_id as string);
      const job = state.startJob("schema_refresh", asset.id, (at) => {
        const m = state.schemaMonitoring.get(asset.id) ?? state.schemaMonitoring.get(state.sourceOf(asset).id);
        if (m) m.last_check_at = at;
      });
      return ok(
        { job_id: job.job_id, status: "pending", message: `Schema check queued for ${asset.qualified_name}` },
        202,
      );
    },
    { effect: "schema.refresh" },
  );
}
