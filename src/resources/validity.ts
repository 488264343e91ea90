/** Validity: rules a column's values must satisfy (not null, unique, regex, range, enum) and their check results. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import {
  dflt,
  flag,
  intIn,
  limit,
  numIn,
  offset,
  oneOf,
  opt,
  record,
  req,
  serialize,
  text,
  type Fields,
} from "../core/params";
import { path } from "../core/path";
import { bool, dict, int, maybe, model, num, openEnum, str, timestamp, withDefault } from "../core/schemas";

const RULE_TYPES = ["NOT_NULL", "UNIQUE", "REGEX", "RANGE", "ENUM"] as const;
// 0.2.x names three; newer servers (armor-mcp) also send `error`.
const SEVERITIES = ["info", "warning", "critical", "error"] as const;
const INTERVALS = ["hourly", "daily", "weekly"] as const;

/** Schema of {@link ValiditySummary}. */
export const ValiditySummarySchema = model({
  total_rules: int,
  passing: withDefault(int, 0),
  failing: withDefault(int, 0),
  error: withDefault(int, 0),
});
/** Validity rule counts of one asset. */
export interface ValiditySummary {
  /** Rules defined. */
  total_rules: number;
  /** Rules passing. `0` when the server omits it. */
  passing: number;
  /** Rules failing. `0` when the server omits it. */
  failing: number;
  /** Rules whose check errored. `0` when the server omits it. */
  error: number;
}

/** Schema of {@link ValidityRule}. */
export const ValidityRuleSchema = model({
  id: int,
  uuid: str,
  table_path: str,
  column_name: maybe(str),
  rule_type: openEnum(RULE_TYPES),
  rule_config: maybe(dict),
  name: maybe(str),
  description: maybe(str),
  severity: withDefault(openEnum(SEVERITIES), "warning"),
  is_active: withDefault(bool, true),
  alert_threshold_percent: maybe(num),
  treat_null_as_valid: withDefault(bool, false),
  check_interval: withDefault(openEnum(INTERVALS), "daily"),
  created_at: maybe(timestamp),
  latest_status: maybe(openEnum(["pass", "fail", "error"])),
});
/** One validity rule. `id` is internal (integer); `uuid` is the public id used in paths. */
export interface ValidityRule {
  /** Numeric id of the rule. */
  id: number;
  /** Public UUID. */
  uuid: string;
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** Column it applies to, when it targets one. */
  column_name?: string | null | undefined;
  /** `NOT_NULL`, `UNIQUE`, `REGEX`, `RANGE` or `ENUM`. */
  rule_type: "NOT_NULL" | "UNIQUE" | "REGEX" | "RANGE" | "ENUM" | (string & {});
  /** Settings of the rule type (pattern, bounds, allowed values). */
  rule_config?: Record<string, unknown> | null | undefined;
  /** Rule name. */
  name?: string | null | undefined;
  /** Free-text description. */
  description?: string | null | undefined;
  /** How serious a failure is: `info`, `warning` or `critical`. `warning` when the server omits it. */
  severity: (typeof SEVERITIES)[number] | (string & {});
  /** Whether the rule is checked. `true` when the server omits it. */
  is_active: boolean;
  /** Share of invalid rows that fails the rule, in percent. */
  alert_threshold_percent?: number | null | undefined;
  /** Whether nulls count as valid. `false` when the server omits it. */
  treat_null_as_valid: boolean;
  /** How often the rule is checked: `hourly`, `daily` or `weekly`. `daily` when the server omits it. */
  check_interval: "hourly" | "daily" | "weekly" | (string & {});
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
  /** Outcome of the last check: `pass`, `fail` or `error`. */
  latest_status?: "pass" | "fail" | "error" | (string & {}) | null | undefined;
}

/** Schema of {@link ValidityCheckResult}. */
export const ValidityCheckResultSchema = model({
  id: int,
  validity_rule_id: int,
  status: openEnum(["pass", "fail", "error", "PASS", "FAIL", "ERROR"]),
  total_rows: int,
  invalid_count: int,
  invalid_percent: num,
  invalid_samples: maybe(dict),
  execution_duration_ms: maybe(int),
  error_message: maybe(str),
  checked_at: timestamp,
  created_at: maybe(timestamp),
});
/** One run of a validity rule. `status` may arrive as `pass` or `PASS`: compare case-insensitively. */
export interface ValidityCheckResult {
  /** Numeric id of the result. */
  id: number;
  /** Numeric id of its rule. */
  validity_rule_id: number;
  /** `pass`, `fail` or `error` (either case). */
  status: "pass" | "fail" | "error" | "PASS" | "FAIL" | "ERROR" | (string & {});
  /** Rows checked. */
  total_rows: number;
  /** Rows breaking the rule. */
  invalid_count: number;
  /** Share of invalid rows, in percent. */
  invalid_percent: number;
  /** A sample of the invalid rows. */
  invalid_samples?: Record<string, unknown> | null | undefined;
  /** Time the check took, in milliseconds. */
  execution_duration_ms?: number | null | undefined;
  /** What went wrong, when the check errored. */
  error_message?: string | null | undefined;
  /** When it was checked (ISO-8601). */
  checked_at: string;
  /** When the result was stored (ISO-8601). */
  created_at?: string | null | undefined;
}

/** Params of `validity.list` and `validity.iterate`. */
export interface ValidityListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only rules of this type. */
  rule_type?: (typeof RULE_TYPES)[number];
  /** Only active (`true`) or inactive (`false`) rules. */
  is_active?: boolean;
}
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  rule_type: opt(oneOf(RULE_TYPES)),
  is_active: opt(flag),
} satisfies Fields<ValidityListParams>;

/** Params of `validity.create`. */
export interface ValidityCreateParams {
  /** `NOT_NULL`, `UNIQUE`, `REGEX`, `RANGE` or `ENUM`. */
  rule_type: (typeof RULE_TYPES)[number];
  /** Table the rule reads, e.g. `catalog.schema.table`. */
  table_path: string;
  /** Column the rule checks. */
  column_name?: string;
  /** Rule-specific settings: REGEX `{ pattern }`, RANGE `{ min?, max? }`, ENUM `{ values }`. */
  rule_config?: Record<string, unknown>;
  /** Display name. */
  name?: string;
  /** Free-text description. */
  description?: string;
  /** Message shown when the rule fails. */
  error_message?: string;
  /** `info`, `warning` or `critical`. @default "warning" */
  severity?: (typeof SEVERITIES)[number];
  /** Percentage of invalid rows, 0–100, above which the rule alerts. */
  alert_threshold_percent?: number;
  /** Count nulls as valid values. @default false */
  treat_null_as_valid?: boolean;
  /** How often to check. @default "daily" */
  check_interval?: (typeof INTERVALS)[number];
}
const createFields = {
  rule_type: req(oneOf(RULE_TYPES)),
  table_path: req(text),
  severity: dflt(oneOf(SEVERITIES), "warning"),
  treat_null_as_valid: dflt(flag, false),
  check_interval: dflt(oneOf(INTERVALS), "daily"),
  column_name: opt(text),
  rule_config: opt(record),
  name: opt(text),
  description: opt(v.string()),
  error_message: opt(v.string()),
  alert_threshold_percent: opt(numIn(0, 100)),
} satisfies Fields<ValidityCreateParams>;

/** Params of `validity.update`: only the fields given are changed. */
export interface ValidityUpdateParams {
  /** Activate or pause the rule. */
  is_active?: boolean;
  /** `info`, `warning` or `critical`. */
  severity?: (typeof SEVERITIES)[number];
  /** Display name. */
  name?: string;
  /** Free-text description. */
  description?: string;
  /** Percentage of invalid rows, 0–100, above which the rule alerts. */
  alert_threshold_percent?: number;
  /** Count nulls as valid values. */
  treat_null_as_valid?: boolean;
  /** How often to check. */
  check_interval?: (typeof INTERVALS)[number];
}
const updateFields = {
  is_active: opt(flag),
  severity: opt(oneOf(SEVERITIES)),
  name: opt(text),
  description: opt(v.string()),
  alert_threshold_percent: opt(numIn(0, 100)),
  treat_null_as_valid: opt(flag),
  check_interval: opt(oneOf(INTERVALS)),
} satisfies Fields<ValidityUpdateParams>;

/** Params of `validity.check`. */
export interface ValidityCheckParams {
  /** How many invalid rows to sample, ≥ 1. @default 10 */
  sample_limit?: number;
}
const checkFields = {
  sample_limit: dflt(intIn(1), 10),
} satisfies Fields<ValidityCheckParams>;

/** Params of `validity.results` and `validity.iterateResults`. */
export interface ValidityResultsParams {
  /** Page size, 1–1000. @default 100 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
}
const resultsFields = {
  limit: dflt(limit(1000), 100),
  offset: dflt(offset, 0),
} satisfies Fields<ValidityResultsParams>;

/** `client.validity`: validity rules per asset. Writes and checks need a read-write or admin key. */
export class ValidityResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Rule counts of one asset. `GET /sdk/validity/{asset_id}/summary`
   * @param assetId - asset UUID or qualified name
   * @returns total, passing, failing and erroring rules
   * @throws NotFoundError when the asset does not exist
   */
  async summary(assetId: string, options?: RequestOptions): Promise<ValiditySummary> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/validity/${assetId}/summary`, schema: ValiditySummarySchema },
      options,
    );
  }

  /**
   * Rules of an asset, one page. `GET /sdk/validity/{asset_id}`
   * @param assetId - asset UUID or qualified name
   * @returns the rules in `data.items`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(assetId: string, params?: ValidityListParams, options?: RequestOptions): Promise<ValidityRule[]> {
    return listPage(
      this.transport,
      "validity.list",
      listFields,
      params,
      { path: path`/sdk/validity/${assetId}`, schema: ValidityRuleSchema, list: "items" },
      options,
    );
  }

  /**
   * Every rule of an asset across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterate(
    assetId: string,
    params?: ValidityListParams,
    options?: RequestOptions,
  ): AsyncGenerator<ValidityRule, void, undefined> {
    return iteratePages(
      this.transport,
      "validity.iterate",
      listFields,
      params,
      { path: path`/sdk/validity/${assetId}`, schema: ValidityRuleSchema, list: "items" },
      options,
    );
  }

  /**
   * One rule. `GET /sdk/validity/{asset_id}/{rule_id}`
   * @param ruleId - the rule's UUID
   * @throws NotFoundError when the asset or rule does not exist
   */
  async get(assetId: string, ruleId: string, options?: RequestOptions): Promise<ValidityRule> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/validity/${assetId}/${ruleId}`, schema: ValidityRuleSchema },
      options,
    );
  }

  /**
   * Creates a rule. `POST /sdk/validity/{asset_id}`
   * @returns the rule created
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without write scope
   */
  async create(assetId: string, params: ValidityCreateParams, options?: RequestOptions): Promise<ValidityRule> {
    const body = serialize("validity.create", createFields, params);
    return this.transport.request(
      { method: "POST", path: path`/sdk/validity/${assetId}`, body, schema: ValidityRuleSchema },
      options,
    );
  }

  /**
   * Changes a rule; only the fields given are sent (`{}` when none). `PATCH /sdk/validity/{asset_id}/{rule_id}`
   * @returns the rule as updated
   * @throws ValidationError on bad params; NotFoundError when the rule does not exist
   */
  async update(
    assetId: string,
    ruleId: string,
    params: ValidityUpdateParams,
    options?: RequestOptions,
  ): Promise<ValidityRule> {
    const body = serialize("validity.update", updateFields, params);
    return this.transport.request(
      { method: "PATCH", path: path`/sdk/validity/${assetId}/${ruleId}`, body, schema: ValidityRuleSchema },
      options,
    );
  }

  /**
   * Deletes a rule. `DELETE /sdk/validity/{asset_id}/{rule_id}`
   * @returns nothing (an empty 204 is fine)
   * @throws NotFoundError when the rule does not exist
   */
  async delete(assetId: string, ruleId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: path`/sdk/validity/${assetId}/${ruleId}` }, options);
  }

  /**
   * Runs the rule now. `POST /sdk/validity/{asset_id}/{rule_id}/check`
   * @returns the result, with up to `sample_limit` invalid rows
   * @throws ValidationError on bad params; NotFoundError when the rule does not exist
   */
  async check(
    assetId: string,
    ruleId: string,
    params?: ValidityCheckParams,
    options?: RequestOptions,
  ): Promise<ValidityCheckResult> {
    const body = serialize("validity.check", checkFields, params);
    return this.transport.request(
      { method: "POST", path: path`/sdk/validity/${assetId}/${ruleId}/check`, body, schema: ValidityCheckResultSchema },
      options,
    );
  }

  /**
   * Past results of a rule, one page. `GET /sdk/validity/{asset_id}/{rule_id}/results`
   * @returns the results in `data.items`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async results(
    assetId: string,
    ruleId: string,
    params?: ValidityResultsParams,
    options?: RequestOptions,
  ): Promise<ValidityCheckResult[]> {
    return listPage(
      this.transport,
      "validity.results",
      resultsFields,
      params,
      { path: path`/sdk/validity/${assetId}/${ruleId}/results`, schema: ValidityCheckResultSchema, list: "items" },
      options,
    );
  }

  /**
   * Every past result of a rule across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterateResults(
    assetId: string,
    ruleId: string,
    params?: ValidityResultsParams,
    options?: RequestOptions,
  ): AsyncGenerator<ValidityCheckResult, void, undefined> {
    return iteratePages(
      this.transport,
      "validity.iterateResults",
      resultsFields,
      params,
      { path: path`/sdk/validity/${assetId}/${ruleId}/results`, schema: ValidityCheckResultSchema, list: "items" },
      options,
    );
  }
}
