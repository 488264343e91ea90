/**
 * The gate's option checks and verdict wording as tables with exact messages, issue paths, header
 * values and problem bodies. The reader is a plain object with `get`, which the gate's `client`
 * option accepts as a `FreshnessResource`-like source.
 */
import { describe, expect, it } from "vitest";
import { createFreshnessGate, type FreshnessReader } from "../../src/adapters/freshness-gate";
import { NotFoundError, ValidationError } from "../../src/core/errors";
import type { FreshnessStatus } from "../../src/resources/freshness";

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
