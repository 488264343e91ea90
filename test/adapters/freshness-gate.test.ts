import { afterEach, describe, expect, it, vi } from "vitest";
import type { CachedFreshness, FreshnessCache } from "../../src/adapters/cache";
import { freshnessFromEnv } from "../../src/adapters/env-options";
import { createFreshnessGate, withFreshnessGate } from "../../src/adapters/freshness-gate";
import { ValidationError } from "../../src/core/errors";
import { createTransport } from "../../src/core/http";
import { FreshnessResource } from "../../src/resources/freshness";
import { API, KEY, useRemote } from "../helpers/remote";

const ORDERS = "snowflake.prod.warehouse.orders";
const USERS = "snowflake.prod.warehouse.users";

/** A FreshnessStatus body as the API sends it. */
function status(asset: string, hours: number | null, extra: Record<string, unknown> = {}) {
  return {
    asset_id: `id-${asset}`,
    qualified_name: asset,
    status: "fresh",
    last_update_time: "2026-01-01T00:00:00Z",
    staleness_threshold_hours: 24,
    hours_since_update: hours,
    is_stale: false,
    checked_at: "2026-01-01T02:30:00Z",
    ...extra,
  };
}

type Answer = (asset: string, n: number, signal: AbortSignal | null) => Response | Promise<Response>;

/** A stand-in for the remote API behind a `fetch` option, counting checks per asset. */
function upstream(answer: Answer) {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const asset = decodeURIComponent(new URL(req.url).pathname.split("/").pop()!);
    calls.push(asset);
    return answer(asset, calls.length, req.signal);
  }) as typeof globalThis.fetch;
  const count = (asset?: string) => (asset === undefined ? calls.length : calls.filter((a) => a === asset).length);
  const freshness = (extra: Record<string, unknown> = {}) =>
    new FreshnessResource(createTransport({ apiKey: KEY, apiUrl: API, fetch, maxRetries: 0, ...extra }));
  return { calls, count, fetch, freshness };
}

/** Ages per asset, changeable between requests. */
function ages(initial: Record<string, number | null>) {
  const current = { ...initial };
  const api = upstream((asset) => Response.json({ data: status(asset, current[asset] ?? null) }));
  return { current, ...api };
}

const ok = (_request?: Request, ..._rest: unknown[]) =>
  new Response("report", { status: 200, headers: { "content-type": "text/plain" } });
const req = (path = "/reports/daily") => new Request(`https://edge.example${path}`);

/** A Workers-like execution context collecting waitUntil promises. */
function context() {
  const pending: Promise<unknown>[] = [];
  return {
    pending,
    waitUntil: (p: Promise<unknown>) => void pending.push(p),
    settle: () => Promise.all(pending.splice(0)),
  };
}

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("withFreshnessGate", () => {
  it("should serve the handler's response with X-Armor-Freshness when the asset is fresh", async () => {
    const api = ages({ [ORDERS]: 2.5 });
    const handler = vi.fn(ok);
    const fetch = withFreshnessGate(handler, { client: api.freshness(), assets: ORDERS, max_age_hours: 24 });
    const res = await fetch(req());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("report");
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(res.headers.get("x-armor-freshness")).toBe(`fresh; asset=${ORDERS}; age_hours=2.5`);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("should add the header to an immutable response without mutating it", async () => {
    const api = ages({ [ORDERS]: 1 });
    const original = Response.redirect("https://edge.example/elsewhere", 302);
    const fetch = withFreshnessGate(() => original, { client: api.freshness(), assets: ORDERS });
    const res = await fetch(req());
    expect(res).not.toBe(original);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://edge.example/elsewhere");
    expect(res.headers.get("x-armor-freshness")).toBe(`fresh; asset=${ORDERS}; age_hours=1`);
    expect(original.headers.get("x-armor-freshness")).toBeNull();
  });

  it("should answer 503 problem+json with Retry-After and not run the handler when the asset is stale", async () => {
    const api = ages({ [ORDERS]: 30 });
    const handler = vi.fn(ok);
    const fetch = withFreshnessGate(handler, {
      client: api.freshness(),
      assets: [ORDERS],
      max_age_hours: 24,
      retryAfter: 120,
    });
    const res = await fetch(req());
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("120");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-armor-freshness")).toBe(`stale; asset=${ORDERS}; age_hours=30; threshold_hours=24`);
    const body = await res.json();
    expect(body).toMatchObject({
      type: expect.stringMatching(/data-stale$/),
      title: expect.any(String),
      status: 503,
      detail: `Asset '${ORDERS}' (30.0h since last update, threshold 24.0h) is stale`,
      asset: ORDERS,
      age_hours: 30,
      threshold_hours: 24,
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("should default Retry-After to the TTL in seconds", async () => {
    const api = ages({ [ORDERS]: 30 });
    const fetch = withFreshnessGate(ok, { client: api.freshness(), assets: ORDERS, ttlMs: 90_500 });
    expect((await fetch(req())).headers.get("retry-after")).toBe("91");
  });

  it("should hold assets to their own thresholds without max_age_hours, like requireFresh", async () => {
    const api = ages({});
    const answers: Record<string, Record<string, unknown>> = {
      a: status("a", 8, { staleness_threshold_hours: 6 }),
      b: status("b", 8, { staleness_threshold_hours: 12 }),
      c: status("c", 25, { staleness_threshold_hours: null }),
      d: status("d", 1, { is_stale: true }),
    };
    const own = upstream((asset) => Response.json({ data: answers[asset] }));
    const verdicts: Record<string, number> = {};
    for (const asset of ["a", "b", "c", "d"]) {
      verdicts[asset] = (await withFreshnessGate(ok, { client: own.freshness(), assets: asset })(req())).status;
    }
    expect(verdicts).toEqual({ a: 503, b: 200, c: 503, d: 503 });
    expect(api.count()).toBe(0);
  });

  it("should let max_age_hours override the asset's threshold (strictly greater is stale)", async () => {
    const api = upstream((asset) => Response.json({ data: status(asset, 12, { staleness_threshold_hours: 6 }) }));
    expect(
      (await withFreshnessGate(ok, { client: api.freshness(), assets: "x", max_age_hours: 12 })(req())).status,
    ).toBe(200);
    expect(
      (await withFreshnessGate(ok, { client: api.freshness(), assets: "x", max_age_hours: 11.9 })(req())).status,
    ).toBe(503);
  });

  it("should serve and report unknown when the API is down and onError is open (the default)", async () => {
    const api = upstream(() => Response.json({ error: { code: "SERVER_ERROR", message: "down" } }, { status: 500 }));
    const handler = vi.fn(ok);
    const res = await withFreshnessGate(handler, { client: api.freshness(), assets: ORDERS })(req());
    expect(res.status).toBe(200);
    expect(res.headers.get("x-armor-freshness")).toBe(`unknown; asset=${ORDERS}; error=SERVER_ERROR`);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("should answer 503 with Retry-After when the API is unreachable and onError is closed", async () => {
    const api = upstream(() => {
      throw new TypeError("fetch failed");
    });
    const handler = vi.fn(ok);
    const res = await withFreshnessGate(handler, {
      client: api.freshness(),
      assets: ORDERS,
      onError: "closed",
      errorTtlMs: 3_000,
    })(req());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("x-armor-freshness")).toBe(`unknown; asset=${ORDERS}; error=CONNECTION_ERROR`);
    expect(await res.json()).toMatchObject({
      status: 503,
      type: expect.stringMatching(/freshness-unverified$/),
      asset: ORDERS,
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("should bound a hanging check with timeoutMs and apply the error policy", async () => {
    // Like a real fetch, the hanging call only ends when the transport aborts it.
    const hang = upstream(
      (_asset, _n, signal) =>
        new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
    );
    const gate = createFreshnessGate({ client: hang.freshness(), assets: ORDERS, timeoutMs: 30, onError: "closed" });
    const decision = await gate.check(req());
    expect(decision).toMatchObject({ state: "unknown", allow: false });
    expect(decision.header).toBe(`unknown; asset=${ORDERS}; error=TIMEOUT`);
  });

  it("should make at most one upstream check per asset per TTL for 500 concurrent requests", async () => {
    const api = ages({ [ORDERS]: 1, [USERS]: 2 });
    const c = clock();
    const handler = vi.fn(ok);
    const fetch = withFreshnessGate(handler, {
      client: api.freshness(),
      assets: [ORDERS, USERS],
      ttlMs: 60_000,
      now: c.now,
    });
    const first = await Promise.all(Array.from({ length: 500 }, () => fetch(req())));
    expect(first.every((r) => r.status === 200)).toBe(true);
    expect(api.count(ORDERS)).toBe(1);
    expect(api.count(USERS)).toBe(1);
    expect(handler).toHaveBeenCalledTimes(500);

    c.t += 59_999;
    await Promise.all(Array.from({ length: 500 }, () => fetch(req())));
    expect(api.count()).toBe(2);

    c.t += 1;
    const third = await Promise.all(Array.from({ length: 500 }, () => fetch(req())));
    expect(api.count(ORDERS)).toBe(2);
    expect(api.count(USERS)).toBe(2);
    expect(third.every((r) => r.status === 200)).toBe(true);
  });

  it("should re-check when the TTL runs out under fake timers too (Date.now by default)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const api = ages({ [ORDERS]: 1 });
      const fetch = withFreshnessGate(ok, { client: api.freshness(), assets: ORDERS, ttlMs: 10_000 });
      await fetch(req());
      await fetch(req());
      expect(api.count()).toBe(1);
      vi.setSystemTime(Date.now() + 10_000);
      await fetch(req());
      expect(api.count()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("should remember a failed check for errorTtlMs, shared by concurrent requests", async () => {
    const api = upstream(() => Response.json({ error: { message: "down" } }, { status: 503 }));
    const c = clock();
    const fetch = withFreshnessGate(ok, {
      client: api.freshness(),
      assets: ORDERS,
      ttlMs: 60_000,
      errorTtlMs: 5_000,
      now: c.now,
    });
    await Promise.all(Array.from({ length: 100 }, () => fetch(req())));
    expect(api.count()).toBe(1);
    c.t += 4_999;
    await fetch(req());
    expect(api.count()).toBe(1);
    c.t += 1;
    await fetch(req());
    expect(api.count()).toBe(2);
  });

  it("should serve the cached decision and refresh it behind through waitUntil once the TTL expires", async () => {
    const api = ages({ [ORDERS]: 1 });
    const c = clock();
    const fetch = withFreshnessGate(ok, { client: api.freshness(), assets: ORDERS, ttlMs: 60_000, now: c.now });
    const ctx = context();
    const env = {};
    expect((await fetch(req(), env, ctx)).status).toBe(200);
    expect(ctx.pending).toHaveLength(0);

    api.current[ORDERS] = 40;
    c.t += 60_000;
    const during = await Promise.all(Array.from({ length: 50 }, () => fetch(req(), env, ctx)));
    expect(during.every((r) => r.status === 200)).toBe(true);
    expect(during[0]!.headers.get("x-armor-freshness")).toBe(`fresh; asset=${ORDERS}; age_hours=1`);
    expect(ctx.pending).toHaveLength(50);
    await ctx.settle();
    expect(api.count()).toBe(2);

    const after = await fetch(req(), env, ctx);
    expect(after.status).toBe(503);
    expect(api.count()).toBe(2);
  });

  it("should await the refresh without waitUntil, or when the cached decision is older than two TTLs", async () => {
    const api = ages({ [ORDERS]: 1 });
    const c = clock();
    const fetch = withFreshnessGate(ok, { client: api.freshness(), assets: ORDERS, ttlMs: 60_000, now: c.now });
    await fetch(req());
    api.current[ORDERS] = 40;
    c.t += 60_000;
    expect((await fetch(req())).status).toBe(503);

    api.current[ORDERS] = 1;
    c.t += 120_000;
    const ctx = context();
    expect((await fetch(req(), {}, ctx)).status).toBe(200);
    expect(ctx.pending).toHaveLength(0);
    expect(api.count()).toBe(3);
  });

  it("should gate only the requests match selects", async () => {
    const api = ages({ [ORDERS]: 30 });
    const cases: [Parameters<typeof withFreshnessGate>[1]["match"], string, number][] = [
      ["/reports/*", "/reports/daily", 503],
      ["/reports/*", "/health", 200],
      ["/reports", "/reports/daily", 200],
      [/^\/api\//, "/api/orders?x=1", 503],
      [/^\/api\//, "/static/app.js", 200],
      [(request: Request) => request.method === "POST", "/anything", 200],
      [{ test: (url: string) => url.endsWith("?gate=1") }, "/x?gate=1", 503],
      [["/a", "/b"], "/b", 503],
    ];
    for (const [match, path, expected] of cases) {
      const handler = vi.fn(ok);
      const res = await withFreshnessGate(handler, { client: api.freshness(), assets: ORDERS, match })(req(path));
      expect([String(match), path, res.status]).toEqual([String(match), path, expected]);
      if (expected === 200) expect(res.headers.get("x-armor-freshness")).toBeNull();
    }
    expect(api.count()).toBe(4);
  });

  it("should pass the URL to a predicate and never check an unmatched request", async () => {
    const api = ages({ [ORDERS]: 1 });
    const seen: string[] = [];
    const gate = createFreshnessGate({
      client: api.freshness(),
      assets: ORDERS,
      match: (_request, url) => (seen.push(url.pathname), url.searchParams.get("gated") === "yes"),
    });
    expect(await gate.check(req("/r?gated=no"))).toEqual({
      gated: false,
      state: "skipped",
      allow: true,
      assets: [],
      header: undefined,
    });
    expect(api.count()).toBe(0);
    expect((await gate.check(req("/r?gated=yes"))).state).toBe("fresh");
    expect(seen).toEqual(["/r", "/r"]);
  });

  it('should require every asset fresh in mode "all" and list each stale asset', async () => {
    const api = ages({ a: 30, b: 2, c: 50 });
    const res = await withFreshnessGate(ok, { client: api.freshness(), assets: ["a", "b", "c"], max_age_hours: 24 })(
      req(),
    );
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.asset).toBe("a");
    expect(body.assets).toEqual([
      { asset: "a", age_hours: 30, threshold_hours: 24 },
      { asset: "c", age_hours: 50, threshold_hours: 24 },
    ]);
    expect(body.detail).toMatch(/^2 assets are stale: 'a' .*'c'/);
    expect(res.headers.get("x-armor-freshness")).toBe(
      "stale; asset=a; age_hours=30; threshold_hours=24, fresh; asset=b; age_hours=2, stale; asset=c; age_hours=50; threshold_hours=24",
    );
  });

  it('should serve when one asset is fresh in mode "any", reporting every asset', async () => {
    const api = ages({ a: 30, b: 2 });
    const res = await withFreshnessGate(ok, {
      client: api.freshness(),
      assets: ["a", "b"],
      mode: "any",
      max_age_hours: 24,
    })(req());
    expect(res.status).toBe(200);
    expect(res.headers.get("x-armor-freshness")).toBe(
      "stale; asset=a; age_hours=30; threshold_hours=24, fresh; asset=b; age_hours=2",
    );
    api.current.b = 25;
    const gate = createFreshnessGate({ client: api.freshness(), assets: ["a", "b"], mode: "any", max_age_hours: 24 });
    expect((await gate.check(req())).state).toBe("stale");
  });

  it("should let stale win over unknown in mode all, and unknown win over stale in mode any", async () => {
    const api = upstream((asset) =>
      asset === "down" ? new Response("", { status: 500 }) : Response.json({ data: status(asset, 99) }),
    );
    const all = createFreshnessGate({ client: api.freshness(), assets: ["down", "old"], max_age_hours: 24 });
    expect(await all.check(req())).toMatchObject({ state: "stale", allow: false });
    const any = createFreshnessGate({
      client: api.freshness(),
      assets: ["down", "old"],
      mode: "any",
      max_age_hours: 24,
    });
    expect(await any.check(req())).toMatchObject({ state: "unknown", allow: true });
  });

  it("should share one check when the client function builds a new reader per request", async () => {
    const api = ages({ [ORDERS]: 1 });
    const envs: unknown[] = [];
    const fetch = withFreshnessGate(
      (_request: Request, _env: { ARMOR_API_KEY: string; ARMOR_API_URL: string }, _ctx: unknown) => ok(),
      {
        client: (env) => (envs.push(env), freshnessFromEnv(env, { fetch: api.fetch, maxRetries: 0 })),
        assets: ORDERS,
      },
    );
    const env = { ARMOR_API_KEY: KEY, ARMOR_API_URL: API };
    const res = await Promise.all(Array.from({ length: 500 }, () => fetch(req(), { ...env }, context())));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(api.count()).toBe(1);
    expect(envs).toHaveLength(1);
    expect(envs[0]).toEqual(env);
  });

  it("should key checks by API URL, so two deployments' URLs are checked apart", async () => {
    const api = ages({ [ORDERS]: 1 });
    const gate = createFreshnessGate<{ ARMOR_API_URL: string }>({
      client: (env) => freshnessFromEnv(env, { apiKey: KEY, fetch: api.fetch }),
      assets: ORDERS,
    });
    await gate.check(req(), { ARMOR_API_URL: API });
    await gate.check(req(), { ARMOR_API_URL: `${API}/` });
    expect(api.count()).toBe(1);
    await gate.check(req(), { ARMOR_API_URL: "https://eu.anomalyarmor.test/api/v1" });
    expect(api.count()).toBe(2);
  });

  it("should pass this and every argument through to the handler", async () => {
    const api = ages({ [ORDERS]: 1 });
    const seen: unknown[] = [];
    const worker = {
      name: "worker",
      fetch: withFreshnessGate(
        function (this: unknown, request: Request, env: object, ctx: object) {
          seen.push(this, request.url, env, ctx);
          return ok();
        },
        { client: api.freshness(), assets: ORDERS },
      ),
    };
    const env = { X: "1" };
    const ctx = context();
    await worker.fetch(req(), env, ctx);
    expect(seen).toEqual([worker, "https://edge.example/reports/daily", env, ctx]);
  });

  it("should clear its cached reads on clear()", async () => {
    const api = ages({ [ORDERS]: 1 });
    const gate = createFreshnessGate({ client: api.freshness(), assets: ORDERS });
    await gate.check(req());
    gate.clear();
    await gate.check(req());
    expect(api.count()).toBe(2);
  });

  it("should quote asset names and error codes that are not plain header tokens", async () => {
    const api = upstream((asset) => Response.json({ data: status(asset, 1) }));
    const gate = createFreshnessGate({ client: api.freshness(), assets: 'db.my "quoted", table;é' });
    const decision = await gate.check(req());
    expect(decision.header).toBe('fresh; asset="db.my \\"quoted\\", table;%C3%A9"; age_hours=1');
    const res = await gate.wrap(ok)(req());
    expect(res.headers.get("x-armor-freshness")).toBe(decision.header);
  });

  it("should reject invalid options before any request", () => {
    const client = ages({}).freshness();
    const bad: Record<string, unknown>[] = [
      { client, assets: [] },
      { client, assets: "" },
      { client, assets: "a", mode: "some" },
      { client, assets: "a", onError: "fail" },
      { client, assets: "a", ttlMs: -1 },
      { client, assets: "a", max_age_hours: Number.NaN },
      { client, assets: "a", timeoutMs: 0 },
      { client, assets: "a", retryAfter: 1.5 },
      { client: {}, assets: "a" },
      { client, assets: "a", cache: {} },
      { client, assets: "a", match: 42 },
    ];
    for (const options of bad) {
      expect(() => createFreshnessGate(options as never), JSON.stringify(Object.keys(options))).toThrow(
        ValidationError,
      );
    }
  });
});

describe("createFreshnessGate", () => {
  const remote = useRemote();

  it("should build its own reader from Workers bindings when no client is given", async () => {
    remote.reply(remote.data(status(ORDERS, 3)));
    vi.stubEnv("ARMOR_API_KEY", "");
    const gate = createFreshnessGate({ assets: ORDERS });
    const env = { ARMOR_API_KEY: KEY, ARMOR_API_URL: API };
    const decision = await gate.check(req(), env);
    expect(decision).toMatchObject({ gated: true, state: "fresh", allow: true });
    expect(decision.assets[0]).toMatchObject({ asset: ORDERS, age_hours: 3, freshness: { qualified_name: ORDERS } });
    expect(remote.requests).toHaveLength(1);
    expect(remote.requests[0]).toMatchObject({ method: "GET", path: `/sdk/freshness/${ORDERS}` });
    expect(remote.requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("should fall back to the runtime's environment without bindings", async () => {
    remote.reply(remote.data(status(ORDERS, 3)));
    vi.stubEnv("ARMOR_API_KEY", KEY);
    vi.stubEnv("ARMOR_API_URL", API);
    const res = await withFreshnessGate(ok, { assets: ORDERS })(req());
    expect(res.headers.get("x-armor-freshness")).toBe(`fresh; asset=${ORDERS}; age_hours=3`);
    expect(remote.requests).toHaveLength(1);
  });

  it("should treat a missing key as an unverifiable check under the error policy", async () => {
    vi.stubEnv("ARMOR_API_KEY", "");
    const open = await withFreshnessGate(ok, { assets: ORDERS })(req(), {});
    expect(open.status).toBe(200);
    expect(open.headers.get("x-armor-freshness")).toBe(`unknown; asset=${ORDERS}; error=UNAUTHORIZED`);
    const closed = await withFreshnessGate(ok, { assets: ORDERS, onError: "closed" })(req(), {});
    expect(closed.status).toBe(503);
    expect(remote.requests).toHaveLength(0);
  });

  it("should treat a NotFoundError as unknown and report its code", async () => {
    remote.reply(remote.error(404, "NOT_FOUND", "no such asset"));
    const gate = createFreshnessGate({ assets: "nope", onError: "closed" });
    const decision = await gate.check(req(), { ARMOR_API_KEY: KEY, ARMOR_API_URL: API });
    expect(decision).toMatchObject({ state: "unknown", allow: false, header: "unknown; asset=nope; error=NOT_FOUND" });
    const body = await gate.reject(decision)!.json();
    expect(body).toMatchObject({ assets: [{ asset: "nope", error: "NOT_FOUND" }] });
    expect(JSON.stringify(body)).not.toContain(KEY);
  });

  it("should reuse a shared cache across gates and skip the API on a hit", async () => {
    const api = ages({ [ORDERS]: 4 });
    const c = clock();
    const store = new Map<string, CachedFreshness>();
    const puts: [string, number][] = [];
    const cache: FreshnessCache = {
      get: async (key) => store.get(key),
      put: async (key, value, ttlMs) => {
        puts.push([key, ttlMs]);
        store.set(key, structuredClone(value));
      },
    };
    const one = createFreshnessGate({ client: api.freshness(), assets: ORDERS, cache, now: c.now, ttlMs: 30_000 });
    const two = createFreshnessGate({ client: api.freshness(), assets: ORDERS, cache, now: c.now, ttlMs: 30_000 });
    const ctx = context();
    await one.check(req(), undefined, ctx);
    await ctx.settle();
    expect(puts).toEqual([[JSON.stringify([API, ORDERS]), 30_000]]);
    c.t += 10_000;
    expect(await two.check(req())).toMatchObject({ state: "fresh", assets: [{ age_hours: 4, checked_at: 1_000_000 }] });
    expect(api.count()).toBe(1);
    c.t += 20_000;
    await two.check(req());
    expect(api.count()).toBe(2);
  });

  it("should ignore a failing shared cache and ask the API", async () => {
    const api = ages({ [ORDERS]: 4 });
    const cache: FreshnessCache = {
      get: () => Promise.reject(new Error("kv down")),
      put: () => {
        throw new Error("kv down");
      },
    };
    const res = await withFreshnessGate(ok, { client: api.freshness(), assets: ORDERS, cache })(req());
    expect(res.status).toBe(200);
    expect(api.count()).toBe(1);
  });

  it("should take a stored entry whose fields throw as a miss and ask the API", async () => {
    const api = ages({ [ORDERS]: 4 });
    const hostile = {
      get checkedAt(): number {
        throw new Error("tampered");
      },
    };
    const cache = { get: () => hostile, put: () => undefined } as unknown as FreshnessCache;
    const res = await withFreshnessGate(ok, { client: api.freshness(), assets: ORDERS, cache })(req());
    expect(res.status).toBe(200);
    expect(api.count()).toBe(1);
  });

  it("should use a web Cache (caches.default) as the shared cache", async () => {
    const api = ages({ [ORDERS]: 4 });
    // A minimal stand-in for the platform's Cache API, keyed by URL as the real one is.
    const stored = new Map<string, Response>();
    const webCache = {
      match: async (key: string) => stored.get(new Request(key).url)?.clone(),
      put: async (key: string, response: Response) => void stored.set(new Request(key).url, response),
    };
    const ctx = context();
    await createFreshnessGate({ client: api.freshness(), assets: ORDERS, cache: webCache, ttlMs: 60_000 }).check(
      req(),
      {},
      ctx,
    );
    await ctx.settle();
    expect(stored.size).toBe(1);
    const [url, response] = [...stored][0]!;
    expect(new URL(url).protocol).toBe("https:");
    expect(response.headers.get("cache-control")).toBe("max-age=60");
    const other = createFreshnessGate({ client: api.freshness(), assets: ORDERS, cache: webCache, ttlMs: 60_000 });
    expect((await other.check(req())).state).toBe("fresh");
    expect(api.count()).toBe(1);
  });
});
