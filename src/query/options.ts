/**
 * The builders every read's options come from: one for single reads, one for infinite lists. They fix
 * what all reads share — TanStack's `signal` passed through, a per-resource `staleTime`, a `retry` that
 * leaves retrying to the SDK — so no resource can get them wrong.
 */
import type { DataTag } from "@tanstack/query-core";
import { checkDuration } from "../core/check";
import type { RequestOptions } from "../core/config";
import type { ArmorError } from "../core/errors";
import type { ArmorInfiniteData } from "./keys";
import { follow, OWN_ABORT, pollDelay, type PolledQuery } from "./polling";
import type { ArmorPage, ResourceName } from "./types";

/**
 * How long a read stays fresh in the cache, per resource (ms): short where the server's answer moves
 * on its own (jobs, freshness, alerts, health), longer for catalogue reads that change only when
 * someone edits them (and those edits invalidate through `armorMutations`).
 */
export const STALE_TIME = {
  jobs: 1_000,
  freshness: 30_000,
  alerts: 30_000,
  health: 30_000,
  schema: 60_000,
  metrics: 60_000,
  validity: 60_000,
  referential: 60_000,
  apiKeys: 60_000,
  assets: 300_000, // 5 min
  lineage: 300_000, // 5 min
  tags: 300_000, // 5 min
  badges: 300_000, // 5 min
  investigations: 300_000, // 5 min
  recommendations: 600_000, // 10 min
} as const satisfies Partial<Record<ResourceName, number>>;

/**
 * The query layer's `retry`: never. The SDK owns retries — it has already retried every failure whose
 * `retryable` is true, up to `maxRetries` with backoff and `Retry-After`, before the error reached
 * TanStack; a failure it did not retry is one that must not be retried (a 4xx, a POST the server may
 * have acted on). Retrying here would multiply requests (3 × (1 + maxRetries) with TanStack's default).
 */
export function deferToSdk(_failureCount: number, _error: ArmorError): boolean {
  return false;
}

/** The data type a tagged key carries. */
export type DataOfKey<K> = K extends DataTag<unknown, infer T, unknown> ? T : never;

/**
 * Options of one read, usable as they are with `queryClient.fetchQuery` / `ensureQueryData`, a
 * `QueryObserver`, and every TanStack adapter's `useQuery` / `createQuery` / `injectQuery`.
 */
export interface ArmorQueryOptions<TData, TKey extends readonly unknown[]> {
  /** The key, tagged with `TData` so that `getQueryData(queryKey)` is typed. */
  queryKey: DataTag<TKey, TData, ArmorError>;
  /** Calls the SDK method with TanStack's `signal`, so cancelling the query aborts the request. */
  queryFn: (context: { signal: AbortSignal }) => Promise<TData>;
  /** Per-resource freshness in ms (see `STALE_TIME`). */
  staleTime: number;
  /** Always `false`: the SDK already retried what is retryable. */
  retry: (failureCount: number, error: ArmorError) => boolean;
  /** Present on polled reads: polls until the data is settled, then stops by itself. */
  refetchInterval?: (query: PolledQuery<TData>) => number | false;
}

/**
 * Options of an infinite list, usable with `queryClient.fetchInfiniteQuery`, an `InfiniteQueryObserver`
 * and every adapter's `useInfiniteQuery`. Pages are read at offsets 0, limit, 2·limit, …; there is no
 * next page after a short page or where the server said `has_more: false`.
 */
export interface ArmorInfiniteQueryOptions<TItem, TKey extends readonly unknown[]> {
  /** The key, tagged with the infinite data it caches. */
  queryKey: DataTag<TKey, ArmorInfiniteData<TItem>, ArmorError>;
  /** Reads the page at `pageParam` (an offset) with TanStack's `signal`. */
  queryFn: (context: { signal: AbortSignal; pageParam: number }) => Promise<ArmorPage<TItem>>;
  /** Always 0. */
  initialPageParam: number;
  /** The offset of the next page, or `undefined` when there is none. */
  getNextPageParam: (lastPage: ArmorPage<TItem>) => number | undefined;
  /** Per-resource freshness in ms. */
  staleTime: number;
  /** Always `false`: the SDK already retried what is retryable. */
  retry: (failureCount: number, error: ArmorError) => boolean;
}

/**
 * Builds a read's options. Untyped: `armorQueries` is declared with the types `READS` produces
 * (`ArmorQueries`), and its tests check that each key and call match.
 * @param queryKey - the key from `armorKeys`
 * @param fetch - the SDK call, given the request options carrying TanStack's signal
 * @param staleTime - the resource's staleTime
 */
export function queryOptionsOf(
  queryKey: readonly unknown[],
  fetch: (options: RequestOptions) => unknown,
  staleTime: number | undefined,
): object {
  return {
    queryKey,
    queryFn: ({ signal }: { signal: AbortSignal }) => fetch({ signal }),
    staleTime,
    retry: deferToSdk,
  };
}

/** The item type of an infinite key. */
export type ItemOfInfiniteKey<K> = DataOfKey<K> extends ArmorInfiniteData<infer T> ? T : never;

/**
 * Builds an infinite list's options over the resource's `iterate` twin (untyped, as `queryOptionsOf`).
 * @param queryKey - the infinite key from `armorKeys`
 * @param open - starts the SDK's `iterate…` at an offset with the given page size
 * @param limit - page size: the params' `limit`, else the endpoint's default
 * @param staleTime - the resource's staleTime
 */
export function infiniteOptionsOf(
  queryKey: readonly unknown[],
  open: (page: { offset: number; limit: number }, options: RequestOptions) => AsyncIterable<unknown>,
  limit: number,
  staleTime: number | undefined,
): object {
  return {
    queryKey,
    queryFn: ({ signal, pageParam }: { signal: AbortSignal; pageParam: number }) =>
      readPage(open, pageParam, limit, signal),
    initialPageParam: 0,
    getNextPageParam: (last: ArmorPage<unknown>) => (last.has_more ? last.offset + limit : undefined),
    staleTime,
    retry: deferToSdk,
  };
}

/**
 * Adds polling to a read's options: `refetchInterval` refetches until `settled` holds for the cached
 * data, then returns `false` for good; it also stops on an error, so a failed read never turns into
 * an endless loop. The wait follows `pollDelay`, counted in successful reads. A bad `intervalMs`
 * throws `ValidationError` here, at once.
 */
export function polledOptions<TData>(
  options: object,
  settled: (data: TData) => boolean,
  intervalMs: number | undefined,
): object {
  checkDuration(intervalMs, "intervalMs", false);
  return {
    ...options,
    refetchInterval: ({ state: { data, status, dataUpdateCount } }: PolledQuery<TData>) =>
      status === "error" || (data !== undefined && settled(data)) ? false : pollDelay(dataUpdateCount - 1, intervalMs),
  };
}

/**
 * Reads one page through an `iterate` twin, which stops by itself on a short page or `has_more: false`.
 * After `limit` items the request signal is aborted and the iterator asked for one more: it either
 * ends (the server said there is no more) or starts the next page's request, which an aborted signal
 * refuses before anything is sent. So the page costs exactly one request, and the server's `has_more`
 * is honoured without reaching past the public resource methods.
 */
async function readPage<T>(
  open: (page: { offset: number; limit: number }, options: RequestOptions) => AsyncIterable<T>,
  offset: number,
  limit: number,
  signal: AbortSignal,
): Promise<ArmorPage<T>> {
  const [controller, release] = follow(signal);
  const items: T[] = [];
  let has_more = false;
  try {
    for await (const item of open({ offset, limit }, { signal: controller.signal })) {
      if (items.length === limit) {
        has_more = true;
        break;
      }
      if (items.push(item) === limit) controller.abort(OWN_ABORT);
    }
  } catch (error) {
    // Only the abort above carries OWN_ABORT as its cause: the SDK refused the next page's request.
    if ((error as { cause?: unknown } | null)?.cause !== OWN_ABORT) throw error;
    has_more = true;
  } finally {
    release();
  }
  return { items, offset, has_more };
}
