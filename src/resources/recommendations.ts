/** Recommendations: suggested freshness schedules, metrics, monitoring coverage and alert thresholds. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { dflt, flag, intIn, limit, numIn, opt, req, serialize, text, type Fields } from "../core/params";
import { bool, int, maybe, model, num, openEnum, str, withDefault } from "../core/schemas";

/** Schema of {@link FreshnessRecommendation}. */
export const FreshnessRecommendationSchema = model({
  table_path: str,
  suggested_check_interval: str,
  suggested_threshold_hours: num,
  confidence: num,
  reasoning: str,
  detected_frequency: openEnum(["hourly", "daily", "weekly", "irregular"]),
  data_points: int,
});
/** A suggested freshness schedule for one table. */
export interface FreshnessRecommendation {
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** Check interval to use (`1h`, `1d`, …). */
  suggested_check_interval: string;
  /** Staleness threshold to use, in hours. */
  suggested_threshold_hours: number;
  /** Confidence of the finding, 0–1. */
  confidence: number;
  /** Why this is suggested, in words. */
  reasoning: string;
  /** How often loads were seen: `hourly`, `daily`, `weekly` or `irregular`. */
  detected_frequency: "hourly" | "daily" | "weekly" | "irregular" | (string & {});
  /** Loads the suggestion is based on. */
  data_points: number;
}

/** Schema of {@link FreshnessRecommendationsResponse}. */
export const FreshnessRecommendationsResponseSchema = model({
  recommendations: withDefault(v.array(FreshnessRecommendationSchema), []),
  asset_id: str,
  tables_analyzed: int,
  tables_with_recommendations: int,
});
/** Suggested freshness schedules for an asset's tables. */
export interface FreshnessRecommendationsResponse {
  /** The suggestions, best first. Empty when the server omits it. */
  recommendations: FreshnessRecommendation[];
  /** Asset analysed. */
  asset_id: string;
  /** Tables looked at. */
  tables_analyzed: number;
  /** Tables that got a suggestion. */
  tables_with_recommendations: number;
}

/** Schema of {@link MetricRecommendation}. */
export const MetricRecommendationSchema = model({
  table_path: str,
  column_name: str,
  suggested_metric_type: str,
  suggested_check_type: openEnum(["validity", "referential", "metric"]),
  confidence: num,
  reasoning: str,
});
/** A suggested check for one column. */
export interface MetricRecommendation {
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** Column it applies to, when it targets one. */
  column_name: string;
  /** Metric to capture (`null_percent`, …). */
  suggested_metric_type: string;
  /** Kind of check: `metric`, `validity` or `referential`. */
  suggested_check_type: "validity" | "referential" | "metric" | (string & {});
  /** Confidence of the finding, 0–1. */
  confidence: number;
  /** Why this is suggested, in words. */
  reasoning: string;
}

/** Schema of {@link MetricsRecommendationsResponse}. */
export const MetricsRecommendationsResponseSchema = model({
  recommendations: withDefault(v.array(MetricRecommendationSchema), []),
  asset_id: str,
  columns_analyzed: int,
  columns_with_recommendations: int,
});
/** Suggested checks for an asset's columns. */
export interface MetricsRecommendationsResponse {
  /** The suggestions, best first. Empty when the server omits it. */
  recommendations: MetricRecommendation[];
  /** Asset analysed. */
  asset_id: string;
  /** Columns looked at. */
  columns_analyzed: number;
  /** Columns that got a suggestion. */
  columns_with_recommendations: number;
}

/** Schema of {@link MonitoringStatus}. */
export const MonitoringStatusSchema = model({ freshness: bool, metrics: bool, schema_drift: bool, validity: bool });
/** Which kinds of monitoring a table already has. */
export interface MonitoringStatus {
  /** Freshness is monitored. */
  freshness: boolean;
  /** Metrics are captured. */
  metrics: boolean;
  /** Schema drift is monitored. */
  schema_drift: boolean;
  /** Validity rules exist. */
  validity: boolean;
}

/** Schema of {@link CoverageRecommendation}. */
export const CoverageRecommendationSchema = model({
  table_path: str,
  importance_score: num,
  row_count: maybe(int),
  column_count: int,
  reasoning: str,
  suggested_monitoring: withDefault(v.array(str), []),
  currently_monitored: MonitoringStatusSchema,
});
/** A table worth monitoring, and how. */
export interface CoverageRecommendation {
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** How much the table matters, higher first. */
  importance_score: number;
  /** Number of rows, when known. */
  row_count?: number | null | undefined;
  /** Number of columns. */
  column_count: number;
  /** Why this is suggested, in words. */
  reasoning: string;
  /** Kinds of monitoring to add. Empty when the server omits it. */
  suggested_monitoring: string[];
  /** Monitoring the table has now. */
  currently_monitored: MonitoringStatus;
}

/** Schema of {@link CoverageRecommendationsResponse}. */
export const CoverageRecommendationsResponseSchema = model({
  recommendations: withDefault(v.array(CoverageRecommendationSchema), []),
  asset_id: str,
  total_tables: int,
  monitored_tables: int,
  coverage_percentage: num,
});
/** Monitoring coverage of an asset and the tables to cover next. */
export interface CoverageRecommendationsResponse {
  /** The suggestions, best first. Empty when the server omits it. */
  recommendations: CoverageRecommendation[];
  /** Asset analysed. */
  asset_id: string;
  /** Tables the asset has. */
  total_tables: number;
  /** Tables with some monitoring. */
  monitored_tables: number;
  /** Share of monitored tables, in percent. */
  coverage_percentage: number;
}

/** Schema of {@link ThresholdRecommendation}. */
export const ThresholdRecommendationSchema = model({
  table_path: str,
  metric_type: str,
  current_threshold: num,
  suggested_threshold: num,
  direction: openEnum(["increase", "decrease"]),
  reasoning: str,
  historical_alerts: int,
  projected_reduction: str,
  confidence: num,
});
/** A suggested threshold change for one monitored item. */
export interface ThresholdRecommendation {
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** Kind of metric (`row_count`, `null_percent`, …). */
  metric_type: string;
  /** Threshold in force. */
  current_threshold: number;
  /** Threshold to use instead. */
  suggested_threshold: number;
  /** `increase` or `decrease`. */
  direction: "increase" | "decrease" | (string & {});
  /** Why this is suggested, in words. */
  reasoning: string;
  /** Alerts the current threshold raised in the window. */
  historical_alerts: number;
  /** Expected drop in alerts, in words (e.g. `60%`). */
  projected_reduction: string;
  /** Confidence of the finding, 0–1. */
  confidence: number;
}

/** Schema of {@link ThresholdsRecommendationsResponse}. */
export const ThresholdsRecommendationsResponseSchema = model({
  recommendations: withDefault(v.array(ThresholdRecommendationSchema), []),
  asset_id: str,
  monitored_items_analyzed: int,
  items_with_recommendations: int,
});
/** Suggested threshold changes for an asset's monitors. */
export interface ThresholdsRecommendationsResponse {
  /** The suggestions, best first. Empty when the server omits it. */
  recommendations: ThresholdRecommendation[];
  /** Asset analysed. */
  asset_id: string;
  /** Monitored items looked at. */
  monitored_items_analyzed: number;
  /** Items that got a suggestion. */
  items_with_recommendations: number;
}

const assetId = req(text);
const minConfidence = dflt(numIn(0, 1), 0.5);

/** Params of `recommendations.freshness`. */
export interface RecommendationsFreshnessParams {
  /** Asset to analyse (UUID or qualified name). */
  asset_id: string;
  /** Lowest confidence returned, 0–1. @default 0.5 */
  min_confidence?: number;
  /** Most recommendations returned, 1–100. @default 20 */
  limit?: number;
  /** Also cover tables that are already monitored. @default false */
  include_monitored?: boolean;
}
const freshnessFields = {
  asset_id: assetId,
  min_confidence: minConfidence,
  limit: dflt(limit(), 20),
  include_monitored: dflt(flag, false),
} satisfies Fields<RecommendationsFreshnessParams>;

/** Params of `recommendations.metrics`. */
export interface RecommendationsMetricsParams {
  /** Asset to analyse (UUID or qualified name). */
  asset_id: string;
  /** Lowest confidence returned, 0–1. @default 0.5 */
  min_confidence?: number;
  /** Most recommendations returned, 1–100. @default 50 */
  limit?: number;
  /** Only this table (`schema.table`). */
  table_path?: string;
}
const metricsFields = {
  asset_id: assetId,
  min_confidence: minConfidence,
  limit: dflt(limit(), 50),
  table_path: opt(v.string(), "truthy"),
} satisfies Fields<RecommendationsMetricsParams>;

/** Params of `recommendations.coverage`. */
export interface RecommendationsCoverageParams {
  /** Asset to analyse (UUID or qualified name). */
  asset_id: string;
  /** Most recommendations returned, 1–100. @default 20 */
  limit?: number;
}
const coverageFields = {
  asset_id: assetId,
  limit: dflt(limit(), 20),
} satisfies Fields<RecommendationsCoverageParams>;

/** Params of `recommendations.thresholds`. */
export interface RecommendationsThresholdsParams {
  /** Asset to analyse (UUID or qualified name). */
  asset_id: string;
  /** Days of alert history to learn from, ≥ 1. @default 30 */
  days?: number;
  /** Most recommendations returned, 1–100. @default 10 */
  limit?: number;
}
const thresholdsFields = {
  asset_id: assetId,
  days: dflt(intIn(1), 30),
  limit: dflt(limit(), 10),
} satisfies Fields<RecommendationsThresholdsParams>;

/** `client.recommendations`: what to monitor next, and how. */
export class RecommendationsResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Suggested freshness schedules, learned from each table's update history. `GET /sdk/recommendations/freshness`
   * @param params - asset, confidence floor, limit, whether to include monitored tables
   * @returns the recommendations and how many tables were analysed
   * @throws ValidationError on bad params (nothing is sent); NotFoundError when the asset does not exist
   */
  async freshness(
    params: RecommendationsFreshnessParams,
    options?: RequestOptions,
  ): Promise<FreshnessRecommendationsResponse> {
    const query = serialize("recommendations.freshness", freshnessFields, params);
    return this.transport.request(
      { method: "GET", path: "/sdk/recommendations/freshness", query, schema: FreshnessRecommendationsResponseSchema },
      options,
    );
  }

  /**
   * Suggested column checks. `GET /sdk/recommendations/metrics`
   * @param params - asset, confidence floor, limit, optional table
   * @returns the recommendations and how many columns were analysed
   * @throws ValidationError on bad params (nothing is sent); NotFoundError when the asset does not exist
   */
  async metrics(
    params: RecommendationsMetricsParams,
    options?: RequestOptions,
  ): Promise<MetricsRecommendationsResponse> {
    const query = serialize("recommendations.metrics", metricsFields, params);
    return this.transport.request(
      { method: "GET", path: "/sdk/recommendations/metrics", query, schema: MetricsRecommendationsResponseSchema },
      options,
    );
  }

  /**
   * Monitoring coverage and the most important unmonitored tables. `GET /sdk/recommendations/coverage`
   * @param params - asset and limit
   * @returns coverage figures and the tables to cover next
   * @throws ValidationError on bad params (nothing is sent); NotFoundError when the asset does not exist
   */
  async coverage(
    params: RecommendationsCoverageParams,
    options?: RequestOptions,
  ): Promise<CoverageRecommendationsResponse> {
    const query = serialize("recommendations.coverage", coverageFields, params);
    return this.transport.request(
      { method: "GET", path: "/sdk/recommendations/coverage", query, schema: CoverageRecommendationsResponseSchema },
      options,
    );
  }

  /**
   * Suggested threshold changes that would cut alert noise. `GET /sdk/recommendations/thresholds`
   * @param params - asset, days of history, limit
   * @returns the recommendations and how many monitors were analysed
   * @throws ValidationError on bad params (nothing is sent); NotFoundError when the asset does not exist
   */
  async thresholds(
    params: RecommendationsThresholdsParams,
    options?: RequestOptions,
  ): Promise<ThresholdsRecommendationsResponse> {
    const query = serialize("recommendations.thresholds", thresholdsFields, params);
    return this.transport.request(
      {
        method: "GET",
        path: "/sdk/recommendations/thresholds",
        query,
        schema: ThresholdsRecommendationsResponseSchema,
      },
      options,
    );
  }
}
