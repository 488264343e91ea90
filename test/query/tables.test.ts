/**
 * The read table (`READS` in src/query/tables.ts) row by row: the exact key of every read and of every
 * list's infinite twin, and the page size each twin reads with when the params set no `limit`. The
 * expected keys follow the layout of docs/query.md ("Keys") and src/query/keys.ts's header; the page
 * sizes are the endpoints' default `limit` (docs/python-parity.md, docs/query.md: 50, and 100 for tags,
 * badges, snapshots and results). Both are written out here, never computed from the table, and a
 * meta-test fails when a read of `READS` has no row here, or a row no read.
 */
import { describe, expect, it } from "vitest";
import { armorKeys, armorQueries } from "../../src/query";
import { READS } from "../../src/query/tables";
import { useRemote } from "../helpers/remote";
import { ASSET as A, lenient, makeQueryClient } from "./fixtures";

const remote = useRemote();

const client = lenient();
const scope = client.transport.scope;
const DATE = new Date("2026-01-02T03:04:05Z");

type Builders = Record<string, Record<string, (...args: unknown[]) => unknown>>;
const keys = armorKeys(client) as unknown as Builders;
const queries = armorQueries(client) as unknown as Record<string, Record<string, (...args: unknown[]) => object>>;

/** One read: `"<resource>.<builder>"`, the builder's arguments, and its key after `[ns, scope, resource]`. */
type KeyRow = [read: string, args: unknown[], key: unknown[]];

/** The oracle of keys: every read of `READS`, then every infinite twin. */
const KEY_ROWS: KeyRow[] = [
  ["assets.list", [{ source: "snowflake", search: undefined }], ["list", { source: "snowflake" }]],
  ["assets.get", [A], ["asset", A, "get"]],
  ["freshness.summary", [], ["summary"]],
  ["freshness.list", [], ["list", {}]],
  ["freshness.get", [A], ["asset", A, "get"]],
  ["freshness.requireFresh", [A, { max_age_hours: 6 }], ["asset", A, "requireFresh", { max_age_hours: 6 }]],
  ["freshness.listSchedules", [{ asset_id: A }], ["schedules", { asset_id: A }]],
  ["schema.summary", [], ["summary"]],
  ["schema.changes", [{ severity: "critical", offset: 50 }], ["changes", { severity: "critical", offset: 50 }]],
  ["schema.get", [A], ["asset", A, "get"]],
  ["lineage.list", [{ limit: 10 }], ["list", { limit: 10 }]],
  ["lineage.get", [A], ["asset", A, "get", {}]],
  ["tags.list", [{ asset: A, category: "pii" }], ["asset", A, "list", { asset: A, category: "pii" }]],
  ["investigations.get", ["inv-1"], ["get", "inv-1"]],
  ["jobs.status", ["job-1"], ["status", "job-1"]],
  ["metrics.summary", [A], ["asset", A, "summary"]],
  ["metrics.list", [A, { is_active: true }], ["asset", A, "list", { is_active: true }]],
  ["metrics.get", [A, "m1"], ["asset", A, "get", "m1", {}]],
  ["metrics.snapshots", [A, "m1", { limit: 5 }], ["asset", A, "snapshots", "m1", { limit: 5 }]],
  ["validity.summary", [A], ["asset", A, "summary"]],
  ["validity.list", [A], ["asset", A, "list", {}]],
  ["validity.get", [A, "r1"], ["asset", A, "get", "r1"]],
  ["validity.results", [A, "r1"], ["asset", A, "results", "r1", {}]],
  ["referential.summary", [A], ["asset", A, "summary"]],
  ["referential.list", [A], ["asset", A, "list", {}]],
  ["referential.get", [A, "c1"], ["asset", A, "get", "c1"]],
  ["referential.results", [A, "c1"], ["asset", A, "results", "c1", {}]],
  ["alerts.summary", [], ["summary"]],
  ["alerts.list", [{ from_date: DATE }], ["list", { from_date: "2026-01-02T03:04:05.000Z" }]],
  ["alerts.listInbox", [{ state: "open" }], ["inbox", { state: "open" }]],
  ["alerts.rules", [], ["rules", {}]],
  ["alerts.getRule", ["rule-1"], ["rule", "rule-1"]],
  ["alerts.listDestinations", [], ["destinations", {}]],
  ["alerts.getDestination", ["dest-1"], ["destination", "dest-1"]],
  ["alerts.history", ["alert-1"], ["history", "alert-1"]],
  ["alerts.trends", [{ period: "7d" }], ["trends", { period: "7d" }]],
  ["apiKeys.list", [], ["list", {}]],
  ["apiKeys.get", ["key-1"], ["get", "key-1"]],
  ["apiKeys.usage", [], ["usage"]],
  ["badges.list", [{ active_only: true }], ["list", { active_only: true }]],
  ["badges.get", ["badge-1"], ["get", "badge-1"]],
  ["badges.getStatus", ["badge-1"], ["status", "badge-1"]],
  ["health.summary", [], ["summary"]],
  ["recommendations.freshness", [{ asset_id: A }], ["asset", A, "freshness", { asset_id: A }]],
  ["recommendations.metrics", [{ asset_id: A, limit: 5 }], ["asset", A, "metrics", { asset_id: A, limit: 5 }]],
  ["recommendations.coverage", [{ asset_id: A }], ["asset", A, "coverage", { asset_id: A }]],
  ["recommendations.thresholds", [{ asset_id: A }], ["asset", A, "thresholds", { asset_id: A }]],
  // Infinite twins: `"infinite"` and the params less `offset` in place of the params.
  ["assets.infinite", [{ source: "snowflake", offset: 100 }], ["list", "infinite", { source: "snowflake" }]],
  ["freshness.infinite", [], ["list", "infinite", {}]],
  ["freshness.infiniteSchedules", [{ asset_id: A }], ["schedules", "infinite", { asset_id: A }]],
  ["schema.infiniteChanges", [{ offset: 50 }], ["changes", "infinite", {}]],
  ["lineage.infinite", [{ limit: 10 }], ["list", "infinite", { limit: 10 }]],
  ["tags.infinite", [{ asset: A }], ["asset", A, "list", "infinite", { asset: A }]],
  ["metrics.infinite", [A], ["asset", A, "list", "infinite", {}]],
  ["metrics.infiniteSnapshots", [A, "m1", { offset: 3 }], ["asset", A, "snapshots", "m1", "infinite", {}]],
  ["validity.infinite", [A, { is_active: false }], ["asset", A, "list", "infinite", { is_active: false }]],
  ["validity.infiniteResults", [A, "r1"], ["asset", A, "results", "r1", "infinite", {}]],
  ["referential.infinite", [A], ["asset", A, "list", "infinite", {}]],
  ["referential.infiniteResults", [A, "c1"], ["asset", A, "results", "c1", "infinite", {}]],
  ["alerts.infinite", [{ severity: "critical" }], ["list", "infinite", { severity: "critical" }]],
  ["alerts.infiniteInbox", [], ["inbox", "infinite", {}]],
  ["alerts.infiniteRules", [], ["rules", "infinite", {}]],
  ["alerts.infiniteDestinations", [], ["destinations", "infinite", {}]],
  ["apiKeys.infinite", [], ["list", "infinite", {}]],
  ["badges.infinite", [], ["list", "infinite", {}]],
];

/** One infinite twin: its arguments, and the page size it reads with when the params set no `limit`. */
type PageRow = [twin: string, size: number, args: unknown[]];

/** The oracle of page sizes: each endpoint's default `limit`. */
const PAGE_ROWS: PageRow[] = [
  ["assets.infinite", 50, []],
  ["freshness.infinite", 50, []],
  ["freshness.infiniteSchedules", 50, []],
  ["schema.infiniteChanges", 50, []],
  ["lineage.infinite", 50, []],
  ["tags.infinite", 100, [{ asset: A }]],
  ["metrics.infinite", 50, [A]],
  ["metrics.infiniteSnapshots", 100, [A, "m1"]],
  ["validity.infinite", 50, [A]],
  ["validity.infiniteResults", 100, [A, "r1"]],
  ["referential.infinite", 50, [A]],
  ["referential.infiniteResults", 100, [A, "c1"]],
  ["alerts.infinite", 50, []],
  ["alerts.infiniteInbox", 50, []],
  ["alerts.infiniteRules", 50, []],
  ["alerts.infiniteDestinations", 50, []],
  ["apiKeys.infinite", 50, []],
  ["badges.infinite", 100, []],
];

const split = (read: string) => read.split(".") as [string, string];

/** The builders `READS` must produce, named without the code under test: a read, and a list's twin. */
function readsOfTable(): { reads: string[]; twins: string[] } {
  const reads: string[] = [];
  const twins: string[] = [];
  for (const [resource, group] of Object.entries(READS)) {
    for (const [name, call] of Object.entries(group)) {
      reads.push(`${resource}.${name}`);
      const rest = name.startsWith("list") ? name.slice(4) : name[0]!.toUpperCase() + name.slice(1);
      if ("pages" in call) twins.push(`${resource}.infinite${rest}`);
    }
  }
  return { reads, twins };
}

describe("read table: keys", () => {
  it.each(KEY_ROWS)("%s should key as written", (read, args, key) => {
    const [resource, builder] = split(read);
    const expected = ["anomalyarmor", scope, resource, ...key];
    // Strict: a key must not keep a param set to `undefined` (see keys.ts's `clean`).
    expect(keys[resource]![builder]!(...args)).toStrictEqual(expected);
    // The query options carry the same key: they build it from the same arguments.
    expect(queries[resource]![builder]!(...args)).toMatchObject({ queryKey: expected });
  });

  it("should give each resource's key factory exactly its reads' builders, `all`, and `asset` where a read is about one asset", () => {
    const perAsset = [
      "assets",
      "freshness",
      "schema",
      "lineage",
      "tags",
      "metrics",
      "validity",
      "referential",
      "recommendations",
    ];
    const resources = [...perAsset, "intelligence", "investigations", "jobs", "alerts", "apiKeys", "badges", "health"];
    expect(Object.keys(keys).sort()).toEqual(["all", ...resources].sort());
    for (const resource of resources) {
      const builders = KEY_ROWS.filter(([read]) => split(read)[0] === resource).map(([read]) => split(read)[1]);
      const expected = ["all", ...(perAsset.includes(resource) ? ["asset"] : []), ...builders];
      expect(Object.keys(keys[resource]!).sort(), resource).toEqual(expected.sort());
    }
  });

  it("meta: every read and every infinite twin of READS has a key row, and every row is one", () => {
    const { reads, twins } = readsOfTable();
    const rows = KEY_ROWS.map(([read]) => read);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual([...reads, ...twins].sort());
    expect(rows).toHaveLength(47 + 18);
  });
});

describe("read table: page sizes", () => {
  it.each(PAGE_ROWS)("%s should read pages of %i by default", async (twin, size, args) => {
    const [resource, builder] = split(twin);
    const options = queries[resource]![builder]!(...args) as {
      getNextPageParam: (page: { items: unknown[]; offset: number; has_more: boolean }) => number | undefined;
    };
    // No reply queued: the stand-in answers 599, and the first page's request is all this row needs.
    await makeQueryClient()
      .fetchInfiniteQuery(options as never)
      .catch(() => undefined);
    expect(remote.requests).toHaveLength(1);
    expect(remote.requests[0]!.query).toContainEqual(["limit", String(size)]);
    expect(remote.requests[0]!.query).toContainEqual(["offset", "0"]);
    // The next page starts one page further on.
    expect(options.getNextPageParam({ items: [], offset: 0, has_more: true })).toBe(size);
    expect(options.getNextPageParam({ items: [], offset: 2 * size, has_more: true })).toBe(3 * size);
  });

  it.each(PAGE_ROWS)("%s (default %i) should read pages of the params' limit when given", async (twin, _size, args) => {
    const [resource, builder] = split(twin);
    const params = { ...((args.length > 0 && typeof args.at(-1) === "object" ? args.at(-1) : {}) as object), limit: 7 };
    const ids = args.filter((a) => typeof a === "string");
    const options = queries[resource]![builder]!(...ids, params) as {
      getNextPageParam: (page: { items: unknown[]; offset: number; has_more: boolean }) => number | undefined;
    };
    await makeQueryClient()
      .fetchInfiniteQuery(options as never)
      .catch(() => undefined);
    expect(remote.requests[0]!.query).toContainEqual(["limit", "7"]);
    expect(options.getNextPageParam({ items: [], offset: 7, has_more: true })).toBe(14);
  });

  it("meta: every list of READS with an infinite twin has a page-size row, and every row is one", () => {
    const rows = PAGE_ROWS.map(([twin]) => twin);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(readsOfTable().twins.sort());
    expect(rows).toHaveLength(18);
  });
});
