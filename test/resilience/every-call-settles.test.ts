/**
 * "Every call settles, typed", tried as a hostile caller would, over every method of the client:
 *
 * 1. extra query and body values JSON cannot carry exactly (null-prototype objects, symbols, functions,
 *    BigInt, cycles, getters that throw, Proxies, invalid Dates, sparse arrays, `NaN`/`Infinity`…), and
 *    params or options objects that cannot be read, fail with `ValidationError` before any request;
 * 2. a custom `fetch` whose result is not a Response (or whose body cannot be read) ends with an
 *    `ArmorError`, bounded by the attempt timeout, never a `TypeError`;
 * 3. a key function that hangs, throws or returns something that is not a key ends typed, bounded by
 *    the attempt timeout with no deadline, and no message holds the key;
 * 4. server text is redacted before it is cut, so a key straddling the cut leaves nothing behind.
 *
 * `FC_RUNS` / `FC_SEED` lengthen or replay the property runs, as in properties.test.ts.
 */
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import type { ClientOptions } from "../../src/core/config";
import {
  ArmorError,
  AuthenticationError,
  ConnectionError,
  createApiError,
  ResponseValidationError,
  TimeoutError,
  ValidationError,
} from "../../src/core/errors";
import { redactClip, rememberSecret } from "../../src/core/redact";
import { everyMethod } from "../integration/every-method";
import { allNames, idNames, METHODS, type Field, type MethodSpec, type Ty } from "./wire-spec";

const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED ?? 20_261_207);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
const API = "https://api.anomalyarmor.test/api/v1";
const KEY = "aa_live_everycallsettles0123456789";

// ---- calling every method -------------------------------------------------------------------------

const SPECS = new Map<string, MethodSpec>(
  METHODS.flatMap((s) => (s.twin ? [[s.name, s] as const, [s.twin, s] as const] : [[s.name, s] as const])),
);

/** One valid value of each field type. */
function sample(ty: Ty): unknown {
  if (typeof ty === "string") {
    const fixed: Record<string, unknown> = {
      str: "x",
      text: "x",
      bool: true,
      obj: { a: 1 },
      uuid: "3f0c8a52-9d4e-4b6a-8f11-2a7c5e9d0b13",
      iso: "2026-01-01T00:00:00.000Z",
      interval: "1h",
      question: "what changed?",
    };
    return fixed[ty];
  }
  if ("int" in ty) return ty.int[0];
  if ("num" in ty) return ty.gt ? ty.num[0] + Math.min(1, (ty.num[1] - ty.num[0]) / 2) : ty.num[0];
  if ("enum" in ty) return ty.enum[0];
  return [sample(ty.list)];
}

const fieldsOf = (spec: MethodSpec): Field[] => [
  ...(spec.query ?? []),
  ...(Array.isArray(spec.body) ? spec.body : []),
  ...(spec.local ?? []),
];

/** Params holding every required field, or `undefined` for a method that takes none. */
function minimal(spec: MethodSpec): Record<string, unknown> | undefined {
  if (!spec.takesParams) return undefined;
  return Object.fromEntries(fieldsOf(spec).flatMap((f) => (f.mode === "req" ? [[f.name, sample(f.ty)]] : [])));
}

/** A client over a fetch that counts what reaches it and answers `reply`. */
function counting(reply: () => unknown = () => new Response(null, { status: 204 }), extra: ClientOptions = {}) {
  const seen: { method: string; body: string; injected: boolean }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push({ method: req.method, body: await req.text(), injected: req.headers.has("x-injected") });
    return reply();
  }) as typeof globalThis.fetch;
  const client = new Client({ apiKey: KEY, apiUrl: API, fetch, maxRetries: 0, logLevel: "off", ...extra });
  return { client, seen };
}

/** Calls `name` (an iterate twin is read to its first item) with `p` and `options`; never throws. */
async function invoke(client: Client, name: string, p: unknown, options?: unknown): Promise<{ error?: unknown }> {
  const spec = SPECS.get(name) as MethodSpec;
  const [resource, method] = name.split(".") as [string, string];
  const target = (client as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[resource]!;
  const ids = idNames(spec).map((_, i) => `id-${i + 1}`);
  const args = [...ids, ...(spec.takesParams ? [p] : []), options];
  try {
    if (name === spec.twin) {
      const it = target[method]!.apply(target, args) as AsyncGenerator<unknown>;
      try {
        await it.next();
      } finally {
        await it.return(undefined);
      }
    } else await target[method]!.apply(target, args);
    return {};
  } catch (error) {
    return { error };
  }
}

/** A ValidationError made by the SDK before sending (no status), as a plain check that can fail. */
const refusedBeforeSending = (e: unknown) =>
  ArmorError.is(e) && (e as Error).name === "ValidationError" && (e as ArmorError).status === undefined;

// ---- hostile values ---------------------------------------------------------------------------------

function cyclic(): unknown {
  const o: Record<string, unknown> = { a: 1 };
  o.self = { back: o };
  return o;
}
function throwingGetter(name = "x"): unknown {
  return Object.defineProperty({}, name, {
    enumerable: true,
    get() {
      throw new Error(`getter read ${KEY}`);
    },
  });
}
/** A Proxy over a non-empty object whose `trap` throws. */
function trapped(trap: "get" | "ownKeys"): unknown {
  return new Proxy(
    { a: 1 },
    {
      [trap]: () => {
        throw new Error("trap");
      },
    },
  );
}
function revoked(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
function nested(depth: number): unknown {
  let o: unknown = 1;
  for (let i = 0; i < depth; i++) o = { o };
  return o;
}

/** Values that no JSON body can carry exactly, each built fresh. */
const HOSTILE_BODY_VALUES: [string, () => unknown][] = [
  ["a null-prototype object", () => Object.assign(Object.create(null) as object, { a: 1 })],
  ["an empty null-prototype object", () => Object.create(null) as unknown],
  ["a symbol", () => Symbol("s")],
  ["a function", () => () => 1],
  ["a BigInt", () => 10n],
  ["a cyclic object", cyclic],
  ["a getter that throws", throwingGetter],
  ["a Proxy whose get trap throws", () => trapped("get")],
  ["a Proxy whose ownKeys trap throws", () => trapped("ownKeys")],
  ["a revoked Proxy", revoked],
  ["an invalid Date", () => new Date(Number.NaN)],
  ["a sparse array", () => [1, , 3]],
  ["an array holding undefined", () => [1, undefined]],
  ["NaN", () => Number.NaN],
  ["Infinity", () => Number.POSITIVE_INFINITY],
  ["-Infinity", () => Number.NEGATIVE_INFINITY],
  ["an object with a symbol key", () => ({ [Symbol("k")]: 1 })],
  ["an object with toJSON", () => ({ toJSON: () => "swapped" })],
  ["a boxed string", () => new String("x")],
  ["a Map", () => new Map([["a", 1]])],
  [
    "a class instance",
    () =>
      new (class Point {
        x = 1;
      })(),
  ],
  ["an object that only claims Date's prototype", () => Object.create(Date.prototype) as unknown],
  ["nesting 40 levels deep", () => nested(40)],
  ["nesting 100,000 levels deep", () => nested(100_000)],
  // Before the value bound, the first held the call for minutes while the copy walked 2^31 items, and
  // the second was copied and sent whole.
  ["an array Proxy claiming 2^31 items", () => new Proxy([], { get: (_, k) => (k === "length" ? 2 ** 31 : 0) })],
  ["an array of 1,000,001 items", () => new Array<number>(1_000_001).fill(0)],
];

/** Query values the wire cannot carry (the query is strings, finite numbers and booleans). */
const HOSTILE_QUERY_VALUES: [string, () => unknown][] = [
  ["a null-prototype object", () => Object.create(null) as unknown],
  ["a symbol", () => Symbol("s")],
  ["a function", () => () => 1],
  ["a BigInt", () => 10n],
  ["NaN", () => Number.NaN],
  ["Infinity", () => Number.POSITIVE_INFINITY],
  ["a Date", () => new Date()],
  ["an invalid Date", () => new Date(Number.NaN)],
  ["an array", () => ["a", "b"]],
  ["a plain object", () => ({ a: 1 })],
  ["a Proxy", () => new Proxy({}, {})],
];

/** Containers (params, and the options' query and body) that cannot be read or are not plain. */
const HOSTILE_CONTAINERS: [string, () => unknown][] = [
  ["a getter that throws", () => throwingGetter()],
  ["a Proxy whose ownKeys trap throws", () => trapped("ownKeys")],
  ["a Proxy whose get trap throws", () => trapped("get")],
  ["a revoked Proxy", revoked],
];

/** Bodies and params that are objects but not plain data (a query's keys are read as entries). */
const NOT_PLAIN: [string, () => unknown][] = [
  [
    "a null-prototype object with a symbol key",
    () => Object.assign(Object.create(null) as object, { [Symbol("k")]: 1 }),
  ],
  ["a plain object with a symbol key", () => ({ [Symbol("k")]: 1 })],
];

/** Options objects whose options cannot be read (only the options a call reads are read). */
const HOSTILE_OPTIONS: [string, () => unknown][] = [
  ["a getter that throws", () => throwingGetter("timeout")],
  ["a Proxy whose get trap throws", () => trapped("get")],
  ["a revoked Proxy", revoked],
];

const NAMES = allNames();

describe("every method: hostile extra body and query values", () => {
  it("should sweep every method of the client", () => {
    expect(NAMES).toEqual(everyMethod(new Client({ apiKey: KEY, apiUrl: API })));
    expect(NAMES).toHaveLength(111);
  });

  // audit: NAMES is the wire spec's table, its size checked in the test above
  for (const name of NAMES) {
    const base = minimal(SPECS.get(name) as MethodSpec);
    it(`${name}: each value fails with ValidationError and nothing is sent`, async () => {
      const { client, seen } = counting();
      for (const [what, make] of HOSTILE_BODY_VALUES) {
        for (const body of [{ extra: make() }, { outer: [{ inner: make() }] }]) {
          const { error } = await invoke(client, name, base, { body });
          expect(refusedBeforeSending(error), `body ${what}: ${String(error)}`).toBe(true);
        }
      }
      for (const [what, make] of HOSTILE_QUERY_VALUES) {
        const { error } = await invoke(client, name, base, { query: { extra: make() } });
        expect(refusedBeforeSending(error), `query ${what}: ${String(error)}`).toBe(true);
      }
      for (const [what, make] of HOSTILE_CONTAINERS) {
        for (const options of [{ body: make() }, { query: make() }]) {
          const { error } = await invoke(client, name, base, options);
          expect(refusedBeforeSending(error), `container ${what}: ${String(error)}`).toBe(true);
        }
        if (SPECS.get(name)?.takesParams) {
          const { error } = await invoke(client, name, make());
          expect(refusedBeforeSending(error), `params ${what}: ${String(error)}`).toBe(true);
        }
      }
      for (const [what, make] of NOT_PLAIN) {
        const { error } = await invoke(client, name, base, { body: make() });
        expect(refusedBeforeSending(error), `body ${what}: ${String(error)}`).toBe(true);
        if (SPECS.get(name)?.takesParams) {
          const { error } = await invoke(client, name, make());
          expect(refusedBeforeSending(error), `params ${what}: ${String(error)}`).toBe(true);
        }
      }
      for (const [what, make] of HOSTILE_OPTIONS) {
        const { error } = await invoke(client, name, base, make());
        expect(refusedBeforeSending(error), `options ${what}: ${String(error)}`).toBe(true);
      }
      expect(seen).toHaveLength(0);
    });
  }

  it("should still send extra fields that are JSON data, exactly as JSON carries them", async () => {
    // The control: the refusals above are not a refusal of everything.
    const when = new Date("2026-01-02T03:04:05.000Z");
    const { client, seen } = counting(() => Response.json({ data: {} }));
    const own = JSON.parse('{"__proto__": {"polluted": true}, "kept": 1}') as object;
    await invoke(client, "freshness.refresh", undefined, {
      body: { n: 1.5, s: "é", b: false, z: null, skip: undefined, list: [1, "a", [null]], when, own },
      query: { q: "a b", n: 2, t: true, e: null, gone: undefined },
    });
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]!.body)).toEqual({
      n: 1.5,
      s: "é",
      b: false,
      z: null,
      list: [1, "a", [null]],
      when: when.toISOString(),
      own: JSON.parse('{"__proto__": {"polluted": true}, "kept": 1}'),
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("property: any JSON value travels unchanged, and one hostile value anywhere in it is refused", async () => {
    const hostile = fc.constantFrom(...HOSTILE_BODY_VALUES.filter(([w]) => !w.startsWith("nesting")).map(([, m]) => m));
    const json = fc.jsonValue({ maxDepth: 4 });
    /** Puts `bad` somewhere inside `value` (a leaf replaced, or a field or item added). */
    const plant = (value: unknown, bad: unknown, path: number[]): unknown => {
      if (Array.isArray(value) && value.length) {
        const i = (path[0] ?? 0) % value.length;
        const copy = [...value];
        copy[i] = plant(value[i], bad, path.slice(1));
        return copy;
      }
      if (value !== null && typeof value === "object" && Object.keys(value).length) {
        const keys = Object.keys(value);
        const k = keys[(path[0] ?? 0) % keys.length]!;
        return { ...value, [k]: plant((value as Record<string, unknown>)[k], bad, path.slice(1)) };
      }
      return bad;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 4 }),
        hostile,
        fc.array(fc.nat(), { maxLength: 6 }),
        async (generated, make, path) => {
          // Plain objects only (fast-check also makes null-prototype ones, which are refused by design).
          const body = JSON.parse(JSON.stringify(generated)) as Record<string, unknown>;
          const { client, seen } = counting(() => Response.json({ data: {} }));
          await invoke(client, "assets.testConnection", undefined, { body });
          expect(seen).toHaveLength(1);
          expect(JSON.parse(seen[0]!.body)).toEqual(JSON.parse(JSON.stringify(body)));
          const bad = plant({ wrap: body }, make(), path) as Record<string, unknown>;
          const { error } = await invoke(client, "assets.testConnection", undefined, { body: bad });
          expect(refusedBeforeSending(error), String(error)).toBe(true);
          expect(seen).toHaveLength(1);
        },
      ),
      params,
    );
  });

  it("should name the field that failed and why: a throwing getter at its own path, a body past the value bound", async () => {
    const { client, seen } = counting();
    const cases: [unknown, string, string][] = [
      [{ a: 1, b: throwingGetter("c") }, "body.b.c", "body.b.c could not be read"],
      [{ list: [1, 2, throwingGetter("x")] }, "body.list.2.x", "body.list.2.x could not be read"],
      [{ ok: 1, big: new Array<number>(1_000_000).fill(0) }, "body.big", "body.big holds more than 1000000 values"],
      [{ list: [1, , 3] }, "body.list.1", "body.list.1 is not JSON data"],
    ];
    for (const [body, path, message] of cases) {
      const { error } = await invoke(client, "assets.testConnection", undefined, { body });
      expect(error).toBeInstanceOf(ValidationError);
      const issues = (error as ValidationError).issues ?? [];
      expect(issues.map((i) => i.path)).toEqual([path]);
      expect(issues[0]!.message.startsWith(message)).toBe(true);
      expect(String(error)).not.toContain(KEY);
    }
    // Exactly at the bound (the body object and its array count as two of the million): sent.
    await invoke(client, "assets.testConnection", undefined, { body: { big: new Array<number>(999_998).fill(0) } });
    expect(seen).toHaveLength(1);
    expect((JSON.parse(seen[0]!.body) as { big: number[] }).big).toHaveLength(999_998);
  });

  it("should refuse a query value that is not well-formed Unicode at its own path", async () => {
    const { client, seen } = counting();
    const { error } = await invoke(client, "freshness.summary", undefined, { query: { extra: "a\ud800b" } });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "query.extra", message: "query.extra must be well-formed Unicode" },
    ]);
    expect(seen).toHaveLength(0);
  });

  it("should refuse hostile values inside record params (they reach the body the same way)", async () => {
    const { client, seen } = counting();
    for (const [what, make] of HOSTILE_BODY_VALUES) {
      const { error } = await invoke(client, "assets.create", {
        name: "n",
        source_type: "postgresql",
        connection_config: { host: make() },
      });
      expect(refusedBeforeSending(error), `${what}: ${String(error)}`).toBe(true);
    }
    expect(seen).toHaveLength(0);
  });

  it("should never send a header that a getter swaps after the check (CR/LF injection)", async () => {
    const { client, seen } = counting();
    let reads = 0;
    const headers = Object.defineProperty({}, "x-trace", {
      enumerable: true,
      get: () => (++reads === 1 ? "ok" : "1\r\nx-injected: 1"),
    });
    let optionReads = 0;
    const options = Object.defineProperty({}, "headers", {
      enumerable: true,
      get: () => (++optionReads === 1 ? { "x-a": "1" } : { "x-a": "1\r\nx-injected: 1" }),
    });
    for (const o of [{ headers }, options]) {
      const { error } = await invoke(client, "assets.list", {}, o);
      expect(refusedBeforeSending(error), String(error)).toBe(true);
    }
    expect(seen.some((r) => r.injected)).toBe(false);
  });
});

// ---- 2. a custom fetch that does not return a Response ---------------------------------------------

const bytes = (text: string) => new TextEncoder().encode(text);
const OK_BODY = '{"data": {"data": [], "pagination": {"has_more": false}}}';

/** What a custom fetch might return instead of a Response, and the class it must end with. */
const NOT_RESPONSES: [string, () => unknown, new (...a: never[]) => ArmorError][] = [
  ["undefined", () => undefined, ConnectionError],
  ["null", () => null, ConnectionError],
  ["a string", () => OK_BODY, ConnectionError],
  ["a plain object", () => ({}), ConnectionError],
  ["no headers", () => ({ status: 200, body: null, text: async () => OK_BODY }), ConnectionError],
  [
    "plain-object headers",
    () => ({ status: 200, headers: {}, body: null, text: async () => OK_BODY }),
    ConnectionError,
  ],
  ["no text()", () => ({ status: 200, headers: new Headers(), body: null }), ConnectionError],
  [
    "a body that is not a stream",
    () => ({ status: 200, headers: new Headers(), body: OK_BODY, text: async () => OK_BODY }),
    ConnectionError,
  ],
  [
    "a status that is not a number",
    () => ({ status: "200", headers: new Headers(), body: null, text: async () => OK_BODY }),
    ConnectionError,
  ],
  [
    "a status no Response can have",
    () => ({ status: 700, headers: new Headers(), body: null, text: async () => OK_BODY }),
    ConnectionError,
  ],
  [
    "headers whose getter throws",
    () =>
      Object.defineProperty({ status: 200, body: null, text: async () => OK_BODY }, "headers", {
        get() {
          throw new Error("no");
        },
      }),
    ConnectionError,
  ],
  [
    "an object that only claims Response's prototype",
    () => Object.create(Response.prototype) as unknown,
    ConnectionError,
  ],
  [
    "a text() that throws",
    () => ({
      status: 200,
      headers: new Headers(),
      body: null,
      text: () => {
        throw new TypeError("boom");
      },
    }),
    ConnectionError,
  ],
  [
    "a text() that rejects",
    () => ({ status: 200, headers: new Headers(), body: null, text: () => Promise.reject(new Error("boom")) }),
    ConnectionError,
  ],
  [
    "a text() that gives a number",
    () => ({ status: 200, headers: new Headers(), body: null, text: async () => 42 }),
    ConnectionError,
  ],
  [
    "a text() that never resolves",
    () => ({ status: 200, headers: new Headers(), body: null, text: () => new Promise(() => undefined) }),
    TimeoutError,
  ],
  [
    "a body stream that errors",
    () => new Response(new ReadableStream({ start: (c) => c.error(new Error("reset")) })),
    ConnectionError,
  ],
  [
    "a body stream that errors after a chunk",
    () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(bytes('{"da'));
            c.error(new Error("reset"));
          },
        }),
      ),
    ConnectionError,
  ],
  [
    "a body stream that gives strings",
    () => ({
      status: 200,
      headers: new Headers(),
      body: new ReadableStream({
        start(c) {
          c.enqueue("text");
          c.close();
        },
      }),
      text: async () => "",
    }),
    ConnectionError,
  ],
  [
    "a body stream that never ends",
    () => new Response(new ReadableStream({ pull: () => new Promise(() => undefined) })),
    TimeoutError,
  ],
];

describe("a custom fetch that does not return a Response", () => {
  it.each(NOT_RESPONSES)(
    "should end %s typed, never a TypeError, within the attempt timeout",
    async (_what, make, Class) => {
      for (const name of ["assets.list", "freshness.get", "badges.create", "apiKeys.revoke"]) {
        const { client, seen } = counting(make, { timeout: 50 });
        const spec = SPECS.get(name) as MethodSpec;
        const { error } = await invoke(client, name, minimal(spec));
        expect(error, name).toBeInstanceOf(Class);
        expect(ArmorError.is(error)).toBe(true);
        expect(seen).toHaveLength(1);
      }
    },
  );

  it("should not retry a result that is not a Response, but retry a body cut mid-stream as a lost connection", async () => {
    const garbage = counting(() => ({}), { maxRetries: 2 });
    expect((await invoke(garbage.client, "assets.list", {})).error).toBeInstanceOf(ConnectionError);
    expect(garbage.seen).toHaveLength(1);
    const cut = counting(() => new Response(new ReadableStream({ start: (c) => c.error(new Error("reset")) })), {
      maxRetries: 2,
    });
    expect((await invoke(cut.client, "assets.list", {})).error).toBeInstanceOf(ConnectionError);
    expect(cut.seen).toHaveLength(3);
  });

  it("should read a Response of another realm (a test server's, a polyfill's) as a Response", async () => {
    // Not an instance of this realm's Response, but one in every respect a caller can see.
    const foreign = () => {
      const real = new Response(OK_BODY, { status: 200, headers: { "x-request-id": "r1" } });
      return { status: real.status, statusText: "OK", headers: real.headers, body: real.body, text: () => real.text() };
    };
    const { client } = counting(foreign);
    expect(await client.assets.list()).toEqual([]);
    const byText = counting(() => ({ status: 200, headers: new Headers(), body: null, text: async () => OK_BODY }));
    expect(await byText.client.assets.list()).toEqual([]);
    const tooLong = counting(() => ({ status: 200, headers: new Headers(), body: null, text: async () => OK_BODY }), {
      maxResponseBytes: 10,
    });
    const { error } = await invoke(tooLong.client, "assets.list", {});
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ArmorError).code).toBe("RESPONSE_TOO_LARGE");
  });
});

describe("a hook that throws something hostile", () => {
  const thrown: [string, () => unknown][] = [
    ["a null-prototype object", () => Object.create(null) as unknown],
    ["a revoked Proxy", revoked],
    [
      "an error whose message getter throws",
      () =>
        Object.defineProperty(new Error(), "message", {
          get: () => {
            throw new Error("no");
          },
        }),
    ],
    ["a symbol", () => Symbol("s")],
  ];
  it.each(thrown)("should fail the call with HOOK_FAILED, not retried, when a hook throws %s", async (_what, make) => {
    for (const hook of ["onRequest", "onResponse"] as const) {
      const { client, seen } = counting(() => Response.json({ data: { data: [] } }), { maxRetries: 2 });
      const { error } = await invoke(
        client,
        "assets.list",
        {},
        {
          [hook]: () => {
            throw make();
          },
        },
      );
      expect(ArmorError.is(error), `${hook}: ${String(error)}`).toBe(true);
      expect((error as ArmorError).code, hook).toBe("HOOK_FAILED");
      expect(seen.length, hook).toBeLessThanOrEqual(1);
    }
  });
});

// ---- 3. key functions -------------------------------------------------------------------------------

const TOKEN = "sk-keyfunction-7f3a9c2e41b8d605";

/** Every text an error shows: message, stack, toString, toJSON, inspection and its cause chain. */
function shown(e: unknown): string {
  const err = e as Error;
  return [err.message, err.stack, String(err), JSON.stringify(err), inspect(err, { depth: 8 })].join("\n");
}

describe("client options a hostile caller passes", () => {
  const ok = { apiKey: KEY, apiUrl: API };
  /** The ValidationError `make` throws, or a failure naming what it threw instead. */
  function refused(make: () => unknown): ValidationError {
    try {
      make();
    } catch (error) {
      expect(error, String(error)).toBeInstanceOf(ValidationError);
      expect(String(error)).not.toContain(KEY);
      return error as ValidationError;
    }
    throw new Error("not refused");
  }
  const pathOf = (e: ValidationError) => e.issues?.map((i) => i.path);

  it("should refuse options that are not an object, or cannot be read, with ValidationError (a TypeError or the getter's own error escaped)", () => {
    for (const options of [null, 5, "https://x.test", [ok]]) {
      expect(pathOf(refused(() => new Client(options as never)))).toEqual(["options"]);
    }
    const hostile = [
      new Proxy(
        { ...ok },
        {
          get: () => {
            throw new Error(`get trap ${KEY}`);
          },
        },
      ),
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error(`ownKeys trap ${KEY}`);
          },
        },
      ),
      revoked(),
      {
        ...ok,
        get timeout(): number {
          throw new Error(`getter ${KEY}`);
        },
      },
    ];
    for (const options of hostile) {
      const e = refused(() => new Client(options as never));
      expect(pathOf(e)).toEqual(["options"]);
      expect(e.message.startsWith("options could not be read: ")).toBe(true);
    }
  });

  it("should refuse an apiUrl, cacheScope, logger or logLevel of the wrong kind", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ apiUrl: new URL(API) }, "apiUrl"],
      [{ apiUrl: [API] }, "apiUrl"],
      [{ cacheScope: 5 }, "cacheScope"],
      [{ cacheScope: Symbol("s") }, "cacheScope"],
      [{ logger: "console" }, "logger"],
      [{ logger: null }, "logger"],
      [{ logLevel: "toString" }, "logLevel"],
      [{ logLevel: "constructor" }, "logLevel"],
    ];
    for (const [extra, path] of cases) {
      expect(pathOf(refused(() => new Client({ ...ok, ...extra } as never))), path).toEqual([path]);
    }
  });

  it("should read each option once: a getter cannot pass the check and then answer something else", async () => {
    let reads = 0;
    const options = {
      apiKey: KEY,
      get apiUrl() {
        reads++;
        return reads === 1 ? API : "http://attacker.test/api/v1";
      },
    };
    const seen: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return Response.json({ data: { total_assets: 1, stale_count: 0, unknown_count: 0, disabled_count: 0 } });
    }) as typeof globalThis.fetch;
    const client = new Client({ ...options, fetch, maxRetries: 0 } as never);
    await client.freshness.summary();
    expect(reads).toBe(1);
    expect(seen).toEqual([`${API}/sdk/freshness/summary`]);
  });

  it("should not fail a call because its logger throws", async () => {
    const throwing = () => {
      throw new Error(`logger ${KEY}`);
    };
    const logger = { debug: throwing, info: throwing, warn: throwing, error: throwing };
    const { client, seen } = counting(
      () => Response.json({ data: { total_assets: 2, stale_count: 0, unknown_count: 0, disabled_count: 0 } }),
      {
        logger,
        logLevel: "debug",
      },
    );
    const summary = await client.freshness.summary();
    expect(summary.total_assets).toBe(2);
    expect(seen).toHaveLength(1);
  });

  it("should give request options that cannot be read an issue at options", async () => {
    const { client, seen } = counting();
    const options = new Proxy(
      {},
      {
        get: () => {
          throw new Error(`trap ${KEY}`);
        },
      },
    );
    const { error } = await invoke(client, "freshness.summary", undefined, options);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues?.map((i) => i.path)).toEqual(["options"]);
    expect(String(error)).not.toContain(KEY);
    expect(seen).toHaveLength(0);
  });
});

describe("a key function", () => {
  it("should be bounded by the attempt timeout when there is no deadline (it hung forever)", async () => {
    const { client, seen } = counting(undefined, { apiKey: () => new Promise<string>(() => undefined), timeout: 40 });
    const { error } = await invoke(client, "assets.list", {});
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(0);
    // A per-call timeout bounds it too.
    const slow = counting(undefined, { apiKey: () => new Promise<string>(() => undefined) });
    expect((await invoke(slow.client, "assets.list", {}, { timeout: 40 })).error).toBeInstanceOf(TimeoutError);
  });

  const bad: [string, () => unknown][] = [
    [
      "throws",
      () => {
        throw new Error(`vault said no to ${TOKEN}`);
      },
    ],
    ["rejects with a null-prototype object", () => Promise.reject(Object.create(null))],
    [
      "throws a symbol",
      () => {
        throw Symbol(TOKEN);
      },
    ],
    ["returns a number", () => 42],
    ["returns undefined", () => undefined],
    ["returns an object", () => ({ key: TOKEN })],
    ["returns a boxed string", () => new String(TOKEN)],
    ["returns an empty string", () => ""],
    ["returns a key with CR/LF", () => `${TOKEN}\r\nx-injected: 1`],
    ["returns a key with a space", () => `${TOKEN} `],
    ["returns a key beyond ASCII", () => `${TOKEN}é`],
    [
      "returns a thenable whose then throws",
      () => ({
        then() {
          throw new Error(TOKEN);
        },
      }),
    ],
  ];
  it.each(bad)("should end with AuthenticationError when it %s, send nothing, and show no key", async (_what, fn) => {
    const { client, seen } = counting(undefined, { apiKey: fn as () => string, timeout: 200 });
    const { error } = await invoke(client, "badges.create", minimal(SPECS.get("badges.create") as MethodSpec));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(seen).toHaveLength(0);
    // The SDK's own messages never quote what the function returned.
    expect((error as Error).message).not.toContain(TOKEN);
    expect(String(error)).not.toContain("sk-keyfunction");
  });

  it("property: whatever a key function returns with a control character in it, the call fails typed and quotes none of it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9._~-]{8,30}$/),
        fc.constantFrom("\r", "\n", "\0", "\t", " ", "\u007f", "\u2028"),
        fc.nat(),
        async (token, ctl, at) => {
          const key = token.slice(0, at % token.length) + ctl + token.slice(at % token.length);
          const { client, seen } = counting(undefined, { apiKey: async () => key });
          const { error } = await invoke(client, "assets.list", {});
          expect(error).toBeInstanceOf(AuthenticationError);
          expect(shown(error)).not.toContain(token);
          expect(seen).toHaveLength(0);
        },
      ),
      params,
    );
  });
});

// ---- 4. redact first, then cut ----------------------------------------------------------------------

describe("server text cut to a length", () => {
  /** Keys of a shape no pattern knows, so only the remembered key or the secret can redact them. */
  const token = fc.stringMatching(/^tok[A-Za-z0-9]{10,40}$/);
  /** Filler that shares no character with a token. */
  const filler = (n: number) => " .".repeat(n).slice(0, n);

  it("property: a key straddling the 500-character cut of a plain-text error leaves no piece of itself", async () => {
    await fc.assert(
      fc.property(token, fc.integer({ min: 1, max: 60 }), fc.boolean(), (key, back, remembered) => {
        if (remembered) rememberSecret(key);
        // The key starts `back` characters before the cut.
        const text = filler(500 - back) + key + filler(100);
        const error = createApiError(503, text, new Headers(), remembered ? undefined : key);
        for (let n = 3; n <= key.length; n++) expect(error.message).not.toContain(key.slice(0, n));
        expect(error.message.length).toBeLessThanOrEqual(500);
      }),
      params,
    );
  });

  it("property: a key straddling the 2,000-character cut of a 2xx body that is not JSON leaves no piece", async () => {
    await fc.assert(
      fc.asyncProperty(token, fc.integer({ min: 1, max: 60 }), async (key, back) => {
        const text = filler(2000 - back) + key + filler(100);
        const { client } = counting(() => new Response(text, { status: 200 }), {
          apiKey: async () => key,
        });
        const { error } = await invoke(client, "assets.get", undefined);
        expect(error).toBeInstanceOf(ResponseValidationError);
        const body = JSON.stringify((error as ResponseValidationError).body);
        for (let n = 3; n <= key.length; n++) expect(body).not.toContain(key.slice(0, n));
      }),
      params,
    );
  });

  it("should never end a cut text on half a surrogate pair", () => {
    expect(redactClip("a😀b", 2)).toBe("a");
    expect(redactClip("a😀b", 3)).toBe("a😀");
    expect(redactClip(`${"x".repeat(8)}${KEY}`, 12, KEY)).toBe("xxxxxxxx[RED");
  });
});
