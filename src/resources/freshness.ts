/** Freshness: how recently each asset's data landed, against its threshold; the `requireFresh` gate. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import { StalenessError } from "../core/errors";
import type { Transport } from "../core/http";
import { paginate } from "../core/pagination";
import { dflt, limit, offset, oneOf, opt, serialize, type Fields } from "../core/params";
import { path } from "../core/path";
import { bool, int, maybe, model, num, openEnum, str, timestamp } from "../core/schemas";

/** Freshness of one asset. Carries both the seed's and the 0.2.x names (`last_updated` / `last_update_time`). */
export const FreshnessStatusSchema = model(
  {
    asset_id: str,
    qualified_name: str,
    status: openEnum(["fresh", "stale", "unknown", "disabled"]),
    last_update_time: maybe(timestamp),
    last_updated: maybe(timestamp),
    staleness_threshold_hours: maybe(num),
    hours_since_update: maybe(num),
    is_stale: bool,
    is_fresh: maybe(bool),
    checked_at: timestamp,
  },
  (s) => ({
    ...s,
    last_update_time: s.last_update_time ?? s.last_updated ?? null,
    last_updated: s.last_updated ?? s.last_update_time ?? null,
    is_fresh: s.is_fresh ?? s.status === "fresh",
  }),
);
/** Freshness of one asset. */
export type FreshnessStatus = v.InferOutput<typeof FreshnessStatusSchema>;

/** Aggregate freshness counts. Carries both `fresh` / `fresh_count` and `fresh_percentage` / `freshness_rate`. */
export const FreshnessSummarySchema = model(
  {
    total_assets: int,
    fresh_count: maybe(int),
    fresh: maybe(int),
    stale_count: int,
    unknown_count: int,
    disabled_count: int,
    freshness_rate: maybe(num),
    fresh_percentage: maybe(num),
  },
  (s) => ({
    ...s,
    fresh_count: (s.fresh_count ?? s.fresh ?? 0) as number,
    fresh: (s.fresh ?? s.fresh_count ?? 0) as number,
    freshness_rate: (s.freshness_rate ?? s.fresh_percentage ?? 0) as number,
    fresh_percentage: (s.fresh_percentage ?? s.freshness_rate ?? 0) as number,
  }),
);
/** Aggregate freshness counts. */
export type FreshnessSummary = v.InferOutput<typeof FreshnessSummarySchema>;

/** What `freshness.refresh` answers: the job that re-checks the asset. */
export const FreshnessRefreshResultSchema = model({ job_id: str, status: maybe(str), message: maybe(str) });
/** What `freshness.refresh` answers. */
export type FreshnessRefreshResult = v.InferOutput<typeof FreshnessRefreshResultSchema>;

/** Params of `freshness.list`. */
export interface FreshnessListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only assets in this state. */
  status?: "fresh" | "stale" | "unknown" | "disabled";
}
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  status: opt(oneOf(["fresh", "stale", "unknown", "disabled"]), "truthy"),
} satisfies Fields<FreshnessListParams>;

/** Params of `freshness.requireFresh`. */
export interface FreshnessRequireFreshParams {
  /** Threshold in hours; default: the asset's own threshold, else 24. */
  max_age_hours?: number;
}
const requireFields = {
  max_age_hours: opt(v.pipe(v.number(), v.finite(), v.minValue(0))),
} satisfies Fields<FreshnessRequireFreshParams>;

/**
 * Decides staleness exactly as `wire.md` §3.5: threshold = `max_age_hours`, else the asset's threshold
 * when truthy, else 24; stale when the server says `is_stale` or hours since update exceed it strictly.
 * @throws StalenessError when stale
 */
export function assertFresh(asset: string, status: FreshnessStatus, max_age_hours?: number): FreshnessStatus {
  const threshold = max_age_hours ?? (status.staleness_threshold_hours || 24);
  const hours = status.hours_since_update;
  if (status.is_stale === true || (hours !== null && hours !== undefined && hours > threshold)) {
    throw new StalenessError({ asset, hours_since_update: hours || 0, threshold_hours: threshold, freshness: status });
  }
  return status;
}

/** `client.freshness`: data freshness per asset. */
export class FreshnessResource {
  /** @param transport - from `createTransport` or a `Client` */
  constructor(private readonly transport: Transport) {}

  /** Aggregate freshness across all assets. `GET /sdk/freshness/summary` */
  async summary(options?: RequestOptions): Promise<FreshnessSummary> {
    return this.transport.request({ method: "GET", path: "/sdk/freshness/summary", schema: FreshnessSummarySchema }, options);
  }

  /**
   * Freshness of every asset, one page. `GET /sdk/freshness`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(params?: FreshnessListParams, options?: RequestOptions): Promise<FreshnessStatus[]> {
    return (await this.page(params, options)).items;
  }

  /** Every asset's freshness across all pages, lazily. */
  iterate(params?: FreshnessListParams, options?: RequestOptions): AsyncGenerator<FreshnessStatus, void, undefined> {
    const query = serialize("freshness.iterate", listFields, params);
    return paginate((at) => this.page({ ...params, offset: at }, options), query.limit as number, query.offset as number);
  }

  private async page(params: FreshnessListParams | undefined, options?: RequestOptions) {
    const query = serialize("freshness.list", listFields, params);
    return this.transport.requestPage<FreshnessStatus>(
      { method: "GET", path: "/sdk/freshness", query, schema: FreshnessStatusSchema, list: "data" },
      options,
    );
  }

  /**
   * Freshness of one asset. `GET /sdk/freshness/{asset_id}`
   * @param assetId - UUID or qualified name
   * @throws NotFoundError when the asset does not exist
   */
  async get(assetId: string, options?: RequestOptions): Promise<FreshnessStatus> {
    return this.transport.request({ method: "GET", path: path`/sdk/freshness/${assetId}`, schema: FreshnessStatusSchema }, options);
  }

  /**
   * Reads an asset's freshness and throws when it is stale: the gate for pipelines and edge handlers.
   * @param assetId - UUID or qualified name
   * @returns the status, when fresh
   * @throws StalenessError when stale; NotFoundError when the asset does not exist
   * @example await client.freshness.requireFresh("snowflake.prod.warehouse.orders", { max_age_hours: 24 });
   */
  async requireFresh(assetId: string, params?: FreshnessRequireFreshParams, options?: RequestOptions): Promise<FreshnessStatus> {
    const { max_age_hours } = serialize("freshness.requireFresh", requireFields, params) as FreshnessRequireFreshParams;
    return assertFresh(assetId, await this.get(assetId, options), max_age_hours);
  }

  /**
   * Starts a freshness re-check job. `POST /sdk/freshness/{asset_id}/refresh` (no body)
   * @returns the job's id and status; poll it with `jobs.status`
   * @throws AuthorizationError without read-write scope
   */
  async refresh(assetId: string, options?: RequestOptions): Promise<FreshnessRefreshResult> {
    return this.transport.request(
      { method: "POST", path: path`/sdk/freshness/${assetId}/refresh`, schema: FreshnessRefreshResultSchema },
      options,
    );
  }
}
