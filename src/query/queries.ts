/**
 * `armorQueries(client)`: one options builder per read method, mirroring the client. Each builder pairs
 * the key `armorKeys` gives that read with the SDK call it caches; both come from one table of reads
 * (`READS` in keys.ts), and the types below tie each builder to the data its key is tagged with.
 */
import type { ArmorError } from "../core/errors";
import { armorKeys, readsOf, READS, type ArmorInfiniteData, type ArmorKeys } from "./keys";
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
import type { ArmorClient, DataOf } from "./types";

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

/** The options builders `armorQueries(client)` returns. */
export type ArmorQueries = {
  [R in Exclude<keyof ArmorKeys, "all" | "intelligence" | "freshness" | "jobs">]: OptionsOf<ArmorKeys[R]>;
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

type Builder = (...args: unknown[]) => never;

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
export function armorQueries(client: ArmorClient): ArmorQueries {
  const keys = armorKeys(client) as unknown as Record<string, Record<string, Builder>>;
  const out: Record<string, Record<string, Builder>> = {};
  for (const resource in READS) {
    const reads = readsOf(resource);
    if (reads.length === 0) continue;
    const api = client[resource as keyof ArmorClient] as unknown as Record<string, Builder>;
    const k = keys[resource] as Record<string, Builder>;
    const staleTime = STALE_TIME[resource as keyof typeof STALE_TIME];
    const group: Record<string, Builder> = (out[resource] = {});
    for (const { name, shape, twin } of reads) {
      // The method's own arguments, before `options`: padded or cut to its shape, so that `options`
      // lands in place even where the caller left trailing arguments out.
      group[name] = ((...a: unknown[]) => {
        a.length = shape.length;
        return queryOptionsOf(k[name]!(...a), (o) => api[name]!(...a, o), staleTime);
      }) as Builder;
      if (twin) {
        group[twin.name] = ((...a: unknown[]) => {
          a.length = shape.length;
          const params = a.pop() as { limit?: number | undefined } | undefined;
          return infiniteOptionsOf(
            k[twin.name]!(...a, params),
            (page, o) => api[twin.iterate]!(...a, { ...params, ...page }, o),
            params?.limit ?? twin.limit,
            staleTime,
          );
        }) as Builder;
      }
    }
  }
  const freshness = out.freshness as Record<string, Builder>;
  const get = freshness.get as Builder;
  freshness.get = ((assetId: string, options?: { poll?: boolean | FreshnessPollOptions | undefined }) => {
    const base = get(assetId);
    const poll = options?.poll;
    if (!poll) return base;
    const { intervalMs, max_age_hours } = poll === true ? ({} as FreshnessPollOptions) : poll;
    return polledOptions(base, (s: DataOf<"freshness", "get">) => isFreshSettled(s, max_age_hours), intervalMs);
  }) as Builder;
  const jobs = out.jobs as Record<string, Builder>;
  const status = jobs.status as Builder;
  jobs.status = ((jobId: string, options?: JobPollOptions) =>
    polledOptions(status(jobId), isJobSettled, options?.intervalMs)) as Builder;
  return out as unknown as ArmorQueries;
}
