/**
 * Validity: rules on a column of an asset's tables, checked over the table's rows when
 * asked, each check stored as a result.
 * Requests: `docs/python-parity.md`.
 */
import { durationMs, ruleOf, rulesOf, ruleView, validityResultsOf, validityResultView } from "../quality-records";
import {
  canonicalRuleType,
  compilePattern,
  configProblem,
  evaluateValidity,
  VALIDITY_RULE_TYPES,
} from "../engines/validity";
import { bool, int, num, obj, oneOf, paging, readBody, readQuery, str } from "../input";
import { HttpError, invalid, noContent, ok, paged } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, State, TableRecord, ValidityResultRecord, ValidityRuleRecord } from "../state";

const HOUR = 3_600_000;
export const INTERVALS = ["hourly", "daily", "weekly"] as const;
// armor-mcp's newer vocabulary adds `error`; accept it beside the three the 0.2.x client sends.
export const SEVERITIES = ["info", "warning", "critical", "error"] as const;

/**
 * Checks a rule over its table's current rows and stores the result (the rule's `latest_status` follows).
 */
export function runValidity(
  state: State,
  rule: ValidityRuleRecord,
  sampleLimit: number,
  at = state.now(),
): ValidityResultRecord {
  const table = state.tables.find((t) => t.id === rule.table_id);
  const outcome = table
    ? evaluateValidity(
        rule,
        table.rows,
        table.columns.map((c) => c.name),
        sampleLimit,
      )
    : {
        status: "error" as const,
        total_rows: 0,
        invalid_count: 0,
        invalid_percent: 0,
        invalid_samples: null,
        error_message: `Table '${rule.table_path}' no longer exists`,
      };
  const result: ValidityResultRecord = {
    id: state.nextInt("validity_result"),
    validity_rule_id: rule.id,
    status: outcome.status,
    total_rows: outcome.total_rows,
    invalid_count: outcome.invalid_count,
    invalid_percent: outcome.invalid_percent,
    invalid_samples: outcome.invalid_samples,
    execution_duration_ms: durationMs(outcome.total_rows),
    error_message: outcome.status === "fail" && rule.error_message ? rule.error_message : outcome.error_message,
    checked_at: at,
  };
  state.validityResults.push(result);
  rule.latest_status = outcome.status;
  return result;
}

interface RuleInput {
  rule_type: string;
  column_name: string | null;
  rule_config: Record<string, unknown> | null;
  name: string | null;
  description: string | null;
  error_message: string | null;
  severity: string;
  alert_threshold_percent: number | null;
  treat_null_as_valid: boolean;
  check_interval: string;
}

function createRule(
  state: State,
  asset: AssetRecord,
  table: TableRecord,
  input: RuleInput,
  at = state.now(),
): ValidityRuleRecord {
  const rule: ValidityRuleRecord = {
    id: state.nextInt("validity_rule"),
    uuid: state.uuid(),
    asset_id: asset.id,
    table_id: table.id,
    table_path: state.tablePath(table),
    ...input,
    is_active: true,
    created_at: at,
    latest_status: null,
  };
  state.validityRules.push(rule);
  return rule;
}

/**
 * A `REGEX` pattern the engine will not run is a 400 naming `rule_config.pattern`, before anything is
 * stored (a missing or non-string pattern is left to {@link configProblem}'s 422).
 */
function refusePattern(ruleType: string, config: Record<string, unknown> | null | undefined): void {
  const pattern = config?.["pattern"];
  if (canonicalRuleType(ruleType) !== "REGEX" || typeof pattern !== "string") return;
  const { problem } = compilePattern(pattern);
  if (problem) {
    throw new HttpError(400, "VALIDATION_ERROR", problem, {
      errors: [{ field: "rule_config.pattern", location: "body", message: problem }],
    });
  }
}

/** Rejects a rule the engine cannot evaluate, naming the offending field. */
function validateRule(
  table: TableRecord,
  input: { rule_type: string; column_name: string | null; rule_config: Record<string, unknown> | null },
): void {
  if (!canonicalRuleType(input.rule_type))
    throw invalid("rule_type", `must be one of ${VALIDITY_RULE_TYPES.join(", ")}`);
  refusePattern(input.rule_type, input.rule_config);
  const problem = configProblem(input);
  if (problem) throw invalid(/column_name/.test(problem) ? "column_name" : "rule_config", problem);
  if (!table.columns.some((c) => c.name === input.column_name))
    throw invalid("column_name", `Unknown column '${input.column_name}' in ${table.schema_name}.${table.table_name}`);
}

/** Registers the validity routes and the demo rules. */
export function register(router: Router, state: State): void {
  router.get("/sdk/validity/{asset_id}/summary", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const rules = rulesOf(state, asset);
    const count = (s: string) => rules.filter((r) => r.latest_status === s).length;
    return ok({
      total_rules: rules.length,
      active_rules: rules.filter((r) => r.is_active).length,
      passing: count("pass"),
      failing: count("fail"),
      error: count("error"),
      not_checked: rules.filter((r) => r.latest_status === null).length,
    });
  });

  router.get("/sdk/validity/{asset_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const q = readQuery(ctx.query, { ...paging(50, 100), rule_type: str(), is_active: bool() });
    const wanted = q.rule_type === undefined ? undefined : (canonicalRuleType(q.rule_type) ?? q.rule_type);
    const rows = rulesOf(state, asset).filter(
      (r) =>
        (wanted === undefined || r.rule_type === wanted) && (q.is_active === undefined || r.is_active === q.is_active),
    );
    return paged("items", rows, q.limit, q.offset, (r) => ruleView(state, r));
  });

  router.post("/sdk/validity/{asset_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const b = readBody(ctx.body, {
      rule_type: str({ required: true }),
      table_path: str({ required: true, nonEmpty: true }),
      severity: oneOf(SEVERITIES, { dflt: "warning" }),
      treat_null_as_valid: bool({ dflt: false }),
      check_interval: oneOf(INTERVALS, { dflt: "daily" }),
      column_name: str(),
      rule_config: obj(),
      name: str(),
      description: str(),
      error_message: str(),
      alert_threshold_percent: num({ min: 0, max: 100 }),
    });
    const table = state.table(asset, b.table_path);
    const input: RuleInput = {
      rule_type: canonicalRuleType(b.rule_type) ?? b.rule_type,
      column_name: b.column_name ?? null,
      rule_config: b.rule_config ?? null,
      name: b.name ?? null,
      description: b.description ?? null,
      error_message: b.error_message ?? null,
      severity: b.severity,
      alert_threshold_percent: b.alert_threshold_percent ?? null,
      treat_null_as_valid: b.treat_null_as_valid,
      check_interval: b.check_interval,
    };
    validateRule(table, input);
    const rule = createRule(state, asset, table, input);
    state.effect("validity.create");
    return ok(ruleView(state, rule), 201);
  });

  router.get("/sdk/validity/{asset_id}/{rule_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    return ok(ruleView(state, ruleOf(state, asset, ctx.params.rule_id as string)));
  });

  router.patch("/sdk/validity/{asset_id}/{rule_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const rule = ruleOf(state, asset, ctx.params.rule_id as string);
    const b = readBody(ctx.body, {
      is_active: bool(),
      severity: oneOf(SEVERITIES),
      name: str(),
      description: str(),
      alert_threshold_percent: num({ min: 0, max: 100 }),
      treat_null_as_valid: bool(),
      check_interval: oneOf(INTERVALS),
      rule_config: obj(),
    });
    if (b.rule_config !== undefined) {
      refusePattern(rule.rule_type, b.rule_config);
      const problem = configProblem({ ...rule, rule_config: b.rule_config });
      if (problem) throw invalid("rule_config", problem);
    }
    let changed = false;
    for (const [key, value] of Object.entries(b)) {
      if (value === undefined || JSON.stringify(rule[key]) === JSON.stringify(value)) continue;
      rule[key] = value;
      changed = true;
    }
    if (changed) state.effect("validity.update");
    return ok(ruleView(state, rule));
  });

  router.delete("/sdk/validity/{asset_id}/{rule_id}", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const rule = ruleOf(state, asset, ctx.params.rule_id as string);
    state.validityRules.splice(state.validityRules.indexOf(rule), 1);
    for (let i = state.validityResults.length - 1; i >= 0; i--)
      if (state.validityResults[i]!.validity_rule_id === rule.id) state.validityResults.splice(i, 1);
    state.effect("validity.delete");
    return noContent();
  });

  router.post("/sdk/validity/{asset_id}/{rule_id}/check", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const rule = ruleOf(state, asset, ctx.params.rule_id as string);
    const b = readBody(ctx.body, { sample_limit: int({ dflt: 10, min: 0 }) });
    const result = runValidity(state, rule, b.sample_limit);
    state.effect("validity.check");
    return ok(validityResultView(state, result));
  });

  router.get("/sdk/validity/{asset_id}/{rule_id}/results", (ctx) => {
    const asset = state.asset(ctx.params.asset_id as string);
    const rule = ruleOf(state, asset, ctx.params.rule_id as string);
    const q = readQuery(ctx.query, paging(100, 1000));
    return paged("items", validityResultsOf(state, rule), q.limit, q.offset, (r) => validityResultView(state, r));
  });

  state.seeder(seedDemo);
}

/**
 * Demo rules, each checked once an hour before `start`: customer emails must be present (fails: three
 * raw customers have none), order statuses must be known (fails: one `shipd`), product SKUs must be
 * unique (passes).
 */
function seedDemo(state: State): void {
  if (state.options.dataset !== "demo") return;
  const pg = state.findAsset("postgresql.analytics");
  if (!pg) return;
  const now = state.now();
  const define = (path: string, input: Partial<RuleInput> & { rule_type: string; column_name: string }) => {
    const table = state.findTable(pg, path);
    if (!table) return;
    const rule = createRule(
      state,
      pg,
      table,
      {
        rule_config: null,
        name: null,
        description: null,
        error_message: null,
        severity: "warning",
        alert_threshold_percent: null,
        treat_null_as_valid: false,
        check_interval: "daily",
        ...input,
      },
      now - 14 * 24 * HOUR,
    );
    runValidity(state, rule, 10, now - HOUR);
  };
  define("public.customers", {
    rule_type: "NOT_NULL",
    column_name: "email",
    name: "Customer email present",
    severity: "critical",
    description: "Every customer needs a contact email.",
  });
  define("public.orders", {
    rule_type: "ENUM",
    column_name: "status",
    name: "Known order status",
    rule_config: { values: ["pending", "shipped", "delivered", "cancelled"] },
  });
  define("public.products", {
    rule_type: "UNIQUE",
    column_name: "sku",
    name: "Unique product SKU",
    severity: "critical",
  });
}
