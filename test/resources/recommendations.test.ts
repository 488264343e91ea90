import { describe, expect, it } from "vitest";
import { RecommendationsResource } from "../../src/resources/recommendations";
import { errorMatrix, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const FRESH = { asset_id: "a1", tables_analyzed: 3, tables_with_recommendations: 1 };
const FRESH_REC = {
  table_path: "public.orders",
  suggested_check_interval: "1h",
  suggested_threshold_hours: 2.5,
  confidence: 0.9,
  reasoning: "loads hourly",
  detected_frequency: "hourly",
  data_points: 120,
};
const METRICS = { asset_id: "a1", columns_analyzed: 10, columns_with_recommendations: 2 };
const COVERAGE = { asset_id: "a1", total_tables: 10, monitored_tables: 4, coverage_percentage: 40 };
const COVERAGE_REC = {
  table_path: "public.orders",
  importance_score: 0.8,
  column_count: 12,
  reasoning: "joined often",
  currently_monitored: { freshness: true, metrics: false, schema_drift: true, validity: false },
};
const THRESHOLDS = { asset_id: "a1", monitored_items_analyzed: 5, items_with_recommendations: 0 };

describe("RecommendationsResource", () => {
  const remote = useRemote();
  const recs = new RecommendationsResource(transport());

  describe("freshness", () => {
    it("should always send asset_id and every default", async () => {
      remote.reply(remote.data({ ...FRESH, recommendations: [FRESH_REC] }));
      const r = await recs.freshness({ asset_id: "snowflake.prod" });
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/recommendations/freshness",
        search: "asset_id=snowflake.prod&min_confidence=0.5&limit=20&include_monitored=false",
        bodyText: "",
      });
      expect(r.recommendations[0]).toEqual(FRESH_REC);
    });

    it("should send the given values in wire order", async () => {
      remote.reply(remote.data(FRESH));
      const r = await recs.freshness({ include_monitored: true, limit: 100, min_confidence: 0, asset_id: "a b" });
      expect(remote.requests[0]!.search).toBe("asset_id=a+b&min_confidence=0&limit=100&include_monitored=true");
      expect(r.recommendations).toEqual([]);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => recs.freshness({} as never));
      await rejectsBeforeSending(remote, () => recs.freshness({ asset_id: "a", min_confidence: 1.5 }));
      await rejectsBeforeSending(remote, () => recs.freshness({ asset_id: "a", min_confidence: -0.1 }));
      await rejectsBeforeSending(remote, () => recs.freshness({ asset_id: "a", limit: 0 }));
      await rejectsBeforeSending(remote, () => recs.freshness({ asset_id: "a", include_monitored: 1 as never }));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { ...FRESH, recommendations: [{ table_path: "t" }] } }, () =>
        recs.freshness({ asset_id: "a" }),
      );
    });
  });

  describe("metrics", () => {
    it("should send the defaults and no table_path", async () => {
      remote.reply(remote.data(METRICS));
      await recs.metrics({ asset_id: "a1" });
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/recommendations/metrics",
        search: "asset_id=a1&min_confidence=0.5&limit=50",
        bodyText: "",
      });
    });

    it("should send table_path last when given", async () => {
      const rec = {
        table_path: "public.orders",
        column_name: "email",
        suggested_metric_type: "null_percent",
        suggested_check_type: "validity",
        confidence: 0.7,
        reasoning: "nullable",
      };
      remote.reply(remote.data({ ...METRICS, recommendations: [rec] }));
      const r = await recs.metrics({ table_path: "public.orders", limit: 5, min_confidence: 0.75, asset_id: "a1" });
      expect(remote.requests[0]!.search).toBe("asset_id=a1&min_confidence=0.75&limit=5&table_path=public.orders");
      expect(r.recommendations[0]).toEqual(rec);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => recs.metrics({ asset_id: "a", limit: 101 }));
      await rejectsBeforeSending(remote, () => recs.metrics({ asset_id: "a", min_confidence: 2 }));
      await rejectsBeforeSending(remote, () => recs.metrics({ asset_id: "a", column: "c" } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { asset_id: "a1" } }, () => recs.metrics({ asset_id: "a1" }));
    });
  });

  describe("coverage", () => {
    it("should send asset_id and limit", async () => {
      remote.reply(remote.data({ ...COVERAGE, recommendations: [COVERAGE_REC] }));
      const r = await recs.coverage({ asset_id: "a1" });
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/recommendations/coverage",
        search: "asset_id=a1&limit=20",
        bodyText: "",
      });
      expect(r.recommendations[0]).toMatchObject({
        suggested_monitoring: [],
        currently_monitored: { freshness: true },
      });
      await recs.coverage({ limit: 3, asset_id: "a1" });
      expect(remote.requests[1]!.search).toBe("asset_id=a1&limit=3");
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => recs.coverage({ asset_id: "" }));
      await rejectsBeforeSending(remote, () => recs.coverage({ asset_id: "a", limit: 1.5 }));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(
        remote,
        { data: { ...COVERAGE, recommendations: [{ ...COVERAGE_REC, currently_monitored: undefined }] } },
        () => recs.coverage({ asset_id: "a1" }),
      );
    });
  });

  describe("thresholds", () => {
    it("should send asset_id, days and limit", async () => {
      remote.reply(remote.data(THRESHOLDS));
      await recs.thresholds({ asset_id: "a1" });
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/recommendations/thresholds",
        search: "asset_id=a1&days=30&limit=10",
        bodyText: "",
      });
      await recs.thresholds({ limit: 1, days: 7, asset_id: "a1" });
      expect(remote.requests[1]!.search).toBe("asset_id=a1&days=7&limit=1");
    });

    it("should read recommendations", async () => {
      const rec = {
        table_path: "public.orders",
        metric_type: "row_count",
        current_threshold: 2,
        suggested_threshold: 3,
        direction: "increase",
        reasoning: "noisy",
        historical_alerts: 12,
        projected_reduction: "80%",
        confidence: 0.6,
      };
      remote.reply(remote.data({ ...THRESHOLDS, recommendations: [rec] }));
      expect((await recs.thresholds({ asset_id: "a1" })).recommendations).toEqual([rec]);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => recs.thresholds({ asset_id: "a", days: 0 }));
      await rejectsBeforeSending(remote, () => recs.thresholds({ asset_id: "a", limit: 101 }));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { ...THRESHOLDS, items_with_recommendations: "0" } }, () =>
        recs.thresholds({ asset_id: "a1" }),
      );
    });
  });

  errorMatrix(remote, () => recs.coverage({ asset_id: "a1" }));
});
