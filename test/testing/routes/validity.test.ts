import { describe, expect, it } from "vitest";
import { AuthorizationError, NotFoundError } from "../../../src/core/errors";
import { createSandbox } from "../../../src/testing";
import { call, sdk } from "./helpers";

const PG = "postgresql.analytics";
const CUSTOMERS = `${PG}.public.customers`;

describe("sandbox validity routes", () => {
  it("should fail the seeded NOT_NULL rule on the seeded bad rows and pass once they are fixed", async () => {
    const sandbox = createSandbox();
    const v = sdk(sandbox).validity;
    const [rule] = await v.list(PG, { rule_type: "NOT_NULL" });
    expect(rule).toMatchObject({ column_name: "email", latest_status: "fail", severity: "critical" });
    const failing = await v.check(PG, rule!.uuid, { sample_limit: 2 });
    expect(failing).toMatchObject({ status: "fail", total_rows: 122, invalid_count: 3 });
    expect(failing.invalid_percent).toBeCloseTo(2.459, 3);
    const samples = failing.invalid_samples as { rows: { id: number }[]; values: unknown[] };
    expect(samples.rows.map((r) => r.id)).toEqual([7, 42]);
    expect(samples.values).toEqual([null]);

    expect(sandbox.admin.updateRows(CUSTOMERS, { email: null }, { email: "fixed@example.com" })).toBe(3);
    const passing = await v.check(PG, rule!.uuid);
    expect(passing).toMatchObject({ status: "pass", invalid_count: 0, invalid_percent: 0 });
    expect((await v.get(PG, rule!.uuid)).latest_status).toBe("pass");
    expect((await v.results(PG, rule!.uuid)).map((r) => r.status)).toEqual(["pass", "fail", "fail"]);
  });

  it("should pass UNIQUE once the duplicated rows are removed", async () => {
    const sandbox = createSandbox();
    const v = sdk(sandbox).validity;
    const rule = await v.create(PG, { rule_type: "UNIQUE", table_path: "public.customers", column_name: "id" });
    const before = await v.check(PG, String(rule.id));
    expect(before).toMatchObject({ status: "fail", invalid_count: 2 });
    expect((before.invalid_samples as { values: number[] }).values).toEqual([10, 50]);
    expect(
      sandbox.admin.deleteRows(CUSTOMERS, (row) => row.full_name === "Duplicate Row" || row.country === "XX"),
    ).toBe(2);
    expect(await v.check(PG, String(rule.id))).toMatchObject({ status: "pass", total_rows: 120, invalid_count: 0 });
  });

  it("should evaluate REGEX, RANGE and ENUM over the demo rows", async () => {
    const sandbox = createSandbox();
    const v = sdk(sandbox).validity;
    const email = {
      rule_type: "REGEX" as const,
      table_path: "public.customers",
      column_name: "email",
      rule_config: { pattern: "^[^@]+@[^@]+\\.[^@]+$" },
    };
    const regex = await v.create(PG, email);
    expect((await v.check(PG, regex.uuid)).invalid_count).toBe(7);
    const lenient = await v.create(PG, { ...email, treat_null_as_valid: true });
    expect((await v.check(PG, lenient.uuid)).invalid_count).toBe(4);
    const range = await v.create(PG, {
      rule_type: "RANGE",
      table_path: "public.orders",
      column_name: "amount",
      rule_config: { min: 0, max: 10000 },
      treat_null_as_valid: true,
    });
    const ranged = await v.check(PG, range.uuid, { sample_limit: 10 });
    expect(ranged.invalid_count).toBe(4);
    expect((ranged.invalid_samples as { values: number[] }).values.sort((a, b) => a - b)).toEqual([
      -42.5, -1, 250000, 999999.99,
    ]);
    const enumRule = await v.create(PG, {
      rule_type: "ENUM",
      table_path: "public.orders",
      column_name: "status",
      rule_config: { values: ["pending", "shipped", "delivered", "cancelled"] },
    });
    expect(await v.check(PG, enumRule.uuid)).toMatchObject({
      status: "fail",
      invalid_count: 1,
      invalid_samples: { values: ["shipd"] },
    });
    const tolerant = await v.create(PG, {
      rule_type: "ENUM",
      table_path: "public.orders",
      column_name: "status",
      rule_config: { values: ["pending"] },
      alert_threshold_percent: 90,
    });
    expect((await v.check(PG, tolerant.uuid)).status).toBe("pass");
  });

  it("should summarise rules by their latest status and page results", async () => {
    const sandbox = createSandbox();
    const v = sdk(sandbox).validity;
    expect(await v.summary(PG)).toMatchObject({ total_rules: 3, passing: 1, failing: 2, error: 0 });
    const [rule] = await v.list(PG, { rule_type: "UNIQUE" });
    for (let i = 0; i < 3; i++) await v.check(PG, rule!.uuid);
    const page = await call(sandbox, "GET", `/sdk/validity/${PG}/${rule!.id}/results?limit=2&offset=1`);
    expect(page.body.data.items).toHaveLength(2);
    expect(page.body.data.pagination.total).toBe(4);
    expect(page.body.data.items[0].id).toBeGreaterThan(page.body.data.items[1].id);
    expect((await v.list(`${PG}.public.products`)).map((r) => r.rule_type)).toEqual(["UNIQUE"]);
    expect(await v.list(PG, { is_active: false })).toEqual([]);
  });

  it("should reject rules it cannot evaluate with 422 naming the field", async () => {
    const sandbox = createSandbox();
    const bad = async (body: Record<string, unknown>) =>
      await call(sandbox, "POST", `/sdk/validity/${PG}`, {
        body: { table_path: "public.customers", column_name: "email", ...body },
      });
    const noPattern = await bad({ rule_type: "REGEX" });
    expect(noPattern.status).toBe(422);
    expect(noPattern.body.error.details.errors[0].field).toBe("rule_config");
    // A pattern the engine refuses is a 400 of its own (test/resilience/sandbox-hostile.test.ts).
    const unbalanced = await bad({ rule_type: "REGEX", rule_config: { pattern: "(" } });
    expect([unbalanced.status, unbalanced.body.error.details.errors[0].field]).toEqual([400, "rule_config.pattern"]);
    expect((await bad({ rule_type: "ENUM", rule_config: { values: "a,b" } })).status).toBe(422);
    expect((await bad({ rule_type: "SOMETIMES" })).body.error.details.errors[0].field).toBe("rule_type");
    expect((await bad({ rule_type: "NOT_NULL", column_name: "ghost" })).body.error.details.errors[0].field).toBe(
      "column_name",
    );
    expect((await bad({ rule_type: "NOT_NULL", severity: "apocalyptic" })).status).toBe(422);
    await expect(
      sdk(sandbox).validity.create(PG, { rule_type: "NOT_NULL", table_path: "public.nope", column_name: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(sandbox.effects).toEqual({});
  });

  it("should update only what changed, delete, and 404 afterwards", async () => {
    const sandbox = createSandbox();
    const v = sdk(sandbox).validity;
    const rule = await v.create(PG, { rule_type: "NOT_NULL", table_path: "public.orders", column_name: "amount" });
    await v.update(PG, rule.uuid, { severity: "warning" });
    expect(sandbox.effects["validity.update"]).toBeUndefined();
    expect(
      await v.update(PG, rule.uuid, { severity: "critical", treat_null_as_valid: true, name: "Amounts" }),
    ).toMatchObject({ severity: "critical", treat_null_as_valid: true, name: "Amounts" });
    expect(sandbox.effects["validity.update"]).toBe(1);
    expect((await call(sandbox, "DELETE", `/sdk/validity/${PG}/${rule.uuid}`)).status).toBe(204);
    await expect(v.get(PG, rule.uuid)).rejects.toBeInstanceOf(NotFoundError);
    await expect(v.check(PG, String(rule.id))).rejects.toBeInstanceOf(NotFoundError);
    expect(sandbox.effects).toEqual({ "validity.create": 1, "validity.update": 1, "validity.delete": 1 });
  });

  it("should answer 403 to a read-only key on writes", async () => {
    const sandbox = createSandbox();
    const ro = sdk(sandbox, sandbox.keys.readOnly).validity;
    const [rule] = await ro.list(PG);
    await expect(ro.check(PG, rule!.uuid)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(
      ro.create(PG, { rule_type: "NOT_NULL", table_path: "public.orders", column_name: "id" }),
    ).rejects.toBeInstanceOf(AuthorizationError);
    await expect(ro.update(PG, rule!.uuid, { is_active: false })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(ro.delete(PG, rule!.uuid)).rejects.toBeInstanceOf(AuthorizationError);
    expect((await ro.results(PG, rule!.uuid)).length).toBe(1);
    expect(sandbox.effects).toEqual({});
  });

  it("should count a check once and answer the same for the same seed", async () => {
    const run = async () => {
      const sandbox = createSandbox({ seed: 3 });
      const v = sdk(sandbox).validity;
      const rule = await v.create(PG, {
        rule_type: "REGEX",
        table_path: "public.customers",
        column_name: "email",
        rule_config: { pattern: "@" },
      });
      const result = await v.check(PG, rule.uuid);
      expect(sandbox.effects).toEqual({ "validity.create": 1, "validity.check": 1 });
      return [rule, result, await v.list(PG)];
    };
    expect(await run()).toEqual(await run());
  });

  it("should refuse a negative sample_limit and take 0 as no samples", async () => {
    const sandbox = createSandbox();
    const negative = await call(sandbox, "POST", `/sdk/validity/${PG}/1/check`, { body: { sample_limit: -1 } });
    expect(negative.status).toBe(422);
    expect(negative.body.error.details.errors[0].field).toBe("sample_limit");
    const none = await call(sandbox, "POST", `/sdk/validity/${PG}/1/check`, { body: { sample_limit: 0 } });
    expect(none.body.data).toMatchObject({
      status: "fail",
      invalid_count: 3,
      invalid_samples: { rows: [], values: [] },
    });
    const big = await sdk(sandbox).validity.check(PG, "1", { sample_limit: 5000 });
    expect((big.invalid_samples as { rows: unknown[] }).rows).toHaveLength(3);
  });
});
