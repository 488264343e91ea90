/** Metrics: row counts, null rates and other measures captured per asset, with their snapshots and dry runs. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import {
  dflt,
  flag,
  intIn,
  limit,
  nonNegative,
  numIn,
  offset,
  oneOf,
  opt,
  req,
  serialize,
  text,
  textList,
  type Fields,
} from "../core/params";
import { path } from "../core/path";
import { anyList, bool, dict, int, maybe, model, num, openEnum, str, timestamp, withDefault } from "../core/schemas";

const INTERVALS = ["hourly", "daily", "weekly"] as const;
// The wire's three, then the vocabulary newer servers (armor-mcp) document.
const METRIC_TYPES = [
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
] as const;

/** Schema of {@link MetricsSummary}. */
export const MetricsSummarySchema = model({
  total_metrics: int,
  active_metrics: int,
  total_checks: withDefault(int, 0),
  passing: withDefault(int, 0),
  failing: withDefault(int, 0),
  warning: withDefault(int, 0),
  error: withDefault(int, 0),
  health_percentage: withDefault(num, 100),
});
/** Metric health of one asset. */
export interface MetricsSummary {
  /** Metrics defined. */
  total_metrics: number;
  /** Metrics being captured. */
  active_metrics: number;
  /** Checks counted. `0` when the server omits it. */
  total_checks: number;
  /** Checks passing. `0` when the server omits it. */
  passing: number;
  /** Checks failing. `0` when the server omits it. */
  failing: number;
  /** Checks warning. `0` when the server omits it. */
  warning: number;
  /** Checks that errored. `0` when the server omits it. */
  error: number;
  /** Share of passing checks, in percent. `100` when the server omits it. */
  health_percentage: number;
}

/** Schema of {@link MetricDefinition}. */
export const MetricDefinitionSchema = model({
  id: str,
  internal_id: int,
  asset_id: int,
  table_path: str,
  metric_type: openEnum(METRIC_TYPES),
  column_name: maybe(str),
  capture_interval: withDefault(openEnum(INTERVALS), "daily"),
  // The 0.2.x model says int while create sends a float (1.0): accept any number so an echo never breaks.
  sensitivity: withDefault(num, 3),
  is_active: withDefault(bool, true),
  group_by_columns: maybe(v.array(str)),
  percentile_value: maybe(num),
  created_at: maybe(timestamp),
});
/** One metric defined on an asset. `asset_id` is the asset's internal (integer) id. */
export interface MetricDefinition {
  /** Public identifier. */
  id: string;
  /** Numeric id inside the server. */
  internal_id: number;
  /** Numeric id of the asset. */
  asset_id: number;
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** Kind of metric (`row_count`, `null_percent`, …). */
  metric_type: (typeof METRIC_TYPES)[number] | (string & {});
  /** Column it applies to, when it targets one. */
  column_name?: string | null | undefined;
  /** How often values are captured: `hourly`, `daily` or `weekly`. `daily` when the server omits it. */
  capture_interval: "hourly" | "daily" | "weekly" | (string & {});
  /** How many standard deviations count as an anomaly. `3` when the server omits it. */
  sensitivity: number;
  /** Whether the metric is captured. `true` when the server omits it. */
  is_active: boolean;
  /** Columns the metric is split by. */
  group_by_columns?: string[] | null | undefined;
  /** Percentile computed, for percentile metrics. */
  percentile_value?: number | null | undefined;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
}

/** Schema of {@link MetricSnapshot}. */
export const MetricSnapshotSchema = model({
  id: int,
  metric_definition_id: int,
  value: num,
  group_values: maybe(dict),
  captured_at: timestamp,
  is_anomaly: withDefault(bool, false),
  z_score: maybe(num),
  status: maybe(openEnum(["PASS", "FAIL", "WARNING"])),
});
/** One captured value of a metric. */
export interface MetricSnapshot {
  /** Numeric id of the snapshot. */
  id: number;
  /** Numeric id of its metric. */
  metric_definition_id: number;
  /** Captured value. */
  value: number;
  /** The group this value belongs to, for grouped metrics. */
  group_values?: Record<string, unknown> | null | undefined;
  /** When the value was captured (ISO-8601). */
  captured_at: string;
  /** Whether the value is an anomaly. `false` when the server omits it. */
  is_anomaly: boolean;
  /** Standard deviations from the recent mean. */
  z_score?: number | null | undefined;
  /** `PASS`, `FAIL` or `WARNING`. */
  status?: "PASS" | "FAIL" | "WARNING" | (string & {}) | null | undefined;
}

/** Schema of {@link MetricCaptureResult}. */
export const MetricCaptureResultSchema = model({ snapshot_count: maybe(int), snapshots: maybe(anyList) });
/** What `metrics.capture` answers (a plain object on the wire; these are its documented keys). */
export interface MetricCaptureResult {
  /** Snapshots captured. */
  snapshot_count?: number | null | undefined;
  /** The snapshots, as the server sends them. */
  snapshots?: unknown[] | null | undefined;
}

/** Schema of {@link MetricsDryRunSample}. */
export const MetricsDryRunSampleSchema = model({
  captured_at: str,
  value: num,
  threshold_value: num,
  threshold_type: str,
  would_alert: bool,
});
/** One historical point of a metrics dry run, alerting or not. `captured_at` is not parsed. */
export interface MetricsDryRunSample {
  /** When the value was captured (kept as sent). */
  captured_at: string;
  /** Captured value. */
  value: number;
  /** Threshold the value was compared with. */
  threshold_value: number;
  /** Kind of threshold (`absolute`, `percent_change`, …). */
  threshold_type: string;
  /** Whether this value would have alerted. */
  would_alert: boolean;
}

/** Schema of {@link MetricsDryRunResponse}. */
export const MetricsDryRunResponseSchema = model({
  metric_id: str,
  metric_type: str,
  threshold_type: str,
  threshold_value: num,
  lookback_days: int,
  total_snapshots: int,
  would_alert_count: int,
  alert_rate_percent: num,
  avg_value: maybe(num),
  min_value: maybe(num),
  max_value: maybe(num),
  sample_alerts: withDefault(v.array(MetricsDryRunSampleSchema), []),
  recommendation: str,
});
/** How often a metric would have alerted over the lookback window. */
export interface MetricsDryRunResponse {
  /** Metric the dry run replayed. */
  metric_id: string;
  /** Kind of metric (`row_count`, `null_percent`, …). */
  metric_type: string;
  /** Kind of threshold (`absolute`, `percent_change`, …). */
  threshold_type: string;
  /** Threshold that was tried. */
  threshold_value: number;
  /** Days of history the dry run looked at. */
  lookback_days: number;
  /** Snapshots replayed. */
  total_snapshots: number;
  /** How many checks would have alerted. */
  would_alert_count: number;
  /** Share of checks that would have alerted, in percent. */
  alert_rate_percent: number;
  /** Mean of the replayed values. */
  avg_value?: number | null | undefined;
  /** Smallest replayed value. */
  min_value?: number | null | undefined;
  /** Largest replayed value. */
  max_value?: number | null | undefined;
  /** A sample of the values that would have alerted. Empty when the server omits it. */
  sample_alerts: MetricsDryRunSample[];
  /** What the server advises, in words. */
  recommendation: string;
}

/** Params of `metrics.list` and `metrics.iterate`. */
export interface MetricsListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only metrics of this type (`row_count`, `null_percent`, `distinct_count`, …). */
  metric_type?: (typeof METRIC_TYPES)[number];
  /** Only active (`true`) or inactive (`false`) metrics. */
  is_active?: boolean;
}
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  metric_type: opt(oneOf(METRIC_TYPES)),
  is_active: opt(flag),
} satisfies Fields<MetricsListParams>;

/** Params of `metrics.get`. */
export interface MetricsGetParams {
  /** Ask the server to include recent snapshots (the model drops them). @default true */
  include_snapshots?: boolean;
  /** How many snapshots to include, 1–1000. @default 30 */
  snapshot_limit?: number;
}
const getFields = {
  include_snapshots: dflt(flag, true),
  snapshot_limit: dflt(limit(1000), 30),
} satisfies Fields<MetricsGetParams>;

/** Params of `metrics.create`. */
export interface MetricsCreateParams {
  /** What to measure: `row_count`, `null_percent`, `distinct_count`, … */
  metric_type: (typeof METRIC_TYPES)[number];
  /** Table the metric reads, e.g. `catalog.schema.table`. */
  table_path: string;
  /** Column for column-level metrics. */
  column_name?: string;
  /** How often to capture. @default "daily" */
  capture_interval?: (typeof INTERVALS)[number];
  /** Anomaly-detection sensitivity. @default 1.0 */
  sensitivity?: number;
  /** Columns to group the metric by. */
  group_by_columns?: string[];
  /** Percentile for percentile metrics, 0–100. */
  percentile_value?: number;
}
const createFields = {
  metric_type: req(oneOf(METRIC_TYPES)),
  table_path: req(text),
  capture_interval: dflt(oneOf(INTERVALS), "daily"),
  sensitivity: dflt(nonNegative, 1.0),
  column_name: opt(text),
  group_by_columns: opt(textList),
  percentile_value: opt(numIn(0, 100)),
} satisfies Fields<MetricsCreateParams>;

/** Params of `metrics.update`: only the fields given are changed. */
export interface MetricsUpdateParams {
  /** Activate or pause the metric. */
  is_active?: boolean;
  /** How often to capture. */
  capture_interval?: (typeof INTERVALS)[number];
  /** Anomaly-detection sensitivity. */
  sensitivity?: number;
}
const updateFields = {
  is_active: opt(flag),
  capture_interval: opt(oneOf(INTERVALS)),
  sensitivity: opt(nonNegative),
} satisfies Fields<MetricsUpdateParams>;

/** Params of `metrics.snapshots` and `metrics.iterateSnapshots`. */
export interface MetricsSnapshotsParams {
  /** Page size, 1–1000. @default 100 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
}
const snapshotFields = {
  limit: dflt(limit(1000), 100),
  offset: dflt(offset, 0),
} satisfies Fields<MetricsSnapshotsParams>;

/** Params of `metrics.dryRun`. */
export interface MetricsDryRunParams {
  /** Asset UUID or qualified name (sent in the body). */
  asset_id: string;
  /** Table the metric would read. */
  table_path: string;
  /** What to measure. */
  metric_type: (typeof METRIC_TYPES)[number];
  /** Column for column-level metrics. */
  column_name?: string;
  /** Anomaly-detection sensitivity. @default 1.0 */
  sensitivity?: number;
  /** Days of history to replay, ≥ 1. @default 30 */
  lookback_days?: number;
}
const dryRunFields = {
  asset_id: req(text),
  table_path: req(text),
  metric_type: req(oneOf(METRIC_TYPES)),
  sensitivity: dflt(nonNegative, 1.0),
  lookback_days: dflt(intIn(1), 30),
  column_name: opt(text),
} satisfies Fields<MetricsDryRunParams>;

/** `client.metrics`: data-quality metrics per asset. Writes need a read-write or admin key. */
export class MetricsResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Metric health of one asset. `GET /sdk/metrics/{asset_id}/summary`
   * @param assetId - asset UUID or qualified name
   * @returns counts of metrics and checks and the health percentage
   * @throws NotFoundError when the asset does not exist
   */
  async summary(assetId: string, options?: RequestOptions): Promise<MetricsSummary> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/metrics/${assetId}/summary`, schema: MetricsSummarySchema },
      options,
    );
  }

  /**
   * Metrics defined on an asset, one page. `GET /sdk/metrics/{asset_id}`
   * @param assetId - asset UUID or qualified name
   * @returns the metrics in `data.items`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(assetId: string, params?: MetricsListParams, options?: RequestOptions): Promise<MetricDefinition[]> {
    return listPage(
      this.transport,
      "metrics.list",
      listFields,
      params,
      { path: path`/sdk/metrics/${assetId}`, schema: MetricDefinitionSchema, list: "items" },
      options,
    );
  }

  /**
   * Every metric of an asset across all pages, lazily.
   * @param assetId - asset UUID or qualified name
   * @throws ValidationError on bad params, at once
   */
  iterate(
    assetId: string,
    params?: MetricsListParams,
    options?: RequestOptions,
  ): AsyncGenerator<MetricDefinition, void, undefined> {
    return iteratePages(
      this.transport,
      "metrics.iterate",
      listFields,
      params,
      { path: path`/sdk/metrics/${assetId}`, schema: MetricDefinitionSchema, list: "items" },
      options,
    );
  }

  /**
   * One metric. `GET /sdk/metrics/{asset_id}/{metric_id}` (always sends `include_snapshots` and `snapshot_limit`)
   * @param assetId - asset UUID or qualified name
   * @param metricId - the metric's UUID
   * @throws NotFoundError when the asset or metric does not exist
   */
  async get(
    assetId: string,
    metricId: string,
    params?: MetricsGetParams,
    options?: RequestOptions,
  ): Promise<MetricDefinition> {
    const query = serialize("metrics.get", getFields, params);
    return this.transport.request(
      { method: "GET", path: path`/sdk/metrics/${assetId}/${metricId}`, query, schema: MetricDefinitionSchema },
      options,
    );
  }

  /**
   * Defines a metric. `POST /sdk/metrics/{asset_id}`
   * @param assetId - asset UUID or qualified name
   * @returns the metric created
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without write scope
   */
  async create(assetId: string, params: MetricsCreateParams, options?: RequestOptions): Promise<MetricDefinition> {
    const body = serialize("metrics.create", createFields, params);
    return this.transport.request(
      { method: "POST", path: path`/sdk/metrics/${assetId}`, body, schema: MetricDefinitionSchema },
      options,
    );
  }

  /**
   * Changes a metric; only the fields given are sent (`{}` when none). `PATCH /sdk/metrics/{asset_id}/{metric_id}`
   * @returns the metric as updated
   * @throws ValidationError on bad params; NotFoundError when the metric does not exist
   */
  async update(
    assetId: string,
    metricId: string,
    params: MetricsUpdateParams,
    options?: RequestOptions,
  ): Promise<MetricDefinition> {
    const body = serialize("metrics.update", updateFields, params);
    return this.transport.request(
      { method: "PATCH", path: path`/sdk/metrics/${assetId}/${metricId}`, body, schema: MetricDefinitionSchema },
      options,
    );
  }

  /**
   * Deletes a metric. `DELETE /sdk/metrics/{asset_id}/{metric_id}`
   * @returns nothing (an empty 204 is fine)
   * @throws NotFoundError when the metric does not exist
   */
  async delete(assetId: string, metricId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: path`/sdk/metrics/${assetId}/${metricId}` }, options);
  }

  /**
   * Captures the metric now. `POST /sdk/metrics/{asset_id}/{metric_id}/capture` (no body)
   * @returns `snapshot_count` and `snapshots`
   * @throws NotFoundError when the metric does not exist; AuthorizationError without write scope
   */
  async capture(assetId: string, metricId: string, options?: RequestOptions): Promise<MetricCaptureResult> {
    return this.transport.request(
      { method: "POST", path: path`/sdk/metrics/${assetId}/${metricId}/capture`, schema: MetricCaptureResultSchema },
      options,
    );
  }

  /**
   * Historical values of a metric, one page. `GET /sdk/metrics/{asset_id}/{metric_id}/snapshots`
   * @returns the snapshots in `data.items`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async snapshots(
    assetId: string,
    metricId: string,
    params?: MetricsSnapshotsParams,
    options?: RequestOptions,
  ): Promise<MetricSnapshot[]> {
    return listPage(
      this.transport,
      "metrics.snapshots",
      snapshotFields,
      params,
      { path: path`/sdk/metrics/${assetId}/${metricId}/snapshots`, schema: MetricSnapshotSchema, list: "items" },
      options,
    );
  }

  /**
   * Every snapshot of a metric across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterateSnapshots(
    assetId: string,
    metricId: string,
    params?: MetricsSnapshotsParams,
    options?: RequestOptions,
  ): AsyncGenerator<MetricSnapshot, void, undefined> {
    return iteratePages(
      this.transport,
      "metrics.iterateSnapshots",
      snapshotFields,
      params,
      { path: path`/sdk/metrics/${assetId}/${metricId}/snapshots`, schema: MetricSnapshotSchema, list: "items" },
      options,
    );
  }

  /**
   * Replays a metric over history to see how often it would alert. `POST /sdk/metrics/dry-run`
   * @returns alert counts, rate, value range and sample alerts
   * @throws ValidationError on bad params (nothing is sent)
   */
  async dryRun(params: MetricsDryRunParams, options?: RequestOptions): Promise<MetricsDryRunResponse> {
    const body = serialize("metrics.dryRun", dryRunFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/metrics/dry-run", body, schema: MetricsDryRunResponseSchema },
      options,
    );
  }
}
