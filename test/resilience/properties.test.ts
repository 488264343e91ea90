/**
 * Property-based tests (fast-check) over every method of every resource, driven by `wire-spec.ts`:
 *
 * 1. arbitrary params → exactly the wire request of `wire-spec.ts`, or `ValidationError` with nothing sent;
 * 2. arbitrary and malformed bodies for every model → a value or `ResponseValidationError`, never a
 *    `TypeError` (with validation on and off);
 * 3. hostile path ids (`/`, `..`, `?`, `#`, `%`, spaces, unicode, lone surrogates, CR/LF, route words) →
 *    the sandbox's route log shows the intended route with exactly that id, or the call was refused.
 *
 * `npm test` runs a fixed seed with a few dozen runs per method. Longer runs: `FC_RUNS=1000
 * FC_SEED=random npx vitest run test/resilience/properties.test.ts` (fast-check prints the seed and the
 * shrunk counterexample of a failure; `FC_SEED=<seed>` replays it).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import type { RequestOptions } from "../../src/core/config";
import { ArmorError } from "../../src/core/errors";
import { createSandbox, type Sandbox } from "../../src/testing/sandbox";
import { everyMethod, everything } from "../integration/every-method";
import { allNames, idNames, METHODS, type Field, type MethodSpec, type Ty } from "./wire-spec";

const RUNS = Number(process.env.FC_RUNS ?? 20);
const SEED = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED ?? 20_260_115);
const API = "https://api.anomalyarmor.test/api/v1";
const KEY = "aa_live_properties0123456789";
const UUID = "3f0c8a52-9d4e-4b6a-8f11-2a7c5e9d0b13";

const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

// ---- generators -------------------------------------------------------------------------------------

const wellFormed = (min = 0) => fc.string({ unit: "grapheme", minLength: min, maxLength: 12 });

function valid(ty: Ty): fc.Arbitrary<unknown> {
  if (typeof ty === "string") {
    switch (ty) {
      case "str":
        return wellFormed();
      case "text":
        return wellFormed(1);
      case "bool":
        return fc.boolean();
      case "obj":
        // Plain objects: a null-prototype one is refused before sending (every-call-settles.test.ts).
        return fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 4,
          noNullPrototype: true,
        });
      case "uuid":
        return fc.uuid();
      case "iso":
        return fc
          .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
          .map((d) => d.toISOString());
      case "question":
        return fc.string({ unit: "grapheme", minLength: 3, maxLength: 40 });
    }
  }
  if ("int" in ty) {
    const [min, max] = ty.int;
    return fc.oneof(fc.constant(min), fc.constant(max), fc.integer({ min, max: Math.min(max, min + 100_000) }));
  }
  if ("num" in ty) {
    const [min, max] = ty.num;
    const d = fc.double({
      min,
      max: Math.min(max, 1e9),
      noNaN: true,
      noDefaultInfinity: true,
      minExcluded: ty.gt ?? false,
    });
    return ty.gt ? d.map((x) => (x === 0 ? 1 : x)) : d;
  }
  if ("enum" in ty) return fc.constantFrom(...ty.enum);
  return fc.array(valid(ty.list), { maxLength: 4 });
}

/** Values no reading of the specs accepts for `ty` (never `null`/`""` where the specs leave room). */
function invalid(ty: Ty): fc.Arbitrary<unknown> {
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([1]));
  if (typeof ty === "string") {
    switch (ty) {
      case "str":
        return notString;
      case "text":
        return fc.oneof(notString, fc.constant(""));
      case "bool":
        return fc.constantFrom("true", 1, 0, "false", {});
      case "obj":
        return fc.oneof(fc.constant([]), fc.constant("x"), fc.integer(), fc.constant([{ a: 1 }]));
      case "uuid":
        return fc.oneof(notString, fc.constantFrom("not-a-uuid", "3f0c8a52-9d4e-4b6a-8f11", ""));
      case "iso":
        return fc.oneof(fc.integer(), fc.boolean(), fc.constant([]));
      case "question":
        return fc.oneof(notString, fc.constantFrom("", "ab", "x".repeat(2001)));
    }
  }
  if ("int" in ty) {
    const [min, max] = ty.int;
    const out: unknown[] = [min - 1, min + 0.5, Number.NaN, Number.POSITIVE_INFINITY, String(min), true];
    if (max < Number.MAX_SAFE_INTEGER) out.push(max + 1);
    else out.push(2 ** 53);
    return fc.constantFrom(...out);
  }
  if ("num" in ty) {
    const [min, max] = ty.num;
    const out: unknown[] = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      String(min + 1),
      false,
      min - 1,
    ];
    if (ty.gt) out.push(min);
    if (max < Number.MAX_VALUE) out.push(max + 1);
    return fc.constantFrom(...out);
  }
  if ("enum" in ty)
    return fc.constantFrom(
      `${ty.enum[0]} `,
      "NOPE",
      (ty.enum[0] as string).toUpperCase() === ty.enum[0]
        ? (ty.enum[0] as string).toLowerCase()
        : (ty.enum[0] as string).toUpperCase(),
      1,
      [],
    );
  return fc.oneof(
    fc.constant("a"),
    fc.constant({}),
    fc.constant([{}]),
    invalid(ty.list).map((x) => [x]),
  );
}

const fieldsOf = (spec: MethodSpec): Field[] => [
  ...(spec.query ?? []),
  ...(Array.isArray(spec.body) ? spec.body : []),
  ...(spec.local ?? []),
];

/** Params all valid: each optional field absent, explicitly undefined, or valid. */
function validParams(spec: MethodSpec): fc.Arbitrary<Record<string, unknown>> {
  const entries = fieldsOf(spec).map((f) =>
    f.mode === "req"
      ? fc.tuple(fc.constant(f.name), valid(f.ty))
      : fc.tuple(
          fc.constant(f.name),
          fc.oneof(
            { weight: 1, arbitrary: fc.constant("absent" as const) },
            { weight: 1, arbitrary: fc.constant(undefined) },
            { weight: 4, arbitrary: f.mode === "null" ? fc.oneof(valid(f.ty), fc.constant(null)) : valid(f.ty) },
          ),
        ),
  );
  return fc.tuple(...entries).map((pairs) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs as [string, unknown][]) if (v !== "absent") out[k] = v;
    return out;
  });
}

type Broken = { params: unknown; why: string };

/** Params with at least one problem the specs forbid. */
function invalidParams(spec: MethodSpec): fc.Arbitrary<Broken> {
  const fields = fieldsOf(spec);
  const required = fields.filter((f) => f.mode === "req");
  const options: fc.Arbitrary<Broken>[] = [
    fc
      .tuple(
        validParams(spec),
        fc.constantFrom("extra", "constructor", "toString", "__proto__", "hasOwnProperty", "LIMIT", "assetId"),
      )
      .map(([p, key]) => {
        const out = { ...p };
        Object.defineProperty(out, key, { value: 1, enumerable: true, writable: true, configurable: true });
        return { params: out, why: `unknown key ${key}` };
      }),
    fc.constantFrom<Broken>(
      { params: null, why: "null" },
      { params: [], why: "array" },
      { params: "limit=5", why: "string" },
      { params: 7, why: "number" },
    ),
  ];
  if (fields.length > 0) {
    options.push(
      fc.tuple(validParams(spec), fc.integer({ min: 0, max: fields.length - 1 })).chain(([p, i]) => {
        const f = fields[i] as Field;
        return invalid(f.ty).map((bad) => ({
          params: { ...p, [f.name]: bad },
          why: `${f.name} = ${String(JSON.stringify(bad))}`,
        }));
      }),
    );
  }
  if (required.length > 0) {
    options.push(
      fc.tuple(validParams(spec), fc.integer({ min: 0, max: required.length - 1 })).map(([p, i]) => {
        const out = { ...p };
        delete out[(required[i] as Field).name];
        return { params: out, why: `missing ${(required[i] as Field).name}` };
      }),
    );
  }
  return fc.oneof(...options);
}

/** What must travel for valid params (`docs/protocol.md` §1.6). */
function wire(
  spec: MethodSpec,
  p: Record<string, unknown> | undefined,
): { query: [string, string][]; body: string | undefined } {
  const send = (fields: readonly Field[]) => {
    const out: [string, unknown][] = [];
    for (const f of fields) {
      const value = p?.[f.name];
      const key = f.wire ?? f.name;
      if (f.mode === "req") out.push([key, value]);
      else if (f.mode === "dflt") out.push([key, value ?? f.dflt]);
      else if (f.mode === "truthy") {
        if (value && !(Array.isArray(value) && value.length === 0)) out.push([key, value]);
      } else if (f.mode === "nn") {
        if (value !== undefined && value !== null) out.push([key, value]);
      } else if (f.mode === "true") {
        if (value === true) out.push([key, true]);
      } else if (f.mode === "null") out.push([key, value ?? null]);
    }
    return out;
  };
  const query = send(spec.query ?? []).map(([k, v]) => [k, typeof v === "string" ? v : String(v)] as [string, string]);
  const body = Array.isArray(spec.body) ? JSON.stringify(Object.fromEntries(send(spec.body))) : undefined;
  return { query, body };
}

// ---- calling ----------------------------------------------------------------------------------------

const SPECS = new Map<string, MethodSpec>(
  METHODS.flatMap((s) =>
    s.twin
      ? [
          [s.name, s],
          [s.twin, s],
        ]
      : [[s.name, s]],
  ),
);

/** Calls `name` (a method or its iterate twin, read up to `items` items) and settles. */
async function invoke(
  client: Client,
  name: string,
  ids: readonly string[],
  p: unknown,
  options?: RequestOptions,
  items = 3,
): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const spec = SPECS.get(name) as MethodSpec;
  const [resource, method] = name.split(".") as [string, string];
  const target = (client as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[
    resource
  ] as Record<string, (...a: unknown[]) => unknown>;
  const args = [...ids, ...(spec.takesParams ? [p] : []), options];
  try {
    if (name === spec.twin) {
      const it = target[method]!.apply(target, args) as AsyncGenerator<unknown>;
      const got: unknown[] = [];
      try {
        for (let i = 0; i < items; i++) {
          const r = await it.next();
          if (r.done) break;
          got.push(r.value);
        }
      } finally {
        await it.return(undefined);
      }
      return { ok: true, value: got };
    }
    return { ok: true, value: await target[method]!.apply(target, args) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A client over a fetch that records what leaves and answers with `reply`. */
function capturing(reply: () => Response, validate: "always" | "off" = "always") {
  const seen: { method: string; url: URL; body: string; contentType: string | null }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push({
      method: req.method,
      url: new URL(req.url),
      body: await req.text(),
      contentType: req.headers.get("content-type"),
    });
    return reply();
  }) as typeof globalThis.fetch;
  return { client: new Client({ apiKey: KEY, apiUrl: API, fetch, maxRetries: 0, validate, logLevel: "off" }), seen };
}

const isValidationError = (e: unknown) =>
  ArmorError.is(e) && (e as Error).name === "ValidationError" && (e as ArmorError).status === undefined;

/** Params that satisfy every required field (one fixed sample of each valid generator). */
function minimal(spec: MethodSpec): Record<string, unknown> | undefined {
  if (!spec.takesParams) return undefined;
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(spec)) {
    if (f.mode === "req")
      out[f.name] = fc.sample(
        valid(f.ty).filter((x) => !(Array.isArray(x) && x.length === 0)),
        { numRuns: 1, seed: 7 },
      )[0];
  }
  return out;
}

// ---- 1. params → the wire request, or ValidationError with nothing sent ----------------------------

describe("every method: params", () => {
  it("should cover every method and iterate twin of the client", () => {
    const client = new Client({ apiKey: KEY, apiUrl: API });
    expect(allNames()).toEqual(everyMethod(client));
    expect(allNames()).toHaveLength(111);
  });

  // audit: allNames() is the wire spec's table, its size checked in the test above
  for (const name of allNames()) {
    const spec = SPECS.get(name) as MethodSpec;
    if (!spec.takesParams) continue;
    const ids = idNames(spec).map((_, i) => `id-${i + 1}`);
    const expectedPath = (() => {
      let i = 0;
      return "/api/v1" + spec.path.replace(/\{\w+\}/g, () => ids[i++] as string);
    })();

    it(`${name}: valid params travel exactly as wire-spec.ts says`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 9, arbitrary: validParams(spec) }),
          async (p) => {
            const hasRequired = fieldsOf(spec).some((f) => f.mode === "req");
            const { client, seen } = capturing(() => new Response(null, { status: 204 }));
            const out = await invoke(client, name, ids, p);
            if (p === undefined && hasRequired) {
              expect(isValidationError(out.error)).toBe(true);
              expect(seen).toHaveLength(0);
              return;
            }
            if (!out.ok) expect(isValidationError(out.error), String(out.error)).toBe(false);
            expect(seen).toHaveLength(1);
            const sent = seen[0]!;
            const want = wire(spec, p);
            expect(sent.method).toBe(spec.http);
            expect(sent.url.pathname).toBe(expectedPath);
            expect([...new URLSearchParams(sent.url.search)]).toEqual(want.query);
            if (want.body === undefined) {
              expect(sent.body).toBe("");
              expect(sent.contentType).toBeNull();
            } else {
              expect(JSON.stringify(JSON.parse(sent.body))).toBe(want.body);
              expect(sent.contentType).toBe("application/json");
            }
          },
        ),
        params,
      );
    });

    it(`${name}: invalid params fail with ValidationError and send nothing`, async () => {
      // Every field with every kind of bad value, systematically, before the random mixes.
      const base = minimal(spec);
      const fields = fieldsOf(spec);
      expect(fields.length, "a method that takes params has fields").not.toBe(0);
      for (const f of fields) {
        const bads = fc.sample(invalid(f.ty), { numRuns: 12, seed: 11 });
        expect(bads).toHaveLength(12);
        for (const bad of bads) {
          const { client, seen } = capturing(() => new Response(null, { status: 204 }));
          const out = await invoke(client, name, ids, { ...base, [f.name]: bad });
          expect(
            isValidationError(out.error),
            `${f.name} = ${String(JSON.stringify(bad))}: ${String(out.error ?? "resolved")}`,
          ).toBe(true);
          expect(seen).toHaveLength(0);
        }
      }
      await fc.assert(
        fc.asyncProperty(invalidParams(spec), async ({ params: p }) => {
          const { client, seen } = capturing(() => new Response(null, { status: 204 }));
          const out = await invoke(client, name, ids, p);
          expect(out.ok).toBe(false);
          expect(isValidationError(out.error), String(out.error)).toBe(true);
          expect(seen).toHaveLength(0);
        }),
        params,
      );
    });
  }
});

// ---- 2. arbitrary and malformed bodies → a value or ResponseValidationError --------------------------

/** Real bodies the sandbox answers, per route, to mutate. */
const samples = new Map<string, unknown[]>();

beforeAll(async () => {
  const sandbox = createSandbox({ seed: 3 });
  const recorder = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await sandbox.fetch(input, init);
    const route = sandbox.requests.at(-1)?.route;
    const text = await res.clone().text();
    if (route && text) {
      const list = samples.get(route) ?? [];
      if (list.length < 4) list.push(JSON.parse(text));
      samples.set(route, list);
    }
    return res;
  }) as typeof globalThis.fetch;
  await everything(new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: recorder }), sandbox);
}, 60_000);

/** Replaces, removes or retypes one node of a JSON value. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (paths.length > 400) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(value, []);
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, "", 0, -1, 1.5, true, [], {}, "2026-13-45", "NaN", [null], { data: null }),
    fc.constant(undefined),
  );
  return fc.tuple(fc.constantFrom(...paths), replacement).map(([path, next]) => {
    const copy = structuredClone(value);
    if (path.length === 0) return next;
    let node = copy as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    if (next === undefined) delete node[last];
    else node[last] = next;
    return copy;
  });
}

function bodies(spec: MethodSpec): fc.Arbitrary<string> {
  const real = samples.get(`${spec.http} ${spec.path}`) ?? [];
  const container = spec.list;
  const json = (v: unknown) => JSON.stringify(v) ?? "null";
  const options: fc.Arbitrary<string>[] = [
    fc.jsonValue({ maxDepth: 3 }).map(json),
    fc.jsonValue({ maxDepth: 3 }).map((data) => json({ data })),
    fc
      .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 })
      .map((data) => json({ data })),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      "",
      "{",
      "<html><body>Bad Gateway</body></html>",
      "null",
      "[]",
      '{"data":',
      '{"data":[]}',
      '{"data":"x"}',
      '{"data":{"__proto__":{"polluted":1}}}',
    ),
  ];
  if (container) {
    options.push(
      fc
        .array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 })
        .map((items) => json({ data: { [container]: items, pagination: { has_more: false } } })),
    );
  }
  for (const body of real) {
    options.push(
      mutate(body).map(json),
      fc.constant(json(body)).map((t) => t.slice(0, Math.max(1, Math.floor(t.length / 2)))),
    );
  }
  return fc.oneof(...options);
}

describe("every method: response bodies", () => {
  it("should have a real sample body for every route that answers one", () => {
    const missing = METHODS.filter((s) => !samples.has(`${s.http} ${s.path}`) && !["DELETE"].includes(s.http)).map(
      (s) => s.name,
    );
    // Calls whose sandbox answer carries no body, or which the scenario only exercises for errors.
    expect(missing.filter((n) => !["investigations.get"].includes(n))).toEqual([]);
  });

  // audit: allNames() is the wire spec's table, its size checked in "should cover every method…"
  for (const name of allNames()) {
    const spec = SPECS.get(name) as MethodSpec;
    const ids = idNames(spec).map((_, i) => `id-${i + 1}`);
    for (const validate of ["always", "off"] as const) {
      it(`${name}: any 2xx body gives a value or a ResponseValidationError (validate: ${validate})`, async () => {
        await fc.assert(
          fc.asyncProperty(bodies(spec), fc.constantFrom(200, 201, 202, 204), async (text, status) => {
            const { client } = capturing(
              () =>
                new Response(status === 204 ? null : text, { status, headers: { "content-type": "application/json" } }),
              validate,
            );
            const out = await invoke(client, name, ids, minimal(spec), undefined, 120);
            if (out.ok) return;
            const e = out.error as Error;
            expect(ArmorError.is(e), `${e?.name}: ${e?.message}\n${e?.stack}`).toBe(true);
            const allowed =
              name === "freshness.requireFresh"
                ? ["ResponseValidationError", "StalenessError"]
                : ["ResponseValidationError"];
            expect(allowed, `${e.name}: ${e.message}`).toContain(e.name);
          }),
          params,
        );
      });
    }
  }
});

// ---- 3. hostile ids reach exactly the intended route, or are refused ---------------------------------

describe("every method: path ids", () => {
  let sandbox: Sandbox;
  let client: Client;
  beforeAll(() => {
    sandbox = createSandbox({ seed: 9 });
    client = new Client({
      apiKey: sandbox.keys.admin,
      apiUrl: sandbox.url,
      fetch: sandbox.fetch,
      maxRetries: 0,
      logLevel: "off",
    });
  });

  const hostile = () => {
    const words = [
      ...new Set(
        createSandbox({ dataset: "empty" })
          .routes.flatMap((r) => r.split(" ")[1]!.split("/"))
          .filter((w) => w && !w.startsWith("{")),
      ),
    ];
    const pieces = [
      "/",
      "..",
      ".",
      "?",
      "#",
      "%",
      "%2F",
      "%2e%2e",
      " ",
      "\r\n",
      "\n",
      "\t",
      "\u0000",
      "\\",
      "é",
      "日本",
      "🙂",
      "\ud800",
      "\udfff",
      "+",
      "&",
      "=",
      ";",
      "~",
      "'",
      '"',
      "<",
      "@",
      ":",
      "*",
    ];
    return fc.oneof(
      fc.constantFrom(
        "",
        ".",
        "..",
        "...",
        "../api-keys",
        "..%2Fapi-keys",
        "a/../../api-keys",
        "?x=1",
        "#frag",
        "%",
        "%2e%2e",
        " ",
        "\r\nX-Injected: 1",
        "\ud800",
        "a\udc00b",
        ...words,
        ...words.map((w) => `${w}/x`),
      ),
      fc
        .array(fc.constantFrom(...pieces, ...words, "a", "b1"), { minLength: 1, maxLength: 6 })
        .map((xs) => xs.join("")),
      fc.string({ unit: "binary", minLength: 1, maxLength: 8 }),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
    );
  };

  // audit: allNames() is the wire spec's table, its size checked in "should cover every method…"
  for (const name of allNames()) {
    const spec = SPECS.get(name) as MethodSpec;
    const names = idNames(spec);
    if (names.length === 0) continue;
    it(`${name}: any id addresses ${spec.http} ${spec.path} with exactly that id, or is refused`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostile(), { minLength: names.length, maxLength: names.length }), async (ids) => {
          const before = sandbox.requests.length;
          const out = await invoke(client, name, ids, minimal(spec), undefined, 1);
          const logged = sandbox.requests.slice(before);
          if (!out.ok && isValidationError(out.error)) {
            expect(logged).toHaveLength(0);
            return;
          }
          expect(logged.length, String(out.error)).toBeGreaterThanOrEqual(1);
          for (const entry of logged) {
            expect(entry.route).toBe(`${spec.http} ${spec.path}`);
            expect(entry.params).toEqual(Object.fromEntries(names.map((n, i) => [n, ids[i]])));
          }
        }),
        params,
      );
    });
  }
});
