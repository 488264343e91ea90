import { describe, expect, it } from "vitest";
import { AuthorizationError, NotFoundError, ValidationError, ArmorError } from "../../../src/core/errors";
import { createSandbox } from "../../../src/testing";
import { assetId, call, sdk } from "./helpers";

const PG = "postgresql.analytics";
const SF = "snowflake.prod";
const LTV = `${SF}.marts.customer_ltv`;

describe("sandbox alert routes", () => {
  it("should raise the demo's alerts from state at start without counting effects", async () => {
    const sandbox = createSandbox();
    const a = sdk(sandbox).alerts;
    const alerts = await a.list();
    const byType = (t: string) =>
      alerts
        .filter((x) => (x as { event_type?: string }).event_type === t)
        .map((x) => x.qualified_name)
        .sort();
    expect(byType("freshness_stale")).toEqual(["databricks.lakehouse.events.page_views", `${SF}.marts.revenue_daily`]);
    expect(byType("validity_failure")).toEqual([`${PG}.public.customers`, `${PG}.public.orders`]);
    expect(byType("referential_failure")).toEqual([`${SF}.warehouse.orders`]);
    expect(byType("metric_anomaly")).toEqual([`${PG}.public.orders`]);
    // Only the critical schema change matches a rule ("Breaking schema changes" listens to critical only).
    expect(byType("schema_drift")).toEqual([`${PG}.public.payments`]);
    expect(alerts.find((x) => x.qualified_name === `${SF}.marts.revenue_daily`)).toMatchObject({
      status: "triggered",
      severity: "warning",
      rule_name: "Stale data",
      triggered_at: "2026-01-15T09:30:00.000Z",
    });
    expect(await a.summary()).toMatchObject({
      total_rules: 4,
      active_rules: 3,
      recent_alerts: 7,
      unresolved_alerts: 7,
    });
    expect(sandbox.effects).toEqual({});
  });

  it("should raise a freshness alert when the clock makes a table stale, and clear it when data lands", async () => {
    const sandbox = createSandbox();
    const a = sdk(sandbox).alerts;
    const ltv = await assetId(sandbox, LTV);
    expect(await a.list({ asset_id: ltv })).toEqual([]);
    sandbox.clock.advance({ hours: 17 });
    expect(await a.list({ asset_id: ltv })).toEqual([]);
    sandbox.clock.advance({ hours: 2 });
    const [raised] = await a.list({ asset_id: ltv });
    expect(raised).toMatchObject({
      status: "triggered",
      rule_name: "Stale data",
      triggered_at: "2026-01-16T06:00:00.000Z",
    });
    sandbox.admin.touchTable(LTV);
    const [cleared] = await a.list({ asset_id: ltv });
    expect(cleared).toMatchObject({ id: raised!.id, status: "resolved", resolved_at: "2026-01-16T07:00:00.000Z" });
    expect((await a.history(raised!.id)).map((h) => h.action)).toEqual(["triggered", "auto_resolved"]);
    // The next stale episode is a new alert.
    sandbox.clock.advance({ hours: 49 });
    const again = await a.list({ asset_id: ltv });
    expect(again.map((x) => x.status)).toEqual(["triggered", "resolved"]);
    // What the watcher raised and cleared is counted, beside the load that cleared it; the seven alerts
    // of the demo were there from the start and are not.
    const all = await a.list({ limit: 100 });
    expect(all.length).toBeGreaterThan(9);
    expect(sandbox.effects).toEqual({
      "admin.touchTable": 1,
      "alerts.raise": all.length - 7,
      "alerts.auto_resolve": 1,
    });
    // Derived changes belong to no request: no log entry names them.
    expect(sandbox.requests.flatMap((r) => r.effects ?? [])).toEqual([]);
  });

  it("should raise from a failing validity check when a rule listens, and clear when it passes", async () => {
    const sandbox = createSandbox();
    const { alerts: a, validity: v } = sdk(sandbox);
    const orders = await assetId(sandbox, `${PG}.public.orders`);
    const rule = await v.create(PG, { rule_type: "NOT_NULL", table_path: "public.orders", column_name: "amount" });
    await v.check(PG, rule.uuid);
    const raised = (await a.list({ asset_id: orders })).filter(
      (x) => (x as { source_id?: string }).source_id === rule.uuid,
    );
    expect(raised).toHaveLength(1);
    // Failing again while the alert is open does not raise a second one.
    await v.check(PG, rule.uuid);
    expect(
      (await a.list({ asset_id: orders })).filter((x) => (x as { source_id?: string }).source_id === rule.uuid),
    ).toHaveLength(1);
    sandbox.admin.updateRows(`${PG}.public.orders`, { amount: null }, { amount: 10 });
    await v.check(PG, rule.uuid);
    expect((await a.list({ status: "resolved" })).map((x) => x.id)).toContain(raised[0]!.id);
    // An info-level failure matches no enabled rule.
    const info = await v.create(PG, {
      rule_type: "NOT_NULL",
      table_path: "public.customers",
      column_name: "email",
      severity: "info",
    });
    await v.check(PG, info.uuid);
    expect((await a.list()).some((x) => (x as { source_id?: string }).source_id === info.uuid)).toBe(false);
  });

  it("should acknowledge, resolve, dismiss and snooze with history, counting only real changes", async () => {
    const sandbox = createSandbox();
    const a = sdk(sandbox).alerts;
    const [first, second, third] = await a.list({ status: "triggered" });
    expect(await a.acknowledge(first!.id, { notes: "looking" })).toMatchObject({
      id: first!.id,
      status: "acknowledged",
    });
    await a.acknowledge(first!.id);
    expect(sandbox.effects["alerts.acknowledge"]).toBe(1);
    expect(await a.resolve(first!.id, { notes: "fixed upstream" })).toMatchObject({ status: "resolved" });
    const conflict = await call(sandbox, "POST", `/sdk/alerts/${first!.id}/dismiss`, { body: {} });
    expect(conflict.status).toBe(409);
    await expect(a.dismiss(first!.id)).rejects.toBeInstanceOf(ArmorError);
    const history = await a.history(first!.id);
    expect(history.map((h) => [h.action, h.notes])).toEqual([
      ["triggered", null],
      ["acknowledged", "looking"],
      ["resolved", "fixed upstream"],
    ]);
    expect(history[1]!.user_id).toEqual(expect.any(String));
    expect((await a.dismiss(second!.id)).status).toBe("dismissed");

    const snoozed = await a.snooze(third!.id, { duration_hours: 2 });
    expect(snoozed).toMatchObject({ status: "snoozed", snoozed_until: "2026-01-15T14:00:00.000Z" });
    expect((await a.listInbox()).map((x) => x.id)).not.toContain(third!.id);
    sandbox.clock.advance({ hours: 3 });
    expect((await a.list()).find((x) => x.id === third!.id)?.status).toBe("triggered");
    expect((await a.history(third!.id)).map((h) => h.action)).toEqual(["triggered", "snoozed", "unsnoozed"]);
    const raised = (await a.list({ limit: 100 })).length - 7;
    expect(raised).toBe(2); // three hours on, tables went stale
    expect(sandbox.effects).toEqual({
      "alerts.acknowledge": 1,
      "alerts.resolve": 1,
      "alerts.dismiss": 1,
      "alerts.snooze": 1,
      "alerts.unsnooze": 1,
      "alerts.raise": raised,
    });
    await expect(a.acknowledge("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    expect((await call(sandbox, "POST", `/sdk/alerts/${third!.id}/snooze`, { body: {} })).status).toBe(422);
  });

  it("should filter the list and the inbox", async () => {
    const sandbox = createSandbox();
    const a = sdk(sandbox).alerts;
    expect((await a.list({ severity: "critical" })).every((x) => x.severity === "critical")).toBe(true);
    expect((await a.list({ asset_id: SF })).map((x) => x.qualified_name?.split(".")[0])).toEqual([
      "snowflake",
      "snowflake",
    ]);
    expect(await a.list({ from_date: "2026-01-15T10:00:00" })).toHaveLength(4);
    expect(await a.list({ to_date: "2026-01-15T08:00:00Z" })).toHaveLength(2);
    const page = await call(sandbox, "GET", "/sdk/alerts?limit=2&offset=6");
    expect(page.body.data.data).toHaveLength(1);
    expect(page.body.data.pagination).toMatchObject({ total: 7, has_more: false });
    const inbox = await a.listInbox({ event_type: "validity_failure" });
    expect(inbox.map((x) => x.alert_state)).toEqual(["new", "new"]);
    expect(inbox[0]).toMatchObject({ rule_name: "Data quality failures", destination_name: "Data team e-mail" });
    await a.acknowledge(inbox[0]!.id);
    expect((await a.listInbox({ state: "acknowledged" })).map((x) => x.id)).toEqual([inbox[0]!.id]);
    expect((await call(sandbox, "GET", "/sdk/alerts?status=bogus")).status).toBe(422);
    expect((await call(sandbox, "GET", "/sdk/alerts?from_date=yesterday")).status).toBe(422);
  });

  it("should manage rules and destinations", async () => {
    const sandbox = createSandbox();
    const a = sdk(sandbox).alerts;
    await expect(
      a.createDestination({ name: "hooks", destination_type: "slack", config: { channel: "#x" } }),
    ).rejects.toBeInstanceOf(ValidationError);
    const hook = await a.createDestination({
      name: "Ops webhook",
      destination_type: "webhook",
      config: { url: "https://ops.example.com/hook" },
    });
    expect(hook).toMatchObject({ destination_type: "webhook", is_active: true, is_verified: false });
    expect((await a.listDestinations({ active_only: true })).map((d) => d.name)).toEqual([
      "Data team e-mail",
      "#data-alerts",
      "Ops webhook",
    ]);
    await expect(
      a.createRule({ name: "Nowhere", destination_ids: ["00000000-0000-4000-8000-000000000000"] }),
    ).rejects.toBeInstanceOf(ValidationError);
    const rule = await a.createRule({
      name: "Ops",
      destination_ids: [hook.id],
      event_types: ["schema_drift"],
      severities: ["warning", "critical"],
    });
    expect(rule).toMatchObject({ name: "Ops", rule_type: "schema_drift", severity: "critical", enabled: true });
    expect((await a.getRule(rule.id)).name).toBe("Ops");
    expect((await a.rules({ enabled_only: true })).map((r) => r.name)).not.toContain("Info digest");
    expect((await a.rules()).map((r) => r.name)).toContain("Info digest");
    await a.deleteDestination(hook.id);
    expect((await call(sandbox, "GET", `/sdk/alerts/rules/${rule.id}`)).body.data.destination_ids).toEqual([]);
    await expect(a.getDestination(hook.id)).rejects.toBeInstanceOf(NotFoundError);
    await a.deleteRule(rule.id);
    await expect(a.getRule(rule.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(sandbox.effects).toEqual({
      "alerts.create_destination": 1,
      "alerts.create_rule": 1,
      "alerts.delete_destination": 1,
      "alerts.delete_rule": 1,
    });
  });

  it("should route by tags: a finance-only rule hears finance tables only", async () => {
    const sandbox = createSandbox();
    const { alerts: a, validity: v } = sdk(sandbox);
    const quality = (await a.rules()).find((r) => r.name === "Data quality failures")!;
    await a.deleteRule(quality.id);
    const [email] = await a.listDestinations();
    await a.createRule({
      name: "Finance quality",
      destination_ids: [email!.id],
      event_types: ["validity_failure"],
      tag_filter_mode: "any",
      tag_filter_tags: ["finance"],
    });
    const finance = await v.create(SF, {
      rule_type: "NOT_NULL",
      table_path: "warehouse.orders",
      column_name: "amount",
    });
    const other = await v.create(SF, {
      rule_type: "NOT_NULL",
      table_path: "warehouse.customers",
      column_name: "email",
    });
    await v.check(SF, finance.uuid);
    await v.check(SF, other.uuid);
    const cited = (await a.list()).map((x) => (x as { source_id?: string }).source_id);
    expect(cited).toContain(finance.uuid);
    expect(cited).not.toContain(other.uuid);
  });

  it("should bucket trends over the clock and preview what a rule would have matched", async () => {
    const sandbox = createSandbox();
    const a = sdk(sandbox).alerts;
    const week = await a.trends({ period: "7d" });
    expect(week.trends).toHaveLength(7);
    expect((week.trends as { count: number }[]).reduce((s, t) => s + t.count, 0)).toBe(7);
    const day = await a.trends({ period: "24h" });
    expect(day.trends).toHaveLength(24);
    expect(
      (day.trends as { timestamp: string; count: number }[]).find((t) => t.timestamp === "2026-01-15T11:00:00.000Z")
        ?.count,
    ).toBe(4);
    const schemaRule = (await a.rules()).find((r) => r.name === "Breaking schema changes")!;
    const ro = sdk(sandbox, sandbox.keys.readOnly).alerts;
    const preview = await ro.preview({ rule_id: schemaRule.id });
    expect(preview).toMatchObject({
      lookback_hours: 168,
      alerts_would_match: 1,
      alerts_by_type: { schema_drift: 1 },
      alerts_by_severity: { critical: 1 },
    });
    // Replayed from the records, not from raised alerts: the warning schema change no rule heard counts,
    // and so do the late loads in the seeded load history (daily loads with ± 10 % jitter, 24 h thresholds).
    const warnings = await ro.preview({ severities: ["warning"] });
    expect(warnings).toMatchObject({
      alerts_by_type: { schema_drift: 1, validity_failure: 1, referential_failure: 1 },
      alerts_raised: 3,
    });
    expect(warnings.alerts_by_type["freshness_stale"]).toBeGreaterThan(1);
    await expect(ro.preview({ rule_id: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await call(sandbox, "GET", "/sdk/alerts/trends?period=1y")).status).toBe(422);
    expect(sandbox.effects).toEqual({});
  });

  it("should answer 403 to a read-only key on writes", async () => {
    const sandbox = createSandbox();
    const ro = sdk(sandbox, sandbox.keys.readOnly).alerts;
    const [alert] = await ro.list();
    await expect(ro.acknowledge(alert!.id)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(ro.snooze(alert!.id, { duration_hours: 1 })).rejects.toBeInstanceOf(AuthorizationError);
    const [destination] = await ro.listDestinations();
    await expect(ro.createRule({ name: "x", destination_ids: [destination!.id] })).rejects.toBeInstanceOf(
      AuthorizationError,
    );
    await expect(ro.deleteDestination(destination!.id)).rejects.toBeInstanceOf(AuthorizationError);
    expect((await ro.list()).find((x) => x.id === alert!.id)?.status).toBe("triggered");
    expect(sandbox.effects).toEqual({});
  });

  it("should give the same answers for the same seed", async () => {
    const run = async () => {
      const sandbox = createSandbox({ seed: 5 });
      const a = sdk(sandbox).alerts;
      sandbox.clock.advance({ hours: 30 });
      const list = await a.list({ limit: 100 });
      await a.acknowledge(list[0]!.id, { notes: "n" });
      return [list, await a.listInbox({ limit: 100 }), await a.trends(), await a.rules()];
    };
    expect(await run()).toEqual(await run());
  });
});
