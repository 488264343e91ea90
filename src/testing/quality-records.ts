/**
 * What the data-quality route modules (metrics, validity, referential) and the modules that read their
 * records (alerts, investigations) share: record lookup by public or internal id, which records an asset
 * covers, the latest outcome of each, and the wire projections (`docs/protocol.md` §2.6).
 */
import { notFound } from "./respond";
import type {
  AssetRecord,
  MetricRecord,
  MetricSnapshotRecord,
  ReferentialCheckRecord,
  ReferentialResultRecord,
  State,
  TableRecord,
  ValidityResultRecord,
  ValidityRuleRecord,
} from "./state";

/** Whether `table` is one of the tables `asset` covers (a source covers all of its tables). */
export function covers(asset: AssetRecord, table: TableRecord): boolean {
  return asset.kind === "table" ? asset.id === table.id : table.source_id === asset.id;
}

/** The internal id of an asset, whichever kind. */
export function internalIdOf(state: State, assetId: string): number {
  return state.findAsset(assetId)?.internal_id ?? 0;
}

/** A path id as either a public UUID or (as a decimal string) the internal integer id. */
function matches(ref: string, uuid: string, internal: number): boolean {
  return ref.toLowerCase() === uuid || (/^\d+$/.test(ref) && Number(ref) === internal);
}

/** A table by id, or undefined when it has gone. */
export function tableById(state: State, id: string): TableRecord | undefined {
  return state.tables.find((t) => t.id === id);
}

// ---- metrics ----------------------------------------------------------------------------------------------

/** The metrics measuring tables of `asset`, in creation order. */
export function metricsOf(state: State, asset: AssetRecord): MetricRecord[] {
  return state.metrics.filter((m) => {
    const table = tableById(state, m.table_id);
    return table !== undefined && covers(asset, table);
  });
}

/**
 * A metric of `asset` by UUID or internal id.
 * @throws HttpError 404 `NOT_FOUND`
 */
export function metricOf(state: State, asset: AssetRecord, ref: string): MetricRecord {
  const found = metricsOf(state, asset).find((m) => matches(ref, m.id, m.internal_id));
  if (!found) throw notFound("metric", ref);
  return found;
}

/** Snapshots of a metric, oldest first. */
export function snapshotsOf(state: State, metric: MetricRecord): MetricSnapshotRecord[] {
  return state.snapshots
    .filter((s) => s.metric_definition_id === metric.internal_id)
    .sort((a, b) => a.captured_at - b.captured_at || a.id - b.id);
}

/** The newest snapshot of a metric (the last group's, for grouped metrics), if any. */
export function latestSnapshot(state: State, metric: MetricRecord): MetricSnapshotRecord | undefined {
  const all = snapshotsOf(state, metric);
  return all[all.length - 1];
}

/** `MetricDefinition`. */
export function metricView(state: State, m: MetricRecord): Record<string, unknown> {
  return {
    id: m.id,
    internal_id: m.internal_id,
    asset_id: internalIdOf(state, m.asset_id),
    table_path: m.table_path,
    metric_type: m.metric_type,
    column_name: m.column_name,
    capture_interval: m.capture_interval,
    sensitivity: m.sensitivity,
    is_active: m.is_active,
    group_by_columns: m.group_by_columns,
    percentile_value: m.percentile_value,
    created_at: state.iso(m.created_at),
  };
}

/** `MetricSnapshot`. */
export function snapshotView(state: State, s: MetricSnapshotRecord): Record<string, unknown> {
  return {
    id: s.id,
    metric_definition_id: s.metric_definition_id,
    value: s.value,
    group_values: s.group_values,
    captured_at: state.iso(s.captured_at),
    is_anomaly: s.is_anomaly,
    z_score: s.z_score,
    status: s.status,
  };
}

// ---- validity ---------------------------------------------------------------------------------------------

/** The validity rules on tables of `asset`, in creation order. */
export function rulesOf(state: State, asset: AssetRecord): ValidityRuleRecord[] {
  return state.validityRules.filter((r) => {
    const table = tableById(state, r.table_id);
    return table !== undefined && covers(asset, table);
  });
}

/**
 * A validity rule of `asset` by internal id or UUID.
 * @throws HttpError 404 `NOT_FOUND`
 */
export function ruleOf(state: State, asset: AssetRecord, ref: string): ValidityRuleRecord {
  const found = rulesOf(state, asset).find((r) => matches(ref, r.uuid, r.id));
  if (!found) throw notFound("validity rule", ref);
  return found;
}

/** Results of a rule, newest first. */
export function validityResultsOf(state: State, rule: ValidityRuleRecord): ValidityResultRecord[] {
  return state.validityResults
    .filter((r) => r.validity_rule_id === rule.id)
    .sort((a, b) => b.checked_at - a.checked_at || b.id - a.id);
}

/** `ValidityRule`. */
export function ruleView(state: State, r: ValidityRuleRecord): Record<string, unknown> {
  return {
    id: r.id,
    uuid: r.uuid,
    asset_id: internalIdOf(state, r.asset_id),
    table_path: r.table_path,
    rule_type: r.rule_type,
    column_name: r.column_name,
    name: r.name,
    description: r.description,
    rule_config: r.rule_config,
    error_message: r.error_message,
    severity: r.severity,
    is_active: r.is_active,
    alert_threshold_percent: r.alert_threshold_percent,
    treat_null_as_valid: r.treat_null_as_valid,
    check_interval: r.check_interval,
    created_at: state.iso(r.created_at),
    latest_status: r.latest_status,
  };
}

/** `ValidityCheckResult`. */
export function validityResultView(state: State, r: ValidityResultRecord): Record<string, unknown> {
  return {
    id: r.id,
    validity_rule_id: r.validity_rule_id,
    status: r.status,
    total_rows: r.total_rows,
    invalid_count: r.invalid_count,
    invalid_percent: r.invalid_percent,
    invalid_samples: r.invalid_samples,
    execution_duration_ms: r.execution_duration_ms,
    error_message: r.error_message,
    checked_at: state.iso(r.checked_at),
    created_at: state.iso(r.checked_at),
  };
}

// ---- referential ------------------------------------------------------------------------------------------

/** The referential checks whose child or parent table `asset` covers, in creation order. */
export function checksOf(state: State, asset: AssetRecord): ReferentialCheckRecord[] {
  return state.referentialChecks.filter((c) => {
    const child = tableById(state, c.child_table_id);
    const parent = tableById(state, c.parent_table_id);
    return (child !== undefined && covers(asset, child)) || (parent !== undefined && covers(asset, parent));
  });
}

/**
 * A referential check of `asset` by UUID or internal id.
 * @throws HttpError 404 `NOT_FOUND`
 */
export function checkOf(state: State, asset: AssetRecord, ref: string): ReferentialCheckRecord {
  const found = checksOf(state, asset).find((c) => matches(ref, c.id, c.internal_id));
  if (!found) throw notFound("referential check", ref);
  return found;
}

/** Results of a check, newest first. */
export function referentialResultsOf(state: State, check: ReferentialCheckRecord): ReferentialResultRecord[] {
  return state.referentialResults
    .filter((r) => r.referential_check_id === check.internal_id)
    .sort((a, b) => b.checked_at - a.checked_at || b.id - a.id);
}

/** `ReferentialCheck`. */
export function checkView(state: State, c: ReferentialCheckRecord): Record<string, unknown> {
  return {
    id: c.id,
    internal_id: c.internal_id,
    asset_id: internalIdOf(state, c.asset_id),
    child_table_path: c.child_table_path,
    child_column_name: c.child_column_name,
    parent_table_path: c.parent_table_path,
    parent_column_name: c.parent_column_name,
    name: c.name,
    description: c.description,
    capture_interval: c.capture_interval,
    max_orphan_count: c.max_orphan_count,
    max_orphan_percent: c.max_orphan_percent,
    min_child_count: c.min_child_count,
    max_child_count: c.max_child_count,
    is_active: c.is_active,
    last_checked_at: state.iso(c.last_checked_at),
    created_at: state.iso(c.created_at),
    latest_status: referentialResultsOf(state, c)[0]?.status ?? null,
  };
}

/** `ReferentialCheckResult`. */
export function referentialResultView(state: State, r: ReferentialResultRecord): Record<string, unknown> {
  return {
    id: r.id,
    referential_check_id: r.referential_check_id,
    status: r.status,
    orphan_count: r.orphan_count,
    orphan_percent: r.orphan_percent,
    total_child_rows: r.total_child_rows,
    orphan_sample: r["orphan_sample"] ?? null,
    cardinality_sample: r["cardinality_sample"] ?? null,
    parents_below_min: r["parents_below_min"] ?? null,
    parents_above_max: r["parents_above_max"] ?? null,
    query_duration_ms: r["query_duration_ms"] ?? null,
    error_message: r["error_message"] ?? null,
    checked_at: state.iso(r.checked_at),
    created_at: state.iso(r.checked_at),
  };
}

/** A deterministic stand-in for how long a query over `rows` rows took. */
export function durationMs(rows: number): number {
  return 3 + Math.round(rows * 0.05);
}
