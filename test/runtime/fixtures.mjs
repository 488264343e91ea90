/**
 * What the conformance suite expects of the sandbox it talks to: the demo catalogue's assets it reads,
 * and the faults the runner injects (createSandbox({ faults })). Shared by suite.mjs, which runs inside
 * each runtime, and run.mjs, which builds one sandbox per runtime from it — so the two cannot drift.
 */

/** Fresh at the sandbox's start: last load 2.5 h ago, threshold 24 h. */
export const ORDERS = "snowflake.prod.warehouse.orders";
/** Stale at the sandbox's start: last load 26.5 h ago, threshold 24 h. */
export const REVENUE = "snowflake.prod.marts.revenue_daily";
/** Fresh; read only by the query-layer case, so its request count is that case's alone. */
export const CUSTOMERS = "snowflake.prod.warehouse.customers";
/** Assets in the demo catalogue (sources and tables). */
export const DEMO_ASSETS = 18;

/**
 * One route per resilience case, so no other case can meet a fault: the first freshness summary gets
 * a 503 (once), lineage reads hang (the timeout case), the alerts summary hangs (the abort case).
 * Hangs end when the client gives up, as a stalled server's would.
 */
export const FAULTS = [
  { kind: "status", status: 503, routes: ["GET /sdk/freshness/summary"], times: 1 },
  { kind: "hang", routes: ["GET /sdk/lineage/{asset_id}"] },
  { kind: "hang", routes: ["GET /sdk/alerts/summary"] },
];
