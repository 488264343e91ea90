import { describe, expect, it } from "vitest";
import { AuthorizationError, NotFoundError, ValidationError } from "../../../src/core/errors";
import { createSandbox } from "../../../src/testing";
import { call, sdk } from "./helpers";

const PG = "postgresql.analytics";
const SF = "snowflake.prod";

describe("sandbox metrics routes", () => {
  it("should list an asset's metrics in `items`, filtered and paged", async () => {
    const sandbox = createSandbox();
    const all = await call(sandbox, "GET", `/sdk/metrics/${SF}`);
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((m: { metric_type: string }) => m.metric_type)).toEqual([
      "row_count",
      "distinct_count",
    ]);
    const page = await call(sandbox, "GET", `/sdk/metrics/${SF}?limit=1&offset=1`);
    expect(page.body.data.items).toHaveLength(1);
    expect(page.body.data.pagination).toEqual({ total: 2, limit: 1, offset: 1, has_more: false });
    const filtered = await sdk(sandbox).metrics.list(SF, { metric_type: "distinct_count", is_active: true });
    expect(filtered.map((m) => m.column_name)).toEqual(["country"]);
    // A table asset sees the metrics defined through its source.
    expect((await sdk(sandbox).metrics.list(`${SF}.warehouse.orders`)).map((m) => m.metric_type)).toEqual([
      "row_count",
    ]);
  });

  it("should compute captures from the rows, so inserted rows change the next snapshot", async () => {
    const sandbox = createSandbox();
    const m = sdk(sandbox).metrics;
    const metric = await m.create(PG, { metric_type: "row_count", table_path: "public.products" });
    expect(metric).toMatchObject({
      metric_type: "row_count",
      table_path: "public.products",
      asset_id: 1,
      sensitivity: 1,
      is_active: true,
    });
    const first = await m.capture(PG, metric.id);
    expect(first.snapshot_count).toBe(1);
    expect((first.snapshots?.[0] as { value: number }).value).toBe(40);
    sandbox.admin.insertRows(`${PG}.public.products`, [
      { id: 41, sku: "SKU-1041" },
      { id: 42, sku: "SKU-1042" },
    ]);
    const second = await m.capture(PG, metric.id);
    expect((second.snapshots?.[0] as { value: number }).value).toBe(42);
    const nulls = await m.create(PG, {
      metric_type: "null_percent",
      table_path: "public.products",
      column_name: "price",
    });
    expect(((await m.capture(PG, nulls.id)).snapshots?.[0] as { value: number }).value).toBeCloseTo((2 / 42) * 100, 3);
    const snaps = await m.snapshots(PG, metric.id);
    expect(snaps.map((s) => s.value)).toEqual([42, 40]);
  });

  it("should score captures against history and flag the seeded jump as an anomaly", async () => {
    const sandbox = createSandbox();
    const m = sdk(sandbox).metrics;
    const [nulls] = await m.list(PG, { metric_type: "null_percent" });
    const snaps = await m.snapshots(PG, nulls!.id);
    expect(snaps).toHaveLength(15);
    expect(snaps[0]).toMatchObject({ value: 1, is_anomaly: true, status: "FAIL" });
    expect(snaps[0]!.z_score).toBeGreaterThan(3);
    expect(snaps.slice(1).every((s) => !s.is_anomaly)).toBe(true);
    const summary = await m.summary(PG);
    expect(summary).toMatchObject({
      total_metrics: 1,
      active_metrics: 1,
      total_checks: 1,
      failing: 1,
      passing: 0,
      health_percentage: 0,
    });
    expect(await m.summary(SF)).toMatchObject({ total_metrics: 2, passing: 2, failing: 0, health_percentage: 100 });
  });

  it("should honour include_snapshots and snapshot_limit on get, and accept the internal id", async () => {
    const sandbox = createSandbox();
    const [orders] = await sdk(sandbox).metrics.list(SF, { metric_type: "row_count" });
    const limited = await call(
      sandbox,
      "GET",
      `/sdk/metrics/${SF}/${orders!.id}?include_snapshots=true&snapshot_limit=3`,
    );
    expect(limited.body.data.snapshots).toHaveLength(3);
    expect(limited.body.data.snapshots[0].captured_at).toBe("2026-01-15T11:00:00.000Z");
    const bare = await call(
      sandbox,
      "GET",
      `/sdk/metrics/${SF}/${orders!.id}?include_snapshots=false&snapshot_limit=3`,
    );
    expect(bare.body.data.snapshots).toBeUndefined();
    const byInternal = await call(sandbox, "GET", `/sdk/metrics/${SF}/${orders!.internal_id}`);
    expect(byInternal.body.data.id).toBe(orders!.id);
    expect(byInternal.body.data.snapshots).toHaveLength(15);
    expect((await call(sandbox, "GET", `/sdk/metrics/${PG}/${orders!.id}`)).status).toBe(404);
    await expect(sdk(sandbox).metrics.get(SF, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("should reject what it cannot compute with 422, and unknown tables with 404", async () => {
    const sandbox = createSandbox();
    const bad = await call(sandbox, "POST", `/sdk/metrics/${PG}`, {
      body: { metric_type: "median_age", table_path: "public.orders" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors[0].field).toBe("metric_type");
    const noColumn = await call(sandbox, "POST", `/sdk/metrics/${PG}`, {
      body: { metric_type: "null_percent", table_path: "public.orders" },
    });
    expect(noColumn.status).toBe(422);
    expect(noColumn.body.error.details.errors[0].field).toBe("column_name");
    expect(
      (
        await call(sandbox, "POST", `/sdk/metrics/${PG}`, {
          body: { metric_type: "row_count", table_path: "public.nope" },
        })
      ).status,
    ).toBe(404);
    expect((await call(sandbox, "POST", `/sdk/metrics/${PG}`, { body: { table_path: "public.orders" } })).status).toBe(
      422,
    );
    await expect(
      sdk(sandbox).metrics.create(PG, {
        metric_type: "distinct_count",
        table_path: "public.orders",
        column_name: "ghost",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(sandbox.effects["metrics.create"]).toBeUndefined();
  });

  it("should update, count only real changes, delete, and refuse to capture an inactive metric", async () => {
    const sandbox = createSandbox();
    const m = sdk(sandbox).metrics;
    const metric = await m.create(SF, { metric_type: "row_count", table_path: "warehouse.customers", sensitivity: 4 });
    expect(metric.sensitivity).toBe(4);
    await m.update(SF, metric.id, { capture_interval: "daily" });
    expect(sandbox.effects["metrics.update"]).toBeUndefined();
    const off = await m.update(SF, metric.id, { is_active: false, capture_interval: "hourly" });
    expect(off).toMatchObject({ is_active: false, capture_interval: "hourly" });
    expect(sandbox.effects["metrics.update"]).toBe(1);
    await expect(m.capture(SF, metric.id)).rejects.toBeInstanceOf(ValidationError);
    expect(sandbox.effects["metrics.capture"]).toBeUndefined();
    const del = await call(sandbox, "DELETE", `/sdk/metrics/${SF}/${metric.id}`);
    expect(del.status).toBe(204);
    expect((await call(sandbox, "DELETE", `/sdk/metrics/${SF}/${metric.id}`)).status).toBe(404);
    expect(sandbox.effects).toMatchObject({ "metrics.create": 1, "metrics.update": 1, "metrics.delete": 1 });
  });

  it("should count each write once", async () => {
    const sandbox = createSandbox();
    const m = sdk(sandbox).metrics;
    const metric = await m.create(PG, { metric_type: "row_count", table_path: "public.orders" });
    await m.capture(PG, metric.id);
    await m.capture(PG, metric.id);
    await m.list(PG);
    await m.snapshots(PG, metric.id);
    expect(sandbox.effects).toEqual({ "metrics.create": 1, "metrics.capture": 2 });
  });

  it("should answer 403 to a read-only key on writes but let it read and dry-run", async () => {
    const sandbox = createSandbox();
    const ro = sdk(sandbox, sandbox.keys.readOnly).metrics;
    const [first] = await ro.list(SF);
    await expect(ro.create(SF, { metric_type: "row_count", table_path: "warehouse.orders" })).rejects.toBeInstanceOf(
      AuthorizationError,
    );
    await expect(ro.capture(SF, first!.id)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(ro.update(SF, first!.id, { is_active: false })).rejects.toBeInstanceOf(AuthorizationError);
    const del = await call(sandbox, "DELETE", `/sdk/metrics/${SF}/${first!.id}`, { key: sandbox.keys.readOnly });
    expect(del.status).toBe(403);
    expect(del.body.error.details.required_scope).toBe("read-write");
    expect(
      (await ro.dryRun({ asset_id: SF, table_path: "warehouse.orders", metric_type: "row_count" })).metric_type,
    ).toBe("row_count");
    expect(sandbox.effects).toEqual({});
  });

  it("should dry-run over recorded history when the metric exists, else over a simulated one, changing nothing", async () => {
    const sandbox = createSandbox();
    const m = sdk(sandbox).metrics;
    const [nulls] = await m.list(PG, { metric_type: "null_percent" });
    const recorded = await m.dryRun({
      asset_id: PG,
      table_path: "public.orders",
      metric_type: "null_percent",
      column_name: "amount",
      sensitivity: 3,
    });
    expect(recorded).toMatchObject({
      metric_id: nulls!.id,
      total_snapshots: 15,
      would_alert_count: 1,
      threshold_value: 3,
      threshold_type: "std_dev",
    });
    expect(recorded.sample_alerts[0]).toMatchObject({
      value: 1,
      would_alert: true,
      captured_at: "2026-01-15T11:00:00.000Z",
    });
    const windowed = await m.dryRun({
      asset_id: PG,
      table_path: "public.orders",
      metric_type: "null_percent",
      column_name: "amount",
      lookback_days: 3,
    });
    expect(windowed.total_snapshots).toBe(3);
    const simulated = await m.dryRun({
      asset_id: SF,
      table_path: "marts.customer_ltv",
      metric_type: "row_count",
      lookback_days: 10,
    });
    expect(simulated).toMatchObject({ metric_id: "dry-run", total_snapshots: 10, max_value: 100 });
    const again = await m.dryRun({
      asset_id: SF,
      table_path: "marts.customer_ltv",
      metric_type: "row_count",
      lookback_days: 10,
    });
    expect(again).toEqual(simulated);
    expect(
      (
        await call(sandbox, "POST", "/sdk/metrics/dry-run", {
          body: { asset_id: SF, table_path: "marts.customer_ltv", metric_type: "null_percent" },
        })
      ).status,
    ).toBe(422);
    expect(sandbox.effects).toEqual({});
    expect(await m.list(SF)).toHaveLength(2);
  });

  it("should give the same answers for the same seed", async () => {
    const run = async () => {
      const sandbox = createSandbox({ seed: 11 });
      const m = sdk(sandbox).metrics;
      const metric = await m.create(PG, {
        metric_type: "distinct_count",
        table_path: "public.customers",
        column_name: "country",
      });
      await m.capture(PG, metric.id);
      return [
        await m.list(PG),
        await m.snapshots(PG, metric.id),
        await m.dryRun({ asset_id: PG, table_path: "public.payments", metric_type: "row_count" }),
      ];
    };
    expect(await run()).toEqual(await run());
  });
});
