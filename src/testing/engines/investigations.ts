/**
 * Investigation engine: an EvidenceCapsule built from the store — stale upstreams found through lineage,
 * recent schema changes, failing checks, anomalous metrics and open alerts — each piece citing the record
 * it comes from (`source`, `source_id`, and `details.asset_id`, the table that record belongs to, so that
 * every citation resolves through the API: README "Citations"). {@link explain} answers from the store as
 * it is now and persists nothing; {@link investigate} computes the capsule an alert persists when it fires.
 */
import { latestSnapshot, referentialResultsOf, snapshotsOf, validityResultsOf } from "../quality-records";
import type { AlertRecord, AssetRecord, State, TableRecord } from "../state";
import { freshnessFacts, round2 } from "../views";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hops of lineage followed (the deepest a lineage request may ask for). */
const DEPTH = 5;
/** How far back a schema change still counts as recent. */
const RECENT_SCHEMA_MS = 7 * DAY;
/** Trouble this soon after a schema change, on its table or below it, makes the change a suspect. */
const CORRELATION_MS = 3 * DAY;

/** What an investigation is about (`event_type` of `explain`). */
export type Focus = "anomaly" | "freshness" | "schema_change" | "validity";

/** The `source` values evidence may carry; README "Citations" names the SDK call resolving each. */
export const CITATION_SOURCES = ["alert", "schema_change", "metric", "validity", "referential", "lineage"] as const;

/** One cited signal (`Evidence`). */
export interface Evidence {
  event_type: string;
  confidence: number;
  timestamp: string;
  summary: string;
  details: Record<string, unknown>;
  source: (typeof CITATION_SOURCES)[number];
  source_id: string;
}

/** How much each kind of evidence says about each kind of question. */
const RELEVANCE: Record<Focus, Record<string, number>> = {
  freshness: {
    freshness_cascade: 0.95,
    freshness_stale: 0.9,
    schema_change: 0.5,
    validity_failure: 0.3,
    referential_failure: 0.3,
    metric_anomaly: 0.4,
  },
  schema_change: {
    schema_change: 0.9,
    freshness_stale: 0.35,
    freshness_cascade: 0.35,
    validity_failure: 0.55,
    referential_failure: 0.5,
    metric_anomaly: 0.5,
  },
  validity: {
    validity_failure: 0.9,
    referential_failure: 0.8,
    schema_change: 0.6,
    metric_anomaly: 0.5,
    freshness_stale: 0.3,
    freshness_cascade: 0.3,
  },
  anomaly: {
    metric_anomaly: 0.9,
    validity_failure: 0.65,
    referential_failure: 0.6,
    schema_change: 0.6,
    freshness_cascade: 0.55,
    freshness_stale: 0.5,
  },
};

/** Schema changes weigh by how much they can break. */
const SEVERITY_WEIGHT: Record<string, number> = { critical: 1, warning: 0.9, info: 0.7 };

const FOCUS_OF_EVENT: Record<string, Focus> = {
  freshness_stale: "freshness",
  schema_drift: "schema_change",
  validity_failure: "validity",
  referential_failure: "validity",
  metric_anomaly: "anomaly",
};

const OPEN = new Set(["triggered", "acknowledged", "snoozed"]);

/** A table reached through lineage: its distance and its neighbour one hop closer to where the walk began. */
interface Reached {
  hops: number;
  toward: string;
}

/** Tables reachable from `start` along lineage (`up`: towards sources), nearest first. */
function walk(state: State, start: readonly TableRecord[], dir: "up" | "down"): Map<string, Reached> {
  const reached = new Map<string, Reached>();
  const origin = new Set(start.map((t) => t.id));
  let frontier = [...origin];
  for (let level = 1; level <= DEPTH && frontier.length; level++) {
    const next: string[] = [];
    for (const e of state.lineage) {
      const [from, to] = dir === "up" ? [e.target, e.source] : [e.source, e.target];
      if (!frontier.includes(from) || origin.has(to) || reached.has(to)) continue;
      reached.set(to, { hops: level, toward: from });
      next.push(to);
    }
    frontier = next;
  }
  return reached;
}

/** The lineage path from an upstream table down to the table the walk began at (qualified names). */
function pathDown(state: State, reached: Map<string, Reached>, from: string): string[] {
  const names: string[] = [];
  let at: string | undefined = from;
  for (let guard = 0; at !== undefined && guard <= DEPTH + 1; guard++) {
    names.push(state.tables.find((t) => t.id === at)?.qualified_name ?? at);
    at = reached.get(at)?.toward;
  }
  return names;
}

function isStale(state: State, table: TableRecord): boolean {
  return freshnessFacts(state, table).status === "stale";
}

/** Stale tables upstream of `table` (any distance the walk reaches). */
function staleUpstreamOf(state: State, table: TableRecord): TableRecord[] {
  return [...walk(state, [table], "up").keys()]
    .map((id) => state.tables.find((t) => t.id === id))
    .filter((t): t is TableRecord => t !== undefined && isStale(state, t));
}

function openAlertFor(state: State, sourceId: string): AlertRecord | undefined {
  return state.alerts.find((a) => a["source_id"] === sourceId && OPEN.has(a.status));
}

/** When the current failing streak of a result history began (results newest first), or null when unknown. */
function failingSince(results: readonly { status: string; checked_at: number }[]): number | null {
  let since: number | null = null;
  for (const r of results) {
    if (r.status === "pass") break;
    since = r.checked_at;
  }
  return since;
}

/**
 * Everything in the store that may explain trouble on `tables`, scored for `focus`. Evidence on the
 * tables themselves counts more than evidence upstream; a stale table that has stale tables of its own
 * upstream is a symptom, and the stale upstream with nothing stale above it is the likely root. `anchor`
 * (an alert's id or its source record's id) marks the evidence an alert investigation is about.
 */
function gather(
  state: State,
  tables: readonly TableRecord[],
  focus: Focus,
  anchor: readonly string[] = [],
): Evidence[] {
  const now = state.now();
  const up = walk(state, tables, "up");
  const own = new Set(tables.map((t) => t.id));
  const byId = new Map(state.tables.map((t) => [t.id, t]));
  const inScope = (id: string) => own.has(id) || up.has(id);
  const out: Evidence[] = [];
  const cite = (e: Omit<Evidence, "confidence">, tableId: string, weight = 1) => {
    const base = (RELEVANCE[focus][e.event_type] ?? 0.3) * weight;
    const hops = up.get(tableId)?.hops;
    let confidence = hops === undefined ? base : base * Math.pow(0.9, hops);
    if (anchor.includes(e.source_id)) confidence = Math.min(0.99, confidence + 0.05);
    const alertId = e.source === "alert" ? e.source_id : (openAlertFor(state, e.source_id)?.id ?? null);
    out.push({
      ...e,
      confidence: round2(confidence),
      details: {
        ...e.details,
        table: byId.get(tableId)?.qualified_name ?? null,
        asset_id: tableId,
        upstream_hops: hops ?? 0,
        alert_id: alertId,
      },
    });
  };

  // ---- freshness: own staleness, and stale upstreams (the root ones weigh most) ----
  for (const t of state.tables) {
    if (!inScope(t.id)) continue;
    const f = freshnessFacts(state, t);
    if (f.status !== "stale" || f.last === null || f.threshold === null) continue;
    const hours = round2(f.hours as number);
    const above = staleUpstreamOf(state, t);
    const reach = up.get(t.id);
    const facts = {
      last_update_time: state.iso(f.last),
      hours_since_update: hours,
      threshold_hours: f.threshold,
      table_id: t.id,
      stale_upstream: above.map((x) => x.qualified_name),
    };
    const timestamp = state.iso(f.last + f.threshold * HOUR);
    if (reach === undefined) {
      const alert = openAlertFor(state, t.id);
      cite(
        {
          event_type: "freshness_stale",
          timestamp,
          summary: above.length
            ? `${t.qualified_name} is stale: no load for ${hours} h (threshold ${f.threshold} h), downstream of stale ${above.map((x) => x.qualified_name).join(", ")}`
            : `${t.qualified_name} is stale: no load for ${hours} h (threshold ${f.threshold} h)`,
          details: { ...facts, symptom: above.length > 0 },
          ...(alert
            ? { source: "alert" as const, source_id: alert.id }
            : { source: "lineage" as const, source_id: t.id }),
        },
        t.id,
        above.length ? 0.6 : 1,
      );
    } else {
      const root = above.length === 0;
      cite(
        {
          event_type: "freshness_cascade",
          timestamp,
          summary: `Upstream ${t.qualified_name} is stale: no load for ${hours} h (threshold ${f.threshold} h)${root ? "" : `, itself below stale ${above.map((x) => x.qualified_name).join(", ")}`}`,
          details: { ...facts, root, path: pathDown(state, up, t.id) },
          source: "lineage",
          source_id: t.id,
        },
        t.id,
        // The walk already discounts distance (0.9 a hop); a root stays ahead of the symptoms below it.
        root ? 1 / 0.9 : 0.55,
      );
    }
  }

  // ---- recent schema changes ----
  const schemaStart = out.length;
  for (const c of state.schemaChanges) {
    if (!inScope(c.asset_id) || now - c.detected_at > RECENT_SCHEMA_MS) continue;
    const t = byId.get(c.asset_id);
    cite(
      {
        event_type: "schema_change",
        timestamp: state.iso(c.detected_at),
        summary:
          `${c.change_type.replace(/_/g, " ")} ${c.column_name ?? ""} on ${t?.qualified_name ?? c.asset_id}`.replace(
            /\s+/g,
            " ",
          ),
        details: {
          change_type: c.change_type,
          severity: c.severity,
          column_name: c.column_name,
          before: c.old_value,
          after: c.new_value,
          acknowledged: c.acknowledged,
        },
        source: "schema_change",
        source_id: c.id,
      },
      c.asset_id,
      (SEVERITY_WEIGHT[c.severity] ?? 0.7) * (c.acknowledged ? 0.8 : 1),
    );
  }
  const schemaEnd = out.length;

  // ---- failing checks and anomalous metrics ----
  for (const r of state.validityRules) {
    const results = validityResultsOf(state, r);
    const latest = results[0];
    if (!inScope(r.table_id) || !r.is_active || !latest || latest.status === "pass") continue;
    const label = r.name ?? r.rule_type;
    cite(
      {
        event_type: "validity_failure",
        timestamp: state.iso(latest.checked_at),
        summary:
          latest.status === "error"
            ? `Validity rule '${label}' errored on ${r.table_path}: ${latest.error_message ?? "error"}`
            : `${latest.invalid_count} of ${latest.total_rows} rows of ${r.table_path} break '${label}' on ${r.column_name ?? "?"}`,
        details: {
          rule_type: r.rule_type,
          column_name: r.column_name,
          status: latest.status,
          invalid_count: latest.invalid_count,
          invalid_percent: latest.invalid_percent,
          result_id: latest.id,
          failing_since: state.iso(failingSince(results)),
        },
        source: "validity",
        source_id: r.uuid,
      },
      r.table_id,
    );
  }
  for (const c of state.referentialChecks) {
    const results = referentialResultsOf(state, c);
    const latest = results[0];
    if (!inScope(c.child_table_id) || !c.is_active || !latest || latest.status === "pass") continue;
    cite(
      {
        event_type: "referential_failure",
        timestamp: state.iso(latest.checked_at),
        summary: `${latest.orphan_count} rows of ${c.child_table_path}.${c.child_column_name} have no parent in ${c.parent_table_path}.${c.parent_column_name}`,
        details: {
          orphan_count: latest.orphan_count,
          orphan_percent: latest.orphan_percent,
          orphan_sample: latest["orphan_sample"] ?? [],
          parent_table_path: c.parent_table_path,
          result_id: latest.id,
          failing_since: state.iso(failingSince(results)),
        },
        source: "referential",
        source_id: c.id,
      },
      c.child_table_id,
    );
  }
  for (const m of state.metrics) {
    const last = latestSnapshot(state, m);
    if (!inScope(m.table_id) || !m.is_active || !last) continue;
    const history = snapshotsOf(state, m);
    const worst = history
      .filter((s) => s.captured_at === last.captured_at && s.is_anomaly)
      .sort((a, b) => Math.abs(b.z_score ?? 0) - Math.abs(a.z_score ?? 0))[0];
    if (!worst) continue;
    const before = history.filter((s) => s.captured_at < worst.captured_at && !s.is_anomaly).map((s) => s.value);
    const mean = before.length ? round2(before.reduce((s, x) => s + x, 0) / before.length) : null;
    cite(
      {
        event_type: "metric_anomaly",
        timestamp: state.iso(worst.captured_at),
        summary: `${m.metric_type}${m.column_name ? `(${m.column_name})` : ""} on ${m.table_path} is ${worst.value}, z-score ${round2(worst.z_score ?? 0)}${mean === null ? "" : ` (usually about ${mean})`}`,
        details: {
          metric_type: m.metric_type,
          column_name: m.column_name,
          value: worst.value,
          usual_value: mean,
          z_score: worst.z_score,
          snapshot_id: worst.id,
          group_values: worst.group_values,
        },
        source: "metric",
        source_id: m.id,
      },
      m.table_id,
    );
  }

  // ---- a schema change followed by trouble on its table or below it is a suspect ----
  for (let i = schemaStart; i < schemaEnd; i++) {
    const e = out[i] as Evidence;
    const changed = e.details["asset_id"] as string;
    const table = byId.get(changed);
    if (!table) continue;
    const below = new Set([changed, ...walk(state, [table], "down").keys()]);
    const at = Date.parse(e.timestamp);
    const followed = out.find(
      (x) =>
        x.event_type !== "schema_change" &&
        x.event_type !== "freshness_cascade" &&
        below.has(x.details["asset_id"] as string) &&
        Date.parse(x.timestamp) >= at &&
        Date.parse(x.timestamp) - at <= CORRELATION_MS,
    );
    if (!followed) continue;
    e.confidence = round2(Math.min(0.95, e.confidence * 1.2));
    e.details["followed_by"] = followed.summary;
  }

  // ---- open alerts whose own record is not cited above ----
  const cited = new Set(out.map((e) => e.details["alert_id"]));
  for (const a of state.alerts) {
    if (a.asset_id === null || !inScope(a.asset_id) || !(a.status === "triggered" || a.status === "acknowledged"))
      continue;
    if (cited.has(a.id)) continue;
    cite(
      {
        event_type: a.event_type,
        timestamp: state.iso(a.triggered_at),
        summary: a.title,
        details: { status: a.status, severity: a.severity, rule_name: a.rule_name },
        source: "alert",
        source_id: a.id,
      },
      a.asset_id,
    );
  }
  return out.sort(
    (a, b) =>
      b.confidence - a.confidence || b.timestamp.localeCompare(a.timestamp) || a.summary.localeCompare(b.summary),
  );
}

/** An evidence detail as prose: text and numbers as they are, absence as `absent`, anything else as JSON. */
function fact(value: unknown, absent = ""): string {
  if (value === undefined || value === null) return absent;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A one-line root-cause hypothesis and a fix, from the strongest trigger. */
function hypothesis(
  top: Evidence | undefined,
  subject: string,
  subjectStale: boolean,
): { root: string | null; fix: string | null } {
  if (!top) return { root: null, fix: null };
  const d = top.details;
  const table = fact(d["table"], subject);
  switch (top.event_type) {
    case "freshness_cascade": {
      const path = (d["path"] as string[] | undefined) ?? [table, subject];
      const hops = path.length - 1;
      return {
        root: `${table}, ${hops} hop${hops === 1 ? "" : "s"} upstream of ${subject}, stopped loading ${fact(d["hours_since_update"])} h ago (threshold ${fact(d["threshold_hours"])} h)${subjectStale ? `, so ${subject} is stale too` : `, so ${subject} is built from stale data`}.`,
        fix: `Repair and re-run the load of ${table}, then re-run what reads from it down to ${subject}: ${path.join(" → ")}.`,
      };
    }
    case "freshness_stale":
      return d["symptom"]
        ? {
            root: `${table} is stale because its upstream ${(d["stale_upstream"] as string[]).join(", ")} is stale.`,
            fix: `Fix the stale upstream first, then re-run the load of ${table}.`,
          }
        : {
            root: `${table} has not loaded for ${fact(d["hours_since_update"])} h (threshold ${fact(d["threshold_hours"])} h) and no stale upstream explains it: its own load is failing or late.`,
            fix: `Check the job that loads ${table} and re-run it; the next load clears the alert.`,
          };
    case "schema_change":
      return {
        root: `A schema change on ${table} (${fact(d["change_type"])} ${fact(d["column_name"])}: ${fact(d["before"], "∅")} → ${fact(d["after"], "∅")}) is the most likely cause.`.replace(
          /\s+/g,
          " ",
        ),
        fix: `Update the models that read ${table} for its new schema (or restore the column), then acknowledge the change.`,
      };
    case "validity_failure":
      return {
        root: `Rows of ${table} break a validity rule on ${fact(d["column_name"], "a column")} (${fact(d["invalid_count"])} invalid, ${fact(d["invalid_percent"])}%).`,
        fix: `Fix or quarantine the invalid rows of ${table} (the latest check result samples them), then run the check again.`,
      };
    case "referential_failure":
      return {
        root: `${fact(d["orphan_count"])} rows of ${table} reference ${fact(d["parent_table_path"])} rows that do not exist.`,
        fix: `Load the missing parent rows into ${fact(d["parent_table_path"])} or remove the orphaned rows from ${table}, then execute the check again.`,
      };
    case "metric_anomaly":
      return {
        root: `${fact(d["metric_type"])}${d["column_name"] ? ` of ${fact(d["column_name"])}` : ""} on ${table} moved to ${fact(d["value"])}${d["usual_value"] === null ? "" : ` from about ${fact(d["usual_value"])}`} (z-score ${fact(d["z_score"])}), far outside its usual range.`,
        fix: `Compare the latest capture with the source data; if the change is expected, lower the metric's sensitivity.`,
      };
    default:
      return { root: top.summary, fix: null };
  }
}

/** What the evidence cannot settle. */
function openQuestions(
  state: State,
  subject: string,
  tables: readonly TableRecord[],
  focus: Focus,
  triggers: readonly Evidence[],
): string[] {
  const ids = new Set(tables.map((t) => t.id));
  const out: string[] = [];
  const top = triggers[0];
  if (!top)
    out.push(
      `No stale upstream, recent schema change, failing check or anomalous metric explains this for ${subject}: is the problem outside what is monitored?`,
    );
  const roots = triggers
    .filter((e) => e.event_type === "freshness_cascade" && e.details["root"] === true)
    .map((e) => String(e.details["table"]));
  if (roots.length > 1)
    out.push(
      `${roots.length} upstream tables are stale (${roots.join(", ")}): do their loads share a scheduler or a source system?`,
    );
  if (top?.event_type === "freshness_cascade" || (top?.event_type === "freshness_stale" && !top.details["symptom"])) {
    out.push(`Did the job that loads ${String(top.details["table"])} fail, or is the system it copies from late?`);
  }
  if (top?.event_type === "schema_change")
    out.push(
      `Which models read ${fact(top.details["column_name"], "the changed column")} of ${fact(top.details["table"])}, and were they told about the change?`,
    );
  if (top?.event_type === "validity_failure" || top?.event_type === "referential_failure") {
    if (top.details["failing_since"] === null)
      out.push(
        `Did the bad rows of ${String(top.details["table"])} arrive with a recent load, or were they always there?`,
      );
  }
  if (top?.event_type === "metric_anomaly")
    out.push(
      `Is the change in ${String(top.details["metric_type"])} on ${String(top.details["table"])} expected (a backfill, a new feed, a filter removed)?`,
    );
  if (!state.metrics.some((m) => ids.has(m.table_id)))
    out.push(`No metric monitors ${subject}, so volume and distribution changes could go unnoticed.`);
  if (!state.validityRules.some((r) => ids.has(r.table_id)))
    out.push(`No validity rule covers the columns of ${subject}.`);
  if (focus === "freshness")
    for (const t of tables)
      if (state.thresholdOf(t) === null)
        out.push(`${t.qualified_name} has no freshness threshold, so its staleness cannot be judged.`);
  const sources = new Set(tables.map((t) => t.source_id));
  for (const s of state.sources)
    if (sources.has(s.id) && !state.intelligence.has(s.id))
      out.push(`Intelligence has not been generated for ${s.qualified_name}, so business context is missing.`);
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
function capsule(
  state: State,
  subject: string,
  tables: readonly TableRecord[],
  focus: Focus,
  question: string,
  investigationId: string | null,
  consequences: Evidence[],
  anchor: readonly string[] = [],
): Record<string, unknown> {
  const triggers = gather(state, tables, focus, anchor);
  const { root, fix } = hypothesis(
    triggers[0],
    subject,
    tables.some((t) => isStale(state, t)),
  );
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
  for (const [id, { hops }] of [...down.entries()].sort((a, b) => a[1].hops - b[1].hops)) {
    const t = state.tables.find((x) => x.id === id);
    if (!t) continue;
    const f = freshnessFacts(state, t);
    const cascade = alert.event_type === "freshness_stale";
    out.push({
      event_type: cascade ? "freshness_cascade" : "downstream_impact",
      confidence: round2((cascade && f.status === "stale" ? 0.9 : 0.6) * Math.pow(0.9, hops - 1)),
      timestamp: state.iso(alert.triggered_at),
      summary: `${t.qualified_name} reads from ${table.qualified_name} (${hops} hop${hops === 1 ? "" : "s"} downstream; freshness ${f.status})`,
      details: { table: t.qualified_name, asset_id: t.id, downstream_hops: hops, freshness_status: f.status },
      source: "lineage",
      source_id: t.id,
    });
    for (const a of state.alerts) {
      if (a.asset_id !== t.id || a.id === alert.id || !(a.status === "triggered" || a.status === "acknowledged"))
        continue;
      out.push({
        event_type: a.event_type,
        confidence: 0.7,
        timestamp: state.iso(a.triggered_at),
        summary: a.title,
        details: { table: t.qualified_name, asset_id: t.id, status: a.status, severity: a.severity },
        source: "alert",
        source_id: a.id,
      });
    }
  }
  return out;
}

/**
 * The investigation of an alert as of now, for the alerts module to persist when the alert is raised
 * (the alert must already be in the store, so that the capsule can cite it).
 */
export function investigate(state: State, alert: AlertRecord): Record<string, unknown> {
  const table = state.tables.find((t) => t.id === alert.asset_id);
  const focus = FOCUS_OF_EVENT[alert.event_type] ?? "anomaly";
  const question = `Why did the alert "${alert.title}" fire?`;
  const id = (alert["investigation_id"] as string | undefined) ?? null;
  if (!table) return capsule(state, alert.asset_id ?? "an asset that no longer exists", [], focus, question, id, []);
  const anchor = [alert.id, ...(typeof alert["source_id"] === "string" ? [alert["source_id"]] : [])];
  return capsule(
    state,
    table.qualified_name,
    [table],
    focus,
    question,
    id,
    consequencesOf(state, alert, table),
    anchor,
  );
}

/**
 * An ad-hoc investigation of an asset as the store is now (`investigations.explain`): nothing persisted,
 * `investigation_id` null.
 */
export function explain(
  state: State,
  asset: AssetRecord,
  focus: Focus,
  question = defaultQuestion(focus, asset.qualified_name),
): Record<string, unknown> {
  return capsule(state, asset.qualified_name, state.tablesOf(asset), focus, question, null, []);
}
