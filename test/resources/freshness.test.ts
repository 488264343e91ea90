import { describe, expect, it } from "vitest";
import { AuthenticationError, NotFoundError, StalenessError } from "../../src/core/errors";
import type { Transport } from "../../src/core/http";
import { FreshnessResource, type FreshnessSchedule, type FreshnessStatus } from "../../src/resources/freshness";
import { errorMapping, invalidParams, iterates, transport, wireCases, type WireCase } from "../helpers/endpoint-cases";
import { useRemote } from "../helpers/remote";

const make = (t: Transport) => new FreshnessResource(t);

const ORDERS = "snowflake.prod.warehouse.orders";
const summary = {
  total_assets: 100,
  fresh_count: 95,
  stale_count: 3,
  unknown_count: 1,
  disabled_count: 1,
  freshness_rate: 95.0,
};
const status = (over: Record<string, unknown> = {}) => ({
  asset_id: "1",
  qualified_name: ORDERS,
  status: "fresh",
  is_stale: false,
  checked_at: "2024-12-04T10:00:00Z",
  ...over,
});
const schedule = (i: number) => ({
  id: `sched-${i}`,
  asset_id: "asset-uuid",
  table_path: "warehouse.orders",
  check_interval: "1h",
  monitoring_mode: "auto_learn",
  is_active: true,
  created_at: "2025-01-08T10:00:00Z",
});
const dryRun = {
  table_path: "warehouse.orders",
  threshold_hours: 24,
  lookback_days: 7,
  total_checks: 168,
  would_alert_count: 2,
  alert_rate_percent: 1.2,
  current_age_hours: 3.5,
  would_alert_now: false,
  sample_alerts: [{ timestamp: "2025-01-03T04:00:00", hours_since_update: 30.5 }],
  recommendation: "keep",
};

const cases: WireCase<FreshnessResource>[] = [
  {
    name: "summary()",
    call: (r) => r.summary(),
    method: "GET",
    path: () => "/sdk/freshness/summary",
    data: summary,
    check: (out) => expect(out).toMatchObject({ ...summary, fresh: 95, fresh_percentage: 95 }),
    malformed: { ...summary, total_assets: "100" },
  },
  {
    name: "summary() from seed names",
    call: (r) => r.summary(),
    method: "GET",
    path: () => "/sdk/freshness/summary",
    data: { total_assets: 4, fresh: 3, stale_count: 1, unknown_count: 0, disabled_count: 0, fresh_percentage: 75 },
    check: (out) => expect(out).toMatchObject({ fresh_count: 3, fresh: 3, freshness_rate: 75, fresh_percentage: 75 }),
  },
  {
    name: "list() with defaults",
    call: (r) => r.list(),
    method: "GET",
    path: () => "/sdk/freshness",
    search: "limit=50&offset=0",
    data: { data: [status({ last_update_time: "2024-12-04T08:00:00Z" })] },
    check: (out) =>
      expect((out as FreshnessStatus[])[0]).toMatchObject({ last_updated: "2024-12-04T08:00:00Z", is_fresh: true }),
    malformed: { data: [status({ is_stale: undefined })] },
  },
  {
    name: "list(every param)",
    call: (r) => r.list({ status: "stale", offset: 100, limit: 100 }),
    method: "GET",
    path: () => "/sdk/freshness",
    search: "limit=100&offset=100&status=stale",
    data: { data: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "get(assetId)",
    ids: [ORDERS],
    call: (r, [a]) => r.get(a!),
    method: "GET",
    path: ([a]) => `/sdk/freshness/${a}`,
    data: status({ last_updated: "2024-12-04T08:00:00Z" }),
    check: (out) =>
      expect(out).toMatchObject({ last_update_time: "2024-12-04T08:00:00Z", last_updated: "2024-12-04T08:00:00Z" }),
    malformed: status({ checked_at: null }),
  },
  {
    name: "requireFresh(assetId)",
    ids: [ORDERS],
    call: (r, [a]) => r.requireFresh(a!),
    method: "GET",
    path: ([a]) => `/sdk/freshness/${a}`,
    data: status({ hours_since_update: 2.5, staleness_threshold_hours: 24 }),
    malformed: status({ qualified_name: 1 }),
  },
  {
    name: "refresh(assetId) sends no body",
    ids: [ORDERS],
    call: (r, [a]) => r.refresh(a!),
    method: "POST",
    path: ([a]) => `/sdk/freshness/${a}/refresh`,
    data: { job_id: "job_123", status: "pending" },
    malformed: { status: "pending" },
  },
  {
    name: "listSchedules() with defaults",
    call: (r) => r.listSchedules(),
    method: "GET",
    path: () => "/sdk/freshness/schedules",
    search: "limit=50&offset=0",
    data: { data: [schedule(1)] },
    check: (out) => expect((out as FreshnessSchedule[])[0]).toEqual(schedule(1)),
    malformed: { data: [{ ...schedule(1), monitoring_mode: undefined }] },
  },
  {
    name: "listSchedules(every param)",
    call: (r) => r.listSchedules({ active_only: true, asset_id: "asset-uuid", offset: 2, limit: 20 }),
    method: "GET",
    path: () => "/sdk/freshness/schedules",
    search: "limit=20&offset=2&asset_id=asset-uuid&active_only=true",
    data: { data: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "listSchedules(falsy filters dropped)",
    call: (r) => r.listSchedules({ active_only: false, asset_id: "" }),
    method: "GET",
    path: () => "/sdk/freshness/schedules",
    search: "limit=50&offset=0",
    data: { data: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "createSchedule(required only)",
    call: (r) => r.createSchedule({ check_interval: "1h", table_path: "warehouse.orders", asset_id: "asset-uuid" }),
    method: "POST",
    path: () => "/sdk/freshness/schedules",
    body: {
      asset_id: "asset-uuid",
      table_path: "warehouse.orders",
      check_interval: "1h",
      monitoring_mode: "auto_learn",
      is_active: true,
    },
    data: schedule(1),
    malformed: { ...schedule(1), created_at: undefined },
  },
  {
    name: "createSchedule(every param)",
    call: (r) =>
      r.createSchedule({
        is_active: false,
        monitoring_mode: "explicit",
        freshness_column: "loaded_at",
        expected_interval_hours: 6,
        check_interval: "15m",
        table_path: "warehouse.orders",
        asset_id: ORDERS,
      }),
    method: "POST",
    path: () => "/sdk/freshness/schedules",
    body: {
      asset_id: ORDERS,
      table_path: "warehouse.orders",
      check_interval: "15m",
      monitoring_mode: "explicit",
      is_active: false,
      expected_interval_hours: 6,
      freshness_column: "loaded_at",
    },
    data: { ...schedule(2), monitoring_mode: "explicit", expected_interval_hours: 6 },
  },
  {
    name: "updateSchedule(scheduleId, every param)",
    ids: ["sched-1"],
    call: (r, [a]) =>
      r.updateSchedule(a!, {
        is_active: false,
        monitoring_mode: "auto_learn",
        freshness_column: "ts",
        expected_interval_hours: 1.5,
        check_interval: "1d",
      }),
    method: "PATCH",
    path: ([a]) => `/sdk/freshness/schedules/${a}`,
    body: {
      check_interval: "1d",
      expected_interval_hours: 1.5,
      freshness_column: "ts",
      monitoring_mode: "auto_learn",
      is_active: false,
    },
    data: schedule(1),
    malformed: { ...schedule(1), is_active: null },
  },
  {
    name: "updateSchedule(scheduleId, {}) sends {}",
    ids: ["sched-1"],
    call: (r, [a]) => r.updateSchedule(a!, {}),
    method: "PATCH",
    path: ([a]) => `/sdk/freshness/schedules/${a}`,
    body: {},
    data: schedule(1),
  },
  {
    name: "deleteSchedule(scheduleId)",
    ids: ["sched-1"],
    call: (r, [a]) => r.deleteSchedule(a!),
    method: "DELETE",
    path: ([a]) => `/sdk/freshness/schedules/${a}`,
    data: undefined,
  },
  {
    name: "dryRun(required only)",
    call: (r) => r.dryRun({ expected_interval_hours: 24, table_path: "warehouse.orders", asset_id: "a" }),
    method: "POST",
    path: () => "/sdk/freshness/dry-run",
    body: { asset_id: "a", table_path: "warehouse.orders", expected_interval_hours: 24, lookback_days: 7 },
    data: dryRun,
    malformed: { ...dryRun, would_alert_now: "no" },
  },
  {
    name: "dryRun(every param)",
    call: (r) => r.dryRun({ lookback_days: 30, expected_interval_hours: 0.5, table_path: "t", asset_id: "a" }),
    method: "POST",
    path: () => "/sdk/freshness/dry-run",
    body: { asset_id: "a", table_path: "t", expected_interval_hours: 0.5, lookback_days: 30 },
    data: { ...dryRun, sample_alerts: null, current_age_hours: null },
    check: (out) => expect(out).toMatchObject({ sample_alerts: [], current_age_hours: null }),
  },
];

describe("FreshnessResource", () => {
  const remote = useRemote();
  wireCases(remote, make, cases);

  iterates(remote, make, {
    name: "iterate()",
    container: "data",
    item: (i) => status({ asset_id: String(i) }),
    iterate: (r, p) => r.iterate({ ...p, status: "stale" }),
    path: "/sdk/freshness",
    search: (at) => `limit=2&offset=${at}&status=stale`,
  });
  iterates(remote, make, {
    name: "iterateSchedules()",
    container: "data",
    item: schedule,
    iterate: (r, p) => r.iterateSchedules({ ...p, active_only: true }),
    path: "/sdk/freshness/schedules",
    search: (at) => `limit=2&offset=${at}&active_only=true`,
  });

  describe("requireFresh", () => {
    async function gate(body: Record<string, unknown>, maxAge?: number, asset = ORDERS) {
      remote.reply(remote.data(status(body)));
      const fr = make(transport());
      return (maxAge === undefined ? fr.requireFresh(asset) : fr.requireFresh(asset, { max_age_hours: maxAge })).catch(
        (e: unknown) => e,
      );
    }

    it("should return the status when fresh (2.5 h against the asset's 24 h)", async () => {
      const out = await gate({ hours_since_update: 2.5, staleness_threshold_hours: 24 });
      expect(out).toMatchObject({ qualified_name: ORDERS, hours_since_update: 2.5 });
      expect(remote.requests).toHaveLength(1);
      expect(remote.requests[0]).toMatchObject({ method: "GET", path: `/sdk/freshness/${ORDERS}`, search: "" });
    });

    it("should throw StalenessError with asset, hours, threshold, freshness and the exact message", async () => {
      const err = await gate({
        status: "stale",
        is_stale: true,
        hours_since_update: 26.5,
        staleness_threshold_hours: 24,
      });
      expect(err).toBeInstanceOf(StalenessError);
      const e = err as StalenessError;
      expect(e.name).toBe("StalenessError");
      expect(e.code).toBe("DATA_STALE");
      expect(e.asset).toBe(ORDERS);
      expect(e.hours_since_update).toBe(26.5);
      expect(e.threshold_hours).toBe(24);
      expect(e.freshness).toMatchObject({ is_stale: true, hours_since_update: 26.5 });
      expect(e.details).toEqual({});
      expect(e.message).toBe(`Asset '${ORDERS}' is stale: 26.5h since last update (threshold: 24.0h)`);
    });

    it("should name the asset as the caller passed it, not the server's qualified name", async () => {
      const err = (await gate(
        { is_stale: true, hours_since_update: 30 },
        undefined,
        "550e8400-e29b-41d4-a716-446655440000",
      )) as StalenessError;
      expect(err.asset).toBe("550e8400-e29b-41d4-a716-446655440000");
      expect(err.message).toContain("'550e8400-e29b-41d4-a716-446655440000'");
    });

    it("should hold the asset to max_age_hours even when the server says fresh", async () => {
      const err = (await gate({ hours_since_update: 10.0, staleness_threshold_hours: 24 }, 8.0)) as StalenessError;
      expect(err).toBeInstanceOf(StalenessError);
      expect(err.threshold_hours).toBe(8);
      expect(err.message).toBe(`Asset '${ORDERS}' is stale: 10.0h since last update (threshold: 8.0h)`);
    });

    it("should let a server is_stale: true win over a generous max_age_hours", async () => {
      const err = (await gate(
        { is_stale: true, hours_since_update: 2, staleness_threshold_hours: 24 },
        1000,
      )) as StalenessError;
      expect(err).toBeInstanceOf(StalenessError);
      expect(err.threshold_hours).toBe(1000);
    });

    it("should compare strictly: hours equal to the threshold are fresh", async () => {
      await expect(gate({ hours_since_update: 12, staleness_threshold_hours: 12 })).resolves.toMatchObject({
        hours_since_update: 12,
      });
      const err = (await gate({ hours_since_update: 12.01, staleness_threshold_hours: 12 })) as StalenessError;
      expect(err).toBeInstanceOf(StalenessError);
      expect(err.threshold_hours).toBe(12);
    });

    it("should fall back to 24 h when the asset has no threshold", async () => {
      await expect(gate({ hours_since_update: 24, staleness_threshold_hours: null })).resolves.toMatchObject({
        status: "fresh",
      });
      const err = (await gate({ hours_since_update: 24.5 })) as StalenessError;
      expect(err).toBeInstanceOf(StalenessError);
      expect(err.threshold_hours).toBe(24);
      expect(err.message).toBe(`Asset '${ORDERS}' is stale: 24.5h since last update (threshold: 24.0h)`);
    });

    it("should fall back to 24 h when the asset's threshold is 0 (falsy)", async () => {
      await expect(gate({ hours_since_update: 10, staleness_threshold_hours: 0 })).resolves.toMatchObject({
        status: "fresh",
      });
      const err = (await gate({ hours_since_update: 25, staleness_threshold_hours: 0 })) as StalenessError;
      expect(err.threshold_hours).toBe(24);
    });

    it("should honour max_age_hours 0 as a threshold (not a fallback)", async () => {
      await expect(gate({ hours_since_update: 0, staleness_threshold_hours: 24 }, 0)).resolves.toMatchObject({
        status: "fresh",
      });
      const err = (await gate({ hours_since_update: 0.5, staleness_threshold_hours: 24 }, 0)) as StalenessError;
      expect(err.threshold_hours).toBe(0);
    });

    it("should treat unknown hours as fresh unless the server says stale, then report 0 hours", async () => {
      await expect(gate({ hours_since_update: null, status: "unknown" })).resolves.toMatchObject({ status: "unknown" });
      const err = (await gate({ hours_since_update: null, is_stale: true })) as StalenessError;
      expect(err.hours_since_update).toBe(0);
      expect(err.message).toBe(`Asset '${ORDERS}' is stale: 0.0h since last update (threshold: 24.0h)`);
    });

    it("should not consult the status string", async () => {
      await expect(gate({ status: "stale", is_stale: false, hours_since_update: 1 })).resolves.toMatchObject({
        status: "stale",
      });
    });

    it("should surface a 401 as AuthenticationError and a 404 as NotFoundError", async () => {
      remote.reply(remote.error(401, "UNAUTHORIZED", "bad key"));
      await expect(make(transport()).requireFresh(ORDERS)).rejects.toBeInstanceOf(AuthenticationError);
      remote.reply(remote.error(404, "ASSET_NOT_FOUND", "no such asset"));
      await expect(make(transport()).requireFresh(ORDERS)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("should print as [DATA_STALE] and serialise its fields", async () => {
      const err = (await gate({ is_stale: true, hours_since_update: 30 })) as StalenessError;
      expect(String(err)).toBe(
        `StalenessError: [DATA_STALE] Asset '${ORDERS}' is stale: 30.0h since last update (threshold: 24.0h)`,
      );
      expect(JSON.parse(JSON.stringify(err))).toMatchObject({
        asset: ORDERS,
        hours_since_update: 30,
        threshold_hours: 24,
      });
    });
  });

  invalidParams<FreshnessResource>(remote, make, [
    ["list with limit 101", (r) => r.list({ limit: 101 })],
    ["list with status 'old'", (r) => r.list({ status: "old" as never })],
    ["iterate with limit 0", (r) => r.iterate({ limit: 0 })],
    ["get with the literal id 'summary'", (r) => r.get("summary")],
    ["get with the literal id 'schedules'", (r) => r.get("schedules")],
    ["requireFresh with a negative max_age_hours", (r) => r.requireFresh(ORDERS, { max_age_hours: -1 })],
    ["requireFresh with max_age_hours as a string", (r) => r.requireFresh(ORDERS, { max_age_hours: "8" as never })],
    ["requireFresh with an empty id", (r) => r.requireFresh("")],
    ["refresh with the literal id 'dry-run'", (r) => r.refresh("dry-run")],
    ["listSchedules with limit 101", (r) => r.listSchedules({ limit: 101 })],
    ["listSchedules with active_only 1", (r) => r.listSchedules({ active_only: 1 as never })],
    ["iterateSchedules with a negative offset", (r) => r.iterateSchedules({ offset: -5 })],
    ["createSchedule without check_interval", (r) => r.createSchedule({ asset_id: "a", table_path: "t" } as never)],
    [
      "createSchedule with check_interval 'hourly'",
      (r) => r.createSchedule({ asset_id: "a", table_path: "t", check_interval: "hourly" as never }),
    ],
    [
      "createSchedule with monitoring_mode 'manual'",
      (r) =>
        r.createSchedule({ asset_id: "a", table_path: "t", check_interval: "1h", monitoring_mode: "manual" as never }),
    ],
    [
      "createSchedule with expected_interval_hours 0",
      (r) => r.createSchedule({ asset_id: "a", table_path: "t", check_interval: "1h", expected_interval_hours: 0 }),
    ],
    ["updateSchedule with the literal id 'schedules'", (r) => r.updateSchedule("schedules", {})],
    ["updateSchedule with an unknown key", (r) => r.updateSchedule("s", { table_path: "t" } as never)],
    ["deleteSchedule with a '..' id", (r) => r.deleteSchedule("..")],
    ["dryRun without expected_interval_hours", (r) => r.dryRun({ asset_id: "a", table_path: "t" } as never)],
    [
      "dryRun with lookback_days 0",
      (r) => r.dryRun({ asset_id: "a", table_path: "t", expected_interval_hours: 1, lookback_days: 0 }),
    ],
  ]);

  errorMapping(remote, make, (r) => r.requireFresh(ORDERS));
});
