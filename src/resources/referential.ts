/** Referential integrity: checks that every child row's foreign key has a parent, with their run results. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import { dflt, flag, intIn, limit, numIn, offset, oneOf, opt, req, serialize, text, type Fields } from "../core/params";
import { path } from "../core/path";
import { anyList, bool, int, maybe, model, num, openEnum, str, timestamp, withDefault } from "../core/schemas";

const INTERVALS = ["hourly", "daily", "weekly"] as const;
const count = intIn(0);

/** Schema of {@link ReferentialSummary}. */
export const ReferentialSummarySchema = model({
  total_checks: int,
  active_checks: int,
  passing_checks: withDefault(int, 0),
  failing_checks: withDefault(int, 0),
  last_check_at: maybe(timestamp),
});
/** Referential check counts of one asset. */
export interface ReferentialSummary {
  /** Checks defined. */
  total_checks: number;
  /** Checks that run. */
  active_checks: number;
  /** Checks passing. `0` when the server omits it. */
  passing_checks: number;
  /** Checks failing. `0` when the server omits it. */
  failing_checks: number;
  /** When the last check ran (ISO-8601). */
  last_check_at?: string | null | undefined;
}

/** Schema of {@link ReferentialCheck}. */
export const ReferentialCheckSchema = model({
  id: str,
  internal_id: int,
  asset_id: int,
  child_table_path: str,
  child_column_name: str,
  parent_table_path: str,
  parent_column_name: str,
  name: maybe(str),
  description: maybe(str),
  capture_interval: withDefault(openEnum(INTERVALS), "daily"),
  max_orphan_count: maybe(int),
  max_orphan_percent: maybe(num),
  min_child_count: maybe(int),
  max_child_count: maybe(int),
  is_active: withDefault(bool, true),
  last_checked_at: maybe(timestamp),
  created_at: maybe(timestamp),
});
/** One foreign-key check: child column → parent column. `asset_id` is the asset's internal (integer) id. */
export interface ReferentialCheck {
  /** Public identifier. */
  id: string;
  /** Numeric id inside the server. */
  internal_id: number;
  /** Numeric id of the asset. */
  asset_id: number;
  /** Table holding the foreign key. */
  child_table_path: string;
  /** Foreign key column. */
  child_column_name: string;
  /** Table referred to. */
  parent_table_path: string;
  /** Key column referred to. */
  parent_column_name: string;
  /** Check name. */
  name?: string | null | undefined;
  /** Free-text description. */
  description?: string | null | undefined;
  /** How often the check runs: `hourly`, `daily` or `weekly`. `daily` when the server omits it. */
  capture_interval: "hourly" | "daily" | "weekly" | (string & {});
  /** Most orphan rows allowed. */
  max_orphan_count?: number | null | undefined;
  /** Largest orphan share allowed, in percent. */
  max_orphan_percent?: number | null | undefined;
  /** Fewest children each parent must have. */
  min_child_count?: number | null | undefined;
  /** Most children each parent may have. */
  max_child_count?: number | null | undefined;
  /** Whether the check runs. `true` when the server omits it. */
  is_active: boolean;
  /** When it last ran (ISO-8601). */
  last_checked_at?: string | null | undefined;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
}

/** Schema of {@link ReferentialCheckResult}. */
export const ReferentialCheckResultSchema = model({
  id: int,
  referential_check_id: int,
  status: openEnum(["pass", "fail", "error", "PASS", "FAIL", "ERROR"]),
  orphan_count: int,
  orphan_percent: num,
  total_child_rows: int,
  orphan_sample: maybe(anyList),
  cardinality_sample: maybe(anyList),
  parents_below_min: maybe(int),
  parents_above_max: maybe(int),
  query_duration_ms: maybe(int),
  error_message: maybe(str),
  checked_at: timestamp,
  created_at: maybe(timestamp),
});
/**
 * One run of a referential check. `checked_at` is the run's time on the 0.2.x wire; the seed's
 * `created_at` is optional. `status` may arrive as `pass` or `PASS`: compare case-insensitively.
 */
export interface ReferentialCheckResult {
  /** Numeric id of the result. */
  id: number;
  /** Numeric id of its check. */
  referential_check_id: number;
  /** `pass`, `fail` or `error` (either case). */
  status: "pass" | "fail" | "error" | "PASS" | "FAIL" | "ERROR" | (string & {});
  /** Child rows whose parent is missing. */
  orphan_count: number;
  /** Share of orphan rows, in percent. */
  orphan_percent: number;
  /** Child rows checked. */
  total_child_rows: number;
  /** A sample of orphan keys. */
  orphan_sample?: unknown[] | null | undefined;
  /** A sample of parents outside the child-count bounds. */
  cardinality_sample?: unknown[] | null | undefined;
  /** Parents with too few children. */
  parents_below_min?: number | null | undefined;
  /** Parents with too many children. */
  parents_above_max?: number | null | undefined;
  /** Time the check query took, in milliseconds. */
  query_duration_ms?: number | null | undefined;
  /** What went wrong, when the check errored. */
  error_message?: string | null | undefined;
  /** When it was checked (ISO-8601). */
  checked_at: string;
  /** When the result was stored (ISO-8601). */
  created_at?: string | null | undefined;
}

/** Params of `referential.list` and `referential.iterate`. */
export interface ReferentialListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only active (`true`) or inactive (`false`) checks. */
  is_active?: boolean;
}
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  is_active: opt(flag),
} satisfies Fields<ReferentialListParams>;

/** Params of `referential.create`. */
export interface ReferentialCreateParams {
  /** Table holding the foreign key, e.g. `catalog.schema.orders`. */
  child_table_path: string;
  /** Foreign-key column. */
  child_column_name: string;
  /** Table holding the key referenced, e.g. `catalog.schema.customers`. */
  parent_table_path: string;
  /** Referenced key column. */
  parent_column_name: string;
  /** Display name. */
  name?: string;
  /** Free-text description. */
  description?: string;
  /** How often to run. @default "daily" */
  capture_interval?: (typeof INTERVALS)[number];
  /** Orphans tolerated before alerting. */
  max_orphan_count?: number;
  /** Orphan percentage, 0–100, tolerated before alerting. */
  max_orphan_percent?: number;
  /** Fewest children each parent must have. */
  min_child_count?: number;
  /** Most children a parent may have. */
  max_child_count?: number;
}
const createFields = {
  child_table_path: req(text),
  child_column_name: req(text),
  parent_table_path: req(text),
  parent_column_name: req(text),
  capture_interval: dflt(oneOf(INTERVALS), "daily"),
  name: opt(text),
  description: opt(v.string()),
  max_orphan_count: opt(count),
  max_orphan_percent: opt(numIn(0, 100)),
  min_child_count: opt(count),
  max_child_count: opt(count),
} satisfies Fields<ReferentialCreateParams>;

/** Params of `referential.update`: only the fields given are changed. */
export interface ReferentialUpdateParams {
  /** Activate or pause the check. */
  is_active?: boolean;
  /** Display name. */
  name?: string;
  /** Free-text description. */
  description?: string;
  /** How often to run. */
  capture_interval?: (typeof INTERVALS)[number];
  /** Orphans tolerated before alerting. */
  max_orphan_count?: number;
  /** Orphan percentage, 0–100, tolerated before alerting. */
  max_orphan_percent?: number;
  /** Fewest children each parent must have. */
  min_child_count?: number;
  /** Most children a parent may have. */
  max_child_count?: number;
}
const updateFields = {
  is_active: opt(flag),
  name: opt(text),
  description: opt(v.string()),
  capture_interval: opt(oneOf(INTERVALS)),
  max_orphan_count: opt(count),
  max_orphan_percent: opt(numIn(0, 100)),
  min_child_count: opt(count),
  max_child_count: opt(count),
} satisfies Fields<ReferentialUpdateParams>;

/** Params of `referential.results` and `referential.iterateResults`. */
export interface ReferentialResultsParams {
  /** Page size, 1–1000. @default 100 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
}
const resultsFields = {
  limit: dflt(limit(1000), 100),
  offset: dflt(offset, 0),
} satisfies Fields<ReferentialResultsParams>;

/** `client.referential`: foreign-key checks per asset. Writes and runs need a read-write or admin key. */
export class ReferentialResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Check counts of one asset. `GET /sdk/referential/{asset_id}/summary`
   * @param assetId - asset UUID or qualified name
   * @returns total, active, passing and failing checks
   * @throws NotFoundError when the asset does not exist
   */
  async summary(assetId: string, options?: RequestOptions): Promise<ReferentialSummary> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/referential/${assetId}/summary`, schema: ReferentialSummarySchema },
      options,
    );
  }

  /**
   * Checks of an asset, one page. `GET /sdk/referential/{asset_id}`
   * @param assetId - asset UUID or qualified name
   * @returns the checks in `data.items`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(assetId: string, params?: ReferentialListParams, options?: RequestOptions): Promise<ReferentialCheck[]> {
    return listPage(
      this.transport,
      "referential.list",
      listFields,
      params,
      { path: path`/sdk/referential/${assetId}`, schema: ReferentialCheckSchema, list: "items" },
      options,
    );
  }

  /**
   * Every check of an asset across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterate(
    assetId: string,
    params?: ReferentialListParams,
    options?: RequestOptions,
  ): AsyncGenerator<ReferentialCheck, void, undefined> {
    return iteratePages(
      this.transport,
      "referential.iterate",
      listFields,
      params,
      { path: path`/sdk/referential/${assetId}`, schema: ReferentialCheckSchema, list: "items" },
      options,
    );
  }

  /**
   * One check. `GET /sdk/referential/{asset_id}/{check_id}`
   * @param checkId - the check's UUID
   * @throws NotFoundError when the asset or check does not exist
   */
  async get(assetId: string, checkId: string, options?: RequestOptions): Promise<ReferentialCheck> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/referential/${assetId}/${checkId}`, schema: ReferentialCheckSchema },
      options,
    );
  }

  /**
   * Creates a check. `POST /sdk/referential/{asset_id}`
   * @returns the check created
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without write scope
   */
  async create(assetId: string, params: ReferentialCreateParams, options?: RequestOptions): Promise<ReferentialCheck> {
    const body = serialize("referential.create", createFields, params);
    return this.transport.request(
      { method: "POST", path: path`/sdk/referential/${assetId}`, body, schema: ReferentialCheckSchema },
      options,
    );
  }

  /**
   * Changes a check; only the fields given are sent (`{}` when none). `PATCH /sdk/referential/{asset_id}/{check_id}`
   * @returns the check as updated
   * @throws ValidationError on bad params; NotFoundError when the check does not exist
   */
  async update(
    assetId: string,
    checkId: string,
    params: ReferentialUpdateParams,
    options?: RequestOptions,
  ): Promise<ReferentialCheck> {
    const body = serialize("referential.update", updateFields, params);
    return this.transport.request(
      { method: "PATCH", path: path`/sdk/referential/${assetId}/${checkId}`, body, schema: ReferentialCheckSchema },
      options,
    );
  }

  /**
   * Deletes a check. `DELETE /sdk/referential/{asset_id}/{check_id}`
   * @returns nothing (an empty 204 is fine)
   * @throws NotFoundError when the check does not exist
   */
  async delete(assetId: string, checkId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: path`/sdk/referential/${assetId}/${checkId}` }, options);
  }

  /**
   * Runs the check now. `POST /sdk/referential/{asset_id}/{check_id}/execute` (no body)
   * @returns the run's result
   * @throws ValidationError when the check is inactive; NotFoundError when it does not exist
   */
  async execute(assetId: string, checkId: string, options?: RequestOptions): Promise<ReferentialCheckResult> {
    return this.transport.request(
      {
        method: "POST",
        path: path`/sdk/referential/${assetId}/${checkId}/execute`,
        schema: ReferentialCheckResultSchema,
      },
      options,
    );
  }

  /**
   * Past results of a check, one page. `GET /sdk/referential/{asset_id}/{check_id}/results`
   * @returns the results in `data.items`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async results(
    assetId: string,
    checkId: string,
    params?: ReferentialResultsParams,
    options?: RequestOptions,
  ): Promise<ReferentialCheckResult[]> {
    return listPage(
      this.transport,
      "referential.results",
      resultsFields,
      params,
      {
        path: path`/sdk/referential/${assetId}/${checkId}/results`,
        schema: ReferentialCheckResultSchema,
        list: "items",
      },
      options,
    );
  }

  /**
   * Every past result of a check across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterateResults(
    assetId: string,
    checkId: string,
    params?: ReferentialResultsParams,
    options?: RequestOptions,
  ): AsyncGenerator<ReferentialCheckResult, void, undefined> {
    const url = path`/sdk/referential/${assetId}/${checkId}/results`;
    return iteratePages(
      this.transport,
      "referential.iterateResults",
      resultsFields,
      params,
      { path: url, schema: ReferentialCheckResultSchema, list: "items" },
      options,
    );
  }
}
