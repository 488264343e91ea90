/**
 * Query keys: `["anomalyarmor", scope, resource, …]`, hierarchical so that one prefix covers everything
 * this SDK cached for a client, one resource, or one asset within a resource. Leaf keys carry the
 * model type (TanStack's `DataTag`), so `queryClient.getQueryData(key)` is typed without annotations.
 *
 * Layout per resource: `all` = `[ns, scope, resource]`; reads about one asset (the asset in the path,
 * or a required asset param) live under `asset(a)` = `[…all, "asset", a]`; other reads under
 * `[…all, <read>, …ids, params]`. Infinite queries add `"infinite"` after the read's name, so a list's
 * prefix covers its plain and infinite queries while their keys stay distinct.
 */
import type { DataTag, InfiniteData } from "@tanstack/query-core";
import type { ArmorError } from "../core/errors";
import type { ArmorPage, DataOf, ItemOf, PageParamsOf, ParamsOf } from "./types";

/** The first element of every key this SDK builds. */
export const KEY_NAMESPACE = "anomalyarmor";

/** A key tagged with the data cached under it and the error its query can fail with. */
export type ArmorKey<K extends readonly unknown[], T> = DataTag<K, T, ArmorError>;

/** What an infinite query over items `T` caches: its pages and the offsets they were read at. */
export type ArmorInfiniteData<T> = InfiniteData<ArmorPage<T>, number>;

function tag<T>() {
  return <const K extends readonly unknown[]>(key: K): ArmorKey<K, T> => key as ArmorKey<K, T>;
}

/**
 * Params as they go into a key: a copy without `undefined` (so `{ source: undefined }` and `{}` share a
 * cache entry and the key stays JSON-safe); `{}` when absent.
 */
export function normalizeParams<P>(params: P | undefined): P {
  return clean(params ?? {}) as P;
}

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out;
  }
  return value;
}

/** Params of an infinite query as they go into its key: normalised, without `offset` (pages start at 0). */
export function pageParams<P>(params: P | undefined): Omit<P, "offset"> {
  const { offset: _ignored, ...rest } = normalizeParams(params) as P & { offset?: unknown };
  return rest;
}

const n = normalizeParams;

function resource<const R extends string>(scope: string, name: R) {
  const all = [KEY_NAMESPACE, scope, name] as const;
  return { all, asset: (assetId: string) => [...all, "asset", assetId] as const };
}

/** The part of a client keys are built from: its transport's scope (URL + key fingerprint, or `cacheScope`). */
export interface ScopedClient {
  readonly transport: { readonly scope: string };
}

/**
 * The key factory of a client: hierarchical prefixes to invalidate, and the exact key of every read.
 * @param client - a `Client` (only `client.transport.scope` is read: never the key)
 * @returns `all` (everything this SDK cached for the client), and one factory per resource with `all`,
 *   `asset(assetId)` where reads are per asset, and one key per read method taking that method's arguments
 * @example
 * const keys = armorKeys(client);
 * await queryClient.invalidateQueries({ queryKey: keys.metrics.asset("snowflake.prod.warehouse.orders") });
 * const status = queryClient.getQueryData(keys.freshness.get("snowflake.prod.warehouse.orders")); // FreshnessStatus | undefined
 */
export function armorKeys(client: ScopedClient) {
  const scope = client.transport.scope;
  return {
    /** Everything this SDK cached for this client. */
    all: [KEY_NAMESPACE, scope] as const,
    assets: assetsKeys(scope),
    freshness: freshnessKeys(scope),
    schema: schemaKeys(scope),
    lineage: lineageKeys(scope),
    tags: tagsKeys(scope),
    intelligence: { all: resource(scope, "intelligence").all },
    investigations: investigationsKeys(scope),
    jobs: jobsKeys(scope),
    metrics: metricsKeys(scope),
    validity: validityKeys(scope),
    referential: referentialKeys(scope),
    alerts: alertsKeys(scope),
    apiKeys: apiKeysKeys(scope),
    badges: badgesKeys(scope),
    health: healthKeys(scope),
    recommendations: recommendationsKeys(scope),
  };
}

/** The key factory `armorKeys(client)` returns. */
export type ArmorKeys = ReturnType<typeof armorKeys>;

function assetsKeys(scope: string) {
  const { all, asset } = resource(scope, "assets");
  return {
    all,
    asset,
    list: (params?: ParamsOf<"assets", "list", 0>) => tag<DataOf<"assets", "list">>()([...all, "list", n(params)]),
    infinite: (params?: PageParamsOf<"assets", "list", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"assets", "list">>>()([...all, "list", "infinite", pageParams(params)]),
    get: (assetId: string) => tag<DataOf<"assets", "get">>()([...asset(assetId), "get"]),
  };
}

function freshnessKeys(scope: string) {
  const { all, asset } = resource(scope, "freshness");
  return {
    all,
    asset,
    summary: () => tag<DataOf<"freshness", "summary">>()([...all, "summary"]),
    list: (params?: ParamsOf<"freshness", "list", 0>) => tag<DataOf<"freshness", "list">>()([...all, "list", n(params)]),
    infinite: (params?: PageParamsOf<"freshness", "list", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"freshness", "list">>>()([...all, "list", "infinite", pageParams(params)]),
    get: (assetId: string) => tag<DataOf<"freshness", "get">>()([...asset(assetId), "get"]),
    requireFresh: (assetId: string, params?: ParamsOf<"freshness", "requireFresh", 1>) =>
      tag<DataOf<"freshness", "requireFresh">>()([...asset(assetId), "requireFresh", n(params)]),
    listSchedules: (params?: ParamsOf<"freshness", "listSchedules", 0>) =>
      tag<DataOf<"freshness", "listSchedules">>()([...all, "schedules", n(params)]),
    infiniteSchedules: (params?: PageParamsOf<"freshness", "listSchedules", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"freshness", "listSchedules">>>()([...all, "schedules", "infinite", pageParams(params)]),
  };
}

function schemaKeys(scope: string) {
  const { all, asset } = resource(scope, "schema");
  return {
    all,
    asset,
    summary: () => tag<DataOf<"schema", "summary">>()([...all, "summary"]),
    changes: (params?: ParamsOf<"schema", "changes", 0>) => tag<DataOf<"schema", "changes">>()([...all, "changes", n(params)]),
    infiniteChanges: (params?: PageParamsOf<"schema", "changes", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"schema", "changes">>>()([...all, "changes", "infinite", pageParams(params)]),
    get: (assetId: string) => tag<DataOf<"schema", "get">>()([...asset(assetId), "get"]),
  };
}

function lineageKeys(scope: string) {
  const { all, asset } = resource(scope, "lineage");
  return {
    all,
    asset,
    list: (params?: ParamsOf<"lineage", "list", 0>) => tag<DataOf<"lineage", "list">>()([...all, "list", n(params)]),
    infinite: (params?: PageParamsOf<"lineage", "list", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"lineage", "list">>>()([...all, "list", "infinite", pageParams(params)]),
    get: (assetId: string, params?: ParamsOf<"lineage", "get", 1>) =>
      tag<DataOf<"lineage", "get">>()([...asset(assetId), "get", n(params)]),
  };
}

function tagsKeys(scope: string) {
  const { all, asset } = resource(scope, "tags");
  return {
    all,
    asset,
    list: (params: ParamsOf<"tags", "list", 0>) => tag<DataOf<"tags", "list">>()([...asset(params.asset), "list", n(params)]),
    infinite: (params: PageParamsOf<"tags", "list", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"tags", "list">>>()([...asset(params.asset), "list", "infinite", pageParams(params)]),
  };
}

function investigationsKeys(scope: string) {
  const { all } = resource(scope, "investigations");
  return {
    all,
    get: (investigationId: string) => tag<DataOf<"investigations", "get">>()([...all, "get", investigationId]),
  };
}

function jobsKeys(scope: string) {
  const { all } = resource(scope, "jobs");
  return {
    all,
    status: (jobId: string) => tag<DataOf<"jobs", "status">>()([...all, "status", jobId]),
  };
}

function metricsKeys(scope: string) {
  const { all, asset } = resource(scope, "metrics");
  return {
    all,
    asset,
    summary: (assetId: string) => tag<DataOf<"metrics", "summary">>()([...asset(assetId), "summary"]),
    list: (assetId: string, params?: ParamsOf<"metrics", "list", 1>) =>
      tag<DataOf<"metrics", "list">>()([...asset(assetId), "list", n(params)]),
    infinite: (assetId: string, params?: PageParamsOf<"metrics", "list", 1>) =>
      tag<ArmorInfiniteData<ItemOf<"metrics", "list">>>()([...asset(assetId), "list", "infinite", pageParams(params)]),
    get: (assetId: string, metricId: string, params?: ParamsOf<"metrics", "get", 2>) =>
      tag<DataOf<"metrics", "get">>()([...asset(assetId), "get", metricId, n(params)]),
    snapshots: (assetId: string, metricId: string, params?: ParamsOf<"metrics", "snapshots", 2>) =>
      tag<DataOf<"metrics", "snapshots">>()([...asset(assetId), "snapshots", metricId, n(params)]),
    infiniteSnapshots: (assetId: string, metricId: string, params?: PageParamsOf<"metrics", "snapshots", 2>) =>
      tag<ArmorInfiniteData<ItemOf<"metrics", "snapshots">>>()([...asset(assetId), "snapshots", metricId, "infinite", pageParams(params)]),
  };
}

function validityKeys(scope: string) {
  const { all, asset } = resource(scope, "validity");
  return {
    all,
    asset,
    summary: (assetId: string) => tag<DataOf<"validity", "summary">>()([...asset(assetId), "summary"]),
    list: (assetId: string, params?: ParamsOf<"validity", "list", 1>) =>
      tag<DataOf<"validity", "list">>()([...asset(assetId), "list", n(params)]),
    infinite: (assetId: string, params?: PageParamsOf<"validity", "list", 1>) =>
      tag<ArmorInfiniteData<ItemOf<"validity", "list">>>()([...asset(assetId), "list", "infinite", pageParams(params)]),
    get: (assetId: string, ruleId: string) => tag<DataOf<"validity", "get">>()([...asset(assetId), "get", ruleId]),
    results: (assetId: string, ruleId: string, params?: ParamsOf<"validity", "results", 2>) =>
      tag<DataOf<"validity", "results">>()([...asset(assetId), "results", ruleId, n(params)]),
    infiniteResults: (assetId: string, ruleId: string, params?: PageParamsOf<"validity", "results", 2>) =>
      tag<ArmorInfiniteData<ItemOf<"validity", "results">>>()([...asset(assetId), "results", ruleId, "infinite", pageParams(params)]),
  };
}

function referentialKeys(scope: string) {
  const { all, asset } = resource(scope, "referential");
  return {
    all,
    asset,
    summary: (assetId: string) => tag<DataOf<"referential", "summary">>()([...asset(assetId), "summary"]),
    list: (assetId: string, params?: ParamsOf<"referential", "list", 1>) =>
      tag<DataOf<"referential", "list">>()([...asset(assetId), "list", n(params)]),
    infinite: (assetId: string, params?: PageParamsOf<"referential", "list", 1>) =>
      tag<ArmorInfiniteData<ItemOf<"referential", "list">>>()([...asset(assetId), "list", "infinite", pageParams(params)]),
    get: (assetId: string, checkId: string) => tag<DataOf<"referential", "get">>()([...asset(assetId), "get", checkId]),
    results: (assetId: string, checkId: string, params?: ParamsOf<"referential", "results", 2>) =>
      tag<DataOf<"referential", "results">>()([...asset(assetId), "results", checkId, n(params)]),
    infiniteResults: (assetId: string, checkId: string, params?: PageParamsOf<"referential", "results", 2>) =>
      tag<ArmorInfiniteData<ItemOf<"referential", "results">>>()([...asset(assetId), "results", checkId, "infinite", pageParams(params)]),
  };
}

function alertsKeys(scope: string) {
  const { all } = resource(scope, "alerts");
  return {
    all,
    summary: () => tag<DataOf<"alerts", "summary">>()([...all, "summary"]),
    list: (params?: ParamsOf<"alerts", "list", 0>) => tag<DataOf<"alerts", "list">>()([...all, "list", n(params)]),
    infinite: (params?: PageParamsOf<"alerts", "list", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"alerts", "list">>>()([...all, "list", "infinite", pageParams(params)]),
    listInbox: (params?: ParamsOf<"alerts", "listInbox", 0>) => tag<DataOf<"alerts", "listInbox">>()([...all, "inbox", n(params)]),
    infiniteInbox: (params?: PageParamsOf<"alerts", "listInbox", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"alerts", "listInbox">>>()([...all, "inbox", "infinite", pageParams(params)]),
    rules: (params?: ParamsOf<"alerts", "rules", 0>) => tag<DataOf<"alerts", "rules">>()([...all, "rules", n(params)]),
    infiniteRules: (params?: PageParamsOf<"alerts", "rules", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"alerts", "rules">>>()([...all, "rules", "infinite", pageParams(params)]),
    getRule: (ruleId: string) => tag<DataOf<"alerts", "getRule">>()([...all, "rule", ruleId]),
    listDestinations: (params?: ParamsOf<"alerts", "listDestinations", 0>) =>
      tag<DataOf<"alerts", "listDestinations">>()([...all, "destinations", n(params)]),
    infiniteDestinations: (params?: PageParamsOf<"alerts", "listDestinations", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"alerts", "listDestinations">>>()([...all, "destinations", "infinite", pageParams(params)]),
    getDestination: (destinationId: string) => tag<DataOf<"alerts", "getDestination">>()([...all, "destination", destinationId]),
    history: (alertId: string) => tag<DataOf<"alerts", "history">>()([...all, "history", alertId]),
    trends: (params?: ParamsOf<"alerts", "trends", 0>) => tag<DataOf<"alerts", "trends">>()([...all, "trends", n(params)]),
  };
}

function apiKeysKeys(scope: string) {
  const { all } = resource(scope, "apiKeys");
  return {
    all,
    list: (params?: ParamsOf<"apiKeys", "list", 0>) => tag<DataOf<"apiKeys", "list">>()([...all, "list", n(params)]),
    infinite: (params?: PageParamsOf<"apiKeys", "list", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"apiKeys", "list">>>()([...all, "list", "infinite", pageParams(params)]),
    get: (keyId: string) => tag<DataOf<"apiKeys", "get">>()([...all, "get", keyId]),
    usage: () => tag<DataOf<"apiKeys", "usage">>()([...all, "usage"]),
  };
}

function badgesKeys(scope: string) {
  const { all } = resource(scope, "badges");
  return {
    all,
    list: (params?: ParamsOf<"badges", "list", 0>) => tag<DataOf<"badges", "list">>()([...all, "list", n(params)]),
    infinite: (params?: PageParamsOf<"badges", "list", 0>) =>
      tag<ArmorInfiniteData<ItemOf<"badges", "list">>>()([...all, "list", "infinite", pageParams(params)]),
    get: (badgeId: string) => tag<DataOf<"badges", "get">>()([...all, "get", badgeId]),
    getStatus: (badgeId: string) => tag<DataOf<"badges", "getStatus">>()([...all, "status", badgeId]),
  };
}

function healthKeys(scope: string) {
  const { all } = resource(scope, "health");
  return {
    all,
    summary: () => tag<DataOf<"health", "summary">>()([...all, "summary"]),
  };
}

function recommendationsKeys(scope: string) {
  const { all, asset } = resource(scope, "recommendations");
  return {
    all,
    asset,
    freshness: (params: ParamsOf<"recommendations", "freshness", 0>) =>
      tag<DataOf<"recommendations", "freshness">>()([...asset(params.asset_id), "freshness", n(params)]),
    metrics: (params: ParamsOf<"recommendations", "metrics", 0>) =>
      tag<DataOf<"recommendations", "metrics">>()([...asset(params.asset_id), "metrics", n(params)]),
    coverage: (params: ParamsOf<"recommendations", "coverage", 0>) =>
      tag<DataOf<"recommendations", "coverage">>()([...asset(params.asset_id), "coverage", n(params)]),
    thresholds: (params: ParamsOf<"recommendations", "thresholds", 0>) =>
      tag<DataOf<"recommendations", "thresholds">>()([...asset(params.asset_id), "thresholds", n(params)]),
  };
}
