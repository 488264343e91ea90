import { describe, expect, it } from "vitest";
import { HealthResource } from "../../src/resources/health";
import { errorMatrix, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const HEALTH = {
  overall_status: "warning",
  alerts: { total_rules: 50, active_rules: 45, recent_alerts: 10, unresolved_alerts: 3 },
  freshness: {
    total_assets: 100,
    fresh_count: 95,
    stale_count: 3,
    unknown_count: 1,
    disabled_count: 1,
    freshness_rate: 95.0,
  },
  schema_drift: { total_changes: 4, unacknowledged: 2, critical_count: 1, warning_count: 1, info_count: 2 },
  generated_at: "2026-01-15T12:00:00Z",
};

describe("HealthResource", () => {
  const remote = useRemote();
  const health = new HealthResource(transport());

  describe("summary", () => {
    it("should GET the overview with no query and fill nested aliases and defaults", async () => {
      remote.reply(remote.data(HEALTH));
      const h = await health.summary();
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/health/summary",
        search: "",
        bodyText: "",
      });
      expect(h.needs_attention).toEqual([]);
      expect(h.freshness).toMatchObject({ fresh: 95, fresh_count: 95, fresh_percentage: 95, freshness_rate: 95 });
      expect(h.alerts.unresolved_alerts).toBe(3);
      expect(h.schema_drift.total_changes).toBe(4);
    });

    it("should read attention items and keep unknown statuses", async () => {
      remote.reply(
        remote.data({
          ...HEALTH,
          overall_status: "degraded",
          needs_attention: [{ type: "stale_data", severity: "warning", title: "orders is stale", asset_id: "a1" }],
        }),
      );
      const h = await health.summary();
      expect(h.overall_status).toBe("degraded");
      expect(h.needs_attention[0]).toMatchObject({ type: "stale_data", title: "orders is stale", asset_id: "a1" });
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { ...HEALTH, alerts: undefined } }, () => health.summary());
      await rejectsBody(remote, { data: { ...HEALTH, freshness: { total_assets: 1 } } }, () => health.summary());
      await rejectsBody(remote, { data: { ...HEALTH, needs_attention: [{ type: "alert" }] } }, () => health.summary());
    });
  });

  errorMatrix(remote, () => health.summary());
});
