/** API keys: list, create, inspect and revoke the organisation's keys (admin scope; no `/sdk` prefix). */
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import { dflt, flag, limit, offset, oneOf, opt, req, serialize, text, type Fields } from "../core/params";
import { path } from "../core/path";
import { bool, int, maybe, model, openEnum, str, timestamp, withDefault } from "../core/schemas";

const SCOPES = ["read-only", "read-write", "admin"] as const;

const apiKeyEntries = {
  id: str,
  name: str,
  key_prefix: str,
  key_suffix: str,
  display_key: str,
  scope: withDefault(openEnum(SCOPES), "read-only"),
  rate_limit_per_min: int,
  burst_limit: int,
  created_at: maybe(timestamp),
  last_used_at: maybe(timestamp),
  revoked_at: maybe(timestamp),
  is_active: withDefault(bool, true),
};

/** Schema of {@link APIKey}. */
export const APIKeySchema = model(apiKeyEntries);
/** An API key as listed: never the secret, only its prefix, suffix and masked form. */
export interface APIKey {
  /** Public identifier. */
  id: string;
  /** Name given at creation. */
  name: string;
  /** First characters of the key, safe to show. */
  key_prefix: string;
  /** Last characters of the key, safe to show. */
  key_suffix: string;
  /** Masked form of the key for display. */
  display_key: string;
  /** What the key may do: `read-only`, `read-write` or `admin`. `read-only` when the server omits it. */
  scope: "read-only" | "read-write" | "admin" | (string & {});
  /** Requests per minute this key may make. */
  rate_limit_per_min: number;
  /** Requests this key may make in a short burst. */
  burst_limit: number;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
  /** When the key was last used (ISO-8601). */
  last_used_at?: string | null | undefined;
  /** When the key was revoked (ISO-8601), if it was. */
  revoked_at?: string | null | undefined;
  /** False once the key is revoked. `true` when the server omits it. */
  is_active: boolean;
}

/** Schema of {@link CreatedAPIKey}. */
export const CreatedAPIKeySchema = model({ ...apiKeyEntries, key: str });
/** A key just created: every `APIKey` field plus `key`, the full secret, returned this once. */
export interface CreatedAPIKey {
  /** Public identifier. */
  id: string;
  /** Name given at creation. */
  name: string;
  /** First characters of the key, safe to show. */
  key_prefix: string;
  /** Last characters of the key, safe to show. */
  key_suffix: string;
  /** Masked form of the key for display. */
  display_key: string;
  /** What the key may do: `read-only`, `read-write` or `admin`. `read-only` when the server omits it. */
  scope: "read-only" | "read-write" | "admin" | (string & {});
  /** Requests per minute this key may make. */
  rate_limit_per_min: number;
  /** Requests this key may make in a short burst. */
  burst_limit: number;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
  /** When the key was last used (ISO-8601). */
  last_used_at?: string | null | undefined;
  /** When the key was revoked (ISO-8601), if it was. */
  revoked_at?: string | null | undefined;
  /** False once the key is revoked. `true` when the server omits it. */
  is_active: boolean;
  /** The full secret key, shown this once only: store it now. */
  key: string;
}

/** Schema of {@link APIKeyUsage}. */
export const APIKeyUsageSchema = model({
  current_count: maybe(int),
  max_keys: maybe(int),
  rate_limit_per_min: maybe(int),
  burst_limit: maybe(int),
  can_create: maybe(bool),
});
/** Key count and limits of the organisation (a plain object on the wire; these are its documented keys). */
export interface APIKeyUsage {
  /** Active keys the organisation has. */
  current_count?: number | null | undefined;
  /** Most active keys the plan allows. */
  max_keys?: number | null | undefined;
  /** Requests per minute each key may make. */
  rate_limit_per_min?: number | null | undefined;
  /** Requests each key may make in a short burst. */
  burst_limit?: number | null | undefined;
  /** Whether another key may be created now. */
  can_create?: boolean | null | undefined;
}

/** Params of `apiKeys.list` and `apiKeys.iterate`. */
export interface ApiKeysListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Include revoked keys. @default false */
  include_revoked?: boolean;
}
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  include_revoked: opt(flag, "true"),
} satisfies Fields<ApiKeysListParams>;

/** Params of `apiKeys.create`. */
export interface ApiKeysCreateParams {
  /** A name saying where the key is used, e.g. `Airflow Production`. */
  name: string;
  /** `read-only`, `read-write` or `admin`. @default "read-only" */
  scope?: (typeof SCOPES)[number];
}
const createFields = {
  name: req(text),
  scope: dflt(oneOf(SCOPES), "read-only"),
} satisfies Fields<ApiKeysCreateParams>;

/** `client.apiKeys`: the organisation's API keys. Every call needs an admin key. */
export class ApiKeysResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Keys, one page. `GET /api-keys`
   * @returns the keys in `data.keys`
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without admin scope
   */
  async list(params?: ApiKeysListParams, options?: RequestOptions): Promise<APIKey[]> {
    return listPage(
      this.transport,
      "apiKeys.list",
      listFields,
      params,
      { path: "/api-keys", schema: APIKeySchema, list: "keys" },
      options,
    );
  }

  /**
   * Every key across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterate(params?: ApiKeysListParams, options?: RequestOptions): AsyncGenerator<APIKey, void, undefined> {
    return iteratePages(
      this.transport,
      "apiKeys.iterate",
      listFields,
      params,
      { path: "/api-keys", schema: APIKeySchema, list: "keys" },
      options,
    );
  }

  /**
   * Creates a key. `POST /api-keys`
   * @returns the key with its full secret in `key`: store it now, it is never shown again
   * @throws ValidationError on bad params (nothing is sent); ArmorError when the key limit is reached
   */
  async create(params: ApiKeysCreateParams, options?: RequestOptions): Promise<CreatedAPIKey> {
    const body = serialize("apiKeys.create", createFields, params);
    return this.transport.request({ method: "POST", path: "/api-keys", body, schema: CreatedAPIKeySchema }, options);
  }

  /**
   * One key, without its secret. `GET /api-keys/{key_id}`
   * @throws NotFoundError when the key does not exist
   */
  async get(keyId: string, options?: RequestOptions): Promise<APIKey> {
    return this.transport.request({ method: "GET", path: path`/api-keys/${keyId}`, schema: APIKeySchema }, options);
  }

  /**
   * Revokes a key; this cannot be undone. `DELETE /api-keys/{key_id}`
   * @returns the key as revoked (the server answers it in `data`)
   * @throws NotFoundError when the key does not exist
   */
  async revoke(keyId: string, options?: RequestOptions): Promise<APIKey> {
    return this.transport.request({ method: "DELETE", path: path`/api-keys/${keyId}`, schema: APIKeySchema }, options);
  }

  /**
   * Key count and limits. `GET /api-keys/usage`
   * @returns `current_count`, `max_keys`, `rate_limit_per_min`, `burst_limit`, `can_create`
   * @throws AuthenticationError for a rejected key
   */
  async usage(options?: RequestOptions): Promise<APIKeyUsage> {
    return this.transport.request({ method: "GET", path: "/api-keys/usage", schema: APIKeyUsageSchema }, options);
  }
}
