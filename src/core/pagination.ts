/** The one pagination loop behind every `iterate` twin. */
import type { Page } from "./http";

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
    if (page.hasMore === false || page.items.length < limit || (page.hasMore === undefined && page.items.length === 0)) return;
  }
}
