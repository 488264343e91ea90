/**
 * `armorQueries(client)`: one options builder per read method, mirroring the client. Each builder pairs
 * the key `armorKeys` gives that read with the SDK call it caches; both come from one table of reads
 * (`READS` in tables.ts), and the types below tie each builder to the data its key is tagged with.
 */
import { checkDuration, readOptions } from "../core/check";
import type { ArmorError } from "../core/errors";
import { keyBuilders, scopeOf, twinSuffixOf, type ArmorInfiniteData, type ArmorKeys, type KeyBuilder } from "./keys";
import {
  infiniteOptionsOf,
  polledOptions,
  queryOptionsOf,
  STALE_TIME,
  type ArmorInfiniteQueryOptions,
  type ArmorQueryOptions,
  type DataOfKey,
  type ItemOfInfiniteKey,
} from "./options";
import { isFreshSettled, isJobSettled, type PolledQuery } from "./polling";
import type { DataTag } from "@tanstack/query-core";
import { READS, type ReadCall, type Reads } from "./tables";
import { methodsOf, type ArmorClient, type DataOf } from "./types";

/** Polling of `q.freshness.get(assetId, { poll })`. */
export interface FreshnessPollOptions {
  /** Milliseconds between reads, exactly. @default 200 ms, growing by a fifth per read to 5 s */
  intervalMs?: number | undefined;
  /** Threshold in hours for "fresh"; default: the asset's own threshold, else 24. */
  max_age_hours?: number | undefined;
}

/** Polling of `q.jobs.status(jobId, …)`. */
export interface JobPollOptions {
  /** Milliseconds between reads, exactly. @default 200 ms, growing by a fifth per read to 5 s */
  intervalMs?: number | undefined;
}

/** The options builder of one key builder: same arguments, the read's options (infinite ones for infinite keys). */
type OptionsFor<F> = F extends (...args: infer A) => infer K
  ? K extends DataTag<readonly unknown[], ArmorInfiniteData<unknown>, ArmorError>
    ? (...args: A) => ArmorInfiniteQueryOptions<ItemOfInfiniteKey<K>, K>
    : K extends readonly unknown[]
      ? (...args: A) => ArmorQueryOptions<DataOfKey<K>, K>
      : never
  : never;

/** The options builders of one resource: one per key builder of `armorKeys`, prefixes left out. */
type OptionsOf<K> = { [M in Exclude<keyof K, "all" | "asset">]: OptionsFor<K[M]> };

/** The key of a read, as `armorKeys` builds it. */
type KeyOf<F> = F extends (...args: never[]) => infer K ? K : never;

/** The options builders `armorQueries(client)` returns: one per key of `armorKeys`, for every resource with reads. */
export type ArmorQueries = {
  [R in Exclude<keyof ArmorKeys, "all" | "freshness" | "jobs"> as keyof Reads[R] extends never ? never : R]: OptionsOf<
    ArmorKeys[R]
  >;
} & {
  freshness: Omit<OptionsOf<ArmorKeys["freshness"]>, "get"> & {
    /**
     * One asset's freshness; with `poll`, refetches until the asset is fresh (the `waitForFresh`
     * rule), then stops by itself; it also stops on an error.
     */
    get: (
      assetId: string,
      options?: { poll?: boolean | FreshnessPollOptions | undefined },
    ) => ArmorQueryOptions<DataOf<"freshness", "get">, KeyOf<ArmorKeys["freshness"]["get"]>>;
  };
  jobs: {
    /**
     * A job's status, polled until it reaches a terminal state (`completed`, `failed`, `cancelled`,
     * `timed_out`, `error`) — resolving with the job in every case — then never again; it also stops
     * on an error. The same "settled" rule as `pollJob`.
     */
    status: (
      jobId: string,
      options?: JobPollOptions,
    ) => ArmorQueryOptions<DataOf<"jobs", "status">, KeyOf<ArmorKeys["jobs"]["status"]>> & {
      refetchInterval: (query: PolledQuery<DataOf<"jobs", "status">>) => number | false;
    };
  };
};

/** An options builder before it is typed: the read's arguments in, its options out. */
type Builder = (...args: unknown[]) => object;

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
export function armorQueries(client: ArmorClient): ArmorQueries;
// The declaration above is the type `READS` produces; this implementation builds the same options from `READS`.
export function armorQueries(client: ArmorClient): object {
  const keys = keyBuilders(scopeOf(client));
  const staleTimes: Readonly<Record<string, number | undefined>> = STALE_TIME;
  const out: Record<string, Record<string, Builder>> = {};
  for (const [resource, reads] of Object.entries(READS)) {
    const calls = Object.entries<ReadCall>(reads);
    if (calls.length === 0) continue;
    const api = methodsOf(client, resource);
    const k = keys[resource] as Record<string, KeyBuilder>;
    const staleTime = staleTimes[resource];
    const group: Record<string, Builder> = (out[resource] = {});
    for (const [name, call] of calls) {
      const arity = +!!call.asset + +!!call.id + +!!call.params;
      // The method's own arguments, before `options`: padded or cut to its call, so that `options`
      // lands in place even where the caller left trailing arguments out.
      group[name] = (...a) => {
        a.length = arity;
        return queryOptionsOf(k[name]!(...a), (o) => api[name]!(...a, o), staleTime);
      };
      if (call.pages) {
        const suffix = twinSuffixOf(name);
        const size = call.pages;
        group[`infinite${suffix}`] = (...a) => {
          a.length = arity;
          const params = a.pop() as { limit?: number | undefined } | undefined;
          return infiniteOptionsOf(
            k[`infinite${suffix}`]!(...a, params),
            (page, o) => api[`iterate${suffix}`]!(...a, { ...params, ...page }, o) as AsyncIterable<unknown>,
            params?.limit ?? size,
            staleTime,
          );
        };
      }
    }
  }
  const freshness = out.freshness!;
  const get = freshness.get!;
  freshness.get = (assetId, options) => {
    const base = get(assetId);
    const { poll } = readOptions(options as { poll?: boolean | FreshnessPollOptions | undefined } | undefined);
    if (!poll) return base;
    const { intervalMs, max_age_hours } = poll === true ? ({} as FreshnessPollOptions) : readOptions(poll, "poll");
    // The same rule as waitForFresh: a bad threshold would poll forever, never settled.
    checkDuration(max_age_hours, "max_age_hours", false, "hours");
    return polledOptions(base, (s: DataOf<"freshness", "get">) => isFreshSettled(s, max_age_hours), intervalMs);
  };
  const jobs = out.jobs!;
  const status = jobs.status!;
  jobs.status = (jobId, options) =>
    polledOptions(status(jobId), isJobSettled, readOptions(options as JobPollOptions | undefined).intervalMs);
  return out;
}
