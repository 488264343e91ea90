/** Assets: the catalogue of sources, tables and views, plus source onboarding (create, test, discover). */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import { dflt, limit, offset, oneOf, opt, record, req, serialize, text, type Fields } from "../core/params";
import { path } from "../core/path";
import { bool, int, maybe, model, openEnum, str, timestamp, withDefault } from "../core/schemas";

/** Schema of {@link Asset}. */
export const AssetSchema = model(
  {
    id: str,
    qualified_name: str,
    name: str,
    asset_type: withDefault(openEnum(["table", "view", "model", "database"]), "table"),
    source_type: maybe(str),
    source: maybe(str),
    is_active: withDefault(bool, true),
    created_at: maybe(timestamp),
    updated_at: maybe(timestamp),
    database_name: maybe(str),
    database: maybe(str),
    schema_name: maybe(str),
    table_name: maybe(str),
    description: maybe(str),
    row_count: maybe(int),
    size_bytes: maybe(int),
    column_count: maybe(int),
    tags: maybe(v.array(str)),
  },
  (a) => ({
    source_type: a.source_type ?? a.source ?? null,
    source: a.source ?? a.source_type ?? null,
    database_name: a.database_name ?? a.database ?? null,
    database: a.database ?? a.database_name ?? null,
  }),
);
/**
 * A data asset (source, table or view). Carries both the seed's and the 0.2.x names
 * (`source` / `source_type`, `database` / `database_name`), the missing one filled from the other.
 */
export interface Asset {
  /** Public identifier. */
  id: string;
  /** Fully qualified name, e.g. `snowflake.prod.warehouse.orders`. */
  qualified_name: string;
  /** Short name (the last part of the qualified name). */
  name: string;
  /** Kind of asset: `table`, `view`, `model`, … `table` when the server omits it. */
  asset_type: "table" | "view" | "model" | "database" | (string & {});
  /** Kind of source (0.2.x name; filled from `source` when absent). */
  source_type: string | null;
  /** Kind of source (seed name; filled from `source_type` when absent). */
  source: string | null;
  /** Whether the asset is monitored. `true` when the server omits it. */
  is_active: boolean;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
  /** When it was last changed (ISO-8601). */
  updated_at?: string | null | undefined;
  /** Database the asset lives in (0.2.x name; filled from `database` when absent). */
  database_name: string | null;
  /** Database the asset lives in (seed name; filled from `database_name` when absent). */
  database: string | null;
  /** Schema the asset lives in. */
  schema_name?: string | null | undefined;
  /** Table name. */
  table_name?: string | null | undefined;
  /** Free-text description. */
  description?: string | null | undefined;
  /** Number of rows, when known. */
  row_count?: number | null | undefined;
  /** Storage size in bytes, when known. */
  size_bytes?: number | null | undefined;
  /** Number of columns, when known. */
  column_count?: number | null | undefined;
  /** Names of the tags applied to it. */
  tags?: string[] | null | undefined;
}

/** Schema of {@link ConnectionTestResult}. */
export const ConnectionTestResultSchema = model({
  success: bool,
  latency_ms: maybe(int),
  error_message: maybe(str),
  error_code: maybe(str),
  tested_at: timestamp,
});
/** Outcome of a connection test. */
export interface ConnectionTestResult {
  /** Whether the source answered. */
  success: boolean;
  /** Round trip to the source, in milliseconds. */
  latency_ms?: number | null | undefined;
  /** Why the connection failed. */
  error_message?: string | null | undefined;
  /** Machine-readable failure code. */
  error_code?: string | null | undefined;
  /** When the test ran (ISO-8601). */
  tested_at: string;
}

/** Schema of {@link DiscoveryJob}. */
export const DiscoveryJobSchema = model({
  job_id: str,
  asset_id: str,
  status: withDefault(str, "started"),
  message: withDefault(str, "Discovery started"),
  started_at: timestamp,
});
/** What `assets.triggerDiscovery` answers: the job that discovers the source's schema; poll it with `jobs.status`. */
export interface DiscoveryJob {
  /** Id of the job; poll it with `jobs.status`. */
  job_id: string;
  /** Source being discovered. */
  asset_id: string;
  /** State of the job when it was started. `started` when the server omits it. */
  status: string;
  /** Human-readable message. `Discovery started` when the server omits it. */
  message: string;
  /** When discovery started (ISO-8601). */
  started_at: string;
}

/** Params of `assets.list` and `assets.iterate`. */
export interface AssetsListParams {
  /** Only assets of this source type (e.g. `snowflake`); empty means no filter. */
  source?: string;
  /** Only assets of this type (`table`, `view`, …); empty means no filter. */
  asset_type?: string;
  /** Text searched in asset names; empty means no filter. */
  search?: string;
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
}
// Field order is wire order: the always-sent page fields first, then the filters.
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  source: opt(v.string(), "truthy"),
  asset_type: opt(v.string(), "truthy"),
  search: opt(v.string(), "truthy"),
} satisfies Fields<AssetsListParams>;

const SOURCE_TYPES = ["snowflake", "postgresql", "databricks", "bigquery", "redshift", "mysql", "clickhouse"] as const;

/**
 * Source types the API names: `snowflake`, `postgresql`, `databricks`, `bigquery`, `redshift`, `mysql`,
 * `clickhouse` (a closed set: another is a `ValidationError` before sending).
 */
export type AssetSourceType = (typeof SOURCE_TYPES)[number];

/** Params of `assets.create`. */
export interface AssetsCreateParams {
  /** Display name of the new source. */
  name: string;
  /** Kind of source (`snowflake`, `postgresql`, …). */
  source_type: AssetSourceType;
  /** Connection settings; keys vary by source (account, warehouse, database, user, password, …). */
  connection_config: Record<string, unknown>;
  /** Free-text description. */
  description?: string;
}
const createFields = {
  name: req(text),
  source_type: req(oneOf(SOURCE_TYPES)),
  connection_config: req(record),
  description: opt(v.string(), "truthy"),
} satisfies Fields<AssetsCreateParams>;

/** `client.assets`: the data catalogue. */
export class AssetsResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Assets matching the filters, one page. `GET /sdk/assets`
   * @param params - filters and paging
   * @returns the page's assets
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(params?: AssetsListParams, options?: RequestOptions): Promise<Asset[]> {
    return listPage(
      this.transport,
      "assets.list",
      listFields,
      params,
      { path: "/sdk/assets", schema: AssetSchema, list: "data" },
      options,
    );
  }

  /**
   * Every matching asset across all pages, fetched lazily page by page.
   * @param params - filters; `limit` is the page size, `offset` the first item
   * @throws ValidationError on bad params (nothing is sent)
   */
  iterate(params?: AssetsListParams, options?: RequestOptions): AsyncGenerator<Asset, void, undefined> {
    return iteratePages(
      this.transport,
      "assets.iterate",
      listFields,
      params,
      { path: "/sdk/assets", schema: AssetSchema, list: "data" },
      options,
    );
  }

  /**
   * One asset. `GET /sdk/assets/{asset_id}`
   * @param assetId - UUID or qualified name
   * @returns the asset
   * @throws NotFoundError when the asset does not exist
   */
  async get(assetId: string, options?: RequestOptions): Promise<Asset> {
    return this.transport.request({ method: "GET", path: path`/sdk/assets/${assetId}`, schema: AssetSchema }, options);
  }

  /**
   * Registers a new data source. `POST /sdk/assets`
   * @param params - name, source type, connection settings, description
   * @returns the created asset
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without read-write scope
   */
  async create(params: AssetsCreateParams, options?: RequestOptions): Promise<Asset> {
    const body = serialize("assets.create", createFields, params);
    return this.transport.request({ method: "POST", path: "/sdk/assets", body, schema: AssetSchema }, options);
  }

  /**
   * Tests the connection of a source. `POST /sdk/assets/{asset_id}/test-connection` (no body)
   * @param assetId - UUID or qualified name
   * @returns whether the connection works, with latency or error
   * @throws NotFoundError when the asset does not exist
   */
  async testConnection(assetId: string, options?: RequestOptions): Promise<ConnectionTestResult> {
    return this.transport.request(
      { method: "POST", path: path`/sdk/assets/${assetId}/test-connection`, schema: ConnectionTestResultSchema },
      options,
    );
  }

  /**
   * Starts schema discovery on a source. `POST /sdk/assets/{asset_id}/discover` (no body)
   * @param assetId - UUID or qualified name
   * @returns the discovery job; poll it with `jobs.status`
   * @throws NotFoundError when the asset does not exist; AuthorizationError without read-write scope
   */
  async triggerDiscovery(assetId: string, options?: RequestOptions): Promise<DiscoveryJob> {
    return this.transport.request(
      { method: "POST", path: path`/sdk/assets/${assetId}/discover`, schema: DiscoveryJobSchema },
      options,
    );
  }
}
