/**
 * The sandbox's route table and request pipeline.
 *
 * ## Adding a resource (the extension API)
 *
 * A route module is `src/testing/routes/<resource>.ts` exporting
 *
 * ```ts
 * export function register(router: Router, state: State): void {
 *   router.get("/sdk/metrics/{asset_id}/summary", (ctx) => {
 *     const asset = state.asset(ctx.params.asset_id!);          // 404 ASSET_NOT_FOUND when unknown
 *     return ok({ total_metrics: 0, active_metrics: 0 });       // {"data": {...}}
 *   });
 *   router.get("/sdk/metrics/{asset_id}", (ctx) => {
 *     const q = readQuery(ctx.query, { ...paging(50), metric_type: str() }); // 422 on bad params
 *     return paged("items", rows, q.limit, q.offset, view);     // {"data": {"items": [...], "pagination": {...}}}
 *   });
 *   router.post("/sdk/metrics/{asset_id}", (ctx) => {
 *     const b = readBody(ctx.body, { metric_type: str({ required: true }) });
 *     ...; return ok(view(record));
 *   }, { effect: "metrics.create" });                            // counted once per 2xx answer
 *   router.post("/sdk/metrics/dry-run", handler, { scope: "read" }); // a POST that changes nothing
 *   state.seeder((s) => { ... });                                // initial records (runs again on reset)
 *   state.watch((s) => { ... });                                 // runs before each request (e.g. raise alerts)
 * }
 * ```
 *
 * and is listed in `ROUTE_MODULES` in `sandbox.ts`. Rules the pipeline already enforces, so handlers need
 * not: patterns are relative to the base path `/api/v1` (`/sdk/...`, `/api-keys...`); path params arrive
 * percent-decoded; a literal segment beats `{param}` at the same position whatever the registration order;
 * the key is checked (401 `UNAUTHORIZED`) and its scope compared with the route's (403 `FORBIDDEN`, with
 * `details.required_scope`) — GET defaults to `read`, other methods to `write`, `/api-keys` to `admin`;
 * `ctx.body` is the parsed JSON object (`{}` for an empty body; malformed JSON is a 400, a non-object a 422).
 * Handlers return a Response (`ok`, `list`, `paged`, `noContent`, `error` from `respond.ts`) or throw an
 * `HttpError` (`notFound`, `invalid`); anything else thrown becomes a 500 `INTERNAL_ERROR`.
 * `state.effect(op)` counts deferred changes (jobs count themselves as `job.<workflow>` on completion).
 * Time: `state.now()` (epoch ms), `state.iso(ms)`; ids: `state.uuid()`, `state.nextInt(kind)`; data
 * randomness: `state.rng` only (same seed, same answers).
 */
import { error, HttpError } from "./respond";
import type { ApiKeyRecord, Scope, State } from "./state";

/** The scope a route needs. */
export type RouteScope = "read" | "write" | "admin";

/** An HTTP method the sandbox routes. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler receives. */
export interface Ctx {
  /** The request as received. */
  readonly request: Request;
  /** HTTP method. */
  readonly method: RouteMethod;
  /** Path below the base path, as received (still percent-encoded). */
  readonly path: string;
  /** Path params by name, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters. */
  readonly query: URLSearchParams;
  /** The JSON body object (`{}` when the request had none). */
  readonly body: Record<string, unknown>;
  /** The key that authenticated the request. */
  readonly key: ApiKeyRecord;
  /** The store. */
  readonly state: State;
}

/** A route handler. */
export type Handler = (ctx: Ctx) => Response | Promise<Response>;

/** Options of one route. */
export interface RouteOptions {
  /** Scope needed; default `read` for GET, `write` otherwise (`admin` under `/api-keys`). */
  scope?: RouteScope;
  /** Operation name counted in `sandbox.effects` when the handler answers 2xx. */
  effect?: string;
}

/** One registered route. */
export interface Route {
  readonly method: RouteMethod;
  /** Pattern as registered, e.g. `/sdk/freshness/{asset_id}`. */
  readonly pattern: string;
  readonly scope: RouteScope;
  readonly effect: string | undefined;
  readonly handler: Handler;
  /** Segments; a param is `{name}`. */
  readonly segments: readonly string[];
}

/** The base path every sandbox URL starts with. */
export const BASE_PATH = "/api/v1";

/** The largest request body the sandbox reads, in bytes; past it, 413 before anything is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The deepest nesting of objects and arrays a request body may have. */
export const MAX_BODY_DEPTH = 32;

const RANK: Record<Scope, number> = { "read-only": 0, "read-write": 1, admin: 2 };
const NEEDED: Record<RouteScope, Scope> = { read: "read-only", write: "read-write", admin: "admin" };

const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

/** The route table. */
export class Router {
  /** Every route in registration order. */
  readonly routes: Route[] = [];

  /** Registers a route. */
  add(method: RouteMethod, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    const segments = pattern.split("/").filter(Boolean);
    const scope = options.scope ?? (segments[0] === "api-keys" ? "admin" : method === "GET" ? "read" : "write");
    if (this.routes.some((r) => r.method === method && r.pattern === pattern))
      throw new Error(`Route registered twice: ${method} ${pattern}`);
    this.routes.push({ method, pattern, scope, effect: options.effect, handler, segments });
  }

  /** Registers a GET route. */
  get(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("GET", pattern, handler, options);
  }
  /** Registers a POST route. */
  post(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("POST", pattern, handler, options);
  }
  /** Registers a PUT route. */
  put(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("PUT", pattern, handler, options);
  }
  /** Registers a PATCH route. */
  patch(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("PATCH", pattern, handler, options);
  }
  /** Registers a DELETE route. */
  delete(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("DELETE", pattern, handler, options);
  }

  /**
   * Finds the route for a method and decoded segments. Among the routes whose pattern matches (any method),
   * the one with a literal at the first position where they differ wins; `allowed` lists the winning
   * pattern's methods when the request's method is not one of them.
   */
  match(
    method: string,
    segments: readonly string[],
  ): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
    const hits: { route: Route; params: Record<string, string> }[] = [];
    for (const route of this.routes) {
      if (route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < segments.length; i++) {
        const want = route.segments[i] as string;
        const got = segments[i] as string;
        if (isParam(want)) params[want.slice(1, -1)] = got;
        else if (want !== got) {
          matched = false;
          break;
        }
      }
      if (matched) hits.push({ route, params });
    }
    if (hits.length === 0) return undefined;
    // A literal segment beats `{param}` at the same position whatever the method, so that an id equal to
    // a literal (`GET /sdk/investigations/explain`) is refused (405) rather than read as an id.
    const rank = (a: Route, b: Route) => {
      for (let i = 0; i < a.segments.length; i++) {
        const la = !isParam(a.segments[i] as string);
        const lb = !isParam(b.segments[i] as string);
        if (la !== lb) return la ? -1 : 1;
      }
      return 0;
    };
    hits.sort((a, b) => rank(a.route, b.route));
    const best = hits.filter((h) => rank(h.route, (hits[0] as (typeof hits)[number]).route) === 0);
    return best.find((h) => h.route.method === method) ?? { allowed: [...new Set(best.map((h) => h.route.method))] };
  }

  /**
   * The route a request would reach, from its method and its path as received (base path included or not).
   * @returns the route and its percent-decoded params, or `undefined` when none matches
   */
  locate(method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
    const segments = decodeSegments(stripBase(pathname));
    const found = segments && this.match(method.toUpperCase(), segments);
    return found && !("allowed" in found) ? found : undefined;
  }

  /**
   * Answers one request: base path, CORS preflight, key, route, scope, body, handler, effect count.
   * Never throws.
   * @param trace - filled with whether the handler applied the request and which effect it counted
   */
  async dispatch(request: Request, state: State, trace?: DispatchTrace): Promise<Response> {
    try {
      return await this.#pipeline(request, state, trace);
    } catch (thrown) {
      if (thrown instanceof HttpError) return thrown.toResponse();
      return error(
        500,
        "INTERNAL_ERROR",
        `Sandbox error: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      );
    }
  }

  async #pipeline(request: Request, state: State, trace: DispatchTrace | undefined): Promise<Response> {
    const url = new URL(request.url);
    const raw = stripBase(url.pathname);
    const method = request.method.toUpperCase();
    if (method === "OPTIONS") {
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": "*",
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
          "access-control-allow-headers": "authorization, content-type, x-client-info",
          "access-control-max-age": "600",
        },
      });
    }

    state.settle();
    const key = authenticate(request, state);

    const segments = decodeSegments(raw);
    if (!segments) throw new HttpError(404, "NOT_FOUND", `No route for ${method} ${raw}`);
    const found = this.match(method, segments);
    if (!found) throw new HttpError(404, "NOT_FOUND", `No route for ${method} ${raw}`);
    if ("allowed" in found) {
      return error(
        405,
        "METHOD_NOT_ALLOWED",
        `${method} is not allowed on ${raw}`,
        { allowed: found.allowed },
        { allow: found.allowed.join(", ") },
      );
    }
    const { route, params } = found;
    const required = NEEDED[route.scope];
    if (RANK[key.scope] < RANK[required]) {
      throw new HttpError(
        403,
        "FORBIDDEN",
        `This operation requires the '${required}' scope; the key has '${key.scope}'`,
        {
          required_scope: required,
          current_scope: key.scope,
        },
      );
    }

    const body = method !== "GET" && method !== "DELETE" ? parseBody(await readText(request)) : {};

    // Everything a write changes is undone when it does not answer 2xx, ids and counters included.
    const restore = method === "GET" ? undefined : state.checkpoint();

    let counted: string[];
    let response: Response;
    try {
      const run = state.collectEffects(() =>
        route.handler({
          request,
          method: route.method,
          path: raw,
          params,
          query: url.searchParams,
          body,
          key,
          state,
        }),
      );
      counted = run.effects;
      response = await run.value;
    } catch (thrown) {
      restore?.();
      throw thrown;
    }
    const applied = response.status >= 200 && response.status < 300;
    if (!applied && restore) {
      restore();
      counted.length = 0;
    }
    if (route.effect && applied) {
      state.effect(route.effect);
      counted.push(route.effect);
    }
    if (trace) {
      trace.applied = applied;
      trace.effects = counted;
    }
    return response;
  }
}

/** What {@link Router.dispatch} reports about one request. */
export interface DispatchTrace {
  /** The route's handler ran and answered 2xx. */
  applied?: boolean;
  /** The operations counted in the effects while the handler ran, once per count. */
  effects?: string[];
}

function bodyError(status: number, message: string, problem: string): HttpError {
  return new HttpError(status, status === 413 ? "PAYLOAD_TOO_LARGE" : "VALIDATION_ERROR", message, {
    errors: [{ field: "body", location: "body", message: problem }],
  });
}

/**
 * The body as text, read at most {@link MAX_BODY_BYTES} far: a declared or streamed body past the cap is
 * a 413 and the rest is never read.
 */
async function readText(request: Request): Promise<string> {
  const tooLarge = () =>
    bodyError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`, `at most ${MAX_BODY_BYTES} bytes`);
  const declared = Number(request.headers.get("content-length") ?? "");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Whether JSON text nests objects and arrays deeper than `limit` (brackets inside strings do not count). */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The JSON object a write sends (`{}` for an empty body). Checked in full before any handler runs:
 * malformed JSON is a 400; nesting past {@link MAX_BODY_DEPTH}, a number JSON cannot hold (`1e999`) or
 * anything but an object is a 422.
 */
function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
    throw bodyError(
      422,
      `The request body nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels`,
      `at most ${MAX_BODY_DEPTH} levels deep`,
    );
  }
  let parsed: unknown;
  let finite = true;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === "number" && !Number.isFinite(value)) finite = false;
      return value;
    });
  } catch {
    throw bodyError(400, "The request body is not valid JSON", "malformed JSON");
  }
  if (!finite) throw bodyError(422, "The request body holds a number out of range", "numbers must be finite");
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw bodyError(422, "The request body must be a JSON object", "must be an object");
  return parsed as Record<string, unknown>;
}

function stripBase(pathname: string): string {
  return pathname === BASE_PATH || pathname.startsWith(`${BASE_PATH}/`) ? pathname.slice(BASE_PATH.length) : pathname;
}

/** Path segments, percent-decoded; `undefined` when one does not decode (a stray `%`, invalid UTF-8). */
function decodeSegments(raw: string): string[] | undefined {
  try {
    return raw
      .split("/")
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function authenticate(request: Request, state: State): ApiKeyRecord {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, "UNAUTHORIZED", "Missing API key: send 'Authorization: Bearer <key>'");
  const key = state.apiKeys.find((k) => k.key === match[1]);
  if (!key) throw new HttpError(401, "UNAUTHORIZED", "Invalid API key");
  if (key.revoked_at !== null) throw new HttpError(401, "UNAUTHORIZED", "This API key has been revoked");
  key.last_used_at = state.now();
  return key;
}
