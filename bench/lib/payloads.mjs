/**
 * Response bodies the stub fetches answer with: one freshness status (~0.3 KB) and a page of 100
 * (~33 KB), in the AnomalyArmor envelope (`docs/protocol.md` §2). Peers get the same bytes, except the openai
 * SDK's list, which needs its own `{ object: "list", data: [...] }` shape around the same items.
 */

export function status(i) {
  return {
    asset_id: `3f0c6f8e-2b7a-4d5e-9c1a-${String(100000000000 + i).slice(-12)}`,
    qualified_name: `snowflake.prod.warehouse.table_${i}`,
    status: i % 7 === 0 ? "stale" : "fresh",
    last_update_time: "2026-11-20T08:15:00Z",
    staleness_threshold_hours: 24,
    hours_since_update: 3.5 + (i % 20),
    is_stale: i % 7 === 0,
    checked_at: "2026-11-20T11:45:00Z",
  };
}

const items = Array.from({ length: 100 }, (_, i) => status(i + 1));

export const SMALL = JSON.stringify({ data: status(0) });
export const LIST = JSON.stringify({
  data: { data: items, pagination: { total: 100, limit: 100, offset: 0, has_more: false } },
});
export const OPENAI_SMALL = JSON.stringify({
  id: "gpt-bench",
  object: "model",
  created: 1,
  owned_by: "bench",
  ...status(0),
});
export const OPENAI_LIST = JSON.stringify({
  object: "list",
  data: items.map((s) => ({ id: s.asset_id, object: "model", created: 1, owned_by: "bench", ...s })),
});

const HEADERS = { "content-type": "application/json" };

/**
 * A fetch that never touches the network: it answers every call with a new Response over the given
 * text (a Response body can be read once). Counts its calls.
 */
export function stubFetch(text, { delayMs } = {}) {
  const stub = async (_input, _init) => {
    stub.calls++;
    if (delayMs !== undefined) await new Promise((r) => setTimeout(r, delayMs));
    return new Response(text, { status: 200, headers: HEADERS });
  };
  stub.calls = 0;
  return stub;
}
