/** Freshness: how recently each asset's data landed, against its threshold; the `requireFresh` gate. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import { StalenessError } from "../core/errors";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import {
  dflt,
  flag,
  intIn,
  limit,
  nonNegative,
  offset,
  oneOf,
  opt,
  positive,
  req,
  serialize,
  text,
  type Fields,
} from "../core/params";
import { path } from "../core/path";

const STATUSES = ["fresh", "stale", "unknown", "disabled"] as const;
// 0.2.x names 5m, 1h, 6h, 1d and 1w; newer servers (armor-mcp) add 15m, 30m, 3h and 12h.
const CHECK_INTERVALS = ["5m", "15m", "30m", "1h", "3h", "6h", "12h", "1d", "1w"] as const;
const MODES = ["auto_learn", "explicit"] as const;
// Top-level calls are marked pure: the gate and the query layer import parts of this file alone
// (why and when a resource file needs the marks: src/resources/README.md).
import { bool, int, maybe, model, num, openEnum, str, timestamp, withDefault } from "../core/schemas";

/** Schema of {@link FreshnessStatus}. */
export const FreshnessStatusSchema = /* @__PURE__ */ model(
  {
    asset_id: str,
    qualified_name: str,
    status: /* @__PURE__ */ openEnum(["fresh", "stale", "unknown", "disabled"]),
    last_update_time: /* @__PURE__ */ maybe(timestamp),
    last_updated: /* @__PURE__ */ maybe(timestamp),
    staleness_threshold_hours: /* @__PURE__ */ maybe(num),
    hours_since_update: /* @__PURE__ */ maybe(num),
    is_stale: bool,
    is_fresh: /* @__PURE__ */ maybe(bool),
    checked_at: timestamp,
  },
  (s) => ({
    last_update_time: s.last_update_time ?? s.last_updated ?? null,
    last_updated: s.last_updated ?? s.last_update_time ?? null,
    is_fresh: s.is_fresh ?? s.status === "fresh",
  }),
);
/** Freshness of one asset. Carries both the seed's and the 0.2.x names (`last_updated` / `last_update_time`). */
export interface FreshnessStatus {
  /** Public UUID of the asset. */
  asset_id: string;
  /** Fully qualified name, e.g. `snowflake.prod.warehouse.orders`. */
  qualified_name: string;
  /** `fresh`, `stale`, `unknown` or `disabled`. */
  status: "fresh" | "stale" | "unknown" | "disabled" | (string & {});
  /** When data last landed (ISO-8601); 0.2.x name, filled from `last_updated`. */
  last_update_time: string | null;
  /** When data last landed (ISO-8601); seed name, filled from `last_update_time`. */
  last_updated: string | null;
  /** Hours after which the asset counts as stale. */
  staleness_threshold_hours?: number | null | undefined;
  /** Hours since data last landed. */
  hours_since_update?: number | null | undefined;
  /** Whether the asset is past its threshold. */
  is_stale: boolean;
  /** Whether the asset is within its threshold; filled from `status` when absent. */
  is_fresh: boolean;
  /** When freshness was last evaluated (ISO-8601). */
  checked_at: string;
}

/** Schema of {@link FreshnessSummary}. */
export const FreshnessSummarySchema = /* @__PURE__ */ model(
  {
    total_assets: int,
    fresh_count: /* @__PURE__ */ maybe(int),
    fresh: /* @__PURE__ */ maybe(int),
    stale_count: int,
    unknown_count: int,
    disabled_count: int,
    freshness_rate: /* @__PURE__ */ maybe(num),
    fresh_percentage: /* @__PURE__ */ maybe(num),
  },
  (s) => ({
    fresh_count: s.fresh_count ?? s.fresh ?? 0,
    fresh: s.fresh ?? s.fresh_count ?? 0,
    freshness_rate: s.freshness_rate ?? s.fresh_percentage ?? 0,
    fresh_percentage: s.fresh_percentage ?? s.freshness_rate ?? 0,
  }),
);
/** Aggregate freshness counts. Carries both `fresh` / `fresh_count` and `fresh_percentage` / `freshness_rate`. */
export interface FreshnessSummary {
  /** Assets counted. */
  total_assets: number;
  /** Fresh assets (0.2.x name; filled from `fresh`). */
  fresh_count: number;
  /** Fresh assets (seed name; filled from `fresh_count`). */
  fresh: number;
  /** Stale assets. */
  stale_count: number;
  /** Assets whose freshness is unknown. */
  unknown_count: number;
  /** Assets with freshness monitoring off. */
  disabled_count: number;
  /** Share of fresh assets in percent (0.2.x name; filled from `fresh_percentage`). */
  freshness_rate: number;
  /** Share of fresh assets in percent (seed name; filled from `freshness_rate`). */
  fresh_percentage: number;
}

/** Schema of {@link FreshnessRefreshResult}. */
export const FreshnessRefreshResultSchema = /* @__PURE__ */ model({
  job_id: str,
  status: /* @__PURE__ */ maybe(str),
  message: /* @__PURE__ */ maybe(str),
});
/** What `freshness.refresh` answers: the job that re-checks the asset. */
export interface FreshnessRefreshResult {
  /** Id of the job; poll it with `jobs.status`. */
  job_id: string;
  /** State of the job when it was started. */
  status?: string | null | undefined;
  /** Human-readable message. */
  message?: string | null | undefined;
}

/** Schema of {@link FreshnessSchedule}. */
export const FreshnessScheduleSchema = /* @__PURE__ */ model({
  id: str,
  asset_id: str,
  table_path: str,
  check_interval: /* @__PURE__ */ openEnum(CHECK_INTERVALS),
  freshness_column: /* @__PURE__ */ maybe(str),
  expected_interval_hours: /* @__PURE__ */ maybe(num),
  expected_update_time: /* @__PURE__ */ maybe(str),
  monitoring_mode: /* @__PURE__ */ openEnum(["auto_learn", "explicit"]),
  is_active: bool,
  last_check: /* @__PURE__ */ maybe(timestamp),
  next_check: /* @__PURE__ */ maybe(timestamp),
  created_at: timestamp,
  updated_at: /* @__PURE__ */ maybe(timestamp),
});
/** A freshness check schedule for one table (0.2.1). */
export interface FreshnessSchedule {
  /** Public identifier. */
  id: string;
  /** Public UUID of the asset. */
  asset_id: string;
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** How often the check runs (`5m` … `1w`). */
  check_interval: (typeof CHECK_INTERVALS)[number] | (string & {});
  /** Timestamp column that tells when rows landed. */
  freshness_column?: string | null | undefined;
  /** Hours expected between loads (explicit mode). */
  expected_interval_hours?: number | null | undefined;
  /** Time of day a load is expected, when set. */
  expected_update_time?: string | null | undefined;
  /** `auto_learn` (learns the cadence) or `explicit`. */
  monitoring_mode: "auto_learn" | "explicit" | (string & {});
  /** Whether the schedule runs. */
  is_active: boolean;
  /** When the last check ran (ISO-8601). */
  last_check?: string | null | undefined;
  /** When the next check is due (ISO-8601). */
  next_check?: string | null | undefined;
  /** When it was created (ISO-8601). */
  created_at: string;
  /** When it was last changed (ISO-8601). */
  updated_at?: string | null | undefined;
}

/** Schema of {@link FreshnessDryRunSample}. */
export const FreshnessDryRunSampleSchema = /* @__PURE__ */ model({ timestamp: str, hours_since_update: num });
/** One past moment a freshness dry run would have alerted on. `timestamp` is not parsed. */
export interface FreshnessDryRunSample {
  /** When the check would have alerted (kept as sent). */
  timestamp: string;
  /** Age of the data at that moment, in hours. */
  hours_since_update: number;
}

/** Schema of {@link FreshnessDryRunResponse}. */
export const FreshnessDryRunResponseSchema = /* @__PURE__ */ model({
  table_path: str,
  threshold_hours: num,
  lookback_days: int,
  total_checks: int,
  would_alert_count: int,
  alert_rate_percent: num,
  current_age_hours: /* @__PURE__ */ maybe(num),
  would_alert_now: bool,
  sample_alerts: /* @__PURE__ */ withDefault(/* @__PURE__ */ v.array(FreshnessDryRunSampleSchema), []),
  recommendation: str,
});
/** How often a freshness threshold would have alerted over the lookback window. */
export interface FreshnessDryRunResponse {
  /** Table it applies to, e.g. `warehouse.orders`. */
  table_path: string;
  /** Threshold that was tried, in hours. */
  threshold_hours: number;
  /** Days of history the dry run looked at. */
  lookback_days: number;
  /** Past checks replayed. */
  total_checks: number;
  /** How many checks would have alerted. */
  would_alert_count: number;
  /** Share of checks that would have alerted, in percent. */
  alert_rate_percent: number;
  /** Age of the data now, in hours. */
  current_age_hours?: number | null | undefined;
  /** Whether the threshold would alert right now. */
  would_alert_now: boolean;
  /** A sample of the past moments that would have alerted. Empty when the server omits it. */
  sample_alerts: FreshnessDryRunSample[];
  /** What the server advises, in words. */
  recommendation: string;
}

/** Params of `freshness.list`. */
export interface FreshnessListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only assets in this state. */
  status?: (typeof STATUSES)[number];
}
const listFields = {
  limit: /* @__PURE__ */ dflt(/* @__PURE__ */ limit(), 50),
  offset: /* @__PURE__ */ dflt(offset, 0),
  status: /* @__PURE__ */ opt(/* @__PURE__ */ oneOf(STATUSES), "truthy"),
} satisfies Fields<FreshnessListParams>;

/** Params of `freshness.requireFresh`. */
export interface FreshnessRequireFreshParams {
  /** Threshold in hours; default: the asset's own threshold, else 24. */
  max_age_hours?: number;
}
const requireFields = {
  max_age_hours: /* @__PURE__ */ opt(nonNegative),
} satisfies Fields<FreshnessRequireFreshParams>;

/** Params of `freshness.listSchedules` and `freshness.iterateSchedules`. */
export interface FreshnessListSchedulesParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only schedules of this asset (UUID or qualified name). */
  asset_id?: string;
  /** Only active schedules. @default false */
  active_only?: boolean;
}
const schedulesFields = {
  limit: /* @__PURE__ */ dflt(/* @__PURE__ */ limit(), 50),
  offset: /* @__PURE__ */ dflt(offset, 0),
  asset_id: /* @__PURE__ */ opt(/* @__PURE__ */ v.string(), "truthy"),
  active_only: /* @__PURE__ */ opt(flag, "true"),
} satisfies Fields<FreshnessListSchedulesParams>;

/** Params of `freshness.createSchedule`. */
export interface FreshnessCreateScheduleParams {
  /** Asset UUID or qualified name (sent in the body). */
  asset_id: string;
  /** Table to watch, e.g. `warehouse.orders`. */
  table_path: string;
  /** How often to check: `5m`, `15m`, `30m`, `1h`, `3h`, `6h`, `12h`, `1d` or `1w`. */
  check_interval: (typeof CHECK_INTERVALS)[number];
  /** Hours between expected loads (required by `explicit` mode). */
  expected_interval_hours?: number;
  /** Timestamp column that tells when rows landed. */
  freshness_column?: string;
  /** `auto_learn` (learn the cadence) or `explicit`. @default "auto_learn" */
  monitoring_mode?: (typeof MODES)[number];
  /** Create the schedule active. @default true */
  is_active?: boolean;
}
const createScheduleFields = {
  asset_id: /* @__PURE__ */ req(text),
  table_path: /* @__PURE__ */ req(text),
  check_interval: /* @__PURE__ */ req(/* @__PURE__ */ oneOf(CHECK_INTERVALS)),
  monitoring_mode: /* @__PURE__ */ dflt(/* @__PURE__ */ oneOf(MODES), "auto_learn"),
  is_active: /* @__PURE__ */ dflt(flag, true),
  expected_interval_hours: /* @__PURE__ */ opt(positive),
  freshness_column: /* @__PURE__ */ opt(text),
} satisfies Fields<FreshnessCreateScheduleParams>;

/** Params of `freshness.updateSchedule`: only the fields given are changed. */
export interface FreshnessUpdateScheduleParams {
  /** How often to check (`5m` … `1w`). */
  check_interval?: (typeof CHECK_INTERVALS)[number];
  /** Hours between expected loads. */
  expected_interval_hours?: number;
  /** Timestamp column that tells when rows landed. */
  freshness_column?: string;
  /** `auto_learn` or `explicit`. */
  monitoring_mode?: (typeof MODES)[number];
  /** Activate or pause the schedule. */
  is_active?: boolean;
}
const updateScheduleFields = {
  check_interval: /* @__PURE__ */ opt(/* @__PURE__ */ oneOf(CHECK_INTERVALS)),
  expected_interval_hours: /* @__PURE__ */ opt(positive),
  freshness_column: /* @__PURE__ */ opt(text),
  monitoring_mode: /* @__PURE__ */ opt(/* @__PURE__ */ oneOf(MODES)),
  is_active: /* @__PURE__ */ opt(flag),
} satisfies Fields<FreshnessUpdateScheduleParams>;

/** Params of `freshness.dryRun`. */
export interface FreshnessDryRunParams {
  /** Asset UUID or qualified name (sent in the body). */
  asset_id: string;
  /** Table to replay. */
  table_path: string;
  /** Hours between expected loads: the threshold to try. */
  expected_interval_hours: number;
  /** Days of history to replay, ≥ 1. @default 7 */
  lookback_days?: number;
}
const dryRunFields = {
  asset_id: /* @__PURE__ */ req(text),
  table_path: /* @__PURE__ */ req(text),
  expected_interval_hours: /* @__PURE__ */ req(positive),
  lookback_days: /* @__PURE__ */ dflt(/* @__PURE__ */ intIn(1), 7),
} satisfies Fields<FreshnessDryRunParams>;

/**
 * The one staleness rule (`docs/protocol.md` §3.3), shared by `requireFresh`, `waitForFresh`, the query
 * layer's freshness poll and the freshness gate: the threshold is `max_age_hours`, else the asset's own
 * when set and not 0, else 24; the asset is stale when the server says `is_stale` or the hours since its
 * last update exceed the threshold strictly.
 * @returns the threshold the asset is stale against, or `undefined` when it is fresh
 */
export function staleThreshold(status: FreshnessStatus, max_age_hours?: number): number | undefined {
  const threshold = max_age_hours ?? (status.staleness_threshold_hours || 24);
  const hours = status.hours_since_update;
  return status.is_stale === true || (typeof hours === "number" && hours > threshold) ? threshold : undefined;
}

/**
 * Reads one asset's freshness (`GET /sdk/freshness/{asset_id}`): `freshness.get` on a bare transport,
 * for bundles that need no other freshness call (the freshness gate).
 * @throws NotFoundError when the asset does not exist
 */
export async function getFreshness(
  transport: Transport,
  assetId: string,
  options?: RequestOptions,
): Promise<FreshnessStatus> {
  return transport.request(
    { method: "GET", path: path`/sdk/freshness/${assetId}`, schema: FreshnessStatusSchema },
    options,
  );
}

/** `client.freshness`: data freshness per asset. */
export class FreshnessResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /** Aggregate freshness across all assets. `GET /sdk/freshness/summary` */
  async summary(options?: RequestOptions): Promise<FreshnessSummary> {
    return this.transport.request(
      { method: "GET", path: "/sdk/freshness/summary", schema: FreshnessSummarySchema },
      options,
    );
  }

  /**
   * Freshness of every asset, one page. `GET /sdk/freshness`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(params?: FreshnessListParams, options?: RequestOptions): Promise<FreshnessStatus[]> {
    return listPage(
      this.transport,
      "freshness.list",
      listFields,
      params,
      { path: "/sdk/freshness", schema: FreshnessStatusSchema, list: "data" },
      options,
    );
  }

  /** Every asset's freshness across all pages, lazily. */
  iterate(params?: FreshnessListParams, options?: RequestOptions): AsyncGenerator<FreshnessStatus, void, undefined> {
    return iteratePages(
      this.transport,
      "freshness.iterate",
      listFields,
      params,
      { path: "/sdk/freshness", schema: FreshnessStatusSchema, list: "data" },
      options,
    );
  }

  /**
   * Freshness of one asset. `GET /sdk/freshness/{asset_id}`
   * @param assetId - UUID or qualified name
   * @throws NotFoundError when the asset does not exist
   */
  async get(assetId: string, options?: RequestOptions): Promise<FreshnessStatus> {
    return getFreshness(this.transport, assetId, options);
  }

  /**
   * Reads an asset's freshness and throws when it is stale by `staleThreshold`: the gate for
   * pipelines and edge handlers.
   * @param assetId - UUID or qualified name
   * @returns the status, when fresh
   * @throws StalenessError when stale; NotFoundError when the asset does not exist
   * @example await client.freshness.requireFresh("snowflake.prod.warehouse.orders", { max_age_hours: 24 });
   */
  async requireFresh(
    assetId: string,
    params?: FreshnessRequireFreshParams,
    options?: RequestOptions,
  ): Promise<FreshnessStatus> {
    const { max_age_hours } = serialize("freshness.requireFresh", requireFields, params) as FreshnessRequireFreshParams;
    const status = await this.get(assetId, options);
    const threshold = staleThreshold(status, max_age_hours);
    if (threshold === undefined) return status;
    throw new StalenessError({
      asset: assetId,
      hours_since_update: status.hours_since_update || 0,
      threshold_hours: threshold,
      freshness: status,
    });
  }

  /**
   * Starts a freshness re-check job. `POST /sdk/freshness/{asset_id}/refresh` (no body)
   *
   * It re-reads when the asset's data last changed and recomputes its status; it loads no data, so a
   * stale asset stays stale until a new load lands upstream. Wait for the load with `waitForFresh`.
   * @returns the job's id and status; poll it with `jobs.status` or `pollJob`
   * @throws AuthorizationError without read-write scope
   */
  async refresh(assetId: string, options?: RequestOptions): Promise<FreshnessRefreshResult> {
    return this.transport.request(
      { method: "POST", path: path`/sdk/freshness/${assetId}/refresh`, schema: FreshnessRefreshResultSchema },
      options,
    );
  }

  /**
   * Freshness schedules, one page. `GET /sdk/freshness/schedules`
   * @returns the schedules in `data.data`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async listSchedules(params?: FreshnessListSchedulesParams, options?: RequestOptions): Promise<FreshnessSchedule[]> {
    return listPage(
      this.transport,
      "freshness.listSchedules",
      schedulesFields,
      params,
      { path: "/sdk/freshness/schedules", schema: FreshnessScheduleSchema, list: "data" },
      options,
    );
  }

  /**
   * Every freshness schedule across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterateSchedules(
    params?: FreshnessListSchedulesParams,
    options?: RequestOptions,
  ): AsyncGenerator<FreshnessSchedule, void, undefined> {
    return iteratePages(
      this.transport,
      "freshness.iterateSchedules",
      schedulesFields,
      params,
      { path: "/sdk/freshness/schedules", schema: FreshnessScheduleSchema, list: "data" },
      options,
    );
  }

  /**
   * Creates a freshness schedule. `POST /sdk/freshness/schedules`
   * @returns the schedule created
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without write scope
   */
  async createSchedule(params: FreshnessCreateScheduleParams, options?: RequestOptions): Promise<FreshnessSchedule> {
    const body = serialize("freshness.createSchedule", createScheduleFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/freshness/schedules", body, schema: FreshnessScheduleSchema },
      options,
    );
  }

  /**
   * Changes a schedule; only the fields given are sent (`{}` when none). `PATCH /sdk/freshness/schedules/{schedule_id}`
   * @param scheduleId - the schedule's id
   * @returns the schedule as updated
   * @throws ValidationError on bad params; NotFoundError when the schedule does not exist
   */
  async updateSchedule(
    scheduleId: string,
    params: FreshnessUpdateScheduleParams,
    options?: RequestOptions,
  ): Promise<FreshnessSchedule> {
    const body = serialize("freshness.updateSchedule", updateScheduleFields, params);
    return this.transport.request(
      { method: "PATCH", path: path`/sdk/freshness/schedules/${scheduleId}`, body, schema: FreshnessScheduleSchema },
      options,
    );
  }

  /**
   * Deletes a schedule. `DELETE /sdk/freshness/schedules/{schedule_id}`
   * @param scheduleId - the schedule's id
   * @returns nothing (an empty 204 is fine)
   * @throws NotFoundError when the schedule does not exist
   */
  async deleteSchedule(scheduleId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: path`/sdk/freshness/schedules/${scheduleId}` }, options);
  }

  /**
   * Replays history against a threshold to see how often it would alert. `POST /sdk/freshness/dry-run`
   * @returns alert counts and rate, the current age and sample alerts
   * @throws ValidationError on bad params (nothing is sent)
   */
  async dryRun(params: FreshnessDryRunParams, options?: RequestOptions): Promise<FreshnessDryRunResponse> {
    const body = serialize("freshness.dryRun", dryRunFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/freshness/dry-run", body, schema: FreshnessDryRunResponseSchema },
      options,
    );
  }
}
