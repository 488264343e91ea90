/**
 * A Worker serving reports that must never be built on stale data. Each report route is wrapped in a
 * freshness gate on the tables it reads: fresh tables serve the report (with `X-Armor-Freshness`),
 * a stale table answers 503 problem+json with `Retry-After`, and the gate asks the API at most once
 * per table per TTL however many requests arrive.
 */
import { withFreshnessGate, type WaitUntilContext } from "anomalyarmor/adapters";

/** Bindings: `[vars]` in wrangler.toml, plus the `ARMOR_API_KEY` secret. */
export interface Env {
  ARMOR_API_KEY: string;
  ARMOR_API_URL?: string;
  /** How long one freshness check answers for a table (ms). */
  FRESHNESS_TTL_MS?: string;
}

type Handler = (request: Request, env: Env, ctx: WaitUntilContext) => Promise<Response>;

const ORDERS = "snowflake.prod.warehouse.orders";
const REVENUE_DAILY = "snowflake.prod.marts.revenue_daily";

// Stand-ins for the real report builders: what matters here is what they read.
async function ordersReport(): Promise<Response> {
  return Response.json({ report: "orders", built_from: [ORDERS], generated_at: new Date().toISOString() });
}

async function revenueReport(): Promise<Response> {
  return Response.json({
    report: "revenue",
    built_from: [ORDERS, REVENUE_DAILY],
    generated_at: new Date().toISOString(),
  });
}

function buildRoutes(env: Env): Record<string, Handler> {
  const ttlMs = Number(env.FRESHNESS_TTL_MS) || 60_000;
  return {
    // Operational report: if the monitor itself is down, keep serving and say so in the header.
    "/reports/orders": withFreshnessGate(ordersReport, { assets: ORDERS, ttlMs, onError: "open" }),
    // Finance report: unverified is as bad as stale, so an unreachable monitor answers 503 too.
    "/reports/revenue": withFreshnessGate(revenueReport, { assets: [ORDERS, REVENUE_DAILY], ttlMs, onError: "closed" }),
  };
}

// Built on the first request (module scope has no env) and kept for the isolate's life, so every
// request shares one gate cache per route.
let routes: Record<string, Handler> | undefined;

export default {
  async fetch(request: Request, env: Env, ctx: WaitUntilContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    routes ??= buildRoutes(env);
    const route = routes[pathname];
    if (route) {
      if (request.method !== "GET" && request.method !== "HEAD")
        return new Response("Method Not Allowed", { status: 405, headers: { allow: "GET, HEAD" } });
      return route(request, env, ctx);
    }
    if (pathname === "/") return Response.json({ reports: Object.keys(routes) });
    return new Response("Not Found", { status: 404 });
  },
};
