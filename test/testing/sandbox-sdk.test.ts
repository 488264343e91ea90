import { describe, expect, it } from "vitest";
import { createTransport } from "../../src/core/http";
import {
  AuthenticationError,
  AuthorizationError,
  NotFoundError,
  StalenessError,
  ValidationError,
} from "../../src/core/errors";
import { ApiKeysResource } from "../../src/resources/api-keys";
import { AssetsResource } from "../../src/resources/assets";
import { BadgesResource } from "../../src/resources/badges";
import { FreshnessResource } from "../../src/resources/freshness";
import { HealthResource } from "../../src/resources/health";
import { IntelligenceResource } from "../../src/resources/intelligence";
import { JobsResource } from "../../src/resources/jobs";
import { LineageResource } from "../../src/resources/lineage";
import { RecommendationsResource } from "../../src/resources/recommendations";
import { SchemaResource } from "../../src/resources/schema";
import { TagsResource } from "../../src/resources/tags";
import { createSandbox, type Sandbox } from "../../src/testing";

const ORDERS = "snowflake.prod.warehouse.orders";

/** Our own SDK pointed at a sandbox: every answer goes through the SDK's response models. */
function sdk(sandbox: Sandbox, apiKey = sandbox.keys.admin) {
  const t = createTransport({ apiKey, apiUrl: sandbox.url, fetch: sandbox.fetch, maxRetries: 0 });
  return {
    assets: new AssetsResource(t),
    freshness: new FreshnessResource(t),
    schema: new SchemaResource(t),
    lineage: new LineageResource(t),
    tags: new TagsResource(t),
    jobs: new JobsResource(t),
    apiKeys: new ApiKeysResource(t),
    intelligence: new IntelligenceResource(t),
    badges: new BadgesResource(t),
    health: new HealthResource(t),
    recommendations: new RecommendationsResource(t),
  };
}

describe("createSandbox (through the SDK)", () => {
  it("should serve assets the SDK models accept, filtered and paged", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox);
    const snowflake = await c.assets.list({ source: "snowflake", limit: 10 });
    expect(snowflake.map((a) => a.qualified_name)).toContain(ORDERS);
    expect(snowflake.every((a) => a.qualified_name.startsWith("snowflake.prod"))).toBe(true);
    const all = [];
    for await (const a of c.assets.iterate({ limit: 4 })) all.push(a);
    expect(all).toHaveLength(18);
    expect(all.filter((a) => a.asset_type === "database").map((a) => a.qualified_name)).toEqual([
      "postgresql.analytics",
      "snowflake.prod",
      "databricks.lakehouse",
      "bigquery.marketing",
    ]);
    const views = await c.assets.list({ asset_type: "view", limit: 100 });
    expect(views.map((a) => a.name).sort()).toEqual(["revenue_daily", "stg_customers", "stg_orders"]);
    expect((await c.assets.list({ search: "churn" })).map((a) => a.qualified_name)).toEqual([
      "snowflake.prod.marts.customer_ltv",
      "databricks.lakehouse.ml.churn_features",
    ]);
    const orders = await c.assets.get(ORDERS);
    expect(orders).toMatchObject({
      source: "snowflake",
      database: "prod",
      schema_name: "warehouse",
      table_name: "orders",
      row_count: 181,
    });
    await expect(c.assets.get("snowflake.prod.nothing.here")).rejects.toBeInstanceOf(NotFoundError);
    await expect(c.assets.get("snowflake.prod.nothing.here")).rejects.toMatchObject({ code: "ASSET_NOT_FOUND" });
  });

  it("should create a source, test its connection and discover it through a job", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readWrite);
    const created = await c.assets.create({
      name: "Events",
      source_type: "clickhouse",
      connection_config: { database: "events", host: "ch.internal" },
    });
    expect(created).toMatchObject({ qualified_name: "clickhouse.events", asset_type: "database" });
    expect((await c.assets.testConnection(created.id)).success).toBe(true);
    const job = await c.assets.triggerDiscovery(created.id);
    expect(job.asset_id).toBe(created.id);
    expect((await c.jobs.status(job.job_id)).status).toBe("pending");
    sandbox.clock.advance({ seconds: 6 });
    expect((await c.jobs.status(job.job_id)).status).toBe("completed");
    expect((await c.assets.list({ source: "clickhouse" })).length).toBe(3);
  });

  it("should answer freshness as requireFresh expects, fresh now and stale two days later", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readOnly);
    const fresh = await c.freshness.requireFresh(ORDERS);
    expect(fresh).toMatchObject({
      status: "fresh",
      hours_since_update: 2.5,
      staleness_threshold_hours: 24,
      is_fresh: true,
    });
    await expect(c.freshness.requireFresh("snowflake.prod.marts.revenue_daily")).rejects.toBeInstanceOf(StalenessError);
    const summary = await c.freshness.summary();
    expect(summary).toMatchObject({
      total_assets: 14,
      fresh_count: 10,
      fresh: 10,
      stale_count: 2,
      unknown_count: 1,
      disabled_count: 1,
    });
    expect(summary.freshness_rate).toBe(summary.fresh_percentage);
    expect((await c.freshness.list({ status: "stale" })).map((s) => s.qualified_name).sort()).toEqual([
      "databricks.lakehouse.events.page_views",
      "snowflake.prod.marts.revenue_daily",
    ]);
    sandbox.clock.advance({ hours: 48 });
    await expect(c.freshness.requireFresh(ORDERS)).rejects.toMatchObject({
      hours_since_update: 50.5,
      threshold_hours: 24,
    });
  });

  it("should run freshness schedules, dry runs and refresh jobs", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readWrite);
    const schedule = await c.freshness.createSchedule({
      asset_id: "postgresql.analytics",
      table_path: "public.products",
      check_interval: "1h",
      monitoring_mode: "explicit",
      expected_interval_hours: 48,
    });
    expect(schedule).toMatchObject({ table_path: "public.products", monitoring_mode: "explicit", is_active: true });
    // An explicit schedule's interval becomes the threshold in force.
    expect(await c.freshness.get("postgresql.analytics.public.products")).toMatchObject({
      status: "stale",
      staleness_threshold_hours: 48,
    });
    await c.freshness.updateSchedule(schedule.id, { is_active: false });
    expect(await c.freshness.get("postgresql.analytics.public.products")).toMatchObject({
      status: "fresh",
      staleness_threshold_hours: 168,
    });
    expect(await c.freshness.listSchedules({ asset_id: "postgresql.analytics" })).toHaveLength(1);
    await c.freshness.deleteSchedule(schedule.id);
    expect(await c.freshness.listSchedules({ asset_id: "postgresql.analytics" })).toHaveLength(0);
    await expect(
      c.freshness.createSchedule({
        asset_id: "postgresql.analytics",
        table_path: "public.nothing",
        check_interval: "1h",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const dry = await c.freshness.dryRun({
      asset_id: "snowflake.prod",
      table_path: "marts.revenue_daily",
      expected_interval_hours: 24,
    });
    expect(dry).toMatchObject({ lookback_days: 7, total_checks: 168, would_alert_now: true, current_age_hours: 26.5 });
    expect(dry.would_alert_count).toBe(8);
    const tight = await c.freshness.dryRun({
      asset_id: "snowflake.prod",
      table_path: "warehouse.orders",
      expected_interval_hours: 1,
    });
    expect(tight.alert_rate_percent).toBeGreaterThan(dry.alert_rate_percent);

    const refresh = await c.freshness.refresh(ORDERS);
    expect(refresh.status).toBe("pending");
    sandbox.clock.advance({ seconds: 3 });
    expect((await c.jobs.status(refresh.job_id)).status).toBe("running");
  });

  it("should report schema drift, baselines, monitoring and dry runs", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readWrite);
    expect(await c.schema.summary()).toMatchObject({
      total_changes: 3,
      unacknowledged: 2,
      critical_count: 1,
      warning_count: 1,
      info_count: 1,
    });
    expect((await c.schema.changes({ unacknowledged_only: true })).map((x) => x.column_name)).toEqual([
      "signup_date",
      "currency",
    ]);
    sandbox.admin.alterTable(ORDERS, { add: ["region:varchar?"] });
    const mine = await c.schema.changes({ asset_id: ORDERS });
    expect(mine[0]).toMatchObject({
      change_type: "column_added",
      column_name: "region",
      severity: "info",
      qualified_name: ORDERS,
    });
    const baseline = await c.schema.createBaseline("postgresql.analytics", { description: "before migration" });
    expect(baseline).toMatchObject({ table_count: 4, column_count: 20, description: "before migration" });
    const on = await c.schema.enableMonitoring("postgresql.analytics", { schedule_type: "hourly" });
    expect(on).toMatchObject({ monitoring_enabled: true, schedule_type: "hourly" });
    expect((await c.schema.disableMonitoring("postgresql.analytics")).monitoring_enabled).toBe(false);
    const dry = await c.schema.dryRun({ asset_id: "snowflake.prod" });
    expect(dry).toMatchObject({ baseline_exists: true, changes_detected: true, total_changes: 3 });
    const details = await c.schema.get(ORDERS);
    expect(details).toMatchObject({ asset_id: expect.any(String), qualified_name: ORDERS });
    const refresh = await c.schema.refresh("snowflake.prod");
    expect(refresh.job_id).toEqual(expect.any(String));
  });

  it("should walk lineage by depth and direction", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readOnly);
    const one = await c.lineage.get(ORDERS);
    expect(one.upstream.map((n) => n.qualified_name).sort()).toEqual([
      "postgresql.analytics.public.payments",
      "postgresql.analytics.public.products",
      "snowflake.prod.staging.stg_orders",
    ]);
    expect(one.downstream.map((n) => n.name).sort()).toEqual(["attribution", "customer_ltv", "revenue_daily"]);
    const deep = await c.lineage.get(ORDERS, { depth: 3, direction: "upstream" });
    expect(deep.upstream.map((n) => n.qualified_name)).toContain("postgresql.analytics.public.orders");
    expect(deep.downstream).toEqual([]);
    expect(deep.edges.every((e) => e.edge_type === "data_flow")).toBe(true);
    const nodes = await c.lineage.list({ limit: 100 });
    expect(nodes.length).toBe(14);
  });

  it("should create, apply and list tags", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readWrite);
    const tag = await c.tags.create({ asset: "snowflake.prod", name: "gold", object_path: "marts.customer_ltv" });
    expect(tag).toMatchObject({ name: "gold", category: "business", object_path: "marts.customer_ltv" });
    const applied = await c.tags.apply({
      asset: "postgresql.analytics",
      tag_names: ["raw", "pii"],
      object_paths: ["public.customers", "public.nothing"],
    });
    expect(applied).toEqual({ applied: 2, failed: 2, total: 4 });
    const bulk = await c.tags.bulkApply({ tag_name: "owned-by-data", asset_ids: [ORDERS, "nope.nothing"] });
    expect(bulk).toEqual({ applied: 1, failed: 1, total: 2 });
    expect((await c.tags.list({ asset: "postgresql.analytics" })).map((t) => t.name).sort()).toEqual([
      "pii",
      "pii",
      "raw",
    ]);
    expect((await c.assets.get(ORDERS)).tags).toEqual(expect.arrayContaining(["finance", "tier-1", "owned-by-data"]));
    expect(sandbox.effects).toMatchObject({ "tags.create": 1, "tags.apply": 2, "tags.bulk_apply": 1 });
  });

  it("should manage API keys with the admin key only", async () => {
    const sandbox = createSandbox();
    const admin = sdk(sandbox);
    const usage = await admin.apiKeys.usage();
    expect(usage).toMatchObject({ current_count: 3, can_create: true });
    const created = await admin.apiKeys.create({ name: "pipeline", scope: "read-only" });
    expect(created.display_key).toContain("...");
    const pipeline = sdk(sandbox, created.key);
    expect((await pipeline.freshness.summary()).total_assets).toBe(14);
    await expect(pipeline.apiKeys.list()).rejects.toBeInstanceOf(AuthorizationError);
    await expect(pipeline.freshness.refresh(ORDERS)).rejects.toMatchObject({
      details: { required_scope: "read-write" },
    });
    await admin.apiKeys.revoke(created.id);
    await expect(pipeline.freshness.summary()).rejects.toBeInstanceOf(AuthenticationError);
    expect(await admin.apiKeys.list()).toHaveLength(3);
    expect(await admin.apiKeys.list({ include_revoked: true })).toHaveLength(4);
    expect((await admin.apiKeys.get(created.id)).is_active).toBe(false);
  });

  it("should generate intelligence through a job and answer from the catalogue", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox);
    await expect(
      c.intelligence.ask({ asset: "databricks.lakehouse", question: "What is stale?" }),
    ).rejects.toMatchObject({ code: "INTELLIGENCE_NOT_GENERATED" });
    await expect(
      c.intelligence.ask({ asset: "databricks.lakehouse", question: "What is stale?" }),
    ).rejects.toBeInstanceOf(ValidationError);
    const warehouse = await c.intelligence.ask({ asset: ORDERS, question: "Which columns does orders have?" });
    expect(warehouse.confidence).toBe("high");
    expect(warehouse.answer).toContain("discount_code varchar");
    expect(warehouse.sources[0]).toMatchObject({ asset_name: "snowflake.prod" });
    const started = await c.intelligence.generate({ asset: "databricks.lakehouse" });
    expect(started.status).toBe("started");
    sandbox.clock.advance({ seconds: 5 });
    const stale = await c.intelligence.ask({ asset: "databricks.lakehouse", question: "What is stale?" });
    expect(stale.answer).toContain("databricks.lakehouse.events.page_views");
  });

  it("should manage badges and compute their status", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readWrite);
    const green = await c.badges.create({ asset: ORDERS, label: "orders" });
    expect(green).toMatchObject({ label: "orders", tag_filters: [], is_active: true });
    expect((await c.badges.getStatus(green.id)).status).toBe("passing");
    const red = await c.badges.create({ asset: "snowflake.prod", tag_filters: ["finance"] });
    expect((await c.badges.getStatus(red.id)).status).toBe("failing");
    const updated = await c.badges.update(green.id, { is_active: false });
    expect(updated.is_active).toBe(false);
    expect(await c.badges.list()).toHaveLength(1);
    expect(await c.badges.list({ active_only: false })).toHaveLength(2);
    await c.badges.delete(red.id);
    await expect(c.badges.get(red.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("should roll health up from state and recommend from it", async () => {
    const sandbox = createSandbox();
    const c = sdk(sandbox, sandbox.keys.readOnly);
    const health = await c.health.summary();
    expect(health.overall_status).toBe("critical");
    expect(health.freshness.stale_count).toBe(2);
    expect(health.needs_attention.map((i) => i.type)).toEqual(expect.arrayContaining(["stale_data", "schema_change"]));
    const fr = await c.recommendations.freshness({ asset_id: "postgresql.analytics" });
    expect(fr.tables_analyzed).toBe(4);
    expect(fr.recommendations.find((r) => r.table_path === "public.orders")).toMatchObject({
      detected_frequency: "hourly",
      suggested_threshold_hours: 2,
    });
    const metrics = await c.recommendations.metrics({ asset_id: "snowflake.prod", table_path: "warehouse.customers" });
    expect(metrics.recommendations.map((r) => `${r.column_name}:${r.suggested_check_type}`)).toEqual(
      expect.arrayContaining(["customer_id:validity", "email:validity", "email:metric"]),
    );
    // A column a seeded rule already covers is not recommended again.
    const covered = await c.recommendations.metrics({
      asset_id: "postgresql.analytics",
      table_path: "public.customers",
    });
    expect(covered.recommendations.map((r) => r.column_name)).not.toContain("email");
    const coverage = await c.recommendations.coverage({ asset_id: "bigquery.marketing" });
    expect(coverage.total_tables).toBe(2);
    const thresholds = await c.recommendations.thresholds({ asset_id: "databricks.lakehouse" });
    expect(thresholds.monitored_items_analyzed).toBe(2);
  });
});
