/**
 * The invalidation table (src/query/invalidation.ts) row by row: every write of `WRITES` runs through
 * `armorMutations` against a cache holding every read of two assets and of a second client, and must
 * mark exactly the entries written out here stale. The expectations come from docs/query.md ("Writes
 * and invalidation") and from what each write changes on the server (docs/python-parity.md), never
 * from the table; a meta-test fails when a write has no row here, or a row no write.
 */
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors";
import { armorKeys, armorMutations, type ArmorMutationOptions } from "../../src/query";
import { INVALIDATIONS } from "../../src/query/invalidation";
import { WRITES } from "../../src/query/tables";
import { useRemote } from "../helpers/remote";
import { ASSET as A, OTHER_ASSET as B, runMutation, seeded } from "./fixtures";
import { freshnessOf, metricsOf } from "./stale-entries";

const remote = useRemote();

const UUID = "22222222-2222-4222-8222-222222222222";

type M = ReturnType<typeof armorMutations>;
/** One row: the write, how to build its options, what `mutate()` gets, what must be stale after it. */
type Row = [write: string, build: (m: M) => ArmorMutationOptions<unknown, any>, variables: unknown, stale: string[]];

// Entries by the names `everyKey` gives them (fixtures.ts): ids of asset `a` read `${a}:<kind>`.
const validityOf = (a: string) => [
  `validity.get(${a})`,
  `validity.infinite(${a})`,
  `validity.infiniteResults(${a})`,
  `validity.list(${a})`,
  `validity.results(${a})`,
  `validity.summary(${a})`,
];
const referentialOf = (a: string) => [
  `referential.get(${a})`,
  `referential.infinite(${a})`,
  `referential.infiniteResults(${a})`,
  `referential.list(${a})`,
  `referential.results(${a})`,
  `referential.summary(${a})`,
];
const apiKeys = [`apiKeys.get(${A}:key)`, `apiKeys.get(${B}:key)`, "apiKeys.infinite", "apiKeys.list", "apiKeys.usage"];
/** An alert's state changed: alert and inbox lists, its history, the alerts summary, the health summary. */
const alertState = (id: string) => [
  "alerts.infinite",
  "alerts.infiniteInbox",
  "alerts.list",
  "alerts.listInbox",
  `alerts.history(${id})`,
  "alerts.summary",
  "health.summary",
];
const freshnessOfA = freshnessOf(A);
/** Every freshness read of both assets, and the health summary that embeds the freshness summary. */
const allFreshness = [
  `freshness.get(${A})`,
  `freshness.get(${B})`,
  `freshness.requireFresh(${A})`,
  `freshness.requireFresh(${B})`,
  `freshness.listSchedules(${A})`,
  `freshness.listSchedules(${B})`,
  "freshness.infinite",
  "freshness.infiniteSchedules",
  "freshness.list",
  "freshness.summary",
  "health.summary",
];
const badge = (id: string) => ["badges.infinite", "badges.list", `badges.get(${id})`, `badges.getStatus(${id})`];

/** The writes that start a job and invalidate once it has completed (docs/query.md). */
const STARTS_A_JOB = ["assets.triggerDiscovery", "freshness.refresh", "schema.refresh"];

/** The oracle: one row per write. */
const ROWS: Row[] = [
  // assets
  [
    "assets.create",
    (m) => m.assets.create(),
    { name: "wh", source_type: "snowflake", connection_config: {} },
    ["assets.infinite", "assets.list"],
  ],
  ["assets.testConnection", (m) => m.assets.testConnection(A), undefined, []],
  [
    "assets.triggerDiscovery",
    (m) => m.assets.triggerDiscovery(A, { intervalMs: 1 }),
    undefined,
    [
      "assets.infinite",
      "assets.list",
      `assets.get(${A})`,
      `assets.get(${B})`,
      "schema.summary",
      "schema.infiniteChanges",
      `schema.changes(${A})`,
      `schema.changes(${B})`,
      `schema.get(${A})`,
      `schema.get(${B})`,
      "lineage.infinite",
      "lineage.list",
      `lineage.get(${A})`,
      `lineage.get(${B})`,
    ],
  ],

  // freshness
  ["freshness.refresh", (m) => m.freshness.refresh(A, { intervalMs: 1 }), undefined, freshnessOfA],
  [
    "freshness.createSchedule",
    (m) => m.freshness.createSchedule(),
    { asset_id: A, table_path: "warehouse.orders", check_interval: "1h" },
    [...freshnessOfA, "freshness.infiniteSchedules", `freshness.listSchedules(${A})`, `freshness.listSchedules(${B})`],
  ],
  ["freshness.updateSchedule", (m) => m.freshness.updateSchedule("s9"), { check_interval: "6h" }, allFreshness],
  ["freshness.deleteSchedule", (m) => m.freshness.deleteSchedule("s9"), undefined, allFreshness],
  [
    "freshness.dryRun",
    (m) => m.freshness.dryRun(),
    { asset_id: A, table_path: "warehouse.orders", expected_interval_hours: 24 },
    [],
  ],

  // schema
  [
    "schema.refresh",
    (m) => m.schema.refresh(A, { intervalMs: 1 }),
    undefined,
    [
      `schema.get(${A})`,
      `schema.changes(${A})`,
      `schema.changes(${B})`,
      "schema.infiniteChanges",
      "schema.summary",
      "health.summary",
    ],
  ],
  ["schema.createBaseline", (m) => m.schema.createBaseline(A), undefined, [`schema.get(${A})`]],
  ["schema.enableMonitoring", (m) => m.schema.enableMonitoring(A), undefined, [`schema.get(${A})`]],
  ["schema.disableMonitoring", (m) => m.schema.disableMonitoring(A), undefined, [`schema.get(${A})`]],
  ["schema.dryRun", (m) => m.schema.dryRun(), { asset_id: A }, []],

  // tags
  [
    "tags.create",
    (m) => m.tags.create(),
    { asset: A, name: "pii", object_path: "warehouse.orders" },
    [`tags.infinite(${A})`, `tags.list(${A})`],
  ],
  [
    "tags.apply",
    (m) => m.tags.apply(),
    { asset: A, tag_names: ["pii"], object_paths: ["warehouse.orders"] },
    [`tags.infinite(${A})`, `tags.list(${A})`],
  ],
  [
    "tags.bulkApply",
    (m) => m.tags.bulkApply(),
    { tag_name: "pii", asset_ids: [A, B] },
    [`tags.infinite(${A})`, `tags.infinite(${B})`, `tags.list(${A})`, `tags.list(${B})`],
  ],

  // intelligence, investigations
  ["intelligence.ask", (m) => m.intelligence.ask(), { asset: A, question: "What is in orders?" }, []],
  ["intelligence.generate", (m) => m.intelligence.generate(), { asset: A }, []],
  ["investigations.explain", (m) => m.investigations.explain(), { asset_id: UUID }, []],

  // metrics
  [
    "metrics.create",
    (m) => m.metrics.create(A),
    { metric_type: "row_count", table_path: "warehouse.orders" },
    metricsOf(A),
  ],
  ["metrics.update", (m) => m.metrics.update(A, "m9"), { is_active: false }, metricsOf(A)],
  ["metrics.delete", (m) => m.metrics.delete(A, "m9"), undefined, metricsOf(A)],
  ["metrics.capture", (m) => m.metrics.capture(A, "m9"), undefined, metricsOf(A)],
  [
    "metrics.dryRun",
    (m) => m.metrics.dryRun(),
    { asset_id: A, table_path: "warehouse.orders", metric_type: "row_count" },
    [],
  ],

  // validity
  [
    "validity.create",
    (m) => m.validity.create(A),
    { rule_type: "NOT_NULL", table_path: "warehouse.orders", column_name: "id" },
    validityOf(A),
  ],
  ["validity.update", (m) => m.validity.update(A, "r9"), { severity: "critical" }, validityOf(A)],
  ["validity.delete", (m) => m.validity.delete(A, "r9"), undefined, validityOf(A)],
  ["validity.check", (m) => m.validity.check(A, "r9"), undefined, validityOf(A)],

  // referential
  [
    "referential.create",
    (m) => m.referential.create(A),
    {
      child_table_path: "w.orders",
      child_column_name: "customer_id",
      parent_table_path: "w.customers",
      parent_column_name: "id",
    },
    referentialOf(A),
  ],
  ["referential.update", (m) => m.referential.update(A, "c9"), { name: "fk" }, referentialOf(A)],
  ["referential.delete", (m) => m.referential.delete(A, "c9"), undefined, referentialOf(A)],
  ["referential.execute", (m) => m.referential.execute(A, "c9"), undefined, referentialOf(A)],

  // alerts
  [
    "alerts.createRule",
    (m) => m.alerts.createRule(),
    { name: "r", destination_ids: [UUID] },
    ["alerts.infiniteRules", "alerts.rules", "alerts.summary", "health.summary"],
  ],
  [
    "alerts.deleteRule",
    (m) => m.alerts.deleteRule(`${A}:rule`),
    undefined,
    ["alerts.infiniteRules", "alerts.rules", `alerts.getRule(${A}:rule)`, "alerts.summary", "health.summary"],
  ],
  [
    "alerts.createDestination",
    (m) => m.alerts.createDestination(),
    { name: "ops", destination_type: "slack", config: { channel: "#ops" } },
    ["alerts.infiniteDestinations", "alerts.listDestinations"],
  ],
  [
    "alerts.deleteDestination",
    (m) => m.alerts.deleteDestination(`${A}:dest`),
    undefined,
    [
      `alerts.getDestination(${A}:dest)`,
      `alerts.getRule(${A}:rule)`,
      `alerts.getRule(${B}:rule)`,
      "alerts.infiniteDestinations",
      "alerts.infiniteRules",
      "alerts.listDestinations",
      "alerts.rules",
    ],
  ],
  ["alerts.acknowledge", (m) => m.alerts.acknowledge(`${A}:alert`), undefined, alertState(`${A}:alert`)],
  ["alerts.resolve", (m) => m.alerts.resolve(`${B}:alert`), undefined, alertState(`${B}:alert`)],
  ["alerts.dismiss", (m) => m.alerts.dismiss(`${A}:alert`), undefined, alertState(`${A}:alert`)],
  ["alerts.snooze", (m) => m.alerts.snooze(`${A}:alert`), { duration_hours: 4 }, alertState(`${A}:alert`)],
  ["alerts.preview", (m) => m.alerts.preview(), undefined, []],

  // api keys
  ["apiKeys.create", (m) => m.apiKeys.create(), { name: "ci" }, apiKeys],
  ["apiKeys.revoke", (m) => m.apiKeys.revoke("k9"), undefined, apiKeys],

  // badges
  ["badges.create", (m) => m.badges.create(), { asset: A }, ["badges.infinite", "badges.list"]],
  ["badges.update", (m) => m.badges.update(`${A}:badge`), { label: "orders" }, badge(`${A}:badge`)],
  ["badges.delete", (m) => m.badges.delete(`${B}:badge`), undefined, badge(`${B}:badge`)],
];

describe("invalidation table", () => {
  it.each(ROWS)("%s should make exactly its row's entries stale", async (write, build, variables, stale) => {
    const { client, qc, invalidated } = seeded();
    // Job writes poll `jobs.status`, which reads the same body: a completed job.
    remote.reply(remote.data({ job_id: "job-1", status: "completed", id: "x" }));
    await runMutation(qc, build(armorMutations(client, qc)), variables);
    // The writes that start a job read it (here: once, completed) before they invalidate; no other write reads anything.
    expect(remote.requests.slice(1).map((r) => `${r.method} ${r.path}`)).toEqual(
      STARTS_A_JOB.includes(write) ? ["GET /sdk/jobs/job-1"] : [],
    );
    expect(invalidated()).toEqual([...stale].sort());
    // A write that makes nothing stale names no key at all, not one that happens to match nothing.
    if (stale.length === 0) {
      const [resource, method] = write.split(".") as [keyof typeof INVALIDATIONS, string];
      const line = (INVALIDATIONS[resource] as Record<string, (...args: unknown[]) => unknown>)[method]!;
      expect(line(armorKeys(client), { ids: [], variables: undefined })).toEqual([]);
    }
  });

  // Why the lines that read `variables?.…` never see `variables` undefined: a write whose params are
  // required refuses a call without them before any request, so the table is never reached.
  it.each([
    ["freshness.createSchedule", (m: M) => m.freshness.createSchedule()],
    ["tags.create", (m: M) => m.tags.create()],
    ["tags.apply", (m: M) => m.tags.apply()],
    ["tags.bulkApply", (m: M) => m.tags.bulkApply()],
  ] as const)("%s without params should fail before any request and make nothing stale", async (_write, build) => {
    const { client, qc, invalidated } = seeded();
    const error = await runMutation(qc, build(armorMutations(client, qc)) as never, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(remote.requests).toHaveLength(0);
    expect(invalidated()).toEqual([]);
  });

  it("meta: every write of WRITES has a row, and every row is a write", () => {
    const writes = Object.entries(WRITES).flatMap(([resource, group]) =>
      Object.keys(group).map((method) => `${resource}.${method}`),
    );
    const rows = ROWS.map(([write]) => write);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(writes.sort());
    expect(rows).toHaveLength(46);
  });
});
