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
import type { Client } from "../client";
import type { ArmorPage, DataOf, ItemOf, PageParamsOf, ParamsOf, ResourceName } from "./types";

/** The first element of every key this SDK builds. */
export const KEY_NAMESPACE = "anomalyarmor";

/** A key tagged with the data cached under it and the error its query can fail with. */
export type ArmorKey<K extends readonly unknown[], T> = DataTag<K, T, ArmorError>;

/** What an infinite query over items `T` caches: its pages and the offsets they were read at. */
export type ArmorInfiniteData<T> = InfiniteData<ArmorPage<T>, number>;

/**
 * Params as they go into a key: a copy without `undefined` (so `{ source: undefined }` and `{}` share a
 * cache entry and the key stays JSON-safe).
 */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  // A Date travels as its ISO string (alerts.list from_date/to_date), so it must key as one too;
  // `toJSON` gives exactly that, and null for an invalid date, as JSON would.
  if (value instanceof Date) return value.toJSON();
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out;
  }
  return value;
}

/** Keys are namespaced by this first element. */
type NS = typeof KEY_NAMESPACE;
/** `[ns, scope, resource]`: everything cached for one resource. */
type All<R extends string> = readonly [NS, string, R];
/** `[ns, scope, resource, "asset", assetId]`: every read of a resource about one asset. */
type Asset<R extends string> = readonly [NS, string, R, "asset", string];
/** A read's key under the resource: `[…all, …rest]`, tagged with the read's data. */
type Under<R extends string, Rest extends readonly unknown[], T> = ArmorKey<readonly [NS, string, R, ...Rest], T>;
/** A read's key under one asset: `[…asset(a), …rest]`, tagged with the read's data. */
type UnderAsset<R extends string, Rest extends readonly unknown[], T> = ArmorKey<
  readonly [NS, string, R, "asset", string, ...Rest],
  T
>;
/** The cached data of the infinite twin of `client[R][M]`. */
type Pages<R extends ResourceName, M extends keyof Client[R]> = ArmorInfiniteData<ItemOf<R, M>>;
/** Prefixes of a resource whose reads are per asset. */
interface PerAsset<R extends string> {
  /** Everything cached for this resource. */
  all: All<R>;
  /** Every read of this resource about one asset. */
  asset: (assetId: string) => Asset<R>;
}

/** The key factory a client's `armorKeys` returns: prefixes, and the exact key of every read. */
export type ArmorKeys = {
  /** Everything this SDK cached for this client. */
  all: readonly [NS, string];
  /** Keys of `client.assets`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  assets: PerAsset<"assets"> & {
    list: (
      params?: ParamsOf<"assets", "list", 0>,
    ) => Under<"assets", ["list", ParamsOf<"assets", "list", 0>], DataOf<"assets", "list">>;
    infinite: (
      params?: PageParamsOf<"assets", "list", 0>,
    ) => Under<"assets", ["list", "infinite", PageParamsOf<"assets", "list", 0>], Pages<"assets", "list">>;
    get: (assetId: string) => UnderAsset<"assets", ["get"], DataOf<"assets", "get">>;
  };
  /** Keys of `client.freshness`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  freshness: PerAsset<"freshness"> & {
    summary: () => Under<"freshness", ["summary"], DataOf<"freshness", "summary">>;
    list: (
      params?: ParamsOf<"freshness", "list", 0>,
    ) => Under<"freshness", ["list", ParamsOf<"freshness", "list", 0>], DataOf<"freshness", "list">>;
    infinite: (
      params?: PageParamsOf<"freshness", "list", 0>,
    ) => Under<"freshness", ["list", "infinite", PageParamsOf<"freshness", "list", 0>], Pages<"freshness", "list">>;
    get: (assetId: string) => UnderAsset<"freshness", ["get"], DataOf<"freshness", "get">>;
    requireFresh: (
      assetId: string,
      params?: ParamsOf<"freshness", "requireFresh", 1>,
    ) => UnderAsset<
      "freshness",
      ["requireFresh", ParamsOf<"freshness", "requireFresh", 1>],
      DataOf<"freshness", "requireFresh">
    >;
    listSchedules: (
      params?: ParamsOf<"freshness", "listSchedules", 0>,
    ) => Under<
      "freshness",
      ["schedules", ParamsOf<"freshness", "listSchedules", 0>],
      DataOf<"freshness", "listSchedules">
    >;
    infiniteSchedules: (
      params?: PageParamsOf<"freshness", "listSchedules", 0>,
    ) => Under<
      "freshness",
      ["schedules", "infinite", PageParamsOf<"freshness", "listSchedules", 0>],
      Pages<"freshness", "listSchedules">
    >;
  };
  /** Keys of `client.schema`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  schema: PerAsset<"schema"> & {
    summary: () => Under<"schema", ["summary"], DataOf<"schema", "summary">>;
    changes: (
      params?: ParamsOf<"schema", "changes", 0>,
    ) => Under<"schema", ["changes", ParamsOf<"schema", "changes", 0>], DataOf<"schema", "changes">>;
    infiniteChanges: (
      params?: PageParamsOf<"schema", "changes", 0>,
    ) => Under<"schema", ["changes", "infinite", PageParamsOf<"schema", "changes", 0>], Pages<"schema", "changes">>;
    get: (assetId: string) => UnderAsset<"schema", ["get"], DataOf<"schema", "get">>;
  };
  /** Keys of `client.lineage`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  lineage: PerAsset<"lineage"> & {
    list: (
      params?: ParamsOf<"lineage", "list", 0>,
    ) => Under<"lineage", ["list", ParamsOf<"lineage", "list", 0>], DataOf<"lineage", "list">>;
    infinite: (
      params?: PageParamsOf<"lineage", "list", 0>,
    ) => Under<"lineage", ["list", "infinite", PageParamsOf<"lineage", "list", 0>], Pages<"lineage", "list">>;
    get: (
      assetId: string,
      params?: ParamsOf<"lineage", "get", 1>,
    ) => UnderAsset<"lineage", ["get", ParamsOf<"lineage", "get", 1>], DataOf<"lineage", "get">>;
  };
  /** Keys of `client.tags`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  tags: PerAsset<"tags"> & {
    list: (
      params: ParamsOf<"tags", "list", 0>,
    ) => UnderAsset<"tags", ["list", ParamsOf<"tags", "list", 0>], DataOf<"tags", "list">>;
    infinite: (
      params: PageParamsOf<"tags", "list", 0>,
    ) => UnderAsset<"tags", ["list", "infinite", PageParamsOf<"tags", "list", 0>], Pages<"tags", "list">>;
  };
  /** Keys of `client.intelligence`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  intelligence: { all: All<"intelligence"> };
  /** Keys of `client.investigations`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  investigations: {
    all: All<"investigations">;
    get: (investigationId: string) => Under<"investigations", ["get", string], DataOf<"investigations", "get">>;
  };
  /** Keys of `client.jobs`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  jobs: {
    all: All<"jobs">;
    status: (jobId: string) => Under<"jobs", ["status", string], DataOf<"jobs", "status">>;
  };
  /** Keys of `client.metrics`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  metrics: PerAsset<"metrics"> & {
    summary: (assetId: string) => UnderAsset<"metrics", ["summary"], DataOf<"metrics", "summary">>;
    list: (
      assetId: string,
      params?: ParamsOf<"metrics", "list", 1>,
    ) => UnderAsset<"metrics", ["list", ParamsOf<"metrics", "list", 1>], DataOf<"metrics", "list">>;
    infinite: (
      assetId: string,
      params?: PageParamsOf<"metrics", "list", 1>,
    ) => UnderAsset<"metrics", ["list", "infinite", PageParamsOf<"metrics", "list", 1>], Pages<"metrics", "list">>;
    get: (
      assetId: string,
      metricId: string,
      params?: ParamsOf<"metrics", "get", 2>,
    ) => UnderAsset<"metrics", ["get", string, ParamsOf<"metrics", "get", 2>], DataOf<"metrics", "get">>;
    snapshots: (
      assetId: string,
      metricId: string,
      params?: ParamsOf<"metrics", "snapshots", 2>,
    ) => UnderAsset<
      "metrics",
      ["snapshots", string, ParamsOf<"metrics", "snapshots", 2>],
      DataOf<"metrics", "snapshots">
    >;
    infiniteSnapshots: (
      assetId: string,
      metricId: string,
      params?: PageParamsOf<"metrics", "snapshots", 2>,
    ) => UnderAsset<
      "metrics",
      ["snapshots", string, "infinite", PageParamsOf<"metrics", "snapshots", 2>],
      Pages<"metrics", "snapshots">
    >;
  };
  /** Keys of `client.validity`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  validity: PerAsset<"validity"> & {
    summary: (assetId: string) => UnderAsset<"validity", ["summary"], DataOf<"validity", "summary">>;
    list: (
      assetId: string,
      params?: ParamsOf<"validity", "list", 1>,
    ) => UnderAsset<"validity", ["list", ParamsOf<"validity", "list", 1>], DataOf<"validity", "list">>;
    infinite: (
      assetId: string,
      params?: PageParamsOf<"validity", "list", 1>,
    ) => UnderAsset<"validity", ["list", "infinite", PageParamsOf<"validity", "list", 1>], Pages<"validity", "list">>;
    get: (assetId: string, ruleId: string) => UnderAsset<"validity", ["get", string], DataOf<"validity", "get">>;
    results: (
      assetId: string,
      ruleId: string,
      params?: ParamsOf<"validity", "results", 2>,
    ) => UnderAsset<"validity", ["results", string, ParamsOf<"validity", "results", 2>], DataOf<"validity", "results">>;
    infiniteResults: (
      assetId: string,
      ruleId: string,
      params?: PageParamsOf<"validity", "results", 2>,
    ) => UnderAsset<
      "validity",
      ["results", string, "infinite", PageParamsOf<"validity", "results", 2>],
      Pages<"validity", "results">
    >;
  };
  /** Keys of `client.referential`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  referential: PerAsset<"referential"> & {
    summary: (assetId: string) => UnderAsset<"referential", ["summary"], DataOf<"referential", "summary">>;
    list: (
      assetId: string,
      params?: ParamsOf<"referential", "list", 1>,
    ) => UnderAsset<"referential", ["list", ParamsOf<"referential", "list", 1>], DataOf<"referential", "list">>;
    infinite: (
      assetId: string,
      params?: PageParamsOf<"referential", "list", 1>,
    ) => UnderAsset<
      "referential",
      ["list", "infinite", PageParamsOf<"referential", "list", 1>],
      Pages<"referential", "list">
    >;
    get: (assetId: string, checkId: string) => UnderAsset<"referential", ["get", string], DataOf<"referential", "get">>;
    results: (
      assetId: string,
      checkId: string,
      params?: ParamsOf<"referential", "results", 2>,
    ) => UnderAsset<
      "referential",
      ["results", string, ParamsOf<"referential", "results", 2>],
      DataOf<"referential", "results">
    >;
    infiniteResults: (
      assetId: string,
      checkId: string,
      params?: PageParamsOf<"referential", "results", 2>,
    ) => UnderAsset<
      "referential",
      ["results", string, "infinite", PageParamsOf<"referential", "results", 2>],
      Pages<"referential", "results">
    >;
  };
  /** Keys of `client.alerts`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  alerts: {
    all: All<"alerts">;
    summary: () => Under<"alerts", ["summary"], DataOf<"alerts", "summary">>;
    list: (
      params?: ParamsOf<"alerts", "list", 0>,
    ) => Under<"alerts", ["list", ParamsOf<"alerts", "list", 0>], DataOf<"alerts", "list">>;
    infinite: (
      params?: PageParamsOf<"alerts", "list", 0>,
    ) => Under<"alerts", ["list", "infinite", PageParamsOf<"alerts", "list", 0>], Pages<"alerts", "list">>;
    listInbox: (
      params?: ParamsOf<"alerts", "listInbox", 0>,
    ) => Under<"alerts", ["inbox", ParamsOf<"alerts", "listInbox", 0>], DataOf<"alerts", "listInbox">>;
    infiniteInbox: (
      params?: PageParamsOf<"alerts", "listInbox", 0>,
    ) => Under<"alerts", ["inbox", "infinite", PageParamsOf<"alerts", "listInbox", 0>], Pages<"alerts", "listInbox">>;
    rules: (
      params?: ParamsOf<"alerts", "rules", 0>,
    ) => Under<"alerts", ["rules", ParamsOf<"alerts", "rules", 0>], DataOf<"alerts", "rules">>;
    infiniteRules: (
      params?: PageParamsOf<"alerts", "rules", 0>,
    ) => Under<"alerts", ["rules", "infinite", PageParamsOf<"alerts", "rules", 0>], Pages<"alerts", "rules">>;
    getRule: (ruleId: string) => Under<"alerts", ["rule", string], DataOf<"alerts", "getRule">>;
    listDestinations: (
      params?: ParamsOf<"alerts", "listDestinations", 0>,
    ) => Under<
      "alerts",
      ["destinations", ParamsOf<"alerts", "listDestinations", 0>],
      DataOf<"alerts", "listDestinations">
    >;
    infiniteDestinations: (
      params?: PageParamsOf<"alerts", "listDestinations", 0>,
    ) => Under<
      "alerts",
      ["destinations", "infinite", PageParamsOf<"alerts", "listDestinations", 0>],
      Pages<"alerts", "listDestinations">
    >;
    getDestination: (
      destinationId: string,
    ) => Under<"alerts", ["destination", string], DataOf<"alerts", "getDestination">>;
    history: (alertId: string) => Under<"alerts", ["history", string], DataOf<"alerts", "history">>;
    trends: (
      params?: ParamsOf<"alerts", "trends", 0>,
    ) => Under<"alerts", ["trends", ParamsOf<"alerts", "trends", 0>], DataOf<"alerts", "trends">>;
  };
  /** Keys of `client.apiKeys`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  apiKeys: {
    all: All<"apiKeys">;
    list: (
      params?: ParamsOf<"apiKeys", "list", 0>,
    ) => Under<"apiKeys", ["list", ParamsOf<"apiKeys", "list", 0>], DataOf<"apiKeys", "list">>;
    infinite: (
      params?: PageParamsOf<"apiKeys", "list", 0>,
    ) => Under<"apiKeys", ["list", "infinite", PageParamsOf<"apiKeys", "list", 0>], Pages<"apiKeys", "list">>;
    get: (keyId: string) => Under<"apiKeys", ["get", string], DataOf<"apiKeys", "get">>;
    usage: () => Under<"apiKeys", ["usage"], DataOf<"apiKeys", "usage">>;
  };
  /** Keys of `client.badges`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  badges: {
    all: All<"badges">;
    list: (
      params?: ParamsOf<"badges", "list", 0>,
    ) => Under<"badges", ["list", ParamsOf<"badges", "list", 0>], DataOf<"badges", "list">>;
    infinite: (
      params?: PageParamsOf<"badges", "list", 0>,
    ) => Under<"badges", ["list", "infinite", PageParamsOf<"badges", "list", 0>], Pages<"badges", "list">>;
    get: (badgeId: string) => Under<"badges", ["get", string], DataOf<"badges", "get">>;
    getStatus: (badgeId: string) => Under<"badges", ["status", string], DataOf<"badges", "getStatus">>;
  };
  /** Keys of `client.health`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  health: {
    all: All<"health">;
    summary: () => Under<"health", ["summary"], DataOf<"health", "summary">>;
  };
  /** Keys of `client.recommendations`: `all` and `asset(id)` prefixes (where reads are per asset), and the exact key of each read. */
  recommendations: PerAsset<"recommendations"> & {
    freshness: (
      params: ParamsOf<"recommendations", "freshness", 0>,
    ) => UnderAsset<
      "recommendations",
      ["freshness", ParamsOf<"recommendations", "freshness", 0>],
      DataOf<"recommendations", "freshness">
    >;
    metrics: (
      params: ParamsOf<"recommendations", "metrics", 0>,
    ) => UnderAsset<
      "recommendations",
      ["metrics", ParamsOf<"recommendations", "metrics", 0>],
      DataOf<"recommendations", "metrics">
    >;
    coverage: (
      params: ParamsOf<"recommendations", "coverage", 0>,
    ) => UnderAsset<
      "recommendations",
      ["coverage", ParamsOf<"recommendations", "coverage", 0>],
      DataOf<"recommendations", "coverage">
    >;
    thresholds: (
      params: ParamsOf<"recommendations", "thresholds", 0>,
    ) => UnderAsset<
      "recommendations",
      ["thresholds", ParamsOf<"recommendations", "thresholds", 0>],
      DataOf<"recommendations", "thresholds">
    >;
  };
};

/**
 * Every read, per resource, as `method: "shape"`. The key's segment is the method's name, less a
 * leading `list` or `get` (`listInbox` → `inbox`, `getRule` → `rule`). The shape lists the method's
 * arguments before `options`, in order:
 * - `a`: an asset id; the key goes under `asset(a)`;
 * - `i`: another id, placed after the segment;
 * - `p`: the params object, last in the key (normalised);
 * - `t` / `u`: the params object, whose `asset` / `asset_id` puts the key under that asset.
 * A trailing `*` gives the read an infinite twin (`list` → `infinite` / `iterate`, `listX` and `x` →
 * `infiniteX` / `iterateX`) whose key ends `"infinite", <params without offset>`; `#` is the same for
 * endpoints whose page size defaults to 100 instead of 50. `armorQueries` is generated from the same table.
 */
export const READS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  assets: { list: "p*", get: "a" },
  freshness: { summary: "", list: "p*", get: "a", requireFresh: "ap", listSchedules: "p*" },
  schema: { summary: "", changes: "p*", get: "a" },
  lineage: { list: "p*", get: "ap" },
  tags: { list: "t#" },
  intelligence: {},
  investigations: { get: "i" },
  jobs: { status: "i" },
  metrics: { summary: "a", list: "ap*", get: "aip", snapshots: "aip#" },
  validity: { summary: "a", list: "ap*", get: "ai", results: "aip#" },
  referential: { summary: "a", list: "ap*", get: "ai", results: "aip#" },
  alerts: {
    summary: "",
    list: "p*",
    listInbox: "p*",
    rules: "p*",
    getRule: "i",
    listDestinations: "p*",
    getDestination: "i",
    history: "i",
    trends: "p",
  },
  apiKeys: { list: "p*", get: "i", usage: "" },
  badges: { list: "p#", get: "i", getStatus: "i" },
  health: { summary: "" },
  recommendations: { freshness: "u", metrics: "u", coverage: "u", thresholds: "u" },
};

/** One read of {@link READS}, parsed: its segment, argument shape, and infinite twin (name, iterate method, default page size). */
export interface Read {
  name: string;
  segment: string;
  shape: string;
  twin: { name: string; iterate: string; limit: number } | undefined;
}

/** The reads of one resource, twins after their list. */
export function readsOf(resource: string): Read[] {
  return Object.entries(READS[resource]!).map(([name, spec]) => {
    const shape = spec.replace(/[*#]$/, "");
    const segment = name.replace(/^(?:list|get)([A-Z])/, (_, first: string) => first.toLowerCase());
    // What follows `infinite` / `iterate` in the twin's names: `list` → "", `listInbox` → "Inbox", `changes` → "Changes".
    const suffix = name.replace(/^(?:list)?(.?)/, (_, first: string) => first.toUpperCase());
    return {
      name,
      segment,
      shape,
      twin:
        shape === spec
          ? undefined
          : { name: `infinite${suffix}`, iterate: `iterate${suffix}`, limit: spec.endsWith("#") ? 100 : 50 },
    };
  });
}

/** Builds the key of a read (or of its infinite twin) from the arguments of its method. */
function keyOf(all: readonly unknown[], read: Read, infinite: boolean) {
  return (...args: unknown[]): unknown[] => {
    let base = all;
    // What follows the segment: the ids, then the params; an asset moves the key under `asset(a)`.
    const rest = [...read.shape].flatMap((c, i) => {
      const arg = args[i];
      if (c === "i") return [arg];
      if (c === "a") {
        base = [...all, "asset", arg];
        return [];
      }
      if (c !== "p") base = [...all, "asset", (arg as Record<string, unknown>)[c === "t" ? "asset" : "asset_id"]];
      // Absent params key as `{}`, like empty ones.
      const params = clean(arg ?? {}) as { offset?: unknown };
      if (!infinite) return [params];
      // An infinite query's pages start at 0, so its key leaves `offset` out.
      const { offset: _ignored, ...paged } = params;
      return ["infinite", paged];
    });
    return [...base, read.segment, ...rest];
  };
}

/** The part of a client keys are built from: its transport's scope (URL + key fingerprint, or `cacheScope`). */
export interface ScopedClient {
  /** Only its `scope` is read: base URL plus a non-reversible fingerprint of the key. */
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
export function armorKeys(client: ScopedClient): ArmorKeys {
  const scope = client.transport.scope;
  const out: Record<string, unknown> = { all: [KEY_NAMESPACE, scope] };
  for (const resource in READS) {
    const all = [KEY_NAMESPACE, scope, resource];
    const reads = readsOf(resource);
    const keys: Record<string, unknown> = { all };
    if (reads.some((r) => /[atu]/.test(r.shape))) keys.asset = (assetId: string) => [...all, "asset", assetId];
    for (const read of reads) {
      keys[read.name] = keyOf(all, read, false);
      if (read.twin) keys[read.twin.name] = keyOf(all, read, true);
    }
    out[resource] = keys;
  }
  return out as ArmorKeys;
}
