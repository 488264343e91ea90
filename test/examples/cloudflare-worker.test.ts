/**
 * examples/cloudflare-worker, run inside workerd (Miniflare) against a sandbox served on loopback.
 * The Worker is bundled from its own source with `anomalyarmor` resolved to this repository's src/,
 * as wrangler would bundle it against the installed package.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../src/testing/index";
import { serveSandbox, type SandboxServer } from "../../src/testing/server";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE = path.join(ROOT, "examples", "cloudflare-worker");
const ORDERS = "snowflake.prod.warehouse.orders";
const REVENUE = "snowflake.prod.marts.revenue_daily";

/** The settings wrangler would use, read from the example's own wrangler.toml. */
function wranglerSetting(name: string): string {
  const toml = readFileSync(path.join(EXAMPLE, "wrangler.toml"), "utf8");
  const match = new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, "m").exec(toml);
  if (!match) throw new Error(`wrangler.toml has no ${name}`);
  return match[1] as string;
}

async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(EXAMPLE, wranglerSetting("main"))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    alias: { anomalyarmor: path.join(ROOT, "src") },
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** A port nothing listens on: bound once, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let script: string;
const workers: Miniflare[] = [];

async function startWorker(bindings: Record<string, string>): Promise<Miniflare> {
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "index.js", contents: script }],
    compatibilityDate: wranglerSetting("compatibility_date"),
    bindings: { FRESHNESS_TTL_MS: "60000", ...bindings },
  });
  workers.push(mf);
  await mf.ready;
  return mf;
}

function freshnessReads(sandbox: Sandbox, asset: string): number {
  const encoded = `/api/v1/sdk/freshness/${encodeURIComponent(asset)}`;
  return sandbox.requests.filter((r) => r.method === "GET" && r.path === encoded).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  script = await bundleWorker();
}, 30_000);

afterAll(async () => {
  await Promise.all(workers.map((mf) => mf.dispose()));
});

describe("examples/cloudflare-worker", () => {
  let sandbox: Sandbox;
  let server: SandboxServer;

  beforeAll(async () => {
    sandbox = createSandbox({ clock: "realtime" });
    server = await serveSandbox(sandbox);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("should serve a report built on fresh tables with X-Armor-Freshness", async () => {
    const mf = await startWorker({ ARMOR_API_URL: server.url, ARMOR_API_KEY: sandbox.keys.readOnly });
    const response = await mf.dispatchFetch("http://worker.test/reports/orders");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-armor-freshness")).toMatch(
      new RegExp(`^fresh; asset=${ORDERS}; age_hours=2\\.5\\d*$`),
    );
    expect(await response.json()).toMatchObject({ report: "orders", built_from: [ORDERS] });
  });

  it("should answer 503 problem+json with Retry-After when a source table is stale", async () => {
    const mf = await startWorker({ ARMOR_API_URL: server.url, ARMOR_API_KEY: sandbox.keys.readOnly });
    const response = await mf.dispatchFetch("http://worker.test/reports/revenue");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("60");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 503, code: "DATA_STALE", asset: REVENUE, threshold_hours: 24 });
    expect(body.age_hours).toBeGreaterThan(26);
    expect(body.assets).toEqual([expect.objectContaining({ asset: REVENUE })]);
  });

  it("should serve the revenue report again once a load lands on the stale table", async () => {
    const local = createSandbox({ clock: "realtime" });
    const localServer = await serveSandbox(local);
    try {
      local.admin.touchTable(REVENUE);
      const mf = await startWorker({ ARMOR_API_URL: localServer.url, ARMOR_API_KEY: local.keys.readOnly });
      const response = await mf.dispatchFetch("http://worker.test/reports/revenue");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-armor-freshness")).toMatch(
        new RegExp(`^fresh; asset=${ORDERS}; .*, fresh; asset=${REVENUE}; age_hours=0`),
      );
    } finally {
      await localServer.close();
    }
  });

  it("should leave routes outside the gate alone and make no upstream call for them", async () => {
    const local = createSandbox({ clock: "realtime" });
    const localServer = await serveSandbox(local);
    try {
      const mf = await startWorker({ ARMOR_API_URL: localServer.url, ARMOR_API_KEY: local.keys.readOnly });
      const response = await mf.dispatchFetch("http://worker.test/");
      expect(response.status).toBe(200);
      expect(response.headers.has("x-armor-freshness")).toBe(false);
      expect(local.requests).toHaveLength(0);
    } finally {
      await localServer.close();
    }
  });

  it("should apply each route's onError policy when the API is unreachable", async () => {
    const mf = await startWorker({
      ARMOR_API_URL: `http://127.0.0.1:${await deadPort()}/api/v1`,
      ARMOR_API_KEY: sandbox.keys.readOnly,
    });
    // orders is gated with onError "open": served, and the header says the check could not be made.
    const open = await mf.dispatchFetch("http://worker.test/reports/orders");
    expect(open.status).toBe(200);
    expect(open.headers.get("x-armor-freshness")).toBe(`unknown; asset=${ORDERS}; error=CONNECTION_ERROR`);
    // revenue is gated with onError "closed": 503 freshness-unverified.
    const closed = await mf.dispatchFetch("http://worker.test/reports/revenue");
    expect(closed.status).toBe(503);
    expect(closed.headers.get("retry-after")).toBe("5");
    expect(await closed.json()).toMatchObject({ code: "FRESHNESS_UNVERIFIED", asset: ORDERS });
  });

  it("should apply the policy when the API goes down after serving (server closed)", async () => {
    const local = createSandbox({ clock: "realtime" });
    const localServer = await serveSandbox(local);
    const mf = await startWorker({
      ARMOR_API_URL: localServer.url,
      ARMOR_API_KEY: local.keys.readOnly,
      FRESHNESS_TTL_MS: "200",
    });
    expect((await mf.dispatchFetch("http://worker.test/reports/orders")).status).toBe(200);
    await localServer.close();
    // Past the TTL and the one extra TTL an expired read may be served while it refreshes.
    await sleep(600);
    const open = await mf.dispatchFetch("http://worker.test/reports/orders");
    expect(open.status).toBe(200);
    expect(open.headers.get("x-armor-freshness")).toBe(`unknown; asset=${ORDERS}; error=CONNECTION_ERROR`);
    const closed = await mf.dispatchFetch("http://worker.test/reports/revenue");
    expect(closed.status).toBe(503);
    expect(await closed.json()).toMatchObject({ code: "FRESHNESS_UNVERIFIED" });
  });

  it("should make at most one upstream check per asset per TTL for 500 concurrent requests", async () => {
    const local = createSandbox({ clock: "realtime" });
    const localServer = await serveSandbox(local);
    try {
      // Long enough that two bursts of 500 fit in one window on a loaded 2-core machine (8 s was not,
      // at a load average of 12: the second burst began a new window).
      const ttlMs = 15_000;
      const mf = await startWorker({
        ARMOR_API_URL: localServer.url,
        ARMOR_API_KEY: local.keys.readOnly,
        FRESHNESS_TTL_MS: String(ttlMs),
      });
      const burst = async () => {
        const responses = await Promise.all(
          Array.from({ length: 500 }, (_, i) =>
            mf.dispatchFetch(`http://worker.test/reports/${i % 2 ? "revenue" : "orders"}`),
          ),
        );
        const seen = responses.map((r) => ({ status: r.status, freshness: r.headers.get("x-armor-freshness") ?? "" }));
        await Promise.all(responses.map((r) => (r.bodyUsed ? undefined : r.arrayBuffer())));
        return seen;
      };
      const reads = () => ({ orders: freshnessReads(local, ORDERS), revenue_daily: freshnessReads(local, REVENUE) });
      const started = Date.now();
      const within = () => `(${Date.now() - started} ms after the first burst started, TTL ${ttlMs} ms)`;

      // One window: every request waits on the same single read per asset and gate. Each route has
      // its own gate, so orders is read once by each of the two, revenue_daily once.
      const first = await burst();
      expect(first.filter((r) => r.status === 200)).toHaveLength(250); // /reports/orders
      expect(first.filter((r) => r.status === 503)).toHaveLength(250); // /reports/revenue: revenue_daily is stale
      expect(reads(), `first burst ${within()}`).toEqual({ orders: 2, revenue_daily: 1 });
      await burst();
      expect(reads(), `second burst in the same window ${within()}`).toEqual({ orders: 2, revenue_daily: 1 });

      // Next window: one more read per asset and gate, however many requests. The first request
      // after expiry is served from the expired read while the refresh runs under waitUntil.
      await sleep(Math.max(0, started + ttlMs + 200 - Date.now()));
      const windowStart = Date.now();
      await burst();
      await sleep(300);
      const last = await burst();
      const windowMs = Date.now() - windowStart;
      expect(windowMs, "both bursts of the second window must fit in one TTL").toBeLessThan(ttlMs);
      expect(reads(), `second window ${within()}`).toEqual({ orders: 4, revenue_daily: 2 });
      // The refreshed reads answered: the reports are judged on them, not on an error.
      const orders = last.filter((r) => r.status === 200);
      expect(orders).toHaveLength(250);
      expect(orders.every((r) => r.freshness.startsWith(`fresh; asset=${ORDERS}`))).toBe(true);
    } finally {
      await localServer.close();
    }
  }, 90_000);
});
