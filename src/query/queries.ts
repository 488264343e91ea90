/**
 * `armorQueries(client)`: one options builder per read method, mirroring the client. Each line pairs a
 * key from `armorKeys` with the SDK call it caches; the builders check at compile time that the call
 * resolves to the type the key is tagged with.
 */
import { armorKeys } from "./keys";
import { infiniteOptionsOf, polledOptions, queryOptionsOf, STALE_TIME as S } from "./options";
import { isFreshSettled, isJobSettled } from "./polling";
import type { ArmorClient, PageParamsOf, ParamsOf } from "./types";

/** Page size of an infinite query whose params give no `limit`: the endpoint's default (`wire.md` §4). */
const DEFAULT_LIMIT = 50;
/** Tags, badges, snapshots and results default to 100 per page. */
const DEFAULT_LIMIT_100 = 100;

function limitOf(params: { limit?: number | undefined } | undefined, fallback = DEFAULT_LIMIT): number {
  return params?.limit ?? fallback;
}

/** Polling of `q.freshness.get(assetId, { poll })`. */
export interface FreshnessPollOptions {
  /** Milliseconds between reads, exactly. @default backoff from 1 s doubling to 10 s */
  intervalMs?: number | undefined;
  /** Threshold in hours for "fresh"; default: the asset's own threshold, else 24. */
  max_age_hours?: number | undefined;
}

/** Polling of `q.jobs.status(jobId, …)`. */
export interface JobPollOptions {
  /** Milliseconds between reads, exactly. @default backoff from 1 s doubling to 10 s */
  intervalMs?: number | undefined;
}

/**
 * Query options for every read of a client, for plain query-core and every TanStack adapter.
 * @param client - a `Client`
 * @returns one builder per resource and read method, with the method's own arguments; `infinite…`
 *   builders for every paginated list
 * @example
 * const q = armorQueries(client);
 * const status = await queryClient.fetchQuery(q.freshness.get("snowflake.prod.warehouse.orders"));
 * const pages = await queryClient.fetchInfiniteQuery(q.assets.infinite({ source: "snowflake" }));
 */
export function armorQueries(client: ArmorClient) {
  const k = armorKeys(client);
  const { assets, freshness, schema, lineage, tags, investigations, jobs, metrics, validity, referential, alerts, apiKeys, badges, health, recommendations } =
    client;
  return {
    assets: {
      list: (params?: ParamsOf<"assets", "list", 0>) => queryOptionsOf(k.assets.list(params), (o) => assets.list(params, o), S.assets),
      infinite: (params?: PageParamsOf<"assets", "list", 0>) =>
        infiniteOptionsOf(k.assets.infinite(params), (p, o) => assets.iterate({ ...params, ...p }, o), limitOf(params), S.assets),
      get: (assetId: string) => queryOptionsOf(k.assets.get(assetId), (o) => assets.get(assetId, o), S.assets),
    },
    freshness: {
      summary: () => queryOptionsOf(k.freshness.summary(), (o) => freshness.summary(o), S.freshness),
      list: (params?: ParamsOf<"freshness", "list", 0>) =>
        queryOptionsOf(k.freshness.list(params), (o) => freshness.list(params, o), S.freshness),
      infinite: (params?: PageParamsOf<"freshness", "list", 0>) =>
        infiniteOptionsOf(k.freshness.infinite(params), (p, o) => freshness.iterate({ ...params, ...p }, o), limitOf(params), S.freshness),
      /**
       * One asset's freshness; with `poll`, refetches until the asset is fresh (the `waitForFresh`
       * rule), then stops by itself; it also stops on an error.
       */
      get: (assetId: string, options?: { poll?: boolean | FreshnessPollOptions | undefined }) => {
        const base = queryOptionsOf(k.freshness.get(assetId), (o) => freshness.get(assetId, o), S.freshness);
        const poll = options?.poll;
        if (!poll) return base;
        const { intervalMs, max_age_hours } = poll === true ? ({} as FreshnessPollOptions) : poll;
        return polledOptions(base, (s) => isFreshSettled(s, max_age_hours), intervalMs);
      },
      requireFresh: (assetId: string, params?: ParamsOf<"freshness", "requireFresh", 1>) =>
        queryOptionsOf(k.freshness.requireFresh(assetId, params), (o) => freshness.requireFresh(assetId, params, o), S.freshness),
      listSchedules: (params?: ParamsOf<"freshness", "listSchedules", 0>) =>
        queryOptionsOf(k.freshness.listSchedules(params), (o) => freshness.listSchedules(params, o), S.freshness),
      infiniteSchedules: (params?: PageParamsOf<"freshness", "listSchedules", 0>) =>
        infiniteOptionsOf(
          k.freshness.infiniteSchedules(params),
          (p, o) => freshness.iterateSchedules({ ...params, ...p }, o),
          limitOf(params),
          S.freshness,
        ),
    },
    schema: {
      summary: () => queryOptionsOf(k.schema.summary(), (o) => schema.summary(o), S.schema),
      changes: (params?: ParamsOf<"schema", "changes", 0>) =>
        queryOptionsOf(k.schema.changes(params), (o) => schema.changes(params, o), S.schema),
      infiniteChanges: (params?: PageParamsOf<"schema", "changes", 0>) =>
        infiniteOptionsOf(k.schema.infiniteChanges(params), (p, o) => schema.iterateChanges({ ...params, ...p }, o), limitOf(params), S.schema),
      get: (assetId: string) => queryOptionsOf(k.schema.get(assetId), (o) => schema.get(assetId, o), S.schema),
    },
    lineage: {
      list: (params?: ParamsOf<"lineage", "list", 0>) => queryOptionsOf(k.lineage.list(params), (o) => lineage.list(params, o), S.lineage),
      infinite: (params?: PageParamsOf<"lineage", "list", 0>) =>
        infiniteOptionsOf(k.lineage.infinite(params), (p, o) => lineage.iterate({ ...params, ...p }, o), limitOf(params), S.lineage),
      get: (assetId: string, params?: ParamsOf<"lineage", "get", 1>) =>
        queryOptionsOf(k.lineage.get(assetId, params), (o) => lineage.get(assetId, params, o), S.lineage),
    },
    tags: {
      list: (params: ParamsOf<"tags", "list", 0>) => queryOptionsOf(k.tags.list(params), (o) => tags.list(params, o), S.tags),
      infinite: (params: PageParamsOf<"tags", "list", 0>) =>
        infiniteOptionsOf(k.tags.infinite(params), (p, o) => tags.iterate({ ...params, ...p }, o), limitOf(params, DEFAULT_LIMIT_100), S.tags),
    },
    investigations: {
      get: (investigationId: string) =>
        queryOptionsOf(k.investigations.get(investigationId), (o) => investigations.get(investigationId, o), S.investigations),
    },
    jobs: {
      /**
       * A job's status, polled until it reaches a terminal state (`completed`, `failed`, `cancelled`,
       * `timed_out`, `error`) — resolving with the job in every case — then never again; it also stops
       * on an error. The same "settled" rule as `pollJob`.
       */
      status: (jobId: string, options?: JobPollOptions) => {
        return polledOptions(
          queryOptionsOf(k.jobs.status(jobId), (o) => jobs.status(jobId, o), S.jobs),
          isJobSettled,
          options?.intervalMs,
        );
      },
    },
    metrics: {
      summary: (assetId: string) => queryOptionsOf(k.metrics.summary(assetId), (o) => metrics.summary(assetId, o), S.metrics),
      list: (assetId: string, params?: ParamsOf<"metrics", "list", 1>) =>
        queryOptionsOf(k.metrics.list(assetId, params), (o) => metrics.list(assetId, params, o), S.metrics),
      infinite: (assetId: string, params?: PageParamsOf<"metrics", "list", 1>) =>
        infiniteOptionsOf(
          k.metrics.infinite(assetId, params),
          (p, o) => metrics.iterate(assetId, { ...params, ...p }, o),
          limitOf(params),
          S.metrics,
        ),
      get: (assetId: string, metricId: string, params?: ParamsOf<"metrics", "get", 2>) =>
        queryOptionsOf(k.metrics.get(assetId, metricId, params), (o) => metrics.get(assetId, metricId, params, o), S.metrics),
      snapshots: (assetId: string, metricId: string, params?: ParamsOf<"metrics", "snapshots", 2>) =>
        queryOptionsOf(k.metrics.snapshots(assetId, metricId, params), (o) => metrics.snapshots(assetId, metricId, params, o), S.metrics),
      infiniteSnapshots: (assetId: string, metricId: string, params?: PageParamsOf<"metrics", "snapshots", 2>) =>
        infiniteOptionsOf(
          k.metrics.infiniteSnapshots(assetId, metricId, params),
          (p, o) => metrics.iterateSnapshots(assetId, metricId, { ...params, ...p }, o),
          limitOf(params, DEFAULT_LIMIT_100),
          S.metrics,
        ),
    },
    validity: {
      summary: (assetId: string) => queryOptionsOf(k.validity.summary(assetId), (o) => validity.summary(assetId, o), S.validity),
      list: (assetId: string, params?: ParamsOf<"validity", "list", 1>) =>
        queryOptionsOf(k.validity.list(assetId, params), (o) => validity.list(assetId, params, o), S.validity),
      infinite: (assetId: string, params?: PageParamsOf<"validity", "list", 1>) =>
        infiniteOptionsOf(
          k.validity.infinite(assetId, params),
          (p, o) => validity.iterate(assetId, { ...params, ...p }, o),
          limitOf(params),
          S.validity,
        ),
      get: (assetId: string, ruleId: string) => queryOptionsOf(k.validity.get(assetId, ruleId), (o) => validity.get(assetId, ruleId, o), S.validity),
      results: (assetId: string, ruleId: string, params?: ParamsOf<"validity", "results", 2>) =>
        queryOptionsOf(k.validity.results(assetId, ruleId, params), (o) => validity.results(assetId, ruleId, params, o), S.validity),
      infiniteResults: (assetId: string, ruleId: string, params?: PageParamsOf<"validity", "results", 2>) =>
        infiniteOptionsOf(
          k.validity.infiniteResults(assetId, ruleId, params),
          (p, o) => validity.iterateResults(assetId, ruleId, { ...params, ...p }, o),
          limitOf(params, DEFAULT_LIMIT_100),
          S.validity,
        ),
    },
    referential: {
      summary: (assetId: string) => queryOptionsOf(k.referential.summary(assetId), (o) => referential.summary(assetId, o), S.referential),
      list: (assetId: string, params?: ParamsOf<"referential", "list", 1>) =>
        queryOptionsOf(k.referential.list(assetId, params), (o) => referential.list(assetId, params, o), S.referential),
      infinite: (assetId: string, params?: PageParamsOf<"referential", "list", 1>) =>
        infiniteOptionsOf(
          k.referential.infinite(assetId, params),
          (p, o) => referential.iterate(assetId, { ...params, ...p }, o),
          limitOf(params),
          S.referential,
        ),
      get: (assetId: string, checkId: string) =>
        queryOptionsOf(k.referential.get(assetId, checkId), (o) => referential.get(assetId, checkId, o), S.referential),
      results: (assetId: string, checkId: string, params?: ParamsOf<"referential", "results", 2>) =>
        queryOptionsOf(k.referential.results(assetId, checkId, params), (o) => referential.results(assetId, checkId, params, o), S.referential),
      infiniteResults: (assetId: string, checkId: string, params?: PageParamsOf<"referential", "results", 2>) =>
        infiniteOptionsOf(
          k.referential.infiniteResults(assetId, checkId, params),
          (p, o) => referential.iterateResults(assetId, checkId, { ...params, ...p }, o),
          limitOf(params, DEFAULT_LIMIT_100),
          S.referential,
        ),
    },
    alerts: {
      summary: () => queryOptionsOf(k.alerts.summary(), (o) => alerts.summary(o), S.alerts),
      list: (params?: ParamsOf<"alerts", "list", 0>) => queryOptionsOf(k.alerts.list(params), (o) => alerts.list(params, o), S.alerts),
      infinite: (params?: PageParamsOf<"alerts", "list", 0>) =>
        infiniteOptionsOf(k.alerts.infinite(params), (p, o) => alerts.iterate({ ...params, ...p }, o), limitOf(params), S.alerts),
      listInbox: (params?: ParamsOf<"alerts", "listInbox", 0>) =>
        queryOptionsOf(k.alerts.listInbox(params), (o) => alerts.listInbox(params, o), S.alerts),
      infiniteInbox: (params?: PageParamsOf<"alerts", "listInbox", 0>) =>
        infiniteOptionsOf(k.alerts.infiniteInbox(params), (p, o) => alerts.iterateInbox({ ...params, ...p }, o), limitOf(params), S.alerts),
      rules: (params?: ParamsOf<"alerts", "rules", 0>) => queryOptionsOf(k.alerts.rules(params), (o) => alerts.rules(params, o), S.alerts),
      infiniteRules: (params?: PageParamsOf<"alerts", "rules", 0>) =>
        infiniteOptionsOf(k.alerts.infiniteRules(params), (p, o) => alerts.iterateRules({ ...params, ...p }, o), limitOf(params), S.alerts),
      getRule: (ruleId: string) => queryOptionsOf(k.alerts.getRule(ruleId), (o) => alerts.getRule(ruleId, o), S.alerts),
      listDestinations: (params?: ParamsOf<"alerts", "listDestinations", 0>) =>
        queryOptionsOf(k.alerts.listDestinations(params), (o) => alerts.listDestinations(params, o), S.alerts),
      infiniteDestinations: (params?: PageParamsOf<"alerts", "listDestinations", 0>) =>
        infiniteOptionsOf(
          k.alerts.infiniteDestinations(params),
          (p, o) => alerts.iterateDestinations({ ...params, ...p }, o),
          limitOf(params),
          S.alerts,
        ),
      getDestination: (destinationId: string) =>
        queryOptionsOf(k.alerts.getDestination(destinationId), (o) => alerts.getDestination(destinationId, o), S.alerts),
      history: (alertId: string) => queryOptionsOf(k.alerts.history(alertId), (o) => alerts.history(alertId, o), S.alerts),
      trends: (params?: ParamsOf<"alerts", "trends", 0>) => queryOptionsOf(k.alerts.trends(params), (o) => alerts.trends(params, o), S.alerts),
    },
    apiKeys: {
      list: (params?: ParamsOf<"apiKeys", "list", 0>) => queryOptionsOf(k.apiKeys.list(params), (o) => apiKeys.list(params, o), S.apiKeys),
      infinite: (params?: PageParamsOf<"apiKeys", "list", 0>) =>
        infiniteOptionsOf(k.apiKeys.infinite(params), (p, o) => apiKeys.iterate({ ...params, ...p }, o), limitOf(params), S.apiKeys),
      get: (keyId: string) => queryOptionsOf(k.apiKeys.get(keyId), (o) => apiKeys.get(keyId, o), S.apiKeys),
      usage: () => queryOptionsOf(k.apiKeys.usage(), (o) => apiKeys.usage(o), S.apiKeys),
    },
    badges: {
      list: (params?: ParamsOf<"badges", "list", 0>) => queryOptionsOf(k.badges.list(params), (o) => badges.list(params, o), S.badges),
      infinite: (params?: PageParamsOf<"badges", "list", 0>) =>
        infiniteOptionsOf(k.badges.infinite(params), (p, o) => badges.iterate({ ...params, ...p }, o), limitOf(params, DEFAULT_LIMIT_100), S.badges),
      get: (badgeId: string) => queryOptionsOf(k.badges.get(badgeId), (o) => badges.get(badgeId, o), S.badges),
      getStatus: (badgeId: string) => queryOptionsOf(k.badges.getStatus(badgeId), (o) => badges.getStatus(badgeId, o), S.badges),
    },
    health: {
      summary: () => queryOptionsOf(k.health.summary(), (o) => health.summary(o), S.health),
    },
    recommendations: {
      freshness: (params: ParamsOf<"recommendations", "freshness", 0>) =>
        queryOptionsOf(k.recommendations.freshness(params), (o) => recommendations.freshness(params, o), S.recommendations),
      metrics: (params: ParamsOf<"recommendations", "metrics", 0>) =>
        queryOptionsOf(k.recommendations.metrics(params), (o) => recommendations.metrics(params, o), S.recommendations),
      coverage: (params: ParamsOf<"recommendations", "coverage", 0>) =>
        queryOptionsOf(k.recommendations.coverage(params), (o) => recommendations.coverage(params, o), S.recommendations),
      thresholds: (params: ParamsOf<"recommendations", "thresholds", 0>) =>
        queryOptionsOf(k.recommendations.thresholds(params), (o) => recommendations.thresholds(params, o), S.recommendations),
    },
  };
}

/** The options builders `armorQueries(client)` returns. */
export type ArmorQueries = ReturnType<typeof armorQueries>;
