import { readFileSync } from "node:fs";
import { hashKey, MutationObserver, QueryClient, type QueryKey } from "@tanstack/query-core";
import { describe, expect, it } from "vitest";
import { Client, RESOURCES as CLIENT_RESOURCES, type ResourceName } from "../../src/client";
import { JobFailedError } from "../../src/core/errors";
import { armorKeys, armorMutations, armorQueries, type ArmorMutationOptions } from "../../src/query";
import { INVALIDATIONS } from "../../src/query/invalidation";
import { API, KEY, useRemote } from "../helpers/remote";
import { ASSET, everyKey, makeQueryClient, OTHER_ASSET, OTHER_KEY } from "./fixtures";

const remote = useRemote();

const RESOURCES = Object.keys(CLIENT_RESOURCES) as ResourceName[];

const A = ASSET;
const B = OTHER_ASSET;
const UUID = "22222222-2222-4222-8222-222222222222";

/** Clients whose response checks are off: these tests are about the cache, any `data` will do. */
function lenient(apiKey = KEY) {
  return new Client({ apiKey, apiUrl: API, maxRetries: 0, validate: "off" });
}

/** A cache holding one entry for every read of every resource, for two assets, for two clients. */
function seeded() {
  const client = lenient();
  const other = lenient(OTHER_KEY);
  const qc = makeQueryClient();
  const names = new Map<string, string>();
  const k = armorKeys(client);
  for (const [name, key] of Object.entries({ ...everyKey(k, A), ...everyKey(k, B) })) {
    qc.setQueryData(key, { cached: name });
    names.set(hashKey(key), name);
  }
  for (const key of Object.values(everyKey(armorKeys(other), A))) qc.setQueryData(key, { cached: "other client" });
  const invalidated = () =>
    qc
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => names.get(q.queryHash) ?? `other client: ${JSON.stringify(q.queryKey)}`)
      .sort();
  return { client, qc, invalidated };
}

async function run<T, V>(qc: QueryClient, options: ArmorMutationOptions<T, V>, variables: V): Promise<T> {
  return new MutationObserver(qc, options).mutate(variables);
}

type M = ReturnType<typeof armorMutations>;
const metricsOf = (a: string) => [
  `metrics.get(${a})`,
  `metrics.infinite(${a})`,
  `metrics.infiniteSnapshots(${a})`,
  `metrics.list(${a})`,
  `metrics.snapshots(${a})`,
  `metrics.summary(${a})`,
];
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
const apiKeys = [
  "apiKeys.get(" + A + ":key)",
  "apiKeys.get(" + B + ":key)",
  "apiKeys.infinite",
  "apiKeys.list",
  "apiKeys.usage",
];
const alertState = (id: string) => [
  "alerts.infinite",
  "alerts.infiniteInbox",
  "alerts.list",
  "alerts.listInbox",
  `alerts.history(${id})`,
  "alerts.summary",
  "health.summary",
];
const freshnessOfA = [
  `freshness.get(${A})`,
  `freshness.requireFresh(${A})`,
  "freshness.infinite",
  "freshness.list",
  "freshness.summary",
  "health.summary",
];

/** Hand-written expectations: what each write must invalidate, by the names of `everyKey`. */
const CASES: [string, (m: M) => ArmorMutationOptions<unknown, any>, unknown, string[]][] = [
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
  [
    "validity.create",
    (m) => m.validity.create(A),
    { rule_type: "NOT_NULL", table_path: "warehouse.orders", column_name: "id" },
    validityOf(A),
  ],
  ["validity.update", (m) => m.validity.update(A, "r9"), { severity: "critical" }, validityOf(A)],
  ["validity.delete", (m) => m.validity.delete(A, "r9"), undefined, validityOf(A)],
  ["validity.check", (m) => m.validity.check(A, "r9"), undefined, validityOf(A)],
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
  ["apiKeys.create", (m) => m.apiKeys.create(), { name: "ci" }, apiKeys],
  ["apiKeys.revoke", (m) => m.apiKeys.revoke("k9"), undefined, apiKeys],
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
  [
    "assets.create",
    (m) => m.assets.create(),
    { name: "wh", source_type: "snowflake", connection_config: {} },
    ["assets.infinite", "assets.list"],
  ],
  ["assets.testConnection", (m) => m.assets.testConnection(A), undefined, []],
  ["freshness.refresh", (m) => m.freshness.refresh(A, { intervalMs: 1 }), undefined, freshnessOfA],
  [
    "freshness.createSchedule",
    (m) => m.freshness.createSchedule(),
    { asset_id: A, table_path: "warehouse.orders", check_interval: "1h" },
    [...freshnessOfA, "freshness.infiniteSchedules", `freshness.listSchedules(${A})`, `freshness.listSchedules(${B})`],
  ],
  [
    "freshness.dryRun",
    (m) => m.freshness.dryRun(),
    { asset_id: A, table_path: "warehouse.orders", expected_interval_hours: 24 },
    [],
  ],
  ["schema.createBaseline", (m) => m.schema.createBaseline(A), undefined, [`schema.get(${A})`]],
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
  ["intelligence.ask", (m) => m.intelligence.ask(), { asset: A, question: "What is in orders?" }, []],
  ["investigations.explain", (m) => m.investigations.explain(), { asset_id: UUID }, []],
  ["alerts.acknowledge", (m) => m.alerts.acknowledge(`${A}:alert`), undefined, alertState(`${A}:alert`)],
  ["alerts.snooze", (m) => m.alerts.snooze(`${A}:alert`), { duration_hours: 4 }, alertState(`${A}:alert`)],
  [
    "alerts.createRule",
    (m) => m.alerts.createRule(),
    { name: "r", destination_ids: [UUID] },
    ["alerts.infiniteRules", "alerts.rules", "alerts.summary", "health.summary"],
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
  [
    "badges.update",
    (m) => m.badges.update(`${A}:badge`),
    { label: "orders" },
    ["badges.infinite", "badges.list", `badges.get(${A}:badge)`, `badges.getStatus(${A}:badge)`],
  ],
  ["badges.create", (m) => m.badges.create(), { asset: A }, ["badges.infinite", "badges.list"]],
];

describe("armorMutations", () => {
  describe("invalidation", () => {
    for (const [name, build, variables, expected] of CASES) {
      it(`${name} should invalidate ${expected.length ? "exactly its table's families" : "nothing"}`, async () => {
        const { client, qc, invalidated } = seeded();
        remote.reply(remote.data({ job_id: "job-1", status: "completed", id: "x" }));
        await run(qc, build(armorMutations(client, qc)), variables);
        expect(invalidated()).toEqual([...expected].sort());
      });
    }

    it("should have one table line per write builder and one builder per table line", () => {
      const m = armorMutations(lenient(), makeQueryClient());
      const builders = Object.entries(m).flatMap(([resource, group]) =>
        Object.keys(group).map((method) => `${resource}.${method}`),
      );
      expect(builders.sort()).toEqual(Object.keys(INVALIDATIONS).sort());
      // Each line's reason is the comment right above it (comments cost no bundle bytes).
      const table = readFileSync(new URL("../../src/query/invalidation.ts", import.meta.url), "utf8");
      for (const name of Object.keys(INVALIDATIONS)) {
        expect(table, name).toMatch(new RegExp(`// [^\\n]{10,}\\n\\s*"${name.replace(".", "\\.")}": `));
      }
    });

    it("should cover every method of every resource, as a read option or a write", () => {
      const client = lenient();
      const q = armorQueries(client);
      const m = armorMutations(client, makeQueryClient());
      // The resources' private helpers (page fetchers, the alert-action helper) are not API methods.
      const internal = (n: string) => n === "constructor" || n === "act" || /page/i.test(n);
      for (const resource of RESOURCES) {
        const proto = Object.getPrototypeOf(client[resource]) as object;
        const methods = Object.getOwnPropertyNames(proto).filter(
          (n) =>
            !internal(n) && typeof (proto as Record<string, unknown>)[n] === "function" && !n.startsWith("iterate"),
        );
        expect(methods.length, resource).toBeGreaterThan(0);
        const covered = [
          ...Object.keys((q as Record<string, object>)[resource] ?? {}),
          ...Object.keys((m as Record<string, object>)[resource] ?? {}),
        ];
        for (const method of methods) expect(covered, `${resource}.${method}`).toContain(method);
      }
    });

    it("should bind path ids when built and take the params object in mutate()", async () => {
      const { client, qc } = seeded();
      remote.reply(remote.data({ id: "m1" }));
      await run(qc, armorMutations(client, qc).metrics.update(A, "m 1"), { sensitivity: 2 });
      expect(remote.requests[0]).toMatchObject({
        method: "PATCH",
        path: `/sdk/metrics/${A}/m%201`,
        body: { sensitivity: 2 },
      });
    });

    it("should keep invalidating when the caller adds an onSuccess of its own", async () => {
      const { client, qc, invalidated } = seeded();
      remote.reply(remote.data({ id: "m1" }));
      let called = false;
      const options = { ...armorMutations(client, qc).metrics.delete(A, "m1"), onSuccess: () => void (called = true) };
      await new MutationObserver(qc, options).mutate();
      expect(called).toBe(true);
      expect(invalidated()).toEqual(metricsOf(A).sort());
    });

    it("should invalidate nothing when the write fails", async () => {
      const { client, qc, invalidated } = seeded();
      remote.reply(remote.error(403, "FORBIDDEN"));
      await expect(run(qc, armorMutations(client, qc).metrics.delete(A, "m1"), undefined)).rejects.toThrow();
      expect(invalidated()).toEqual([]);
    });
  });

  describe("writes that start a job", () => {
    it("should invalidate only once the job has completed", async () => {
      const { client, qc, invalidated } = seeded();
      const key = armorKeys(client).freshness.get(A);
      const staleWhenRead: boolean[] = [];
      const answer = (status: string) => () => {
        staleWhenRead.push(qc.getQueryState(key)!.isInvalidated);
        return remote.data({ job_id: "job-7", status });
      };
      remote.reply(answer("pending"), answer("running"), answer("running"), answer("completed"));
      await run(qc, armorMutations(client, qc).freshness.refresh(A, { intervalMs: 5 }), undefined);
      expect(remote.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST /sdk/freshness/${A}/refresh`,
        "GET /sdk/jobs/job-7",
        "GET /sdk/jobs/job-7",
        "GET /sdk/jobs/job-7",
      ]);
      expect(staleWhenRead).toEqual([false, false, false, false]);
      expect(invalidated()).toEqual([...freshnessOfA].sort());
    });

    it("should report the job's progress to onProgress while mutate() waits", async () => {
      const { client, qc } = seeded();
      remote.reply(
        remote.data({ job_id: "job-9", status: "pending" }),
        remote.data({ job_id: "job-9", status: "running", progress: 40 }),
        remote.data({ job_id: "job-9", status: "completed", progress: 100 }),
      );
      const seen: string[] = [];
      await run(
        qc,
        armorMutations(client, qc).freshness.refresh(A, {
          intervalMs: 1,
          onProgress: (job) => seen.push(`${job.status}:${job.progress ?? "-"}`),
        }),
        undefined,
      );
      expect(seen).toEqual(["running:40", "completed:100"]);
    });

    it("should fail with JobFailedError and invalidate nothing when the job fails", async () => {
      const { client, qc, invalidated } = seeded();
      remote.reply(
        remote.data({ job_id: "job-8", status: "pending" }),
        remote.data({ job_id: "job-8", status: "failed", error: "unreachable" }),
      );
      const error = await run(qc, armorMutations(client, qc).schema.refresh(A, { intervalMs: 1 }), undefined).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JobFailedError);
      expect(invalidated()).toEqual([]);
    });
  });

  it("should key mutations by scope, resource, write and ids", () => {
    const client = lenient();
    const m = armorMutations(client, makeQueryClient());
    const key: QueryKey = m.metrics.update(A, "m1").mutationKey;
    expect(key).toEqual(["anomalyarmor", client.transport.scope, "metrics", "mutation", "update", A, "m1"]);
    expect(m.metrics.update(A, "m1").meta).toEqual({ write: "metrics.update" });
  });
});
