/** Tags: list, create, apply (tags × paths), bulk-apply (one tag × assets) (`docs/python-parity.md`). */
import { arrayOf, oneOf, paging, readBody, readQuery, str } from "../input";
import { notFound, ok, paged } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, State, TagRecord } from "../state";

export const CATEGORIES = ["business", "technical", "governance"] as const;

function tagView(state: State, t: TagRecord): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    category: t.category,
    description: t.description,
    object_path: t.object_path,
    object_type: t.object_type,
    asset_id: t.asset_id,
    created_at: state.iso(t.created_at),
  };
}

/** Tags listed for an asset: those carrying its id (a source: its own and its tables'). */
function tagsOf(state: State, asset: AssetRecord): TagRecord[] {
  const ids = state.idsUnder(asset);
  return state.tags.filter((t) => ids.has(t.asset_id));
}

/** Checks that `schema.table` or `schema.table.column` exists in the asset's source; returns the object type. */
function resolvePath(state: State, asset: AssetRecord, path: string): "table" | "column" | undefined {
  const parts = path.split(".");
  if (parts.length < 2 || parts.length > 3) return undefined;
  const table = state.findTable(asset, `${parts[0]}.${parts[1]}`);
  if (!table) return undefined;
  if (parts.length === 2) return "table";
  return table.columns.some((c) => c.name === parts[2]) ? "column" : undefined;
}

/** Registers the tags routes. */
export function register(router: Router, state: State): void {
  /** Adds a tag unless an identical one exists; returns the tag and whether it is new. */
  const addTag = (
    asset: AssetRecord,
    name: string,
    category: string,
    path: string | null,
    type: string | null,
    description: string | null,
  ): [TagRecord, boolean] => {
    const existing = state.tags.find((t) => t.asset_id === asset.id && t.name === name && t.object_path === path);
    if (existing) return [existing, false];
    const tag: TagRecord = {
      id: state.uuid(),
      name,
      category,
      description,
      asset_id: asset.id,
      object_path: path,
      object_type: type,
      created_at: state.now(),
    };
    state.tags.push(tag);
    return [tag, true];
  };

  router.get("/sdk/tags", (ctx) => {
    const q = readQuery(ctx.query, {
      asset_id: str({ required: true }),
      ...paging(100, 500),
      category: oneOf(CATEGORIES),
      object_path: str(),
    });
    let items = tagsOf(state, state.asset(q.asset_id));
    if (q.category) items = items.filter((t) => t.category === q.category);
    if (q.object_path) items = items.filter((t) => t.object_path === q.object_path);
    return paged("tags", items, q.limit, q.offset, (t) => tagView(state, t));
  });

  router.post("/sdk/tags", (ctx) => {
    const b = readBody(ctx.body, {
      asset_id: str({ required: true }),
      name: str({ required: true, nonEmpty: true }),
      category: oneOf(CATEGORIES, { dflt: "business" }),
      object_type: oneOf(["table", "column"], { dflt: "table" }),
      object_path: str({ required: true, nonEmpty: true }),
      description: str(),
    });
    const asset = state.asset(b.asset_id);
    const kind = resolvePath(state, asset, b.object_path);
    if (!kind) throw notFound("object", b.object_path);
    const [tag, created] = addTag(asset, b.name, b.category, b.object_path, b.object_type, b.description ?? null);
    if (created) state.effect("tags.create");
    return ok(tagView(state, tag), created ? 201 : 200);
  });

  router.post("/sdk/tags/apply", (ctx) => {
    const b = readBody(ctx.body, {
      asset_id: str({ required: true }),
      tag_names: arrayOf(str({ nonEmpty: true }), { required: true, min: 1 }),
      object_paths: arrayOf(str({ nonEmpty: true }), { required: true, min: 1 }),
      category: oneOf(CATEGORIES, { dflt: "business" }),
    });
    const asset = state.asset(b.asset_id);
    let applied = 0;
    let failed = 0;
    let created = 0;
    for (const path of b.object_paths) {
      const kind = resolvePath(state, asset, path);
      for (const name of b.tag_names) {
        if (!kind) {
          failed++;
          continue;
        }
        applied++;
        if (addTag(asset, name, b.category, path, kind, null)[1]) created++;
      }
    }
    if (created) state.effect("tags.apply", created);
    return ok({ applied, failed, total: b.tag_names.length * b.object_paths.length });
  });

  router.post("/sdk/tags/bulk-apply", (ctx) => {
    const b = readBody(ctx.body, {
      tag_name: str({ required: true, nonEmpty: true }),
      asset_ids: arrayOf(str(), { required: true, min: 1 }),
      category: oneOf(CATEGORIES, { dflt: "business" }),
    });
    let applied = 0;
    let failed = 0;
    let created = 0;
    for (const ref of b.asset_ids) {
      const asset = state.findAsset(ref);
      if (!asset) {
        failed++;
        continue;
      }
      applied++;
      const path = asset.kind === "table" ? state.tablePath(asset) : null;
      if (addTag(asset, b.tag_name, b.category, path, asset.kind === "table" ? "table" : null, null)[1]) created++;
    }
    if (created) state.effect("tags.bulk_apply", created);
    return ok({ applied, failed, total: b.asset_ids.length });
  });
}
