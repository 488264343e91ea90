/**
 * The gate's option checks and verdict wording as tables with exact messages, issue paths, header
 * values and problem bodies. The reader is a plain object with `get`, which the gate's `client`
 * option accepts as a `FreshnessResource`-like source.
 */
import { describe, expect, it } from "vitest";
import type { FreshnessCache } from "../../src/adapters/cache";
import { createFreshnessGate, type FreshnessReader } from "../../src/adapters/freshness-gate";
import { NotFoundError, ResponseValidationError, ValidationError } from "../../src/core/errors";
import { createTransport } from "../../src/core/http";
import { FreshnessResource, type FreshnessStatus } from "../../src/resources/freshness";

const reader = (hours: number | null, threshold: number | null = 24): FreshnessReader => ({
  get: (asset) =>
    Promise.resolve({
      asset_id: `id-${asset}`,
      qualified_name: asset,
      status: "fresh",
      last_update_time: null,
      last_updated: null,
      staleness_threshold_hours: threshold,
      hours_since_update: hours,
      is_stale: false,
      is_fresh: true,
      checked_at: "2026-01-01T00:00:00Z",
    } satisfies FreshnessStatus),
});
const req = () => new Request("https://edge.example/reports/daily");

function refusal(options: unknown): ValidationError {
  try {
    createFreshnessGate(options as never);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("createFreshnessGate option checks", () => {
  const client = reader(1);
  it.each<[string, unknown, string, string]>([
    ["no options", null, "", "options are required"],
    ["options that are text", "orders", "", "options are required"],
    ["no assets", { client, assets: [] }, "assets", "assets must be a non-empty asset id or a non-empty list of them"],
    [
      "an empty asset",
      { client, assets: ["a", ""] },
      "assets",
      "assets must be a non-empty asset id or a non-empty list of them",
    ],
    [
      "an asset that is not text",
      { client, assets: [1] },
      "assets",
      "assets must be a non-empty asset id or a non-empty list of them",
    ],
    ["an unknown mode", { client, assets: "a", mode: "some" }, "mode", 'mode must be "all" or "any"'],
    ["an unknown onError", { client, assets: "a", onError: "fail" }, "onError", 'onError must be "open" or "closed"'],
    [
      "a negative ttlMs",
      { client, assets: "a", ttlMs: -1 },
      "ttlMs",
      "ttlMs must be a non-negative number of milliseconds",
    ],
    [
      "ttlMs as text",
      { client, assets: "a", ttlMs: "5" },
      "ttlMs",
      "ttlMs must be a non-negative number of milliseconds",
    ],
    [
      "an infinite errorTtlMs",
      { client, assets: "a", errorTtlMs: Infinity },
      "errorTtlMs",
      "errorTtlMs must be a non-negative number of milliseconds",
    ],
    [
      "max_age_hours NaN",
      { client, assets: "a", max_age_hours: Number.NaN },
      "max_age_hours",
      "max_age_hours must be a non-negative number of hours",
    ],
    [
      "a timeoutMs of 0",
      { client, assets: "a", timeoutMs: 0 },
      "timeoutMs",
      "timeoutMs must be a positive number of milliseconds",
    ],
    [
      "a negative timeoutMs",
      { client, assets: "a", timeoutMs: -5 },
      "timeoutMs",
      "timeoutMs must be a positive number of milliseconds",
    ],
    [
      "a fractional retryAfter",
      { client, assets: "a", retryAfter: 1.5 },
      "retryAfter",
      "retryAfter must be whole seconds",
    ],
    [
      "a negative retryAfter",
      { client, assets: "a", retryAfter: -1 },
      "retryAfter",
      "retryAfter must be a non-negative number of seconds",
    ],
    ["a clock that is not a function", { client, assets: "a", now: 5 }, "now", "now must be a function"],
    [
      "a client without get",
      { client: {}, assets: "a" },
      "client",
      "client must be a Client, a FreshnessResource, or a function of env returning one",
    ],
    [
      "a null client",
      { client: null, assets: "a" },
      "client",
      "client must be a Client, a FreshnessResource, or a function of env returning one",
    ],
    [
      "a cache without get and put",
      { client, assets: "a", cache: { get: () => undefined } },
      "cache",
      "cache must have get and put, or be a web Cache",
    ],
    [
      "a matcher that is a number",
      { client, assets: "a", match: ["/x", 42] },
      "match.1",
      "match must be a function, a RegExp, a path pattern or a URLPattern",
    ],
    [
      "a null matcher",
      { client, assets: "a", match: null },
      "match.0",
      "match must be a function, a RegExp, a path pattern or a URLPattern",
    ],
  ])("should refuse %s", (_, options, path, message) => {
    const error = refusal(options);
    expect(error.message).toBe(message);
    expect(error.issues).toEqual([{ path, message }]);
  });

  it("should accept zero where zero is allowed", () => {
    expect(() =>
      createFreshnessGate({ client, assets: "a", ttlMs: 0, errorTtlMs: 0, max_age_hours: 0, retryAfter: 0 }),
    ).not.toThrow();
  });

  it("should refuse a handler that is not a function", () => {
    const gate = createFreshnessGate({ client, assets: "a" });
    let error: unknown;
    try {
      gate.wrap(undefined as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "handler", message: "handler must be a function" }]);
  });
});

describe("createFreshnessGate verdicts in words", () => {
  it("should report a fresh asset's age, and no threshold", async () => {
    const decision = await createFreshnessGate({ client: reader(2.345), assets: "orders" }).check(req());
    expect(decision.header).toBe("fresh; asset=orders; age_hours=2.35");
    expect(decision.assets[0]!.threshold_hours).toBeUndefined();
  });

  it("should report a stale asset's age and threshold, and say both in the problem", async () => {
    const gate = createFreshnessGate({ client: reader(30.04, 24), assets: "orders" });
    const decision = await gate.check(req());
    expect(decision.header).toBe("stale; asset=orders; age_hours=30.04; threshold_hours=24");
    const response = gate.reject(decision)!;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "https://docs.anomalyarmor.ai/problems/data-stale",
      title: "The data behind this response is stale",
      status: 503,
      detail: "Asset 'orders' (30.0h since last update, threshold 24.0h) is stale",
      code: "DATA_STALE",
      asset: "orders",
      age_hours: 30.04,
      threshold_hours: 24,
      assets: [{ asset: "orders", age_hours: 30.04, threshold_hours: 24 }],
    });
  });

  it("should word several stale assets, one without an age", async () => {
    const stale: FreshnessReader = {
      get: (asset) =>
        reader(asset === "a" ? 30 : null, 24)
          .get(asset)
          .then((s) => ({ ...s, is_stale: asset === "b" || s.is_stale })),
    };
    const gate = createFreshnessGate({ client: stale, assets: ["a", "b"] });
    const decision = await gate.check(req());
    expect(decision.header).toBe(
      "stale; asset=a; age_hours=30; threshold_hours=24, stale; asset=b; threshold_hours=24",
    );
    const body = (await gate.reject(decision)!.json()) as Record<string, unknown>;
    expect(body.detail).toBe(
      "2 assets are stale: 'a' (30.0h since last update, threshold 24.0h), 'b' (age unknown, threshold 24.0h)",
    );
  });

  it("should leave the age out of the header and the problem when the status has none (the field absent)", async () => {
    const withoutAge: FreshnessReader = {
      get: (asset) =>
        reader(null, 24)
          .get(asset)
          .then(({ hours_since_update: _, ...s }) => ({ ...s, status: "stale", is_stale: true, is_fresh: false })),
    };
    const gate = createFreshnessGate({ client: withoutAge, assets: ["a"] });
    const decision = await gate.check(req());
    expect(decision.assets.map((a) => a.age_hours)).toEqual([null]);
    expect(decision.header).toBe("stale; asset=a; threshold_hours=24");
  });

  it("should word a stale asset without a threshold (a decision built by hand) as 'threshold unknown'", async () => {
    const gate = createFreshnessGate({ client: reader(30, 24), assets: ["a"] });
    const decision = await gate.check(req());
    const handBuilt = { ...decision, assets: decision.assets.map((a) => ({ ...a, threshold_hours: undefined })) };
    const body = (await gate.reject(handBuilt)!.json()) as Record<string, unknown>;
    expect(body.detail).toBe("Asset 'a' (30.0h since last update, threshold unknown) is stale");
  });

  it("should report an unverifiable asset with the error's code, INTERNAL_ERROR for a foreign error", async () => {
    const failing: FreshnessReader = {
      get: (asset) => Promise.reject(asset === "gone" ? new NotFoundError("no such asset") : new TypeError("boom")),
    };
    const gate = createFreshnessGate({ client: failing, assets: ["gone", "odd"], onError: "closed", ttlMs: 30_000 });
    const decision = await gate.check(req());
    expect(decision.state).toBe("unknown");
    expect(decision.allow).toBe(false);
    expect(decision.header).toBe("unknown; asset=gone; error=NOT_FOUND, unknown; asset=odd; error=INTERNAL_ERROR");
    const response = gate.reject(decision)!;
    // errorTtlMs defaults to min(ttlMs, 5 s).
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({
      type: "https://docs.anomalyarmor.ai/problems/freshness-unverified",
      title: "The freshness of the data behind this response could not be verified",
      status: 503,
      detail: "The freshness of 'gone' (NOT_FOUND), 'odd' (INTERNAL_ERROR) could not be checked",
      code: "FRESHNESS_UNVERIFIED",
      asset: "gone",
      assets: [
        { asset: "gone", error: "NOT_FOUND" },
        { asset: "odd", error: "INTERNAL_ERROR" },
      ],
    });
  });

  it("should take a status off the model as unverifiable", async () => {
    const off: FreshnessReader = { get: () => Promise.resolve({ nonsense: true } as never) };
    const decision = await createFreshnessGate({ client: off, assets: "orders" }).check(req());
    expect(decision.state).toBe("unknown");
    expect(decision.allow).toBe(true);
    expect(decision.header).toBe("unknown; asset=orders; error=INVALID_RESPONSE");
  });

  it("should answer nothing to reject for a decision that allows serving", async () => {
    const gate = createFreshnessGate({ client: reader(1), assets: "orders" });
    expect(gate.reject(await gate.check(req()))).toBeUndefined();
  });
});

/**
 * Rows for the survivors of the gate's first full mutation run (docs/mutation.md): the shared cache's
 * key, the clock's edges around a cached read, a context without waitUntil, and responses the gate
 * must hand back untouched.
 */
describe("the gate's edges", () => {
  const fresh = (asset: string, hours = 1) => ({
    asset_id: `id-${asset}`,
    qualified_name: asset,
    status: "fresh",
    last_update_time: null,
    last_updated: null,
    staleness_threshold_hours: 24,
    hours_since_update: hours,
    is_stale: false,
    is_fresh: true,
    checked_at: "2026-01-01T00:00:00Z",
  });
  /** A reader whose n-th read answers `hours[n]` hours (the last one from then on), counting reads. */
  const counting = (...hours: number[]) => {
    let reads = 0;
    const get = (asset: string) => Promise.resolve(fresh(asset, hours[Math.min(reads++, hours.length - 1)]));
    return { reader: { get } as FreshnessReader, reads: () => reads };
  };
  /** A shared cache that answers every key with a status checked at `checkedAt`, recording the keys asked. */
  const storeAt = (checkedAt: number) => {
    const keys: string[] = [];
    const cache: FreshnessCache = {
      get: async (key) => {
        keys.push(key);
        return { status: fresh("orders", 2) as FreshnessStatus, checkedAt };
      },
      put: async () => {},
    };
    return { cache, keys };
  };

  it("should refuse options without assets", () => {
    const error = refusal({ client: reader(1) });
    expect(error.message).toBe("assets must be a non-empty asset id or a non-empty list of them");
    expect(error.issues).toEqual([{ path: "assets", message: error.message }]);
  });

  it.each([
    ["null", null],
    ["one with put and no get", { put: () => undefined }],
  ])("should refuse a cache that is %s", (_, cache) => {
    const error = refusal({ client: reader(1), assets: "a", cache });
    expect(error.message).toBe("cache must have get and put, or be a web Cache");
    expect(error.issues).toEqual([{ path: "cache", message: error.message }]);
  });

  it("should take a path pattern's dots literally", async () => {
    const gate = createFreshnessGate({ client: reader(1), assets: "orders", match: "/files/report.csv" });
    expect((await gate.check(new Request("https://edge.example/files/report.csv"))).gated).toBe(true);
    expect((await gate.check(new Request("https://edge.example/files/reportxcsv"))).gated).toBe(false);
  });

  it("should keep a status off the model as a ResponseValidationError holding what was read", async () => {
    const off: FreshnessReader = { get: () => Promise.resolve({ nonsense: true } as never) };
    const [check] = (await createFreshnessGate({ client: off, assets: "orders" }).check(req())).assets;
    expect(check!.error).toBeInstanceOf(ResponseValidationError);
    expect((check!.error as ResponseValidationError).message).toBe(
      "The freshness status read does not match the model",
    );
    expect((check!.error as ResponseValidationError).body).toEqual({ nonsense: true });
  });

  it("should list only the unverified assets in the problem, not the fresh ones beside them", async () => {
    const mixed: FreshnessReader = {
      get: (asset) =>
        asset === "gone" ? Promise.reject(new NotFoundError("no such asset")) : Promise.resolve(fresh(asset)),
    };
    const gate = createFreshnessGate({ client: mixed, assets: ["orders", "gone"], onError: "closed" });
    const body = (await gate.reject(await gate.check(req()))!.json()) as Record<string, unknown>;
    expect(body.assets).toEqual([{ asset: "gone", error: "NOT_FOUND" }]);
    expect(body.detail).toBe("The freshness of 'gone' (NOT_FOUND) could not be checked");
  });

  it("should send no freshness header for a decision that has none", async () => {
    const gate = createFreshnessGate({ client: reader(1), assets: "orders", max_age_hours: 0.5 });
    const decision = await gate.check(req());
    const response = gate.reject({ ...decision, header: undefined })!;
    expect(response.status).toBe(503);
    expect(response.headers.get("x-armor-freshness")).toBeNull();
  });

  it("should key the shared cache by the env's API URL without its trailing slashes", async () => {
    const { cache, keys } = storeAt(1_000);
    const gate = createFreshnessGate({ assets: "orders", cache, now: () => 1_000 });
    const decision = await gate.check(req(), { ARMOR_API_URL: "https://api.example/v1//" });
    expect(decision.state).toBe("fresh");
    expect(keys).toEqual([JSON.stringify(["https://api.example/v1", "orders"])]);
  });

  it("should key the shared cache by the URL of a client's freshness resource", async () => {
    const { cache, keys } = storeAt(1_000);
    const transport = createTransport({ apiKey: "tok_abcdef12", apiUrl: "https://tenant.example/api/v1" });
    const client = { freshness: new FreshnessResource(transport) };
    await createFreshnessGate({ client, assets: "orders", cache, now: () => 1_000 }).check(req());
    expect(keys).toEqual([JSON.stringify(["https://tenant.example/api/v1", "orders"])]);
  });

  it("should take a reader that has an unrelated transport field", async () => {
    const odd = { get: reader(1).get, transport: {} };
    expect((await createFreshnessGate({ client: odd, assets: "orders" }).check(req())).state).toBe("fresh");
  });

  it("should take a shared read checked this very millisecond, and keep it for the TTL", async () => {
    const { cache, keys } = storeAt(5_000);
    const { reader: r, reads } = counting(1);
    const gate = createFreshnessGate({ client: r, assets: "orders", cache, now: () => 5_000, ttlMs: 1_000 });
    expect((await gate.check(req())).assets[0]).toMatchObject({ state: "fresh", age_hours: 2, checked_at: 5_000 });
    await gate.check(req());
    expect(keys).toHaveLength(1);
    expect(reads()).toBe(0);
  });

  it("should read again when the clock moves back before a cached read, with or without waitUntil", async () => {
    for (const ctx of [undefined, { waitUntil: () => {} }]) {
      const c = { t: 10_000 };
      const { reader: r, reads } = counting(1, 2);
      const gate = createFreshnessGate({ client: r, assets: "orders", now: () => c.t, ttlMs: 1_000 });
      expect((await gate.check(req(), undefined, ctx)).assets[0]?.age_hours).toBe(1);
      c.t = 9_000;
      expect((await gate.check(req(), undefined, ctx)).assets[0]?.age_hours).toBe(2);
      expect(reads()).toBe(2);
    }
  });

  it("should refresh an expired read in line when the context has no waitUntil", async () => {
    const c = { t: 10_000 };
    const { reader: r, reads } = counting(1, 2);
    const gate = createFreshnessGate({ client: r, assets: "orders", now: () => c.t, ttlMs: 1_000 });
    await gate.check(req(), undefined, {} as never);
    c.t = 11_500;
    expect((await gate.check(req(), undefined, {} as never)).assets[0]?.age_hours).toBe(2);
    expect(reads()).toBe(2);
  });

  it("should hand back a WebSocket upgrade and a 1xx response as they are", async () => {
    const upgrade = Object.assign(new Response(null), { webSocket: {} });
    const informational = { status: 101, headers: new Headers(), body: null } as unknown as Response;
    for (const response of [upgrade, informational]) {
      const gated = createFreshnessGate({ client: reader(1), assets: "orders" }).wrap(() => response);
      expect(await gated(req())).toBe(response);
    }
  });
});
