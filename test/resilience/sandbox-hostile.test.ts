/**
 * The sandbox under hostile requests: one request must not freeze it or corrupt it.
 *
 * 1. Bodies are checked in full before anything changes: too large (413), nested too deep (422),
 *    malformed (400) — and nothing is applied, counted or stored.
 * 2. A refused or failed write leaves no trace: every list answers as before, `effects` unchanged.
 * 3. No list answers 500 because of what an earlier write stored (fast-check over every write route).
 * 4. Validity `REGEX` rules run on a linear-time engine: catastrophic patterns finish, and a pattern it
 *    refuses (look-arounds, back-references, huge repeats, over-long patterns) is a clear 400.
 *
 * `FC_RUNS` / `FC_SEED` widen or replay the property runs (`FC_SEED=random` for a fresh seed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../src/testing";
import { call } from "../testing/routes/helpers";

const RUNS = Number(process.env.FC_RUNS ?? 60);
const SEED = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED ?? 20_260_115);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

const SOURCE = "snowflake.prod";
const TABLE = "snowflake.prod.warehouse.orders";
const CUSTOMERS = "postgresql.analytics.public.customers";

/** GET routes without path params, and per-asset lists: what a client reads after a write. */
const READS = [
  "/sdk/assets?limit=100",
  "/sdk/freshness?limit=100",
  "/sdk/freshness/summary",
  "/sdk/freshness/schedules?limit=100",
  "/sdk/schema/summary",
  "/sdk/schema/changes?limit=100",
  "/sdk/lineage?limit=100",
  `/sdk/tags?asset_id=${SOURCE}`,
  "/sdk/alerts?limit=100",
  "/sdk/alerts/summary",
  "/sdk/alerts/inbox?limit=100",
  "/sdk/alerts/rules?limit=100",
  "/sdk/alerts/destinations?limit=100",
  "/sdk/alerts/trends",
  "/sdk/badges?limit=100",
  "/sdk/health/summary",
  `/sdk/metrics/${SOURCE}?limit=100`,
  `/sdk/metrics/${SOURCE}/summary`,
  `/sdk/validity/${SOURCE}?limit=100`,
  `/sdk/validity/${SOURCE}/summary`,
  `/sdk/referential/${SOURCE}?limit=100`,
  `/sdk/referential/${SOURCE}/summary`,
  `/sdk/recommendations/freshness?asset_id=${SOURCE}`,
  `/sdk/recommendations/metrics?asset_id=${SOURCE}`,
  `/sdk/recommendations/coverage?asset_id=${SOURCE}`,
  `/sdk/recommendations/thresholds?asset_id=${SOURCE}`,
  "/api-keys?limit=100",
];

/**
 * Everything a client can read, as text (`last_used_at` of keys aside: using a key is not a write).
 * No read may answer 5xx, whatever earlier writes stored.
 */
async function fingerprint(sandbox: Sandbox): Promise<string[]> {
  const out: string[] = [];
  for (const path of READS) {
    const answer = await call(sandbox, "GET", path);
    const text = JSON.stringify(answer.body).replace(/"last_used_at":"[^"]*"/g, "");
    expect(answer.status, `${path}: ${text.slice(0, 300)}`).toBeLessThan(500);
    out.push(`${path} ${answer.status} ${text}`);
  }
  return out;
}

/** Sends a raw body (any bytes) to a route with the admin key. */
async function send(sandbox: Sandbox, method: string, path: string, body: BodyInit): Promise<Response> {
  return sandbox.handle(
    new Request(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${sandbox.keys.admin}`, "content-type": "application/json" },
      body,
    }),
  );
}

describe("sandbox: bodies checked in full before anything changes", () => {
  const valid = { name: "fuzz", destination_type: "slack", config: { webhook_url: "https://x.test/h" } };

  it("should refuse a body past the size cap, declared or streamed, with 413 and no trace", async () => {
    const sandbox = createSandbox();
    const before = await fingerprint(sandbox);
    const big = JSON.stringify({ ...valid, description: "x".repeat(2 * 1024 * 1024) });
    expect((await send(sandbox, "POST", "/sdk/alerts/destinations", big)).status).toBe(413);
    // A stream that never declares its length, and one that never ends: cut at the cap.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(0x20));
      },
    });
    const streamed = await sandbox.handle(
      new Request(`${sandbox.url}/sdk/alerts/destinations`, {
        method: "POST",
        headers: { authorization: `Bearer ${sandbox.keys.admin}` },
        body: endless,
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
    const answer = await streamed.json();
    expect(answer.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await fingerprint(sandbox)).toEqual(before);
    expect(sandbox.effects).toEqual({});
  });

  it("should refuse bodies nested past the depth cap with 422, however the nesting is spelled", async () => {
    const sandbox = createSandbox();
    const before = await fingerprint(sandbox);
    const deep = (n: number, open: string, close: string, inner = "1") => open.repeat(n) + inner + close.repeat(n);
    const bodies = [
      `{"name":"n","config":${deep(100, '{"a":', "}")}}`,
      `{"name":"n","config":{"list":${deep(5000, "[", "]")}}}`,
      `{"name":"n","config":${deep(40, '{"a":[', "]}")}}`,
      // Brackets inside strings are text, not nesting: this one is shallow and valid JSON.
      JSON.stringify({ ...valid, name: "[[[[{{{{".repeat(100) }),
    ];
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await send(sandbox, "POST", "/sdk/alerts/destinations", body)).status);
    expect(statuses).toEqual([422, 422, 422, 201]);
    const refused = await (await send(sandbox, "POST", "/sdk/alerts/destinations", bodies[1]!)).json();
    expect(refused.error.details.errors[0]).toMatchObject({ field: "body", location: "body" });
    expect(refused.error.message).toMatch(/deep/);
    // Only the valid one changed anything.
    expect(sandbox.effects).toEqual({ "alerts.create_destination": 1 });
    expect((await fingerprint(sandbox)).filter((x, i) => x !== before[i])).toHaveLength(1);
  });

  it("should answer malformed and non-object bodies with 400/422 and change nothing", async () => {
    const sandbox = createSandbox();
    const before = await fingerprint(sandbox);
    const cases: [string, number][] = [
      ["{", 400],
      ['{"name": "x",}', 400],
      ["\u0000", 400],
      ["[]", 422],
      ["null", 422],
      ['"text"', 422],
      ["1e999999", 422],
      ['{"__proto__": {"polluted": true}, "name": "p"}', 422],
    ];
    for (const [body, status] of cases) {
      const answer = await send(sandbox, "POST", "/sdk/alerts/destinations", body);
      expect([body, answer.status]).toEqual([body, status]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await fingerprint(sandbox)).toEqual(before);
    expect(sandbox.effects).toEqual({});
  });
});

describe("sandbox: a refused or failed write leaves no trace", () => {
  it("should leave state, ids and effects as they were after a write refused half-way", async () => {
    // Two sandboxes of one seed: one takes refused writes between its calls, the other does not.
    const hit = createSandbox();
    const clean = createSandbox();
    const refused: [string, string, unknown][] = [
      // Each passes the body checks, then fails on a later field, after a record could have been made.
      ["POST", "/sdk/alerts/rules", { name: "r", destination_ids: ["00000000-0000-4000-8000-000000000000"] }],
      ["POST", "/sdk/alerts/rules", { name: "r", asset_ids: [TABLE, "no.such.asset"] }],
      [
        "POST",
        `/sdk/validity/${SOURCE}`,
        {
          table_path: "warehouse.orders",
          rule_type: "REGEX",
          column_name: "status",
          rule_config: { pattern: "(?=x)" },
        },
      ],
      [
        "POST",
        `/sdk/metrics/${SOURCE}`,
        { table_path: "warehouse.orders", metric_type: "null_percent", column_name: "nope" },
      ],
      ["POST", "/sdk/freshness/schedules", { asset_id: SOURCE, table_path: "no.table", check_interval: "1h" }],
      ["POST", "/sdk/tags", { asset_id: SOURCE, name: "t", object_path: "no.such.path" }],
    ];
    for (const [method, path, body] of refused) {
      const answer = await call(hit, method, path, { body });
      expect([path, answer.status >= 400 && answer.status < 500]).toEqual([path, true]);
    }
    // The next real write gets the same id on both: nothing consumed ids or counters.
    const make = (s: Sandbox) =>
      call(s, "POST", "/sdk/alerts/destinations", {
        body: { name: "d", destination_type: "slack", config: { webhook_url: "https://x.test/h" } },
      });
    expect((await make(hit)).body.data.id).toBe((await make(clean)).body.data.id);
    expect(await fingerprint(hit)).toEqual(await fingerprint(clean));
    expect(hit.effects).toEqual(clean.effects);
    expect(hit.requests.filter((r) => r.status >= 400).every((r) => !r.applied && r.effects === undefined)).toBe(true);
  });

  it("should roll back arbitrary refused writes on every write route (property)", async () => {
    // `hit` takes every generated write; `twin` only those `hit` applied. Refused writes leaving no trace
    // (no record, no consumed id, no count) keep both answering alike, byte for byte.
    const hit = createSandbox();
    const twin = createSandbox();
    const writes = hit.routes.filter((r) => !r.startsWith("GET "));
    const ids = await knownIds(hit);
    let refused = 0;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        hostileBody(ids),
        fc.constantFrom(...ids.assets),
        async (route, body, asset) => {
          const [method, pattern] = route.split(" ") as [string, string];
          const path = fillPath(pattern, asset, ids);
          const answer = await call(hit, method, path, { body });
          const what = `${route} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)?.slice(0, 300)}`;
          expect(answer.status, what).toBeLessThan(500);
          if (answer.status < 300) {
            applied++;
            expect((await call(twin, method, path, { body })).body, what).toEqual(answer.body);
          } else refused++;
          expect(await fingerprint(hit), what).toEqual(await fingerprint(twin));
          expect(hit.effects, what).toEqual(twin.effects);
        },
      ),
      params,
    );
    // The generator reaches both sides of the property.
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(applied).toBeGreaterThan(0); // audit: how many of fast-check's draws apply changes with the seed
  }, 180_000);
});

describe("sandbox: REGEX rules on a linear-time engine", () => {
  const create = (s: Sandbox, pattern: unknown) =>
    call(s, "POST", `/sdk/validity/${CUSTOMERS}`, {
      body: { table_path: "public.customers", rule_type: "REGEX", column_name: "email", rule_config: { pattern } },
    });

  it("should run catastrophic patterns over adversarial values to the end", async () => {
    const sandbox = createSandbox();
    sandbox.admin.insertRows(CUSTOMERS, [
      { id: 9001, email: `${"a".repeat(40)}!` },
      { id: 9002, email: `${"x".repeat(40)}` },
      { id: 9003, email: `${"ab".repeat(30)}c` },
    ]);
    for (const pattern of ["^(a+)+$", "^(x+x+)+y$", "^(a|aa)*$", "^(ab|a|b)*$", "^(.*a){12}$", "^([a-z]+)*[0-9]$"]) {
      const rule = await create(sandbox, pattern);
      expect([pattern, rule.status]).toEqual([pattern, 201]);
      const ruleId = rule.body.data.uuid ?? rule.body.data.id;
      const checked = await call(sandbox, "POST", `/sdk/validity/${CUSTOMERS}/${ruleId}/check`, { body: {} });
      expect([pattern, checked.status]).toEqual([pattern, 200]);
      expect(checked.body.data.status).toBe("fail");
      expect([pattern, checked.body.data.invalid_count]).toEqual([pattern, 125]);
    }
  });

  it("should still judge ordinary patterns as before", async () => {
    const sandbox = createSandbox();
    const rule = await create(sandbox, "^[^@]+@[^@]+\\.[^@]+$");
    const checked = await call(sandbox, "POST", `/sdk/validity/${CUSTOMERS}/${rule.body.data.uuid}/check`, {
      body: {},
    });
    // The demo's four malformed e-mails, and nothing else (nulls are judged by NOT_NULL).
    expect(checked.body.data.invalid_samples.values).toEqual(
      expect.arrayContaining(["not-an-email", "n/a", "grace.hopper@", "@example.com"]),
    );
    expect(checked.body.data.invalid_count).toBe(4 + 3);
  });

  it("should refuse with a clear 400 what the engine will not run, storing nothing", async () => {
    const sandbox = createSandbox();
    const before = await fingerprint(sandbox);
    const refused = [
      "(?=a)b", // look-ahead
      "(?<!a)b", // look-behind
      "(a)\\1", // back-reference
      "a{1001}", // repeat past the engine's bound
      "((a{100}){100}){100}", // nested repeats
      "[", // not a pattern at all
      "x".repeat(1025), // over-long
    ];
    for (const pattern of refused) {
      const answer = await create(sandbox, pattern);
      expect([pattern.slice(0, 20), answer.status, answer.body.error.code]).toEqual([
        pattern.slice(0, 20),
        400,
        "VALIDATION_ERROR",
      ]);
      expect(answer.body.error.details.errors[0]).toMatchObject({ field: "rule_config.pattern", location: "body" });
    }
    expect(await fingerprint(sandbox)).toEqual(before);
    expect(sandbox.effects).toEqual({});
  });

  it("should refuse a refused pattern on update and on dry run too", async () => {
    const sandbox = createSandbox();
    const rule = await create(sandbox, "^[a-z]+$");
    const id = rule.body.data.uuid as string;
    const patched = await call(sandbox, "PATCH", `/sdk/validity/${CUSTOMERS}/${id}`, {
      body: { rule_config: { pattern: "(?=x)" } },
    });
    expect(patched.status).toBe(400);
    expect((await call(sandbox, "GET", `/sdk/validity/${CUSTOMERS}/${id}`)).body.data.rule_config).toEqual({
      pattern: "^[a-z]+$",
    });
  });
});

// ---- generators -------------------------------------------------------------------------------------

interface Ids {
  assets: string[];
  any: string[];
}

/** Ids that exist, so that generated writes reach past the 404s. */
async function knownIds(sandbox: Sandbox): Promise<Ids> {
  const assets = ((await call(sandbox, "GET", "/sdk/assets?limit=100")).body.data.data as { id: string }[]).map(
    (a) => a.id,
  );
  const pick = async (path: string) => {
    const data = (await call(sandbox, "GET", path)).body.data as Record<string, unknown>;
    const list = Object.values(data).find(Array.isArray) as { id?: unknown; uuid?: unknown }[];
    return list.flatMap((x) => [x.uuid, x.id]).filter((x): x is string => typeof x === "string");
  };
  const any = [
    ...(await pick("/sdk/alerts?limit=5")),
    ...(await pick("/sdk/alerts/rules")),
    ...(await pick("/sdk/alerts/destinations")),
    ...(await pick(`/sdk/metrics/${SOURCE}`)),
    ...(await pick(`/sdk/validity/${CUSTOMERS}`)),
    ...(await pick(`/sdk/referential/${SOURCE}`)),
    ...(await pick("/sdk/freshness/schedules")),
    ...(await pick("/api-keys")),
  ];
  return { assets: [...assets, SOURCE, TABLE], any };
}

function fillPath(pattern: string, asset: string, ids: Ids): string {
  let i = 0;
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(name === "asset_id" ? asset : (ids.any[(i++ * 7 + pattern.length) % ids.any.length] as string)),
  );
}

/** Field names the sandbox reads from bodies, with values valid, odd and hostile. */
const FIELDS = [
  "asset_id",
  "asset_ids",
  "name",
  "description",
  "table_path",
  "column_name",
  "metric_type",
  "rule_type",
  "rule_config",
  "severity",
  "severities",
  "event_types",
  "destination_ids",
  "destination_type",
  "config",
  "check_interval",
  "capture_interval",
  "expected_interval_hours",
  "monitoring_mode",
  "is_active",
  "object_path",
  "object_paths",
  "object_type",
  "tag_names",
  "tag_name",
  "category",
  "notes",
  "duration_hours",
  "lookback_days",
  "child_table_path",
  "child_column_name",
  "parent_table_path",
  "parent_column_name",
  "max_orphan_count",
  "max_orphan_percent",
  "label",
  "tag_filters",
  "tag_filter_mode",
  "tag_filter_tags",
  "sensitivity",
  "group_by_columns",
  "percentile_value",
  "question",
  "event_type",
  "scope",
  "source_type",
  "database",
  "connection_config",
  "include_schemas",
  "alert_threshold_percent",
  "treat_null_as_valid",
  "schedule_type",
  "freshness_column",
  "include_upstream",
  "schema_drift_enabled",
  "freshness_enabled",
  "threshold_hours",
];

function hostileBody(ids: Ids): fc.Arbitrary<Record<string, unknown>> {
  const text = fc.oneof(
    fc.constantFrom(
      "",
      " ",
      "warehouse.orders",
      "warehouse.customers",
      "public.customers",
      "status",
      "amount",
      "customer_id",
      "email",
      "null_percent",
      "row_count",
      "REGEX",
      "NOT_NULL",
      "RANGE",
      "ENUM",
      "UNIQUE",
      "critical",
      "warning",
      "1h",
      "1d",
      "daily",
      "slack",
      "email",
      "webhook",
      "any",
      "all",
      "admin",
      "read-only",
      "explicit",
      "freshness_stale",
      "(?=x)",
      "^(a+)+$",
      "__proto__",
      "constructor",
      "\u0000",
      "\ud800",
      "💥".repeat(50),
    ),
    fc.constantFrom(...ids.assets, ...ids.any),
    fc.string({ maxLength: 20 }),
  );
  const scalar = fc.oneof(
    text,
    fc.integer({ min: -5, max: 1000 }),
    fc.constantFrom(0, -1, 1e308, -0, 0.5, Number.MAX_SAFE_INTEGER + 2),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
    {
      weight: 2,
      arbitrary: fc.dictionary(
        fc.constantFrom(
          "pattern",
          "min",
          "max",
          "values",
          "webhook_url",
          "email",
          "recipients",
          "url",
          "x",
          "__proto__",
        ),
        fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
        { maxKeys: 3 },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );
  return fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });
}
