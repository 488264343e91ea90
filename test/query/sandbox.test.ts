/**
 * The query layer end to end against the sandbox: every read option fetched for real, the cache
 * dehydrated through JSON into another QueryClient, and writes invalidating what the sandbox changed.
 */
import { dehydrate, hydrate, MutationObserver, type QueryKey } from "@tanstack/query-core";
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import { armorKeys, armorMutations, armorQueries, pollJob } from "../../src/query";
import { createSandbox } from "../../src/testing";
import { makeQueryClient } from "./fixtures";

const ORDERS = "snowflake.prod.warehouse.orders";
const CUSTOMERS = "postgresql.analytics.public.customers";

/** A client on a manual-clock sandbox whose jobs move on by 2 s each time one is read (so polls end). */
function setup() {
  const sandbox = createSandbox({ seed: 7 });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input instanceof Request ? input.url : input).includes("/sdk/jobs/"))
      sandbox.clock.advance({ seconds: 2 });
    return sandbox.fetch(input, init);
  }) as typeof globalThis.fetch;
  const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch });
  return { sandbox, client, q: armorQueries(client), k: armorKeys(client) };
}

describe("anomalyarmor/query against the sandbox", () => {
  it("should fetch every read and round-trip every model through dehydrate → JSON → hydrate", async () => {
    const { client, q } = setup();
    const qc = makeQueryClient();
    const metric = (await client.metrics.list(ORDERS))[0]!;
    const check = (await client.referential.list(ORDERS))[0]!;
    const rule = (await client.validity.list(CUSTOMERS))[0]!.uuid;
    const alert = (await client.alerts.list())[0]!;
    const alertRule = (await client.alerts.rules())[0]!;
    const destination = (await client.alerts.listDestinations())[0]!;
    const apiKey = (await client.apiKeys.list())[0]!;
    const badge = await client.badges.create({ asset: ORDERS });
    const { job_id } = await client.freshness.refresh(ORDERS);
    await pollJob(client, job_id, { intervalMs: 0 });
    await client.validity.check(CUSTOMERS, rule);
    await client.referential.execute(ORDERS, check.id);
    const investigationId = (alert as unknown as Record<string, unknown>).investigation_id as string;

    const reads = [
      q.assets.list(),
      q.assets.get(ORDERS),
      q.freshness.summary(),
      q.freshness.list({ status: "stale" }),
      q.freshness.get(ORDERS),
      q.freshness.requireFresh(ORDERS),
      q.freshness.listSchedules(),
      q.schema.summary(),
      q.schema.changes(),
      q.schema.get(ORDERS),
      q.lineage.list(),
      q.lineage.get(ORDERS, { depth: 2 }),
      q.tags.list({ asset: ORDERS }),
      q.investigations.get(investigationId),
      q.jobs.status(job_id),
      q.metrics.summary(ORDERS),
      q.metrics.list(ORDERS),
      q.metrics.get(ORDERS, metric.id),
      q.metrics.snapshots(ORDERS, metric.id),
      q.validity.summary(CUSTOMERS),
      q.validity.list(CUSTOMERS),
      q.validity.get(CUSTOMERS, rule),
      q.validity.results(CUSTOMERS, rule),
      q.referential.summary(ORDERS),
      q.referential.list(ORDERS),
      q.referential.get(ORDERS, check.id),
      q.referential.results(ORDERS, check.id),
      q.alerts.summary(),
      q.alerts.list(),
      q.alerts.listInbox(),
      q.alerts.rules(),
      q.alerts.getRule(alertRule.id),
      q.alerts.listDestinations(),
      q.alerts.getDestination(destination.id),
      q.alerts.history(alert.id),
      q.alerts.trends(),
      q.apiKeys.list(),
      q.apiKeys.get(apiKey.id),
      q.apiKeys.usage(),
      q.badges.list(),
      q.badges.get(badge.id),
      q.badges.getStatus(badge.id),
      q.health.summary(),
      q.recommendations.freshness({ asset_id: ORDERS }),
      q.recommendations.metrics({ asset_id: ORDERS }),
      q.recommendations.coverage({ asset_id: "snowflake.prod" }),
      q.recommendations.thresholds({ asset_id: ORDERS }),
    ];
    const infinite = [
      q.assets.infinite({ limit: 5 }),
      q.freshness.infinite(),
      q.freshness.infiniteSchedules(),
      q.schema.infiniteChanges(),
      q.lineage.infinite(),
      q.tags.infinite({ asset: ORDERS }),
      q.metrics.infinite(ORDERS),
      q.metrics.infiniteSnapshots(ORDERS, metric.id),
      q.validity.infinite(CUSTOMERS),
      q.validity.infiniteResults(CUSTOMERS, rule),
      q.referential.infinite(ORDERS),
      q.referential.infiniteResults(ORDERS, check.id),
      q.alerts.infinite(),
      q.alerts.infiniteInbox(),
      q.alerts.infiniteRules(),
      q.alerts.infiniteDestinations(),
      q.apiKeys.infinite(),
      q.badges.infinite(),
    ];
    for (const options of reads) await qc.fetchQuery(options as Parameters<typeof qc.fetchQuery>[0]);
    for (const options of infinite) await qc.fetchInfiniteQuery(options as Parameters<typeof qc.fetchInfiniteQuery>[0]);
    const keys: QueryKey[] = [...reads, ...infinite].map((o) => o.queryKey);
    expect(qc.getQueryCache().getAll()).toHaveLength(keys.length);
    for (const key of keys) expect(qc.getQueryState(key)?.status, JSON.stringify(key)).toBe("success");

    const other = makeQueryClient();
    hydrate(other, JSON.parse(JSON.stringify(dehydrate(qc))));
    for (const key of keys) expect(other.getQueryData(key), JSON.stringify(key)).toEqual(qc.getQueryData(key));
  });

  it("should page an infinite list to the end with the server's has_more", async () => {
    const { q, sandbox } = setup();
    const qc = makeQueryClient();
    const options = q.assets.infinite({ limit: 5 });
    await qc.fetchInfiniteQuery({ ...options, pages: 10 });
    const data = qc.getQueryData(options.queryKey)!;
    expect(data.pages.map((p) => p.items.length)).toEqual([5, 5, 5, 3]);
    expect(data.pages.at(-1)!.has_more).toBe(false);
    expect(sandbox.requests.filter((r) => r.path.endsWith("/sdk/assets"))).toHaveLength(4);
  });

  it("should show a created metric after the mutation, from a refetch of that asset's metric list only", async () => {
    const { client, q, k } = setup();
    const qc = makeQueryClient();
    const before = await qc.fetchQuery(q.metrics.list(ORDERS));
    const elsewhere = await qc.fetchQuery(q.metrics.list(CUSTOMERS));
    const m = armorMutations(client, qc);
    await new MutationObserver(qc, m.metrics.create(ORDERS)).mutate({
      metric_type: "null_percent",
      table_path: "warehouse.orders",
      column_name: "amount",
    });
    expect(qc.getQueryState(k.metrics.list(ORDERS))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(k.metrics.list(CUSTOMERS))?.isInvalidated).toBe(false);
    const after = await qc.fetchQuery(q.metrics.list(ORDERS));
    expect(after).toHaveLength(before.length + 1);
    expect(qc.getQueryData(k.metrics.list(CUSTOMERS))).toBe(elsewhere);
  });

  it("should refresh freshness through its job and then invalidate that asset's freshness", async () => {
    const { client, q, k, sandbox } = setup();
    const qc = makeQueryClient();
    sandbox.clock.advance({ hours: 48 });
    await qc.fetchQuery(q.freshness.get(ORDERS));
    await qc.fetchQuery(q.freshness.summary());
    await qc.fetchQuery(q.freshness.get(CUSTOMERS));
    const m = armorMutations(client, qc);
    await new MutationObserver(qc, m.freshness.refresh(ORDERS, { intervalMs: 0 })).mutate();
    expect(sandbox.effects["freshness.refresh"]).toBe(1);
    expect(qc.getQueryState(k.freshness.get(ORDERS))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(k.freshness.summary())?.isInvalidated).toBe(true);
    expect(qc.getQueryState(k.freshness.get(CUSTOMERS))?.isInvalidated).toBe(false);
  });
});
