/** Lineage: the graph raw → staging → warehouse → marts, listed and walked (`docs/python-parity.md`). */
import { bool, int, oneOf, paging, readQuery, str } from "../input";
import { ok, paged } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, State, TableRecord } from "../state";
import { lineageNodeView, traverse } from "../views";

/** Registers the lineage routes. */
export function register(router: Router, state: State): void {
  const byId = (id: string) => state.tables.find((t) => t.id === id) as TableRecord;
  const qn = (id: string) => byId(id)?.qualified_name ?? id;

  router.get("/sdk/lineage", (ctx) => {
    // `source`, `has_upstream`, `has_downstream` are the seed's filters; `asset_id` is armor-mcp's.
    const q = readQuery(ctx.query, {
      ...paging(50),
      source: str(),
      has_upstream: bool(),
      has_downstream: bool(),
      asset_id: str(),
    });
    const scope = q.asset_id ? new Set(state.tablesOf(state.asset(q.asset_id)).map((t) => t.id)) : undefined;
    const items = state.tables.filter((t) => {
      const up = state.lineage.filter((e) => e.target === t.id).length;
      const down = state.lineage.filter((e) => e.source === t.id).length;
      if (up + down === 0) return false;
      if (scope && !scope.has(t.id)) return false;
      if (q.source) {
        const s = state.sourceOf(t);
        if (![s.source_type, s.qualified_name, s.id].includes(q.source)) return false;
      }
      if (q.has_upstream !== undefined && q.has_upstream !== up > 0) return false;
      if (q.has_downstream !== undefined && q.has_downstream !== down > 0) return false;
      return true;
    });
    return paged("data", items, q.limit, q.offset, (t) => ({
      ...lineageNodeView(state, t),
      upstream_count: state.lineage.filter((e) => e.target === t.id).length,
      downstream_count: state.lineage.filter((e) => e.source === t.id).length,
    }));
  });

  router.get("/sdk/lineage/{asset_id}", (ctx) => {
    const asset: AssetRecord = state.asset(ctx.params.asset_id as string);
    const q = readQuery(ctx.query, {
      depth: int({ dflt: 1, min: 1, max: 5 }),
      direction: oneOf(["upstream", "downstream", "both"], { dflt: "both" }),
    });
    // A source is walked from all of its tables; its own tables are not listed as its neighbours.
    const start = state.tablesOf(asset).map((t) => t.id);
    const up = q.direction === "downstream" ? { ids: [], edges: [] } : traverse(state, start, "up", q.depth);
    const down = q.direction === "upstream" ? { ids: [], edges: [] } : traverse(state, start, "down", q.depth);
    const edges = [...up.edges, ...down.edges.filter((e) => !up.edges.includes(e))];
    return ok({
      root: lineageNodeView(state, asset),
      upstream: up.ids.map((id) => lineageNodeView(state, byId(id))),
      downstream: down.ids.map((id) => lineageNodeView(state, byId(id))),
      edges: edges.map((e) => ({
        source: qn(e.source),
        target: qn(e.target),
        edge_type: e.edge_type,
        confidence: e.confidence,
      })),
      depth: q.depth,
      direction: q.direction,
    });
  });
}
