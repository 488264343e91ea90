/** Shared fixtures for the query-layer tests: clients on the msw stand-in and model bodies that fit the schemas. */
import { hashKey, MutationObserver, QueryClient, type QueryKey } from "@tanstack/query-core";
import { Client } from "../../src/client";
import { armorKeys, type ArmorKeys, type ArmorMutationOptions } from "../../src/query";
import { API, KEY } from "../helpers/remote";

/** A second key, for clients that must not share cache entries with the first. */
export const OTHER_KEY = "aa_live_zyxwvutsrqponmlkjihgfedcba9876543210";

/** A client on the stand-in; `maxRetries: 0` unless a test is about retries. */
export function makeClient(
  options: { apiKey?: string; apiUrl?: string; maxRetries?: number; fetch?: typeof fetch } = {},
): Client {
  return new Client({
    apiKey: options.apiKey ?? KEY,
    apiUrl: options.apiUrl ?? API,
    maxRetries: options.maxRetries ?? 0,
    fetch: options.fetch,
  });
}

/** A QueryClient that never garbage-collects during a test (no gc timers to count). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
}

export const ASSET = "snowflake.prod.warehouse.orders";
export const OTHER_ASSET = "snowflake.prod.warehouse.customers";

export function asset(qualified_name = ASSET, id = "11111111-1111-4111-8111-111111111111") {
  return {
    id,
    qualified_name,
    name: qualified_name.split(".").pop(),
    asset_type: "table",
    source_type: "snowflake",
    database_name: "prod",
  };
}

export function freshness(overrides: Record<string, unknown> = {}) {
  return {
    asset_id: "11111111-1111-4111-8111-111111111111",
    qualified_name: ASSET,
    status: "fresh",
    last_update_time: "2026-01-15T10:00:00Z",
    staleness_threshold_hours: 24,
    hours_since_update: 2,
    is_stale: false,
    checked_at: "2026-01-15T12:00:00Z",
    ...overrides,
  };
}

export function job(status: string, overrides: Record<string, unknown> = {}) {
  return { job_id: "job-1", status, progress: status === "completed" ? 100 : 40, ...overrides };
}

/**
 * One key of every read of every resource, named, with the reads about an asset made for `a` and ids
 * that differ per asset (so two calls with two assets give disjoint keys except for asset-less reads).
 */
export function everyKey(k: ArmorKeys, a: string): Record<string, QueryKey> {
  const s = `${a}:`;
  return {
    "assets.list": k.assets.list({ source: "snowflake" }),
    "assets.infinite": k.assets.infinite(),
    [`assets.get(${a})`]: k.assets.get(a),
    "freshness.summary": k.freshness.summary(),
    "freshness.list": k.freshness.list({ status: "stale" }),
    "freshness.infinite": k.freshness.infinite(),
    [`freshness.get(${a})`]: k.freshness.get(a),
    [`freshness.requireFresh(${a})`]: k.freshness.requireFresh(a, { max_age_hours: 6 }),
    [`freshness.listSchedules(${a})`]: k.freshness.listSchedules({ asset_id: a }),
    "freshness.infiniteSchedules": k.freshness.infiniteSchedules(),
    "schema.summary": k.schema.summary(),
    [`schema.changes(${a})`]: k.schema.changes({ asset_id: a }),
    "schema.infiniteChanges": k.schema.infiniteChanges(),
    [`schema.get(${a})`]: k.schema.get(a),
    "lineage.list": k.lineage.list(),
    "lineage.infinite": k.lineage.infinite(),
    [`lineage.get(${a})`]: k.lineage.get(a, { depth: 2 }),
    [`tags.list(${a})`]: k.tags.list({ asset: a }),
    [`tags.infinite(${a})`]: k.tags.infinite({ asset: a }),
    [`investigations.get(${s}inv)`]: k.investigations.get(`${s}inv`),
    [`jobs.status(${s}job)`]: k.jobs.status(`${s}job`),
    [`metrics.summary(${a})`]: k.metrics.summary(a),
    [`metrics.list(${a})`]: k.metrics.list(a),
    [`metrics.infinite(${a})`]: k.metrics.infinite(a),
    [`metrics.get(${a})`]: k.metrics.get(a, `${s}m1`),
    [`metrics.snapshots(${a})`]: k.metrics.snapshots(a, `${s}m1`),
    [`metrics.infiniteSnapshots(${a})`]: k.metrics.infiniteSnapshots(a, `${s}m1`),
    [`validity.summary(${a})`]: k.validity.summary(a),
    [`validity.list(${a})`]: k.validity.list(a),
    [`validity.infinite(${a})`]: k.validity.infinite(a),
    [`validity.get(${a})`]: k.validity.get(a, `${s}r1`),
    [`validity.results(${a})`]: k.validity.results(a, `${s}r1`),
    [`validity.infiniteResults(${a})`]: k.validity.infiniteResults(a, `${s}r1`),
    [`referential.summary(${a})`]: k.referential.summary(a),
    [`referential.list(${a})`]: k.referential.list(a),
    [`referential.infinite(${a})`]: k.referential.infinite(a),
    [`referential.get(${a})`]: k.referential.get(a, `${s}c1`),
    [`referential.results(${a})`]: k.referential.results(a, `${s}c1`),
    [`referential.infiniteResults(${a})`]: k.referential.infiniteResults(a, `${s}c1`),
    "alerts.summary": k.alerts.summary(),
    "alerts.list": k.alerts.list(),
    "alerts.infinite": k.alerts.infinite(),
    "alerts.listInbox": k.alerts.listInbox(),
    "alerts.infiniteInbox": k.alerts.infiniteInbox(),
    "alerts.rules": k.alerts.rules(),
    "alerts.infiniteRules": k.alerts.infiniteRules(),
    [`alerts.getRule(${s}rule)`]: k.alerts.getRule(`${s}rule`),
    "alerts.listDestinations": k.alerts.listDestinations(),
    "alerts.infiniteDestinations": k.alerts.infiniteDestinations(),
    [`alerts.getDestination(${s}dest)`]: k.alerts.getDestination(`${s}dest`),
    [`alerts.history(${s}alert)`]: k.alerts.history(`${s}alert`),
    "alerts.trends": k.alerts.trends({ period: "7d" }),
    "apiKeys.list": k.apiKeys.list(),
    "apiKeys.infinite": k.apiKeys.infinite(),
    [`apiKeys.get(${s}key)`]: k.apiKeys.get(`${s}key`),
    "apiKeys.usage": k.apiKeys.usage(),
    "badges.list": k.badges.list(),
    "badges.infinite": k.badges.infinite(),
    [`badges.get(${s}badge)`]: k.badges.get(`${s}badge`),
    [`badges.getStatus(${s}badge)`]: k.badges.getStatus(`${s}badge`),
    "health.summary": k.health.summary(),
    [`recommendations.freshness(${a})`]: k.recommendations.freshness({ asset_id: a }),
    [`recommendations.metrics(${a})`]: k.recommendations.metrics({ asset_id: a }),
    [`recommendations.coverage(${a})`]: k.recommendations.coverage({ asset_id: a }),
    [`recommendations.thresholds(${a})`]: k.recommendations.thresholds({ asset_id: a }),
  };
}

/** A client whose response checks are off: for tests about the cache, where any `data` will do. */
export function lenient(apiKey = KEY): Client {
  return new Client({ apiKey, apiUrl: API, maxRetries: 0, validate: "off" });
}

/**
 * A cache holding one entry for every read of every resource (`everyKey`), for `ASSET` and
 * `OTHER_ASSET`, and the entries of a second client. `invalidated()` names the entries marked stale,
 * sorted; an entry of the other client shows as `other client: <key>`.
 */
export function seeded() {
  const client = lenient();
  const other = lenient(OTHER_KEY);
  const qc = makeQueryClient();
  const names = new Map<string, string>();
  const k = armorKeys(client);
  for (const [name, key] of Object.entries({ ...everyKey(k, ASSET), ...everyKey(k, OTHER_ASSET) })) {
    qc.setQueryData(key, { cached: name });
    names.set(hashKey(key), name);
  }
  for (const key of Object.values(everyKey(armorKeys(other), ASSET))) qc.setQueryData(key, { cached: "other client" });
  const invalidated = () =>
    qc
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => names.get(q.queryHash) ?? `other client: ${JSON.stringify(q.queryKey)}`)
      .sort();
  return { client, qc, invalidated };
}

/** Runs a mutation as a component would, through TanStack's observer. */
export async function runMutation<T, V>(
  qc: QueryClient,
  options: ArmorMutationOptions<T, V>,
  variables: V,
): Promise<T> {
  return new MutationObserver(qc, options).mutate(variables);
}
