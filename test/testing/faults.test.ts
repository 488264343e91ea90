import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client";
import {
  ConnectionError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from "../../src/core/errors";
import { createSandbox, type Sandbox, type SandboxFault } from "../../src/testing/sandbox";
import { sandboxHandlers } from "../../src/testing/msw";

const ORDERS = "snowflake.prod.warehouse.orders";
const CUSTOMERS = "postgresql.analytics.public.customers";

function client(sandbox: Sandbox, extra: Partial<ConstructorParameters<typeof Client>[0]> = {}) {
  return new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch, maxRetries: 0, ...extra });
}

async function raw(sandbox: Sandbox, method: string, path: string, init: RequestInit = {}) {
  return sandbox.handle(
    new Request(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${sandbox.keys.admin}`, "content-type": "application/json" },
      ...init,
    }),
  );
}

const createMetric = (c: Client, asset: string) =>
  c.metrics.create(asset, { metric_type: "row_count", table_path: "public.customers" });

afterEach(() => {
  vi.useRealTimers();
});

describe("createSandbox({ faults })", () => {
  it("should answer a 5xx before the handler, log it, and apply nothing", async () => {
    const sandbox = createSandbox({ faults: { kind: "status", status: 502 } });
    const customers = await client(createSandbox()).assets.get(CUSTOMERS);
    const e = await createMetric(client(sandbox), customers.id).catch((x) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect(e.status).toBe(502);
    expect(sandbox.effects).toEqual({});
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]).toMatchObject({
      method: "POST",
      status: 502,
      route: "POST /sdk/metrics/{asset_id}",
      params: { asset_id: customers.id },
      applied: false,
      fault: { kind: "status", phase: "before", status: 502, rule: 0 },
    });
    expect(sandbox.requests[0]!.effects).toBeUndefined();
  });

  it("should model a crash after commit: the write applied, the client sees a 500 and does not retry the POST", async () => {
    const sandbox = createSandbox({ faults: { kind: "status", status: 500, phase: "after", methods: ["POST"] } });
    const c = client(sandbox, { maxRetries: 2 });
    const customers = await c.assets.get(CUSTOMERS);
    expect(await createMetric(c, customers.id).catch((x) => x)).toBeInstanceOf(ServerError);
    expect(sandbox.effects["metrics.create"]).toBe(1);
    const post = sandbox.requests.filter((r) => r.method === "POST");
    expect(post).toHaveLength(1);
    expect(post[0]).toMatchObject({
      status: 500,
      applied: true,
      effects: ["metrics.create"],
      fault: { kind: "status", phase: "after" },
    });
  });

  it("should drop the connection before the request arrives: fetch rejects, nothing applied", async () => {
    const sandbox = createSandbox({ faults: { kind: "drop" } });
    await expect(
      sandbox.fetch(`${sandbox.url}/sdk/assets`, { headers: { authorization: `Bearer ${sandbox.keys.admin}` } }),
    ).rejects.toThrow(TypeError);
    const e = await client(sandbox)
      .freshness.refresh(ORDERS)
      .catch((x) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(sandbox.requests.map((r) => [r.status, r.applied, r.fault?.kind])).toEqual([
      [0, false, "drop"],
      [0, false, "drop"],
    ]);
    sandbox.clock.advance({ minutes: 1 });
    await client(createSandbox()).assets.list();
    expect(sandbox.effects).toEqual({});
  });

  it("should drop the answer of an applied write, and the SDK should not send that POST twice", async () => {
    const sandbox = createSandbox({
      faults: { kind: "drop", phase: "after", routes: ["POST /sdk/metrics/{asset_id}"] },
    });
    const c = client(sandbox, { maxRetries: 2 });
    const customers = await c.assets.get(CUSTOMERS);
    expect(await createMetric(c, customers.id).catch((x) => x)).toBeInstanceOf(ConnectionError);
    expect(sandbox.effects["metrics.create"]).toBe(1);
    const posts = sandbox.requests.filter((r) => r.route === "POST /sdk/metrics/{asset_id}");
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ status: 0, applied: true, fault: { kind: "drop", phase: "after" } });
    // The write is there for anyone who reads it back.
    sandbox.setFaults();
    expect(await c.metrics.list(customers.id)).toHaveLength(
      (await client(createSandbox()).metrics.list(customers.id)).length + 1,
    );
  });

  it("should cut a body mid-stream after the handler applied it", async () => {
    const sandbox = createSandbox({ faults: { kind: "truncate", bytes: 10, methods: ["POST"] } });
    const res = await raw(sandbox, "POST", "/api-keys", { body: JSON.stringify({ name: "cut" }) });
    expect(res.status).toBe(201);
    await expect(res.text()).rejects.toThrow(/terminated/);
    expect(sandbox.effects["api_keys.create"]).toBe(1);
    expect(sandbox.requests[0]).toMatchObject({
      status: 201,
      applied: true,
      fault: { kind: "truncate", phase: "after", bytes: 10 },
    });
    const e = await client(sandbox, { maxRetries: 2 })
      .apiKeys.create({ name: "cut again" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(sandbox.requests).toHaveLength(2);
    expect(sandbox.effects["api_keys.create"]).toBe(2);
  });

  it("should cut a body-less answer where its body would start", async () => {
    const sandbox = createSandbox({ faults: { kind: "truncate", methods: ["DELETE"] } });
    const c = client(sandbox);
    const badge = await c.badges.create({ asset: ORDERS });
    expect(await c.badges.delete(badge.id).catch((x) => x)).toBeInstanceOf(ConnectionError);
    expect(sandbox.requests.at(-1)).toMatchObject({ status: 0, applied: true, fault: { kind: "truncate", bytes: 0 } });
  });

  it("should hang until the request's signal aborts, then apply nothing", async () => {
    const sandbox = createSandbox({ faults: { kind: "hang", methods: ["POST"] } });
    const c = client(sandbox, { timeout: 40 });
    const started = Date.now();
    const e = await c.freshness.refresh(ORDERS).catch((x) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await vi.waitFor(() => expect(sandbox.requests).toHaveLength(1));
    expect(sandbox.requests[0]).toMatchObject({
      status: 0,
      applied: false,
      fault: { kind: "hang", phase: "before", aborted: true },
    });
    sandbox.clock.advance({ minutes: 1 });
    await client(sandbox).assets.list();
    expect(sandbox.effects).toEqual({});
  });

  it("should still see the abort of a wrapper Request nobody else keeps, after garbage collection", async () => {
    // Request copies follow their source's signal through weak references; the chaos suite once saw a
    // collected wrapper cut the abort, so that a timed-out request was applied seconds later.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const sandbox = createSandbox({ faults: { kind: "hang" } });
    const ctrl = new AbortController();
    const p = sandbox
      .fetch(
        new Request(`${sandbox.url}/sdk/assets`, {
          signal: ctrl.signal,
          headers: { authorization: `Bearer ${sandbox.keys.admin}` },
        }),
      )
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 5));
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
    ctrl.abort(new Error("stop"));
    const out = await Promise.race([p, new Promise((resolve) => setTimeout(() => resolve("still pending"), 1_000))]);
    expect((out as Error).message).toBe("stop");
    await vi.waitFor(() => expect(sandbox.requests[0]?.fault).toMatchObject({ kind: "hang", aborted: true }));
  });

  it("should delay by a seeded latency and still answer; a timeout shorter than it aborts the wait", async () => {
    vi.useFakeTimers();
    const sandbox = createSandbox({ faults: { kind: "latency", ms: [200, 400] } });
    const c = client(sandbox, { timeout: 10_000 });
    const p = c.assets.get(ORDERS);
    await vi.advanceTimersByTimeAsync(400);
    expect((await p).qualified_name).toBe(ORDERS);
    const ms = sandbox.requests[0]!.fault!.ms!;
    expect(ms).toBeGreaterThanOrEqual(200);
    expect(ms).toBeLessThanOrEqual(400);

    const slow = client(sandbox, { timeout: 100 });
    const q = slow.assets.get(ORDERS).catch((x) => x);
    await vi.advanceTimersByTimeAsync(100);
    expect(await q).toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(0);
    expect(sandbox.requests[1]).toMatchObject({ status: 0, applied: false, fault: { kind: "latency", aborted: true } });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("should answer 429 with Retry-After in seconds, as an HTTP date, as retry-after-ms, or without one", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T10:00:00.250Z"));
    const sandbox = createSandbox({
      faults: [
        { kind: "rate-limit", retryAfter: 3, format: "seconds", times: 1 },
        { kind: "rate-limit", retryAfter: 3, format: "date", times: 1 },
        { kind: "rate-limit", retryAfter: 3, format: "ms", times: 1 },
        { kind: "rate-limit", format: "none", times: 1 },
      ],
    });
    const headers = [];
    for (let i = 0; i < 4; i++) {
      const res = await raw(sandbox, "GET", "/sdk/assets");
      expect(res.status).toBe(429);
      expect((await res.json()).error.code).toBe("RATE_LIMIT_EXCEEDED");
      headers.push([res.headers.get("retry-after"), res.headers.get("retry-after-ms")]);
    }
    expect(headers).toEqual([
      ["3", null],
      ["Sun, 01 Mar 2026 10:00:04 GMT", null],
      [null, "3000"],
      [null, null],
    ]);
    expect(sandbox.requests.map((r) => r.fault?.retryAfter)).toEqual([
      "3",
      "Sun, 01 Mar 2026 10:00:04 GMT",
      "3000",
      undefined,
    ]);
    const e = await client(createSandbox({ faults: { kind: "rate-limit", retryAfter: 120 } }), { maxRetries: 2 })
      .assets.list()
      .catch((x) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.retryAfter).toBeGreaterThanOrEqual(119);
  });

  it("should serve an HTML gateway page as a ServerError, and a 200 HTML page as a ResponseValidationError", async () => {
    const sandbox = createSandbox({
      faults: [
        { kind: "html", times: 1 },
        { kind: "html", status: 200, times: 1 },
      ],
    });
    const res = await raw(sandbox, "GET", "/sdk/assets");
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/<html>/);
    const e = await client(sandbox)
      .assets.get(ORDERS)
      .catch((x) => x);
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(sandbox.requests.map((r) => [r.status, r.fault?.kind])).toEqual([
      [502, "html"],
      [200, "html"],
    ]);
  });

  it("should relabel an answer with a wrong content type, which the SDK still reads", async () => {
    const sandbox = createSandbox({ faults: { kind: "content-type", contentType: "text/html" } });
    const res = await raw(sandbox, "GET", `/sdk/assets/${ORDERS}`);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect((await res.json()).data.qualified_name).toBe(ORDERS);
    expect((await client(sandbox).assets.get(ORDERS)).qualified_name).toBe(ORDERS);
  });

  it("should target faults by method, route pattern, method and pattern, or RegExp, and spend them with times", async () => {
    const sandbox = createSandbox({
      faults: [
        { kind: "status", status: 500, methods: ["delete"] },
        { kind: "status", status: 502, routes: ["/sdk/freshness/summary"] },
        { kind: "status", status: 503, routes: ["GET /sdk/lineage/{asset_id}"], times: 2 },
        { kind: "status", status: 504, routes: [/^GET \/api\/v1\/sdk\/schema\/changes/] },
      ],
    });
    const statuses = [];
    for (const path of [
      "/sdk/freshness/summary",
      `/sdk/lineage/${ORDERS}`,
      `/sdk/lineage/${ORDERS}`,
      `/sdk/lineage/${ORDERS}`,
      "/sdk/schema/changes?limit=1",
      "/sdk/schema/summary",
    ]) {
      statuses.push((await raw(sandbox, "GET", path)).status);
    }
    statuses.push((await raw(sandbox, "DELETE", "/sdk/badges/nope")).status);
    expect(statuses).toEqual([502, 503, 503, 200, 504, 200, 500]);
  });

  it("should echo the client's x-request-id, or make one, on every answer and in the log", async () => {
    const sandbox = createSandbox({ seed: 5, faults: { kind: "status", status: 503, times: 1 } });
    const res = await raw(sandbox, "GET", "/sdk/assets", {
      headers: { authorization: `Bearer ${sandbox.keys.admin}`, "x-request-id": "call-1" },
    });
    expect(res.headers.get("x-request-id")).toBe("call-1");
    const e = await client(sandbox)
      .assets.list({}, { headers: { "x-request-id": "call-2" } })
      .then(
        () => undefined,
        (x) => x,
      );
    expect(e).toBeUndefined();
    expect((await raw(sandbox, "GET", "/sdk/assets")).headers.get("x-request-id")).toBe("req_5_3");
    expect(sandbox.requests.map((r) => r.requestId)).toEqual(["call-1", "call-2", "req_5_3"]);
  });

  it("should inject faults at each rule's rate, from the seed: the same seed replays the same faults", async () => {
    const faults: SandboxFault[] = [
      { kind: "status", status: 503, rate: 0.2 },
      { kind: "drop", rate: 0.1 },
    ];
    const run = async (seed: number) => {
      const sandbox = createSandbox({ seed, faults });
      for (let i = 0; i < 1_000; i++)
        await sandbox.handle(
          new Request(`${sandbox.url}/sdk/health/summary`, {
            headers: { authorization: `Bearer ${sandbox.keys.readOnly}` },
          }),
        );
      return sandbox.requests.map((r) => r.fault?.kind[0] ?? "-").join("");
    };
    const a = await run(11);
    expect(await run(11)).toBe(a);
    expect(await run(12)).not.toBe(a);
    const count = (k: string) => [...a].filter((c) => c === k).length;
    expect(count("s")).toBeGreaterThan(150);
    expect(count("s")).toBeLessThan(250);
    expect(count("d")).toBeGreaterThan(60);
    expect(count("d")).toBeLessThan(140);
  });

  it("should restart the fault stream on setFaults and reset, and list the routes it can target", async () => {
    const sandbox = createSandbox({ faults: { kind: "status", status: 503, rate: 0.5 } });
    const pattern = async () => {
      const out = [];
      for (let i = 0; i < 20; i++) out.push((await raw(sandbox, "GET", "/sdk/health/summary")).status);
      return out.join();
    };
    const first = await pattern();
    sandbox.reset();
    expect(await pattern()).toBe(first);
    sandbox.setFaults(sandbox.faults);
    expect(await pattern()).toBe(first);
    sandbox.setFaults();
    expect(sandbox.faults).toEqual([]);
    expect(await pattern()).not.toContain("503");
    expect(sandbox.routes).toContain("GET /sdk/freshness/{asset_id}");
    expect(sandbox.routes).toContain("POST /sdk/metrics/{asset_id}");
  });

  it("should refuse malformed rules with the rule's index", () => {
    expect(() =>
      createSandbox({ faults: [{ kind: "status", status: 503 }, { kind: "explode" } as unknown as SandboxFault] }),
    ).toThrow(/faults\[1\]: unknown kind/);
    expect(() => createSandbox({ faults: { kind: "drop", rate: 2 } })).toThrow(/rate/);
    expect(() => createSandbox({ faults: { kind: "status", status: 503, phase: "after" } })).toThrow(/did not act/);
    expect(() => createSandbox({ faults: { kind: "latency", ms: [5, 1] } })).toThrow(/ms/);
    expect(() => createSandbox({ faults: { kind: "status", status: 200 } })).toThrow(/status/);
  });

  describe("through msw", () => {
    const sandbox = createSandbox({ faults: { kind: "drop", times: 1 } });
    const base = "https://faults.anomalyarmor.test/api/v1";
    const server = setupServer(...sandboxHandlers(sandbox, base));
    beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
    afterAll(() => server.close());
    it("should turn a dropped connection into a network error", async () => {
      const c = new Client({ apiKey: sandbox.keys.admin, apiUrl: base, maxRetries: 0 });
      expect(await c.assets.list().catch((x) => x)).toBeInstanceOf(ConnectionError);
      expect(await c.assets.list()).toHaveLength(18);
    });
  });
});
