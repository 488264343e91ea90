/**
 * The freshness gate: Request in, Response out. Before a fetch-style handler runs, the gate reads the
 * freshness of the assets the response is built on and answers `503` instead when they are stale.
 * Upstream reads are cached per API URL and asset for `ttlMs` and shared by concurrent requests (one
 * flight per key), so the gate costs one API call per asset per TTL, not one per request.
 * Imports only the core and the freshness resource: an edge bundle that gates carries nothing else.
 */
import { checkDuration, invalid, readOptions } from "../core/check";
import { DEFAULT_API_URL, type RequestOptions } from "../core/config";
import { ArmorError, ResponseValidationError } from "../core/errors";
import { toIssues } from "../core/params";
import { FreshnessStatusSchema, staleThreshold, type FreshnessStatus } from "../resources/freshness";
import * as v from "valibot";
import {
  bounded,
  cacheApiStore,
  isCacheApi,
  readCachedFreshness,
  type CacheApiLike,
  type FreshnessCache,
} from "./cache";
import { freshnessReaderFromEnv, readArmorVar } from "./env-options";

/** Anything that reads one asset's freshness: a `FreshnessResource`. */
export interface FreshnessReader {
  /** Reads one asset's freshness, as `FreshnessResource.get` does. */
  get(assetId: string, options?: RequestOptions): Promise<FreshnessStatus>;
}

/** What the gate's `client` option accepts: a `Client` (or anything with `freshness.get`), or a `FreshnessResource`. */
export type FreshnessSource = { readonly freshness: FreshnessReader } | FreshnessReader;

/**
 * Selects the requests to gate: a predicate; a RegExp tested on the path; a path pattern where `*`
 * matches anything (`"/reports/*"`); or anything with `test(url)` tested on the full URL (`URLPattern`).
 */
export type GateMatcher =
  ((request: Request, url: URL) => boolean) | RegExp | string | { test(input: string): boolean };

/** The part of a Workers `ExecutionContext` (or Vercel/Netlify context) the gate uses. */
export interface WaitUntilContext {
  /** Keeps the runtime alive until `promise` settles, after the response has gone. */
  waitUntil(promise: Promise<unknown>): void;
}

/** Options of {@link createFreshnessGate} and {@link withFreshnessGate}. */
export interface FreshnessGateOptions<Env = unknown> {
  /** The asset (or assets) the gated responses are built on: UUIDs or qualified names. */
  assets: string | readonly string[];
  /**
   * Where freshness is read: a `Client`, a `FreshnessResource`, or a function of the runtime's env
   * returning one (called when an upstream check is due).
   * @default a lean reader from `ARMOR_API_KEY` / `ARMOR_API_URL`: Workers bindings first, then the runtime's environment
   */
  client?: FreshnessSource | ((env: Env) => FreshnessSource | Promise<FreshnessSource>) | undefined;
  /** `"all"`: every asset must be fresh; `"any"`: one fresh asset suffices. @default "all" */
  mode?: "all" | "any" | undefined;
  /** Threshold in hours for every asset. @default each asset's own threshold, else 24 (the `requireFresh` rule) */
  max_age_hours?: number | undefined;
  /** Which requests are gated; the others go straight to the handler. @default every request */
  match?: GateMatcher | readonly GateMatcher[] | undefined;
  /** How long one upstream read answers for an asset, shared by every request meanwhile. @default 60000 */
  ttlMs?: number | undefined;
  /** How long a failed read is remembered before the API is asked again. @default min(ttlMs, 5000) */
  errorTtlMs?: number | undefined;
  /** Bound in ms on one upstream check, retries included (passed as the call's `deadline`). @default 5000 */
  timeoutMs?: number | undefined;
  /**
   * A cache shared across isolates or instances: a {@link FreshnessCache}, or a web `Cache`
   * (`caches.default` in Workers). Checked before the API on a local miss.
   */
  cache?: FreshnessCache | CacheApiLike | undefined;
  /**
   * When the API cannot answer: `"open"` serves the handler and reports `unknown` in `X-Armor-Freshness`
   * (an outage of the monitor does not become an outage of the site); `"closed"` answers `503`.
   * @default "open"
   */
  onError?: "open" | "closed" | undefined;
  /** `Retry-After` seconds on `503`s. @default ttlMs in seconds for stale data, errorTtlMs in seconds when unverifiable (at least 1) */
  retryAfter?: number | undefined;
  /** The clock, in epoch ms (tests). @default Date.now */
  now?: (() => number) | undefined;
}

/** A verdict on one asset. */
export type FreshnessState = "fresh" | "stale" | "unknown";

/** What the gate found for one asset. */
export interface AssetFreshness {
  /** The asset as given in `assets`. */
  asset: string;
  /** `unknown` when the API could not answer. */
  state: FreshnessState;
  /** Hours since the asset's last update, as read; `null` when unknown. */
  age_hours: number | null;
  /** The threshold it was held to (set when stale). */
  threshold_hours: number | undefined;
  /** The status read, when the read succeeded. */
  freshness: FreshnessStatus | undefined;
  /** Why the read failed, when it did. */
  error: unknown;
  /** When the status was read upstream (epoch ms). */
  checked_at: number;
}

/** The gate's decision on one request. */
export interface FreshnessDecision {
  /** Whether `match` selected the request (an unselected request is allowed without a check). */
  gated: boolean;
  /** The combined verdict under `mode`; `skipped` when not gated. */
  state: FreshnessState | "skipped";
  /** Whether the handler should run. */
  allow: boolean;
  /** One entry per asset, in `assets` order (empty when not gated). */
  assets: AssetFreshness[];
  /** The `X-Armor-Freshness` value (undefined when not gated). */
  header: string | undefined;
}

/** A fetch-style handler: Workers `fetch(request, env, ctx)`, `Deno.serve`'s `(request, info)`, `Bun.serve`'s `fetch(request, server)`. */
export type FetchHandler<A extends unknown[] = unknown[]> = (
  request: Request,
  ...args: A
) => Response | Promise<Response>;

/** A freshness gate: decisions, the `503` answer, and handler wrapping over one shared cache. */
export interface FreshnessGate<Env = unknown> {
  /**
   * Decides whether `request` may be served. Never throws for an API failure: that is the `unknown` state.
   * @param env - the runtime's env (Workers bindings), for the `client` function and the default reader
   * @param ctx - an execution context whose `waitUntil` lets expired reads refresh in the background
   */
  check(request: Request, env?: Env, ctx?: WaitUntilContext): Promise<FreshnessDecision>;
  /** The `503` problem response for a decision that does not allow serving; `undefined` when it does. */
  reject(decision: FreshnessDecision): Response | undefined;
  /** Wraps a handler: gated requests get `503` or the handler's response plus `X-Armor-Freshness`. */
  wrap<A extends unknown[]>(handler: FetchHandler<A>): (request: Request, ...args: A) => Promise<Response>;
  /** Forgets every cached read (the shared cache is left alone). */
  clear(): void;
}

/** The response header reporting the check. */
const FRESHNESS_HEADER = "X-Armor-Freshness";
const PROBLEM_BASE = "https://docs.anomalyarmor.ai/problems/";

interface Read {
  status?: FreshnessStatus;
  error?: unknown;
  at: number;
  until: number;
}
interface Entry {
  read?: Read;
  flight?: Promise<Read> | undefined;
}

/**
 * An option that takes one of two words, the first by default.
 * @throws ValidationError naming `name` for anything else
 */
function either<T extends string>(value: T | undefined, [first, second]: readonly [T, T], name: string): T {
  const chosen = value ?? first;
  if (chosen !== first && chosen !== second) invalid(`${name} must be "${first}" or "${second}"`, name);
  return chosen;
}

function toReader(source: unknown): FreshnessReader {
  const s = source as { freshness?: { get?: unknown }; get?: unknown } | null | undefined;
  if (typeof s?.freshness?.get === "function") return s.freshness as FreshnessReader;
  if (typeof s?.get === "function") return s as FreshnessReader;
  return invalid("client must be a Client, a FreshnessResource, or a function of env returning one", "client");
}

/** The base URL a client object reads from, where it exposes its transport. */
function apiUrlOf(source: unknown): string | undefined {
  for (const o of [source, (source as { freshness?: unknown } | null)?.freshness]) {
    // FreshnessResource keeps its transport private to TypeScript only; the URL on it is credential-free.
    const url = (o as { transport?: { config?: { apiUrl?: unknown } } } | null | undefined)?.transport?.config?.apiUrl;
    if (typeof url === "string") return url;
  }
  return undefined;
}

/** The `cache` option as a store: a web Cache is wrapped, a {@link FreshnessCache} taken as it is. */
function sharedStore(cache: FreshnessCache | CacheApiLike | undefined): FreshnessCache | undefined {
  if (cache === undefined) return undefined;
  if (isCacheApi(cache)) return cacheApiStore(cache);
  const store = cache as Partial<FreshnessCache> | null;
  if (typeof store?.get === "function" && typeof store.put === "function") return cache;
  return invalid("cache must have get and put, or be a web Cache", "cache");
}

function compileMatch(match: GateMatcher | readonly GateMatcher[] | undefined): (request: Request) => boolean {
  if (match === undefined) return () => true;
  const list = (Array.isArray(match) ? match : [match]) as GateMatcher[];
  const tests = list.map((matcher, i): ((request: Request, url: () => URL) => boolean) => {
    // A path pattern is tested as the RegExp it stands for: `*` for anything, every other character as itself.
    const m =
      typeof matcher === "string"
        ? new RegExp(
            `^${matcher
              .split("*")
              .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
              .join(".*")}$`,
          )
        : matcher;
    if (typeof m === "function") return (request, url) => m(request, url()) === true;
    if (m instanceof RegExp) {
      return (_, url) => {
        m.lastIndex = 0;
        return m.test(url().pathname);
      };
    }
    if (typeof (m as { test?: unknown })?.test === "function") return (request) => m.test(request.url);
    return invalid("match must be a function, a RegExp, a path pattern or a URLPattern", `match.${i}`);
  });
  return (request) => {
    let parsed: URL | undefined;
    const url = () => (parsed ??= new URL(request.url));
    return tests.some((t) => t(request, url));
  };
}

/**
 * A header parameter value: bare when it is a plain token, else a quoted string in which everything
 * outside printable ASCII, and `%` itself, is percent-encoded as UTF-8 (characters outside the BMP as
 * one code point; a lone surrogate, which UTF-8 cannot carry, as U+FFFD). Always a valid header value.
 */
function headerValue(text: string): string {
  if (/^[A-Za-z0-9._~:/+*-]+$/.test(text)) return text;
  const printable = text.replace(/[\ud800-\udbff][\udc00-\udfff]|[^\x20-\x24\x26-\x7e]/g, (c) =>
    /^[\ud800-\udfff]$/.test(c) ? "%EF%BF%BD" : encodeURIComponent(c),
  );
  return `"${printable.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * A status read live goes through the model a cached one does: a reader with validation off, or one
 * of the caller's own, may hand back anything, and what does not fit is unverified, never fresh.
 */
function checkStatus(value: unknown): FreshnessStatus {
  const result = v.safeParse(FreshnessStatusSchema, value);
  if (result.success) return result.output;
  throw new ResponseValidationError("The freshness status read does not match the model", {
    issues: toIssues(result.issues),
    body: value,
  });
}

function hours(n: number): number {
  return Math.round(n * 100) / 100;
}

function errorCode(error: unknown): string {
  return ArmorError.is(error) ? error.code : "INTERNAL_ERROR";
}

function describe(check: AssetFreshness): string {
  let out = `${check.state}; asset=${headerValue(check.asset)}`;
  if (check.age_hours !== null) out += `; age_hours=${hours(check.age_hours)}`;
  if (check.state === "stale" && check.threshold_hours !== undefined)
    out += `; threshold_hours=${hours(check.threshold_hours)}`;
  if (check.state === "unknown") out += `; error=${headerValue(errorCode(check.error))}`;
  return out;
}

function judge(asset: string, read: Read, maxAge: number | undefined): AssetFreshness {
  // A failed read has no status (and is `unknown`); a good one has no error.
  const status = read.status;
  const age = status?.hours_since_update;
  const threshold = status && staleThreshold(status, maxAge);
  let state: FreshnessState = "unknown";
  if (status) state = threshold === undefined ? "fresh" : "stale";
  return {
    asset,
    state,
    age_hours: typeof age === "number" ? age : null,
    threshold_hours: threshold,
    freshness: status,
    error: read.error,
    checked_at: read.at,
  };
}

function combine(checks: AssetFreshness[], mode: "all" | "any"): FreshnessState {
  const has = (s: FreshnessState) => checks.some((c) => c.state === s);
  if (mode === "all") return has("stale") ? "stale" : has("unknown") ? "unknown" : "fresh";
  return has("fresh") ? "fresh" : has("unknown") ? "unknown" : "stale";
}

function problem(decision: FreshnessDecision): Record<string, unknown> {
  const stale = decision.state === "stale";
  // The assets the answer is about: the stale ones, else the ones that could not be checked.
  const listed = decision.assets.filter((c) => c.state === (stale ? "stale" : "unknown"));
  const first = listed[0] as AssetFreshness;
  if (stale) {
    const say = (c: AssetFreshness) =>
      `'${c.asset}' (${c.age_hours === null ? "age unknown" : `${c.age_hours.toFixed(1)}h since last update`}, threshold ${c.threshold_hours == null ? "unknown" : `${c.threshold_hours.toFixed(1)}h`})`;
    return {
      type: `${PROBLEM_BASE}data-stale`,
      title: "The data behind this response is stale",
      status: 503,
      detail:
        listed.length === 1
          ? `Asset ${say(first)} is stale`
          : `${listed.length} assets are stale: ${listed.map(say).join(", ")}`,
      code: "DATA_STALE",
      asset: first.asset,
      age_hours: first.age_hours,
      threshold_hours: first.threshold_hours,
      assets: listed.map((c) => ({ asset: c.asset, age_hours: c.age_hours, threshold_hours: c.threshold_hours })),
    };
  }
  return {
    type: `${PROBLEM_BASE}freshness-unverified`,
    title: "The freshness of the data behind this response could not be verified",
    status: 503,
    detail: `The freshness of ${listed.map((c) => `'${c.asset}' (${errorCode(c.error)})`).join(", ")} could not be checked`,
    code: "FRESHNESS_UNVERIFIED",
    asset: first.asset,
    assets: listed.map((c) => ({ asset: c.asset, error: errorCode(c.error) })),
  };
}

/**
 * Builds a freshness gate: one cache of upstream reads shared by every request (and every handler) it gates.
 * @param options - assets, client, mode, threshold, match, TTLs, shared cache, error policy
 * @returns the gate: `check`, `reject`, `wrap`, `clear`
 * @throws ValidationError for invalid options
 * @example
 * const gate = createFreshnessGate({ assets: "snowflake.prod.warehouse.orders", max_age_hours: 24 });
 * const decision = await gate.check(request, env, ctx);
 * if (!decision.allow) return gate.reject(decision);
 */
export function createFreshnessGate<Env = unknown>(options: FreshnessGateOptions<Env>): FreshnessGate<Env> {
  if (options === null || typeof options !== "object") invalid("options are required", "");
  // Read once, from a copy (see readOptions).
  options = readOptions(options);
  const assets = typeof options.assets === "string" ? [options.assets] : [...(options.assets ?? [])];
  if (assets.length === 0 || !assets.every((a) => typeof a === "string" && a !== "")) {
    invalid("assets must be a non-empty asset id or a non-empty list of them", "assets");
  }
  const mode = either(options.mode, ["all", "any"], "mode");
  const onError = either(options.onError, ["open", "closed"], "onError");
  const maxAge = checkDuration(options.max_age_hours, "max_age_hours", false, "hours");
  const ttlMs = checkDuration(options.ttlMs, "ttlMs", false) ?? 60_000;
  const errorTtlMs = checkDuration(options.errorTtlMs, "errorTtlMs", false) ?? Math.min(ttlMs, 5_000);
  const timeoutMs = checkDuration(options.timeoutMs, "timeoutMs", true) ?? 5_000;
  const retryAfter = checkDuration(options.retryAfter, "retryAfter", false, "seconds");
  if (retryAfter !== undefined && !Number.isInteger(retryAfter))
    invalid("retryAfter must be whole seconds", "retryAfter");
  const now = options.now ?? (() => Date.now());
  if (typeof now !== "function") invalid("now must be a function", "now");
  const matches = compileMatch(options.match);
  const client = options.client;
  if (client !== undefined && typeof client !== "function") toReader(client);
  const fixedUrl = client !== undefined && typeof client !== "function" ? apiUrlOf(client) : undefined;
  const shared = sharedStore(options.cache);

  const entries = new Map<string, Entry>();
  // The default reader is built once per env object (Workers pass the same bindings to every request).
  const ownReaders = new WeakMap<object, FreshnessReader>();
  let ambientReader: FreshnessReader | undefined;

  async function readerFor(env: Env | undefined): Promise<FreshnessReader> {
    if (typeof client === "function") return toReader(await client(env as Env));
    if (client !== undefined) return toReader(client);
    if (env !== null && typeof env === "object") {
      let reader = ownReaders.get(env);
      if (!reader) ownReaders.set(env, (reader = freshnessReaderFromEnv(env)));
      return reader;
    }
    return (ambientReader ??= freshnessReaderFromEnv());
  }

  function keyFor(env: Env | undefined, asset: string): string {
    const url = fixedUrl ?? (readArmorVar(env, "ARMOR_API_URL") ?? DEFAULT_API_URL).replace(/\/+$/, "");
    return JSON.stringify([url, asset]);
  }

  async function upstream(
    key: string,
    asset: string,
    entry: Entry,
    env: Env | undefined,
    ctx: WaitUntilContext | undefined,
  ): Promise<Read> {
    if (shared) {
      // A store that hangs, throws or hands back something malformed (a getter that throws included)
      // only costs an upstream check.
      const hit = await bounded(async () => readCachedFreshness(await shared.get(key)), timeoutMs);
      const t = now();
      if (hit && hit.checkedAt <= t && t < hit.checkedAt + ttlMs) {
        return (entry.read = { status: hit.status, at: hit.checkedAt, until: hit.checkedAt + ttlMs });
      }
    }
    let read: Read;
    try {
      const status = checkStatus(await (await readerFor(env)).get(asset, { deadline: timeoutMs }));
      const at = now();
      read = { status, at, until: at + ttlMs };
      if (shared) {
        const put = bounded(() => shared.put(key, { status, checkedAt: at }, ttlMs), timeoutMs);
        ctx?.waitUntil(put);
      }
    } catch (error) {
      const at = now();
      read = { error, at, until: at + errorTtlMs };
    }
    return (entry.read = read);
  }

  function refresh(
    key: string,
    asset: string,
    entry: Entry,
    env: Env | undefined,
    ctx: WaitUntilContext | undefined,
  ): Promise<Read> {
    if (!entry.flight) {
      const flight = upstream(key, asset, entry, env, ctx).finally(() => {
        if (entry.flight === flight) entry.flight = undefined;
      });
      entry.flight = flight;
    }
    return entry.flight;
  }

  function readAsset(asset: string, env: Env | undefined, ctx: WaitUntilContext | undefined): Promise<Read> {
    const key = keyFor(env, asset);
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = {}));
    const read = entry.read;
    const t = now();
    if (read && t < read.until && t >= read.at) return Promise.resolve(read);
    // Serve an expired good read while a refresh runs behind it, for at most one more TTL, and only
    // where the runtime keeps background work alive (waitUntil).
    if (read?.status && ctx && t < read.until + ttlMs && t >= read.at) {
      ctx.waitUntil(refresh(key, asset, entry, env, ctx).then(() => undefined));
      return Promise.resolve(read);
    }
    return refresh(key, asset, entry, env, ctx);
  }

  const gate: FreshnessGate<Env> = {
    async check(request, env, ctx) {
      if (!matches(request)) return { gated: false, state: "skipped", allow: true, assets: [], header: undefined };
      const waiter = typeof ctx?.waitUntil === "function" ? ctx : undefined;
      const reads = await Promise.all(assets.map((asset) => readAsset(asset, env, waiter)));
      const checks = reads.map((read, i) => judge(assets[i] as string, read, maxAge));
      const state = combine(checks, mode);
      const allow = state === "fresh" || (state === "unknown" && onError === "open");
      return { gated: true, state, allow, assets: checks, header: checks.map(describe).join(", ") };
    },

    reject(decision) {
      if (decision.allow) return undefined;
      const seconds = retryAfter ?? Math.max(1, Math.ceil((decision.state === "stale" ? ttlMs : errorTtlMs) / 1000));
      const headers = new Headers({
        "content-type": "application/problem+json",
        "retry-after": String(seconds),
        "cache-control": "no-store",
      });
      if (decision.header) headers.set(FRESHNESS_HEADER, decision.header);
      return new Response(JSON.stringify(problem(decision)), { status: 503, headers });
    },

    wrap<A extends unknown[]>(handler: FetchHandler<A>) {
      if (typeof handler !== "function") invalid("handler must be a function", "handler");
      return async function gated(this: unknown, request: Request, ...args: A): Promise<Response> {
        // Workers pass (env, ctx), Vercel and Netlify (context), Deno (info), Bun (server): the first
        // extra argument is the env, the first with waitUntil is the context.
        const env = args[0] as Env | undefined;
        const ctx = args.find((a) => typeof (a as Partial<WaitUntilContext> | null)?.waitUntil === "function") as
          WaitUntilContext | undefined;
        const decision = await gate.check(request, env, ctx);
        if (!decision.allow) return gate.reject(decision) as Response;
        const response = await handler.apply(this, [request, ...args]);
        return decision.header === undefined ? response : withHeader(response, decision.header);
      };
    },

    clear() {
      entries.clear();
    },
  };
  return gate;
}

/** The handler's response plus the header, as a new Response: a fetched Response's headers are immutable. */
function withHeader(response: Response, value: string): Response {
  // Upgrades (101, Workers' webSocket) and error responses cannot be rebuilt without losing what they carry.
  if (response.status < 200 || (response as { webSocket?: unknown }).webSocket) return response;
  const headers = new Headers(response.headers);
  headers.set(FRESHNESS_HEADER, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Wraps a fetch-style handler in a freshness gate: stale data answers `503` (problem+json, `Retry-After`),
 * fresh data serves the handler's response with `X-Armor-Freshness`.
 * @param handler - Workers `fetch(request, env, ctx)`, `Deno.serve`'s handler, `Bun.serve`'s `fetch`
 * @param options - see {@link FreshnessGateOptions}
 * @returns a handler with the same signature
 * @throws ValidationError for invalid options
 * @example
 * export default {
 *   fetch: withFreshnessGate(handler, {
 *     client: (env) => clientFromEnv(env),
 *     assets: ["snowflake.prod.warehouse.orders"],
 *     max_age_hours: 24,
 *   }),
 * };
 */
export function withFreshnessGate<A extends unknown[]>(
  handler: FetchHandler<A>,
  options: FreshnessGateOptions<A extends [infer E, ...unknown[]] ? E : unknown>,
): (request: Request, ...args: A) => Promise<Response> {
  return createFreshnessGate(options).wrap(handler);
}
