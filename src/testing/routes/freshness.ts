/** Freshness: summary, list, get, refresh (a job), schedules CRUD, dry run over load history. */
import { bool, int, num, oneOf, paging, readBody, readQuery, str } from "../input";
import { HttpError, invalid, noContent, notFound, ok, paged } from "../respond";
import type { Router } from "../router";
import type { FreshnessScheduleRecord, State, TableRecord } from "../state";
import { freshnessFacts, freshnessSummaryView, freshnessView, round2 } from "../views";

const HOUR = 3_600_000;
/** Check intervals schedules accept (0.2.x values plus armor-mcp's). */
export const CHECK_INTERVALS = ["5m", "15m", "30m", "1h", "3h", "6h", "12h", "1d", "1w"] as const;
export const MODES = ["auto_learn", "explicit"] as const;

function scheduleView(state: State, s: FreshnessScheduleRecord): Record<string, unknown> {
  return {
    id: s.id,
    asset_id: s.asset_id,
    table_path: s.table_path,
    check_interval: s.check_interval,
    freshness_column: s.freshness_column,
    expected_interval_hours: s.expected_interval_hours,
    expected_update_time: null,
    monitoring_mode: s.monitoring_mode,
    is_active: s.is_active,
    last_check: state.iso(s.last_check),
    next_check: state.iso((s.last_check ?? s.created_at) + intervalMs(s.check_interval)),
    created_at: state.iso(s.created_at),
    updated_at: state.iso(s.updated_at),
  };
}

function intervalMs(interval: string): number {
  const m = /^(\d+)([mhdw])$/.exec(interval);
  if (!m) return HOUR;
  return Number(m[1]) * { m: 60_000, h: HOUR, d: 24 * HOUR, w: 168 * HOUR }[m[2] as "m" | "h" | "d" | "w"];
}

function schedule(state: State, id: string): FreshnessScheduleRecord {
  const found = state.schedules.find((s) => s.id === id);
  if (!found) throw notFound("freshness schedule", id);
  return found;
}

/**
 * Age of a table's data at time `t` according to its load history (hours since the last load at or before
 * `t`), or null when nothing had landed yet.
 */
export function ageAt(table: TableRecord, t: number): number | null {
  let last: number | null = null;
  for (const load of table.loads) {
    if (load > t) break;
    last = load;
  }
  return last === null ? null : (t - last) / HOUR;
}

/** Registers the freshness routes. */
export function register(router: Router, state: State): void {
  router.get("/sdk/freshness/summary", () => ok(freshnessSummaryView(state)));

  router.get("/sdk/freshness", (ctx) => {
    const q = readQuery(ctx.query, {
      ...paging(50),
      status: oneOf(["fresh", "stale", "unknown", "disabled"]),
      asset_id: str(),
    });
    const scope = q.asset_id ? state.tablesOf(state.asset(q.asset_id)) : state.tables;
    const items = scope.filter((t) => !q.status || freshnessFacts(state, t).status === q.status);
    return paged("data", items, q.limit, q.offset, (t) => freshnessView(state, t));
  });

  router.get("/sdk/freshness/schedules", (ctx) => {
    const q = readQuery(ctx.query, { ...paging(50), asset_id: str(), active_only: bool({ dflt: false }) });
    let items = state.schedules;
    if (q.asset_id) {
      const ids = state.idsUnder(state.asset(q.asset_id));
      items = items.filter((s) => ids.has(s.asset_id));
    }
    if (q.active_only) items = items.filter((s) => s.is_active);
    return paged("data", items, q.limit, q.offset, (s) => scheduleView(state, s));
  });

  router.post(
    "/sdk/freshness/schedules",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true }),
        table_path: str({ required: true, nonEmpty: true }),
        check_interval: oneOf(CHECK_INTERVALS, { required: true }),
        monitoring_mode: oneOf(MODES, { dflt: "auto_learn" }),
        is_active: bool({ dflt: true }),
        expected_interval_hours: num({ min: 0.001 }),
        freshness_column: str({ nonEmpty: true }),
      });
      if (b.monitoring_mode === "explicit" && b.expected_interval_hours === undefined)
        throw invalid("expected_interval_hours", "is required when monitoring_mode is explicit");
      const asset = state.asset(b.asset_id);
      const table = state.table(asset, b.table_path);
      if (b.freshness_column !== undefined && !table.columns.some((c) => c.name === b.freshness_column))
        throw invalid("freshness_column", `is not a column of ${b.table_path}`);
      const record: FreshnessScheduleRecord = {
        id: state.uuid(),
        asset_id: asset.id,
        table_path: b.table_path,
        table_id: table.id,
        check_interval: b.check_interval,
        expected_interval_hours: b.expected_interval_hours ?? null,
        freshness_column: b.freshness_column ?? null,
        monitoring_mode: b.monitoring_mode,
        is_active: b.is_active,
        created_at: state.now(),
        updated_at: null,
        last_check: null,
      };
      state.schedules.push(record);
      return ok(scheduleView(state, record), 201);
    },
    { effect: "freshness.create_schedule" },
  );

  router.patch("/sdk/freshness/schedules/{schedule_id}", (ctx) => {
    const s = schedule(state, ctx.params.schedule_id as string);
    const b = readBody(ctx.body, {
      check_interval: oneOf(CHECK_INTERVALS),
      expected_interval_hours: num({ min: 0.001 }),
      freshness_column: str({ nonEmpty: true }),
      monitoring_mode: oneOf(MODES),
      is_active: bool(),
    });
    const table = state.tables.find((t) => t.id === s.table_id);
    if (b.freshness_column !== undefined && table && !table.columns.some((c) => c.name === b.freshness_column))
      throw invalid("freshness_column", `is not a column of ${s.table_path}`);
    if (
      (b.monitoring_mode ?? s.monitoring_mode) === "explicit" &&
      (b.expected_interval_hours ?? s.expected_interval_hours) === null
    ) {
      throw invalid("expected_interval_hours", "is required when monitoring_mode is explicit");
    }
    const before = JSON.stringify(s);
    if (b.check_interval !== undefined) s.check_interval = b.check_interval;
    if (b.expected_interval_hours !== undefined) s.expected_interval_hours = b.expected_interval_hours;
    if (b.freshness_column !== undefined) s.freshness_column = b.freshness_column;
    if (b.monitoring_mode !== undefined) s.monitoring_mode = b.monitoring_mode;
    if (b.is_active !== undefined) s.is_active = b.is_active;
    // A PATCH that changes nothing is not a state change (and is not counted as one).
    if (JSON.stringify(s) !== before) {
      s.updated_at = state.now();
      state.effect("freshness.update_schedule");
    }
    return ok(scheduleView(state, s));
  });

  router.delete(
    "/sdk/freshness/schedules/{schedule_id}",
    (ctx) => {
      const s = schedule(state, ctx.params.schedule_id as string);
      state.schedules.splice(state.schedules.indexOf(s), 1);
      return noContent();
    },
    { effect: "freshness.delete_schedule" },
  );

  router.post(
    "/sdk/freshness/dry-run",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true }),
        table_path: str({ required: true, nonEmpty: true }),
        expected_interval_hours: num({ required: true, min: 0.001 }),
        lookback_days: int({ dflt: 7, min: 1 }),
      });
      const table = state.table(state.asset(b.asset_id), b.table_path);
      const now = state.now();
      // One simulated check per hour over the lookback window, each judged on the loads known at that time.
      // The simulated window is capped at a year: longer windows add nothing but time.
      const total = Math.min(b.lookback_days, 366) * 24;
      const alerts: { timestamp: string; hours_since_update: number }[] = [];
      for (let i = total - 1; i >= 0; i--) {
        const t = now - i * HOUR;
        const age = ageAt(table, t);
        if (age !== null && age > b.expected_interval_hours)
          alerts.push({ timestamp: new Date(t).toISOString(), hours_since_update: round2(age) });
      }
      const current = ageAt(table, now);
      const rate = total === 0 ? 0 : round2((alerts.length / total) * 100);
      const recommendation =
        table.loads.length === 0
          ? "No loads recorded in the lookback window; the threshold cannot be judged yet."
          : rate === 0
            ? `A ${b.expected_interval_hours} h threshold would not have alerted in the last ${b.lookback_days} days.`
            : rate > 20
              ? `A ${b.expected_interval_hours} h threshold would alert on ${rate}% of checks; consider raising it.`
              : `A ${b.expected_interval_hours} h threshold would alert on ${alerts.length} of ${total} checks.`;
      return ok({
        table_path: b.table_path,
        threshold_hours: b.expected_interval_hours,
        lookback_days: b.lookback_days,
        total_checks: total,
        would_alert_count: alerts.length,
        alert_rate_percent: rate,
        current_age_hours: current === null ? null : round2(current),
        would_alert_now: current !== null && current > b.expected_interval_hours,
        sample_alerts: alerts.slice(-5),
        recommendation,
      });
    },
    { scope: "read" },
  );

  router.get("/sdk/freshness/{asset_id}", (ctx) =>
    ok(freshnessView(state, state.asset(ctx.params.asset_id as string))),
  );

  router.post(
    "/sdk/freshness/{asset_id}/refresh",
    (ctx) => {
      const asset = state.asset(ctx.params.asset_id as string);
      if (state.tablesOf(asset).length === 0)
        throw new HttpError(422, "VALIDATION_ERROR", `Asset '${asset.qualified_name}' has no tables to check`, {
          asset_id: asset.id,
        });
      const job = state.startJob("freshness_refresh", asset.id, (at) => {
        for (const t of state.tablesOf(asset)) t.last_checked_at = at;
        for (const s of state.schedules)
          if (s.asset_id === asset.id || state.tablesOf(asset).some((t) => t.id === s.table_id)) s.last_check = at;
      });
      return ok(
        { job_id: job.job_id, status: "pending", message: `Freshness check queued for ${asset.qualified_name}` },
        202,
      );
    },
    { effect: "freshness.refresh" },
  );
}
