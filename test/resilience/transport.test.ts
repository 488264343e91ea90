/**
 * Regression tests for transport defects the resilience suites found: each case once let a call hang,
 * let a non-`ArmorError` escape, or misclassified a failure.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client";
import type { ClientOptions } from "../../src/core/config";
import {
  AbortError,
  ArmorError,
  AuthenticationError,
  ConnectionError,
  ResponseValidationError,
  StalenessError,
  TimeoutError,
  ValidationError,
} from "../../src/core/errors";
import { recordingFetch as fetchOf } from "../helpers/recording-fetch";

const KEY = "aa_live_transport0123456789";
const API = "https://api.anomalyarmor.test/api/v1";

const make = (fetch: typeof globalThis.fetch, extra: ClientOptions = {}) =>
  new Client({ apiKey: KEY, apiUrl: API, fetch, maxRetries: 0, ...extra });
const settle = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const never = () => new Promise<Response>(() => undefined);

afterEach(() => {
  vi.useRealTimers();
});

describe("a custom fetch that ignores its signal", () => {
  it("should still time the attempt out (it once hung the call forever)", async () => {
    const r = fetchOf(never);
    const started = Date.now();
    const e = await settle(make(r.fetch, { timeout: 30, maxRetries: 1 }).assets.list());
    expect(e).toBeInstanceOf(TimeoutError);
    expect(r.seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("should still honour the caller's abort, close() and the deadline", async () => {
    const r = fetchOf(never);
    const ctrl = new AbortController();
    const client = make(r.fetch);
    const aborted = settle(client.assets.list({}, { signal: ctrl.signal }));
    const bounded = settle(client.assets.list({}, { deadline: 30 }));
    const closed = settle(client.assets.list());
    setTimeout(() => ctrl.abort(), 5);
    expect(await aborted).toBeInstanceOf(AbortError);
    expect(await bounded).toBeInstanceOf(TimeoutError);
    client.close();
    expect(await closed).toBeInstanceOf(AbortError);
  });

  it("should time out a body that never ends", async () => {
    const r = fetchOf(
      () => new Response(new ReadableStream({ pull: () => new Promise(() => undefined) }), { status: 200 }),
    );
    expect(await settle(make(r.fetch, { timeout: 30 }).assets.list())).toBeInstanceOf(TimeoutError);
  });
});

describe("key functions", () => {
  it("should wrap a key function's own failure in AuthenticationError and send nothing (it escaped untyped)", async () => {
    const r = fetchOf(() => Response.json({}));
    const e = await settle(
      make(r.fetch, {
        apiKey: () => {
          throw new RangeError("vault down");
        },
      }).assets.list(),
    );
    expect(e).toBeInstanceOf(AuthenticationError);
    expect((e as Error).cause).toBeInstanceOf(RangeError);
    expect(r.seen).toHaveLength(0);
  });

  it("should bound a key function that never settles by the deadline, the signal and close() (it hung)", async () => {
    const r = fetchOf(() => Response.json({}));
    const client = make(r.fetch, { apiKey: () => new Promise<string>(() => undefined) });
    expect(await settle(client.assets.list({}, { deadline: 20 }))).toBeInstanceOf(TimeoutError);
    expect(await settle(client.assets.list({}, { signal: AbortSignal.timeout(20) }))).toBeInstanceOf(AbortError);
    const pending = settle(client.assets.list());
    client.close();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(r.seen).toHaveLength(0);
  });
});

describe("what cannot be sent", () => {
  it("should refuse a body JSON cannot carry with ValidationError, sending nothing (a TypeError escaped)", async () => {
    const r = fetchOf(() => Response.json({ data: {} }));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const body of [{ big: 10n }, { cyclic }]) {
      const e = await settle(make(r.fetch).freshness.refresh("a", { body }));
      expect(e).toBeInstanceOf(ValidationError);
    }
    expect(r.seen).toHaveLength(0);
  });

  it.each([
    ["a negative timeout", { timeout: -1 }],
    ["a NaN timeout", { timeout: Number.NaN }],
    ["a string deadline", { deadline: "5s" }],
    ["a huge maxRetries", { maxRetries: 1e9 }],
    ["a fractional maxRetries", { maxRetries: 1.5 }],
    ["a signal that is not one", { signal: {} }],
    ["a null options object", null],
    ["header values that are not strings", { headers: { "x-n": 1 } }],
    ["a query that is not an object", { query: "a=1" }],
    ["a body that is an array", { body: [1] }],
  ])("should refuse %s in per-call options with ValidationError, sending nothing", async (_what, options) => {
    const r = fetchOf(() => Response.json({ data: { data: [] } }));
    const e = await settle(make(r.fetch).assets.list({}, options as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect(r.seen).toHaveLength(0);
  });

  it("should refuse a key outside visible ASCII at construction (it failed later as a retried ConnectionError)", () => {
    expect(() => make(fetchOf(never).fetch, { apiKey: "aa_live_ключ" })).toThrow(AuthenticationError);
  });
});

describe("timers", () => {
  it("should honour a timeout beyond the timer range instead of firing at once (setTimeout overflowed)", async () => {
    const r = fetchOf(
      (req) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(Response.json({ data: { data: [] } })), 20);
          req.signal.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(req.signal.reason);
          });
        }),
    );
    await expect(make(r.fetch, { timeout: 3e9 }).assets.list()).resolves.toEqual([]);
    await expect(make(r.fetch).assets.list({}, { deadline: 3e9 })).resolves.toEqual([]);
  });
});

describe("many concurrent calls on one client", () => {
  it("should settle every call of a closed client with AbortError and nothing else", async () => {
    const r = fetchOf(never);
    const client = make(r.fetch, { maxRetries: 2 });
    const calls = Array.from({ length: 30 }, (_, i) =>
      settle(i % 2 ? client.assets.list() : client.freshness.refresh("a")),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    client.close();
    const outcomes = await Promise.all(calls);
    expect(outcomes.every((e) => e instanceof AbortError)).toBe(true);
    expect(outcomes.every((e) => ArmorError.is(e))).toBe(true);
  });
});

describe("network failures", () => {
  it("should map a custom fetch returning something that is not a Response to ConnectionError", async () => {
    const r = fetchOf(() => undefined as unknown as Response);
    expect(await settle(make(r.fetch).assets.list())).toBeInstanceOf(ConnectionError);
  });
});

describe("found by the property tests", () => {
  it.each([
    ["an array", []],
    ["a Map", new Map()],
    ["a Date", new Date()],
  ])("should refuse %s as params instead of sending the defaults", async (_what, p) => {
    const r = fetchOf(() => Response.json({ data: { data: [] } }));
    expect(await settle(make(r.fetch).assets.list(p as never))).toBeInstanceOf(ValidationError);
    expect(r.seen).toHaveLength(0);
  });

  it("should refuse a data that is not an object even with validate: off (a resource read its fields and threw TypeError)", async () => {
    for (const data of [null, 3, "x", [1]]) {
      const r = fetchOf(() => Response.json({ data }));
      const e = await settle(
        make(r.fetch, { validate: "off" }).tags.create({ asset: "a", name: "n", object_path: "public.t" }),
      );
      expect(e).toBeInstanceOf(ResponseValidationError);
    }
  });

  it("should build a StalenessError whatever types the server sent (validate: off reached .toFixed of an array)", async () => {
    const r = fetchOf(() =>
      Response.json({
        data: {
          asset_id: "1",
          qualified_name: "a.b",
          status: "stale",
          is_stale: true,
          hours_since_update: "26",
          staleness_threshold_hours: [],
          checked_at: "2026-01-01T00:00:00Z",
        },
      }),
    );
    const e = await settle(make(r.fetch, { validate: "off" }).freshness.requireFresh("a.b"));
    expect(e).toBeInstanceOf(StalenessError);
    expect((e as Error).message).toBe("Asset 'a.b' is stale");
  });
});
