/**
 * Alert engine: what in the store is worth an alert — a table past its freshness threshold, an
 * unacknowledged schema change, a failing validity rule or referential check, an anomalous metric
 * capture — which rules listen for it, and the evaluation the watcher runs before every request and admin
 * call (raise one alert per new occurrence, clear alerts whose condition is gone, wake snoozed ones). The
 * same signals replayed over the records' history answer rule previews. Routes and wire views live in
 * `routes/alerts.ts`; the demo rules and destinations in `catalogue.ts`.
 */
import { covers, latestSnapshot, referentialResultsOf, snapshotsOf, validityResultsOf } from "../quality-records";
import type { AlertRecord, AlertRuleRecord, MetricSnapshotRecord, State, TableRecord } from "../state";
import { freshnessFacts, round2, tagNamesOf } from "../views";
import { investigate } from "./investigations";
import { zThreshold } from "./metrics";

const HOUR = 3_600_000;

/** Event types the sandbox raises (armor-mcp's list, plus referential failures). */
export const EVENT_TYPES = [
  "freshness_stale",
  "schema_drift",
  "metric_anomaly",
  "validity_failure",
  "referential_failure",
  "custom_sql",
] as const;
/** Alert statuses that count as open (at most one open alert per condition). */
export const OPEN = new Set(["triggered", "acknowledged", "snoozed"]);

/** Something in the store worth an alert, as of now. */
export interface Signal {
  /** Unique per occurrence: one alert at most per key, ever. */
  key: string;
  /** Same for every occurrence of one condition: at most one open alert per group. */
  group: string;
  event_type: string;
  severity: string;
  table: TableRecord;
  title: string;
  message: string;
  at: number;
  /** The record the alert cites (`alert.source` / `source_id`). */
  source: string;
  source_id: string;
}

/** Every current signal, in a stable order (tables, schema changes, validity, referential, metrics). */
export function signals(state: State): Signal[] {
  const out: Signal[] = [];
  const table = (id: string) => state.tables.find((t) => t.id === id);
  for (const t of state.tables) {
    const f = freshnessFacts(state, t);
    if (f.status !== "stale" || f.last === null || f.threshold === null) continue;
    const hours = (f.hours as number).toFixed(1);
    out.push({
      key: `freshness:${t.id}:${f.last}`,
      group: `freshness:${t.id}`,
      event_type: "freshness_stale",
      severity: (f.hours as number) > 2 * f.threshold ? "critical" : "warning",
      table: t,
      title: `${t.qualified_name} is stale`,
      message: `${t.qualified_name} has not been updated for ${hours} h (threshold ${f.threshold} h)`,
      at: f.last + f.threshold * HOUR,
      source: "freshness",
      source_id: t.id,
    });
  }
  for (const c of state.schemaChanges) {
    const t = table(c.asset_id);
    if (!t || c.acknowledged) continue;
    const what = c.change_type.replace(/_/g, " ");
    out.push({
      key: `schema:${c.id}`,
      group: `schema:${c.id}`,
      event_type: "schema_drift",
      severity: c.severity,
      table: t,
      title: `Schema change on ${t.qualified_name}: ${what}`,
      message:
        `${what} ${c.column_name ?? ""} on ${t.qualified_name}${c.old_value || c.new_value ? ` (${c.old_value ?? "∅"} → ${c.new_value ?? "∅"})` : ""}`.replace(
          /\s+/g,
          " ",
        ),
      at: c.detected_at,
      source: "schema_change",
      source_id: c.id,
    });
  }
  for (const r of state.validityRules) {
    const t = table(r.table_id);
    const latest = validityResultsOf(state, r)[0];
    if (!t || !r.is_active || !latest || latest.status === "pass") continue;
    const label = r.name ?? `${r.rule_type} on ${r.column_name ?? r.table_path}`;
    out.push({
      key: `validity:${latest.id}`,
      group: `validity:${r.uuid}`,
      event_type: "validity_failure",
      severity: r.severity === "error" ? "critical" : r.severity,
      table: t,
      title: `Validity rule failing: ${label}`,
      message:
        latest.status === "error"
          ? `Validity rule '${label}' could not run on ${t.qualified_name}: ${latest.error_message ?? "error"}`
          : `${latest.invalid_count} of ${latest.total_rows} rows (${latest.invalid_percent}%) of ${t.qualified_name} break '${label}'`,
      at: latest.checked_at,
      source: "validity",
      source_id: r.uuid,
    });
  }
  for (const c of state.referentialChecks) {
    const t = table(c.child_table_id);
    const latest = referentialResultsOf(state, c)[0];
    if (!t || !c.is_active || !latest || latest.status === "pass") continue;
    const label =
      c.name ?? `${c.child_table_path}.${c.child_column_name} → ${c.parent_table_path}.${c.parent_column_name}`;
    out.push({
      key: `referential:${latest.id}`,
      group: `referential:${c.id}`,
      event_type: "referential_failure",
      severity: "warning",
      table: t,
      title: `Referential check failing: ${label}`,
      message: `${latest.orphan_count} of ${latest.total_child_rows} rows of ${t.qualified_name} have no parent in ${c.parent_table_path} ('${label}')`,
      at: latest.checked_at,
      source: "referential",
      source_id: c.id,
    });
  }
  for (const m of state.metrics) {
    const t = table(m.table_id);
    const last = latestSnapshot(state, m);
    if (!t || !m.is_active || !last) continue;
    const anomalous = snapshotsOf(state, m).filter((s) => s.captured_at === last.captured_at && s.is_anomaly);
    const worst = anomalous.sort((a, b) => Math.abs(b.z_score ?? 0) - Math.abs(a.z_score ?? 0))[0];
    if (!worst) continue;
    const z = worst.z_score ?? 0;
    out.push({
      key: `metric:${worst.id}`,
      group: `metric:${m.id}`,
      event_type: "metric_anomaly",
      severity: Math.abs(z) >= 2 * zThreshold(m.sensitivity) ? "critical" : "warning",
      table: t,
      title: `Anomaly in ${m.metric_type}${m.column_name ? ` of ${m.column_name}` : ""} on ${t.qualified_name}`,
      message: `${m.metric_type}${m.column_name ? `(${m.column_name})` : ""} on ${t.qualified_name} is ${worst.value} (z-score ${round2(z)})`,
      at: worst.captured_at,
      source: "metric",
      source_id: m.id,
    });
  }
  return out;
}

/** Whether an enabled rule listens for a signal: event type, severity, asset scope and tags all match. */
export function listens(
  state: State,
  rule: AlertRuleRecord,
  signal: { event_type: string; severity: string; table: TableRecord },
): boolean {
  if (!rule.enabled) return false;
  if (rule.event_types.length && !rule.event_types.includes(signal.event_type)) return false;
  if (rule.severities.length && !rule.severities.includes(signal.severity)) return false;
  const assets = (rule["asset_ids"] as string[] | undefined) ?? [];
  if (
    assets.length &&
    !assets.some((id) => {
      const a = state.findAsset(id);
      return a !== undefined && covers(a, signal.table);
    })
  )
    return false;
  const tags = (rule["tag_filter_tags"] as string[] | null | undefined) ?? [];
  if (tags.length) {
    const have = new Set(tagNamesOf(state, signal.table));
    const hit = rule["tag_filter_mode"] === "all" ? tags.every((t) => have.has(t)) : tags.some((t) => have.has(t));
    if (!hit) return false;
  }
  return true;
}

/** A signal as it happened in the past: when it began and, once over, when it ended. */
export interface Occurrence extends Signal {
  until: number | null;
}

/**
 * Every signal that began in `[since, now]`, replayed from the records themselves — the load history of
 * each table (under today's thresholds), every schema change, every validity and referential result
 * streak and every anomalous metric capture — whether or not a rule heard it at the time.
 */
export function occurrences(state: State, since: number): Occurrence[] {
  const now = state.now();
  const out: Occurrence[] = [];
  const table = (id: string) => state.tables.find((t) => t.id === id);
  const inWindow = (at: number) => at >= since && at <= now;
  for (const t of state.tables) {
    const threshold = state.thresholdOf(t);
    if (!t.freshness_enabled || threshold === null) continue;
    for (let i = 0; i < t.loads.length; i++) {
      const last = t.loads[i] as number;
      const next = t.loads[i + 1] ?? null;
      const gap = (next ?? now) - last;
      const at = last + threshold * HOUR;
      if (gap <= threshold * HOUR || !inWindow(at)) continue;
      out.push({
        key: `freshness:${t.id}:${last}`,
        group: `freshness:${t.id}`,
        event_type: "freshness_stale",
        severity: gap > 2 * threshold * HOUR ? "critical" : "warning",
        table: t,
        title: `${t.qualified_name} is stale`,
        message: `${t.qualified_name} went ${(gap / HOUR).toFixed(1)} h without a load${next === null ? " (still stale)" : ""} (threshold ${threshold} h)`,
        at,
        until: next,
        source: "freshness",
        source_id: t.id,
      });
    }
  }
  for (const c of state.schemaChanges) {
    const t = table(c.asset_id);
    if (!t || !inWindow(c.detected_at)) continue;
    const what = c.change_type.replace(/_/g, " ");
    out.push({
      key: `schema:${c.id}`,
      group: `schema:${c.id}`,
      event_type: "schema_drift",
      severity: c.severity,
      table: t,
      title: `Schema change on ${t.qualified_name}: ${what}`,
      message: `${what} ${c.column_name ?? ""} on ${t.qualified_name}`.replace(/\s+/g, " "),
      at: c.detected_at,
      until: null,
      source: "schema_change",
      source_id: c.id,
    });
  }
  /** Failing streaks of a result history (newest first): each begins with a failure after a pass. */
  const streaks = <R extends { id: number; status: string; checked_at: number }>(results: readonly R[]) => {
    const found: { first: R; until: number | null }[] = [];
    const oldestFirst = [...results].reverse();
    for (let i = 0; i < oldestFirst.length; i++) {
      const r = oldestFirst[i] as R;
      if (r.status === "pass" || (i > 0 && (oldestFirst[i - 1] as R).status !== "pass")) continue;
      const end = oldestFirst.slice(i + 1).find((x) => x.status === "pass");
      found.push({ first: r, until: end?.checked_at ?? null });
    }
    return found;
  };
  for (const r of state.validityRules) {
    const t = table(r.table_id);
    if (!t || !r.is_active) continue;
    const label = r.name ?? `${r.rule_type} on ${r.column_name ?? r.table_path}`;
    for (const { first, until } of streaks(validityResultsOf(state, r))) {
      if (!inWindow(first.checked_at)) continue;
      out.push({
        key: `validity:${first.id}`,
        group: `validity:${r.uuid}`,
        event_type: "validity_failure",
        severity: r.severity === "error" ? "critical" : r.severity,
        table: t,
        title: `Validity rule failing: ${label}`,
        message: `${first.invalid_count} of ${first.total_rows} rows of ${t.qualified_name} broke '${label}'`,
        at: first.checked_at,
        until,
        source: "validity",
        source_id: r.uuid,
      });
    }
  }
  for (const c of state.referentialChecks) {
    const t = table(c.child_table_id);
    if (!t || !c.is_active) continue;
    const label =
      c.name ?? `${c.child_table_path}.${c.child_column_name} → ${c.parent_table_path}.${c.parent_column_name}`;
    for (const { first, until } of streaks(referentialResultsOf(state, c))) {
      if (!inWindow(first.checked_at)) continue;
      out.push({
        key: `referential:${first.id}`,
        group: `referential:${c.id}`,
        event_type: "referential_failure",
        severity: "warning",
        table: t,
        title: `Referential check failing: ${label}`,
        message: `${first.orphan_count} of ${first.total_child_rows} rows of ${t.qualified_name} had no parent in ${c.parent_table_path}`,
        at: first.checked_at,
        until,
        source: "referential",
        source_id: c.id,
      });
    }
  }
  for (const m of state.metrics) {
    const t = table(m.table_id);
    if (!t || !m.is_active) continue;
    const batches = new Map<number, MetricSnapshotRecord[]>();
    for (const s of snapshotsOf(state, m))
      if (s.is_anomaly && inWindow(s.captured_at))
        batches.set(s.captured_at, [...(batches.get(s.captured_at) ?? []), s]);
    for (const [at, batch] of batches) {
      const worst = [...batch].sort(
        (a, b) => Math.abs(b.z_score ?? 0) - Math.abs(a.z_score ?? 0),
      )[0] as MetricSnapshotRecord;
      const z = worst.z_score ?? 0;
      out.push({
        key: `metric:${worst.id}`,
        group: `metric:${m.id}`,
        event_type: "metric_anomaly",
        severity: Math.abs(z) >= 2 * zThreshold(m.sensitivity) ? "critical" : "warning",
        table: t,
        title: `Anomaly in ${m.metric_type}${m.column_name ? ` of ${m.column_name}` : ""} on ${t.qualified_name}`,
        message: `${m.metric_type}${m.column_name ? `(${m.column_name})` : ""} on ${t.qualified_name} was ${worst.value} (z-score ${round2(z)})`,
        at,
        until: null,
        source: "metric",
        source_id: m.id,
      });
    }
  }
  return out.sort((a, b) => b.at - a.at || a.key.localeCompare(b.key));
}

/** The alert raised for an occurrence, if one was. */
export function raisedFor(state: State, o: Occurrence): AlertRecord | undefined {
  return state.alerts.find(
    (a) =>
      a["source_id"] === o.source_id &&
      a.event_type === o.event_type &&
      a.triggered_at >= o.at &&
      (o.until === null || a.triggered_at < o.until),
  );
}

/** What one evaluation changed. */
export interface AlertChanges {
  /** Alerts raised. */
  raised: number;
  /** Open alerts whose condition cleared. */
  resolved: number;
  /** Snoozed alerts whose snooze ended. */
  unsnoozed: number;
}

/**
 * Brings alerts up to date with the store: raises one alert per new signal a rule listens to (never two
 * open alerts for one condition), clears open alerts whose condition is gone, and wakes snoozed alerts
 * whose time is up.
 * @returns how many alerts each kind of change touched (the watcher counts them in the effects)
 */
export function evaluateAlerts(state: State): AlertChanges {
  const changes: AlertChanges = { raised: 0, resolved: 0, unsnoozed: 0 };
  const now = state.now();
  for (const a of state.alerts) {
    if (a.status === "snoozed" && a.snoozed_until !== null && now >= a.snoozed_until) {
      a.status = (a["status_before_snooze"] as string | undefined) ?? "triggered";
      a.history.push({ action: "unsnoozed", timestamp: a.snoozed_until, user_id: null, notes: null });
      a.snoozed_until = null;
      changes.unsnoozed++;
    }
  }
  const current = signals(state);
  const live = new Set(current.map((s) => s.group));
  for (const a of state.alerts) {
    if (!OPEN.has(a.status) || live.has(a["group"] as string)) continue;
    a.status = "resolved";
    a.resolved_at = now;
    a.history.push({ action: "auto_resolved", timestamp: now, user_id: null, notes: "The condition cleared" });
    changes.resolved++;
  }
  const seen = state.alertKeysSeen;
  for (const s of current) {
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    if (state.alerts.some((a) => a["group"] === s.group && OPEN.has(a.status))) continue;
    const rule = state.alertRules.find((r) => listens(state, r, s));
    if (!rule) continue;
    const alert: AlertRecord = {
      id: state.uuid(),
      rule_id: rule.id,
      rule_name: rule.name,
      asset_id: s.table.id,
      event_type: s.event_type,
      severity: s.severity,
      status: "triggered",
      title: s.title,
      message: s.message,
      triggered_at: s.at,
      acknowledged_at: null,
      resolved_at: null,
      dismissed_at: null,
      snoozed_until: null,
      notes: null,
      history: [{ action: "triggered", timestamp: s.at, user_id: null, notes: null }],
      group: s.group,
      source: s.source,
      source_id: s.source_id,
      investigation_id: state.uuid(),
    };
    state.alerts.push(alert);
    // The investigation is persisted as of the moment the alert fires; `explain` stays live.
    alert["investigation"] = investigate(state, alert);
    changes.raised++;
  }
  return changes;
}

/** The rule type shown for a rule: its one event type, or a word for many or all. */
export function ruleTypeOf(eventTypes: readonly string[]): string {
  return eventTypes.length === 1 ? (eventTypes[0] as string) : eventTypes.length === 0 ? "all_events" : "multi_event";
}

/** The severity shown for a rule: the highest it listens to. */
export function ruleSeverityOf(severities: readonly string[]): string {
  return severities.includes("critical")
    ? "critical"
    : severities.length === 0 || severities.includes("warning")
      ? "warning"
      : "info";
}
