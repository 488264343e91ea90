/**
 * The freshness gate's optional shared cache: a two-method interface any store can implement (KV, Redis,
 * a Map), and an implementation over the web Cache API (`caches.default` in Workers), so that several
 * isolates of one deployment share upstream checks instead of each making its own.
 */
import * as v from "valibot";
import { FreshnessStatusSchema, type FreshnessStatus } from "../resources/freshness";

/** One upstream read, as the shared cache keeps it. Plain JSON. */
export interface CachedFreshness {
  /** The status the API answered. */
  status: FreshnessStatus;
  /** When it was read (epoch ms); the gate ignores entries older than its `ttlMs`. */
  checkedAt: number;
}

/**
 * A shared cache for the gate. Both methods may be sync or async. Each call is bounded by the gate's
 * `timeoutMs`; one that hangs, throws or returns something malformed counts as a miss (the gate falls
 * back to an upstream check), so a flaky store never takes requests down nor makes stale data fresh.
 */
export interface FreshnessCache {
  /** The entry under `key`, or `undefined`. */
  get(key: string): CachedFreshness | undefined | Promise<CachedFreshness | undefined>;
  /** Stores `value` under `key` for about `ttlMs` (the gate checks the age itself, so expiry may be loose). */
  put(key: string, value: CachedFreshness, ttlMs: number): void | Promise<void>;
}

/** The part of the web `Cache` interface the gate uses (`caches.default`, `await caches.open(name)`). */
export interface CacheApiLike {
  /** The stored response for a key URL, if any. */
  match(request: string): Promise<Response | undefined>;
  /** Stores a response under a key URL. */
  put(request: string, response: Response): Promise<void>;
}

/** Synthetic origin for Cache API keys: entries are addressed by URL, and these never leave the cache. */
const KEY_ORIGIN = "https://freshness-gate.anomalyarmor.internal/v1/";

/**
 * A {@link FreshnessCache} over the web Cache API. In Workers, pass `caches.default` (the Cache API is a
 * no-op on `*.workers.dev` and in previews: it only works on a custom domain, where it is per data center).
 * @param cache - a web `Cache`
 * @returns the store
 */
export function cacheApiStore(cache: CacheApiLike): FreshnessCache {
  return {
    async get(key) {
      const hit = await cache.match(KEY_ORIGIN + encodeURIComponent(key));
      return hit ? ((await hit.json()) as CachedFreshness) : undefined;
    },
    async put(key, value, ttlMs) {
      const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
      await cache.put(
        KEY_ORIGIN + encodeURIComponent(key),
        new Response(JSON.stringify(value), {
          headers: { "content-type": "application/json", "cache-control": `max-age=${seconds}` },
        }),
      );
    },
  };
}

/** Whether `value` is a web `Cache` rather than a {@link FreshnessCache}. */
export function isCacheApi(value: unknown): value is CacheApiLike {
  // A string has a `match` method too: only an object can be a Cache.
  return typeof value === "object" && value !== null && typeof (value as { match?: unknown }).match === "function";
}

/**
 * Reads what a shared store gave back with the same model as a live response: a `checkedAt` that is a
 * finite number and a status that passes `FreshnessStatusSchema` (aliases filled as on a live read).
 * Anything else — a store that was written by something else, truncated, or tampered with — is a
 * miss, never a fresh verdict.
 * @param value - what `get` returned
 * @returns the entry, or `undefined` for a miss
 */
export function readCachedFreshness(value: unknown): CachedFreshness | undefined {
  // A primitive has neither field; Number.isFinite is false for anything but a finite number.
  const { checkedAt, status } = (value ?? {}) as Partial<CachedFreshness>;
  if (!Number.isFinite(checkedAt)) return undefined;
  const parsed = v.safeParse(FreshnessStatusSchema, status);
  return parsed.success ? { status: parsed.output, checkedAt: checkedAt as number } : undefined;
}

/**
 * Runs a store operation bounded by `ms`: it may hang, throw or reject, and none of that may hold up
 * or fail a request. Resolves `undefined` when it did not finish in time.
 * @param operation - a `get` or `put` of a {@link FreshnessCache}
 * @param ms - the bound
 */
export function bounded<T>(operation: () => T | Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    new Promise<T>((resolve) => resolve(operation())),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ])
    .catch(() => undefined)
    .finally(() => clearTimeout(timer));
}
