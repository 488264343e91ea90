/** Badges: CRUD and a status computed from freshness and schema drift (requests in `docs/python-parity.md`). */
import { arrayOf, bool, paging, readBody, readQuery, str } from "../input";
import { noContent, notFound, ok, paged } from "../respond";
import type { Router } from "../router";
import type { BadgeRecord, State, TableRecord } from "../state";
import { freshnessFacts, tagNamesOf, traverse } from "../views";

/** Registers the badges routes. */
export function register(router: Router, state: State): void {
  const url = (request: Request, b: BadgeRecord) => `${new URL(request.url).origin}/badges/${b.id}.svg`;
  const view = (request: Request, b: BadgeRecord) => ({
    id: b.id,
    internal_id: b.internal_id,
    label: b.label,
    asset_id: b.asset_id,
    tag_filters: [...b.tag_filters],
    schema_drift_enabled: b.schema_drift_enabled,
    freshness_enabled: b.freshness_enabled,
    include_upstream: b.include_upstream,
    is_active: b.is_active,
    badge_url: url(request, b),
    created_at: state.iso(b.created_at),
    updated_at: state.iso(b.updated_at),
  });
  // A badge id is its public UUID or its internal id.
  const find = (id: string) => {
    const b = state.badges.find((x) => x.id === id.toLowerCase() || String(x.internal_id) === id);
    if (!b) throw notFound("badge", id);
    return b;
  };

  /** Tables a badge watches: its asset's, plus upstream ones if asked, narrowed by tag filters. */
  const watched = (b: BadgeRecord): TableRecord[] => {
    const asset = state.findAsset(b.asset_id);
    if (!asset) return [];
    let tables = state.tablesOf(asset);
    if (b.include_upstream) {
      const up = new Set(
        traverse(
          state,
          tables.map((t) => t.id),
          "up",
          5,
        ).ids,
      );
      tables = [...tables, ...state.tables.filter((t) => up.has(t.id))];
    }
    if (b.tag_filters.length)
      tables = tables.filter((t) => tagNamesOf(state, t).some((n) => b.tag_filters.includes(n)));
    return tables;
  };

  router.post(
    "/sdk/badges",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true, nonEmpty: true }),
        label: str({ dflt: "AnomalyArmor", nonEmpty: true }),
        tag_filters: arrayOf(str(), { dflt: [] }),
        schema_drift_enabled: bool({ dflt: true }),
        freshness_enabled: bool({ dflt: true }),
        include_upstream: bool({ dflt: false }),
      });
      const asset = state.asset(b.asset_id);
      const now = state.now();
      const badge: BadgeRecord = {
        id: state.uuid(),
        internal_id: state.nextInt("badge"),
        label: b.label,
        asset_id: asset.id,
        tag_filters: b.tag_filters,
        schema_drift_enabled: b.schema_drift_enabled,
        freshness_enabled: b.freshness_enabled,
        include_upstream: b.include_upstream,
        is_active: true,
        created_at: now,
        updated_at: now,
      };
      state.badges.push(badge);
      return ok(view(ctx.request, badge), 201);
    },
    { effect: "badges.create" },
  );

  router.get("/sdk/badges", (ctx) => {
    const q = readQuery(ctx.query, { active_only: bool({ dflt: true }), ...paging(100, 500) });
    const items = q.active_only ? state.badges.filter((b) => b.is_active) : state.badges;
    return paged("badges", items, q.limit, q.offset, (b) => view(ctx.request, b));
  });

  router.get("/sdk/badges/{badge_id}", (ctx) => ok(view(ctx.request, find(ctx.params.badge_id as string))));

  router.put("/sdk/badges/{badge_id}", (ctx) => {
    const badge = find(ctx.params.badge_id as string);
    const b = readBody(ctx.body, {
      label: str({ nonEmpty: true }),
      tag_filters: arrayOf(str()),
      schema_drift_enabled: bool(),
      freshness_enabled: bool(),
      include_upstream: bool(),
      is_active: bool(),
    });
    const before = JSON.stringify(badge);
    if (b.label !== undefined) badge.label = b.label;
    if (b.tag_filters !== undefined) badge.tag_filters = b.tag_filters;
    if (b.schema_drift_enabled !== undefined) badge.schema_drift_enabled = b.schema_drift_enabled;
    if (b.freshness_enabled !== undefined) badge.freshness_enabled = b.freshness_enabled;
    if (b.include_upstream !== undefined) badge.include_upstream = b.include_upstream;
    if (b.is_active !== undefined) badge.is_active = b.is_active;
    if (JSON.stringify(badge) !== before) {
      badge.updated_at = state.now();
      state.effect("badges.update");
    }
    return ok(view(ctx.request, badge));
  });

  router.delete(
    "/sdk/badges/{badge_id}",
    (ctx) => {
      const badge = find(ctx.params.badge_id as string);
      state.badges.splice(state.badges.indexOf(badge), 1);
      return noContent();
    },
    { effect: "badges.delete" },
  );

  router.get("/sdk/badges/{badge_id}/status", (ctx) => {
    const badge = find(ctx.params.badge_id as string);
    const tables = watched(badge);
    const reasons: string[] = [];
    let known = false;
    for (const t of tables) {
      if (badge.freshness_enabled) {
        const f = freshnessFacts(state, t);
        if (f.status === "fresh" || f.status === "stale") known = true;
        if (f.status === "stale") reasons.push(`${t.qualified_name} is stale`);
      }
      if (badge.schema_drift_enabled) {
        known = true;
        const open = state.schemaChanges.filter((c) => c.asset_id === t.id && !c.acknowledged && c.severity !== "info");
        if (open.length) reasons.push(`${t.qualified_name} has ${open.length} unacknowledged schema change(s)`);
      }
    }
    const status = !badge.is_active || !known ? "unknown" : reasons.length ? "failing" : "passing";
    return ok({
      badge_id: badge.id,
      status,
      badge_url: url(ctx.request, badge),
      label: badge.label,
      tables_checked: tables.length,
      reasons,
      checked_at: state.iso(),
    });
  });
}
