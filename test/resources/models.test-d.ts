import type * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import type * as alerts from "../../src/resources/alerts";
import type * as apiKeys from "../../src/resources/api-keys";
import type * as assets from "../../src/resources/assets";
import type * as badges from "../../src/resources/badges";
import type * as freshness from "../../src/resources/freshness";
import type * as health from "../../src/resources/health";
import type * as intelligence from "../../src/resources/intelligence";
import type * as investigations from "../../src/resources/investigations";
import type * as jobs from "../../src/resources/jobs";
import type * as lineage from "../../src/resources/lineage";
import type * as metrics from "../../src/resources/metrics";
import type * as recommendations from "../../src/resources/recommendations";
import type * as referential from "../../src/resources/referential";
import type * as schema from "../../src/resources/schema";
import type * as tags from "../../src/resources/tags";
import type * as validity from "../../src/resources/validity";

/**
 * A schema's output as the models declare it: loose objects add `[key: string]: unknown` (unknown keys
 * are kept at run time), which the interfaces leave out on purpose; records (objects with no declared
 * key) keep theirs.
 */
type Declared<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer I)[]
    ? Declared<I>[]
    : T extends object
      ? [KnownKeys<T>] extends [never]
        ? T
        : { [K in keyof T as K extends KnownKeys<T> ? K : never]: Declared<T[K]> }
      : T;
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 };
/** The model names a resource module has a schema for. */
type SchemaNames<M> = { [K in keyof M]: K extends `${infer N}Schema` ? N : never }[keyof M];

describe("alerts models", () => {
  it("should hold AlertSummary to AlertSummarySchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof alerts.AlertSummarySchema>>>().toEqualTypeOf<alerts.AlertSummary>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertSummarySchema>>().toExtend<alerts.AlertSummary>();
  });
  it("should hold Alert to AlertSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof alerts.AlertSchema>>>().toEqualTypeOf<alerts.Alert>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertSchema>>().toExtend<alerts.Alert>();
  });
  it("should hold InboxAlert to InboxAlertSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof alerts.InboxAlertSchema>>>().toEqualTypeOf<alerts.InboxAlert>();
    expectTypeOf<v.InferOutput<typeof alerts.InboxAlertSchema>>().toExtend<alerts.InboxAlert>();
  });
  it("should hold AlertRule to AlertRuleSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof alerts.AlertRuleSchema>>>().toEqualTypeOf<alerts.AlertRule>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertRuleSchema>>().toExtend<alerts.AlertRule>();
  });
  it("should hold AlertDestination to AlertDestinationSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof alerts.AlertDestinationSchema>>
    >().toEqualTypeOf<alerts.AlertDestination>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertDestinationSchema>>().toExtend<alerts.AlertDestination>();
  });
  it("should hold AlertActionResult to AlertActionResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof alerts.AlertActionResultSchema>>
    >().toEqualTypeOf<alerts.AlertActionResult>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertActionResultSchema>>().toExtend<alerts.AlertActionResult>();
  });
  it("should hold AlertHistoryEntry to AlertHistoryEntrySchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof alerts.AlertHistoryEntrySchema>>
    >().toEqualTypeOf<alerts.AlertHistoryEntry>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertHistoryEntrySchema>>().toExtend<alerts.AlertHistoryEntry>();
  });
  it("should hold AlertTrends to AlertTrendsSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof alerts.AlertTrendsSchema>>>().toEqualTypeOf<alerts.AlertTrends>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertTrendsSchema>>().toExtend<alerts.AlertTrends>();
  });
  it("should hold AlertPreviewSample to AlertPreviewSampleSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof alerts.AlertPreviewSampleSchema>>
    >().toEqualTypeOf<alerts.AlertPreviewSample>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertPreviewSampleSchema>>().toExtend<alerts.AlertPreviewSample>();
  });
  it("should hold AlertPreviewResponse to AlertPreviewResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof alerts.AlertPreviewResponseSchema>>
    >().toEqualTypeOf<alerts.AlertPreviewResponse>();
    expectTypeOf<v.InferOutput<typeof alerts.AlertPreviewResponseSchema>>().toExtend<alerts.AlertPreviewResponse>();
  });
});

describe("api-keys models", () => {
  it("should hold APIKey to APIKeySchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof apiKeys.APIKeySchema>>>().toEqualTypeOf<apiKeys.APIKey>();
    expectTypeOf<v.InferOutput<typeof apiKeys.APIKeySchema>>().toExtend<apiKeys.APIKey>();
  });
  it("should hold CreatedAPIKey to CreatedAPIKeySchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof apiKeys.CreatedAPIKeySchema>>>().toEqualTypeOf<apiKeys.CreatedAPIKey>();
    expectTypeOf<v.InferOutput<typeof apiKeys.CreatedAPIKeySchema>>().toExtend<apiKeys.CreatedAPIKey>();
  });
  it("should hold APIKeyUsage to APIKeyUsageSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof apiKeys.APIKeyUsageSchema>>>().toEqualTypeOf<apiKeys.APIKeyUsage>();
    expectTypeOf<v.InferOutput<typeof apiKeys.APIKeyUsageSchema>>().toExtend<apiKeys.APIKeyUsage>();
  });
});

describe("assets models", () => {
  it("should hold Asset to AssetSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof assets.AssetSchema>>>().toEqualTypeOf<assets.Asset>();
    expectTypeOf<v.InferOutput<typeof assets.AssetSchema>>().toExtend<assets.Asset>();
  });
  it("should hold ConnectionTestResult to ConnectionTestResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof assets.ConnectionTestResultSchema>>
    >().toEqualTypeOf<assets.ConnectionTestResult>();
    expectTypeOf<v.InferOutput<typeof assets.ConnectionTestResultSchema>>().toExtend<assets.ConnectionTestResult>();
  });
  it("should hold DiscoveryJob to DiscoveryJobSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof assets.DiscoveryJobSchema>>>().toEqualTypeOf<assets.DiscoveryJob>();
    expectTypeOf<v.InferOutput<typeof assets.DiscoveryJobSchema>>().toExtend<assets.DiscoveryJob>();
  });
});

describe("badges models", () => {
  it("should hold Badge to BadgeSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof badges.BadgeSchema>>>().toEqualTypeOf<badges.Badge>();
    expectTypeOf<v.InferOutput<typeof badges.BadgeSchema>>().toExtend<badges.Badge>();
  });
  it("should hold BadgeStatus to BadgeStatusSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof badges.BadgeStatusSchema>>>().toEqualTypeOf<badges.BadgeStatus>();
    expectTypeOf<v.InferOutput<typeof badges.BadgeStatusSchema>>().toExtend<badges.BadgeStatus>();
  });
});

describe("freshness models", () => {
  it("should hold FreshnessStatus to FreshnessStatusSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof freshness.FreshnessStatusSchema>>
    >().toEqualTypeOf<freshness.FreshnessStatus>();
    expectTypeOf<v.InferOutput<typeof freshness.FreshnessStatusSchema>>().toExtend<freshness.FreshnessStatus>();
  });
  it("should hold FreshnessSummary to FreshnessSummarySchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof freshness.FreshnessSummarySchema>>
    >().toEqualTypeOf<freshness.FreshnessSummary>();
    expectTypeOf<v.InferOutput<typeof freshness.FreshnessSummarySchema>>().toExtend<freshness.FreshnessSummary>();
  });
  it("should hold FreshnessRefreshResult to FreshnessRefreshResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof freshness.FreshnessRefreshResultSchema>>
    >().toEqualTypeOf<freshness.FreshnessRefreshResult>();
    expectTypeOf<
      v.InferOutput<typeof freshness.FreshnessRefreshResultSchema>
    >().toExtend<freshness.FreshnessRefreshResult>();
  });
  it("should hold FreshnessSchedule to FreshnessScheduleSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof freshness.FreshnessScheduleSchema>>
    >().toEqualTypeOf<freshness.FreshnessSchedule>();
    expectTypeOf<v.InferOutput<typeof freshness.FreshnessScheduleSchema>>().toExtend<freshness.FreshnessSchedule>();
  });
  it("should hold FreshnessDryRunSample to FreshnessDryRunSampleSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof freshness.FreshnessDryRunSampleSchema>>
    >().toEqualTypeOf<freshness.FreshnessDryRunSample>();
    expectTypeOf<
      v.InferOutput<typeof freshness.FreshnessDryRunSampleSchema>
    >().toExtend<freshness.FreshnessDryRunSample>();
  });
  it("should hold FreshnessDryRunResponse to FreshnessDryRunResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof freshness.FreshnessDryRunResponseSchema>>
    >().toEqualTypeOf<freshness.FreshnessDryRunResponse>();
    expectTypeOf<
      v.InferOutput<typeof freshness.FreshnessDryRunResponseSchema>
    >().toExtend<freshness.FreshnessDryRunResponse>();
  });
});

describe("health models", () => {
  it("should hold AttentionItem to AttentionItemSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof health.AttentionItemSchema>>>().toEqualTypeOf<health.AttentionItem>();
    expectTypeOf<v.InferOutput<typeof health.AttentionItemSchema>>().toExtend<health.AttentionItem>();
  });
  it("should hold HealthSummary to HealthSummarySchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof health.HealthSummarySchema>>>().toEqualTypeOf<health.HealthSummary>();
    expectTypeOf<v.InferOutput<typeof health.HealthSummarySchema>>().toExtend<health.HealthSummary>();
  });
});

describe("intelligence models", () => {
  it("should hold IntelligenceSourceInfo to IntelligenceSourceInfoSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof intelligence.IntelligenceSourceInfoSchema>>
    >().toEqualTypeOf<intelligence.IntelligenceSourceInfo>();
    expectTypeOf<
      v.InferOutput<typeof intelligence.IntelligenceSourceInfoSchema>
    >().toExtend<intelligence.IntelligenceSourceInfo>();
  });
  it("should hold TokenUsage to TokenUsageSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof intelligence.TokenUsageSchema>>
    >().toEqualTypeOf<intelligence.TokenUsage>();
    expectTypeOf<v.InferOutput<typeof intelligence.TokenUsageSchema>>().toExtend<intelligence.TokenUsage>();
  });
  it("should hold IntelligenceAnswer to IntelligenceAnswerSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof intelligence.IntelligenceAnswerSchema>>
    >().toEqualTypeOf<intelligence.IntelligenceAnswer>();
    expectTypeOf<
      v.InferOutput<typeof intelligence.IntelligenceAnswerSchema>
    >().toExtend<intelligence.IntelligenceAnswer>();
  });
  it("should hold IntelligenceGenerateResult to IntelligenceGenerateResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof intelligence.IntelligenceGenerateResultSchema>>
    >().toEqualTypeOf<intelligence.IntelligenceGenerateResult>();
    expectTypeOf<
      v.InferOutput<typeof intelligence.IntelligenceGenerateResultSchema>
    >().toExtend<intelligence.IntelligenceGenerateResult>();
  });
});

describe("investigations models", () => {
  it("should hold Evidence to EvidenceSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof investigations.EvidenceSchema>>
    >().toEqualTypeOf<investigations.Evidence>();
    expectTypeOf<v.InferOutput<typeof investigations.EvidenceSchema>>().toExtend<investigations.Evidence>();
  });
  it("should hold EvidenceCapsule to EvidenceCapsuleSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof investigations.EvidenceCapsuleSchema>>
    >().toEqualTypeOf<investigations.EvidenceCapsule>();
    expectTypeOf<
      v.InferOutput<typeof investigations.EvidenceCapsuleSchema>
    >().toExtend<investigations.EvidenceCapsule>();
  });
});

describe("jobs models", () => {
  it("should hold JobStatus to JobStatusSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof jobs.JobStatusSchema>>>().toEqualTypeOf<jobs.JobStatus>();
    expectTypeOf<v.InferOutput<typeof jobs.JobStatusSchema>>().toExtend<jobs.JobStatus>();
  });
});

describe("lineage models", () => {
  it("should hold LineageNode to LineageNodeSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof lineage.LineageNodeSchema>>>().toEqualTypeOf<lineage.LineageNode>();
    expectTypeOf<v.InferOutput<typeof lineage.LineageNodeSchema>>().toExtend<lineage.LineageNode>();
  });
  it("should hold LineageEdge to LineageEdgeSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof lineage.LineageEdgeSchema>>>().toEqualTypeOf<lineage.LineageEdge>();
    expectTypeOf<v.InferOutput<typeof lineage.LineageEdgeSchema>>().toExtend<lineage.LineageEdge>();
  });
  it("should hold LineageGraph to LineageGraphSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof lineage.LineageGraphSchema>>>().toEqualTypeOf<lineage.LineageGraph>();
    expectTypeOf<v.InferOutput<typeof lineage.LineageGraphSchema>>().toExtend<lineage.LineageGraph>();
  });
});

describe("metrics models", () => {
  it("should hold MetricsSummary to MetricsSummarySchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof metrics.MetricsSummarySchema>>
    >().toEqualTypeOf<metrics.MetricsSummary>();
    expectTypeOf<v.InferOutput<typeof metrics.MetricsSummarySchema>>().toExtend<metrics.MetricsSummary>();
  });
  it("should hold MetricDefinition to MetricDefinitionSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof metrics.MetricDefinitionSchema>>
    >().toEqualTypeOf<metrics.MetricDefinition>();
    expectTypeOf<v.InferOutput<typeof metrics.MetricDefinitionSchema>>().toExtend<metrics.MetricDefinition>();
  });
  it("should hold MetricSnapshot to MetricSnapshotSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof metrics.MetricSnapshotSchema>>
    >().toEqualTypeOf<metrics.MetricSnapshot>();
    expectTypeOf<v.InferOutput<typeof metrics.MetricSnapshotSchema>>().toExtend<metrics.MetricSnapshot>();
  });
  it("should hold MetricCaptureResult to MetricCaptureResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof metrics.MetricCaptureResultSchema>>
    >().toEqualTypeOf<metrics.MetricCaptureResult>();
    expectTypeOf<v.InferOutput<typeof metrics.MetricCaptureResultSchema>>().toExtend<metrics.MetricCaptureResult>();
  });
  it("should hold MetricsDryRunSample to MetricsDryRunSampleSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof metrics.MetricsDryRunSampleSchema>>
    >().toEqualTypeOf<metrics.MetricsDryRunSample>();
    expectTypeOf<v.InferOutput<typeof metrics.MetricsDryRunSampleSchema>>().toExtend<metrics.MetricsDryRunSample>();
  });
  it("should hold MetricsDryRunResponse to MetricsDryRunResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof metrics.MetricsDryRunResponseSchema>>
    >().toEqualTypeOf<metrics.MetricsDryRunResponse>();
    expectTypeOf<v.InferOutput<typeof metrics.MetricsDryRunResponseSchema>>().toExtend<metrics.MetricsDryRunResponse>();
  });
});

describe("recommendations models", () => {
  it("should hold FreshnessRecommendation to FreshnessRecommendationSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.FreshnessRecommendationSchema>>
    >().toEqualTypeOf<recommendations.FreshnessRecommendation>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.FreshnessRecommendationSchema>
    >().toExtend<recommendations.FreshnessRecommendation>();
  });
  it("should hold FreshnessRecommendationsResponse to FreshnessRecommendationsResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.FreshnessRecommendationsResponseSchema>>
    >().toEqualTypeOf<recommendations.FreshnessRecommendationsResponse>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.FreshnessRecommendationsResponseSchema>
    >().toExtend<recommendations.FreshnessRecommendationsResponse>();
  });
  it("should hold MetricRecommendation to MetricRecommendationSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.MetricRecommendationSchema>>
    >().toEqualTypeOf<recommendations.MetricRecommendation>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.MetricRecommendationSchema>
    >().toExtend<recommendations.MetricRecommendation>();
  });
  it("should hold MetricsRecommendationsResponse to MetricsRecommendationsResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.MetricsRecommendationsResponseSchema>>
    >().toEqualTypeOf<recommendations.MetricsRecommendationsResponse>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.MetricsRecommendationsResponseSchema>
    >().toExtend<recommendations.MetricsRecommendationsResponse>();
  });
  it("should hold MonitoringStatus to MonitoringStatusSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.MonitoringStatusSchema>>
    >().toEqualTypeOf<recommendations.MonitoringStatus>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.MonitoringStatusSchema>
    >().toExtend<recommendations.MonitoringStatus>();
  });
  it("should hold CoverageRecommendation to CoverageRecommendationSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.CoverageRecommendationSchema>>
    >().toEqualTypeOf<recommendations.CoverageRecommendation>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.CoverageRecommendationSchema>
    >().toExtend<recommendations.CoverageRecommendation>();
  });
  it("should hold CoverageRecommendationsResponse to CoverageRecommendationsResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.CoverageRecommendationsResponseSchema>>
    >().toEqualTypeOf<recommendations.CoverageRecommendationsResponse>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.CoverageRecommendationsResponseSchema>
    >().toExtend<recommendations.CoverageRecommendationsResponse>();
  });
  it("should hold ThresholdRecommendation to ThresholdRecommendationSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.ThresholdRecommendationSchema>>
    >().toEqualTypeOf<recommendations.ThresholdRecommendation>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.ThresholdRecommendationSchema>
    >().toExtend<recommendations.ThresholdRecommendation>();
  });
  it("should hold ThresholdsRecommendationsResponse to ThresholdsRecommendationsResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof recommendations.ThresholdsRecommendationsResponseSchema>>
    >().toEqualTypeOf<recommendations.ThresholdsRecommendationsResponse>();
    expectTypeOf<
      v.InferOutput<typeof recommendations.ThresholdsRecommendationsResponseSchema>
    >().toExtend<recommendations.ThresholdsRecommendationsResponse>();
  });
});

describe("referential models", () => {
  it("should hold ReferentialSummary to ReferentialSummarySchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof referential.ReferentialSummarySchema>>
    >().toEqualTypeOf<referential.ReferentialSummary>();
    expectTypeOf<
      v.InferOutput<typeof referential.ReferentialSummarySchema>
    >().toExtend<referential.ReferentialSummary>();
  });
  it("should hold ReferentialCheck to ReferentialCheckSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof referential.ReferentialCheckSchema>>
    >().toEqualTypeOf<referential.ReferentialCheck>();
    expectTypeOf<v.InferOutput<typeof referential.ReferentialCheckSchema>>().toExtend<referential.ReferentialCheck>();
  });
  it("should hold ReferentialCheckResult to ReferentialCheckResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof referential.ReferentialCheckResultSchema>>
    >().toEqualTypeOf<referential.ReferentialCheckResult>();
    expectTypeOf<
      v.InferOutput<typeof referential.ReferentialCheckResultSchema>
    >().toExtend<referential.ReferentialCheckResult>();
  });
});

describe("schema models", () => {
  it("should hold SchemaChange to SchemaChangeSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof schema.SchemaChangeSchema>>>().toEqualTypeOf<schema.SchemaChange>();
    expectTypeOf<v.InferOutput<typeof schema.SchemaChangeSchema>>().toExtend<schema.SchemaChange>();
  });
  it("should hold SchemaSummary to SchemaSummarySchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof schema.SchemaSummarySchema>>>().toEqualTypeOf<schema.SchemaSummary>();
    expectTypeOf<v.InferOutput<typeof schema.SchemaSummarySchema>>().toExtend<schema.SchemaSummary>();
  });
  it("should hold SchemaDetails to SchemaDetailsSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof schema.SchemaDetailsSchema>>>().toEqualTypeOf<schema.SchemaDetails>();
    expectTypeOf<v.InferOutput<typeof schema.SchemaDetailsSchema>>().toExtend<schema.SchemaDetails>();
  });
  it("should hold SchemaBaseline to SchemaBaselineSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof schema.SchemaBaselineSchema>>>().toEqualTypeOf<schema.SchemaBaseline>();
    expectTypeOf<v.InferOutput<typeof schema.SchemaBaselineSchema>>().toExtend<schema.SchemaBaseline>();
  });
  it("should hold SchemaMonitoringStatus to SchemaMonitoringStatusSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof schema.SchemaMonitoringStatusSchema>>
    >().toEqualTypeOf<schema.SchemaMonitoringStatus>();
    expectTypeOf<v.InferOutput<typeof schema.SchemaMonitoringStatusSchema>>().toExtend<schema.SchemaMonitoringStatus>();
  });
  it("should hold SchemaMonitoringDisabled to SchemaMonitoringDisabledSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof schema.SchemaMonitoringDisabledSchema>>
    >().toEqualTypeOf<schema.SchemaMonitoringDisabled>();
    expectTypeOf<
      v.InferOutput<typeof schema.SchemaMonitoringDisabledSchema>
    >().toExtend<schema.SchemaMonitoringDisabled>();
  });
  it("should hold SchemaDryRunChangeSample to SchemaDryRunChangeSampleSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof schema.SchemaDryRunChangeSampleSchema>>
    >().toEqualTypeOf<schema.SchemaDryRunChangeSample>();
    expectTypeOf<
      v.InferOutput<typeof schema.SchemaDryRunChangeSampleSchema>
    >().toExtend<schema.SchemaDryRunChangeSample>();
  });
  it("should hold SchemaDryRunResponse to SchemaDryRunResponseSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof schema.SchemaDryRunResponseSchema>>
    >().toEqualTypeOf<schema.SchemaDryRunResponse>();
    expectTypeOf<v.InferOutput<typeof schema.SchemaDryRunResponseSchema>>().toExtend<schema.SchemaDryRunResponse>();
  });
  it("should hold SchemaRefreshResult to SchemaRefreshResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof schema.SchemaRefreshResultSchema>>
    >().toEqualTypeOf<schema.SchemaRefreshResult>();
    expectTypeOf<v.InferOutput<typeof schema.SchemaRefreshResultSchema>>().toExtend<schema.SchemaRefreshResult>();
  });
});

describe("tags models", () => {
  it("should hold Tag to TagSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof tags.TagSchema>>>().toEqualTypeOf<tags.Tag>();
    expectTypeOf<v.InferOutput<typeof tags.TagSchema>>().toExtend<tags.Tag>();
  });
  it("should hold BulkApplyResult to BulkApplyResultSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof tags.BulkApplyResultSchema>>>().toEqualTypeOf<tags.BulkApplyResult>();
    expectTypeOf<v.InferOutput<typeof tags.BulkApplyResultSchema>>().toExtend<tags.BulkApplyResult>();
  });
});

describe("validity models", () => {
  it("should hold ValiditySummary to ValiditySummarySchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof validity.ValiditySummarySchema>>
    >().toEqualTypeOf<validity.ValiditySummary>();
    expectTypeOf<v.InferOutput<typeof validity.ValiditySummarySchema>>().toExtend<validity.ValiditySummary>();
  });
  it("should hold ValidityRule to ValidityRuleSchema in both directions", () => {
    expectTypeOf<Declared<v.InferOutput<typeof validity.ValidityRuleSchema>>>().toEqualTypeOf<validity.ValidityRule>();
    expectTypeOf<v.InferOutput<typeof validity.ValidityRuleSchema>>().toExtend<validity.ValidityRule>();
  });
  it("should hold ValidityCheckResult to ValidityCheckResultSchema in both directions", () => {
    expectTypeOf<
      Declared<v.InferOutput<typeof validity.ValidityCheckResultSchema>>
    >().toEqualTypeOf<validity.ValidityCheckResult>();
    expectTypeOf<v.InferOutput<typeof validity.ValidityCheckResultSchema>>().toExtend<validity.ValidityCheckResult>();
  });
});

/** Every model checked above, by name. */
type Models = {
  AlertSummary: alerts.AlertSummary;
  Alert: alerts.Alert;
  InboxAlert: alerts.InboxAlert;
  AlertRule: alerts.AlertRule;
  AlertDestination: alerts.AlertDestination;
  AlertActionResult: alerts.AlertActionResult;
  AlertHistoryEntry: alerts.AlertHistoryEntry;
  AlertTrends: alerts.AlertTrends;
  AlertPreviewSample: alerts.AlertPreviewSample;
  AlertPreviewResponse: alerts.AlertPreviewResponse;
  APIKey: apiKeys.APIKey;
  CreatedAPIKey: apiKeys.CreatedAPIKey;
  APIKeyUsage: apiKeys.APIKeyUsage;
  Asset: assets.Asset;
  ConnectionTestResult: assets.ConnectionTestResult;
  DiscoveryJob: assets.DiscoveryJob;
  Badge: badges.Badge;
  BadgeStatus: badges.BadgeStatus;
  FreshnessStatus: freshness.FreshnessStatus;
  FreshnessSummary: freshness.FreshnessSummary;
  FreshnessRefreshResult: freshness.FreshnessRefreshResult;
  FreshnessSchedule: freshness.FreshnessSchedule;
  FreshnessDryRunSample: freshness.FreshnessDryRunSample;
  FreshnessDryRunResponse: freshness.FreshnessDryRunResponse;
  AttentionItem: health.AttentionItem;
  HealthSummary: health.HealthSummary;
  IntelligenceSourceInfo: intelligence.IntelligenceSourceInfo;
  TokenUsage: intelligence.TokenUsage;
  IntelligenceAnswer: intelligence.IntelligenceAnswer;
  IntelligenceGenerateResult: intelligence.IntelligenceGenerateResult;
  Evidence: investigations.Evidence;
  EvidenceCapsule: investigations.EvidenceCapsule;
  JobStatus: jobs.JobStatus;
  LineageNode: lineage.LineageNode;
  LineageEdge: lineage.LineageEdge;
  LineageGraph: lineage.LineageGraph;
  MetricsSummary: metrics.MetricsSummary;
  MetricDefinition: metrics.MetricDefinition;
  MetricSnapshot: metrics.MetricSnapshot;
  MetricCaptureResult: metrics.MetricCaptureResult;
  MetricsDryRunSample: metrics.MetricsDryRunSample;
  MetricsDryRunResponse: metrics.MetricsDryRunResponse;
  FreshnessRecommendation: recommendations.FreshnessRecommendation;
  FreshnessRecommendationsResponse: recommendations.FreshnessRecommendationsResponse;
  MetricRecommendation: recommendations.MetricRecommendation;
  MetricsRecommendationsResponse: recommendations.MetricsRecommendationsResponse;
  MonitoringStatus: recommendations.MonitoringStatus;
  CoverageRecommendation: recommendations.CoverageRecommendation;
  CoverageRecommendationsResponse: recommendations.CoverageRecommendationsResponse;
  ThresholdRecommendation: recommendations.ThresholdRecommendation;
  ThresholdsRecommendationsResponse: recommendations.ThresholdsRecommendationsResponse;
  ReferentialSummary: referential.ReferentialSummary;
  ReferentialCheck: referential.ReferentialCheck;
  ReferentialCheckResult: referential.ReferentialCheckResult;
  SchemaChange: schema.SchemaChange;
  SchemaSummary: schema.SchemaSummary;
  SchemaDetails: schema.SchemaDetails;
  SchemaBaseline: schema.SchemaBaseline;
  SchemaMonitoringStatus: schema.SchemaMonitoringStatus;
  SchemaMonitoringDisabled: schema.SchemaMonitoringDisabled;
  SchemaDryRunChangeSample: schema.SchemaDryRunChangeSample;
  SchemaDryRunResponse: schema.SchemaDryRunResponse;
  SchemaRefreshResult: schema.SchemaRefreshResult;
  Tag: tags.Tag;
  BulkApplyResult: tags.BulkApplyResult;
  ValiditySummary: validity.ValiditySummary;
  ValidityRule: validity.ValidityRule;
  ValidityCheckResult: validity.ValidityCheckResult;
};

describe("models", () => {
  it("should check every schema a resource declares", () => {
    expectTypeOf<
      | SchemaNames<typeof alerts>
      | SchemaNames<typeof apiKeys>
      | SchemaNames<typeof assets>
      | SchemaNames<typeof badges>
      | SchemaNames<typeof freshness>
      | SchemaNames<typeof health>
      | SchemaNames<typeof intelligence>
      | SchemaNames<typeof investigations>
      | SchemaNames<typeof jobs>
      | SchemaNames<typeof lineage>
      | SchemaNames<typeof metrics>
      | SchemaNames<typeof recommendations>
      | SchemaNames<typeof referential>
      | SchemaNames<typeof schema>
      | SchemaNames<typeof tags>
      | SchemaNames<typeof validity>
    >().toEqualTypeOf<keyof Models>();
  });

  it("should reject unknown property access on every model", () => {
    type Open = { [K in keyof Models]: string extends keyof Models[K] ? K : never }[keyof Models];
    expectTypeOf<Open>().toEqualTypeOf<never>();
    // @ts-expect-error — not a field of JobStatus
    expectTypeOf<jobs.JobStatus["finished"]>().toBeUnknown();
    // @ts-expect-error — a typo of qualified_name
    expectTypeOf<assets.Asset["qualifiedName"]>().toBeUnknown();
  });
});
