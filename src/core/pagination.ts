/** The one pagination loop behind every `iterate` twin. */
import type { RequestOptions } from "./config";
import type { Page, RequestSpec, Transport } from "./http";
import { serialize, type Field } from "./params";

/**
 * Yields the items of every page lazily. Next offset = previous + limit; stops on a short page or where
 * the server says `has_more: false`.
 * @param fetchPage - fetches one page at an offset
 * @param limit - page size
 * @param offset - first offset
 */
export async function* paginate<T>(
  fetchPage: (offset: number) => Promise<Page<T>>,
  limit: number,
  offset = 0,
): AsyncGenerator<T, void, undefined> {
  for (let at = offset; ; at += limit) {
    const page = await fetchPage(at);
    yield* page.items;
    if (page.hasMore === false || page.items.length < limit || (page.hasMore === undefined && page.items.length === 0))
      return;
  }
}

/** What a GET list endpoint is: its path, the schema of one item and the key of its list container. */
export type ListSpec = Required<Pick<RequestSpec, "path" | "schema" | "list">>;

/**
 * One page of a GET list endpoint: validates `params` (throwing `ValidationError` before anything is
 * sent), then returns the page's items.
 * @param what - method name for messages, e.g. `metrics.list`
 * @param spec - path, item schema and list container of the endpoint
 */
export async function listPage<T>(
  transport: Transport,
  what: string,
  fields: Record<string, Field>,
  params: object | undefined,
  spec: ListSpec,
  options?: RequestOptions,
): Promise<T[]> {
  return (await transport.requestPage<T>({ method: "GET", ...spec, query: serialize(what, fields, params) }, options))
    .items;
}

/**
 * The `iterate` twin of a GET list endpoint: validates `params` at once (throwing `ValidationError`
 * before anything is sent), then pages through `paginate` from the params' own `limit` and `offset`.
 * @param what - method name for messages, e.g. `metrics.iterate`
 * @param spec - path, item schema and list container of the endpoint
 */
export function iteratePages<T>(
  transport: Transport,
  what: string,
  fields: Record<string, Field>,
  params: object | undefined,
  spec: ListSpec,
  options?: RequestOptions,
): AsyncGenerator<T, void, undefined> {
  const first = serialize(what, fields, params);
  return paginate(
    (at) =>
      transport.requestPage<T>(
        { method: "GET", ...spec, query: serialize(what, fields, { ...params, offset: at }) },
        options,
      ),
    first.limit as number,
    first.offset as number,
  );
}
