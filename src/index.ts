/**
 * `anomalyarmor`: the isomorphic SDK for the AnomalyArmor data-observability API. Runs unchanged in
 * browsers, Node, Deno, Bun and Cloudflare Workers (ofetch, valibot and the runtime's fetch; web-standard globals only).
 *
 * @example
 * import { Client } from "anomalyarmor";
 * const client = new Client({ apiKey: "aa_live_…" });
 * await client.freshness.requireFresh("snowflake.prod.warehouse.orders");
 *
 * @packageDocumentation
 * @module anomalyarmor
 */

// Client and transport
export { Client } from "./client";
export { createTransport } from "./core/http";
export type { Transport, TransportConfig, Page, RequestSpec, Method } from "./core/http";
export { VERSION } from "./core/version";

// Configuration
export type { ApiKey, ClientOptions, RequestOptions } from "./core/config";
export type { ArmorHook, ArmorHookContext, ArmorHookResponse, ArmorHooks } from "./core/hooks";
export type { Logger, LogLevel } from "./core/log";

// Errors
export {
  ArmorError,
  AuthenticationError,
  AuthorizationError,
  NotFoundError,
  ValidationError,
  RateLimitError,
  ServerError,
  ConnectionError,
  TimeoutError,
  AbortError,
  ResponseValidationError,
  StalenessError,
  JobFailedError,
} from "./core/errors";
export type { ArmorErrorInit, Issue, StalenessErrorInit } from "./core/errors";

// Resources, their models and params

export { AssetsResource } from "./resources/assets";
export type {
  Asset,
  ConnectionTestResult,
  DiscoveryJob,
  AssetsListParams,
  AssetSourceType,
  AssetsCreateParams,
} from "./resources/assets";
export { FreshnessResource } from "./resources/freshness";
export type {
  FreshnessStatus,
  FreshnessSummary,
  FreshnessRefreshResult,
  FreshnessSchedule,
  FreshnessDryRunSample,
  FreshnessDryRunResponse,
  FreshnessListParams,
  FreshnessRequireFreshParams,
  FreshnessListSchedulesParams,
  FreshnessCreateScheduleParams,
  FreshnessUpdateScheduleParams,
  FreshnessDryRunParams,
} from "./resources/freshness";
export { SchemaResource } from "./resources/schema";
export type {
  SchemaChange,
  SchemaSummary,
  SchemaDetails,
  SchemaBaseline,
  SchemaMonitoringStatus,
  SchemaMonitoringDisabled,
  SchemaDryRunChangeSample,
  SchemaDryRunResponse,
  SchemaRefreshResult,
  SchemaChangesParams,
  SchemaCreateBaselineParams,
  SchemaEnableMonitoringParams,
  SchemaDryRunParams,
} from "./resources/schema";
export { LineageResource } from "./resources/lineage";
export type { LineageNode, LineageEdge, LineageGraph, LineageListParams, LineageGetParams } from "./resources/lineage";
export { TagsResource } from "./resources/tags";
export type {
  Tag,
  BulkApplyResult,
  TagsListParams,
  TagsCreateParams,
  TagsApplyParams,
  TagsBulkApplyParams,
} from "./resources/tags";
export { IntelligenceResource } from "./resources/intelligence";
export type {
  IntelligenceSourceInfo,
  TokenUsage,
  IntelligenceAnswer,
  IntelligenceGenerateResult,
  IntelligenceAskParams,
  IntelligenceGenerateParams,
} from "./resources/intelligence";
export { InvestigationsResource } from "./resources/investigations";
export type { Evidence, EvidenceCapsule, InvestigationsExplainParams } from "./resources/investigations";
export { JobsResource } from "./resources/jobs";
export type { JobStatus } from "./resources/jobs";
export { MetricsResource } from "./resources/metrics";
export type {
  MetricsSummary,
  MetricDefinition,
  MetricSnapshot,
  MetricCaptureResult,
  MetricsDryRunSample,
  MetricsDryRunResponse,
  MetricsListParams,
  MetricsGetParams,
  MetricsCreateParams,
  MetricsUpdateParams,
  MetricsSnapshotsParams,
  MetricsDryRunParams,
} from "./resources/metrics";
export { ValidityResource } from "./resources/validity";
export type {
  ValiditySummary,
  ValidityRule,
  ValidityCheckResult,
  ValidityListParams,
  ValidityCreateParams,
  ValidityUpdateParams,
  ValidityCheckParams,
  ValidityResultsParams,
} from "./resources/validity";
export { ReferentialResource } from "./resources/referential";
export type {
  ReferentialSummary,
  ReferentialCheck,
  ReferentialCheckResult,
  ReferentialListParams,
  ReferentialCreateParams,
  ReferentialUpdateParams,
  ReferentialResultsParams,
} from "./resources/referential";
export { AlertsResource } from "./resources/alerts";
export type {
  AlertSummary,
  Alert,
  InboxAlert,
  AlertRule,
  AlertDestination,
  AlertActionResult,
  AlertHistoryEntry,
  AlertTrends,
  AlertPreviewSample,
  AlertPreviewResponse,
  AlertsListParams,
  AlertsListInboxParams,
  AlertsRulesParams,
  AlertsCreateRuleParams,
  AlertsListDestinationsParams,
  AlertsCreateDestinationParams,
  AlertsActionParams,
  AlertsAcknowledgeParams,
  AlertsResolveParams,
  AlertsDismissParams,
  AlertsSnoozeParams,
  AlertsTrendsParams,
  AlertsPreviewParams,
} from "./resources/alerts";
export { ApiKeysResource } from "./resources/api-keys";
export type { APIKey, CreatedAPIKey, APIKeyUsage, ApiKeysListParams, ApiKeysCreateParams } from "./resources/api-keys";
export { BadgesResource } from "./resources/badges";
export type { Badge, BadgeStatus, BadgesCreateParams, BadgesListParams, BadgesUpdateParams } from "./resources/badges";
export { HealthResource } from "./resources/health";
export type { AttentionItem, HealthSummary } from "./resources/health";
export { RecommendationsResource } from "./resources/recommendations";
export type {
  FreshnessRecommendation,
  FreshnessRecommendationsResponse,
  MetricRecommendation,
  MetricsRecommendationsResponse,
  MonitoringStatus,
  CoverageRecommendation,
  CoverageRecommendationsResponse,
  ThresholdRecommendation,
  ThresholdsRecommendationsResponse,
  RecommendationsFreshnessParams,
  RecommendationsMetricsParams,
  RecommendationsCoverageParams,
  RecommendationsThresholdsParams,
} from "./resources/recommendations";
