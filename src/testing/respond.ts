/**
 * Response helpers: the envelopes of `docs/protocol.md` §2 and the error body of §3.1, so that every route answers
 * in exactly one shape. Routes either return one of these Responses or throw an {@link HttpError}.
 */

/** Headers on every sandbox answer (CORS-open so a browser can talk to a served sandbox). */
const BASE_HEADERS: Record<string, string> = {
  "content-type": "application/json",
  "access-control-allow-origin": "*",
};

/** A JSON response with the sandbox's headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}

/** `{"data": …}` — a single object (`docs/protocol.md` §2.1). */
export function ok(data: unknown, status = 200): Response {
  return json({ data }, status);
}

/** Paging of a list answer. */
export interface PageInfo {
  /** Page size used. */
  limit: number;
  /** Items skipped. */
  offset: number;
  /** Items in the whole (filtered) collection. */
  total: number;
}

/**
 * `{"data": {"<container>": [...], "pagination": {total, limit, offset, has_more}}}` — a list, nested one
 * level (`docs/protocol.md` §2.2). The pagination object sits beside the container, where the 0.2.x SDK ignores it.
 */
export function list(container: string, items: unknown[], page: PageInfo): Response {
  return ok({
    [container]: items,
    pagination: {
      total: page.total,
      limit: page.limit,
      offset: page.offset,
      has_more: page.offset + items.length < page.total,
    },
  });
}

/** Slices a collection for {@link list}; `limit`/`offset` come already validated. */
export function paged<T>(
  container: string,
  all: readonly T[],
  limit: number,
  offset: number,
  map?: (item: T) => unknown,
): Response {
  const slice = all.slice(offset, offset + limit);
  return list(container, map ? slice.map(map) : slice, { limit, offset, total: all.length });
}

/** 204 with no body: deletes whose answer clients ignore (`docs/protocol.md` §2.4). */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "access-control-allow-origin": "*" } });
}

/** `{"error": {code, message, details}}` (`docs/protocol.md` §3.1). */
export function error(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return json({ error: { code, message, details } }, status, headers);
}

/** Thrown anywhere below a route to answer with an error body; the router turns it into a Response. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  /**
   * @param status - HTTP status
   * @param code - the error body's `code` (`NOT_FOUND`, `ASSET_NOT_FOUND`, `VALIDATION_ERROR`, …)
   * @param message - human-readable message
   * @param details - the error body's `details`
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The error as a Response. */
  toResponse(): Response {
    return error(this.status, this.code, this.message, this.details);
  }
}

/** 404 `NOT_FOUND` for an unknown id of some kind. */
export function notFound(kind: string, id: string): HttpError {
  return new HttpError(404, "NOT_FOUND", `${kind} '${id}' not found`, { resource_type: kind, resource_id: id });
}

/** 422 `VALIDATION_ERROR` for one bad field. */
export function invalid(field: string, message: string): HttpError {
  return new HttpError(422, "VALIDATION_ERROR", `${field}: ${message}`, { errors: [{ field, message }] });
}
