/** Tags: classification labels on tables and columns (business, technical, governance). */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import { dflt, limit, offset, oneOf, opt, req, serialize, text, textList, type Fields } from "../core/params";
import { int, maybe, model, openEnum, str, timestamp, withDefault } from "../core/schemas";

const CATEGORIES = ["business", "technical", "governance"] as const;
const OBJECT_TYPES = ["table", "column"] as const;

/** Schema of {@link Tag}. */
export const TagSchema = model({
  id: str,
  name: str,
  category: withDefault(openEnum(CATEGORIES), "business"),
  description: maybe(str),
  object_path: maybe(str),
  object_type: maybe(openEnum(OBJECT_TYPES)),
  created_at: maybe(timestamp),
});
/** A tag on a database object. */
export interface Tag {
  /** Public identifier. */
  id: string;
  /** Tag name. */
  name: string;
  /** `business`, `technical` or `governance`. `business` when the server omits it. */
  category: "business" | "technical" | "governance" | (string & {});
  /** Free-text description. */
  description?: string | null | undefined;
  /** Table or column the tag is applied to. */
  object_path?: string | null | undefined;
  /** `table` or `column`. */
  object_type?: "table" | "column" | (string & {}) | null | undefined;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
}

/** Schema of {@link BulkApplyResult}. */
export const BulkApplyResultSchema = model({ applied: int, total: int, failed: withDefault(int, 0) });
/** Outcome of applying tags in bulk. */
export interface BulkApplyResult {
  /** Assets tagged. */
  applied: number;
  /** Assets asked for. */
  total: number;
  /** Assets that could not be tagged. `0` when the server omits it. */
  failed: number;
}

// `tags.create` reads its answer loosely (`docs/protocol.md` §2.5): a missing key is filled from what was sent.
const CreatedTagSchema = model({
  id: maybe(str),
  name: maybe(str),
  category: maybe(str),
  description: maybe(str),
  object_path: maybe(str),
  object_type: maybe(str),
  created_at: maybe(timestamp),
});

/** Params of `tags.list` and `tags.iterate`. */
export interface TagsListParams {
  /** Asset whose tags to list (UUID or qualified name); sent as `asset_id`. */
  asset: string;
  /** Only tags of this category. */
  category?: (typeof CATEGORIES)[number];
  /** Page size, 1–500. @default 100 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
}
const listFields = {
  asset: req(text, "asset_id"),
  limit: dflt(limit(500), 100),
  offset: dflt(offset, 0),
  category: opt(oneOf(CATEGORIES), "truthy"),
} satisfies Fields<TagsListParams>;

/** Params of `tags.create`. */
export interface TagsCreateParams {
  /** Asset holding the object (UUID or qualified name); sent as `asset_id`. */
  asset: string;
  /** Tag name, e.g. `pii_data`. */
  name: string;
  /** Category. @default "business" */
  category?: (typeof CATEGORIES)[number];
  /** Kind of object tagged. @default "table" */
  object_type?: (typeof OBJECT_TYPES)[number];
  /** The object: `schema.table` or `schema.table.column`. */
  object_path: string;
  /** Free-text description (sent as `null` when absent). */
  description?: string | null;
}
const createFields = {
  asset: req(text, "asset_id"),
  name: req(text),
  category: dflt(oneOf(CATEGORIES), "business"),
  object_type: dflt(oneOf(OBJECT_TYPES), "table"),
  object_path: req(text),
  description: opt(v.string(), "null"),
} satisfies Fields<TagsCreateParams>;

/** Params of `tags.apply`. */
export interface TagsApplyParams {
  /** Asset holding the objects (UUID or qualified name); sent as `asset_id`. */
  asset: string;
  /** Tags to apply to every path. */
  tag_names: string[];
  /** Objects to tag (`schema.table` or `schema.table.column`). */
  object_paths: string[];
  /** Category of the tags. @default "business" */
  category?: (typeof CATEGORIES)[number];
}
const applyFields = {
  asset: req(text, "asset_id"),
  tag_names: req(textList),
  object_paths: req(textList),
  category: dflt(oneOf(CATEGORIES), "business"),
} satisfies Fields<TagsApplyParams>;

/** Params of `tags.bulkApply`. */
export interface TagsBulkApplyParams {
  /** The tag to apply. */
  tag_name: string;
  /** Assets to tag (UUIDs or qualified names). */
  asset_ids: string[];
  /** Category of the tag. @default "business" */
  category?: (typeof CATEGORIES)[number];
}
const bulkApplyFields = {
  tag_name: req(text),
  asset_ids: req(textList),
  category: dflt(oneOf(CATEGORIES), "business"),
} satisfies Fields<TagsBulkApplyParams>;

/** `client.tags`: data classification tags. */
export class TagsResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Tags of one asset, one page. `GET /sdk/tags`
   * @param params - the asset, an optional category, paging
   * @returns the page's tags
   * @throws ValidationError on bad params (nothing is sent); NotFoundError when the asset does not exist
   */
  async list(params: TagsListParams, options?: RequestOptions): Promise<Tag[]> {
    return listPage(
      this.transport,
      "tags.list",
      listFields,
      params,
      { path: "/sdk/tags", schema: TagSchema, list: "tags" },
      options,
    );
  }

  /**
   * Every tag of one asset across all pages, fetched lazily page by page.
   * @param params - as `list`; `limit` is the page size, `offset` the first item
   * @throws ValidationError on bad params (nothing is sent)
   */
  iterate(params: TagsListParams, options?: RequestOptions): AsyncGenerator<Tag, void, undefined> {
    return iteratePages(
      this.transport,
      "tags.iterate",
      listFields,
      params,
      { path: "/sdk/tags", schema: TagSchema, list: "tags" },
      options,
    );
  }

  /**
   * Tags one database object. `POST /sdk/tags`
   * @param params - asset, name, object path and type, category, description
   * @returns the tag; keys the server leaves out are filled from what was sent (`id` becomes `""`)
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without read-write scope
   */
  async create(params: TagsCreateParams, options?: RequestOptions): Promise<Tag> {
    const body = serialize("tags.create", createFields, params);
    const tag = await this.transport.request<v.InferOutput<typeof CreatedTagSchema>>(
      { method: "POST", path: "/sdk/tags", body, schema: CreatedTagSchema },
      options,
    );
    // Unlike 0.2.x, a created_at the server sends is kept: it is the tag's real creation time.
    return {
      ...tag,
      id: tag.id ?? "",
      name: tag.name ?? (body.name as string),
      category: tag.category ?? (body.category as string),
      description: tag.description ?? (body.description as string | null),
    };
  }

  /**
   * Applies every tag to every object path (tag × path). `POST /sdk/tags/apply`
   * @param params - asset, tag names, object paths, category
   * @returns how many applications succeeded and failed
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without read-write scope
   */
  async apply(params: TagsApplyParams, options?: RequestOptions): Promise<BulkApplyResult> {
    const body = serialize("tags.apply", applyFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/tags/apply", body, schema: BulkApplyResultSchema },
      options,
    );
  }

  /**
   * Applies one tag to many assets. `POST /sdk/tags/bulk-apply`
   * @param params - tag name, asset ids, category
   * @returns how many applications succeeded and failed
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without read-write scope
   */
  async bulkApply(params: TagsBulkApplyParams, options?: RequestOptions): Promise<BulkApplyResult> {
    const body = serialize("tags.bulkApply", bulkApplyFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/tags/bulk-apply", body, schema: BulkApplyResultSchema },
      options,
    );
  }
}
