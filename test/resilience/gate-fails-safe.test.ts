/**
 * Adversarial: the freshness gate fails safe. Whatever the asset names (any Unicode, outside the BMP,
 * lone surrogates, quotes, separators), its header values are valid; a shared cache that hangs, throws
 * or hands back a malformed entry costs an upstream check and nothing else; a status that does not fit
 * the model is never "fresh", whether it came from the cache or from a reader with validation off.
 *
 * `npm test` runs a fixed seed. Longer runs:
 * `FC_RUNS=2000 FC_SEED=random npx vitest run test/resilience/gate-fails-safe.test.ts`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CacheApiLike, CachedFreshness, FreshnessCache } from "../../src/adapters/cache";
import { createFreshnessGate, withFreshnessGate, type FreshnessGateOptions } from "../../src/adapters/freshness-gate";
import { Client } from "../../src/client";
import type { ClientOptions } from "../../src/core/config";

const RUNS = Number(process.env.FC_RUNS ?? 40);
const SEED = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED ?? 15_043);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
const API = "https://api.anomalyarmor.test/api/v1";
const NOW = Date.parse("2026-01-01T03:00:00Z");

/** A FreshnessStatus body as the API sends it. */
function status(asset: string, hours: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    asset_id: "3f0c8a52-9d4e-4b6a-8f11-2a7c5e9d0b13",
    qualified_name: asset,
    status: hours > 24 ? "stale" : "fresh",
    last_update_time: "2026-01-01T00:00:00Z",
    staleness_threshold_hours: 24,
    hours_since_update: hours,
    is_stale: hours > 24,
    checked_at: "2026-01-01T02:30:00Z",
    ...extra,
  };
}

/** The remote API: answers each asset's status from `answer`, counting the calls. */
function api(answer: (asset: string) => Response, options: ClientOptions = {}) {
  let calls = 0;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls++;
    const url = new Request(input, init).url;
    return answer(decodeURIComponent(url.slice(url.lastIndexOf("/") + 1)));
  }) as typeof globalThis.fetch;
  const client = new Client({ apiKey: "aa_live_gate0123456789", apiUrl: API, fetch, maxRetries: 0, ...options });
  return { client, calls: () => calls };
}

const handler = () => new Response("report", { status: 200 });
const request = () => new Request("https://edge.example/reports");

/** Every value the gate put in X-Armor-Freshness must survive a strict header setter and be ASCII. */
function expectValidHeader(value: string | null): string {
  expect(typeof value).toBe("string");
  expect(value).toMatch(/^[\x20-\x7e]*$/);
  expect(() => new Headers({ "x-armor-freshness": value as string })).not.toThrow();
  return value as string;
}

/** The asset parameter of a header value, decoded back to text. */
function assetOf(header: string): string {
  const m = /asset=("(?:[^"\\]|\\.)*"|[^;,]*)/.exec(header);
  const raw = m?.[1] ?? "";
  const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
  return decodeURIComponent(unquoted);
}

const hostileChar = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('"', "\\", "%", ";", ",", "=", "\r", "\n", "\0", "\u007f", "\u0085", "\u2028", "é", "😀", "𝔘"),
);
const hostileName = fc.string({ unit: hostileChar, minLength: 1, maxLength: 24 });

/** Well-formed text, lone surrogates replaced, as UTF-8 can carry it. */
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

describe("the gate's header values", () => {
  const named = [
    "snowflake.prod.warehouse.orders",
    "données.été.commandes",
    "分析.订单",
    "emoji.😀.orders",
    "math.𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "lone.\ud83d.high",
    "lone.\ude00.low",
    'quote".and\\backslash',
    "percent%41.literal",
    "crlf\r\nX-Injected: 1",
    "nul\u0000and\u007fdel",
  ];

  for (const verdict of ["fresh", "stale", "unknown"] as const) {
    it(`should be valid and round-trip every name when the asset is ${verdict}`, async () => {
      const remote = api((asset) =>
        verdict === "unknown"
          ? Response.json({ error: { code: "ÜNAVAILABLE_😀\ud800", message: "down" } }, { status: 500 })
          : Response.json({ data: status(asset, verdict === "fresh" ? 1 : 99) }),
      );
      for (const asset of named) {
        const gated = withFreshnessGate(handler, { client: remote.client, assets: asset, now: () => NOW });
        const res = await gated(request());
        // An id that is not well-formed Unicode is refused before sending: unverified, served (onError "open").
        const expected = wellFormed(asset) === asset ? verdict : "unknown";
        expect(res.status).toBe(expected === "stale" ? 503 : 200);
        const header = expectValidHeader(res.headers.get("x-armor-freshness"));
        expect(header.startsWith(expected)).toBe(true);
        expect(assetOf(header)).toBe(wellFormed(asset));
        if (res.status === 503) expect((await res.json()) as { asset: string }).toHaveProperty("asset", asset);
      }
    });
  }

  it("should hold for generated names, several assets per gate, in every mode (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileName, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("all", "any"),
        fc.integer({ min: 0, max: 60 }),
        async (assets, mode, hours) => {
          const remote = api((asset) => Response.json({ data: status(asset, hours) }));
          const gate = createFreshnessGate({ client: remote.client, assets, mode, now: () => NOW });
          const decision = await gate.check(request());
          const header = expectValidHeader(decision.header ?? null);
          expect(decision.assets.map((a) => a.asset)).toEqual(assets);
          const res = gate.reject(decision) ?? (await gate.wrap(handler)(request()));
          expectValidHeader(res.headers.get("x-armor-freshness"));
          expect(header.split(", ").length).toBeGreaterThanOrEqual(assets.length);
        },
      ),
      settings,
    );
  });
});

/** A shared cache whose methods do what `behave` says, recording calls. */
function store(get: FreshnessCache["get"], put: FreshnessCache["put"] = () => undefined) {
  const calls = { get: 0, put: 0 };
  const cache: FreshnessCache = {
    get: (key) => (calls.get++, get(key)),
    put: (key, value, ttl) => (calls.put++, put(key, value, ttl)),
  };
  return { cache, calls };
}

const never = () => new Promise<never>(() => {});

describe("a shared cache that misbehaves", () => {
  const behaviours: Record<string, () => ReturnType<typeof store>> = {
    "get never settles": () => store(never),
    "get throws": () =>
      store(() => {
        throw new Error("store down");
      }),
    "get rejects": () => store(() => Promise.reject(new Error("store down"))),
    "put never settles": () => store(() => undefined, never),
    "put throws": () =>
      store(
        () => undefined,
        () => {
          throw new Error("read-only");
        },
      ),
    "put rejects": () =>
      store(
        () => undefined,
        () => Promise.reject(new Error("quota")),
      ),
    "both never settle": () => store(never, never),
  };

  for (const [what, build] of Object.entries(behaviours)) {
    it(`should be bounded by timeoutMs and read as a miss when ${what}`, async () => {
      for (const hours of [1, 99]) {
        const { cache, calls } = build();
        const remote = api((asset) => Response.json({ data: status(asset, hours) }));
        const pending: Promise<unknown>[] = [];
        const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p) };
        const gate = createFreshnessGate({
          client: remote.client,
          assets: "a.b",
          cache,
          timeoutMs: 40,
          now: () => NOW,
        });
        const started = Date.now();
        const decision = await gate.check(request(), undefined, ctx);
        expect(decision.state).toBe(hours === 1 ? "fresh" : "stale");
        expect(remote.calls()).toBe(1);
        expect(calls.get).toBe(1);
        // Whatever the store does with the write, it settles within the bound too.
        await Promise.all(pending);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(calls.put).toBe(1);
      }
    });
  }

  it("should bound a web Cache whose match hangs, or whose stored body never ends or is not JSON", async () => {
    const stalled = new ReadableStream({ pull: never });
    const caches: CacheApiLike[] = [
      { match: never, put: never },
      { match: async () => new Response(stalled), put: async () => undefined },
      { match: async () => new Response("{not json"), put: async () => undefined },
      { match: async () => new Response('{"status":{"is_fresh":true},"checkedAt":1}'), put: async () => undefined },
    ];
    for (const cache of caches) {
      const remote = api((asset) => Response.json({ data: status(asset, 99) }));
      const gate = createFreshnessGate({ client: remote.client, assets: "a.b", cache, timeoutMs: 40, now: () => NOW });
      expect((await gate.check(request())).state).toBe("stale");
      expect(remote.calls()).toBe(1);
    }
  });
});

describe("a cached entry", () => {
  /** The truth upstream is stale; a malformed cached entry must never turn that into fresh. */
  const truthIsStale = () => api((asset) => Response.json({ data: status(asset, 99) }));

  const malformed: Record<string, (asset: string) => unknown> = {
    "an empty status": () => ({ status: {}, checkedAt: NOW }),
    "is_fresh without the model's fields": () => ({
      status: { is_fresh: true, hours_since_update: 0 },
      checkedAt: NOW,
    }),
    "is_stale as a string": (a) => ({ status: status(a, 1, { is_stale: "false" }), checkedAt: NOW }),
    "hours as a string": (a) => ({ status: status(a, 1, { hours_since_update: "1" }), checkedAt: NOW }),
    "a missing qualified_name": (a) => {
      const s = status(a, 1);
      delete s.qualified_name;
      return { status: s, checkedAt: NOW };
    },
    "a status that is an array": (a) => ({ status: [status(a, 1)], checkedAt: NOW }),
    "checkedAt as a string": (a) => ({ status: status(a, 1), checkedAt: String(NOW) }),
    "checkedAt NaN": (a) => ({ status: status(a, 1), checkedAt: Number.NaN }),
    "checkedAt in the future": (a) => ({ status: status(a, 1), checkedAt: NOW + 60_000 }),
    "checkedAt older than the TTL": (a) => ({ status: status(a, 1), checkedAt: NOW - 3_600_000 }),
    null: () => null,
    "a string": () => "fresh",
  };

  for (const [what, entry] of Object.entries(malformed)) {
    it(`should be a miss, never fresh, when it holds ${what}`, async () => {
      const remote = truthIsStale();
      const { cache } = store((key) => entry(JSON.parse(key)[1] as string) as CachedFreshness);
      const gate = createFreshnessGate({ client: remote.client, assets: "a.b", cache, now: () => NOW });
      const decision = await gate.check(request());
      expect(decision.state).toBe("stale");
      expect(remote.calls()).toBe(1);
    });
  }

  it("should be used, with the model's aliases filled, when it is well-formed and within the TTL", async () => {
    const remote = truthIsStale();
    const { cache } = store(() => ({ status: status("a.b", 2) as never, checkedAt: NOW - 1_000 }));
    const decision = await createFreshnessGate({ client: remote.client, assets: "a.b", cache, now: () => NOW }).check(
      request(),
    );
    expect(decision.state).toBe("fresh");
    expect(decision.assets[0]?.freshness).toMatchObject({ last_updated: "2026-01-01T00:00:00Z", is_fresh: true });
    expect(remote.calls()).toBe(0);
  });

  it("should never be fresh when one required field of a fresh status is corrupted (property)", async () => {
    const fields = Object.keys(status("a.b", 1)).filter(
      (k) => !["last_update_time", "staleness_threshold_hours", "hours_since_update"].includes(k),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.object(), fc.array(fc.string())),
        async (field, value) => {
          const s = status("a.b", 1);
          if (value === undefined) delete s[field];
          else s[field] = value;
          if (field === "status" && typeof value === "string") return;
          const remote = truthIsStale();
          const { cache } = store(() => ({ status: s as never, checkedAt: NOW }));
          const gate = createFreshnessGate({ client: remote.client, assets: "a.b", cache, now: () => NOW });
          expect((await gate.check(request())).state).toBe("stale");
        },
      ),
      settings,
    );
  });
});

describe("a live status that does not fit the model", () => {
  it("should be unverified (onError decides), never fresh, even from a client with validation off", async () => {
    for (const body of [{}, { status: "fresh" }, { is_stale: false }, { ...status("a.b", 1), is_stale: "no" }, []]) {
      for (const onError of ["open", "closed"] as const) {
        const remote = api(() => Response.json({ data: body }), { validate: "off" });
        const options: FreshnessGateOptions = { client: remote.client, assets: "a.b", onError, now: () => NOW };
        const decision = await createFreshnessGate(options).check(request());
        expect(decision.state).toBe("unknown");
        expect(decision.allow).toBe(onError === "open");
        expectValidHeader(decision.header ?? null);
      }
    }
  });
});
