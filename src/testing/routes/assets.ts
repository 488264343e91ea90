/** Assets: list, get, create (a source), test-connection, discover (a job) (requests in `docs/python-parity.md`). */
import { obj, oneOf, paging, readBody, readQuery, str } from "../input";
import { ok, paged } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, SourceRecord, State } from "../state";
import { assetView } from "../views";

/** Source types `assets.create` accepts (`docs/python-parity.md`). */
export const SOURCE_TYPES = [
  "snowflake",
  "postgresql",
  "databricks",
  "bigquery",
  "redshift",
  "mysql",
  "clickhouse",
] as const;

/** Whether an asset belongs to the source named by a filter (source type, qualified name, name or id). */
function inSource(state: State, asset: AssetRecord, filter: string): boolean {
  const s = state.sourceOf(asset);
  const f = filter.toLowerCase();
  return s.source_type === f || s.qualified_name.toLowerCase() === f || s.name.toLowerCase() === f || s.id === f;
}

/** What discovery finds in a source that has no tables yet: a small, plausible schema. */
function discoverTables(state: State, source: SourceRecord, at: number): void {
  const made = [
    state.createTable({
      source,
      schema: "public",
      table: "users",
      columns: [
        { name: "id", type: "integer", nullable: false },
        { name: "email", type: "varchar", nullable: true },
        { name: "created_at", type: "timestamp", nullable: false },
      ],
      rows: Array.from({ length: 25 }, (_, i) => ({
        id: i + 1,
        email: `user${i + 1}@example.com`,
        created_at: new Date(at - (i + 1) * 3_600_000).toISOString(),
      })),
      loads: [at],
      threshold_hours: 24,
    }),
    state.createTable({
      source,
      schema: "public",
      table: "events",
      columns: [
        { name: "id", type: "integer", nullable: false },
        { name: "user_id", type: "integer", nullable: true },
        { name: "name", type: "varchar", nullable: false },
        { name: "occurred_at", type: "timestamp", nullable: false },
      ],
      rows: Array.from({ length: 60 }, (_, i) => ({
        id: i + 1,
        user_id: 1 + (i % 25),
        name: ["signup", "login", "purchase"][i % 3],
        occurred_at: new Date(at - i * 600_000).toISOString(),
      })),
      loads: [at],
      threshold_hours: 6,
    }),
  ];
  for (const table of made) {
    state.schemaChanges.push({
      id: state.uuid(),
      asset_id: table.id,
      change_type: "table_added",
      severity: "info",
      column_name: null,
      old_value: null,
      new_value: table.qualified_name,
      detected_at: at,
      acknowledged: false,
    });
  }
}

/** Registers the assets routes. */
export function register(router: Router, state: State): void {
  router.get("/sdk/assets", (ctx) => {
    const q = readQuery(ctx.query, { ...paging(50), source: str(), asset_type: str(), search: str() });
    const needle = q.search?.toLowerCase();
    const items = state.assets().filter((a) => {
      if (q.source && !inSource(state, a, q.source)) return false;
      if (q.asset_type && (a.kind === "table" ? a.asset_type : "database") !== q.asset_type) return false;
      if (needle && ![a.qualified_name, a.name, a.description ?? ""].some((t) => t.toLowerCase().includes(needle)))
        return false;
      return true;
    });
    return paged("data", items, q.limit, q.offset, (a) => assetView(state, a));
  });

  router.get("/sdk/assets/{asset_id}", (ctx) => ok(assetView(state, state.asset(ctx.params.asset_id as string))));

  router.post(
    "/sdk/assets",
    (ctx) => {
      const b = readBody(ctx.body, {
        name: str({ required: true, nonEmpty: true }),
        source_type: oneOf(SOURCE_TYPES, { required: true }),
        connection_config: obj({ required: true }),
        description: str(),
      });
      const c = b.connection_config;
      const pickName = [c.database, c.dbname, c.project, c.catalog].find((v) => typeof v === "string" && v !== "") as
        string | undefined;
      const database =
        pickName ??
        b.name
          .toLowerCase()
          .replace(/[^a-z0-9_]+/g, "_")
          .replace(/^_+|_+$/g, "");
      // The secret part of a connection is never echoed back; the store keeps only what is safe to show.
      const safeConfig = Object.fromEntries(
        Object.entries(c).filter(([k]) => !/password|secret|token|private_key/i.test(k)),
      );
      const source = state.createSource({
        source_type: b.source_type,
        database: database || "default",
        name: b.name,
        description: b.description,
        connection_config: safeConfig,
      });
      return ok(assetView(state, source), 201);
    },
    { effect: "assets.create" },
  );

  router.post("/sdk/assets/{asset_id}/test-connection", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const source = state.sourceOf(asset);
    const broken = source.connection_config.host === "unreachable.invalid";
    return ok({
      success: !broken,
      latency_ms: broken ? null : state.rng.int(12, 180),
      error_message: broken ? "Could not connect: host unreachable.invalid did not answer" : null,
      error_code: broken ? "CONNECTION_FAILED" : null,
      tested_at: state.iso(),
    });
  });

  router.post(
    "/sdk/assets/{asset_id}/discover",
    (ctx) => {
      const asset = state.asset(ctx.params.asset_id as string);
      const source = state.sourceOf(asset);
      const job = state.startJob("discovery", asset.id, (at) => {
        if (state.tablesOf(source).length === 0) discoverTables(state, source, at);
        source.discovered_at = at;
      });
      return ok(
        {
          job_id: job.job_id,
          asset_id: asset.id,
          status: "started",
          message: "Discovery started",
          started_at: state.iso(job.created_at),
        },
        202,
      );
    },
    { effect: "assets.discover" },
  );
}
