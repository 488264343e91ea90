import { describe, expect, it } from "vitest";
import type { Transport } from "../../src/core/http";
import { MetricsResource, type MetricDefinition, type MetricSnapshot } from "../../src/resources/metrics";
import { errorMapping, invalidParams, iterates, transport, wireCases, type WireCase } from "../helpers/endpoint-cases";
import { useRemote } from "../helpers/remote";

const make = (t: Transport) => new MetricsResource(t);

const summary = {
  total_metrics: 10,
  active_metrics: 8,
  total_checks: 20,
  passing: 15,
  failing: 3,
  warning: 1,
  error: 1,
  health_percentage: 75.0,
};
const metric = {
  id: "metric-uuid-1",
  internal_id: 1,
  asset_id: 1,
  metric_type: "null_percent",
  table_path: "s.orders",
  is_active: true,
};
const snapshot = (i: number) => ({
  id: i,
  metric_definition_id: 1,
  value: i * 1.5,
  captured_at: "2025-01-08T10:00:00Z",
});
const dryRun = {
  metric_id: "m1",
  metric_type: "row_count",
  threshold_type: "std_dev",
  threshold_value: 2.5,
  lookback_days: 30,
  total_snapshots: 30,
  would_alert_count: 2,
  alert_rate_percent: 6.7,
  recommendation: "ok",
  sample_alerts: [
    { captured_at: "2025-01-01", value: 10, threshold_value: 8, threshold_type: "std_dev", would_alert: true },
  ],
};
const two = ["asset-uuid", "metric-uuid"];
const m = (ids: string[]) => `/sdk/metrics/${ids[0]}/${ids[1]}`;

const cases: WireCase<MetricsResource>[] = [
  {
    name: "summary(assetId)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.summary(a!),
    method: "GET",
    path: ([a]) => `/sdk/metrics/${a}/summary`,
    data: summary,
    malformed: { ...summary, total_metrics: "10" },
  },
  {
    name: "list(assetId) with defaults",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.list(a!),
    method: "GET",
    path: ([a]) => `/sdk/metrics/${a}`,
    search: "limit=50&offset=0",
    data: { items: [metric] },
    check: (out) => {
      const items = out as MetricDefinition[];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ ...metric, capture_interval: "daily", sensitivity: 3 });
    },
    malformed: { items: [{ ...metric, internal_id: "one" }] },
  },
  {
    name: "list(assetId, every param)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.list(a!, { metric_type: "null_percent", is_active: true, limit: 10, offset: 20 }),
    method: "GET",
    path: ([a]) => `/sdk/metrics/${a}`,
    search: "limit=10&offset=20&metric_type=null_percent&is_active=true",
    data: { items: [metric] },
    check: (out) => expect(out).toHaveLength(1),
    malformed: { items: {} },
  },
  {
    name: "list(assetId, { is_active: false }) sends false",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.list(a!, { is_active: false }),
    method: "GET",
    path: ([a]) => `/sdk/metrics/${a}`,
    search: "limit=50&offset=0&is_active=false",
    data: { items: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "get(assetId, metricId) sends the snapshot defaults",
    ids: two,
    call: (r, [a, b]) => r.get(a!, b!),
    method: "GET",
    path: m,
    search: "include_snapshots=true&snapshot_limit=30",
    data: { ...metric, snapshots: [snapshot(1)] },
    malformed: { ...metric, id: 7 },
  },
  {
    name: "get(assetId, metricId, params)",
    ids: two,
    call: (r, [a, b]) => r.get(a!, b!, { include_snapshots: false, snapshot_limit: 500 }),
    method: "GET",
    path: m,
    search: "include_snapshots=false&snapshot_limit=500",
    data: metric,
  },
  {
    name: "create(assetId, required only)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.create(a!, { metric_type: "row_count", table_path: "s.orders" }),
    method: "POST",
    path: ([a]) => `/sdk/metrics/${a}`,
    body: { metric_type: "row_count", table_path: "s.orders", capture_interval: "daily", sensitivity: 1 },
    data: metric,
    malformed: { ...metric, table_path: null },
  },
  {
    name: "create(assetId, every param)",
    ids: ["asset-uuid"],
    call: (r, [a]) =>
      r.create(a!, {
        percentile_value: 95,
        group_by_columns: ["region"],
        sensitivity: 2.5,
        capture_interval: "hourly",
        column_name: "email",
        table_path: "s.orders",
        metric_type: "null_percent",
      }),
    method: "POST",
    path: ([a]) => `/sdk/metrics/${a}`,
    body: {
      metric_type: "null_percent",
      table_path: "s.orders",
      capture_interval: "hourly",
      sensitivity: 2.5,
      column_name: "email",
      group_by_columns: ["region"],
      percentile_value: 95,
    },
    data: { ...metric, sensitivity: 2.5, group_by_columns: ["region"] },
  },
  {
    name: "update(assetId, metricId, every param)",
    ids: two,
    call: (r, [a, b]) => r.update(a!, b!, { sensitivity: 2, capture_interval: "weekly", is_active: false }),
    method: "PATCH",
    path: m,
    body: { is_active: false, capture_interval: "weekly", sensitivity: 2 },
    data: { ...metric, is_active: false },
    malformed: { ...metric, is_active: "no" },
  },
  {
    name: "update(assetId, metricId, {}) sends {}",
    ids: two,
    call: (r, [a, b]) => r.update(a!, b!, {}),
    method: "PATCH",
    path: m,
    body: {},
    data: metric,
  },
  {
    name: "delete(assetId, metricId)",
    ids: two,
    call: (r, [a, b]) => r.delete(a!, b!),
    method: "DELETE",
    path: m,
    data: undefined,
  },
  {
    name: "capture(assetId, metricId)",
    ids: two,
    call: (r, [a, b]) => r.capture(a!, b!),
    method: "POST",
    path: (ids) => `${m(ids)}/capture`,
    data: { snapshot_count: 1, snapshots: [] },
    malformed: { snapshot_count: "one" },
  },
  {
    name: "snapshots(assetId, metricId) with defaults",
    ids: two,
    call: (r, [a, b]) => r.snapshots(a!, b!),
    method: "GET",
    path: (ids) => `${m(ids)}/snapshots`,
    search: "limit=100&offset=0",
    data: { items: [snapshot(1)] },
    check: (out) => expect((out as MetricSnapshot[])[0]).toMatchObject({ ...snapshot(1), is_anomaly: false }),
    malformed: { items: [{ ...snapshot(1), value: "x" }] },
  },
  {
    name: "snapshots(assetId, metricId, params)",
    ids: two,
    call: (r, [a, b]) => r.snapshots(a!, b!, { limit: 1000, offset: 5 }),
    method: "GET",
    path: (ids) => `${m(ids)}/snapshots`,
    search: "limit=1000&offset=5",
    data: { items: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "dryRun(required only)",
    call: (r) => r.dryRun({ asset_id: "a.b", table_path: "s.t", metric_type: "row_count" }),
    method: "POST",
    path: () => "/sdk/metrics/dry-run",
    body: { asset_id: "a.b", table_path: "s.t", metric_type: "row_count", sensitivity: 1, lookback_days: 30 },
    data: dryRun,
    malformed: { ...dryRun, recommendation: undefined },
  },
  {
    name: "dryRun(every param)",
    call: (r) =>
      r.dryRun({
        column_name: "c",
        lookback_days: 7,
        sensitivity: 0.5,
        metric_type: "null_percent",
        table_path: "s.t",
        asset_id: "a",
      }),
    method: "POST",
    path: () => "/sdk/metrics/dry-run",
    body: {
      asset_id: "a",
      table_path: "s.t",
      metric_type: "null_percent",
      sensitivity: 0.5,
      lookback_days: 7,
      column_name: "c",
    },
    data: { ...dryRun, sample_alerts: undefined },
    check: (out) => expect(out).toMatchObject({ sample_alerts: [], recommendation: "ok" }),
  },
];

describe("MetricsResource", () => {
  const remote = useRemote();
  wireCases(remote, make, cases);

  iterates(remote, make, {
    name: "iterate(assetId)",
    container: "items",
    item: (i) => ({ ...metric, id: `m${i}` }),
    iterate: (r, p) => r.iterate("asset-uuid", { ...p, is_active: true }),
    path: "/sdk/metrics/asset-uuid",
    search: (at) => `limit=2&offset=${at}&is_active=true`,
  });
  iterates(remote, make, {
    name: "iterateSnapshots(assetId, metricId)",
    container: "items",
    item: snapshot,
    iterate: (r, p) => r.iterateSnapshots("asset-uuid", "metric-uuid", p),
    path: "/sdk/metrics/asset-uuid/metric-uuid/snapshots",
    search: (at) => `limit=2&offset=${at}`,
  });

  it("should keep a qualified name's dots in the path", async () => {
    remote.reply(remote.data(summary));
    await make(transport()).summary("snowflake.prod.warehouse.orders");
    expect(remote.requests[0]!.path).toBe("/sdk/metrics/snowflake.prod.warehouse.orders/summary");
  });

  invalidParams<MetricsResource>(remote, make, [
    ["summary with the literal id 'dry-run'", (r) => r.summary("dry-run")],
    ["list with limit 101", (r) => r.list("a", { limit: 101 })],
    ["list with limit 0", (r) => r.list("a", { limit: 0 })],
    ["list with a negative offset", (r) => r.list("a", { offset: -1 })],
    ["list with is_active as a string", (r) => r.list("a", { is_active: "true" as never })],
    ["list with an unknown key", (r) => r.list("a", { status: "x" } as never)],
    ["iterate with limit 101", (r) => r.iterate("a", { limit: 101 })],
    ["get with snapshot_limit 1001", (r) => r.get("a", "m", { snapshot_limit: 1001 })],
    ["get with the literal metric id 'summary'", (r) => r.get("a", "summary")],
    ["create without table_path", (r) => r.create("a", { metric_type: "row_count" } as never)],
    [
      "create with capture_interval 'monthly'",
      (r) => r.create("a", { metric_type: "row_count", table_path: "t", capture_interval: "monthly" as never }),
    ],
    [
      "create with a NaN sensitivity",
      (r) => r.create("a", { metric_type: "row_count", table_path: "t", sensitivity: Number.NaN }),
    ],
    [
      "create with metric_type 'rows' (not one of the eleven)",
      (r) => r.create("a", { metric_type: "rows" as never, table_path: "t" }),
    ],
    ["list with metric_type 'rows'", (r) => r.list("a", { metric_type: "rows" as never })],
    ["update with capture_interval 'often'", (r) => r.update("a", "m", { capture_interval: "often" as never })],
    ["delete with an empty metric id", (r) => r.delete("a", "")],
    ["capture with a non-string id", (r) => r.capture("a", 5 as never)],
    ["snapshots with limit 1001", (r) => r.snapshots("a", "m", { limit: 1001 })],
    ["iterateSnapshots with limit 0", (r) => r.iterateSnapshots("a", "m", { limit: 0 })],
    ["dryRun without metric_type", (r) => r.dryRun({ asset_id: "a", table_path: "t" } as never)],
    [
      "dryRun with lookback_days 0",
      (r) => r.dryRun({ asset_id: "a", table_path: "t", metric_type: "row_count", lookback_days: 0 }),
    ],
  ]);

  errorMapping(remote, make, (r) => r.get("asset-uuid", "metric-uuid"));
});
