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
import { invalid } from "../core/check";
import type { ArmorError } from "../core/errors";
import { READS, type ArgsOf, type ArityOf, type Method, type ParamsAt, type ReadCall, type Reads } from "./tables";
import type { ArmorPage, DataOf, ItemOf, PageParamsOf, ParamsOf, ResourceName } from "./types";

/** The first element of every key this SDK builds. */
export const KEY_NAMESPACE = "anomalyarmor";

/** A key tagged with the data cached under it and the error its query can fail with. */
export type ArmorKey<K extends readonly unknown[], T> = DataTag<K, T, ArmorError>;

/** What an infinite query over items `T` caches: its pages and the offsets they were read at. */
export type ArmorInfiniteData<T> = InfiniteData<ArmorPage<T>, number>;

/**
 * Params as they go into a key: a copy as JSON carries them, so that `{ source: undefined }` and `{}`
 * share a cache entry, a Date keys as its ISO string (alerts.list from_date/to_date travel as one),
 * and the key stays JSON-safe. What JSON cannot carry at all (a function) keys as absent params, `{}`.
 */
function clean(params: unknown): unknown {
  return JSON.parse(JSON.stringify(params ?? {}) ?? "{}");
}

/** Keys are namespaced by this first element. */
type NS = typeof KEY_NAMESPACE;
/** `[ns, scope, resource]`: everything cached for one resource. */
type All<R extends string> = readonly [NS, string, R];
/** `[ns, scope, resource, "asset", assetId]`: every read of a resource about one asset. */
type Asset<R extends string> = readonly [NS, string, R, "asset", string];

/** A read's segment in its key: its name less a leading `list` or `get` (`listInbox` → `inbox`). */
type Segment<M extends string> = M extends `${"list" | "get"}${infer First}${infer Rest}`
  ? First extends Lowercase<First>
    ? M
    : `${Lowercase<First>}${Rest}`
  : M;
/** The name of a list's infinite twin: `list` → `infinite`, `listInbox` → `infiniteInbox`, `rules` → `infiniteRules`. */
type Twin<M extends string> = M extends `list${infer Rest}` ? `infinite${Rest}` : `infinite${Capitalize<M>}`;
/** Where a read's key starts below its resource: under `asset(a)` when the read is about one asset. */
type Where<C> = C extends { asset: true } | { assetIn: string } ? ["asset", string] : [];
/** The ids a read's key carries after its segment. */
type Ids<C> = C extends { id: true } ? [string] : [];
/** What a read's key ends with: its params, where it takes some. */
type Tail<R extends ResourceName, M extends string, C> = C extends { params: string }
  ? [ParamsOf<R, M, ParamsAt<C>>]
  : [];

/** The key of read `M` of resource `R`, declared as `C`, tagged with the read's data. */
type ReadKey<R extends ResourceName, M extends string, C> = ArmorKey<
  readonly [NS, string, R, ...Where<C>, Segment<M>, ...Ids<C>, ...Tail<R, M, C>],
  DataOf<R, M>
>;
/** The key of the infinite twin of read `M`: `"infinite"` and the params without `offset` in place of the params. */
type TwinKey<R extends ResourceName, M extends string, C> = ArmorKey<
  readonly [NS, string, R, ...Where<C>, Segment<M>, ...Ids<C>, "infinite", PageParamsOf<R, M, ParamsAt<C>>],
  ArmorInfiniteData<ItemOf<R, M>>
>;
/** The arguments of an infinite twin: the list's, with its params less `offset` (required where the list's are). */
type TwinArgs<R extends ResourceName, M extends string, C> = [
  ...ArgsOf<R, M, ParamsAt<C>>,
  ...(undefined extends Parameters<Method<R, M>>[ParamsAt<C>]
    ? [params?: PageParamsOf<R, M, ParamsAt<C>>]
    : [params: PageParamsOf<R, M, ParamsAt<C>>]),
];

/** The key factory of one resource, from its reads in `READS`. */
type ResourceKeys<R extends ResourceName, T = Reads[R]> = { all: All<R> } & ({
  [M in keyof T]: T[M] extends { asset: true } | { assetIn: string } ? M : never;
}[keyof T] extends never
  ? unknown
  : { asset: (assetId: string) => Asset<R> }) & {
    [M in keyof T & string]: (...args: ArgsOf<R, M, ArityOf<T[M]>>) => ReadKey<R, M, T[M]>;
  } & {
    [M in keyof T & string as T[M] extends { pages: number } ? Twin<M> : never]: (
      ...args: TwinArgs<R, M, T[M]>
    ) => TwinKey<R, M, T[M]>;
  };

/**
 * The key factory a client's `armorKeys` returns: `all` (everything this SDK cached for the client),
 * and per resource `all`, `asset(assetId)` where some of its reads are about one asset, and the exact
 * key of each read (and of each list's infinite twin), taking that method's arguments.
 */
export type ArmorKeys = { all: readonly [NS, string] } & { [R in ResourceName]: ResourceKeys<R> };

/** What a read's key continues with after `[…all, segment]` comes from its name: see {@link ArmorKeys}. */
const segmentOf = (name: string): string =>
  name.replace(/^(?:list|get)([A-Z])/, (_, first: string) => first.toLowerCase());

/** What follows `infinite` / `iterate` in the names of a list's twins: `list` → "", `listInbox` → "Inbox", `changes` → "Changes". */
export const twinSuffixOf = (name: string): string =>
  name.replace(/^(?:list)?(.?)/, (_, first: string) => first.toUpperCase());

/** A key builder before it is typed: the read's arguments in, the key out. */
export type KeyBuilder = (...args: unknown[]) => unknown[];

/** Builds the key of a read (or of its infinite twin) from the arguments of its method, in the order of `Call`. */
function keyOf(all: readonly unknown[], name: string, call: ReadCall, infinite: boolean): KeyBuilder {
  const segment = segmentOf(name);
  return (...args) => {
    const asset = call.asset && args.shift();
    const id = call.id && args.shift();
    const raw = args[0] as Record<string, unknown> | undefined;
    // Absent params key as `{}`, like empty ones.
    const params = clean(raw) as { offset?: unknown };
    const { offset: _ignored, ...paged } = params;
    return [
      ...all,
      // A read about one asset keys under it, whether its path or its params name the asset.
      ...(call.asset ? ["asset", asset] : call.assetIn ? ["asset", raw?.[call.assetIn]] : []),
      segment,
      ...(call.id ? [id] : []),
      // An infinite query's pages start at 0, so its key leaves `offset` out.
      ...(call.params ? (infinite ? ["infinite", paged] : [params]) : []),
    ];
  };
}

/** The key builders of every read of every resource, untyped: `ArmorKeys` is their type. */
export function keyBuilders(scope: string): Record<string, Record<string, KeyBuilder | readonly unknown[]>> {
  const out: Record<string, Record<string, KeyBuilder | readonly unknown[]>> = {};
  for (const [resource, reads] of Object.entries(READS)) {
    const all = [KEY_NAMESPACE, scope, resource];
    const keys: Record<string, KeyBuilder | readonly unknown[]> = (out[resource] = { all });
    for (const [name, call] of Object.entries<ReadCall>(reads)) {
      if (call.asset || call.assetIn) keys.asset = (assetId) => [...all, "asset", assetId];
      keys[name] = keyOf(all, name, call, false);
      if (call.pages) keys[`infinite${twinSuffixOf(name)}`] = keyOf(all, name, call, true);
    }
  }
  return out;
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
export function armorKeys(client: ScopedClient): ArmorKeys;
// The declaration above is the type `READS` produces; this implementation builds the same keys from `READS` at run time.
export function armorKeys(client: ScopedClient): object {
  const scope = scopeOf(client);
  return { all: [KEY_NAMESPACE, scope], ...keyBuilders(scope) };
}

/**
 * The query-key scope of a client (`client.transport.scope`).
 * @throws ValidationError for anything that is not a client (read inside a guard: a hostile object's
 *   error, which may quote anything, is not passed on)
 */
export function scopeOf(client: ScopedClient): string {
  let scope: unknown;
  try {
    scope = client.transport.scope;
  } catch {
    // refused below
  }
  return typeof scope === "string" ? scope : invalid("client must have transport.scope", "client");
}
