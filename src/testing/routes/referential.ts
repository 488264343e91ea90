/**
 * Referential checks: a child column whose values must exist in a parent column of the
 * same source, executed over both tables' rows when asked, each run stored as a result.
 * Requests: `docs/python-parity.md`.
 */
import {
  checkOf,
  checksOf,
  checkView,
  durationMs,
  referentialResultsOf,
  referentialResultView,
} from "../quality-records";
import { evaluateReferential } from "../engines/referential";
import { bool, int, num, oneOf, paging, readBody, readQuery, str } from "../input";
import { HttpError, invalid, noContent, ok, paged } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, ReferentialCheckRecord, ReferentialResultRecord, State, TableRecord } from "../state";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const INTERVALS = ["hourly", "daily", "weekly"] as const;

/** Runs a check over the current rows of both tables and stores the result. */
export function runReferential(state: State, check: ReferentialCheckRecord, at = state.now()): ReferentialResultRecord {
  const child = state.tables.find((t) => t.id === check.child_table_id);
  const parent = state.tables.find((t) => t.id === check.parent_table_id);
  const names = (t: TableRecord) => t.columns.map((c) => c.name);
  const outcome =
    child && parent
      ? evaluateReferential(
          check,
          { rows: child.rows, columns: names(child) },
          { rows: parent.rows, columns: names(parent) },
        )
      : evaluateReferential(check, { rows: [], columns: [] }, { rows: [], columns: [] });
  if (!child || !parent) outcome.error_message = "A table of this check no longer exists";
  const result: ReferentialResultRecord = {
    id: state.nextInt("referential_result"),
    referential_check_id: check.internal_id,
    status: outcome.status,
    orphan_count: outcome.orphan_count,
    orphan_percent: outcome.orphan_percent,
    total_child_rows: outcome.total_child_rows,
    orphan_sample: outcome.orphan_sample,
    cardinality_sample: outcome.cardinality_sample,
    parents_below_min: outcome.parents_below_min,
    parents_above_max: outcome.parents_above_max,
    query_duration_ms: durationMs(outcome.total_child_rows + (parent?.rows.length ?? 0)),
    error_message: outcome.error_message,
    checked_at: at,
  };
  state.referentialResults.push(result);
  check.last_checked_at = at;
  return result;
}

/** What a create supplies of a check: the record's own fields, before ids, tables and timestamps. */
type CheckInput = Pick<
  ReferentialCheckRecord,
  | "child_column_name"
  | "parent_column_name"
  | "name"
  | "description"
  | "capture_interval"
  | "max_orphan_count"
  | "max_orphan_percent"
  | "min_child_count"
  | "max_child_count"
>;

function createCheck(
  state: State,
  asset: AssetRecord,
  child: TableRecord,
  parent: TableRecord,
  input: CheckInput,
  at = state.now(),
): ReferentialCheckRecord {
  const check: ReferentialCheckRecord = {
    id: state.uuid(),
    internal_id: state.nextInt("referential_check"),
    asset_id: asset.id,
    child_table_id: child.id,
    parent_table_id: parent.id,
    child_table_path: state.tablePath(child),
    parent_table_path: state.tablePath(parent),
    ...input,
    is_active: true,
    last_checked_at: null,
    created_at: at,
  };
  state.referentialChecks.push(check);
  return check;
}

/** Cardinality bounds that no parent could meet are a client mistake, not a failing check. */
function validateBounds(min: number | null, max: number | null): void {
  if (min !== null && max !== null && min > max) throw invalid("min_child_count", "must not exceed max_child_count");
}

/** Registers the referential routes and the demo checks. */
export function register(router: Router, state: State): void {
  router.get("/sdk/referential/{asset_id}/summary", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const checks = checksOf(state, asset);
    const latest = checks.map((c) => referentialResultsOf(state, c)[0]);
    const last = checks.reduce<number | null>(
      (m, c) => (c.last_checked_at !== null && (m === null || c.last_checked_at > m) ? c.last_checked_at : m),
      null,
    );
    return ok({
      total_checks: checks.length,
      active_checks: checks.filter((c) => c.is_active).length,
      passing_checks: latest.filter((r) => r?.status === "pass").length,
      failing_checks: latest.filter((r) => r?.status === "fail").length,
      error_checks: latest.filter((r) => r?.status === "error").length,
      last_check_at: state.iso(last),
    });
  });

  router.get("/sdk/referential/{asset_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const q = readQuery(ctx.query, { ...paging(50, 100), is_active: bool() });
    const rows = checksOf(state, asset).filter((c) => q.is_active === undefined || c.is_active === q.is_active);
    return paged("items", rows, q.limit, q.offset, (c) => checkView(state, c));
  });

  router.post("/sdk/referential/{asset_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const b = readBody(ctx.body, {
      child_table_path: str({ required: true, nonEmpty: true }),
      child_column_name: str({ required: true, nonEmpty: true }),
      parent_table_path: str({ required: true, nonEmpty: true }),
      parent_column_name: str({ required: true, nonEmpty: true }),
      capture_interval: oneOf(INTERVALS, { dflt: "daily" }),
      name: str(),
      description: str(),
      max_orphan_count: int({ min: 0 }),
      max_orphan_percent: num({ min: 0, max: 100 }),
      min_child_count: int({ min: 0 }),
      max_child_count: int({ min: 0 }),
    });
    const child = state.table(asset, b.child_table_path);
    const parent = state.table(asset, b.parent_table_path);
    if (!child.columns.some((c) => c.name === b.child_column_name))
      throw invalid("child_column_name", `Unknown column '${b.child_column_name}' in ${state.tablePath(child)}`);
    if (!parent.columns.some((c) => c.name === b.parent_column_name))
      throw invalid("parent_column_name", `Unknown column '${b.parent_column_name}' in ${state.tablePath(parent)}`);
    validateBounds(b.min_child_count ?? null, b.max_child_count ?? null);
    const check = createCheck(state, asset, child, parent, {
      child_column_name: b.child_column_name,
      parent_column_name: b.parent_column_name,
      name: b.name ?? null,
      description: b.description ?? null,
      capture_interval: b.capture_interval,
      max_orphan_count: b.max_orphan_count ?? null,
      max_orphan_percent: b.max_orphan_percent ?? null,
      min_child_count: b.min_child_count ?? null,
      max_child_count: b.max_child_count ?? null,
    });
    state.effect("referential.create");
    return ok(checkView(state, check), 201);
  });

  router.get("/sdk/referential/{asset_id}/{check_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    return ok(checkView(state, checkOf(state, asset, ctx.params.check_id as string)));
  });

  router.patch("/sdk/referential/{asset_id}/{check_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const check = checkOf(state, asset, ctx.params.check_id as string);
    const b = readBody(ctx.body, {
      is_active: bool(),
      name: str(),
      description: str(),
      capture_interval: oneOf(INTERVALS),
      max_orphan_count: int({ min: 0 }),
      max_orphan_percent: num({ min: 0, max: 100 }),
      min_child_count: int({ min: 0 }),
      max_child_count: int({ min: 0 }),
    });
    validateBounds(b.min_child_count ?? check.min_child_count, b.max_child_count ?? check.max_child_count);
    let changed = false;
    for (const [key, value] of Object.entries(b)) {
      if (value === undefined || check[key] === value) continue;
      check[key] = value;
      changed = true;
    }
    if (changed) state.effect("referential.update");
    return ok(checkView(state, check));
  });

  router.delete("/sdk/referential/{asset_id}/{check_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const check = checkOf(state, asset, ctx.params.check_id as string);
    state.referentialChecks.splice(state.referentialChecks.indexOf(check), 1);
    for (let i = state.referentialResults.length - 1; i >= 0; i--)
      if (state.referentialResults[i]!.referential_check_id === check.internal_id)
        state.referentialResults.splice(i, 1);
    state.effect("referential.delete");
    return noContent();
  });

  router.post("/sdk/referential/{asset_id}/{check_id}/execute", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const check = checkOf(state, asset, ctx.params.check_id as string);
    if (!check.is_active)
      throw new HttpError(
        422,
        "VALIDATION_ERROR",
        `Referential check '${check.id}' is inactive; activate it before executing`,
        { check_id: check.id },
      );
    const result = runReferential(state, check);
    state.effect("referential.execute");
    return ok(referentialResultView(state, result));
  });

  router.get("/sdk/referential/{asset_id}/{check_id}/results", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const check = checkOf(state, asset, ctx.params.check_id as string);
    const q = readQuery(ctx.query, paging(100, 1000));
    return paged("items", referentialResultsOf(state, check), q.limit, q.offset, (r) =>
      referentialResultView(state, r),
    );
  });

  state.seeder(seedDemo);
}

/**
 * Demo checks on the Snowflake warehouse, each run once an hour before `start`: warehouse orders must
 * point at warehouse customers (fails: customers 116–120 never reached the warehouse, so their orders
 * are orphans), and churn scores must belong to known customers (passes).
 */
function seedDemo(state: State): void {
  if (state.options.dataset !== "demo") return;
  const sf = state.findAsset("snowflake.prod");
  if (!sf) return;
  const now = state.now();
  const define = (
    child: string,
    childColumn: string,
    parent: string,
    parentColumn: string,
    name: string,
    description: string,
  ) => {
    const c = state.findTable(sf, child);
    const p = state.findTable(sf, parent);
    if (!c || !p) return;
    const check = createCheck(
      state,
      sf,
      c,
      p,
      {
        child_column_name: childColumn,
        parent_column_name: parentColumn,
        name,
        description,
        capture_interval: "daily",
        max_orphan_count: null,
        max_orphan_percent: null,
        min_child_count: null,
        max_child_count: null,
      },
      now - 14 * DAY,
    );
    runReferential(state, check, now - HOUR);
  };
  define(
    "warehouse.orders",
    "customer_id",
    "warehouse.customers",
    "customer_id",
    "Orders reference customers",
    "Every warehouse order belongs to a warehouse customer.",
  );
  define(
    "marts.customer_ltv",
    "customer_id",
    "warehouse.customers",
    "customer_id",
    "LTV rows reference customers",
    "Churn scores only for known customers.",
  );
}
