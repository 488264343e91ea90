/**
 * Adversarial: the key never leaks, whatever its shape and wherever a server (or a failing fetch, or a
 * key function) puts it. Each class of place is tried with several inputs, and with generated keys and
 * places where the space is large (fast-check).
 *
 * `npm test` runs a fixed seed and a few dozen runs per property. Longer runs:
 * `FC_RUNS=2000 FC_SEED=random npx vitest run test/resilience/key-never-leaks.test.ts`.
 */
import { format, inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import type { ClientOptions } from "../../src/core/config";
import {
  ArmorError,
  AuthenticationError,
  ConnectionError,
  JobFailedError,
  ResponseValidationError,
  StalenessError,
  ValidationError,
} from "../../src/core/errors";
import { REDACTED, redactCause, redactText, redactValue, TRUNCATED } from "../../src/core/redact";
import { pollJob } from "../../src/query";

const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED ?? 15_042);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
const API = "https://api.anomalyarmor.test/api/v1";

/** Keys of the shapes key functions hand out: none of them looks like `aa_live_…`. */
const SHAPES = [
  "sk-Zq81xPL0v2-secret-TOKEN-4471",
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZW5hbnQtNyJ9.Qm9ndXNfc2lnbmF0dXJl_-x",
  "c2VjcmV0K3Rva2VuL3dpdGg9cGFkZGluZw+/==",
  "ghp_9fK2mQ7xR4tW1vB8nC3jL6hD0sA5eY2uI",
  "0123456789abcdef0123456789abcdef",
  "tok~!$*()'-q9",
];

/** Generated keys: visible ASCII (what a header carries), long enough to be searched for. */
const keyArb = fc
  .tuple(
    fc.constantFrom("", "sk-", "Bearer-", "tok_", "x"),
    fc.string({
      unit: fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.~+/="),
      minLength: 10,
      maxLength: 48,
    }),
  )
  .map(([prefix, body]) => prefix + body);

/** Every way a user might look at a value; inspect must keep working on it. */
function exposures(value: unknown): string {
  const parts = [
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, customInspect: false }),
    format("%o %O %s", value, value, value),
    JSON.stringify(value) ?? "",
    String(value),
  ];
  if (value instanceof Error) {
    const e = value as Error & { toJSON?: () => unknown };
    parts.push(e.message, e.stack ?? "", JSON.stringify(e.toJSON?.() ?? {}));
    for (let c: unknown = e.cause, i = 0; c !== undefined && i < 40; c = (c as { cause?: unknown }).cause, i++) {
      parts.push(inspect(c, { depth: Infinity, showHidden: true }));
      if (c instanceof Error) parts.push(c.message, c.stack ?? "", String(c));
      else break;
    }
  }
  return parts.join("\n");
}

/** Whether `text` holds the key, or a piece of it long enough to matter (8 characters). */
function leaks(text: string, key: string): string | undefined {
  const n = Math.min(8, key.length);
  for (let i = 0; i + n <= key.length; i++) if (text.includes(key.slice(i, i + n))) return key.slice(i, i + n);
  return undefined;
}

function expectNoLeak(value: unknown, key: string): void {
  const shown = exposures(value);
  const piece = leaks(shown, key);
  expect(piece, `a piece of the key (${piece}) is visible in:\n${shown.slice(0, 3000)}`).toBeUndefined();
}

function client(key: string, fetch: typeof globalThis.fetch, extra: ClientOptions = {}): Client {
  // A key function, as short-lived tokens come: the SDK learns the key only when it resolves.
  return new Client({ apiKey: async () => key, apiUrl: API, fetch, maxRetries: 0, logLevel: "off", ...extra });
}

async function failure(p: Promise<unknown>): Promise<ArmorError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(ArmorError.is(e), `expected an ArmorError, got ${inspect(e)}`).toBe(true);
  return e as ArmorError;
}

/** `value` nested `depth` levels down under alternating object keys and arrays. */
function nest(value: unknown, depth: number): unknown {
  let out = value;
  for (let i = 0; i < depth; i++) out = i % 2 ? [out] : { [`level${i}`]: out };
  return out;
}

/** Where a hostile server puts the key in an error body. */
const ERROR_PLACES: Record<string, (key: string) => unknown> = {
  message: (k) => ({ error: { code: "X", message: `key ${k} refused` } }),
  code: (k) => ({ error: { code: k, message: "no" } }),
  "detail string (FastAPI)": (k) => ({ detail: `invalid ${k}` }),
  "top-level message": (k) => ({ message: `bad ${k}`, error: "x" }),
  "details, shallow": (k) => ({ error: { code: "X", message: "no", details: { sent: k } } }),
  "details, 200 levels deep": (k) => ({ error: { code: "X", message: "no", details: { deep: nest(k, 200) } } }),
  "details, record key": (k) => ({ error: { code: "X", message: "no", details: { [k]: "seen" } } }),
  "details, record key 60 levels deep": (k) => ({
    error: { code: "X", message: "no", details: { deep: nest({ [k]: 1 }, 60) } },
  }),
  "details, named credential": (k) => ({ error: { code: "X", message: "no", details: { api_key: k, token: k } } }),
};

describe("a key function's token, echoed by the server in an error", () => {
  for (const [place, body] of Object.entries(ERROR_PLACES)) {
    it(`should be redacted from ${place}, for every token shape`, async () => {
      for (const [i, key] of SHAPES.entries()) {
        const status = [400, 401, 403, 404, 409, 422, 429, 500, 503][i % 9] as number;
        const fetch = (async () =>
          Response.json(body(key), { status, headers: { "x-request-id": `req-${key}` } })) as typeof globalThis.fetch;
        const e = await failure(client(key, fetch).assets.get("a"));
        expect(e.status).toBe(status);
        expectNoLeak(e, key);
      }
    });
  }

  it("should replace details nested past the depth limit with a marker, not keep them raw", async () => {
    const key = SHAPES[0] as string;
    const fetch = (async () =>
      Response.json(ERROR_PLACES["details, 200 levels deep"]!(key), { status: 422 })) as typeof globalThis.fetch;
    const e = await failure(client(key, fetch).assets.get("a"));
    expect(JSON.stringify(e.details)).toContain(TRUNCATED);
  });

  it("should hold for generated tokens in generated places and depths (property)", async () => {
    const places = Object.values(ERROR_PLACES);
    await fc.assert(
      fc.asyncProperty(
        keyArb,
        fc.integer({ min: 0, max: places.length - 1 }),
        fc.integer({ min: 400, max: 599 }),
        async (key, place, status) => {
          const fetch = (async () => Response.json(places[place]!(key), { status })) as typeof globalThis.fetch;
          const e = await failure(client(key, fetch, { validate: "off" }).metrics.list("a"));
          expectNoLeak(e, key);
        },
      ),
      settings,
    );
  });
});

describe("a body cut to a length", () => {
  it("should never keep the head of a key that straddles the cut (error text, 2xx non-JSON)", async () => {
    for (const key of SHAPES) {
      for (const at of [480, 495, 499, 500, 1990, 1999, 2000]) {
        const text = `${"x".repeat(at - Math.floor(key.length / 2))}${key} and more ${"y".repeat(300)}`;
        for (const status of [200, 400, 502]) {
          const fetch = (async () => new Response(text, { status })) as typeof globalThis.fetch;
          const e = await failure(client(key, fetch).assets.get("a"));
          expectNoLeak(e, key);
        }
      }
    }
  });

  it("should hold at every cut position for generated keys (property)", async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, fc.integer({ min: 0, max: 2100 }), async (key, at) => {
        const text = `${"z".repeat(at)}${key}${"z".repeat(10)}`;
        const fetch = (async () => new Response(text, { status: at % 2 ? 200 : 418 })) as typeof globalThis.fetch;
        expectNoLeak(await failure(client(key, fetch).assets.get("a")), key);
      }),
      settings,
    );
  });
});

describe("a key echoed as a record key of a 2xx body", () => {
  it("should reach neither issue paths nor messages of the ResponseValidationError", async () => {
    for (const key of SHAPES) {
      const fetch = (async () =>
        Response.json({
          data: {
            lookback_hours: 1,
            alerts_would_match: 1,
            recommendation: "r",
            alerts_by_type: { [key]: "not a number" },
            alerts_by_severity: { [`x-${key}-y`]: [key] },
          },
        })) as typeof globalThis.fetch;
      const e = await failure(client(key, fetch).alerts.preview());
      expect(e).toBeInstanceOf(ResponseValidationError);
      const issues = (e as ResponseValidationError).issues;
      expect(issues.some((i) => i.path.includes(REDACTED))).toBe(true);
      expectNoLeak(e, key);
    }
  });
});

/** Causes a failing fetch (or key function) may throw, each hiding the key somewhere else. */
const CAUSES: Record<string, (key: string) => unknown> = {
  "a TypeError with a cause chain": (k) =>
    new TypeError("fetch failed", { cause: new Error("socket", { cause: new Error(`sent ${k}`) }) }),
  "an AggregateError (Happy Eyeballs)": (k) =>
    new AggregateError([new Error(`connect ${k} ECONNREFUSED ::1`), { note: k }], "all attempts failed"),
  "a DOMException": (k) => new DOMException(`aborted while sending ${k}`, "NetworkError"),
  "an error with own fields": (k) =>
    Object.assign(new Error("request failed"), {
      code: `E_${k}`,
      config: { headers: { Authorization: `Bearer ${k}` }, url: `https://x.test/?api_key=${k}` },
      response: { data: { echoed: [k] } },
    }),
  "a non-enumerable own field": (k) => {
    const e = new Error("hidden");
    Object.defineProperty(e, "request", { value: { token: k }, enumerable: false });
    return e;
  },
  "a cause chain 50 deep": (k) => {
    let e = new Error(`bottom ${k}`);
    for (let i = 0; i < 50; i++) e = new Error(`level ${i}`, { cause: e });
    return e;
  },
  "a cause that is its own cause": (k) => {
    const e = new Error(`loop ${k}`);
    (e as { cause?: unknown }).cause = e;
    return e;
  },
  "a fetch wrapper's error holding a Request, Headers, a Response, a Map and a URL": (k) =>
    Object.assign(new Error("[GET] https://x.test/a: <no response> fetch failed"), {
      name: "FetchError",
      request: new Request("https://x.test/a", { headers: { authorization: `Bearer ${k}` } }),
      options: { headers: new Headers({ authorization: `Bearer ${k}`, "x-api-key": k }) },
      response: new Response(k, { headers: { "x-echo": k } }),
      seen: new Map([[k, { k }]]),
      url: new URL(`https://x.test/?k=${encodeURIComponent(k)}`),
    }),
  "a thrown string": (k) => `failed: ${k}`,
  "a thrown plain object": (k) => ({ message: k, nested: { [k]: k } }),
  "an error whose getter throws": (k) => {
    const e = new Error(`getter ${k}`);
    Object.defineProperty(e, "boom", {
      get() {
        throw new Error(k);
      },
      enumerable: true,
    });
    return e;
  },
};

describe("causes of every kind", () => {
  for (const [kind, make] of Object.entries(CAUSES)) {
    it(`should be redacted when fetch throws ${kind}, and inspect still works`, async () => {
      for (const key of SHAPES.slice(0, 3)) {
        const fetch = (async () => {
          throw make(key);
        }) as typeof globalThis.fetch;
        const e = await failure(client(key, fetch).assets.get("a"));
        expect(e).toBeInstanceOf(ConnectionError);
        expect(typeof e.cause).toBe(typeof make(key));
        expectNoLeak(e, key);
      }
    });

    it(`should be redacted when the key function throws ${kind}`, async () => {
      const key = SHAPES[1] as string;
      let calls = 0;
      const ok = (async () => Response.json({ data: { data: [] } })) as typeof globalThis.fetch;
      const c = new Client({
        apiKey: async () => {
          if (++calls > 1) throw make(key);
          return key;
        },
        apiUrl: API,
        fetch: ok,
        maxRetries: 0,
      });
      await c.assets.list();
      const e = await failure(c.assets.list());
      expect(e).toBeInstanceOf(AuthenticationError);
      expectNoLeak(e, key);
    });
  }

  it("should keep what the causes say apart from the key (AggregateError.errors, DOMException name)", () => {
    const key = SHAPES[0] as string;
    const agg = redactCause(CAUSES["an AggregateError (Happy Eyeballs)"]!(key), key) as AggregateError;
    expect(agg).toBeInstanceOf(AggregateError);
    expect(agg.errors).toHaveLength(2);
    expect((agg.errors[0] as Error).message).toBe(`connect ${REDACTED} ECONNREFUSED ::1`);
    const dom = redactCause(CAUSES["a DOMException"]!(key), key) as DOMException;
    expect(dom).toBeInstanceOf(DOMException);
    expect(dom.name).toBe("NetworkError");
    expect(dom.message).toBe(`aborted while sending ${REDACTED}`);
    const own = redactCause(CAUSES["an error with own fields"]!(key), key) as Error & Record<string, unknown>;
    expect(own.code).toBe(`E_${REDACTED}`);
    expect((own.response as { data: { echoed: string[] } }).data.echoed).toEqual([REDACTED]);
    // A reason with nothing to hide keeps its identity (a caller compares its own abort reason).
    const reason = new DOMException("stop", "AbortError");
    expect(redactCause(reason, key)).toBe(reason);
  });
});

describe("typed payloads carried by errors", () => {
  it("should redact a failed job's fields and message, for a key function's token (pollJob)", async () => {
    for (const key of SHAPES) {
      const fetch = (async () =>
        Response.json({
          data: {
            job_id: "j1",
            status: "failed",
            error: `warehouse refused ${key}`,
            workflow_name: key,
            result: { deep: nest(key, 40), [key]: 1 },
          },
        })) as typeof globalThis.fetch;
      const e = await failure(pollJob(client(key, fetch), "j1", { intervalMs: 1 }));
      expect(e).toBeInstanceOf(JobFailedError);
      expect(e.message).toBe(`Job j1 ended failed: warehouse refused ${REDACTED}`);
      expectNoLeak(e, key);
    }
  });

  it("should redact the freshness status a StalenessError carries", async () => {
    for (const key of SHAPES) {
      const fetch = (async () =>
        Response.json({
          data: {
            asset_id: "a",
            qualified_name: `db.${key}`,
            status: "stale",
            is_stale: true,
            hours_since_update: 40,
            checked_at: "2026-01-01T00:00:00Z",
            extra: { [key]: [key] },
          },
        })) as typeof globalThis.fetch;
      const e = await failure(client(key, fetch).freshness.requireFresh("a"));
      expect(e).toBeInstanceOf(StalenessError);
      expect((e as StalenessError).freshness).toMatchObject({ qualified_name: `db.${REDACTED}` });
      expectNoLeak(e, key);
    }
  });

  it("should redact errors built by user code too, once the SDK has seen the key", async () => {
    const key = SHAPES[4] as string;
    await client(key, (async () => Response.json({ data: { data: [] } })) as typeof globalThis.fetch).assets.list();
    for (const e of [
      new JobFailedError({ job_id: key, status: "error", error: key, extra: [key] }),
      new StalenessError({ asset: key, freshness: { note: key } }),
      new ValidationError(`bad ${key}`, { issues: [{ path: `a.${key}`, message: key }], details: { [key]: key } }),
      new ResponseValidationError(key, { issues: [{ path: key, message: key }], body: { k: key } }),
      new ArmorError(key, { code: key, requestId: key, cause: new Error(key) }),
    ])
      expectNoLeak(e, key);
  });

  it("should build a JobFailedError from whatever a server with validation off sent", () => {
    for (const job of [null, 7, "x", { status: { nested: true } }, { job_id: Symbol("s") }, { error: 12 }]) {
      const e = new JobFailedError(job as never);
      expect(e.message).toMatch(/^Job .* ended /);
      expect(() => inspect(e)).not.toThrow();
    }
  });
});

describe("redactValue", () => {
  it("should bound cycles and depth with a marker and leave untouched values as they were", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ a: 1, self: TRUNCATED });
    const plain = { a: [1, { b: "c" }] };
    expect(redactValue(plain)).toBe(plain);
    const deep = redactValue(nest("x", 100));
    expect(JSON.stringify(deep)).toContain(TRUNCATED);
    const proto = redactValue(JSON.parse('{"__proto__": {"polluted": "aa_live_abcdefgh"}}') as object);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(JSON.stringify(proto)).toBe(`{"__proto__":{"polluted":"${REDACTED}"}}`);
  });
});
