/**
 * Public hooks (ofetch's interceptors): which fire for each outcome and how often, what they read (never
 * the key), what they may change (headers), and the recipes in docs/hooks.md.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import type { ArmorHookContext, ArmorHooks } from "../../src/core/hooks";
import { ArmorError, ConnectionError, ResponseValidationError, ServerError } from "../../src/core/errors";
import { createSandbox } from "../../src/testing";
import { recordingFetch as remote } from "../helpers/recording-fetch";

const KEY = "aa_live_0123456789abcdefghijklmnopqrstuv";
const API = "https://api.anomalyarmor.test/api/v1";
const ASSET = { id: "a1", qualified_name: "snowflake.prod.warehouse.orders", name: "orders", asset_type: "table" };

/** Hooks that record every call as `name#attempt`, plus the contexts they saw. */
function recorder() {
  const events: string[] = [];
  const contexts: ArmorHookContext[] = [];
  const hook = (name: string) => (ctx: ArmorHookContext) => {
    events.push(`${name}#${ctx.attempt}`);
    contexts.push(ctx);
  };
  const hooks: ArmorHooks = {
    onRequest: hook("onRequest"),
    onResponse: hook("onResponse"),
    onRequestError: hook("onRequestError"),
    onResponseError: hook("onResponseError"),
  };
  const count = (name: string) => events.filter((e) => e.startsWith(`${name}#`)).length;
  return { events, contexts, hooks, count };
}

describe("hooks", () => {
  it("should fire onRequest and onResponse on each attempt, and onResponseError on the 503, for a 503 then 200 GET", async () => {
    const r = remote((_, n) =>
      n === 1
        ? Response.json({ error: { message: "busy" } }, { status: 503, headers: { "retry-after-ms": "1" } })
        : Response.json({ data: ASSET }),
    );
    const rec = recorder();
    const client = new Client({ apiKey: KEY, apiUrl: API, fetch: r.fetch, ...rec.hooks });
    await client.assets.get("a1");
    expect(rec.events).toEqual(["onRequest#1", "onResponse#1", "onResponseError#1", "onRequest#2", "onResponse#2"]);
    expect(r.seen).toHaveLength(2);
    const [, firstResponse] = rec.contexts;
    expect(firstResponse!.response!.status).toBe(503);
    expect(firstResponse!.response!._data).toEqual({ error: { message: "busy" } });
    expect(rec.contexts.at(-1)!.response!._data).toEqual({ data: ASSET });
  });

  it("should fire onRequestError for a network failure, then onResponse for the 200 that follows", async () => {
    const r = remote((_, n) => {
      if (n === 1) throw new TypeError("fetch failed");
      return Response.json({ data: ASSET });
    });
    const rec = recorder();
    const client = new Client({ apiKey: KEY, apiUrl: API, fetch: r.fetch, ...rec.hooks });
    await client.assets.get("a1");
    expect(rec.events).toEqual(["onRequest#1", "onRequestError#1", "onRequest#2", "onResponse#2"]);
    expect(rec.count("onResponseError")).toBe(0);
    expect(rec.contexts[1]!.error).toBeInstanceOf(TypeError);
    expect(rec.contexts[1]!.response).toBeUndefined();
  });

  it("should fire onRequestError, not onResponse, when a body passes maxResponseBytes", async () => {
    const r = remote(() => Response.json({ data: { ...ASSET, description: "x".repeat(2000) } }));
    const rec = recorder();
    const client = new Client({ apiKey: KEY, apiUrl: API, fetch: r.fetch, maxResponseBytes: 1000, ...rec.hooks });
    const error = await client.assets.get("a1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ArmorError).code).toBe("RESPONSE_TOO_LARGE");
    expect(rec.events).toEqual(["onRequest#1", "onRequestError#1"]);
  });

  it("should run the client's hooks before the call's, both of them, on every attempt", async () => {
    const r = remote((_, n) =>
      n === 1 ? new Response("", { status: 503, headers: { "retry-after-ms": "1" } }) : Response.json({ data: ASSET }),
    );
    const order: string[] = [];
    const client = new Client({
      apiKey: KEY,
      apiUrl: API,
      fetch: r.fetch,
      onRequest: [(c) => void order.push(`client-a#${c.attempt}`), (c) => void order.push(`client-b#${c.attempt}`)],
    });
    await client.assets.get("a1", { onRequest: (c) => void order.push(`call#${c.attempt}`) });
    expect(order).toEqual(["client-a#1", "client-b#1", "call#1", "client-a#2", "client-b#2", "call#2"]);
  });

  it("should give onRequest the full URL and headers it may add to, which are sent", async () => {
    const r = remote(() => Response.json({ data: { data: [] } }));
    let seenUrl = "";
    const client = new Client({
      apiKey: KEY,
      apiUrl: API,
      fetch: r.fetch,
      onRequest: ({ request, options }) => {
        seenUrl = request;
        options.headers.set("x-trace", "t-1");
      },
    });
    await client.assets.list({ source: "snowflake" });
    expect(seenUrl).toBe(`${API}/sdk/assets?limit=50&offset=0&source=snowflake`);
    expect(r.seen[0]!.url).toBe(seenUrl);
    expect(r.seen[0]!.headers.get("x-trace")).toBe("t-1");
  });

  it("should send the client's key even when a hook sets authorization, and never show it to hooks", async () => {
    const r = remote(() => Response.json({ data: ASSET }));
    const client = new Client({
      apiKey: KEY,
      apiUrl: API,
      fetch: r.fetch,
      onRequest: ({ options }) => {
        expect(options.headers.get("authorization")).toBeNull();
        options.headers.set("authorization", "Bearer stolen");
      },
    });
    await client.assets.get("a1");
    expect(r.seen[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  for (const [label, apiKey] of [
    ["a static key", KEY],
    ["a key function", () => Promise.resolve("tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0")],
  ] as const) {
    it(`should keep ${label} out of every hook argument, also when the server echoes it`, async () => {
      const key = typeof apiKey === "string" ? apiKey : await apiKey();
      const r = remote((_, n) =>
        n === 1
          ? Response.json(
              { error: { message: `bad ${key}`, details: { key, echo: [`Bearer ${key}`] } } },
              { status: 503, headers: { "retry-after-ms": "1", "x-request-id": `rid-${key}`, "x-echo": key } },
            )
          : n === 2
            ? Promise.reject(new TypeError(`connect failed for ${key}`))
            : Response.json({ data: { ...ASSET, description: key } }, { headers: { "x-echo": `Bearer ${key}` } }),
      );
      const rec = recorder();
      const client = new Client({ apiKey, apiUrl: API, fetch: r.fetch, maxRetries: 3, ...rec.hooks });
      await client.assets.get("a1");
      expect(rec.events).toEqual([
        "onRequest#1",
        "onResponse#1",
        "onResponseError#1",
        "onRequest#2",
        "onRequestError#2",
        "onRequest#3",
        "onResponse#3",
      ]);
      // What each hook could read: the context, its headers, the response's headers and _data, the error.
      expect(rec.contexts).toHaveLength(7);
      for (const ctx of rec.contexts) {
        const shown = [
          inspect(ctx, { depth: 10, getters: true }),
          JSON.stringify([...ctx.options.headers]),
          ctx.response ? JSON.stringify([...ctx.response.headers]) : "",
          ctx.response ? JSON.stringify(ctx.response._data) : "",
          ctx.error instanceof Error ? `${ctx.error.message} ${ctx.error.stack}` : "",
        ].join("\n");
        expect(shown).not.toContain(key);
      }
      // The key did reach the server, beneath the hooks.
      expect(r.seen.every((req) => req.headers.get("authorization") === `Bearer ${key}`)).toBe(true);
    });
  }

  it("should fail the call with HOOK_FAILED, not retried, when a hook throws", async () => {
    for (const name of ["onRequest", "onResponse", "onResponseError", "onRequestError"] as const) {
      const r = remote(() => {
        if (name === "onRequestError") throw new TypeError("fetch failed");
        return name === "onResponseError" ? new Response("", { status: 503 }) : Response.json({ data: ASSET });
      });
      const thrown = new Error(`broken ${KEY}`);
      const client = new Client({
        apiKey: KEY,
        apiUrl: API,
        fetch: r.fetch,
        [name]: () => {
          throw thrown;
        },
      });
      const error = (await client.assets.get("a1").catch((e: unknown) => e)) as ArmorError;
      expect(ArmorError.is(error), name).toBe(true);
      expect(error.code, name).toBe("HOOK_FAILED");
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(name);
      expect((error.cause as Error).message).toBe("broken [REDACTED]");
      expect(inspect(error, { depth: 5 })).not.toContain(KEY);
      expect(r.seen.length, name).toBe(name === "onRequest" ? 0 : 1);
    }
  });

  it("should refuse hooks that are not functions before sending", () => {
    expect(() => new Client({ apiKey: KEY, onRequest: "nope" as never })).toThrow(/onRequest must be a function/);
    const client = new Client({ apiKey: KEY, apiUrl: API, fetch: remote(() => Response.json({})).fetch });
    return expect(client.assets.get("a1", { onResponse: [() => {}, 1 as never] })).rejects.toThrow(
      /onResponse must be a function or an array of functions/,
    );
  });
});

describe("hook recipes (docs/hooks.md)", () => {
  it("should add a W3C traceparent to every attempt, timing each one, and the sandbox should receive it", async () => {
    const sandbox = createSandbox();
    const received: (string | null)[] = [];
    let n = 0;
    // The sandbox is the remote API; the first attempt fails in the network, like a dropped connection.
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      received.push(request.headers.get("traceparent"));
      if (++n === 1) throw new TypeError("socket hang up");
      return sandbox.handle(request);
    }) as typeof globalThis.fetch;

    // The recipe, as documented.
    const traceId = crypto.randomUUID().replaceAll("-", "");
    const started = new Map<string, number>();
    const timings: { attempt: number; ms: number; status: number | string }[] = [];
    const spanOf = (headers: Headers) => headers.get("traceparent")!.split("-")[2]!;
    const client = new Client({
      apiKey: sandbox.keys.admin,
      apiUrl: sandbox.url,
      fetch,
      onRequest: ({ options }) => {
        const spanId = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
        options.headers.set("traceparent", `00-${traceId}-${spanId}-01`);
        started.set(spanId, performance.now());
      },
      onResponse: ({ options, response, attempt }) => {
        timings.push({
          attempt,
          ms: performance.now() - started.get(spanOf(options.headers))!,
          status: response!.status,
        });
      },
      onRequestError: ({ options, attempt, error }) => {
        timings.push({ attempt, ms: performance.now() - started.get(spanOf(options.headers))!, status: String(error) });
      },
    });

    const assets = await client.assets.list();
    expect(assets).toHaveLength(18);
    expect(received).toHaveLength(2);
    for (const value of received) expect(value).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(received[0]).not.toBe(received[1]);
    expect(timings.map((t) => [t.attempt, t.status])).toEqual([
      [1, "TypeError: socket hang up"],
      [2, 200],
    ]);
    for (const t of timings) expect(t.ms).toBeGreaterThanOrEqual(0);
    expect(sandbox.requests.map((q) => q.status)).toEqual([200]);
  });

  it("should log each response's status and request id", async () => {
    const r = remote((_, n) =>
      n === 1
        ? new Response("<html>bad gateway</html>", { status: 502, headers: { "x-request-id": "req-1" } })
        : Response.json({ data: ASSET }, { headers: { "x-request-id": "req-2" } }),
    );
    const lines: string[] = [];
    const client = new Client({
      apiKey: KEY,
      apiUrl: API,
      fetch: r.fetch,
      onResponse: ({ request, options, response }) => {
        lines.push(`${options.method} ${request} ${response!.status} ${response!.headers.get("x-request-id")}`);
      },
    });
    await client.assets.get("a1");
    expect(lines).toEqual([`GET ${API}/sdk/assets/a1 502 req-1`, `GET ${API}/sdk/assets/a1 200 req-2`]);
  });

  it("should read the headers and request id of one successful call through a per-call onResponse", async () => {
    const r = remote(() =>
      Response.json({ data: ASSET }, { headers: { "x-request-id": "req-42", "x-ratelimit-remaining": "99" } }),
    );
    const client = new Client({ apiKey: KEY, apiUrl: API, fetch: r.fetch });
    let meta: { requestId: string | null; remaining: string | null } | undefined;
    const asset = await client.assets.get("a1", {
      onResponse: ({ response }) => {
        if (response!.ok)
          meta = {
            requestId: response!.headers.get("x-request-id"),
            remaining: response!.headers.get("x-ratelimit-remaining"),
          };
      },
    });
    expect(asset.qualified_name).toBe(ASSET.qualified_name);
    expect(meta).toEqual({ requestId: "req-42", remaining: "99" });
  });
});

describe("errors beside hooks", () => {
  it("should still map statuses and network failures as without hooks", async () => {
    const rec = recorder();
    const down = new Client({
      apiKey: KEY,
      apiUrl: API,
      maxRetries: 0,
      fetch: remote(() => Promise.reject(new TypeError("fetch failed"))).fetch,
      ...rec.hooks,
    });
    await expect(down.assets.get("a1")).rejects.toBeInstanceOf(ConnectionError);
    const busy = new Client({
      apiKey: KEY,
      apiUrl: API,
      maxRetries: 0,
      fetch: remote(() => new Response("<html>oops</html>", { status: 500 })).fetch,
      ...rec.hooks,
    });
    await expect(busy.assets.get("a1")).rejects.toBeInstanceOf(ServerError);
    expect(rec.events).toEqual(["onRequest#1", "onRequestError#1", "onRequest#1", "onResponse#1", "onResponseError#1"]);
  });
});

describe("an attempt given up while its onRequest hook runs", () => {
  it("should never reach the fetch after the call ended, even a fetch that ignores its signal (a write sent late)", async () => {
    const r = remote(() => Response.json({ data: { job_id: "j1", status: "pending" } }));
    let hookDone!: () => void;
    const hookFinished = new Promise<void>((resolve) => (hookDone = resolve));
    const client = new Client({
      apiKey: KEY,
      apiUrl: API,
      fetch: r.fetch,
      timeout: 50,
      maxRetries: 0,
      // Outlives the attempt's timeout; ofetch then goes on to our fetch function.
      onRequest: async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        hookDone();
      },
    });
    await expect(client.freshness.refresh("snowflake.prod.warehouse.orders")).rejects.toMatchObject({
      name: "TimeoutError",
    });
    await hookFinished;
    // Past the hook, a turn for ofetch to call the fetch function if it were going to.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.seen).toHaveLength(0);
  });
});
