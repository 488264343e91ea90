/**
 * Investigations (`api.md` fixes the paths; `wire.md` §4.8 and the seed the shape): an EvidenceCapsule
 * built from the store — stale upstreams found through lineage, recent schema changes, failing checks,
 * anomalous metrics and open alerts — each piece citing the record it comes from. `explain` persists
 * nothing; `get` answers for the investigation every raised alert carries.
 */
import { latestSnapshot, referentialResultsOf, snapshotsOf, validityResultsOf } from "../checks";
import { oneOf, readBody, str } from "../input";
import { notFound, ok } from "../respond";
import type { Router } from "../router";
import type { AlertRecord, AssetRecord, State, TableRecord } from "../state";
import { freshnessFacts, round2 } from "../views";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hops of lineage followed upstream and downstream. */
const DEPTH = 3;
/** How far back a schema change still counts as recent. */
const RECENT_SCHEMA_MS = 7 * DAY;

type Focus = "anomaly" | "freshness" | "schema_change" | "validity";

/** One cited signal (`Evidence`). */
interface Evidence {
  event_type: string;
  confidence: number;
  timestamp: string;
  summary: string;
  details: Record<string, unknown>;
  source: string;
  source_id: string;
}

/** How much each kind of evidence says about each kind of question. */
const RELEVANCE: Record<Focus, Record<string, number>> = {
  freshness: { freshness_stale: 0.9, freshness_cascade: 0.85, schema_change: 0.5, validity_failure: 0.3, referential_failure: 0.3, metric_anomaly: 0.4 },
  schema_change: { schema_change: 0.9, freshness_stale: 0.35, freshness_cascade: 0.35, validity_failure: 0.55, referential_failure: 0.5, metric_anomaly: 0.5 },
  validity: { validity_failure: 0.9, referential_failure: 0.8, schema_change: 0.6, metric_anomaly: 0.5, freshness_stale: 0.3, freshness_cascade: 0.3 },
  anomaly: { metric_anomaly: 0.9, validity_failure: 0.65, referential_failure: 0.6, schema_change: 0.6, freshness_cascade: 0.55, freshness_stale: 0.5 },
};

const FOCUS_OF_EVENT: Record<string, Focus> = {
  freshness_stale: "freshness",
  schema_drift: "schema_change",
  validity_failure: "validity",
  referential_failure: "validity",
  metric_anomaly: "anomaly",
};

/** Tables reachable from `start` along lineage (`up`: towards sources), with their distance. */
function walk(state: State, start: readonly TableRecord[], dir: "up" | "down"): Map<string, number> {
  const hops = new Map<string, number>();
  const origin = new Set(start.map((t) => t.id));
  let frontier = [...origin];
  for (let level = 1; level <= DEPTH && frontier.length; level++) {
    const next: string[] = [];
    for (const e of state.lineage) {
      const [from, to] = dir === "up" ? [e.target, e.source] : [e.source, e.target];
      if (!frontier.includes(from) || origin.has(to) || hops.has(to)) continue;
      hops.set(to, level);
      next.push(to);
    }
    frontier = next;
  }
  return hops;
}

function openAlertFor(state: State, sourceId: string): AlertRecord | undefined {
  return state.alerts.find((a) => a["source_id"] === sourceId && (a.status === "triggered" || a.status === "acknowledged" || a.status === "snoozed"));
}

/**
 * Everything in the store that may explain trouble on `tables`, scored for `focus`: upstream evidence
 * counts a little less than evidence on the tables themselves.
 */
function gather(state: State, tables: readonly TableRecord[], focus: Focus): Evidence[] {
  const now = state.now();
  const up = walk(state, tables, "up");
  const own = new Set(tables.map((t) => t.id));
  const byId = new Map(state.tables.map((t) => [t.id, t]));
  const inScope = (id: string) => own.has(id) || up.has(id);
  const out: Evidence[] = [];
  const cite = (e: Omit<Evidence, "confidence">, tableId: string) => {
    const base = RELEVANCE[focus][e.event_type] ?? 0.3;
    const hops = up.get(tableId);
    const confidence = round2(hops === undefined ? base : base * Math.pow(0.9, hops));
    const alertId = e.source === "alert" ? e.source_id : (openAlertFor(state, e.source_id)?.id ?? null);
    out.push({ ...e, confidence, details: { ...e.details, table: byId.get(tableId)?.qualified_name ?? null, upstream_hops: hops ?? 0, alert_id: alertId } });
  };

  for (const t of state.tables) {
    if (!inScope(t.id)) continue;
    const f = freshnessFacts(state, t);
    if (f.status !== "stale" || f.last === null || f.threshold === null) continue;
    const hours = round2(f.hours as number);
    const upstream = up.has(t.id);
    cite(
      {
        event_type: upstream ? "freshness_cascade" : "freshness_stale",
        timestamp: state.iso(f.last + f.threshold * HOUR),
        summary: upstream
          ? `Upstream ${t.qualified_name} is stale: no load for ${hours} h (threshold ${f.threshold} h)`
          : `${t.qualified_name} is stale: no load for ${hours} h (threshold ${f.threshold} h)`,
        details: { last_update_time: state.iso(f.last), hours_since_update: hours, threshold_hours: f.threshold, table_id: t.id },
        // An upstream table is cited as the lineage node; the table itself through its open alert, if any.
        ...(upstream || !openAlertFor(state, t.id)
          ? { source: "lineage", source_id: t.id }
          : { source: "alert", source_id: (openAlertFor(state, t.id) as AlertRecord).id }),
      },
      t.id,
    );
  }
  for (const c of state.schemaChanges) {
    if (!inScope(c.asset_id) || now - c.detected_at > RECENT_SCHEMA_MS) continue;
    const t = byId.get(c.asset_id);
    cite(
      {
        event_type: "schema_change",
        timestamp: state.iso(c.detected_at),
        summary: `${c.change_type.replace(/_/g, " ")} ${c.column_name ?? ""} on ${t?.qualified_name ?? c.asset_id}`.replace(/\s+/g, " "),
        details: { change_type: c.change_type, severity: c.severity, column_name: c.column_name, before: c.old_value, after: c.new_value, acknowledged: c.acknowledged },
        source: "schema_change",
        source_id: c.id,
      },
      c.asset_id,
    );
  }
  for (const r of state.validityRules) {
    const latest = validityResultsOf(state, r)[0];
    if (!inScope(r.table_id) || !r.is_active || !latest || latest.status === "pass") continue;
    cite(
      {
        event_type: "validity_failure",
        timestamp: state.iso(latest.checked_at),
        summary:
          latest.status === "error"
            ? `Validity rule '${r.name ?? r.rule_type}' errored on ${r.table_path}: ${latest.error_message ?? "error"}`
            : `${latest.invalid_count} of ${latest.total_rows} rows of ${r.table_path} break '${r.name ?? r.rule_type}' on ${r.column_name ?? "?"}`,
        details: { rule_type: r.rule_type, column_name: r.column_name, status: latest.status, invalid_count: latest.invalid_count, invalid_percent: latest.invalid_percent, result_id: latest.id },
        source: "validity",
        source_id: r.uuid,
      },
      r.table_id,
    );
  }
  for (const c of state.referentialChecks) {
    const latest = referentialResultsOf(state, c)[0];
    if (!inScope(c.child_table_id) || !c.is_active || !latest || latest.status === "pass") continue;
    cite(
      {
        event_type: "referential_failure",
        timestamp: state.iso(latest.checked_at),
        summary: `${latest.orphan_count} rows of ${c.child_table_path}.${c.child_column_name} have no parent in ${c.parent_table_path}.${c.parent_column_name}`,
        details: { orphan_count: latest.orphan_count, orphan_percent: latest.orphan_percent, orphan_sample: latest["orphan_sample"] ?? [], parent_table_path: c.parent_table_path, result_id: latest.id },
        source: "referential",
        source_id: c.id,
      },
      c.child_table_id,
    );
  }
  for (const m of state.metrics) {
    const last = latestSnapshot(state, m);
    if (!inScope(m.table_id) || !m.is_active || !last) continue;
    const worst = snapshotsOf(state, m)
      .filter((s) => s.captured_at === last.captured_at && s.is_anomaly)
      .sort((a, b) => Math.abs(b.z_score ?? 0) - Math.abs(a.z_score ?? 0))[0];
    if (!worst) continue;
    cite(
      {
        event_type: "metric_anomaly",
        timestamp: state.iso(worst.captured_at),
        summary: `${m.metric_type}${m.column_name ? `(${m.column_name})` : ""} on ${m.table_path} is ${worst.value}, z-score ${worst.z_score}`,
        details: { metric_type: m.metric_type, column_name: m.column_name, value: worst.value, z_score: worst.z_score, snapshot_id: worst.id, group_values: worst.group_values },
        source: "metric",
        source_id: m.id,
      },
      m.table_id,
    );
  }
  // Open alerts whose own record is not cited above (e.g. raised on a condition evidence does not cover).
  const cited = new Set(out.map((e) => e.details["alert_id"]));
  for (const a of state.alerts) {
    if (a.asset_id === null || !inScope(a.asset_id) || !(a.status === "triggered" || a.status === "acknowledged")) continue;
    if (cited.has(a.id)) continue;
    cite(
      { event_type: a.event_type, timestamp: state.iso(a.triggered_at), summary: a.title, details: { status: a.status, severity: a.severity, rule_name: a.rule_name }, source: "alert", source_id: a.id },
      a.asset_id,
    );
  }
  return out.sort((a, b) => b.confidence - a.confidence || b.timestamp.localeCompare(a.timestamp));
}

function hypothesis(top: Evidence | undefined, subject: string): { root: string | null; fix: string | null } {
  if (!top) return { root: null, fix: null };
  const d = top.details;
  const table = String(d["table"] ?? subject);
  switch (top.event_type) {
    case "freshness_cascade":
      return {
        root: `${table} upstream of ${subject} stopped loading ${d["hours_since_update"]} h ago, and ${subject} depends on it.`,
        fix: `Repair and re-run the load of ${table}, then refresh ${subject}.`,
      };
    case "freshness_stale":
      return {
        root: `${table} has not loaded for ${d["hours_since_update"]} h (threshold ${d["threshold_hours"]} h) and no stale upstream explains it: its own load is failing or late.`,
        fix: `Check the job that loads ${table} and re-run it; the next load clears the alert.`,
      };
    case "schema_change":
      return {
        root: `A schema change on ${table} (${d["change_type"]} ${d["column_name"] ?? ""}: ${d["before"] ?? "∅"} → ${d["after"] ?? "∅"}) is the most likely cause.`.replace(/\s+/g, " "),
        fix: `Update the models that read ${table} for its new schema (or restore the column), then acknowledge the change.`,
      };
    case "validity_failure":
      return {
        root: `Rows of ${table} break a validity rule on ${d["column_name"] ?? "a column"} (${d["invalid_count"]} invalid, ${d["invalid_percent"]}%).`,
        fix: `Fix or quarantine the invalid rows of ${table} (the latest check result samples them), then run the check again.`,
      };
    case "referential_failure":
      return {
        root: `${d["orphan_count"]} rows of ${table} reference ${d["parent_table_path"]} rows that do not exist.`,
        fix: `Load the missing parent rows into ${d["parent_table_path"]} or remove the orphaned rows from ${table}, then execute the check again.`,
      };
    case "metric_anomaly":
      return {
        root: `${d["metric_type"]} on ${table} moved to ${d["value"]} (z-score ${d["z_score"]}), far outside its usual range.`,
        fix: `Compare the latest capture with the source data; if the change is expected, lower the metric's sensitivity.`,
      };
    default:
      return { root: top.summary, fix: null };
  }
}

function openQuestions(state: State, subject: string, tables: readonly TableRecord[], focus: Focus, triggers: readonly Evidence[]): string[] {
  const ids = new Set(tables.map((t) => t.id));
  const out: string[] = [];
  if (triggers.length === 0) out.push(`No stale upstream, recent schema change, failing check or anomalous metric explains this for ${subject}: is the problem outside what is monitored?`);
  if (!state.metrics.some((m) => ids.has(m.table_id))) out.push(`No metric monitors ${subject}, so volume and distribution changes could go unnoticed.`);
  if (!state.validityRules.some((r) => ids.has(r.table_id))) out.push(`No validity rule covers the columns of ${subject}.`);
  if (focus === "freshness") for (const t of tables) if (state.thresholdOf(t) === null) out.push(`${t.qualified_name} has no freshness threshold, so its staleness cannot be judged.`);
  const sources = new Set(tables.map((t) => t.source_id));
  for (const s of state.sources) if (sources.has(s.id) && !state.intelligence.has(s.id)) out.push(`Intelligence has not been generated for ${s.qualified_name}, so business context is missing.`);
  return out;
}

function defaultQuestion(focus: Focus, subject: string): string {
  switch (focus) {
    case "freshness":
      return `Why is ${subject} stale?`;
    case "schema_change":
      return `What changed in the schema of ${subject}, and what does it affect?`;
    case "validity":
      return `Why are data quality checks failing on ${subject}?`;
    case "anomaly":
      return `Why is ${subject} behaving unusually?`;
  }
}

/** The capsule for some tables. */
function capsule(state: State, subject: string, tables: readonly TableRecord[], focus: Focus, question: string, investigationId: string | null, consequences: Evidence[]): Record<string, unknown> {
  const triggers = gather(state, tables, focus);
  const { root, fix } = hypothesis(triggers[0], subject);
  return {
    investigation_id: investigationId,
    question,
    root_cause_hypothesis: root,
    root_cause: root,
    triggers,
    consequences,
    confidence: triggers[0]?.confidence ?? null,
    suggested_fix: fix,
    open_questions: openQuestions(state, subject, tables, focus, triggers),
    generated_at: state.iso(),
  };
}

/** Downstream impact of an alert on one table: the tables fed by it, and their open alerts. */
function consequencesOf(state: State, alert: AlertRecord, table: TableRecord): Evidence[] {
  const down = walk(state, [table], "down");
  const out: Evidence[] = [];
  for (const [id, hops] of [...down.entries()].sort((a, b) => a[1] - b[1])) {
    const t = state.tables.find((x) => x.id === id);
    if (!t) continue;
    const f = freshnessFacts(state, t);
    const cascade = alert.event_type === "freshness_stale";
    out.push({
      event_type: cascade ? "freshness_cascade" : "downstream_impact",
      confidence: round2((cascade && f.status === "stale" ? 0.9 : 0.6) * Math.pow(0.9, hops - 1)),
      timestamp: state.iso(alert.triggered_at),
      summary: `${t.qualified_name} reads from ${table.qualified_name} (${hops} hop${hops === 1 ? "" : "s"} downstream; freshness ${f.status})`,
      details: { table: t.qualified_name, downstream_hops: hops, freshness_status: f.status },
      source: "lineage",
      source_id: t.id,
    });
    for (const a of state.alerts) {
      if (a.asset_id !== t.id || a.id === alert.id || !(a.status === "triggered" || a.status === "acknowledged")) continue;
      out.push({ event_type: a.event_type, confidence: 0.7, timestamp: state.iso(a.triggered_at), summary: a.title, details: { table: t.qualified_name, status: a.status, severity: a.severity }, source: "alert", source_id: a.id });
    }
  }
  return out;
}

/** Registers the investigation routes. */
export function register(router: Router, state: State): void {
  router.post("/sdk/investigations/explain", (ctx) => {
    const b = readBody(ctx.body, {
      asset_id: str({ required: true, uuid: true }),
      question: str({ min: 3, max: 2000 }),
      event_type: oneOf(["anomaly", "freshness", "schema_change", "validity"] as const, { dflt: "anomaly" }),
    });
    const asset: AssetRecord = state.asset(b.asset_id);
    const tables = state.tablesOf(asset);
    return ok({ ...capsule(state, asset.qualified_name, tables, b.event_type, b.question ?? defaultQuestion(b.event_type, asset.qualified_name), null, []), asset_id: asset.id, event_type: b.event_type });
  }, { scope: "read" });

  router.get("/sdk/investigations/{investigation_id}", (ctx) => {
    const id = (ctx.params.investigation_id as string).toLowerCase();
    const alert = state.alerts.find((a) => a["investigation_id"] === id);
    const table = alert ? state.tables.find((t) => t.id === alert.asset_id) : undefined;
    if (!alert || !table) throw notFound("investigation", ctx.params.investigation_id as string);
    const focus = FOCUS_OF_EVENT[alert.event_type] ?? "anomaly";
    return ok({
      ...capsule(state, table.qualified_name, [table], focus, `Why did the alert "${alert.title}" fire?`, id, consequencesOf(state, alert, table)),
      alert_id: alert.id,
      asset_id: table.id,
      event_type: alert.event_type,
    });
  });
}
