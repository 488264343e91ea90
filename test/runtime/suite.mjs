/**
 * The runtime conformance suite: written once, run unchanged by Node 20, Node 22, Deno, Bun, workerd
 * and Chromium against the built package, imported by its name as a user imports it. Only
 * web-standard globals (fetch, Request, Response, AbortController, setTimeout), so that a runtime
 * which lacks something the SDK needs fails here rather than in a user's deployment.
 *
 * Each case gets the sandbox's URL and key and makes its own client over a counting fetch: what went
 * over the wire (how many attempts, which pages) is asserted from inside the runtime.
 */
import { QueryClient } from "@tanstack/query-core";
import {
  AbortError,
  ArmorError,
  Client,
  createTransport,
  FreshnessResource,
  NotFoundError,
  StalenessError,
  TimeoutError,
  VERSION,
} from "anomalyarmor";
import { createFreshnessGate } from "anomalyarmor/adapters";
import { armorQueries } from "anomalyarmor/query";
import { CUSTOMERS, DEMO_ASSETS, ORDERS, REVENUE } from "./fixtures.mjs";

class AssertionError extends Error {
  name = "AssertionError";
}

function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

function equal(actual, expected, what) {
  assert(Object.is(actual, expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Awaits a rejection of `Class` (by instanceof and by name, which must survive minification). */
async function rejects(promise, Class, what) {
  try {
    await promise;
  } catch (error) {
    assert(error instanceof Class, `${what}: expected ${Class.name}, got ${error?.name}: ${error?.message}`);
    equal(error.name, Class.name, `${what}: error name`);
    assert(ArmorError.is(error), `${what}: ArmorError.is() should recognise it`);
    return error;
  }
  throw new AssertionError(`${what}: expected ${Class.name}, but the call resolved`);
}

/** A fetch that records every attempt (`METHOD /path?query`) before passing it to the runtime's own fetch. */
function countingFetch() {
  const calls = [];
  const fetchImpl = (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? (typeof input === "object" && "method" in input ? input.method : "GET");
    calls.push(`${method.toUpperCase()} ${url.pathname.replace(/^.*\/api\/v1/, "")}${url.search}`);
    return globalThis.fetch(input, init);
  };
  return { fetch: fetchImpl, calls, to: (prefix) => calls.filter((c) => c.startsWith(prefix)) };
}

/** Client options for the sandbox. A browser refuses a static key unless told it is a test. */
function options(env, wire, extra = {}) {
  return {
    apiKey: env.key,
    apiUrl: env.url,
    fetch: wire.fetch,
    dangerouslyAllowBrowser: true,
    logLevel: "off",
    ...extra,
  };
}

/** name → case. Each takes `{ url, key }` and throws on failure. */
export const cases = {
  async "list and get"(env) {
    const wire = countingFetch();
    const client = new Client(options(env, wire));
    const page = await client.assets.list({ limit: 5 });
    equal(page.length, 5, "assets.list length");
    const first = page[0];
    assert(
      typeof first.id === "string" && typeof first.qualified_name === "string",
      "an asset has id and qualified_name",
    );
    const again = await client.assets.get(first.id);
    equal(again.qualified_name, first.qualified_name, "assets.get by id");
    const status = await client.freshness.get(ORDERS);
    equal(status.qualified_name, ORDERS, "freshness.get qualified_name");
    equal(status.status, "fresh", "freshness.get status");
    equal(status.is_fresh, true, "is_fresh filled from status");
    equal(wire.calls[0], "GET /sdk/assets?limit=5&offset=0", "first request on the wire");
    equal(wire.calls.length, 3, "requests sent");
  },

  async "requireFresh on a fresh asset (lean transport)"(env) {
    const wire = countingFetch();
    const freshness = new FreshnessResource(createTransport(options(env, wire)));
    const status = await freshness.requireFresh(ORDERS, { max_age_hours: 24 });
    equal(status.qualified_name, ORDERS, "requireFresh result");
    equal(status.hours_since_update, 2.5, "hours_since_update");
    equal(wire.calls.length, 1, "requests sent");
  },

  async "requireFresh on a stale asset throws StalenessError"(env) {
    const freshness = new FreshnessResource(createTransport(options(env, countingFetch())));
    const error = await rejects(freshness.requireFresh(REVENUE), StalenessError, "requireFresh(stale)");
    equal(error.code, "DATA_STALE", "code");
    equal(error.asset, REVENUE, "asset");
    equal(error.threshold_hours, 24, "threshold_hours");
    equal(error.hours_since_update, 26.5, "hours_since_update");
    equal(error.freshness?.status, "stale", "freshness read");
  },

  async "a 404 maps to NotFoundError and is not retried"(env) {
    const wire = countingFetch();
    const client = new Client(options(env, wire));
    const error = await rejects(
      client.assets.get("snowflake.prod.warehouse.no_such_table"),
      NotFoundError,
      "assets.get(unknown)",
    );
    equal(error.status, 404, "status");
    equal(error.code, "ASSET_NOT_FOUND", "code");
    equal(error.retryable, false, "retryable");
    equal(wire.calls.length, 1, "attempts");
  },

  async "a 503 is retried and the call succeeds"(env) {
    const wire = countingFetch();
    const client = new Client(options(env, wire));
    const summary = await client.freshness.summary();
    assert(typeof summary.total_assets === "number" && summary.total_assets > 0, "summary has total_assets");
    equal(wire.to("GET /sdk/freshness/summary").length, 2, "attempts (503, then 200)");
  },

  async "an attempt past its timeout fails with TimeoutError after retries"(env) {
    const wire = countingFetch();
    const client = new Client(options(env, wire, { timeout: 150, maxRetries: 1 }));
    const started = Date.now();
    const error = await rejects(client.lineage.get(ORDERS), TimeoutError, "lineage.get(hanging)");
    equal(error.code, "TIMEOUT", "code");
    equal(wire.calls.length, 2, "attempts (a GET timeout is retried once)");
    assert(Date.now() - started < 10_000, `gave up in ${Date.now() - started} ms`);
  },

  async "the caller's abort rejects at once with AbortError"(env) {
    const wire = countingFetch();
    const client = new Client(options(env, wire, { timeout: 30_000 }));
    const controller = new AbortController();
    const reason = new Error("the user left the page");
    const started = Date.now();
    setTimeout(() => controller.abort(reason), 250);
    const error = await rejects(
      client.alerts.summary({ signal: controller.signal }),
      AbortError,
      "alerts.summary(aborted)",
    );
    equal(error.code, "ABORTED", "code");
    equal(error.cause, reason, "cause is the signal's reason");
    equal(wire.calls.length, 1, "attempts (no retry after an abort)");
    assert(Date.now() - started < 10_000, `aborted after ${Date.now() - started} ms`);
    const late = new AbortController();
    late.abort();
    await rejects(client.assets.list({}, { signal: late.signal }), AbortError, "already aborted signal");
    equal(wire.calls.length, 1, "nothing sent with an aborted signal");
  },

  async "iterate walks every page"(env) {
    const wire = countingFetch();
    const client = new Client(options(env, wire));
    const names = [];
    for await (const asset of client.assets.iterate({ limit: 5 })) names.push(asset.qualified_name);
    equal(names.length, DEMO_ASSETS, "assets yielded");
    equal(new Set(names).size, DEMO_ASSETS, "distinct assets");
    equal(
      wire.calls.join(" | "),
      [0, 5, 10, 15].map((o) => `GET /sdk/assets?limit=5&offset=${o}`).join(" | "),
      "pages requested",
    );
  },

  async "fetchQuery dedupes concurrent reads and serves the cache"(env) {
    const wire = countingFetch();
    const client = new Client(options(env, wire));
    const queryClient = new QueryClient();
    const q = armorQueries(client);
    const [a, b] = await Promise.all([
      queryClient.fetchQuery(q.freshness.get(CUSTOMERS)),
      queryClient.fetchQuery(q.freshness.get(CUSTOMERS)),
    ]);
    equal(a.qualified_name, CUSTOMERS, "fetched status");
    equal(b, a, "both callers get the same object");
    const cached = await queryClient.fetchQuery(q.freshness.get(CUSTOMERS));
    equal(cached, a, "a fresh cache entry is served");
    equal(wire.calls.length, 1, "upstream requests");
    queryClient.clear();
  },

  async "the freshness gate allows fresh data and refuses stale data"(env) {
    const wire = countingFetch();
    const reader = new FreshnessResource(createTransport(options(env, wire)));
    const gate = createFreshnessGate({ client: reader, assets: [ORDERS], match: "/reports/*" });
    const request = () => new Request("http://app.test/reports/orders");
    const decisions = await Promise.all([gate.check(request()), gate.check(request()), gate.check(request())]);
    for (const d of decisions) {
      equal(d.allow, true, "fresh: allow");
      equal(d.state, "fresh", "fresh: state");
    }
    equal(decisions[0].header, `fresh; asset=${ORDERS}; age_hours=2.5`, "X-Armor-Freshness");
    equal(wire.calls.length, 1, "one upstream check for concurrent requests");
    const outside = await gate.check(new Request("http://app.test/health"));
    equal(outside.gated, false, "unmatched path is not gated");
    equal(wire.calls.length, 1, "no check for an unmatched path");

    const staleGate = createFreshnessGate({ client: reader, assets: [REVENUE] });
    const stale = await staleGate.check(new Request("http://app.test/reports/revenue"));
    equal(stale.allow, false, "stale: allow");
    equal(stale.state, "stale", "stale: state");
    const response = staleGate.reject(stale);
    equal(response?.status, 503, "503 for stale data");
    equal(response.headers.get("content-type"), "application/problem+json", "problem content type");
    assert(Number(response.headers.get("retry-after")) > 0, "Retry-After is set");
    const problem = await response.json();
    equal(problem.code, "DATA_STALE", "problem code");
    equal(problem.asset, REVENUE, "problem asset");
  },
};

/**
 * Runs every case in order, never throwing.
 * @param env - `{ url, key }` of the sandbox
 * @returns `{ version, results: [{ name, ok, ms, error? }] }`
 */
export async function runSuite(env) {
  const results = [];
  for (const [name, run] of Object.entries(cases)) {
    const started = Date.now();
    try {
      await run(env);
      results.push({ name, ok: true, ms: Date.now() - started });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      results.push({ name, ok: false, ms: Date.now() - started, error: message });
    }
  }
  return { sdk: VERSION, results };
}
