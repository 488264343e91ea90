import { describe, expect, it, vi } from "vitest";
import { createSandbox, type Sandbox } from "../../src/testing";
import { createClock } from "../../src/testing/clock";
import { Router } from "../../src/testing/router";
import { ROUTE_MODULES } from "../../src/testing/routes/index";
import { State } from "../../src/testing/state";

const ORDERS = "snowflake.prod.warehouse.orders";

interface CallOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string>;
}

async function call(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const key = options.key === undefined ? sandbox.keys.admin : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const qs = options.query ? `?${new URLSearchParams(options.query)}` : "";
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await sandbox.handle(
    new Request(`${sandbox.url}${path}${qs}`, body === undefined ? { method, headers } : { method, headers, body }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Every route of a sandbox, read from the same module list the sandbox registers. */
function routeTable() {
  const router = new Router();
  const state = new State({ dataset: "empty", seed: 1 }, createClock("manual", "2026-01-15T12:00:00Z"));
  for (const module of ROUTE_MODULES) module.register(router, state);
  return router.routes;
}

describe("createSandbox", () => {
  it("should give the same answers and keys for the same seed", async () => {
    const a = createSandbox({ seed: 7 });
    const b = createSandbox({ seed: 7 });
    expect(a.keys).toEqual(b.keys);
    for (const path of [
      "/sdk/assets?limit=100",
      `/sdk/freshness/${ORDERS}`,
      "/sdk/lineage/snowflake.prod.warehouse.orders?depth=3",
      "/sdk/health/summary",
    ]) {
      expect((await call(a, "GET", path)).body).toEqual(
        (await call(b, "GET", path.replace(a.keys.admin, b.keys.admin))).body,
      );
    }
    const c = createSandbox({ seed: 8 });
    expect(c.keys.admin).not.toBe(a.keys.admin);
    expect((await call(c, "GET", `/sdk/assets/${ORDERS}`)).body.data.id).not.toBe(
      (await call(a, "GET", `/sdk/assets/${ORDERS}`)).body.data.id,
    );
  });

  it("should derive keys of the documented shape, one per scope", () => {
    const { keys } = createSandbox();
    expect(keys.admin).toMatch(/^aa_(live|test)_[A-Za-z0-9]{32,}$/);
    expect(keys.readWrite).toMatch(/^aa_(live|test)_[A-Za-z0-9]{32,}$/);
    expect(keys.readOnly).toMatch(/^aa_(live|test)_[A-Za-z0-9]{32,}$/);
    expect(new Set([keys.admin, keys.readWrite, keys.readOnly]).size).toBe(3);
  });

  it("should turn fresh tables stale when the clock moves 48 hours", async () => {
    const sandbox = createSandbox();
    const before = await call(sandbox, "GET", `/sdk/freshness/${ORDERS}`);
    expect(before.body.data).toMatchObject({
      status: "fresh",
      is_stale: false,
      is_fresh: true,
      hours_since_update: 2.5,
      staleness_threshold_hours: 24,
    });
    expect(before.body.data.last_updated).toBe(before.body.data.last_update_time);
    sandbox.clock.advance({ hours: 48 });
    const after = await call(sandbox, "GET", `/sdk/freshness/${ORDERS}`);
    expect(after.body.data).toMatchObject({
      status: "stale",
      is_stale: true,
      is_fresh: false,
      hours_since_update: 50.5,
    });
    expect(after.body.data.checked_at).toBe("2026-01-17T12:00:00.000Z");
    const summary = await call(sandbox, "GET", "/sdk/freshness/summary");
    expect(summary.body.data.stale_count).toBeGreaterThan(2);
  });

  it("should make a table fresh again when admin.touchTable lands a load", async () => {
    const sandbox = createSandbox();
    sandbox.clock.advance({ days: 3 });
    expect((await call(sandbox, "GET", `/sdk/freshness/${ORDERS}`)).body.data.status).toBe("stale");
    const status = sandbox.admin.touchTable(ORDERS);
    expect(status).toMatchObject({ status: "fresh", hours_since_update: 0 });
    expect((await call(sandbox, "GET", `/sdk/freshness/${ORDERS}`)).body.data.status).toBe("fresh");
  });

  it("should answer 403 FORBIDDEN with required_scope to a read-only key on every write route", async () => {
    const sandbox = createSandbox();
    const writes = routeTable().filter((r) => r.scope !== "read");
    expect(writes.length).toBeGreaterThan(15);
    for (const route of writes) {
      const path = route.pattern.replace(/\{[a-z_]+\}/g, "x1");
      const res = await call(sandbox, route.method, path, {
        key: sandbox.keys.readOnly,
        body: route.method === "GET" ? undefined : {},
      });
      expect(res.status, `${route.method} ${route.pattern}`).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
      expect(res.body.error.details.required_scope).toBe(route.scope === "admin" ? "admin" : "read-write");
    }
    expect(Object.keys(sandbox.effects).length).toBe(0);
  });

  it("should answer 200 to a read-only key on every read", async () => {
    const sandbox = createSandbox();
    const ro = { key: sandbox.keys.readOnly };
    const job = (await call(sandbox, "POST", `/sdk/freshness/${ORDERS}/refresh`)).body.data.job_id as string;
    const badge = (await call(sandbox, "POST", "/sdk/badges", { body: { asset_id: ORDERS } })).body.data.id as string;
    const reads: [string, string, unknown?][] = [
      ["GET", "/sdk/assets"],
      ["GET", `/sdk/assets/${ORDERS}`],
      ["GET", "/sdk/freshness/summary"],
      ["GET", "/sdk/freshness"],
      ["GET", `/sdk/freshness/${ORDERS}`],
      ["GET", "/sdk/freshness/schedules"],
      [
        "POST",
        "/sdk/freshness/dry-run",
        { asset_id: "snowflake.prod", table_path: "warehouse.orders", expected_interval_hours: 12 },
      ],
      ["GET", "/sdk/schema/summary"],
      ["GET", "/sdk/schema/changes"],
      ["GET", `/sdk/schema/${ORDERS}`],
      ["POST", "/sdk/schema/dry-run", { asset_id: "snowflake.prod" }],
      ["GET", "/sdk/lineage"],
      ["GET", `/sdk/lineage/${ORDERS}`],
      ["GET", `/sdk/tags?asset_id=snowflake.prod`],
      ["GET", `/sdk/jobs/${job}`],
      ["POST", "/sdk/intelligence/ask", { asset_id: ORDERS, question: "Which tables are stale?" }],
      ["GET", "/sdk/badges"],
      ["GET", `/sdk/badges/${badge}`],
      ["GET", `/sdk/badges/${badge}/status`],
      ["GET", "/sdk/health/summary"],
      ["GET", "/sdk/recommendations/freshness?asset_id=snowflake.prod"],
      ["GET", "/sdk/recommendations/metrics?asset_id=snowflake.prod"],
      ["GET", "/sdk/recommendations/coverage?asset_id=snowflake.prod"],
      ["GET", "/sdk/recommendations/thresholds?asset_id=postgresql.analytics"],
    ];
    for (const [method, path, body] of reads) {
      const res = await call(sandbox, method, path, { ...ro, body });
      expect(res.status, `${method} ${path}`).toBe(200);
      expect(res.body).toHaveProperty("data");
    }
  });

  it("should let literal segments win over ids whatever the registration order", async () => {
    const sandbox = createSandbox();
    expect((await call(sandbox, "GET", "/sdk/freshness/summary")).body.data).toHaveProperty("total_assets");
    expect((await call(sandbox, "GET", "/sdk/freshness/schedules")).body.data).toHaveProperty("data");
    expect((await call(sandbox, "GET", "/sdk/schema/changes")).body.data).toHaveProperty("data");
    expect((await call(sandbox, "GET", "/api-keys/usage")).body.data).toHaveProperty("max_keys");

    const router = new Router();
    router.get("/sdk/things/{id}", () => new Response("id"));
    router.get("/sdk/things/summary", () => new Response("literal"));
    const hit = router.match("GET", ["sdk", "things", "summary"]);
    expect(hit && "route" in hit ? hit.route.pattern : undefined).toBe("/sdk/things/summary");
    const other = router.match("GET", ["sdk", "things", "abc"]);
    expect(other && "route" in other ? other.params : undefined).toEqual({ id: "abc" });
  });

  it("should percent-decode path ids and resolve assets by UUID or qualified name", async () => {
    const sandbox = createSandbox();
    const byName = await call(sandbox, "GET", `/sdk/assets/${encodeURIComponent(ORDERS)}`);
    expect(byName.status).toBe(200);
    const byId = await call(sandbox, "GET", `/sdk/assets/${byName.body.data.id}`);
    expect(byId.body.data.qualified_name).toBe(ORDERS);
    expect(byId.body.data).toMatchObject({
      source: "snowflake",
      source_type: "snowflake",
      database: "prod",
      database_name: "prod",
      asset_type: "table",
    });
  });

  it("should accept empty-body POSTs", async () => {
    const sandbox = createSandbox();
    for (const path of [
      `/sdk/freshness/${ORDERS}/refresh`,
      "/sdk/assets/snowflake.prod/test-connection",
      "/sdk/assets/snowflake.prod/discover",
      `/sdk/schema/${ORDERS}/refresh`,
      `/sdk/schema/${ORDERS}/baseline`,
    ]) {
      const res = await sandbox.handle(
        new Request(`${sandbox.url}${path}`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${sandbox.keys.admin}`,
            "content-type": "application/json",
            "content-length": "0",
          },
        }),
      );
      expect(res.status, path).toBeLessThan(300);
    }
  });

  it("should answer 404 ASSET_NOT_FOUND for an unknown asset", async () => {
    const sandbox = createSandbox();
    for (const path of [
      "/sdk/assets/nope.nothing",
      "/sdk/freshness/nope.nothing",
      "/sdk/lineage/00000000-0000-4000-8000-000000000000",
      "/sdk/schema/nope",
    ]) {
      const res = await call(sandbox, "GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe("ASSET_NOT_FOUND");
    }
    const res = await call(sandbox, "POST", "/sdk/freshness/dry-run", {
      body: { asset_id: "nope", table_path: "a.b", expected_interval_hours: 1 },
    });
    expect(res.body.error.code).toBe("ASSET_NOT_FOUND");
  });

  it("should answer 401 for a missing, unknown or revoked key", async () => {
    const sandbox = createSandbox();
    expect((await call(sandbox, "GET", "/sdk/assets", { key: null })).status).toBe(401);
    expect(
      (await call(sandbox, "GET", "/sdk/assets", { key: "aa_live_00000000000000000000000000000000" })).body.error.code,
    ).toBe("UNAUTHORIZED");
    const created = await call(sandbox, "POST", "/api-keys", { body: { name: "ci", scope: "read-write" } });
    expect(created.status).toBe(201);
    const key = created.body.data.key as string;
    expect(key).toMatch(/^aa_live_[A-Za-z0-9]{32,}$/);
    expect(created.body.data).toMatchObject({
      key_prefix: key.slice(0, 12),
      key_suffix: key.slice(-4),
      scope: "read-write",
      is_active: true,
    });
    expect((await call(sandbox, "GET", "/sdk/assets", { key })).status).toBe(200);
    const revoked = await call(sandbox, "DELETE", `/api-keys/${created.body.data.id}`);
    expect(revoked.body.data).toMatchObject({ is_active: false });
    expect(revoked.body.data.revoked_at).toBe(sandbox.clock.now().toISOString());
    const after = await call(sandbox, "GET", "/sdk/assets", { key });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("UNAUTHORIZED");
    expect(JSON.stringify(after.body)).not.toContain(key);
  });

  it("should progress jobs with the clock and apply their effects once", async () => {
    const sandbox = createSandbox();
    const started = await call(sandbox, "POST", "/sdk/intelligence/generate", {
      body: { asset_id: "postgresql.analytics", include_schemas: null, force_refresh: false },
    });
    expect(started.status).toBe(202);
    const jobId = started.body.data.job_id as string;
    const ask = () =>
      call(sandbox, "POST", "/sdk/intelligence/ask", {
        body: { asset_id: "postgresql.analytics", question: "How many rows in orders?" },
      });
    const job = async () => (await call(sandbox, "GET", `/sdk/jobs/${jobId}`)).body.data;

    expect(await job()).toMatchObject({ status: "pending", progress: 0, completed_at: null });
    const early = await ask();
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe("INTELLIGENCE_NOT_GENERATED");

    sandbox.clock.advance({ seconds: 2 });
    const mid = await job();
    expect(mid.status).toBe("running");
    sandbox.clock.advance({ seconds: 2 });
    const later = await job();
    expect(later.status).toBe("running");
    expect(later.progress).toBeGreaterThan(mid.progress);
    expect(sandbox.effects["job.intelligence_generation"]).toBeUndefined();

    sandbox.clock.advance({ seconds: 1 });
    expect(await job()).toMatchObject({ status: "completed", progress: 100, completed_at: "2026-01-15T12:00:05.000Z" });
    const answered = await ask();
    expect(answered.status).toBe(200);
    expect(answered.body.data.answer).toContain("postgresql.analytics.public.orders has 200 rows");
    sandbox.clock.advance({ hours: 1 });
    await job();
    await job();
    expect(sandbox.effects["job.intelligence_generation"]).toBe(1);
    expect(sandbox.effects["intelligence.generate"]).toBe(1);
  });

  it("should never count a write twice in effects", async () => {
    const sandbox = createSandbox();
    const tag = {
      asset_id: "snowflake.prod",
      name: "gold",
      object_path: "warehouse.orders",
      category: "business",
      object_type: "table",
      description: null,
    };
    expect((await call(sandbox, "POST", "/sdk/tags", { body: tag })).status).toBe(201);
    expect((await call(sandbox, "POST", "/sdk/tags", { body: tag })).status).toBe(200);
    expect(sandbox.effects["tags.create"]).toBe(1);
    const key = (await call(sandbox, "POST", "/api-keys", { body: { name: "x" } })).body.data.id;
    await call(sandbox, "DELETE", `/api-keys/${key}`);
    await call(sandbox, "DELETE", `/api-keys/${key}`);
    expect(sandbox.effects["api_keys.revoke"]).toBe(1);
    await call(sandbox, "POST", "/sdk/tags", { body: { ...tag, object_type: "bogus" } });
    expect(sandbox.effects["tags.create"]).toBe(1);
    await call(sandbox, "POST", `/sdk/freshness/${ORDERS}/refresh`);
    sandbox.clock.advance({ seconds: 10 });
    await call(sandbox, "GET", "/sdk/health/summary");
    await call(sandbox, "GET", "/sdk/health/summary");
    expect(sandbox.effects).toMatchObject({ "freshness.refresh": 1, "job.freshness_refresh": 1, "api_keys.create": 1 });
  });

  it("should answer 422 VALIDATION_ERROR with details for bad params and bodies, 400 for malformed JSON", async () => {
    const sandbox = createSandbox();
    const bad = await call(sandbox, "GET", "/sdk/assets", { query: { limit: "500" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: "VALIDATION_ERROR",
      details: { errors: [{ field: "limit", location: "query" }] },
    });
    const depth = await call(sandbox, "GET", `/sdk/lineage/${ORDERS}`, {
      query: { depth: "9", direction: "sideways" },
    });
    expect(depth.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual(["depth", "direction"]);
    const missing = await call(sandbox, "POST", "/api-keys", { body: { scope: "root" } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.errors).toHaveLength(2);
    const malformed = await call(sandbox, "POST", "/sdk/tags", { rawBody: "{nope" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("VALIDATION_ERROR");
    const notObject = await call(sandbox, "POST", "/sdk/tags", { rawBody: "[1]" });
    expect(notObject.status).toBe(422);
  });

  it("should answer 404 NOT_FOUND for unknown routes and 405 for a wrong method", async () => {
    const sandbox = createSandbox();
    const unknown = await call(sandbox, "GET", "/sdk/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    const wrong = await call(sandbox, "PUT", "/sdk/freshness/summary", { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toContain("GET");
  });

  it("should list with the container key of docs/protocol.md §2.2 and limit/offset paging", async () => {
    const sandbox = createSandbox();
    const first = await call(sandbox, "GET", "/sdk/assets", { query: { limit: "5", offset: "0" } });
    expect(first.body.data.data).toHaveLength(5);
    expect(first.body.data.pagination).toEqual({ total: 18, limit: 5, offset: 0, has_more: true });
    const last = await call(sandbox, "GET", "/sdk/assets", { query: { limit: "5", offset: "15" } });
    expect(last.body.data.pagination.has_more).toBe(false);
    expect(last.body.data.data).toHaveLength(3);
    expect((await call(sandbox, "GET", "/api-keys")).body.data.keys).toHaveLength(3);
    expect(
      (await call(sandbox, "GET", "/sdk/tags", { query: { asset_id: "snowflake.prod" } })).body.data.tags.length,
    ).toBeGreaterThan(2);
    expect((await call(sandbox, "GET", "/sdk/badges")).body.data.badges).toEqual([]);
  });

  it("should record requests as received and reset to the first state", async () => {
    const sandbox = createSandbox();
    await call(sandbox, "GET", "/sdk/assets", { query: { limit: "1" } });
    await call(sandbox, "POST", "/api-keys", { body: { name: "temp" } });
    sandbox.clock.advance({ days: 2 });
    expect(sandbox.requests).toEqual([
      {
        method: "GET",
        path: "/api/v1/sdk/assets",
        query: "limit=1",
        status: 200,
        requestId: "req_42_1",
        route: "GET /sdk/assets",
        params: {},
        applied: true,
      },
      {
        method: "POST",
        path: "/api/v1/api-keys",
        query: "",
        status: 201,
        requestId: "req_42_2",
        route: "POST /api-keys",
        params: {},
        applied: true,
        effects: ["api_keys.create"],
      },
    ]);
    sandbox.reset();
    expect(sandbox.requests).toEqual([]);
    expect(sandbox.effects).toEqual({});
    expect(sandbox.clock.now().toISOString()).toBe("2026-01-15T12:00:00.000Z");
    expect((await call(sandbox, "GET", "/api-keys")).body.data.keys).toHaveLength(3);
    const fresh = createSandbox();
    expect((await call(sandbox, "GET", "/sdk/assets?limit=100")).body).toEqual(
      (await call(fresh, "GET", "/sdk/assets?limit=100")).body,
    );
  });

  it("should start empty with the empty dataset", async () => {
    const sandbox = createSandbox({ dataset: "empty" });
    expect((await call(sandbox, "GET", "/sdk/assets")).body.data.data).toEqual([]);
    expect((await call(sandbox, "GET", "/sdk/freshness/summary")).body.data).toMatchObject({
      total_assets: 0,
      freshness_rate: 0,
    });
    const source = sandbox.admin.addSource({ source_type: "postgresql", database: "app" });
    expect(source.qualified_name).toBe("postgresql.app");
    sandbox.admin.addTable({
      source: "postgresql.app",
      schema: "public",
      table: "users",
      columns: ["id:integer", "email:varchar?"],
      rows: [{ id: 1, email: null }],
      threshold_hours: 1,
    });
    sandbox.admin.insertRows("postgresql.app.public.users", [{ id: 2, email: "a@b.c" }]);
    expect((await call(sandbox, "GET", "/sdk/assets/postgresql.app.public.users")).body.data).toMatchObject({
      row_count: 2,
      column_count: 2,
      asset_type: "table",
    });
    sandbox.clock.advance({ hours: 2 });
    expect((await call(sandbox, "GET", "/sdk/freshness/postgresql.app.public.users")).body.data.status).toBe("stale");
  });

  it("should record schema changes from admin.alterTable and from discovery", async () => {
    const sandbox = createSandbox();
    const changes = sandbox.admin.alterTable(ORDERS, {
      add: ["coupon:varchar?"],
      drop: ["currency"],
      retype: { amount: "float" },
    });
    expect(changes.map((c) => [c.change_type, c.severity])).toEqual([
      ["column_removed", "critical"],
      ["type_changed", "warning"],
      ["column_added", "info"],
    ]);
    const listed = await call(sandbox, "GET", "/sdk/schema/changes", {
      query: { asset_id: ORDERS, severity: "critical" },
    });
    expect(listed.body.data.data[0]).toMatchObject({
      qualified_name: ORDERS,
      change_type: "column_removed",
      column_name: "currency",
      acknowledged: false,
    });

    const created = await call(sandbox, "POST", "/sdk/assets", {
      body: { name: "Shop DB", source_type: "mysql", connection_config: { database: "shop", password: "s3cret" } },
    });
    expect(created.body.data).toMatchObject({ qualified_name: "mysql.shop", asset_type: "database" });
    expect(JSON.stringify(created.body)).not.toContain("s3cret");
    const discovery = await call(sandbox, "POST", "/sdk/assets/mysql.shop/discover");
    expect(discovery.body.data).toMatchObject({ status: "started", message: "Discovery started" });
    expect((await call(sandbox, "GET", "/sdk/assets", { query: { source: "mysql" } })).body.data.data).toHaveLength(1);
    sandbox.clock.advance({ seconds: 5 });
    expect((await call(sandbox, "GET", "/sdk/assets", { query: { source: "mysql" } })).body.data.data).toHaveLength(3);
    const added = await call(sandbox, "GET", "/sdk/schema/changes", { query: { asset_id: "mysql.shop" } });
    expect(added.body.data.data.map((c: { change_type: string }) => c.change_type)).toEqual([
      "table_added",
      "table_added",
    ]);
  });

  it("should answer as msw and a fetch caller expect through sandbox.fetch", async () => {
    const sandbox = createSandbox();
    const res = await sandbox.fetch(`${sandbox.url}/sdk/freshness/summary`, {
      headers: { authorization: `Bearer ${sandbox.keys.readOnly}` },
    });
    expect(res.headers.get("content-type")).toContain("application/json");
    expect((await res.json()).data).toMatchObject({
      total_assets: 14,
      stale_count: 2,
      unknown_count: 1,
      disabled_count: 1,
      fresh_count: 10,
    });
    const controller = new AbortController();
    controller.abort();
    await expect(sandbox.fetch(`${sandbox.url}/sdk/assets`, { signal: controller.signal })).rejects.toThrow();
  });

  it("should follow wall time from start with a realtime clock", async () => {
    vi.useFakeTimers({ now: Date.parse("2030-01-01T00:00:00Z") });
    try {
      const sandbox = createSandbox({ clock: "realtime" });
      expect(sandbox.clock.now().toISOString()).toBe("2026-01-15T12:00:00.000Z");
      vi.advanceTimersByTime(90_000);
      expect(sandbox.clock.now().toISOString()).toBe("2026-01-15T12:01:30.000Z");
      sandbox.clock.advance({ days: 1 });
      expect(sandbox.clock.now().toISOString()).toBe("2026-01-16T12:01:30.000Z");
      sandbox.clock.set("2026-02-01T00:00:00Z");
      vi.advanceTimersByTime(1000);
      expect(sandbox.clock.now().toISOString()).toBe("2026-02-01T00:00:01.000Z");
    } finally {
      vi.useRealTimers();
    }
  });

  it("should understand what the Python client sends", async () => {
    const sandbox = createSandbox();
    const headers = {
      authorization: `Bearer ${sandbox.keys.admin}`,
      "content-type": "application/json",
      "user-agent": "anomalyarmor-cli/0.2.1",
    };
    const get = await sandbox.handle(
      new Request(`${sandbox.url}/sdk/schema/changes?limit=50&offset=0&unacknowledged_only=true`, { headers }),
    );
    expect(((await get.json()) as { data: { data: unknown[] } }).data.data).toHaveLength(2);
    // httpx before 0.28 writes JSON with spaces after separators.
    const body =
      '{"asset_id": "snowflake.prod", "name": "gold", "category": "business", "object_type": "table", "object_path": "warehouse.orders", "description": null}';
    const post = await sandbox.handle(new Request(`${sandbox.url}/sdk/tags`, { method: "POST", headers, body }));
    expect(post.status).toBe(201);
    const space = await sandbox.handle(
      new Request(`${sandbox.url}/sdk/assets/snowflake.prod.warehouse.orders%20`, { headers }),
    );
    expect(space.status).toBe(404);
  });
});
