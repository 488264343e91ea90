/**
 * Closed enums in request params are literal unions, so a wrong value is a compile error, not a
 * `ValidationError` at run time. Each union is the one the sandbox enforces (the API's checks as this
 * repository models them), compared type to type where the sandbox names its list; every
 * `@ts-expect-error` line fails this file if the param ever widens back to `string`.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Client } from "../../src/client";
import type * as alerts from "../../src/resources/alerts";
import type * as apiKeys from "../../src/resources/api-keys";
import type * as assets from "../../src/resources/assets";
import type * as freshness from "../../src/resources/freshness";
import type * as investigations from "../../src/resources/investigations";
import type * as lineage from "../../src/resources/lineage";
import type * as metrics from "../../src/resources/metrics";
import type * as referential from "../../src/resources/referential";
import type * as schema from "../../src/resources/schema";
import type * as tags from "../../src/resources/tags";
import type * as validity from "../../src/resources/validity";
import type { METRIC_TYPES } from "../../src/testing/engines/metrics";
import type { VALIDITY_RULE_TYPES } from "../../src/testing/engines/validity";
import type * as sandboxAlerts from "../../src/testing/routes/alerts";
import type { SOURCE_TYPES } from "../../src/testing/routes/assets";
import type { CHECK_INTERVALS, MODES } from "../../src/testing/routes/freshness";
import type { INTERVALS as METRIC_INTERVALS } from "../../src/testing/routes/metrics";
import type { INTERVALS as REFERENTIAL_INTERVALS } from "../../src/testing/routes/referential";
import type { SCHEDULE_TYPES } from "../../src/testing/routes/schema";
import type { CATEGORIES } from "../../src/testing/routes/tags";
import type * as sandboxValidity from "../../src/testing/routes/validity";

type Values<T extends readonly unknown[]> = T[number];
type Field<P, K extends keyof P> = NonNullable<P[K]>;

declare const client: Client;

describe("closed enums in request params", () => {
  it("should type metric_type as the eleven metric types the sandbox computes", () => {
    expectTypeOf<Field<metrics.MetricsCreateParams, "metric_type">>().toEqualTypeOf<Values<typeof METRIC_TYPES>>();
    expectTypeOf<Field<metrics.MetricsListParams, "metric_type">>().toEqualTypeOf<Values<typeof METRIC_TYPES>>();
    expectTypeOf<Field<metrics.MetricsDryRunParams, "metric_type">>().toEqualTypeOf<Values<typeof METRIC_TYPES>>();
    void client.metrics.create("a", { metric_type: "null_rate", table_path: "t", column_name: "c" });
    // @ts-expect-error "rows" is not a metric type
    void client.metrics.create("a", { metric_type: "rows", table_path: "t" });
    // @ts-expect-error "avg" is not a metric type
    void client.metrics.list("a", { metric_type: "avg" });
    // @ts-expect-error "median" is not a metric type
    void client.metrics.dryRun({ asset_id: "a", table_path: "t", metric_type: "median" });
  });

  it("should type capture and check intervals as the sandbox's", () => {
    expectTypeOf<Field<metrics.MetricsCreateParams, "capture_interval">>().toEqualTypeOf<
      Values<typeof METRIC_INTERVALS>
    >();
    expectTypeOf<Field<referential.ReferentialCreateParams, "capture_interval">>().toEqualTypeOf<
      Values<typeof REFERENTIAL_INTERVALS>
    >();
    expectTypeOf<Field<validity.ValidityCreateParams, "check_interval">>().toEqualTypeOf<
      Values<typeof sandboxValidity.INTERVALS>
    >();
    expectTypeOf<Field<freshness.FreshnessCreateScheduleParams, "check_interval">>().toEqualTypeOf<
      Values<typeof CHECK_INTERVALS>
    >();
    expectTypeOf<Field<freshness.FreshnessUpdateScheduleParams, "check_interval">>().toEqualTypeOf<
      Values<typeof CHECK_INTERVALS>
    >();
    expectTypeOf<Field<freshness.FreshnessCreateScheduleParams, "monitoring_mode">>().toEqualTypeOf<
      Values<typeof MODES>
    >();
    // @ts-expect-error "monthly" is not an interval
    void client.metrics.update("a", "m", { capture_interval: "monthly" });
    // @ts-expect-error "2h" is not a check interval
    void client.freshness.createSchedule({ asset_id: "a", table_path: "t", check_interval: "2h" });
    // @ts-expect-error "hourly" belongs to metrics, not to freshness schedules
    void client.freshness.updateSchedule("s", { check_interval: "hourly" });
  });

  it("should type schema, validity and asset enums as the sandbox's", () => {
    expectTypeOf<Field<schema.SchemaEnableMonitoringParams, "schedule_type">>().toEqualTypeOf<
      Values<typeof SCHEDULE_TYPES>
    >();
    expectTypeOf<Field<validity.ValidityCreateParams, "rule_type">>().toEqualTypeOf<
      Values<typeof VALIDITY_RULE_TYPES>
    >();
    expectTypeOf<Field<validity.ValidityCreateParams, "severity">>().toEqualTypeOf<
      Values<typeof sandboxValidity.SEVERITIES>
    >();
    expectTypeOf<Field<assets.AssetsCreateParams, "source_type">>().toEqualTypeOf<Values<typeof SOURCE_TYPES>>();
    // @ts-expect-error "every_2_hours" is not a schedule
    void client.schema.enableMonitoring("a", { schedule_type: "every_2_hours" });
    // @ts-expect-error rule types are upper case
    void client.validity.create("a", { rule_type: "not_null", table_path: "t" });
    // @ts-expect-error "oracle" is not a source type
    void client.assets.create({ name: "n", source_type: "oracle", connection_config: {} });
    // @ts-expect-error "major" is not a severity
    void client.schema.changes({ severity: "major" });
  });

  it("should type alert, tag, key, lineage and investigation enums as the sandbox's", () => {
    expectTypeOf<Field<alerts.AlertsListParams, "status">>().toEqualTypeOf<Values<typeof sandboxAlerts.STATUSES>>();
    expectTypeOf<Field<alerts.AlertsListParams, "severity">>().toEqualTypeOf<Values<typeof sandboxAlerts.SEVERITIES>>();
    expectTypeOf<Field<alerts.AlertsListInboxParams, "state">>().toEqualTypeOf<
      Values<typeof sandboxAlerts.INBOX_STATES>
    >();
    expectTypeOf<Field<alerts.AlertsCreateDestinationParams, "destination_type">>().toEqualTypeOf<
      Values<typeof sandboxAlerts.DESTINATION_TYPES>
    >();
    expectTypeOf<Field<alerts.AlertsTrendsParams, "period">>().toEqualTypeOf<keyof typeof sandboxAlerts.PERIODS>();
    expectTypeOf<Field<tags.TagsCreateParams, "category">>().toEqualTypeOf<Values<typeof CATEGORIES>>();
    expectTypeOf<Field<tags.TagsCreateParams, "object_type">>().toEqualTypeOf<"table" | "column">();
    expectTypeOf<Field<apiKeys.ApiKeysCreateParams, "scope">>().toEqualTypeOf<"read-only" | "read-write" | "admin">();
    expectTypeOf<Field<lineage.LineageGetParams, "direction">>().toEqualTypeOf<"upstream" | "downstream" | "both">();
    expectTypeOf<Field<investigations.InvestigationsExplainParams, "event_type">>().toEqualTypeOf<
      "anomaly" | "freshness" | "schema_change" | "validity"
    >();
    expectTypeOf<Field<freshness.FreshnessListParams, "status">>().toEqualTypeOf<
      "fresh" | "stale" | "unknown" | "disabled"
    >();
    // @ts-expect-error "open" is not an alert status
    void client.alerts.list({ status: "open" });
    // @ts-expect-error "sms" is not a destination type
    void client.alerts.createDestination({ name: "n", destination_type: "sms", config: {} });
    // @ts-expect-error "personal" is not a tag category
    void client.tags.list({ asset: "a", category: "personal" });
    // @ts-expect-error "owner" is not a key scope
    void client.apiKeys.create({ name: "k", scope: "owner" });
    // @ts-expect-error "sideways" is not a direction
    void client.lineage.get("a", { direction: "sideways" });
    // @ts-expect-error "late" is not a freshness status
    void client.freshness.list({ status: "late" });
  });
});
