import { describe, expect, it } from "vitest";
import { SchemaResource } from "../../src/resources/schema";
import { errorMatrix, ODD_ID, ODD_SEGMENT, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const SUMMARY = { total_changes: 5, unacknowledged: 2, critical_count: 1, warning_count: 1, info_count: 3 };
const CHANGE = {
  id: "c1",
  asset_id: "a1",
  qualified_name: "snowflake.prod.warehouse.orders",
  change_type: "column_added",
  severity: "info",
  column_name: "email",
  detected_at: "2026-01-15T12:00:00Z",
};
const BASELINE = { id: "b1", asset_id: "a1", table_count: 3, column_count: 20, captured_at: "2026-01-15T12:00:00Z" };
const MONITORING = { asset_id: "a1", monitoring_enabled: true, schedule_type: "daily" };
const DRY_RUN = { asset_id: "a1", schedule_type: "daily", recommendation: "enable", baseline_exists: true };

describe("SchemaResource", () => {
  const remote = useRemote();
  const schema = new SchemaResource(transport());

  describe("summary", () => {
    it("should GET the summary with no query", async () => {
      remote.reply(remote.data({ ...SUMMARY, changes_last_24h: 4 }));
      const s = await schema.summary();
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/schema/summary",
        search: "",
        bodyText: "",
      });
      expect(s).toMatchObject({ total_changes: 5, changes_last_24h: 4 });
      expect(s.last_check).toBeUndefined();
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { total_changes: "5" } }, () => schema.summary());
    });
  });

  describe("changes", () => {
    it("should send the page defaults only", async () => {
      remote.reply(remote.data({ data: [CHANGE] }));
      const changes = await schema.changes();
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/schema/changes",
        search: "limit=50&offset=0",
        bodyText: "",
      });
      expect(changes[0]).toMatchObject({ id: "c1", acknowledged: false });
    });

    it("should send every filter in wire order, the seed's change_type last", async () => {
      remote.reply(remote.data({ data: [] }));
      await schema.changes({
        change_type: "column_added",
        unacknowledged_only: true,
        severity: "critical",
        asset_id: "snowflake.prod.warehouse.orders",
        offset: 5,
        limit: 5,
      });
      expect(remote.requests[0]!.search).toBe(
        "limit=5&offset=5&asset_id=snowflake.prod.warehouse.orders&severity=critical&unacknowledged_only=true&change_type=column_added",
      );
    });

    it("should omit unacknowledged_only when false and empty filters", async () => {
      remote.reply(remote.data({ data: [] }));
      await schema.changes({ unacknowledged_only: false, asset_id: "" });
      expect(remote.requests[0]!.search).toBe("limit=50&offset=0");
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => schema.changes({ severity: "high" as never }));
      await rejectsBeforeSending(remote, () => schema.changes({ limit: 101 }));
      await rejectsBeforeSending(remote, () => schema.changes({ unacknowledged_only: "yes" as never }));
      await rejectsBeforeSending(remote, () => schema.changes({ status: "x" } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { data: [{ id: "c1" }] } }, () => schema.changes());
    });
  });

  describe("iterateChanges", () => {
    it("should walk pages until the server says has_more false", async () => {
      remote.reply(
        remote.data({ data: [CHANGE], pagination: { has_more: true } }),
        remote.data({ data: [CHANGE], pagination: { has_more: false } }),
      );
      const seen = [];
      for await (const c of schema.iterateChanges({ limit: 1, severity: "info" })) seen.push(c);
      expect(seen).toHaveLength(2);
      expect(remote.requests.map((r) => r.search)).toEqual([
        "limit=1&offset=0&severity=info",
        "limit=1&offset=1&severity=info",
      ]);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, async () => {
        for await (const _ of schema.iterateChanges({ offset: -1 })) void _;
      });
    });

    it("should reject a malformed page", async () => {
      await rejectsBody(remote, { data: { data: [{ id: "c1" }] } }, async () => {
        for await (const _ of schema.iterateChanges()) void _;
      });
    });
  });

  describe("get", () => {
    it("should GET the asset's drift state", async () => {
      remote.reply(remote.data({ asset_id: "a1", recent_changes: [CHANGE], total_unacknowledged: 1, extra: true }));
      const d = await schema.get("snowflake.prod.warehouse.orders");
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/schema/snowflake.prod.warehouse.orders",
        search: "",
        bodyText: "",
      });
      expect(d).toMatchObject({ asset_id: "a1", total_unacknowledged: 1, extra: true });
      expect(d.recent_changes).toHaveLength(1);
    });

    it("should accept an object without the documented keys", async () => {
      remote.reply(remote.data({}));
      expect(await schema.get("a1")).toEqual({});
    });

    it("should encode the id and refuse reserved ids", async () => {
      remote.reply(remote.data({}));
      await schema.get(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/schema/${ODD_SEGMENT}`);
      await rejectsBeforeSending(remote, () => schema.get("changes"));
      await rejectsBeforeSending(remote, () => schema.get("dry-run"));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { total_unacknowledged: "many" } }, () => schema.get("a1"));
    });
  });

  describe("createBaseline", () => {
    it("should POST {} without a description", async () => {
      remote.reply(remote.data(BASELINE));
      const b = await schema.createBaseline("a1");
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/schema/a1/baseline",
        search: "",
        bodyText: "{}",
      });
      expect(b.table_count).toBe(3);
    });

    it("should POST the description when given", async () => {
      remote.reply(remote.data(BASELINE));
      await schema.createBaseline(ODD_ID, { description: "before migration" });
      expect(remote.requests[0]!.path).toBe(`/sdk/schema/${ODD_SEGMENT}/baseline`);
      expect(remote.requests[0]!.bodyText).toBe('{"description":"before migration"}');
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => schema.createBaseline("a1", { description: 1 } as never));
      await rejectsBeforeSending(remote, () => schema.createBaseline("", {}));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { id: "b1" } }, () => schema.createBaseline("a1"));
    });
  });

  describe("enableMonitoring", () => {
    it("should POST the defaults", async () => {
      remote.reply(remote.data(MONITORING));
      const m = await schema.enableMonitoring("a1");
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/schema/a1/monitoring",
        search: "",
        bodyText: '{"schedule_type":"daily","auto_create_baseline":true}',
      });
      expect(m.monitoring_enabled).toBe(true);
    });

    it("should POST the given values in wire order", async () => {
      remote.reply(remote.data(MONITORING));
      await schema.enableMonitoring(ODD_ID, { auto_create_baseline: false, schedule_type: "every_4_hours" });
      expect(remote.requests[0]!.path).toBe(`/sdk/schema/${ODD_SEGMENT}/monitoring`);
      expect(remote.requests[0]!.bodyText).toBe('{"schedule_type":"every_4_hours","auto_create_baseline":false}');
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => schema.enableMonitoring("a1", { schedule_type: "2h" as never }));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { asset_id: "a1" } }, () => schema.enableMonitoring("a1"));
    });
  });

  describe("disableMonitoring", () => {
    it("should DELETE and return the server's object", async () => {
      remote.reply(remote.data({ monitoring_enabled: false, asset_id: "a1" }));
      const r = await schema.disableMonitoring("a1");
      expect(remote.requests[0]).toMatchObject({
        method: "DELETE",
        path: "/sdk/schema/a1/monitoring",
        search: "",
        bodyText: "",
      });
      expect(r).toEqual({ monitoring_enabled: false, asset_id: "a1" });
    });

    it("should encode the id and refuse reserved ids", async () => {
      remote.reply(remote.data({}));
      await schema.disableMonitoring(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/schema/${ODD_SEGMENT}/monitoring`);
      await rejectsBeforeSending(remote, () => schema.disableMonitoring("."));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { monitoring_enabled: "no" } }, () => schema.disableMonitoring("a1"));
    });
  });

  describe("dryRun", () => {
    it("should POST the required fields and defaults", async () => {
      remote.reply(remote.data(DRY_RUN));
      const r = await schema.dryRun({ asset_id: "a1" });
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/schema/dry-run",
        search: "",
        bodyText: '{"asset_id":"a1","lookback_days":30}',
      });
      expect(r).toMatchObject({ total_changes: 0, changes_detected: false, changes_summary: {}, sample_changes: [] });
    });

    it("should POST table_path last when given", async () => {
      remote.reply(remote.data(DRY_RUN));
      await schema.dryRun({ table_path: "public.orders", lookback_days: 7, asset_id: "a1" });
      expect(remote.requests[0]!.bodyText).toBe('{"asset_id":"a1","lookback_days":7,"table_path":"public.orders"}');
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => schema.dryRun({} as never));
      await rejectsBeforeSending(remote, () => schema.dryRun({ asset_id: "a1", lookback_days: 0 }));
      await rejectsBeforeSending(remote, () => schema.dryRun({ asset_id: "a1", schedule_type: "1d" } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { ...DRY_RUN, sample_changes: [{ severity: "info" }] } }, () =>
        schema.dryRun({ asset_id: "a1" }),
      );
    });
  });

  describe("refresh", () => {
    it("should POST with no body", async () => {
      remote.reply(remote.data({ job_id: "job_1", status: "pending" }));
      const r = await schema.refresh("snowflake.prod.warehouse.orders");
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/schema/snowflake.prod.warehouse.orders/refresh",
        search: "",
        bodyText: "",
      });
      expect(r).toMatchObject({ job_id: "job_1", status: "pending" });
    });

    it("should encode the id and refuse reserved ids", async () => {
      remote.reply(remote.data({ job_id: "j" }));
      await schema.refresh(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/schema/${ODD_SEGMENT}/refresh`);
      await rejectsBeforeSending(remote, () => schema.refresh("summary"));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { status: "pending" } }, () => schema.refresh("a1"));
    });
  });

  errorMatrix(remote, () => schema.summary());
});
