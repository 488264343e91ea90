/** Schema drift: detected column and table changes, baselines, monitoring schedules and dry runs. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import { dflt, flag, intIn, limit, offset, oneOf, opt, req, serialize, text, type Fields } from "../core/params";
import { path } from "../core/path";

const SEVERITIES = ["critical", "warning", "info"] as const;
// 0.2.x's four, then the intervals newer servers (armor-mcp) use.
const SCHEDULE_TYPES = ["hourly", "every_4_hours", "daily", "weekly", "5m", "1h", "6h", "1d", "1w"] as const;
import { bool, dict, int, maybe, model, openEnum, str, timestamp, withDefault } from "../core/schemas";

/** Schema of {@link SchemaChange}. */
export const SchemaChangeSchema = model({
  id: str,
  asset_id: str,
  qualified_name: str,
  change_type: openEnum(["column_added", "column_removed", "column_type_changed", "table_added", "table_removed"]),
  severity: openEnum(["critical", "warning", "info"]),
  column_name: maybe(str),
  old_value: maybe(str),
  new_value: maybe(str),
  detected_at: timestamp,
  acknowledged: withDefault(bool, false),
});
/** One detected schema change. */
export interface SchemaChange {
  /** Public identifier. */
  id: string;
  /** Asset whose schema changed. */
  asset_id: string;
  /** Qualified name of the asset whose schema changed. */
  qualified_name: string;
  /** What changed (`column_added`, `column_type_changed`, …). */
  change_type:
    "column_added" | "column_removed" | "column_type_changed" | "table_added" | "table_removed" | (string & {});
  /** How serious the change is: `info`, `warning` or `critical`. */
  severity: "critical" | "warning" | "info" | (string & {});
  /** Column it applies to, when it targets one. */
  column_name?: string | null | undefined;
  /** Value before the change (e.g. the old column type). */
  old_value?: string | null | undefined;
  /** Value after the change. */
  new_value?: string | null | undefined;
  /** When the change was detected (ISO-8601). */
  detected_at: string;
  /** Whether someone acknowledged the change. `false` when the server omits it. */
  acknowledged: boolean;
}

/** Schema of {@link SchemaSummary}. */
export const SchemaSummarySchema = model({
  total_changes: int,
  unacknowledged: int,
  critical_count: int,
  warning_count: int,
  info_count: int,
  last_check: maybe(timestamp),
  changes_last_24h: maybe(int),
});
/** Aggregate drift counts (the 0.2.x fields, plus the seed's `changes_last_24h` when the server sends it). */
export interface SchemaSummary {
  /** Number of changes. */
  total_changes: number;
  /** Changes not yet acknowledged. */
  unacknowledged: number;
  /** Critical changes. */
  critical_count: number;
  /** Warning changes. */
  warning_count: number;
  /** Informational changes. */
  info_count: number;
  /** When the last check ran (ISO-8601). */
  last_check?: string | null | undefined;
  /** Changes detected in the last 24 hours. */
  changes_last_24h?: number | null | undefined;
}

/** Schema of {@link SchemaDetails}. */
export const SchemaDetailsSchema = model({
  asset_id: maybe(str),
  qualified_name: maybe(str),
  recent_changes: maybe(v.array(dict)),
  total_unacknowledged: maybe(int),
});
/** Drift state of one asset: the server's raw object, its documented keys typed and optional. */
export interface SchemaDetails {
  /** Asset described. */
  asset_id?: string | null | undefined;
  /** Qualified name of the asset described. */
  qualified_name?: string | null | undefined;
  /** Latest changes, as the server sends them. */
  recent_changes?: Record<string, unknown>[] | null | undefined;
  /** Changes not yet acknowledged. */
  total_unacknowledged?: number | null | undefined;
}

/** Schema of {@link SchemaBaseline}. */
export const SchemaBaselineSchema = model({
  id: str,
  asset_id: str,
  table_count: int,
  column_count: int,
  captured_at: timestamp,
  description: maybe(str),
});
/** A captured schema baseline. */
export interface SchemaBaseline {
  /** Public identifier. */
  id: string;
  /** Asset the baseline belongs to. */
  asset_id: string;
  /** Tables captured. */
  table_count: number;
  /** Columns captured. */
  column_count: number;
  /** When the baseline was captured (ISO-8601). */
  captured_at: string;
  /** Note given when capturing it. */
  description?: string | null | undefined;
}

/** Schema of {@link SchemaMonitoringStatus}. */
export const SchemaMonitoringStatusSchema = model({
  asset_id: str,
  monitoring_enabled: bool,
  schedule_type: maybe(openEnum(SCHEDULE_TYPES)),
  schedule_label: maybe(str),
  baseline_id: maybe(str),
  next_check_at: maybe(timestamp),
  last_check_at: maybe(timestamp),
  baseline_captured_at: maybe(timestamp),
});
/** Drift-monitoring state of one asset. */
export interface SchemaMonitoringStatus {
  /** Asset monitored. */
  asset_id: string;
  /** Whether schema monitoring is on. */
  monitoring_enabled: boolean;
  /** How often checks run: `hourly`, `every_4_hours`, `daily`, `weekly`, or `5m` … `1w`. */
  schedule_type?: (typeof SCHEDULE_TYPES)[number] | (string & {}) | null | undefined;
  /** The schedule in words. */
  schedule_label?: string | null | undefined;
  /** Baseline that changes are compared with. */
  baseline_id?: string | null | undefined;
  /** When the next check is due (ISO-8601). */
  next_check_at?: string | null | undefined;
  /** When the last check ran (ISO-8601). */
  last_check_at?: string | null | undefined;
  /** When that baseline was captured (ISO-8601). */
  baseline_captured_at?: string | null | undefined;
}

/** Schema of {@link SchemaMonitoringDisabled}. */
export const SchemaMonitoringDisabledSchema = model({ monitoring_enabled: maybe(bool), asset_id: maybe(str) });
/** Confirmation that monitoring is off: the server's raw object, its documented keys optional. */
export interface SchemaMonitoringDisabled {
  /** False: monitoring is now off. */
  monitoring_enabled?: boolean | null | undefined;
  /** Asset no longer monitored. */
  asset_id?: string | null | undefined;
}

/** Schema of {@link SchemaDryRunChangeSample}. */
export const SchemaDryRunChangeSampleSchema = model({
  change_type: str,
  severity: str,
  table_name: maybe(str),
  column_name: maybe(str),
  old_value: maybe(str),
  new_value: maybe(str),
});
/** One change a schema dry run would have reported. */
export interface SchemaDryRunChangeSample {
  /** What would have changed. */
  change_type: string;
  /** How serious that change is. */
  severity: string;
  /** Table affected. */
  table_name?: string | null | undefined;
  /** Column it applies to, when it targets one. */
  column_name?: string | null | undefined;
  /** Value before the change (e.g. the old column type). */
  old_value?: string | null | undefined;
  /** Value after the change. */
  new_value?: string | null | undefined;
}

/** Schema of {@link SchemaDryRunResponse}. */
export const SchemaDryRunResponseSchema = model({
  asset_id: str,
  schedule_type: str,
  recommendation: str,
  baseline_exists: bool,
  tables_in_baseline: withDefault(int, 0),
  tables_in_current: withDefault(int, 0),
  total_changes: withDefault(int, 0),
  estimated_alerts_per_week: withDefault(int, 0),
  changes_detected: withDefault(bool, false),
  changes_summary: withDefault(v.record(v.string(), int), {}),
  sample_changes: withDefault(v.array(SchemaDryRunChangeSampleSchema), []),
});
/** Result of a schema dry run: the alerts drift monitoring would raise. */
export interface SchemaDryRunResponse {
  /** Asset the dry run looked at. */
  asset_id: string;
  /** Schedule that was tried. */
  schedule_type: string;
  /** What the server advises, in words. */
  recommendation: string;
  /** Whether a baseline exists to compare with. */
  baseline_exists: boolean;
  /** Tables in the baseline. `0` when the server omits it. */
  tables_in_baseline: number;
  /** Tables in the current schema. `0` when the server omits it. */
  tables_in_current: number;
  /** Changes found between baseline and current schema. `0` when the server omits it. */
  total_changes: number;
  /** Alerts per week this schedule would send, estimated. `0` when the server omits it. */
  estimated_alerts_per_week: number;
  /** Whether any change was found. `false` when the server omits it. */
  changes_detected: boolean;
  /** Changes counted per change type. Empty when the server omits it. */
  changes_summary: Record<string, number>;
  /** A sample of the changes found. Empty when the server omits it. */
  sample_changes: SchemaDryRunChangeSample[];
}

/** Schema of {@link SchemaRefreshResult}. */
export const SchemaRefreshResultSchema = model({ job_id: str, status: maybe(str), message: maybe(str) });
/** A started schema check (it re-checks the asset's schema); poll it with `jobs.status`. */
export interface SchemaRefreshResult {
  /** Id of the job; poll it with `jobs.status`. */
  job_id: string;
  /** State of the job when it was started. */
  status?: string | null | undefined;
  /** Human-readable message. */
  message?: string | null | undefined;
}

/** Params of `schema.changes` and `schema.iterateChanges`. */
export interface SchemaChangesParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only changes of this asset (UUID or qualified name). */
  asset_id?: string;
  /** Only changes of this severity. */
  severity?: (typeof SEVERITIES)[number];
  /** Only changes not yet acknowledged. @default false */
  unacknowledged_only?: boolean;
  /** Only changes of this type (seed filter, sent as given). */
  change_type?: string;
}
const changesFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  asset_id: opt(v.string(), "truthy"),
  severity: opt(oneOf(SEVERITIES), "truthy"),
  unacknowledged_only: opt(flag, "true"),
  change_type: opt(v.string(), "nn"),
} satisfies Fields<SchemaChangesParams>;

/** Params of `schema.createBaseline`. */
export interface SchemaCreateBaselineParams {
  /** Note stored with the baseline. */
  description?: string;
}
const baselineFields = {
  description: opt(v.string(), "truthy"),
} satisfies Fields<SchemaCreateBaselineParams>;

/** Params of `schema.enableMonitoring`. */
export interface SchemaEnableMonitoringParams {
  /** How often to check: `hourly`, `every_4_hours`, `daily`, `weekly`, or `5m`, `1h`, `6h`, `1d`, `1w`. @default "daily" */
  schedule_type?: (typeof SCHEDULE_TYPES)[number];
  /** Capture a baseline first when none exists. @default true */
  auto_create_baseline?: boolean;
}
const monitoringFields = {
  schedule_type: dflt(oneOf(SCHEDULE_TYPES), "daily"),
  auto_create_baseline: dflt(flag, true),
} satisfies Fields<SchemaEnableMonitoringParams>;

/** Params of `schema.dryRun`. */
export interface SchemaDryRunParams {
  /** Asset to simulate on (UUID or qualified name). */
  asset_id: string;
  /** Days of history to replay, ≥ 1. @default 30 */
  lookback_days?: number;
  /** Only this table (`schema.table`). */
  table_path?: string;
}
const dryRunFields = {
  asset_id: req(text),
  lookback_days: dflt(intIn(1), 30),
  table_path: opt(v.string(), "nn"),
} satisfies Fields<SchemaDryRunParams>;

/** `client.schema`: schema drift detection and monitoring. */
export class SchemaResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Aggregate drift counts. `GET /sdk/schema/summary`
   * @returns the counts
   */
  async summary(options?: RequestOptions): Promise<SchemaSummary> {
    return this.transport.request({ method: "GET", path: "/sdk/schema/summary", schema: SchemaSummarySchema }, options);
  }

  /**
   * Detected changes, one page. `GET /sdk/schema/changes`
   * @param params - filters and paging
   * @returns the page's changes
   * @throws ValidationError on bad params (nothing is sent)
   */
  async changes(params?: SchemaChangesParams, options?: RequestOptions): Promise<SchemaChange[]> {
    return listPage(
      this.transport,
      "schema.changes",
      changesFields,
      params,
      { path: "/sdk/schema/changes", schema: SchemaChangeSchema, list: "data" },
      options,
    );
  }

  /**
   * Every matching change across all pages, fetched lazily page by page.
   * @param params - filters; `limit` is the page size, `offset` the first item
   * @throws ValidationError on bad params (nothing is sent)
   */
  iterateChanges(
    params?: SchemaChangesParams,
    options?: RequestOptions,
  ): AsyncGenerator<SchemaChange, void, undefined> {
    return iteratePages(
      this.transport,
      "schema.iterateChanges",
      changesFields,
      params,
      { path: "/sdk/schema/changes", schema: SchemaChangeSchema, list: "data" },
      options,
    );
  }

  /**
   * Drift state of one asset: its recent changes and unacknowledged count. `GET /sdk/schema/{asset_id}`
   * @param assetId - UUID or qualified name
   * @returns the server's object, documented keys typed
   * @throws NotFoundError when the asset does not exist
   */
  async get(assetId: string, options?: RequestOptions): Promise<SchemaDetails> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/schema/${assetId}`, schema: SchemaDetailsSchema },
      options,
    );
  }

  /**
   * Captures the asset's current schema as the baseline drift is measured against. `POST /sdk/schema/{asset_id}/baseline`
   * @param assetId - UUID or qualified name
   * @param params - optional description (`{}` is sent without one)
   * @returns the baseline
   * @throws ValidationError on bad params (nothing is sent); NotFoundError; AuthorizationError without read-write scope
   */
  async createBaseline(
    assetId: string,
    params?: SchemaCreateBaselineParams,
    options?: RequestOptions,
  ): Promise<SchemaBaseline> {
    const body = serialize("schema.createBaseline", baselineFields, params);
    return this.transport.request(
      { method: "POST", path: path`/sdk/schema/${assetId}/baseline`, body, schema: SchemaBaselineSchema },
      options,
    );
  }

  /**
   * Turns drift monitoring on. `POST /sdk/schema/{asset_id}/monitoring`
   * @param assetId - UUID or qualified name
   * @param params - schedule and whether to capture a baseline first
   * @returns the monitoring state
   * @throws ValidationError on bad params (nothing is sent); NotFoundError; AuthorizationError without read-write scope
   */
  async enableMonitoring(
    assetId: string,
    params?: SchemaEnableMonitoringParams,
    options?: RequestOptions,
  ): Promise<SchemaMonitoringStatus> {
    const body = serialize("schema.enableMonitoring", monitoringFields, params);
    return this.transport.request(
      { method: "POST", path: path`/sdk/schema/${assetId}/monitoring`, body, schema: SchemaMonitoringStatusSchema },
      options,
    );
  }

  /**
   * Turns drift monitoring off. `DELETE /sdk/schema/{asset_id}/monitoring`
   * @param assetId - UUID or qualified name
   * @returns the server's confirmation (`monitoring_enabled: false`)
   * @throws NotFoundError; AuthorizationError without read-write scope
   */
  async disableMonitoring(assetId: string, options?: RequestOptions): Promise<SchemaMonitoringDisabled> {
    return this.transport.request(
      { method: "DELETE", path: path`/sdk/schema/${assetId}/monitoring`, schema: SchemaMonitoringDisabledSchema },
      options,
    );
  }

  /**
   * Replays history to show what drift monitoring would report. `POST /sdk/schema/dry-run`
   * @param params - asset, lookback and optional table
   * @returns the simulated changes and a recommendation
   * @throws ValidationError on bad params (nothing is sent); NotFoundError
   */
  async dryRun(params: SchemaDryRunParams, options?: RequestOptions): Promise<SchemaDryRunResponse> {
    const body = serialize("schema.dryRun", dryRunFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/schema/dry-run", body, schema: SchemaDryRunResponseSchema },
      options,
    );
  }

  /**
   * Starts a schema re-check job. `POST /sdk/schema/{asset_id}/refresh` (no body)
   * @param assetId - UUID or qualified name
   * @returns the job's id and status; poll it with `jobs.status`
   * @throws NotFoundError; AuthorizationError without read-write scope
   */
  async refresh(assetId: string, options?: RequestOptions): Promise<SchemaRefreshResult> {
    return this.transport.request(
      { method: "POST", path: path`/sdk/schema/${assetId}/refresh`, schema: SchemaRefreshResultSchema },
      options,
    );
  }
}
