import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ArmorError,
  AuthenticationError,
  ConnectionError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../../src/core/errors";
import { createApiError } from "../../src/core/errors";
import { createTransport } from "../../src/core/http";
import { FreshnessResource } from "../../src/resources/freshness";
import { recordingFetch as remote } from "../helpers/recording-fetch";

const KEY = "aa_live_0123456789abcdefghijklmnopqrstuv";
const API = "https://api.anomalyarmor.test/api/v1";
const STATUS = {
  asset_id: "1",
  qualified_name: "a.b",
  status: "fresh",
  is_stale: false,
  checked_at: "2026-01-01T00:00:00Z",
};
const JOB = { job_id: "j1", status: "pending" };

type Handler = (req: Request, n: number) => Response | Promise<Response>;

function freshness(fetch: typeof globalThis.fetch, extra: Record<string, unknown> = {}) {
  return new FreshnessResource(createTransport({ apiKey: KEY, apiUrl: API, fetch, ...extra }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createTransport", () => {
  it("should keep the base path when composing URLs (concatenation, not resolution)", async () => {
    const r = remote(() => Response.json({ data: STATUS }));
    await freshness(r.fetch, { apiUrl: `${API}///` }).get("snowflake.prod.warehouse.orders");
    expect(r.seen[0]!.url).toBe(`${API}/sdk/freshness/snowflake.prod.warehouse.orders`);
  });

  it("should send the key as a bearer token, a user agent, and no body or content type on GET", async () => {
    const r = remote(() => Response.json({ data: STATUS }));
    await freshness(r.fetch).get("x");
    const h = r.seen[0]!.headers;
    expect(h.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(h.get("user-agent")).toMatch(/^anomalyarmor-ts\/\d+\.\d+\.\d+/);
    expect(h.get("content-type")).toBeNull();
  });

  it("should send a POST without payload with no body", async () => {
    const r = remote(() => Response.json({ data: JOB }));
    await freshness(r.fetch).refresh("x");
    expect(r.seen[0]!.method).toBe("POST");
    expect(await r.seen[0]!.text()).toBe("");
  });

  it("should resolve a function key per call and refuse a malformed one before sending", async () => {
    const r = remote(() => Response.json({ data: STATUS }));
    let n = 0;
    const f = freshness(r.fetch, { apiKey: () => `aa_live_token${++n}` });
    await f.get("x");
    await f.get("x");
    expect(r.seen.map((q) => q.headers.get("authorization"))).toEqual([
      "Bearer aa_live_token1",
      "Bearer aa_live_token2",
    ]);
    const bad = freshness(r.fetch, { apiKey: () => "aa_live_bad\r\nX-Evil: 1" });
    await expect(bad.get("x")).rejects.toBeInstanceOf(AuthenticationError);
    expect(r.seen).toHaveLength(2);
  });

  it.each([
    ["a missing key", { apiKey: "" }, AuthenticationError],
    ["a key with CR/LF", { apiKey: "aa_live_x\r\ny" }, AuthenticationError],
    ["a key with a space", { apiKey: " aa_live_x" }, AuthenticationError],
    ["plain http to a remote host", { apiUrl: "http://api.example.com/api/v1" }, ValidationError],
    ["a non-URL", { apiUrl: "not a url" }, ValidationError],
    ["credentials in the URL", { apiUrl: "https://u:p@api.example.com" }, ValidationError],
    ["a negative timeout", { timeout: -1 }, ValidationError],
    ["a fractional maxRetries", { maxRetries: 1.5 }, ValidationError],
  ])("should refuse %s at construction", (_what, options, Class) => {
    const env = globalThis.process.env.ARMOR_API_KEY;
    delete globalThis.process.env.ARMOR_API_KEY;
    try {
      expect(() => createTransport({ apiKey: KEY, apiUrl: API, ...options })).toThrow(Class);
    } finally {
      if (env !== undefined) globalThis.process.env.ARMOR_API_KEY = env;
    }
  });

  it("should accept plain http for loopback hosts and when explicitly allowed", () => {
    for (const host of ["localhost", "api.localhost", "127.0.0.1", "127.9.9.9", "[::1]"]) {
      expect(() => createTransport({ apiKey: KEY, apiUrl: `http://${host}:4010/api/v1` })).not.toThrow();
    }
    expect(() =>
      createTransport({ apiKey: KEY, apiUrl: "http://api.example.com", allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it("should read ARMOR_API_KEY and ARMOR_API_URL when options are absent", async () => {
    vi.stubEnv("ARMOR_API_KEY", KEY);
    vi.stubEnv("ARMOR_API_URL", "https://env.example.test/api/v1");
    try {
      const r = remote(() => Response.json({ data: STATUS }));
      await new FreshnessResource(createTransport({ fetch: r.fetch })).get("x");
      expect(r.seen[0]!.url).toBe("https://env.example.test/api/v1/sdk/freshness/x");
      expect(r.seen[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("retries", () => {
  it("should retry a GET on 503 and succeed", async () => {
    vi.useFakeTimers();
    const r = remote((_q, n) => (n < 3 ? new Response("busy", { status: 503 }) : Response.json({ data: STATUS })));
    const p = freshness(r.fetch).get("x");
    await vi.runAllTimersAsync();
    await expect(p).resolves.toMatchObject({ asset_id: "1" });
    expect(r.seen).toHaveLength(3);
  });

  it("should give up after maxRetries with a retryable ServerError", async () => {
    vi.useFakeTimers();
    const r = remote(
      () =>
        new Response("<html><body>Bad gateway</body></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
    );
    const p = freshness(r.fetch, { maxRetries: 3 })
      .get("x")
      .catch((e) => e);
    await vi.runAllTimersAsync();
    const e = await p;
    expect(e).toBeInstanceOf(ServerError);
    expect(e.status).toBe(502);
    expect(e.retryable).toBe(true);
    expect(e.message).not.toContain("<html>");
    expect(r.seen).toHaveLength(4);
  });

  it("should never retry a POST after a 500, but retry it on 429 and 503", async () => {
    vi.useFakeTimers();
    const r500 = remote(() => new Response("", { status: 500 }));
    const p1 = freshness(r500.fetch)
      .refresh("x")
      .catch((e) => e);
    await vi.runAllTimersAsync();
    expect(await p1).toBeInstanceOf(ServerError);
    expect(r500.seen).toHaveLength(1);

    const r429 = remote((_q, n) =>
      n === 1 ? new Response("", { status: 429, headers: { "retry-after": "1" } }) : Response.json({ data: JOB }),
    );
    const p2 = freshness(r429.fetch).refresh("x");
    await vi.runAllTimersAsync();
    await expect(p2).resolves.toMatchObject({ job_id: "j1" });
    expect(r429.seen).toHaveLength(2);
  });

  it("should never retry a POST after a dropped connection", async () => {
    const r = remote(() => {
      throw new TypeError("fetch failed");
    });
    const e = await freshness(r.fetch)
      .refresh("x")
      .catch((x) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.retryable).toBe(false);
    expect(r.seen).toHaveLength(1);
  });

  it("should honour Retry-After in seconds and as an HTTP date", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
    const times: number[] = [];
    const r = remote((_q, n) => {
      times.push(Date.now());
      if (n === 1) return new Response("", { status: 429, headers: { "retry-after": "7" } });
      if (n === 2)
        return new Response("", {
          status: 429,
          headers: { "retry-after": new Date(Date.now() + 12_000).toUTCString() },
        });
      return Response.json({ data: STATUS });
    });
    const p = freshness(r.fetch).get("x");
    await vi.runAllTimersAsync();
    await p;
    expect(times[1]! - times[0]!).toBe(7_000);
    expect(times[2]! - times[1]!).toBe(12_000);
  });

  it("should fail at once with RateLimitError when Retry-After exceeds 60 s", async () => {
    const r = remote(() => new Response("", { status: 429, headers: { "retry-after": "120" } }));
    const e = await freshness(r.fetch)
      .get("x")
      .catch((x) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.retryAfter).toBe(120);
    expect(r.seen).toHaveLength(1);
  });

  it("should fail at once when the wait would pass the deadline", async () => {
    const r = remote(() => new Response("", { status: 429, headers: { "retry-after": "5" } }));
    const e = await freshness(r.fetch, { deadline: 2_000 })
      .get("x")
      .catch((x) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(r.seen).toHaveLength(1);
  });

  it("should back off exponentially with at most 25% jitter, capped at 8 s", async () => {
    vi.useFakeTimers();
    const times: number[] = [];
    const r = remote(() => {
      times.push(Date.now());
      return new Response("", { status: 500 });
    });
    const p = freshness(r.fetch, { maxRetries: 6 })
      .get("x")
      .catch((e) => e);
    await vi.runAllTimersAsync();
    await p;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const bases = [500, 1000, 2000, 4000, 8000, 8000];
    expect(gaps).toHaveLength(6);
    gaps.forEach((g, i) => {
      expect(g).toBeLessThanOrEqual(bases[i]!);
      expect(g).toBeGreaterThanOrEqual(bases[i]! * 0.75);
    });
  });
});

describe("timeouts, deadline and cancellation", () => {
  const hang: Handler = (req) =>
    new Promise<Response>((_resolve, reject) => {
      req.signal.addEventListener("abort", () =>
        reject(req.signal.reason ?? new DOMException("aborted", "AbortError")),
      );
    });

  it("should time out each attempt, also when a signal is passed, and retry GETs", async () => {
    const r = remote(hang);
    const ctrl = new AbortController();
    const e = await freshness(r.fetch, { timeout: 30, maxRetries: 1 })
      .get("x", { signal: ctrl.signal })
      .catch((x) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(r.seen).toHaveLength(2);
  });

  it("should bound the whole call with the deadline", async () => {
    const r = remote(hang);
    const started = Date.now();
    const e = await freshness(r.fetch, { timeout: 10_000, deadline: 80 })
      .get("x")
      .catch((x) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("should reject with AbortError when the caller aborts in flight, and send nothing more", async () => {
    const r = remote(hang);
    const ctrl = new AbortController();
    const p = freshness(r.fetch)
      .get("x", { signal: ctrl.signal })
      .catch((x) => x);
    await new Promise((res) => setTimeout(res, 5));
    ctrl.abort(new Error("user left"));
    const e = await p;
    expect(e).toBeInstanceOf(AbortError);
    expect((e.cause as Error).message).toBe("user left");
    expect(r.seen).toHaveLength(1);
  });

  it("should reject with AbortError when aborted during a backoff wait", async () => {
    const r = remote(() => new Response("", { status: 503, headers: { "retry-after": "30" } }));
    const ctrl = new AbortController();
    const p = freshness(r.fetch)
      .get("x", { signal: ctrl.signal })
      .catch((x) => x);
    await new Promise((res) => setTimeout(res, 20));
    ctrl.abort();
    expect(await p).toBeInstanceOf(AbortError);
    expect(r.seen).toHaveLength(1);
  });

  it("should reject an already-aborted signal without sending", async () => {
    const r = remote(() => Response.json({ data: STATUS }));
    const e = await freshness(r.fetch)
      .get("x", { signal: AbortSignal.abort() })
      .catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(r.seen).toHaveLength(0);
  });

  it("should abort everything in flight on close() and reject later calls", async () => {
    const r = remote(hang);
    const t = createTransport({ apiKey: KEY, apiUrl: API, fetch: r.fetch });
    const f = new FreshnessResource(t);
    const p = f.get("x").catch((x) => x);
    await new Promise((res) => setTimeout(res, 5));
    t.close();
    expect(await p).toBeInstanceOf(AbortError);
    expect(await f.get("y").catch((x) => x)).toBeInstanceOf(AbortError);
    expect(t.closed).toBe(true);
    expect(r.seen).toHaveLength(1);
  });

  it("should leave no timers behind after success, failure and abort", async () => {
    vi.useFakeTimers();
    const ok = remote(() => Response.json({ data: STATUS }));
    await freshness(ok.fetch).get("x");
    const bad = remote(() => new Response("", { status: 404 }));
    await freshness(bad.fetch)
      .get("x")
      .catch(() => undefined);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("responses", () => {
  it.each([
    ["not JSON", "<html>oops</html>", 1],
    ["a JSON array", "[1,2]", 1],
    ["a model missing required fields", JSON.stringify({ data: { asset_id: "1" } }), 4],
    ["a wrong type", JSON.stringify({ data: { ...STATUS, is_stale: "no" } }), 1],
    ["an array where the model is an object", JSON.stringify({ data: [STATUS] }), 1],
  ])("should raise ResponseValidationError for %s on 2xx, without retrying", async (_what, body, issues) => {
    const r = remote(() => new Response(body, { status: 200, headers: { "content-type": "application/json" } }));
    const e = await freshness(r.fetch)
      .get("x")
      .catch((x) => x);
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(e.issues).toHaveLength(issues);
    expect(r.seen).toHaveLength(1);
  });

  it("should keep unknown fields and accept integral floats for integers", async () => {
    const r = remote(() =>
      Response.json({
        data: {
          total_assets: 3.0,
          fresh_count: 2,
          stale_count: 1,
          unknown_count: 0,
          disabled_count: 0,
          freshness_rate: 66.7,
          brand_new: "x",
        },
      }),
    );
    const s = await freshness(r.fetch).summary();
    expect(s.total_assets).toBe(3);
    expect((s as unknown as Record<string, unknown>).brand_new).toBe("x");
    expect(s.fresh).toBe(2);
    expect(s.fresh_percentage).toBe(66.7);
  });

  it("should skip checks but still unwrap and fill aliases with validate: off", async () => {
    const r = remote(() => Response.json({ data: { asset_id: 7, status: "stale", last_updated: "t" } }));
    const s = await freshness(r.fetch, { validate: "off" }).get("x");
    expect(s.asset_id).toBe(7);
    expect(s.last_update_time).toBe("t");
    expect(s.is_fresh).toBe(false);
  });

  it("should treat a redirect as an ArmorError and not follow it", async () => {
    const r = remote(() => new Response(null, { status: 302, headers: { location: "https://evil.example/steal" } }));
    const e = await freshness(r.fetch)
      .get("x")
      .catch((x) => x);
    expect(e).toBeInstanceOf(ArmorError);
    expect(e.status).toBe(302);
    expect(r.seen).toHaveLength(1);
    expect(r.seen[0]!.redirect).toBe("manual");
  });
});

describe("createApiError", () => {
  const h = new Headers({ "x-request-id": "req-1" });
  it("should read the error object, keep code and details and the request id", () => {
    const e = createApiError(
      422,
      JSON.stringify({ error: { code: "VALIDATION_ERROR", message: "bad", details: { field: "limit" } } }),
      h,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({
      status: 422,
      code: "VALIDATION_ERROR",
      details: { field: "limit" },
      requestId: "req-1",
      message: "bad",
    });
  });
  it("should fall back through message, error string, detail and raw text", () => {
    expect(createApiError(409, JSON.stringify({ error: "conflict" }), h).message).toBe("conflict");
    expect(createApiError(409, JSON.stringify({ error: "conflict", message: "top" }), h).message).toBe("top");
    expect(createApiError(409, JSON.stringify({ detail: "fastapi" }), h).message).toBe("fastapi");
    expect(createApiError(409, "plain words", h).message).toBe("plain words");
    expect(createApiError(409, "", h).message).toBe("Request failed with HTTP 409");
    expect(createApiError(409, "", h).code).toBe("API_ERROR");
  });
  it("should keep INTELLIGENCE_NOT_GENERATED on the class its status maps to", () => {
    const e = createApiError(
      400,
      JSON.stringify({ error: { code: "INTELLIGENCE_NOT_GENERATED", message: "generate first" } }),
      h,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.code).toBe("INTELLIGENCE_NOT_GENERATED");
  });
  it("should redact the key echoed anywhere in the body", () => {
    const body = JSON.stringify({
      error: { message: `bad key ${KEY}`, details: { key: KEY, nested: [`Bearer ${KEY}`] } },
    });
    const e = createApiError(401, body, h, KEY);
    const shown = [
      e.message,
      String(e),
      JSON.stringify(e),
      e.stack ?? "",
      inspect(e, { depth: 10 }),
      JSON.stringify(e.details),
    ].join("\n");
    expect(shown).not.toContain(KEY);
    expect(shown).toContain("[REDACTED]");
  });
});

describe("errors", () => {
  it("should name every class explicitly and recognise copies with ArmorError.is", () => {
    const e = new RateLimitError("slow down", { retryAfter: 3 });
    expect(e.name).toBe("RateLimitError");
    expect(e.code).toBe("RATE_LIMIT_EXCEEDED");
    expect(ArmorError.is(e)).toBe(true);
    expect(ArmorError.is(new Error("x"))).toBe(false);
    expect(ArmorError.is({ name: "ArmorError" })).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({
      name: "RateLimitError",
      code: "RATE_LIMIT_EXCEEDED",
      retryAfter: 3,
    });
  });
  it("should never expose the key through a network error cause", async () => {
    const r = remote(() => {
      throw new TypeError(`fetch failed for ${KEY}`);
    });
    const e = await freshness(r.fetch, { maxRetries: 0 })
      .get("x")
      .catch((x) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect([e.message, String(e), JSON.stringify(e)].join()).not.toContain(KEY);
  });
});
