import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../../src/core/errors";
import { createSandbox, type Sandbox } from "../../../src/testing";
import { assetId, call, sdk } from "./helpers";

const SF = "snowflake.prod";

/** Resolves an evidence citation to the record it names, proving it is real. */
async function resolves(
  sandbox: Sandbox,
  source: string | null | undefined,
  id: string | null | undefined,
): Promise<boolean> {
  const c = sdk(sandbox);
  switch (source) {
    case "alert":
      return (await call(sandbox, "GET", `/sdk/alerts/${id}`)).status === 200;
    case "lineage":
      return (await call(sandbox, "GET", `/sdk/assets/${id}`)).status === 200;
    case "schema_change":
      return (await call(sandbox, "GET", "/sdk/schema/changes?limit=100")).body.data.data.some(
        (x: { id: string }) => x.id === id,
      );
    case "metric":
      return (await c.metrics.list("postgresql.analytics")).concat(await c.metrics.list(SF)).some((m) => m.id === id);
    case "validity":
      return (await c.validity.list("postgresql.analytics"))
        .concat(await c.validity.list(SF))
        .some((r) => r.uuid === id);
    case "referential":
      return (await c.referential.list("postgresql.analytics"))
        .concat(await c.referential.list(SF))
        .some((r) => r.id === id);
    default:
      return false;
  }
}

describe("sandbox investigation routes", () => {
  it("should explain a stale table from its own evidence, each piece citing a real record", async () => {
    const sandbox = createSandbox();
    const i = sdk(sandbox).investigations;
    const revenue = await assetId(sandbox, `${SF}.marts.revenue_daily`);
    const capsule = await i.explain({ asset_id: revenue, event_type: "freshness" });
    expect(capsule).toMatchObject({
      investigation_id: null,
      question: `Why is ${SF}.marts.revenue_daily stale?`,
      consequences: [],
      confidence: 0.9,
    });
    expect(capsule.triggers[0]).toMatchObject({ event_type: "freshness_stale", source: "alert", confidence: 0.9 });
    expect(capsule.root_cause_hypothesis).toContain("26.5 h");
    expect(capsule.suggested_fix).toEqual(expect.any(String));
    expect(capsule.triggers.map((t) => t.event_type)).toEqual(
      expect.arrayContaining(["schema_change", "referential_failure", "metric_anomaly"]),
    );
    for (const t of capsule.triggers) expect(await resolves(sandbox, t.source, t.source_id)).toBe(true);
    const confidences = capsule.triggers.map((t) => t.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it("should find a stale upstream through lineage", async () => {
    const sandbox = createSandbox();
    const churn = await assetId(sandbox, "databricks.lakehouse.ml.churn_features");
    const pageViews = await assetId(sandbox, "databricks.lakehouse.events.page_views");
    const capsule = await sdk(sandbox).investigations.explain({
      asset_id: churn,
      event_type: "freshness",
      question: "Why are churn features late?",
    });
    expect(capsule.question).toBe("Why are churn features late?");
    expect(capsule.triggers[0]).toMatchObject({
      event_type: "freshness_cascade",
      source: "lineage",
      source_id: pageViews,
    });
    expect(capsule.root_cause_hypothesis).toContain("events.page_views");
    sandbox.admin.touchTable("databricks.lakehouse.events.page_views");
    const after = await sdk(sandbox).investigations.explain({ asset_id: churn, event_type: "freshness" });
    expect(after.triggers.some((t) => t.source_id === pageViews)).toBe(false);
  });

  it("should weigh evidence by the question asked", async () => {
    const sandbox = createSandbox();
    const orders = await assetId(sandbox, "postgresql.analytics.public.orders");
    const anomaly = await sdk(sandbox).investigations.explain({ asset_id: orders });
    expect(anomaly.triggers[0]).toMatchObject({ event_type: "metric_anomaly", source: "metric" });
    const validity = await sdk(sandbox).investigations.explain({ asset_id: orders, event_type: "validity" });
    expect(validity.triggers[0]).toMatchObject({ event_type: "validity_failure", source: "validity" });
    const clean = await assetId(sandbox, "postgresql.analytics.public.products");
    const none = await sdk(sandbox).investigations.explain({ asset_id: clean, event_type: "anomaly" });
    expect(none).toMatchObject({ triggers: [], root_cause_hypothesis: null, confidence: null, suggested_fix: null });
    expect(none.open_questions).toHaveLength(3);
  });

  it("should answer 422 for a non-UUID asset and 404 for an unknown one, and let a read-only key explain", async () => {
    const sandbox = createSandbox();
    const bad = await call(sandbox, "POST", "/sdk/investigations/explain", {
      body: { asset_id: `${SF}.warehouse.orders` },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors[0].field).toBe("asset_id");
    const unknown = await call(sandbox, "POST", "/sdk/investigations/explain", {
      body: { asset_id: "00000000-0000-4000-8000-000000000000", question: null },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("ASSET_NOT_FOUND");
    expect(
      (
        await call(sandbox, "POST", "/sdk/investigations/explain", {
          body: { asset_id: await assetId(sandbox, SF), event_type: "vibes" },
        })
      ).status,
    ).toBe(422);
    const ro = sdk(sandbox, sandbox.keys.readOnly).investigations;
    expect((await ro.explain({ asset_id: await assetId(sandbox, SF) })).investigation_id).toBeNull();
    await expect(ro.explain({ asset_id: "not-a-uuid" })).rejects.toBeInstanceOf(ValidationError);
    expect(sandbox.effects).toEqual({});
  });

  it("should project a raised alert's investigation, with downstream consequences", async () => {
    const sandbox = createSandbox();
    const alerts = await sdk(sandbox).alerts.list();
    const alert = alerts.find((a) => (a as { event_type?: string }).event_type === "referential_failure")!;
    const investigationId = (alert as { investigation_id?: string }).investigation_id!;
    const capsule = await sdk(sandbox).investigations.get(investigationId);
    expect(capsule.investigation_id).toBe(investigationId);
    expect(capsule.question).toBe(`Why did the alert "${(alert as { title?: string }).title}" fire?`);
    expect(capsule.question).toContain("Referential check failing");
    expect(capsule.triggers[0]).toMatchObject({ event_type: "referential_failure", source: "referential" });
    expect(capsule.consequences.map((c) => c.details["table"])).toEqual(
      expect.arrayContaining([`${SF}.marts.revenue_daily`, `${SF}.marts.customer_ltv`]),
    );
    for (const c of capsule.consequences) expect(await resolves(sandbox, c.source, c.source_id)).toBe(true);
    await expect(sdk(sandbox).investigations.get("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await call(sandbox, "GET", "/sdk/investigations/whatever")).status).toBe(404);
  });

  it("should give the same capsule for the same seed", async () => {
    const run = async () => {
      const sandbox = createSandbox({ seed: 21 });
      const alerts = await sdk(sandbox).alerts.list();
      const id = (alerts[0] as { investigation_id?: string }).investigation_id!;
      return [
        await sdk(sandbox).investigations.explain({ asset_id: await assetId(sandbox, SF) }),
        await sdk(sandbox).investigations.get(id),
      ];
    };
    expect(await run()).toEqual(await run());
  });
});
