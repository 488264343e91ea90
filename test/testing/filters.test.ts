/**
 * The sandbox as a double of the API's filters and literal routes: a list filtered by `asset_id` answers
 * only items carrying that `asset_id` (for a source, its own or one of its tables'), and an id equal to a
 * literal segment is never read as an id.
 */
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../src/testing";
import { call } from "./routes/helpers";

interface AssetRow {
  id: string;
  qualified_name: string;
  asset_type: string;
}

/** Every list route that takes an `asset_id` query param (tags require it). */
const FILTERED_LISTS = [
  "/sdk/alerts",
  "/sdk/alerts/inbox",
  "/sdk/schema/changes",
  "/sdk/freshness",
  "/sdk/freshness/schedules",
  "/sdk/tags",
  "/sdk/badges",
];

async function itemsOf(sandbox: Sandbox, path: string): Promise<{ asset_id?: unknown }[]> {
  const answer = await call(sandbox, "GET", path);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  const data = answer.body.data as Record<string, unknown>;
  const container = Object.values(data).find(Array.isArray) as { asset_id?: unknown }[] | undefined;
  expect(Array.isArray(container), path).toBe(true);
  return container!;
}

/** A sandbox where items of every filtered kind hang off sources and tables alike. */
async function populated(): Promise<Sandbox> {
  const sandbox = createSandbox();
  const source = "snowflake.prod";
  const table = "snowflake.prod.warehouse.orders";
  // A schedule and a tag through the source (on a table's path), and a tag through the table itself.
  expect(
    (
      await call(sandbox, "POST", "/sdk/freshness/schedules", {
        body: { asset_id: source, table_path: "warehouse.customers", check_interval: "1h" },
      })
    ).status,
  ).toBe(201);
  for (const body of [
    { asset_id: source, name: "gold", object_path: "warehouse.orders" },
    { asset_id: table, name: "own", object_path: "warehouse.orders.order_id", object_type: "column" },
  ]) {
    expect((await call(sandbox, "POST", "/sdk/tags", { body })).status).toBeLessThan(300);
  }
  sandbox.admin.alterTable(table, { drop: ["discount_code"] });
  sandbox.clock.advance({ hours: 30 });
  return sandbox;
}

describe("sandbox list filters", () => {
  it("should list only items carrying the asset_id filtered by, for every asset and every filtered list", async () => {
    const sandbox = await populated();
    const assets = (await call(sandbox, "GET", "/sdk/assets?limit=100")).body.data.data as AssetRow[];
    const tables = assets.filter((a) => a.asset_type !== "database");
    let checked = 0;
    for (const asset of assets) {
      const admitted = new Set([asset.id]);
      if (asset.asset_type === "database")
        for (const t of tables) if (t.qualified_name.startsWith(`${asset.qualified_name}.`)) admitted.add(t.id);
      for (const list of FILTERED_LISTS) {
        for (const item of await itemsOf(sandbox, `${list}?asset_id=${asset.id}&limit=100`)) {
          if (!("asset_id" in item)) continue;
          expect(admitted.has(item.asset_id as string), `${list} filtered by ${asset.qualified_name}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("should still list, filtered by a source, what its tables carry", async () => {
    const sandbox = await populated();
    const source = (await call(sandbox, "GET", "/sdk/assets/snowflake.prod")).body.data.id as string;
    const changes = await itemsOf(sandbox, `/sdk/schema/changes?asset_id=${source}&limit=100`);
    expect(changes.length).toBeGreaterThan(1);
    expect(changes.every((c) => c.asset_id !== source)).toBe(true); // every change is a table's
    const tags = (await itemsOf(sandbox, `/sdk/tags?asset_id=${source}`)) as { name?: string }[];
    expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(["gold", "own", "finance"]));
    const schedules = await itemsOf(sandbox, `/sdk/freshness/schedules?asset_id=${source}`);
    expect(schedules).toHaveLength(2);
  });

  it("should not list, filtered by a table, what was filed through its source", async () => {
    const sandbox = await populated();
    const orders = (await call(sandbox, "GET", "/sdk/assets/snowflake.prod.warehouse.orders")).body.data.id;
    const tags = (await itemsOf(sandbox, `/sdk/tags?asset_id=${orders}`)) as { name?: string }[];
    expect(tags.map((t) => t.name)).toEqual(["own"]);
    expect(await itemsOf(sandbox, `/sdk/freshness/schedules?asset_id=${orders}`)).toEqual([]);
  });
});

describe("sandbox literal segments", () => {
  it("should refuse an id equal to a literal segment at its position instead of reading it as an id", async () => {
    const sandbox = createSandbox();
    const cases: [string, string, string][] = [
      ["GET", "/sdk/investigations/explain", "POST"],
      ["GET", "/sdk/alerts/preview", "POST"],
      ["GET", "/sdk/metrics/dry-run", "POST"],
      ["DELETE", "/sdk/alerts/rules", "GET, POST"],
      ["DELETE", "/api-keys/usage", "GET"],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await call(sandbox, method, path);
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 405, "METHOD_NOT_ALLOWED"]);
      expect(answer.body.error.details.allowed.join(", ")).toBe(allow);
    }
    // The ids that only resemble the literal still reach the id route.
    expect((await call(sandbox, "GET", "/sdk/investigations/explained")).status).toBe(404);
    expect(sandbox.effects).toEqual({});
  });
});
