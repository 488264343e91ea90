/**
 * The gate's shared-cache helpers on their own: the Cache API store (what it writes under which key),
 * what counts as a well-formed entry, and the bound on a store call. A Map stands in for the web Cache.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { bounded, cacheApiStore, isCacheApi, readCachedFreshness, type CacheApiLike } from "../../src/adapters/cache";
import type { FreshnessStatus } from "../../src/resources/freshness";

/** A status as the API sends it (without the aliases the model fills in). */
const WIRE = {
  asset_id: "id-orders",
  qualified_name: "snowflake.prod.warehouse.orders",
  status: "fresh",
  last_update_time: "2026-01-01T00:00:00Z",
  staleness_threshold_hours: 24,
  hours_since_update: 2.5,
  is_stale: false,
  checked_at: "2026-01-01T02:30:00Z",
};
const STATUS: FreshnessStatus = { ...WIRE, last_updated: "2026-01-01T00:00:00Z", is_fresh: true };

/** A web Cache stand-in: responses by URL. */
function webCache() {
  const stored = new Map<string, Response>();
  const cache: CacheApiLike = {
    match: (url) => Promise.resolve(stored.get(url)?.clone()),
    put: (url, response) => {
      stored.set(url, response);
      return Promise.resolve();
    },
  };
  return { cache, stored };
}

describe("cacheApiStore", () => {
  it("should store JSON under a synthetic URL with the key percent-encoded, cached for the TTL in seconds", async () => {
    const { cache, stored } = webCache();
    await cacheApiStore(cache).put('["https://api/v1","a b"]', { status: STATUS, checkedAt: 1000 }, 90_000);
    expect([...stored.keys()]).toEqual([
      "https://freshness-gate.anomalyarmor.internal/v1/%5B%22https%3A%2F%2Fapi%2Fv1%22%2C%22a%20b%22%5D",
    ]);
    const response = [...stored.values()][0]!;
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("max-age=90");
    expect(await response.json()).toEqual({ status: STATUS, checkedAt: 1000 });
  });

  it.each([
    [1500, "max-age=2"],
    [1000, "max-age=1"],
    [1, "max-age=1"],
    [0, "max-age=1"],
  ])("should round a TTL of %i ms up to whole seconds, at least one (%s)", async (ttlMs, expected) => {
    const { cache, stored } = webCache();
    await cacheApiStore(cache).put("k", { status: STATUS, checkedAt: 1 }, ttlMs);
    expect([...stored.values()][0]!.headers.get("cache-control")).toBe(expected);
  });

  it("should read back what it stored, and nothing for a key never stored", async () => {
    const { cache } = webCache();
    const store = cacheApiStore(cache);
    await store.put("k", { status: STATUS, checkedAt: 7 }, 1000);
    expect(await store.get("k")).toEqual({ status: STATUS, checkedAt: 7 });
    expect(await store.get("other")).toBeUndefined();
  });
});

describe("isCacheApi", () => {
  const nothing = (): undefined => undefined;
  it.each<[string, unknown, boolean]>([
    ["a web Cache", { match: nothing, put: nothing }, true],
    ["a FreshnessCache", { get: nothing, put: nothing }, false],
    ["match that is not a function", { match: "yes" }, false],
    ["null", null, false],
    ["undefined", undefined, false],
    ["a string (String.prototype.match)", "caches.default", false],
    ["a function with match", Object.assign(() => undefined, { match: nothing }), false],
  ])("should tell %s", (_, value, expected) => {
    expect(isCacheApi(value)).toBe(expected);
  });
});

describe("readCachedFreshness", () => {
  it("should take a well-formed entry, filling the model's aliases", () => {
    expect(readCachedFreshness({ status: WIRE, checkedAt: 5 })).toEqual({
      status: {
        asset_id: "id-orders",
        qualified_name: "snowflake.prod.warehouse.orders",
        status: "fresh",
        last_update_time: "2026-01-01T00:00:00Z",
        last_updated: "2026-01-01T00:00:00Z",
        staleness_threshold_hours: 24,
        hours_since_update: 2.5,
        is_stale: false,
        is_fresh: true,
        checked_at: "2026-01-01T02:30:00Z",
      },
      checkedAt: 5,
    });
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 5],
    ["a string", "entry"],
    ["no checkedAt", { status: STATUS }],
    ["checkedAt as a string", { status: STATUS, checkedAt: "5" }],
    ["checkedAt NaN", { status: STATUS, checkedAt: Number.NaN }],
    ["checkedAt Infinity", { status: STATUS, checkedAt: Infinity }],
    ["checkedAt -Infinity", { status: STATUS, checkedAt: -Infinity }],
    ["no status", { checkedAt: 5 }],
    ["a status off the model", { status: { ...WIRE, is_stale: "no" }, checkedAt: 5 }],
  ])("should take %s as a miss", (_, value) => {
    expect(readCachedFreshness(value)).toBeUndefined();
  });
});

describe("bounded", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("should pass a result through and leave no timer", async () => {
    vi.useFakeTimers();
    expect(await bounded(() => 42, 1000)).toBe(42);
    expect(await bounded(() => Promise.resolve("x"), 1000)).toBe("x");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("should take a throw or a rejection as undefined and leave no timer", async () => {
    vi.useFakeTimers();
    expect(
      await bounded(() => {
        throw new Error("store down");
      }, 1000),
    ).toBeUndefined();
    expect(await bounded(() => Promise.reject(new Error("store down")), 1000)).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("should give up on a hung call after the bound, not before", async () => {
    vi.useFakeTimers();
    let settled = false;
    const result = bounded(() => new Promise<number>(() => undefined), 1000).then((v) => {
      settled = true;
      return v;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBeUndefined();
    expect(settled).toBe(true);
  });
});
