import { describe, expect, it } from "vitest";
import { AuthorizationError, NotFoundError, ValidationError } from "../../../src/core/errors";
import { createSandbox } from "../../../src/testing";
import { call, sdk } from "./helpers";

const PG = "postgresql.analytics";
const SF = "snowflake.prod";

describe("sandbox referential routes", () => {
  it("should find the seeded warehouse orphans when executed", async () => {
    const sandbox = createSandbox();
    const r = sdk(sandbox).referential;
    const checks = await r.list(SF);
    expect(checks.map((c) => c.child_table_path)).toEqual(["warehouse.orders", "marts.customer_ltv"]);
    const result = await r.execute(SF, checks[0]!.id);
    expect(result).toMatchObject({ status: "fail", orphan_count: 11, total_child_rows: 181 });
    expect(result.orphan_percent).toBeCloseTo((11 / 181) * 100, 3);
    expect(result.orphan_sample).toEqual(expect.arrayContaining([116, 117, 118, 901]));
    expect((await r.execute(SF, String(checks[1]!.internal_id))).status).toBe("pass");
    expect(await r.summary(SF)).toMatchObject({
      total_checks: 2,
      active_checks: 2,
      passing_checks: 1,
      failing_checks: 1,
      last_check_at: "2026-01-15T12:00:00.000Z",
    });
  });

  it("should find orphans of a new check and pass once they are removed", async () => {
    const sandbox = createSandbox();
    const r = sdk(sandbox).referential;
    const check = await r.create(PG, {
      child_table_path: "public.payments",
      child_column_name: "order_id",
      parent_table_path: "public.orders",
      parent_column_name: "id",
    });
    expect(check).toMatchObject({
      asset_id: 1,
      internal_id: 3,
      capture_interval: "daily",
      is_active: true,
      last_checked_at: null,
    });
    const before = await r.execute(PG, check.id);
    expect(before).toMatchObject({
      status: "fail",
      orphan_count: 4,
      total_child_rows: 150,
      orphan_sample: [4001, 4002, 4003, 4004],
    });
    expect(sandbox.admin.deleteRows(`${PG}.public.payments`, (row) => (row.order_id as number) > 4000)).toBe(4);
    const after = await r.execute(PG, check.id);
    expect(after).toMatchObject({ status: "pass", orphan_count: 0, orphan_percent: 0, total_child_rows: 146 });
    expect((await r.results(PG, check.id)).map((x) => x.status)).toEqual(["pass", "fail"]);
    expect((await r.get(PG, check.id)).last_checked_at).toBe("2026-01-15T12:00:00.000Z");
  });

  it("should apply orphan bounds and child cardinality", async () => {
    const sandbox = createSandbox();
    const r = sdk(sandbox).referential;
    const base = {
      child_table_path: "public.orders",
      child_column_name: "customer_id",
      parent_table_path: "public.customers",
      parent_column_name: "id",
    };
    const tolerant = await r.create(PG, { ...base, max_orphan_count: 5 });
    expect(await r.execute(PG, tolerant.id)).toMatchObject({ status: "pass", orphan_count: 5 });
    const strict = await r.create(PG, { ...base, max_orphan_percent: 1 });
    expect((await r.execute(PG, strict.id)).status).toBe("fail");
    const cardinality = await r.create(PG, { ...base, max_orphan_count: 100, min_child_count: 1, max_child_count: 3 });
    const result = await r.execute(PG, cardinality.id);
    expect(result.status).toBe("fail");
    expect((result.parents_below_min ?? 0) + (result.parents_above_max ?? 0)).toBe(32);
    expect(result.cardinality_sample).toHaveLength(10);
    const bounds = await call(sandbox, "POST", `/sdk/referential/${PG}`, {
      body: { ...base, min_child_count: 5, max_child_count: 2 },
    });
    expect(bounds.status).toBe(422);
  });

  it("should refuse to execute an inactive check, and update only what changed", async () => {
    const sandbox = createSandbox();
    const r = sdk(sandbox).referential;
    const [check] = await r.list(SF);
    await r.update(SF, check!.id, { capture_interval: "daily" });
    expect(sandbox.effects["referential.update"]).toBeUndefined();
    expect(await r.update(SF, check!.id, { is_active: false, max_orphan_count: 20 })).toMatchObject({
      is_active: false,
      max_orphan_count: 20,
    });
    expect(sandbox.effects["referential.update"]).toBe(1);
    await expect(r.execute(SF, check!.id)).rejects.toBeInstanceOf(ValidationError);
    expect(await r.list(SF, { is_active: false })).toHaveLength(1);
    expect(sandbox.effects["referential.execute"]).toBeUndefined();
  });

  it("should validate bodies, 404 unknown ids, and delete", async () => {
    const sandbox = createSandbox();
    const r = sdk(sandbox).referential;
    const missing = await call(sandbox, "POST", `/sdk/referential/${PG}`, {
      body: { child_table_path: "public.orders" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual([
      "child_column_name",
      "parent_table_path",
      "parent_column_name",
    ]);
    const ghost = await call(sandbox, "POST", `/sdk/referential/${PG}`, {
      body: {
        child_table_path: "public.orders",
        child_column_name: "ghost",
        parent_table_path: "public.customers",
        parent_column_name: "id",
      },
    });
    expect(ghost.body.error.details.errors[0].field).toBe("child_column_name");
    await expect(r.get(SF, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    const [check] = await r.list(SF);
    expect((await call(sandbox, "DELETE", `/sdk/referential/${SF}/${check!.id}`)).status).toBe(204);
    await expect(r.results(SF, check!.id)).rejects.toBeInstanceOf(NotFoundError);
    // The deleted check's open alert cleared itself, a change of its own.
    expect(sandbox.effects).toEqual({ "referential.delete": 1, "alerts.auto_resolve": 1 });
  });

  it("should answer 403 to a read-only key on writes", async () => {
    const sandbox = createSandbox();
    const ro = sdk(sandbox, sandbox.keys.readOnly).referential;
    const [check] = await ro.list(SF);
    await expect(ro.execute(SF, check!.id)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(
      ro.create(SF, {
        child_table_path: "warehouse.orders",
        child_column_name: "customer_id",
        parent_table_path: "warehouse.customers",
        parent_column_name: "customer_id",
      }),
    ).rejects.toBeInstanceOf(AuthorizationError);
    await expect(ro.delete(SF, check!.id)).rejects.toBeInstanceOf(AuthorizationError);
    expect(await ro.results(SF, check!.id)).toHaveLength(1);
    expect(sandbox.effects).toEqual({});
  });

  it("should give the same answers for the same seed", async () => {
    const run = async () => {
      const sandbox = createSandbox({ seed: 99 });
      const r = sdk(sandbox).referential;
      const check = await r.create(PG, {
        child_table_path: "public.orders",
        child_column_name: "customer_id",
        parent_table_path: "public.customers",
        parent_column_name: "id",
      });
      return [check, await r.execute(PG, check.id), await r.list(PG)];
    };
    expect(await run()).toEqual(await run());
  });
});
