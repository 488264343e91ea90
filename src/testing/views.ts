/**
 * Wire projections of store records shared by several route modules (`docs/protocol.md` §2.6), each carrying both the
 * seed's and the 0.2.x names where they differ (`docs/protocol.md` §2.6).
 */
import {
  JOB_DONE_MS,
  JOB_PENDING_MS,
  type AssetRecord,
  type SchemaChangeRecord,
  type State,
  type TableRecord,
} from "./state";

/** Rounds to two decimals (hours, percentages). */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Tag names that apply to an asset (its own tags, plus, for a table, those on its path through its source). */
export function tagNamesOf(state: State, asset: AssetRecord): string[] {
  const names = new Set<string>();
  const path = asset.kind === "table" ? state.tablePath(asset) : null;
  for (const tag of state.tags) {
    if (
      tag.asset_id === asset.id &&
      (asset.kind === "source" ||
        tag.object_path === null ||
        tag.object_path === path ||
        tag.object_path.startsWith(`${path}.`))
    ) {
      names.add(tag.name);
    } else if (
      asset.kind === "table" &&
      tag.asset_id === asset.source_id &&
      tag.object_path !== null &&
      (tag.object_path === path || tag.object_path.startsWith(`${path}.`))
    ) {
      names.add(tag.name);
    }
  }
  return [...names];
}

/** `Asset`. */
export function assetView(state: State, asset: AssetRecord): Record<string, unknown> {
  const source = state.sourceOf(asset);
  const isTable = asset.kind === "table";
  const rows = isTable ? asset.rows.length : null;
  return {
    id: asset.id,
    qualified_name: asset.qualified_name,
    name: asset.name,
    asset_type: isTable ? asset.asset_type : "database",
    source_type: source.source_type,
    source: source.source_type,
    database_name: source.database_name,
    database: source.database_name,
    schema_name: isTable ? asset.schema_name : null,
    table_name: isTable ? asset.table_name : null,
    description: asset.description,
    is_active: asset.is_active,
    row_count: rows,
    size_bytes: isTable ? (rows as number) * asset.columns.length * 16 : null,
    column_count: isTable ? asset.columns.length : null,
    tags: tagNamesOf(state, asset),
    created_at: state.iso(asset.created_at),
    updated_at: state.iso(asset.updated_at),
  };
}

/** The freshness facts of one table at the current time. */
export interface FreshnessFacts {
  status: "fresh" | "stale" | "unknown" | "disabled";
  last: number | null;
  hours: number | null;
  threshold: number | null;
}

/** Computes a table's freshness from its last load, its threshold and the clock. */
export function freshnessFacts(state: State, table: TableRecord): FreshnessFacts {
  const last = state.lastLoad(table);
  const threshold = state.thresholdOf(table);
  const hours = last === null ? null : (state.now() - last) / 3_600_000;
  const status = !table.freshness_enabled
    ? "disabled"
    : hours === null || threshold === null
      ? "unknown"
      : hours > threshold
        ? "stale"
        : "fresh";
  return { status, last, hours, threshold };
}

/**
 * Freshness facts of any asset. A source reports its worst table (highest age / threshold), so its
 * numbers always agree with its status: stale if any table is, fresh if all monitored ones are.
 */
export function assetFreshnessFacts(state: State, asset: AssetRecord): FreshnessFacts {
  if (asset.kind === "table") return freshnessFacts(state, asset);
  const all = state
    .tablesOf(asset)
    .map((t) => freshnessFacts(state, t))
    .filter((f) => f.status !== "disabled");
  const judged = all.filter((f) => f.status === "fresh" || f.status === "stale");
  if (judged.length === 0) {
    const last = all.reduce<number | null>(
      (m, f) => (f.last !== null && (m === null || f.last > m) ? f.last : m),
      null,
    );
    return { status: "unknown", last, hours: last === null ? null : (state.now() - last) / 3_600_000, threshold: null };
  }
  const worst = judged.reduce((w, f) =>
    (f.hours as number) / (f.threshold as number) > (w.hours as number) / (w.threshold as number) ? f : w,
  );
  const status = judged.some((f) => f.status === "stale")
    ? "stale"
    : judged.length === all.length
      ? "fresh"
      : "unknown";
  return { ...worst, status };
}

/** `FreshnessStatus`. */
export function freshnessView(state: State, asset: AssetRecord): Record<string, unknown> {
  const f = assetFreshnessFacts(state, asset);
  const last = state.iso(f.last);
  return {
    asset_id: asset.id,
    qualified_name: asset.qualified_name,
    status: f.status,
    is_stale: f.status === "stale",
    is_fresh: f.status === "fresh",
    last_update_time: last,
    last_updated: last,
    hours_since_update: f.hours === null ? null : round2(f.hours),
    staleness_threshold_hours: f.threshold,
    checked_at: state.iso(),
  };
}

/** `FreshnessSummary` over every table. */
export function freshnessSummaryView(state: State): Record<string, number> {
  const counts = { fresh: 0, stale: 0, unknown: 0, disabled: 0 };
  for (const table of state.tables) counts[freshnessFacts(state, table).status]++;
  const total = state.tables.length;
  const rate = total === 0 ? 0 : round2((counts.fresh / total) * 100);
  return {
    total_assets: total,
    fresh_count: counts.fresh,
    fresh: counts.fresh,
    stale_count: counts.stale,
    unknown_count: counts.unknown,
    disabled_count: counts.disabled,
    freshness_rate: rate,
    fresh_percentage: rate,
  };
}

/** `SchemaSummary` (plus the seed's `changes_last_24h`). */
export function schemaSummaryView(state: State): Record<string, unknown> {
  const changes = state.schemaChanges;
  const dayAgo = state.now() - 86_400_000;
  const lastCheck = [...state.schemaMonitoring.values()].reduce<number | null>(
    (m, s) => (s.last_check_at !== null && (m === null || s.last_check_at > m) ? s.last_check_at : m),
    null,
  );
  return {
    total_changes: changes.length,
    unacknowledged: changes.filter((c) => !c.acknowledged).length,
    critical_count: changes.filter((c) => c.severity === "critical").length,
    warning_count: changes.filter((c) => c.severity === "warning").length,
    info_count: changes.filter((c) => c.severity === "info").length,
    changes_last_24h: changes.filter((c) => c.detected_at >= dayAgo).length,
    last_check: state.iso(lastCheck),
  };
}

/** `LineageNode`. */
export function lineageNodeView(state: State, asset: AssetRecord): Record<string, unknown> {
  return {
    id: asset.id,
    qualified_name: asset.qualified_name,
    name: asset.name,
    asset_type: asset.kind === "table" ? asset.asset_type : "database",
    source_type: state.sourceOf(asset).source_type,
  };
}

/** A job as `jobs.status` answers it: state computed from the clock. */
export function jobView(state: State, jobId: string): Record<string, unknown> {
  const job = state.job(jobId);
  const elapsed = state.now() - job.created_at;
  const done = elapsed >= JOB_DONE_MS;
  const running = elapsed >= JOB_PENDING_MS;
  const status = done ? (job.error === null ? "completed" : "failed") : running ? "running" : "pending";
  // Rises from 10 to 95 while running; 100 only once completed.
  const progress = done
    ? 100
    : running
      ? Math.min(95, Math.round(10 + ((elapsed - JOB_PENDING_MS) / (JOB_DONE_MS - JOB_PENDING_MS)) * 85))
      : 0;
  return {
    job_id: job.job_id,
    status,
    workflow_name: job.workflow_name,
    asset_id: job.asset_id,
    progress,
    error: done ? job.error : null,
    created_at: state.iso(job.created_at),
    started_at: running ? state.iso(job.created_at + JOB_PENDING_MS) : null,
    completed_at: done ? state.iso(job.created_at + JOB_DONE_MS) : null,
    // A job under a manual clock ends only when a test moves the clock: say so to whoever is waiting.
    ...(!done &&
      state.clock.mode() === "manual" && {
        message:
          `The sandbox clock is manual: this job completes after ${(job.created_at + JOB_DONE_MS - state.now()) / 1000} s ` +
          `more of sandbox time, so only sandbox.clock.advance({ seconds: 5 }) finishes it. ` +
          `createSandbox({ clock: "realtime" }) follows wall time; serveSandbox does so unless clock: "manual" was chosen.`,
      }),
  };
}

/** `SchemaChange` (qualified name of the changed table included). */
export function schemaChangeView(state: State, change: SchemaChangeRecord): Record<string, unknown> {
  const table = state.tables.find((t) => t.id === change.asset_id);
  return {
    id: change.id,
    asset_id: change.asset_id,
    qualified_name: table?.qualified_name ?? change.asset_id,
    change_type: change.change_type,
    severity: change.severity,
    column_name: change.column_name,
    old_value: change.old_value,
    new_value: change.new_value,
    detected_at: state.iso(change.detected_at),
    acknowledged: change.acknowledged,
  };
}

/** `AlertSummary`: rules, alerts of the last 24 h, and alerts still open (triggered or acknowledged). */
export function alertSummaryView(state: State): Record<string, number> {
  const dayAgo = state.now() - 86_400_000;
  return {
    total_rules: state.alertRules.length,
    active_rules: state.alertRules.filter((r) => r.enabled).length,
    recent_alerts: state.alerts.filter((a) => a.triggered_at >= dayAgo).length,
    unresolved_alerts: state.alerts.filter((a) => a.status === "triggered" || a.status === "acknowledged").length,
  };
}

/** Tables upstream (`up`) or downstream of a set of tables, up to `depth` hops, nearest first. */
export function traverse(
  state: State,
  start: readonly string[],
  dir: "up" | "down",
  depth: number,
): { ids: string[]; edges: typeof state.lineage } {
  const seen = new Set(start);
  const ids: string[] = [];
  const edges: typeof state.lineage = [];
  let frontier = [...start];
  for (let level = 0; level < depth && frontier.length; level++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of state.lineage) {
        const from = dir === "up" ? e.target : e.source;
        const to = dir === "up" ? e.source : e.target;
        if (from !== id) continue;
        if (!edges.includes(e)) edges.push(e);
        if (seen.has(to)) continue;
        seen.add(to);
        ids.push(to);
        next.push(to);
      }
    }
    frontier = next;
  }
  return { ids, edges };
}
