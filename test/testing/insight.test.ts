/**
 * The sandbox's insight surfaces — alerts, investigations, intelligence, health, badges, recommendations
 * and dry runs — through our SDK: each answer is computed from the store, so each changes when the state
 * does, and every citation a capsule makes resolves to a record through the API.
 */
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import type { Evidence, EvidenceCapsule } from "../../src/resources/investigations";
import { createSandbox, type Sandbox } from "../../src/testing";

/** The answer's sources as a list (the model also admits the seed's single string). */
function sourceList<T>(sources: string | T[]): (string | T)[] {
  return Array.isArray(sources) ? sources : [sources];
}

const PG = "postgresql.analytics";
const SF = "snowflake.prod";
const WH_ORDERS = `${SF}.warehouse.orders`;
const WH_CUSTOMERS = `${SF}.warehouse.customers`;
const REVENUE = `${SF}.marts.revenue_daily`;
const PG_ORDERS = `${PG}.public.orders`;

function setup(seed?: number): { sandbox: Sandbox; client: Client } {
  const sandbox = createSandbox(seed === undefined ? {} : { seed });
  const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch, maxRetries: 0 });
  return { sandbox, client };
}

/** A field the SDK's model keeps but does not type (the sandbox sends more than the wire's minimum). */
function extra<T = string>(record: object, key: string): T {
  return (record as Record<string, unknown>)[key] as T;
}

/**
 * Resolves one citation through the SDK, as README "Citations" says: the record must exist and carry the
 * cited id.
 */
async function resolve(client: Client, e: Evidence): Promise<string> {
  const id = e.source_id as string;
  const asset = e.details["asset_id"] as string;
  switch (e.source) {
    case "alert": {
      expect((await client.alerts.history(id)).map((h) => h.action)).toContain("triggered");
      return (await client.alerts.list({ asset_id: asset, limit: 100 })).find((a) => a.id === id)?.id ?? "missing";
    }
    case "schema_change":
      return (await client.schema.changes({ asset_id: asset, limit: 100 })).find((c) => c.id === id)?.id ?? "missing";
    case "metric":
      return (await client.metrics.get(asset, id)).id;
    case "validity":
      return (await client.validity.get(asset, id)).uuid;
    case "referential":
      return (await client.referential.get(asset, id)).id;
    case "lineage":
      return (await client.assets.get(id)).id;
    default:
      throw new Error(`Citation with no resolution path: ${String(e.source)}`);
  }
}

async function expectResolvable(client: Client, capsule: EvidenceCapsule): Promise<number> {
  const all = [...capsule.triggers, ...capsule.consequences];
  // audit: returns the count, which its callers assert
  for (const e of all) expect(await resolve(client, e), `${e.source} ${e.source_id}`).toBe(e.source_id);
  return all.length;
}

const uuidOf = async (client: Client, name: string) => (await client.assets.get(name)).id;

describe("createSandbox", () => {
  describe("investigations", () => {
    it("should drop the evidence and resolve the alert once the failing rows are fixed and the check runs", async () => {
      const { sandbox, client } = setup();
      const orders = await uuidOf(client, WH_ORDERS);
      const [check] = await client.referential.list(WH_ORDERS);
      const before = await client.investigations.explain({ asset_id: orders, event_type: "validity" });
      expect(before.triggers[0]).toMatchObject({
        event_type: "referential_failure",
        source: "referential",
        source_id: check!.id,
      });
      const alert = (await client.alerts.list({ asset_id: orders })).find((a) => extra(a, "source_id") === check!.id)!;
      expect(alert.status).toBe("triggered");

      // Customers 116–120 never reached the warehouse, and 901–904 never existed.
      expect(sandbox.admin.deleteRows(WH_ORDERS, (row) => (row["customer_id"] as number) > 115)).toBe(11);
      expect((await client.referential.execute(WH_ORDERS, check!.id)).status).toBe("pass");

      const after = await client.investigations.explain({ asset_id: orders, event_type: "validity" });
      expect(after.triggers.some((t) => t.source_id === check!.id)).toBe(false);
      expect(after.root_cause_hypothesis).not.toEqual(before.root_cause_hypothesis);
      expect((await client.alerts.list({ asset_id: orders })).find((a) => a.id === alert.id)?.status).toBe("resolved");
      expect((await client.alerts.history(alert.id)).map((h) => h.action)).toEqual(["triggered", "auto_resolved"]);
      // The capsule persisted when the alert fired still tells why it fired.
      const persisted = await client.investigations.get(extra(alert, "investigation_id"));
      expect(persisted.triggers[0]).toMatchObject({ source: "referential", source_id: check!.id });
      expect(extra(persisted, "alert_status")).toBe("resolved");
    });

    it("should do the same for a validity rule fixed by updating rows", async () => {
      const { sandbox, client } = setup();
      const orders = await uuidOf(client, PG_ORDERS);
      const rule = (await client.validity.list(PG, { limit: 100 })).find((r) => r.table_path === "public.orders")!;
      const cited = async () =>
        (await client.investigations.explain({ asset_id: orders, event_type: "validity" })).triggers.map(
          (t) => t.source_id,
        );
      expect(await cited()).toContain(rule.uuid);
      expect(sandbox.admin.updateRows(PG_ORDERS, { status: "shipd" }, { status: "shipped" })).toBe(1);
      await client.validity.check(PG, rule.uuid);
      expect(await cited()).not.toContain(rule.uuid);
      const alert = (await client.alerts.list({ asset_id: orders, limit: 100 })).find(
        (a) => extra(a, "source_id") === rule.uuid,
      );
      expect(alert?.status).toBe("resolved");
    });

    it("should move the hypothesis down the lineage as stale upstreams load", async () => {
      const { sandbox, client } = setup();
      const revenue = await uuidOf(client, REVENUE);
      const explain = () => client.investigations.explain({ asset_id: revenue, event_type: "freshness" });
      const own = await explain();
      expect(own.root_cause_hypothesis).toContain("its own load is failing");

      sandbox.clock.advance({ hours: 48 });
      const cascade = await explain();
      expect(cascade.triggers[0]).toMatchObject({
        event_type: "freshness_cascade",
        source: "lineage",
        source_id: await uuidOf(client, `${PG}.public.payments`),
      });
      expect(cascade.root_cause_hypothesis).toContain(`${PG}.public.payments`);
      expect(cascade.suggested_fix).toContain(`${PG}.public.payments → ${WH_ORDERS} → ${REVENUE}`);
      expect(cascade.open_questions.join(" ")).toContain("2 upstream tables are stale");
      // The table's own staleness is now a symptom and ranks below its root cause.
      const symptom = cascade.triggers.find((t) => t.event_type === "freshness_stale")!;
      expect(symptom.details["symptom"]).toBe(true);
      expect(symptom.confidence).toBeLessThan(cascade.triggers[0]!.confidence);

      sandbox.admin.touchTable(`${PG}.public.payments`);
      expect((await explain()).root_cause_hypothesis).toContain(`${PG_ORDERS}, 3 hops upstream`);
      sandbox.admin.touchTable(PG_ORDERS);
      expect((await explain()).root_cause_hypothesis).toContain(`${SF}.staging.stg_orders, 2 hops upstream`);
      sandbox.admin.touchTable(`${SF}.staging.stg_orders`);
      sandbox.admin.touchTable(WH_ORDERS);
      expect((await explain()).root_cause_hypothesis).toContain(`${REVENUE} has not loaded for 74.5 h`);
      sandbox.admin.touchTable(REVENUE);
      const settled = await explain();
      expect(settled.triggers.some((t) => t.event_type.startsWith("freshness"))).toBe(false);
    });

    it("should cite a new schema change and rank it up when trouble follows it", async () => {
      const { sandbox, client } = setup();
      const customers = await uuidOf(client, WH_CUSTOMERS);
      const schemaEvidence = async () =>
        (await client.investigations.explain({ asset_id: customers, event_type: "schema_change" })).triggers.filter(
          (t) => t.event_type === "schema_change",
        );
      const before = await schemaEvidence();
      const [change] = sandbox.admin.alterTable(WH_CUSTOMERS, { drop: ["segment"] });
      const after = await schemaEvidence();
      expect(after).toHaveLength(before.length + 1);
      expect(after[0]).toMatchObject({
        source: "schema_change",
        source_id: change!["id"],
        details: { change_type: "column_removed", column_name: "segment", asset_id: customers },
      });
      // A critical change matches "Breaking schema changes": an alert with its own capsule.
      const alert = (await client.alerts.list({ asset_id: customers })).find(
        (a) => extra(a, "source_id") === change!["id"],
      )!;
      expect(alert).toMatchObject({ severity: "critical", rule_name: "Breaking schema changes" });
      const capsule = await client.investigations.get(extra(alert, "investigation_id"));
      expect(capsule.root_cause_hypothesis).toContain("column_removed segment");
      // A failing check on the table after the change makes the change a suspect.
      const rule = await client.validity.create(SF, {
        rule_type: "NOT_NULL",
        table_path: "warehouse.customers",
        column_name: "email",
      });
      sandbox.admin.updateRows(WH_CUSTOMERS, (row) => (row["customer_id"] as number) <= 3, { email: null });
      await client.validity.check(SF, rule.uuid);
      const suspect = (await schemaEvidence()).find((t) => t.source_id === change!["id"])!;
      expect(suspect.details["followed_by"]).toContain("break");
      expect(suspect.confidence).toBeGreaterThan(after[0]!.confidence);
    });

    it("should resolve every citation of every capsule: explain on every asset and focus, get for every alert", async () => {
      const { sandbox, client } = setup();
      // More going on than at start: everything stale after two days, a dropped column, a new failing rule.
      sandbox.clock.advance({ hours: 48 });
      sandbox.admin.alterTable(`${SF}.staging.stg_orders`, { drop: ["status"] });
      const rule = await client.validity.create(PG, {
        rule_type: "RANGE",
        table_path: "public.orders",
        column_name: "amount",
        rule_config: { min: 0, max: 10000 },
      });
      await client.validity.check(PG, rule.uuid);
      let cited = 0;
      const sources = new Set<string>();
      for (const asset of await client.assets.list({ limit: 100 })) {
        for (const event_type of ["anomaly", "freshness", "schema_change", "validity"] as const) {
          const capsule = await client.investigations.explain({ asset_id: asset.id, event_type });
          expect(capsule.investigation_id).toBeNull();
          cited += await expectResolvable(client, capsule);
          for (const t of capsule.triggers) sources.add(t.source as string);
        }
      }
      const alerts = await client.alerts.list({ limit: 100 });
      expect(alerts.length).toBeGreaterThan(10);
      for (const alert of alerts) {
        const capsule = await client.investigations.get(extra(alert, "investigation_id"));
        expect(capsule.investigation_id).toBe(extra(alert, "investigation_id"));
        cited += await expectResolvable(client, capsule);
      }
      expect(cited).toBeGreaterThan(200);
      expect([...sources].sort()).toEqual(["alert", "lineage", "metric", "referential", "schema_change", "validity"]);
    });
  });

  describe("alerts", () => {
    it("should move summary and trends with the clock", async () => {
      const { sandbox, client } = setup();
      const day = async () =>
        (await client.alerts.trends({ period: "24h" })).trends as { timestamp: string; count: number }[];
      const start = await day();
      expect(start.reduce((n, b) => n + b.count, 0)).toBe(7);
      expect(await client.alerts.summary()).toMatchObject({ recent_alerts: 7, unresolved_alerts: 7 });
      expect(start.find((b) => b.timestamp === "2026-01-15T07:00:00.000Z")?.count).toBe(1);
      // Four tables go stale (customer_ltv 18 h after start); the two oldest alerts leave the 24-hour window.
      sandbox.clock.advance({ hours: 19 });
      const later = await day();
      expect(later.find((b) => b.timestamp === "2026-01-16T06:00:00.000Z")?.count).toBe(1);
      expect(later[0]!.timestamp).toBe("2026-01-15T08:00:00.000Z");
      expect(later.reduce((n, b) => n + b.count, 0)).toBe(7 - 2 + 4);
      const summary = await client.alerts.summary();
      expect(summary.unresolved_alerts).toBeGreaterThan(7);
      expect(summary.recent_alerts).toBeLessThan(summary.unresolved_alerts);
    });

    it("should preview a rule over the lookback from the records, disabled rules included", async () => {
      const { sandbox, client } = setup();
      const digest = (await client.alerts.rules()).find((r) => r.name === "Info digest")!;
      const first = await client.alerts.preview({ rule_id: digest.id });
      // The discount_code column added two days ago: info, heard by no enabled rule, so never raised.
      expect(first).toMatchObject({
        alerts_would_match: 1,
        alerts_by_type: { schema_drift: 1 },
        alerts_by_severity: { info: 1 },
      });
      expect(first.sample_alerts[0]).toMatchObject({ severity: "info", asset_name: WH_ORDERS });
      sandbox.admin.alterTable(WH_CUSTOMERS, { add: ["tier:varchar?"] });
      expect((await client.alerts.preview({ rule_id: digest.id })).alerts_would_match).toBe(2);
      expect((await client.alerts.preview({ rule_id: digest.id, lookback_days: 1 })).alerts_would_match).toBe(1);
      // The stale-data rule replays each table's load history: more late loads in a longer window.
      const stale = (await client.alerts.rules()).find((r) => r.name === "Stale data")!;
      const week = await client.alerts.preview({ rule_id: stale.id });
      const month = await client.alerts.preview({ rule_id: stale.id, lookback_days: 14 });
      expect(month.alerts_would_match).toBeGreaterThan(week.alerts_would_match);
      expect(extra<number>(week, "alerts_raised")).toBe(2);
    });
  });

  describe("intelligence", () => {
    it("should refuse to answer before generation, generate through a job, and answer with sources", async () => {
      const { sandbox, client } = setup();
      const ask = (question: string) => client.intelligence.ask({ asset: "databricks.lakehouse", question });
      await expect(ask("What is stale?")).rejects.toMatchObject({ status: 400, code: "INTELLIGENCE_NOT_GENERATED" });
      const job = await client.intelligence.generate({ asset: "databricks.lakehouse" });
      expect((await client.jobs.status(job.job_id)).status).toBe("pending");
      await expect(ask("What is stale?")).rejects.toMatchObject({ code: "INTELLIGENCE_NOT_GENERATED" });
      sandbox.clock.advance({ seconds: 5 });
      expect((await client.jobs.status(job.job_id)).status).toBe("completed");
      const stale = await ask("What is stale right now?");
      expect(stale.answer).toContain("databricks.lakehouse.events.page_views (6 h since its last load, threshold 1 h)");
      expect(sourceList(stale.sources).map((s) => (typeof s === "string" ? s : s.asset_name))).toEqual([
        "databricks.lakehouse",
        "databricks.lakehouse.events.page_views",
        "databricks.lakehouse.ml.churn_features",
      ]);
      sandbox.admin.touchTable("databricks.lakehouse.events.page_views");
      expect((await ask("What is stale right now?")).answer).toContain("within its freshness threshold");
    });

    it("should answer about tables, columns, tags and lineage from the catalogue", async () => {
      const { client } = setup();
      const ask = (question: string) => client.intelligence.ask({ asset: SF, question });
      const tags = await ask("Which columns are tagged pii?");
      expect(tags).toMatchObject({ confidence: "high", answer: `Tags: 'pii' (governance) on ${WH_CUSTOMERS}.email.` });
      expect((await ask("What tags are on warehouse.orders?")).answer).toContain(
        "'finance' (business) on snowflake.prod.warehouse.orders; 'tier-1' (technical)",
      );
      expect((await ask("What type is signup_date?")).answer).toBe(
        `Column signup_date is in ${SF}.staging.stg_customers (date).`,
      );
      const lineage = await ask("What feeds customer_ltv?");
      expect(lineage.answer).toContain(`upstream: ${WH_ORDERS}, ${WH_CUSTOMERS}`);
      expect(sourceList(lineage.sources).map((s) => (typeof s === "string" ? s : s.asset_name))).toEqual([
        SF,
        `${SF}.marts.customer_ltv`,
      ]);
      expect((await ask("hello there, anything?")).confidence).toBe("low");
    });

    it("should answer for a table added after generation, flagged until intelligence is generated again", async () => {
      const { sandbox, client } = setup();
      const ask = (question: string) => client.intelligence.ask({ asset: SF, question });
      const before = await ask("Which tables are in this warehouse?");
      expect(before.answer).not.toContain("refunds");
      sandbox.admin.addTable({
        source: SF,
        schema: "marts",
        table: "refunds",
        columns: ["refund_id:integer", "order_id:integer", "amount:numeric"],
      });
      const added = await ask("Which tables are in this warehouse?");
      expect(added.answer).toContain(
        `${SF}.marts.refunds (table, 0 rows, 3 columns) (added after intelligence was generated`,
      );
      expect(added.confidence).toBe("low");
      const columns = await ask("Which columns does refunds have?");
      expect(columns).toMatchObject({ confidence: "medium" });
      const undocumented = sourceList(columns.sources).find(
        (s) => typeof s !== "string" && s.asset_name === `${SF}.marts.refunds`,
      );
      expect(undocumented).toMatchObject({ generated_at: null, token_count: 0 });
      await client.intelligence.generate({ asset: SF, force_refresh: true });
      sandbox.clock.advance({ seconds: 5 });
      const regenerated = await ask("Which columns does refunds have?");
      expect(regenerated).toMatchObject({
        confidence: "high",
        answer: `${SF}.marts.refunds: refund_id integer, order_id integer, amount numeric.`,
      });
    });
  });

  describe("health and badges", () => {
    it("should follow the clock and loads", async () => {
      const { sandbox, client } = setup();
      const badge = await client.badges.create({ asset: WH_ORDERS });
      const upstream = await client.badges.create({
        asset: REVENUE,
        schema_drift_enabled: false,
        include_upstream: true,
      });
      expect((await client.badges.getStatus(badge.id)).status).toBe("passing");
      expect((await client.badges.getStatus(upstream.id)).status).toBe("failing");
      const start = await client.health.summary();
      expect(start.freshness.stale_count).toBe(2);
      // Stale items weigh like the alerts they raise: critical past twice the threshold.
      const staleItems = (h: typeof start) =>
        Object.fromEntries(
          h.needs_attention.filter((i) => i.type === "stale_data").map((i) => [i.asset_name, i.severity]),
        );
      expect(staleItems(start)).toEqual({ [REVENUE]: "warning", "databricks.lakehouse.events.page_views": "critical" });
      sandbox.clock.advance({ hours: 48 });
      expect((await client.badges.getStatus(badge.id)).status).toBe("failing");
      const later = await client.health.summary();
      expect(later.freshness.stale_count).toBe(10);
      expect(later.needs_attention.length).toBeGreaterThan(start.needs_attention.length);
      expect(staleItems(later)[REVENUE]).toBe("critical");
      expect(later.alerts.unresolved_alerts).toBeGreaterThan(start.alerts.unresolved_alerts);
      sandbox.admin.touchTable(WH_ORDERS);
      expect((await client.badges.getStatus(badge.id)).status).toBe("passing");
      expect((await client.health.summary()).freshness.stale_count).toBe(9);
    });
  });

  describe("recommendations", () => {
    it("should learn freshness intervals from the load history", async () => {
      const { sandbox, client } = setup();
      const products = async () =>
        (await client.recommendations.freshness({ asset_id: PG, min_confidence: 0 })).recommendations.find(
          (r) => r.table_path === "public.products",
        );
      expect(await products()).toMatchObject({ detected_frequency: "weekly", suggested_check_interval: "24h" });
      // Products start arriving hourly: 60 loads over the last 60 hours.
      const now = Date.parse(sandbox.clock.now().toISOString());
      for (let h = 60; h >= 1; h--) sandbox.admin.touchTable(`${PG}.public.products`, now - h * 3_600_000);
      expect(await products()).toMatchObject({
        suggested_check_interval: "1h",
        suggested_threshold_hours: 2,
        data_points: 65,
      });
    });

    it("should recommend metrics for new columns and coverage for new tables", async () => {
      const { sandbox, client } = setup();
      const recommended = async () =>
        (
          await client.recommendations.metrics({ asset_id: SF, table_path: "warehouse.customers", min_confidence: 0 })
        ).recommendations.map((r) => r.column_name);
      expect(await recommended()).not.toContain("tier");
      sandbox.admin.alterTable(WH_CUSTOMERS, { add: ["tier:varchar?"] });
      expect(await recommended()).toContain("tier");
      // An unmonitored table (no threshold, no checks, no schema monitoring on its source) lowers coverage.
      const coverage = await client.recommendations.coverage({ asset_id: PG });
      sandbox.admin.addTable({
        source: PG,
        schema: "public",
        table: "refunds",
        columns: ["refund_id:integer"],
        threshold_hours: null,
      });
      const wider = await client.recommendations.coverage({ asset_id: PG });
      expect(wider.recommendations.find((r) => r.table_path === "public.refunds")?.currently_monitored).toEqual({
        freshness: false,
        metrics: false,
        schema_drift: false,
        validity: false,
      });
      expect(wider.total_tables).toBe(coverage.total_tables + 1);
      expect(wider.coverage_percentage).toBeLessThan(coverage.coverage_percentage);
    });

    it("should raise a noisy threshold once its alerts are dismissed", async () => {
      const { client } = setup();
      const revenue = async () =>
        (await client.recommendations.thresholds({ asset_id: SF })).recommendations.find(
          (r) => r.table_path === "marts.revenue_daily",
        );
      const before = await revenue();
      expect(before).toMatchObject({
        metric_type: "freshness",
        current_threshold: 24,
        direction: "increase",
        alerts_dismissed: 0,
      });
      const alert = (await client.alerts.list({ asset_id: REVENUE })).find((a) => a.status === "triggered")!;
      await client.alerts.dismiss(alert.id, { notes: "the nightly run is often late" });
      const after = await revenue();
      expect(after).toMatchObject({ alerts_dismissed: 1 });
      expect(after!.confidence).toBeGreaterThan(before!.confidence);
      expect(after!.reasoning).toContain("dismissed");
      // A dismissed metric anomaly suggests a less sensitive metric.
      const anomaly = (await client.alerts.list({ asset_id: PG_ORDERS })).find(
        (a) => extra(a, "event_type") === "metric_anomaly",
      )!;
      expect(
        (await client.recommendations.thresholds({ asset_id: PG })).recommendations.some(
          (r) => r.metric_type === "null_percent",
        ),
      ).toBe(false);
      await client.alerts.dismiss(anomaly.id);
      const metric = (await client.recommendations.thresholds({ asset_id: PG })).recommendations.find(
        (r) => r.metric_type === "null_percent",
      );
      expect(metric).toMatchObject({ direction: "increase", current_threshold: 3, alerts_dismissed: 1 });
      expect(metric!.suggested_threshold).toBeGreaterThan(19);
    });
  });

  describe("dry runs", () => {
    it("should dry-run schema monitoring against the baseline, changing with the columns", async () => {
      const { sandbox, client } = setup();
      const dry = () => client.schema.dryRun({ asset_id: SF, table_path: "warehouse.customers" });
      expect(await dry()).toMatchObject({
        baseline_exists: true,
        changes_detected: false,
        total_changes: 0,
        tables_in_baseline: 1,
      });
      sandbox.admin.alterTable(WH_CUSTOMERS, { add: ["tier:varchar?"], retype: { lifetime_value: "float" } });
      const after = await dry();
      expect(after).toMatchObject({
        changes_detected: true,
        total_changes: 2,
        changes_summary: { column_added: 1, type_changed: 1 },
      });
      expect(after.sample_changes.map((c) => c.column_name)).toEqual(["lifetime_value", "tier"]);
      const whole = await client.schema.dryRun({ asset_id: SF });
      expect(whole.changes_summary).toEqual({ type_changed: 2, column_added: 2 });
      // Without a baseline, the recorded changes of the lookback window stand in.
      const pg = await client.schema.dryRun({ asset_id: PG });
      expect(pg).toMatchObject({ baseline_exists: false, total_changes: 1, changes_summary: { column_removed: 1 } });
    });

    it("should dry-run freshness and metrics from the loads and rows", async () => {
      const { sandbox, client } = setup();
      const fresh = () =>
        client.freshness.dryRun({ asset_id: SF, table_path: "marts.revenue_daily", expected_interval_hours: 24 });
      expect(await fresh()).toMatchObject({ would_alert_now: true, current_age_hours: 26.5 });
      sandbox.admin.touchTable(REVENUE);
      expect(await fresh()).toMatchObject({ would_alert_now: false, current_age_hours: 0 });
      // No metric yet: a simulated history ending at today's value, computed from the rows.
      const country = () =>
        client.metrics.dryRun({
          asset_id: PG,
          table_path: "public.customers",
          metric_type: "null_percent",
          column_name: "country",
        });
      expect((await country()).max_value).toBe(0);
      sandbox.admin.updateRows(`${PG}.public.customers`, (row) => (row["id"] as number) <= 40, { country: null });
      expect((await country()).avg_value).toBeGreaterThan(25);
      // The seeded metric: its recorded captures, so a capture of broken rows is one more alert.
      const amount = () =>
        client.metrics.dryRun({
          asset_id: PG,
          table_path: "public.orders",
          metric_type: "null_percent",
          column_name: "amount",
        });
      const seeded = await amount();
      expect(seeded).toMatchObject({ simulated: false, total_snapshots: 15, would_alert_count: 1 });
      sandbox.admin.updateRows(PG_ORDERS, (row) => (row["id"] as number) <= 40, { amount: null });
      const [metric] = await client.metrics.list(PG_ORDERS);
      await client.metrics.capture(PG_ORDERS, metric!.id);
      const after = await amount();
      expect(after).toMatchObject({ total_snapshots: 16, would_alert_count: 2 });
      expect(after.max_value).toBeGreaterThan(20);
    });
  });

  it("should give the same insight for the same seed", async () => {
    const run = async () => {
      const { sandbox, client } = setup(9);
      sandbox.clock.advance({ hours: 30 });
      const alerts = await client.alerts.list({ limit: 100 });
      return [
        await client.investigations.explain({ asset_id: await uuidOf(client, REVENUE), event_type: "freshness" }),
        await client.investigations.get(extra(alerts[0]!, "investigation_id")),
        await client.alerts.preview({}),
        await client.intelligence.ask({ asset: SF, question: "Which tables contain customer data?" }),
        await client.recommendations.thresholds({ asset_id: SF }),
        await client.schema.dryRun({ asset_id: SF }),
      ];
    };
    expect(await run()).toEqual(await run());
  });
});
