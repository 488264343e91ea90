/**
 * Every SDK method as `docs/protocol.md` and `docs/python-parity.md` describe it, written out independently of
 * src/resources: HTTP method, path pattern, and each query or body field with its type, its range and how
 * it travels (§4 notation). The property tests generate params from this table and hold the SDK to it.
 *
 * Where the specs are silent (may a description be empty?), the table follows the SDK's documented
 * choice; everything the specs state (ranges, closed enums, UUIDs, defaults, order, `?`/`?nn`/`=true?`/
 * `:null-ok`) comes from the specs.
 */

/** A field type: what a valid value is. */
export type Ty =
  | "str" // any string, "" included
  | "text" // a non-empty string
  | "bool"
  | "obj" // a JSON object
  | "uuid"
  | "iso" // an ISO-8601 timestamp string
  | "question" // 3–2000 code points
  | { int: readonly [number, number] }
  | { num: readonly [number, number]; gt?: boolean }
  | { enum: readonly string[] }
  | { list: Ty };

/** How a field travels (§4 notation), plus `local`: checked by the SDK, never sent (requireFresh). */
export type Mode = "req" | "dflt" | "truthy" | "nn" | "true" | "null" | "local";

/** One param. */
export interface Field {
  readonly name: string;
  readonly ty: Ty;
  readonly mode: Mode;
  readonly dflt?: unknown;
  /** Wire name when it differs (`asset` → `asset_id`). */
  readonly wire?: string;
}

/** One SDK method. */
export interface MethodSpec {
  /** `resource.method` as on the client. */
  readonly name: string;
  readonly http: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path pattern below the base URL, ids as `{name}`. */
  readonly path: string;
  readonly query?: readonly Field[];
  /** Body fields; `"none"`: a POST sent with no body at all. */
  readonly body?: readonly Field[] | "none";
  /** Params the SDK checks but does not send. */
  readonly local?: readonly Field[];
  /** The method takes a params object (after the ids). */
  readonly takesParams: boolean;
  /** A paginated twin yielding items lazily (`iterate`, `iterateRules`…). */
  readonly twin?: string;
  /** Container key of a list answer (`data`, `items`, …). */
  readonly list?: string;
}

const MAX = Number.MAX_SAFE_INTEGER;
const req = (name: string, ty: Ty, wire?: string): Field =>
  wire ? { name, ty, mode: "req", wire } : { name, ty, mode: "req" };
const dflt = (name: string, ty: Ty, value: unknown): Field => ({ name, ty, mode: "dflt", dflt: value });
const truthy = (name: string, ty: Ty): Field => ({ name, ty, mode: "truthy" });
const nn = (name: string, ty: Ty): Field => ({ name, ty, mode: "nn" });
const onlyTrue = (name: string): Field => ({ name, ty: "bool", mode: "true" });
const nullOk = (name: string, ty: Ty): Field => ({ name, ty, mode: "null" });
const page = (max: number, size: number): Field[] => [
  dflt("limit", { int: [1, max] }, size),
  dflt("offset", { int: [0, MAX] }, 0),
];
const en = (...values: string[]): Ty => ({ enum: values });
const int = (min: number, max = MAX): Ty => ({ int: [min, max] });
const num = (min: number, max: number, gt = false): Ty => ({ num: [min, max], gt });
const list = (ty: Ty): Ty => ({ list: ty });

const SEVERITY = en("info", "warning", "critical");
const INTERVAL3 = en("hourly", "daily", "weekly");
// Closed lists the SDK holds params to: the values docs/protocol.md names, with the newer SDK's additions.
const SOURCE_TYPES = en("snowflake", "postgresql", "databricks", "bigquery", "redshift", "mysql", "clickhouse");
const CHECK_INTERVALS = en("5m", "15m", "30m", "1h", "3h", "6h", "12h", "1d", "1w");
const METRIC_TYPES = en(
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
);
const CATEGORY = en("business", "technical", "governance");
const RULE_TYPES = en("NOT_NULL", "UNIQUE", "REGEX", "RANGE", "ENUM");

/** Builds a spec; `takesParams` follows from the fields unless given. */
function m(spec: Omit<MethodSpec, "takesParams"> & { takesParams?: boolean }): MethodSpec {
  const fields = [...(spec.query ?? []), ...(Array.isArray(spec.body) ? spec.body : []), ...(spec.local ?? [])];
  return { ...spec, takesParams: spec.takesParams ?? fields.length > 0 };
}

/** Every method, §4 order. */
export const METHODS: readonly MethodSpec[] = [
  // 4.1 assets
  m({
    name: "assets.list",
    twin: "assets.iterate",
    list: "data",
    http: "GET",
    path: "/sdk/assets",
    query: [...page(100, 50), truthy("source", "str"), truthy("asset_type", "str"), truthy("search", "str")],
  }),
  m({ name: "assets.get", http: "GET", path: "/sdk/assets/{asset_id}" }),
  m({
    name: "assets.create",
    http: "POST",
    path: "/sdk/assets",
    body: [
      req("name", "text"),
      req("source_type", SOURCE_TYPES),
      req("connection_config", "obj"),
      truthy("description", "str"),
    ],
  }),
  m({ name: "assets.testConnection", http: "POST", path: "/sdk/assets/{asset_id}/test-connection", body: "none" }),
  m({ name: "assets.triggerDiscovery", http: "POST", path: "/sdk/assets/{asset_id}/discover", body: "none" }),

  // 4.2 freshness
  m({ name: "freshness.summary", http: "GET", path: "/sdk/freshness/summary" }),
  m({ name: "freshness.get", http: "GET", path: "/sdk/freshness/{asset_id}" }),
  m({
    name: "freshness.list",
    twin: "freshness.iterate",
    list: "data",
    http: "GET",
    path: "/sdk/freshness",
    query: [...page(100, 50), truthy("status", en("fresh", "stale", "unknown", "disabled"))],
  }),
  m({
    name: "freshness.requireFresh",
    http: "GET",
    path: "/sdk/freshness/{asset_id}",
    local: [{ name: "max_age_hours", ty: num(0, Number.MAX_VALUE), mode: "local" }],
  }),
  m({ name: "freshness.refresh", http: "POST", path: "/sdk/freshness/{asset_id}/refresh", body: "none" }),
  m({
    name: "freshness.listSchedules",
    twin: "freshness.iterateSchedules",
    list: "data",
    http: "GET",
    path: "/sdk/freshness/schedules",
    query: [...page(100, 50), truthy("asset_id", "str"), onlyTrue("active_only")],
  }),
  m({
    name: "freshness.createSchedule",
    http: "POST",
    path: "/sdk/freshness/schedules",
    body: [
      req("asset_id", "text"),
      req("table_path", "text"),
      req("check_interval", CHECK_INTERVALS),
      dflt("monitoring_mode", en("auto_learn", "explicit"), "auto_learn"),
      dflt("is_active", "bool", true),
      nn("expected_interval_hours", num(0, Number.MAX_VALUE, true)),
      nn("freshness_column", "text"),
    ],
  }),
  m({
    name: "freshness.updateSchedule",
    http: "PATCH",
    path: "/sdk/freshness/schedules/{schedule_id}",
    body: [
      nn("check_interval", CHECK_INTERVALS),
      nn("expected_interval_hours", num(0, Number.MAX_VALUE, true)),
      nn("freshness_column", "text"),
      nn("monitoring_mode", en("auto_learn", "explicit")),
      nn("is_active", "bool"),
    ],
  }),
  m({ name: "freshness.deleteSchedule", http: "DELETE", path: "/sdk/freshness/schedules/{schedule_id}" }),
  m({
    name: "freshness.dryRun",
    http: "POST",
    path: "/sdk/freshness/dry-run",
    body: [
      req("asset_id", "text"),
      req("table_path", "text"),
      req("expected_interval_hours", num(0, Number.MAX_VALUE, true)),
      dflt("lookback_days", int(1), 7),
    ],
  }),

  // 4.3 schema
  m({ name: "schema.summary", http: "GET", path: "/sdk/schema/summary" }),
  m({
    name: "schema.changes",
    twin: "schema.iterateChanges",
    list: "data",
    http: "GET",
    path: "/sdk/schema/changes",
    query: [
      ...page(100, 50),
      truthy("asset_id", "str"),
      truthy("severity", en("critical", "warning", "info")),
      onlyTrue("unacknowledged_only"),
      nn("change_type", "str"),
    ],
  }),
  m({ name: "schema.get", http: "GET", path: "/sdk/schema/{asset_id}" }),
  m({
    name: "schema.createBaseline",
    http: "POST",
    path: "/sdk/schema/{asset_id}/baseline",
    body: [truthy("description", "str")],
  }),
  m({
    name: "schema.enableMonitoring",
    http: "POST",
    path: "/sdk/schema/{asset_id}/monitoring",
    body: [
      dflt("schedule_type", en("hourly", "every_4_hours", "daily", "weekly"), "daily"),
      dflt("auto_create_baseline", "bool", true),
    ],
  }),
  m({ name: "schema.disableMonitoring", http: "DELETE", path: "/sdk/schema/{asset_id}/monitoring" }),
  m({
    name: "schema.dryRun",
    http: "POST",
    path: "/sdk/schema/dry-run",
    body: [req("asset_id", "text"), dflt("lookback_days", int(1), 30), nn("table_path", "str")],
  }),
  m({ name: "schema.refresh", http: "POST", path: "/sdk/schema/{asset_id}/refresh", body: "none" }),

  // 4.4 lineage (seed filters sent as given)
  m({
    name: "lineage.get",
    http: "GET",
    path: "/sdk/lineage/{asset_id}",
    query: [dflt("depth", int(1, 5), 1), dflt("direction", en("upstream", "downstream", "both"), "both")],
  }),
  m({
    name: "lineage.list",
    twin: "lineage.iterate",
    list: "data",
    http: "GET",
    path: "/sdk/lineage",
    query: [...page(100, 50), nn("source", "str"), nn("has_upstream", "bool"), nn("has_downstream", "bool")],
  }),

  // 4.5 alerts
  m({ name: "alerts.summary", http: "GET", path: "/sdk/alerts/summary" }),
  m({
    name: "alerts.list",
    twin: "alerts.iterate",
    list: "data",
    http: "GET",
    path: "/sdk/alerts",
    query: [
      ...page(100, 50),
      truthy("status", en("triggered", "acknowledged", "resolved")),
      truthy("severity", SEVERITY),
      truthy("asset_id", "str"),
      truthy("from_date", "iso"),
      truthy("to_date", "iso"),
      truthy("alert_type", "str"),
    ],
  }),
  m({
    name: "alerts.listInbox",
    twin: "alerts.iterateInbox",
    list: "alerts",
    http: "GET",
    path: "/sdk/alerts/inbox",
    query: [
      ...page(100, 50),
      truthy("state", en("new", "acknowledged", "resolved", "dismissed")),
      truthy("severity", SEVERITY),
      truthy("event_type", "str"),
    ],
  }),
  m({
    name: "alerts.rules",
    twin: "alerts.iterateRules",
    list: "data",
    http: "GET",
    path: "/sdk/alerts/rules",
    query: [...page(100, 50), onlyTrue("enabled_only")],
  }),
  m({
    name: "alerts.createRule",
    http: "POST",
    path: "/sdk/alerts/rules",
    body: [
      req("name", "text"),
      req("destination_ids", list("uuid")),
      dflt("is_active", "bool", true),
      truthy("description", "str"),
      truthy("event_types", list("text")),
      truthy("severities", list(SEVERITY)),
      truthy("tag_filter_mode", en("any", "all")),
      truthy("tag_filter_tags", list("text")),
    ],
  }),
  m({ name: "alerts.getRule", http: "GET", path: "/sdk/alerts/rules/{rule_id}" }),
  m({ name: "alerts.deleteRule", http: "DELETE", path: "/sdk/alerts/rules/{rule_id}" }),
  m({
    name: "alerts.listDestinations",
    twin: "alerts.iterateDestinations",
    list: "destinations",
    http: "GET",
    path: "/sdk/alerts/destinations",
    query: [...page(100, 50), onlyTrue("active_only")],
  }),
  m({
    name: "alerts.createDestination",
    http: "POST",
    path: "/sdk/alerts/destinations",
    body: [
      req("name", "text"),
      req("destination_type", en("email", "slack", "webhook", "teams", "pagerduty")),
      req("config", "obj"),
    ],
  }),
  m({ name: "alerts.getDestination", http: "GET", path: "/sdk/alerts/destinations/{destination_id}" }),
  m({ name: "alerts.deleteDestination", http: "DELETE", path: "/sdk/alerts/destinations/{destination_id}" }),
  m({
    name: "alerts.acknowledge",
    http: "POST",
    path: "/sdk/alerts/{alert_id}/acknowledge",
    body: [truthy("notes", "str")],
  }),
  m({ name: "alerts.resolve", http: "POST", path: "/sdk/alerts/{alert_id}/resolve", body: [truthy("notes", "str")] }),
  m({ name: "alerts.dismiss", http: "POST", path: "/sdk/alerts/{alert_id}/dismiss", body: [truthy("notes", "str")] }),
  m({
    name: "alerts.snooze",
    http: "POST",
    path: "/sdk/alerts/{alert_id}/snooze",
    body: [req("duration_hours", int(1, 720)), truthy("notes", "str")],
  }),
  m({ name: "alerts.history", list: "history", http: "GET", path: "/sdk/alerts/{alert_id}/history" }),
  m({
    name: "alerts.trends",
    http: "GET",
    path: "/sdk/alerts/trends",
    query: [dflt("period", en("24h", "7d", "30d", "90d"), "7d")],
  }),
  m({
    name: "alerts.preview",
    http: "POST",
    path: "/sdk/alerts/preview",
    body: [
      dflt("lookback_days", int(1), 7),
      nn("rule_id", "text"),
      nn("event_types", list("text")),
      nn("severities", list(SEVERITY)),
    ],
  }),

  // 4.6 api keys
  m({
    name: "apiKeys.list",
    twin: "apiKeys.iterate",
    list: "keys",
    http: "GET",
    path: "/api-keys",
    query: [...page(100, 50), onlyTrue("include_revoked")],
  }),
  m({
    name: "apiKeys.create",
    http: "POST",
    path: "/api-keys",
    body: [req("name", "text"), dflt("scope", en("read-only", "read-write", "admin"), "read-only")],
  }),
  m({ name: "apiKeys.get", http: "GET", path: "/api-keys/{key_id}" }),
  m({ name: "apiKeys.revoke", http: "DELETE", path: "/api-keys/{key_id}" }),
  m({ name: "apiKeys.usage", http: "GET", path: "/api-keys/usage" }),

  // 4.7 intelligence
  m({
    name: "intelligence.ask",
    http: "POST",
    path: "/sdk/intelligence/ask",
    body: [
      req("asset", "text", "asset_id"),
      req("question", "question"),
      dflt("include_related_assets", "bool", false),
    ],
  }),
  m({
    name: "intelligence.generate",
    http: "POST",
    path: "/sdk/intelligence/generate",
    body: [req("asset", "text", "asset_id"), nullOk("include_schemas", "str"), dflt("force_refresh", "bool", false)],
  }),

  // 4.8 investigations (paths fixed in docs/protocol.md §4)
  m({
    name: "investigations.explain",
    http: "POST",
    path: "/sdk/investigations/explain",
    body: [
      req("asset_id", "uuid"),
      truthy("question", "str"),
      dflt("event_type", en("anomaly", "freshness", "schema_change", "validity"), "anomaly"),
    ],
  }),
  m({ name: "investigations.get", http: "GET", path: "/sdk/investigations/{investigation_id}" }),

  // 4.9 jobs
  m({ name: "jobs.status", http: "GET", path: "/sdk/jobs/{job_id}" }),

  // 4.10 tags
  m({
    name: "tags.create",
    http: "POST",
    path: "/sdk/tags",
    body: [
      req("asset", "text", "asset_id"),
      req("name", "text"),
      dflt("category", CATEGORY, "business"),
      dflt("object_type", en("table", "column"), "table"),
      req("object_path", "text"),
      nullOk("description", "str"),
    ],
  }),
  m({
    name: "tags.apply",
    http: "POST",
    path: "/sdk/tags/apply",
    body: [
      req("asset", "text", "asset_id"),
      req("tag_names", list("text")),
      req("object_paths", list("text")),
      dflt("category", CATEGORY, "business"),
    ],
  }),
  m({
    name: "tags.bulkApply",
    http: "POST",
    path: "/sdk/tags/bulk-apply",
    body: [req("tag_name", "text"), req("asset_ids", list("text")), dflt("category", CATEGORY, "business")],
  }),
  m({
    name: "tags.list",
    twin: "tags.iterate",
    list: "tags",
    http: "GET",
    path: "/sdk/tags",
    query: [req("asset", "text", "asset_id"), ...page(500, 100), truthy("category", CATEGORY)],
  }),

  // 4.11 badges
  m({
    name: "badges.create",
    http: "POST",
    path: "/sdk/badges",
    body: [
      req("asset", "text", "asset_id"),
      dflt("label", "str", "AnomalyArmor"),
      dflt("tag_filters", list("text"), []),
      dflt("schema_drift_enabled", "bool", true),
      dflt("freshness_enabled", "bool", true),
      dflt("include_upstream", "bool", false),
    ],
  }),
  m({
    name: "badges.list",
    twin: "badges.iterate",
    list: "badges",
    http: "GET",
    path: "/sdk/badges",
    query: [dflt("active_only", "bool", true), ...page(500, 100)],
  }),
  m({ name: "badges.get", http: "GET", path: "/sdk/badges/{badge_id}" }),
  m({
    name: "badges.update",
    http: "PUT",
    path: "/sdk/badges/{badge_id}",
    body: [
      nn("label", "str"),
      nn("tag_filters", list("text")),
      nn("schema_drift_enabled", "bool"),
      nn("freshness_enabled", "bool"),
      nn("include_upstream", "bool"),
      nn("is_active", "bool"),
    ],
  }),
  m({ name: "badges.delete", http: "DELETE", path: "/sdk/badges/{badge_id}" }),
  m({ name: "badges.getStatus", http: "GET", path: "/sdk/badges/{badge_id}/status" }),

  // 4.12 metrics
  m({ name: "metrics.summary", http: "GET", path: "/sdk/metrics/{asset_id}/summary" }),
  m({
    name: "metrics.list",
    twin: "metrics.iterate",
    list: "items",
    http: "GET",
    path: "/sdk/metrics/{asset_id}",
    query: [...page(100, 50), nn("metric_type", METRIC_TYPES), nn("is_active", "bool")],
  }),
  m({
    name: "metrics.get",
    http: "GET",
    path: "/sdk/metrics/{asset_id}/{metric_id}",
    query: [dflt("include_snapshots", "bool", true), dflt("snapshot_limit", int(1, 1000), 30)],
  }),
  m({
    name: "metrics.create",
    http: "POST",
    path: "/sdk/metrics/{asset_id}",
    body: [
      req("metric_type", METRIC_TYPES),
      req("table_path", "text"),
      dflt("capture_interval", INTERVAL3, "daily"),
      dflt("sensitivity", num(0, Number.MAX_VALUE), 1),
      nn("column_name", "text"),
      nn("group_by_columns", list("text")),
      nn("percentile_value", num(0, 100)),
    ],
  }),
  m({
    name: "metrics.update",
    http: "PATCH",
    path: "/sdk/metrics/{asset_id}/{metric_id}",
    body: [nn("is_active", "bool"), nn("capture_interval", INTERVAL3), nn("sensitivity", num(0, Number.MAX_VALUE))],
  }),
  m({ name: "metrics.delete", http: "DELETE", path: "/sdk/metrics/{asset_id}/{metric_id}" }),
  m({ name: "metrics.capture", http: "POST", path: "/sdk/metrics/{asset_id}/{metric_id}/capture", body: "none" }),
  m({
    name: "metrics.snapshots",
    twin: "metrics.iterateSnapshots",
    list: "items",
    http: "GET",
    path: "/sdk/metrics/{asset_id}/{metric_id}/snapshots",
    query: page(1000, 100),
  }),
  m({
    name: "metrics.dryRun",
    http: "POST",
    path: "/sdk/metrics/dry-run",
    body: [
      req("asset_id", "text"),
      req("table_path", "text"),
      req("metric_type", METRIC_TYPES),
      dflt("sensitivity", num(0, Number.MAX_VALUE), 1),
      dflt("lookback_days", int(1), 30),
      nn("column_name", "text"),
    ],
  }),

  // 4.13 validity
  m({ name: "validity.summary", http: "GET", path: "/sdk/validity/{asset_id}/summary" }),
  m({
    name: "validity.list",
    twin: "validity.iterate",
    list: "items",
    http: "GET",
    path: "/sdk/validity/{asset_id}",
    query: [...page(100, 50), nn("rule_type", RULE_TYPES), nn("is_active", "bool")],
  }),
  m({ name: "validity.get", http: "GET", path: "/sdk/validity/{asset_id}/{rule_id}" }),
  m({
    name: "validity.create",
    http: "POST",
    path: "/sdk/validity/{asset_id}",
    body: [
      req("rule_type", RULE_TYPES),
      req("table_path", "text"),
      dflt("severity", SEVERITY, "warning"),
      dflt("treat_null_as_valid", "bool", false),
      dflt("check_interval", INTERVAL3, "daily"),
      nn("column_name", "text"),
      nn("rule_config", "obj"),
      nn("name", "text"),
      nn("description", "str"),
      nn("error_message", "str"),
      nn("alert_threshold_percent", num(0, 100)),
    ],
  }),
  m({
    name: "validity.update",
    http: "PATCH",
    path: "/sdk/validity/{asset_id}/{rule_id}",
    body: [
      nn("is_active", "bool"),
      nn("severity", SEVERITY),
      nn("name", "text"),
      nn("description", "str"),
      nn("alert_threshold_percent", num(0, 100)),
      nn("treat_null_as_valid", "bool"),
      nn("check_interval", INTERVAL3),
    ],
  }),
  m({ name: "validity.delete", http: "DELETE", path: "/sdk/validity/{asset_id}/{rule_id}" }),
  m({
    name: "validity.check",
    http: "POST",
    path: "/sdk/validity/{asset_id}/{rule_id}/check",
    body: [dflt("sample_limit", int(1), 10)],
  }),
  m({
    name: "validity.results",
    twin: "validity.iterateResults",
    list: "items",
    http: "GET",
    path: "/sdk/validity/{asset_id}/{rule_id}/results",
    query: page(1000, 100),
  }),

  // 4.14 referential
  m({ name: "referential.summary", http: "GET", path: "/sdk/referential/{asset_id}/summary" }),
  m({
    name: "referential.list",
    twin: "referential.iterate",
    list: "items",
    http: "GET",
    path: "/sdk/referential/{asset_id}",
    query: [...page(100, 50), nn("is_active", "bool")],
  }),
  m({ name: "referential.get", http: "GET", path: "/sdk/referential/{asset_id}/{check_id}" }),
  m({
    name: "referential.create",
    http: "POST",
    path: "/sdk/referential/{asset_id}",
    body: [
      req("child_table_path", "text"),
      req("child_column_name", "text"),
      req("parent_table_path", "text"),
      req("parent_column_name", "text"),
      dflt("capture_interval", INTERVAL3, "daily"),
      nn("name", "text"),
      nn("description", "str"),
      nn("max_orphan_count", int(0)),
      nn("max_orphan_percent", num(0, 100)),
      nn("min_child_count", int(0)),
      nn("max_child_count", int(0)),
    ],
  }),
  m({
    name: "referential.update",
    http: "PATCH",
    path: "/sdk/referential/{asset_id}/{check_id}",
    body: [
      nn("is_active", "bool"),
      nn("name", "text"),
      nn("description", "str"),
      nn("capture_interval", INTERVAL3),
      nn("max_orphan_count", int(0)),
      nn("max_orphan_percent", num(0, 100)),
      nn("min_child_count", int(0)),
      nn("max_child_count", int(0)),
    ],
  }),
  m({ name: "referential.delete", http: "DELETE", path: "/sdk/referential/{asset_id}/{check_id}" }),
  m({
    name: "referential.execute",
    http: "POST",
    path: "/sdk/referential/{asset_id}/{check_id}/execute",
    body: "none",
  }),
  m({
    name: "referential.results",
    twin: "referential.iterateResults",
    list: "items",
    http: "GET",
    path: "/sdk/referential/{asset_id}/{check_id}/results",
    query: page(1000, 100),
  }),

  // 4.15 health, recommendations
  m({ name: "health.summary", http: "GET", path: "/sdk/health/summary" }),
  m({
    name: "recommendations.freshness",
    http: "GET",
    path: "/sdk/recommendations/freshness",
    query: [
      req("asset_id", "text"),
      dflt("min_confidence", num(0, 1), 0.5),
      dflt("limit", int(1, 100), 20),
      dflt("include_monitored", "bool", false),
    ],
  }),
  m({
    name: "recommendations.metrics",
    http: "GET",
    path: "/sdk/recommendations/metrics",
    query: [
      req("asset_id", "text"),
      dflt("min_confidence", num(0, 1), 0.5),
      dflt("limit", int(1, 100), 50),
      truthy("table_path", "str"),
    ],
  }),
  m({
    name: "recommendations.coverage",
    http: "GET",
    path: "/sdk/recommendations/coverage",
    query: [req("asset_id", "text"), dflt("limit", int(1, 100), 20)],
  }),
  m({
    name: "recommendations.thresholds",
    http: "GET",
    path: "/sdk/recommendations/thresholds",
    query: [req("asset_id", "text"), dflt("days", int(1), 30), dflt("limit", int(1, 100), 10)],
  }),
];

/** Every method and every `iterate` twin, by name. */
export function allNames(): string[] {
  return METHODS.flatMap((s) => (s.twin ? [s.name, s.twin] : [s.name])).sort();
}

/** The path ids of a pattern, in order. */
export function idNames(spec: MethodSpec): string[] {
  return [...spec.path.matchAll(/\{(\w+)\}/g)].map((x) => x[1] as string);
}
