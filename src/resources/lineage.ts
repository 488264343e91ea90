/** Lineage: which assets feed which, as nodes and edges around an asset. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import { dflt, flag, intIn, limit, offset, oneOf, opt, serialize, type Fields } from "../core/params";
import { path } from "../core/path";

const DIRECTIONS = ["upstream", "downstream", "both"] as const;
import { num, maybe, model, openEnum, str, withDefault } from "../core/schemas";

/** Schema of {@link LineageNode}. */
export const LineageNodeSchema = model({
  id: str,
  qualified_name: str,
  name: str,
  asset_type: withDefault(openEnum(["table", "view", "model"]), "table"),
  source_type: maybe(str),
});
/** An asset in a lineage graph (the seed's `LineageAsset`). */
export interface LineageNode {
  /** Public UUID of the asset. */
  id: string;
  /** Fully qualified name, e.g. `snowflake.prod.warehouse.orders`. */
  qualified_name: string;
  /** Short name of the asset. */
  name: string;
  /** Kind of asset: `table`, `view`, `model`, … `table` when the server omits it. */
  asset_type: "table" | "view" | "model" | (string & {});
  /** Kind of source (`snowflake`, `postgresql`, …). */
  source_type?: string | null | undefined;
}

/** Schema of {@link LineageEdge}. */
export const LineageEdgeSchema = model({
  source: str,
  target: str,
  edge_type: withDefault(str, "data_flow"),
  confidence: withDefault(num, 1.0),
});
/** A data flow between two assets, by qualified name. */
export interface LineageEdge {
  /** Id of the upstream node. */
  source: string;
  /** Id of the downstream node. */
  target: string;
  /** How the data flows (e.g. `direct`). `data_flow` when the server omits it. */
  edge_type: string;
  /** Confidence that the edge exists, 0–1. `1.0` when the server omits it. */
  confidence: number;
}

/** Schema of {@link LineageGraph}. */
export const LineageGraphSchema = model({
  root: LineageNodeSchema,
  upstream: withDefault(v.array(LineageNodeSchema), []),
  downstream: withDefault(v.array(LineageNodeSchema), []),
  edges: withDefault(v.array(LineageEdgeSchema), []),
});
/** The lineage around one asset (the seed's `Lineage`). */
export interface LineageGraph {
  /** The asset asked about. */
  root: LineageNode;
  /** Assets it reads from. Empty when the server omits it. */
  upstream: LineageNode[];
  /** Assets that read from it. Empty when the server omits it. */
  downstream: LineageNode[];
  /** Edges between all those nodes. Empty when the server omits it. */
  edges: LineageEdge[];
}

/** Params of `lineage.list` and `lineage.iterate`. */
export interface LineageListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only assets of this source (seed filter, sent as given). */
  source?: string;
  /** Only assets with (`true`) or without (`false`) upstream lineage (seed filter, sent as given). */
  has_upstream?: boolean;
  /** Only assets with (`true`) or without (`false`) downstream lineage (seed filter, sent as given). */
  has_downstream?: boolean;
}
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  source: opt(v.string(), "nn"),
  has_upstream: opt(flag, "nn"),
  has_downstream: opt(flag, "nn"),
} satisfies Fields<LineageListParams>;

/** Params of `lineage.get`. */
export interface LineageGetParams {
  /** Levels to traverse, 1–5. @default 1 */
  depth?: number;
  /** Which side of the asset to walk. @default "both" */
  direction?: (typeof DIRECTIONS)[number];
}
const getFields = {
  depth: dflt(intIn(1, 5), 1),
  direction: dflt(oneOf(DIRECTIONS), "both"),
} satisfies Fields<LineageGetParams>;

/** `client.lineage`: data dependencies between assets. */
export class LineageResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Assets with lineage information, one page. `GET /sdk/lineage`
   * @param params - paging and the seed's filters
   * @returns the page's nodes
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(params?: LineageListParams, options?: RequestOptions): Promise<LineageNode[]> {
    return listPage(
      this.transport,
      "lineage.list",
      listFields,
      params,
      { path: "/sdk/lineage", schema: LineageNodeSchema, list: "data" },
      options,
    );
  }

  /**
   * Every asset with lineage across all pages, fetched lazily page by page.
   * @param params - filters; `limit` is the page size, `offset` the first item
   * @throws ValidationError on bad params (nothing is sent)
   */
  iterate(params?: LineageListParams, options?: RequestOptions): AsyncGenerator<LineageNode, void, undefined> {
    return iteratePages(
      this.transport,
      "lineage.iterate",
      listFields,
      params,
      { path: "/sdk/lineage", schema: LineageNodeSchema, list: "data" },
      options,
    );
  }

  /**
   * The lineage graph around one asset. `GET /sdk/lineage/{asset_id}`
   * @param assetId - UUID or qualified name
   * @param params - depth (1–5) and direction
   * @returns root, upstream and downstream nodes, and the edges between them
   * @throws ValidationError on bad params (nothing is sent); NotFoundError when the asset does not exist
   */
  async get(assetId: string, params?: LineageGetParams, options?: RequestOptions): Promise<LineageGraph> {
    const query = serialize("lineage.get", getFields, params);
    return this.transport.request(
      { method: "GET", path: path`/sdk/lineage/${assetId}`, query, schema: LineageGraphSchema },
      options,
    );
  }
}
