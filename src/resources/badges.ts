/** Badges: embeddable data-quality badges (schema drift and freshness) for an asset. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import { dflt, flag, limit, offset, opt, req, serialize, text, textList, type Fields } from "../core/params";
import { path } from "../core/path";
import { bool, maybe, model, openEnum, str, timestamp, withDefault } from "../core/schemas";

/** Schema of {@link Badge}. */
export const BadgeSchema = model({
  id: str,
  label: str,
  asset_id: maybe(str),
  tag_filters: withDefault(v.array(str), []),
  schema_drift_enabled: withDefault(bool, true),
  freshness_enabled: withDefault(bool, true),
  include_upstream: withDefault(bool, false),
  is_active: withDefault(bool, true),
  badge_url: maybe(str),
  created_at: maybe(timestamp),
  updated_at: maybe(timestamp),
});
/** A badge. */
export interface Badge {
  /** Public identifier. */
  id: string;
  /** Text shown on the badge. */
  label: string;
  /** Asset the badge reports on, when it is tied to one. */
  asset_id?: string | null | undefined;
  /** Tags selecting the assets the badge covers. Empty when the server omits it. */
  tag_filters: string[];
  /** Whether schema drift counts toward the badge. `true` when the server omits it. */
  schema_drift_enabled: boolean;
  /** Whether freshness counts toward the badge. `true` when the server omits it. */
  freshness_enabled: boolean;
  /** Whether upstream assets count too. `false` when the server omits it. */
  include_upstream: boolean;
  /** Whether the badge is served. `true` when the server omits it. */
  is_active: boolean;
  /** URL of the badge image. */
  badge_url?: string | null | undefined;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
  /** When it was last changed (ISO-8601). */
  updated_at?: string | null | undefined;
}

/** Schema of {@link BadgeStatus}. */
export const BadgeStatusSchema = model({
  badge_id: maybe(str),
  status: maybe(openEnum(["passing", "failing", "unknown"])),
  badge_url: maybe(str),
});
/** A badge's current state: the server's raw object, its documented keys typed and optional. */
export interface BadgeStatus {
  /** Id of the badge. */
  badge_id?: string | null | undefined;
  /** `passing`, `failing` or `unknown`. */
  status?: "passing" | "failing" | "unknown" | (string & {}) | null | undefined;
  /** URL of the badge image. */
  badge_url?: string | null | undefined;
}

/** Params of `badges.create`. */
export interface BadgesCreateParams {
  /** Asset the badge reports on (UUID or qualified name); sent as `asset_id`. */
  asset: string;
  /** Text on the badge. @default "AnomalyArmor" */
  label?: string;
  /** Only objects with these tags count. @default [] */
  tag_filters?: string[];
  /** Report schema drift. @default true */
  schema_drift_enabled?: boolean;
  /** Report freshness. @default true */
  freshness_enabled?: boolean;
  /** Include upstream assets. @default false */
  include_upstream?: boolean;
}
const createFields = {
  asset: req(text, "asset_id"),
  label: dflt(v.string(), "AnomalyArmor"),
  tag_filters: dflt(textList, []),
  schema_drift_enabled: dflt(flag, true),
  freshness_enabled: dflt(flag, true),
  include_upstream: dflt(flag, false),
} satisfies Fields<BadgesCreateParams>;

/** Params of `badges.list` and `badges.iterate`. */
export interface BadgesListParams {
  /** Only active badges (always sent). @default true */
  active_only?: boolean;
  /** Page size, 1–500. @default 100 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
}
const listFields = {
  active_only: dflt(flag, true),
  limit: dflt(limit(500), 100),
  offset: dflt(offset, 0),
} satisfies Fields<BadgesListParams>;

/** Params of `badges.update`: only the fields given are sent. */
export interface BadgesUpdateParams {
  /** Text on the badge. */
  label?: string;
  /** Only objects with these tags count. */
  tag_filters?: string[];
  /** Report schema drift. */
  schema_drift_enabled?: boolean;
  /** Report freshness. */
  freshness_enabled?: boolean;
  /** Include upstream assets. */
  include_upstream?: boolean;
  /** Whether the badge is live. */
  is_active?: boolean;
}
const updateFields = {
  label: opt(v.string()),
  tag_filters: opt(textList),
  schema_drift_enabled: opt(flag),
  freshness_enabled: opt(flag),
  include_upstream: opt(flag),
  is_active: opt(flag),
} satisfies Fields<BadgesUpdateParams>;

/** `client.badges`: embeddable data-quality badges. */
export class BadgesResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Creates a badge for an asset. `POST /sdk/badges`
   * @param params - asset, label, tag filters and what the badge reports
   * @returns the badge, with its URL
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without read-write scope
   */
  async create(params: BadgesCreateParams, options?: RequestOptions): Promise<Badge> {
    const body = serialize("badges.create", createFields, params);
    return this.transport.request({ method: "POST", path: "/sdk/badges", body, schema: BadgeSchema }, options);
  }

  /**
   * Badges, one page. `GET /sdk/badges`
   * @param params - `active_only` and paging
   * @returns the page's badges
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(params?: BadgesListParams, options?: RequestOptions): Promise<Badge[]> {
    return listPage(
      this.transport,
      "badges.list",
      listFields,
      params,
      { path: "/sdk/badges", schema: BadgeSchema, list: "badges" },
      options,
    );
  }

  /**
   * Every badge across all pages, fetched lazily page by page.
   * @param params - as `list`; `limit` is the page size, `offset` the first item
   * @throws ValidationError on bad params (nothing is sent)
   */
  iterate(params?: BadgesListParams, options?: RequestOptions): AsyncGenerator<Badge, void, undefined> {
    return iteratePages(
      this.transport,
      "badges.iterate",
      listFields,
      params,
      { path: "/sdk/badges", schema: BadgeSchema, list: "badges" },
      options,
    );
  }

  /**
   * One badge. `GET /sdk/badges/{badge_id}`
   * @param badgeId - public UUID or internal id
   * @returns the badge
   * @throws NotFoundError when the badge does not exist
   */
  async get(badgeId: string, options?: RequestOptions): Promise<Badge> {
    return this.transport.request({ method: "GET", path: path`/sdk/badges/${badgeId}`, schema: BadgeSchema }, options);
  }

  /**
   * Changes a badge. `PUT /sdk/badges/{badge_id}` with only the given fields (a partial object, despite PUT)
   * @param badgeId - public UUID or internal id
   * @param params - the fields to change (`{}` is sent when none)
   * @returns the updated badge
   * @throws ValidationError on bad params (nothing is sent); NotFoundError; AuthorizationError without read-write scope
   */
  async update(badgeId: string, params?: BadgesUpdateParams, options?: RequestOptions): Promise<Badge> {
    const body = serialize("badges.update", updateFields, params);
    return this.transport.request(
      { method: "PUT", path: path`/sdk/badges/${badgeId}`, body, schema: BadgeSchema },
      options,
    );
  }

  /**
   * Deletes a badge. `DELETE /sdk/badges/{badge_id}` (the response body is ignored)
   * @param badgeId - public UUID or internal id
   * @throws NotFoundError; AuthorizationError without read-write scope
   */
  async delete(badgeId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: path`/sdk/badges/${badgeId}` }, options);
  }

  /**
   * A badge's current state. `GET /sdk/badges/{badge_id}/status`
   * @param badgeId - public UUID or internal id
   * @returns `passing`, `failing` or `unknown`, with the badge URL
   * @throws NotFoundError when the badge does not exist
   */
  async getStatus(badgeId: string, options?: RequestOptions): Promise<BadgeStatus> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/badges/${badgeId}/status`, schema: BadgeStatusSchema },
      options,
    );
  }
}
