/**
 * The single request primitive, on the runtime's own `fetch` (or the one given in the options). Our own
 * loop owns retries, per-attempt timeouts, the overall deadline and cancellation, which left a fetch
 * wrapper (ofetch) nothing to do but cost a third of the edge bundle and most of the cold import.
 * Responses are unwrapped from their envelope (`docs/protocol.md` §2) and validated leniently.
 */
import * as v from "valibot";
import {
  checkRequestOptions,
  resolveConfig,
  type ClientOptions,
  type RequestOptions,
  type ResolvedConfig,
} from "./config";
import {
  AbortError,
  ArmorError,
  AuthenticationError,
  AuthorizationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ArmorErrorInit,
} from "./errors";
import { createLog, type Log } from "./log";
import { toIssues } from "./params";
import { encodeQuery } from "./path";
import { REDACTED, redactCause, redactText, redactValue } from "./redact";
import { backoffMs, MAX_RETRY_AFTER_MS, retryableFailure, retryableStatus, retryAfterMs } from "./retry";
import { NO_MATCH, normalize, parseFast } from "./schemas";
import { VERSION } from "./version";

/** HTTP methods the API uses. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a resource function asks of the transport. */
export interface RequestSpec {
  /** HTTP method. */
  method: Method;
  /** Path below the base URL, ids already encoded (see `path`). */
  path: string;
  /** Query fields in wire order. */
  query?: Record<string, unknown> | undefined;
  /** JSON body; `undefined` sends no body at all. */
  body?: Record<string, unknown> | undefined;
  /** Model of `data` (single) or of each item (lists); absent → the body is ignored (deletes). */
  schema?: v.GenericSchema | undefined;
  /** List container key inside `data` (`data`, `items`, `keys`, …): the call returns a page. */
  list?: string | undefined;
}

/** One page of a list endpoint. */
export interface Page<T> {
  /** The items of the endpoint's container. */
  items: T[];
  /** `pagination.has_more` when the server sent it (inside `data` or at the top level). */
  hasMore: boolean | undefined;
}

/** The public, credential-free view of a transport's configuration. */
export interface TransportConfig {
  /** Base URL, trailing slashes removed. */
  readonly apiUrl: string;
  /** Milliseconds per attempt. */
  readonly timeout: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Milliseconds per call, if bounded. */
  readonly deadline: number | undefined;
  /** Response validation mode. */
  readonly validate: "always" | "off";
}

/** What every resource class is built on: resolved configuration plus the request primitive. */
export interface Transport {
  /** Credential-free configuration. */
  readonly config: TransportConfig;
  /** Query-key scope: base URL plus a non-reversible fingerprint of the key (or `cacheScope`). */
  readonly scope: string;
  /** Whether {@link Transport.close} was called. */
  readonly closed: boolean;
  /**
   * Sends one API call and returns its unwrapped, validated `data`.
   * @throws ArmorError or a subclass; nothing else
   */
  request<T>(spec: RequestSpec, options?: RequestOptions): Promise<T>;
  /** Like {@link Transport.request} for list endpoints, returning the page with its `has_more`. */
  requestPage<T>(spec: RequestSpec, options?: RequestOptions): Promise<Page<T>>;
  /** Aborts every call in flight and rejects later ones with `AbortError`. */
  close(): void;
}

const STATUS_CLASS: Record<number, new (message: string, init: ArmorErrorInit) => ArmorError> = {
  400: ValidationError,
  401: AuthenticationError,
  403: AuthorizationError,
  404: NotFoundError,
  422: ValidationError,
};

/**
 * Builds the error for a non-2xx response, reading the body as `docs/protocol.md` §3.1 describes.
 * @param secret - the key, redacted from message and details even when the server echoes it
 */
export function createApiError(
  status: number,
  bodyText: string,
  headers: Headers,
  secret?: string,
  retryable = false,
): ArmorError {
  let message = "";
  let code: string | undefined;
  let details: Record<string, unknown> = {};
  let body: unknown;
  try {
    body = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const err = b.error;
    const top = typeof b.message === "string" ? b.message : "";
    if (err !== null && typeof err === "object" && !Array.isArray(err)) {
      const e = err as Record<string, unknown>;
      message = (typeof e.message === "string" && e.message) || top;
      if (typeof e.code === "string" && e.code) code = e.code;
      if (e.details !== null && typeof e.details === "object" && !Array.isArray(e.details)) {
        details = e.details as Record<string, unknown>;
      }
    } else if (typeof err === "string") {
      message = top || err;
    } else {
      message = top || (typeof b.detail === "string" ? b.detail : "");
    }
  } else if (body === undefined && bodyText.trim() && !/^\s*</.test(bodyText)) {
    message = bodyText.trim().slice(0, 500);
  }
  if (!message) message = `Request failed with HTTP ${status}`;
  const requestId = headers.get("x-request-id");
  const init: ArmorErrorInit = {
    status,
    // A server may echo anything anywhere, the key included.
    code: code === undefined ? undefined : redactText(code, secret),
    details: redactValue(details, secret),
    requestId: requestId === null ? undefined : redactText(requestId, secret),
    retryable,
  };
  message = redactText(message, secret);
  if (status === 429) {
    const wait = retryAfterMs(headers);
    return new RateLimitError(message, { ...init, retryAfter: wait === undefined ? undefined : wait / 1000 });
  }
  const Class = STATUS_CLASS[status] ?? (status >= 500 ? ServerError : ArmorError);
  return new Class(message, init);
}

const USER_AGENT = `anomalyarmor-ts/${VERSION}`;

type Why = "timeout" | "deadline" | "caller" | "closed";

function abortError(signal: AbortSignal | undefined, secret?: string): AbortError {
  return new AbortError(signal?.aborted ? "The request was aborted" : "The client was closed", {
    cause: signal?.aborted ? redactCause(signal.reason, secret) : undefined,
  });
}

/** The longest delay `setTimeout` honours. */
const MAX_TIMER_MS = 2_147_483_647;

/** How a guarded operation ended early: its own timer, the deadline, the caller's signal, or `close()`. */
type Outcome<T> = { ok: true; value: T } | { ok: false; why: Why | undefined; error: unknown };

/**
 * Creates the transport every resource is built on.
 * @param options - the same options as `new Client()`
 * @throws AuthenticationError for a missing or malformed key, ValidationError for bad options
 * @example
 * const freshness = new FreshnessResource(createTransport({ apiKey }));
 */
export function createTransport(options: ClientOptions = {}): Transport {
  const config = resolveConfig(options);
  return buildTransport(config);
}

function buildTransport(config: ResolvedConfig): Transport {
  const userFetch = config.fetch;
  // Looked up per call, so that a fetch patched in later (msw, test doubles) is the one used.
  const send: typeof fetch = userFetch ?? ((input, init) => globalThis.fetch(input, init));
  // Stoppers of every attempt and wait in flight: close() calls them all. A set rather than one shared
  // AbortSignal, so that many concurrent calls never pile listeners onto one signal.
  const inflight = new Set<() => void>();
  let closed = false;
  let lastKey = config.staticKey;
  const log: Log = createLog(config.logLevel, config.logger, () => lastKey);
  // Debug lines are built only when someone reads them: they would cost every call a JSON.stringify.
  const debug = config.logLevel === "debug";

  /**
   * Runs `op` with a signal that aborts on the caller's signal, on `close()`, or after `budget` ms, and
   * settles as soon as any of those happen even if `op` ignores its signal.
   */
  function guarded<T>(
    op: (signal: AbortSignal) => Promise<T>,
    budget: number,
    onTimer: "timeout" | "deadline",
    signal: AbortSignal | undefined,
  ): Promise<Outcome<T>> {
    // One promise per guarded operation: whichever comes first — the result, the timer, the caller's
    // abort or close() — settles it, and the rest find it settled.
    return new Promise((resolve) => {
      const controller = new AbortController();
      let settled = false;
      const finish = (outcome: Outcome<T>) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onCaller);
        inflight.delete(onClose);
        resolve(outcome);
      };
      const stop = (why: Why) => {
        if (settled) return;
        controller.abort();
        finish({ ok: false, why, error: controller.signal.reason });
      };
      const onCaller = () => stop("caller");
      const onClose = () => stop("closed");
      inflight.add(onClose);
      signal?.addEventListener("abort", onCaller);
      // Timers overflow past 2^31-1 ms and would fire at once: a budget that long simply has no timer.
      const timer = budget <= MAX_TIMER_MS ? setTimeout(() => stop(onTimer), Math.max(0, budget)) : undefined;
      try {
        op(controller.signal).then(
          (value) => finish({ ok: true, value }),
          (error: unknown) => finish({ ok: false, why: undefined, error }),
        );
      } catch (error) {
        finish({ ok: false, why: undefined, error });
      }
    });
  }

  /** Throws the error for an operation that ended early because of the caller, `close()` or the deadline. */
  function stopped(
    why: Why | undefined,
    signal: AbortSignal | undefined,
    secret: string | undefined,
    deadlineMs: number | undefined,
  ): void {
    if (why === "caller") throw abortError(signal, secret);
    if (why === "closed") throw abortError(undefined);
    if (why === "deadline") throw new TimeoutError(`Deadline of ${deadlineMs} ms exceeded`);
  }

  /** Throws when the client is closed or the caller has aborted, before anything starts. */
  function alive(signal: AbortSignal | undefined, secret: string | undefined): void {
    if (closed) throw abortError(undefined);
    if (signal?.aborted) throw abortError(signal, secret);
  }
  const publicConfig: TransportConfig = Object.freeze({
    apiUrl: config.apiUrl,
    timeout: config.timeout,
    maxRetries: config.maxRetries,
    deadline: config.deadline,
    validate: config.validate,
  });

  // The headers every call starts from; the key always comes last.
  const baseHeaders: Record<string, string> = { accept: "application/json" };
  for (const [name, value] of Object.entries(config.headers)) baseHeaders[name.toLowerCase()] = value;

  async function call(
    spec: RequestSpec,
    options: RequestOptions = {},
  ): Promise<{ body: unknown; secret: string } | undefined> {
    checkRequestOptions(options);
    const signal = options.signal;
    alive(signal, lastKey);
    const started = Date.now();
    const timeout = options.timeout ?? config.timeout;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const deadlineMs = options.deadline ?? config.deadline;
    const deadlineAt = deadlineMs === undefined ? Infinity : started + deadlineMs;
    const query = options.query ? { ...spec.query, ...options.query } : spec.query;
    const qs = query ? encodeQuery(query) : "";
    const url = config.apiUrl + spec.path + (qs ? `?${qs}` : "");
    const payload =
      spec.body === undefined && options.body === undefined ? undefined : toJson({ ...spec.body, ...options.body });
    const method = spec.method;

    // A key function is bounded like an attempt: it may hang or throw, and neither may escape untyped.
    // A static key needs no guard (no timer, no listeners): only a key function may hang or throw.
    const keyed =
      config.staticKey !== undefined
        ? ({ ok: true, value: config.staticKey } as const)
        : await guarded(() => config.getKey(), deadlineAt - Date.now(), "deadline", signal);
    if (!keyed.ok) {
      stopped(keyed.why, signal, lastKey, deadlineMs);
      if (ArmorError.is(keyed.error)) throw keyed.error;
      throw new AuthenticationError("The apiKey function failed", { cause: redactCause(keyed.error, lastKey) });
    }
    const key = keyed.value;
    lastKey = key;
    // Names are stored lower-case, so a later source replaces an earlier one whatever its case.
    const headers: Record<string, string> = { ...baseHeaders };
    if (options.headers)
      for (const [name, value] of Object.entries(options.headers)) headers[name.toLowerCase()] = value;
    headers.authorization = `Bearer ${key}`;
    if (payload !== undefined) headers["content-type"] = "application/json";
    if (!config.browser) headers["user-agent"] = USER_AGENT;

    // Whether an earlier attempt may have been carried out although its answer never arrived: the
    // request left and then the connection failed or timed out, or the server failed with a 5xx that
    // does not say it did nothing (500, 502, 504).
    let mayHaveActed = false;
    for (let attempt = 0; ; attempt++) {
      alive(signal, key);
      const remaining = deadlineAt - Date.now();
      if (remaining <= 0) stopped("deadline", signal, key, deadlineMs);
      const budget = Math.min(timeout, remaining);
      let status = 0;
      let text = "";
      let resHeaders: Headers | undefined;
      let failure: ArmorError | undefined;
      if (debug)
        log(
          "debug",
          `${method} ${url} (attempt ${attempt + 1}) ${JSON.stringify({ ...headers, authorization: `Bearer ${REDACTED}` })}`,
        );
      const sent = await guarded(
        async (abort) => {
          const res = await send(url, { method, headers, body: payload ?? null, signal: abort, redirect: "manual" });
          // The body is read inside the attempt, so that its timeout covers a body that never ends.
          return { status: res.status, headers: res.headers, text: await res.text() };
        },
        budget,
        budget < timeout ? "deadline" : "timeout",
        signal,
      );
      if (sent.ok) {
        const res = sent.value;
        status = res.status;
        resHeaders = res.headers;
        text = res.text;
      } else {
        const { why, error } = sent;
        stopped(why, signal, key, deadlineMs);
        const cause =
          (error as { name?: string; cause?: unknown })?.name === "FetchError"
            ? ((error as { cause?: unknown }).cause ?? error)
            : error;
        const retry = retryableFailure(method);
        failure =
          why === "timeout"
            ? new TimeoutError(`Request timed out after ${timeout} ms`, { retryable: retry })
            : new ConnectionError(`Network error: ${redactText(String((cause as Error)?.message ?? cause), key)}`, {
                retryable: retry,
                cause: redactCause(cause, key),
              });
      }

      let waitMs: number | undefined;
      if (!failure && resHeaders) {
        if (debug) log("debug", `${method} ${url} → ${status} in ${Date.now() - started} ms`);
        if (status >= 200 && status < 300) {
          if (!spec.schema) return undefined;
          if (text.trim() === "") return { body: undefined, secret: key };
          try {
            return { body: JSON.parse(text), secret: key };
          } catch {
            throw badResponse(
              spec,
              "the response body is not JSON",
              "",
              "invalid JSON",
              text.slice(0, 2000),
              key,
              status,
            );
          }
        }
        // A DELETE is done when the thing is gone: after an attempt that may have deleted it, the retry's
        // 404 is that attempt's success seen late, not a failure to report. Only where success has no
        // body to read (a revoke answers the key it revoked, which a 404 cannot give).
        if (status === 404 && method === "DELETE" && !spec.schema && mayHaveActed) {
          log("info", `${method} ${url}: 404 on a retry, taken as deleted`);
          return undefined;
        }
        if (status === 0 || (status >= 300 && status < 400)) {
          throw new ArmorError(`${method} ${spec.path}: redirect (HTTP ${status || "opaque"}) not followed`, {
            status: status || undefined,
          });
        }
        const retry = retryableStatus(method, status);
        failure = createApiError(status, text, resHeaders, key, retry);
        waitMs = retry ? retryAfterMs(resHeaders) : undefined;
        if (waitMs !== undefined && waitMs > MAX_RETRY_AFTER_MS) throw failure;
      }
      const error = failure as ArmorError;
      if (!resHeaders || (status >= 500 && status !== 503)) mayHaveActed = true;
      if (!error.retryable || attempt >= maxRetries) throw error;
      const wait = waitMs ?? backoffMs(attempt);
      if (Date.now() + wait >= deadlineAt) throw error;
      log("info", `${method} ${url} failed (${error.name}); retry ${attempt + 1}/${maxRetries} in ${wait} ms`);
      // A wait is an operation that never ends by itself: only its timer (or the caller, or close()) ends it.
      stopped(
        ((await guarded(() => new Promise<never>(() => {}), wait, "timeout", signal)) as { why?: Why }).why,
        signal,
        key,
        deadlineMs,
      );
    }
  }

  /** A ResponseValidationError for one problem at `where`; `problem` says what, the issue's message why. */
  function badResponse(
    spec: RequestSpec,
    problem: string,
    where: string,
    message: string,
    body: unknown,
    secret: string | undefined,
    status?: number,
  ): ResponseValidationError {
    return new ResponseValidationError(`${spec.method} ${spec.path}: ${problem}`, {
      status,
      issues: [{ path: where, message }],
      body: redactValue(body, secret),
    });
  }

  function check(spec: RequestSpec, value: unknown, where: string, secret: string): unknown {
    const schema = spec.schema as v.GenericSchema;
    // valibot's object schemas accept arrays; every model here is a JSON object. Checked with validation
    // off too: a model that is not an object at all cannot be unwrapped, and resources read its fields.
    const root = schema as { type?: string; pipe?: readonly { type?: string }[] };
    const isModel = (root.pipe?.[0]?.type ?? root.type ?? "").endsWith("object");
    if (isModel && (value === null || typeof value !== "object" || Array.isArray(value))) {
      throw badResponse(
        spec,
        `expected an object at ${where}, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`,
        where,
        "expected an object",
        value,
        secret,
      );
    }
    let result: v.SafeParseResult<v.GenericSchema>;
    try {
      if (config.validate === "off") return normalize(schema, value);
      const fast = parseFast(schema, value);
      if (fast !== NO_MATCH) return fast;
      result = v.safeParse(schema, value);
    } catch (error) {
      // A model's alias step met a shape it did not expect (possible with validation off): still typed.
      throw badResponse(
        spec,
        `the response could not be read at ${where}`,
        where,
        redactText(error instanceof Error ? error.message : String(error), secret),
        value,
        secret,
      );
    }
    if (result.success) return result.output;
    // valibot quotes the values it received: a server echoing the key must not put it in a message.
    const issues = toIssues(result.issues).map((i) => ({
      path: i.path ? `${where}.${i.path}` : where,
      message: redactText(i.message, secret),
    }));
    throw new ResponseValidationError(
      `${spec.method} ${spec.path}: the response does not match the model (${issues
        .slice(0, 3)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; ")})`,
      { issues, body: redactValue(value, secret) },
    );
  }

  function envelope(spec: RequestSpec, body: unknown, secret: string): Record<string, unknown> {
    if (body === undefined) return {};
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw badResponse(spec, "expected a JSON object envelope", "", "expected an object", body, secret);
    }
    return body as Record<string, unknown>;
  }

  return {
    config: publicConfig,
    scope: config.scope,
    get closed() {
      return closed;
    },
    async request<T>(spec: RequestSpec, options?: RequestOptions): Promise<T> {
      const result = await call(spec, options);
      if (!result) return undefined as T;
      const data = envelope(spec, result.body, result.secret).data;
      return check(spec, data === undefined ? {} : data, "data", result.secret) as T;
    },
    async requestPage<T>(spec: RequestSpec, options?: RequestOptions): Promise<Page<T>> {
      const result = await call(spec, options);
      const top = envelope(spec, result?.body, result?.secret ?? "");
      const data = top.data ?? {};
      const container = spec.list ?? "data";
      if (data === null || typeof data !== "object" || Array.isArray(data)) {
        throw badResponse(
          spec,
          `expected data to be an object holding "${container}"`,
          "data",
          "expected an object",
          top,
          result?.secret,
        );
      }
      const raw = (data as Record<string, unknown>)[container] ?? [];
      if (!Array.isArray(raw)) {
        throw badResponse(
          spec,
          `expected data.${container} to be a list`,
          `data.${container}`,
          "expected an array",
          top,
          result?.secret,
        );
      }
      const items = raw.map((item, i) => check(spec, item, `data.${container}.${i}`, result?.secret ?? "")) as T[];
      const pagination = ((data as Record<string, unknown>).pagination ?? top.pagination) as
        { has_more?: unknown } | undefined;
      const hasMore = typeof pagination?.has_more === "boolean" ? pagination.has_more : undefined;
      return { items, hasMore };
    },
    close() {
      closed = true;
      for (const stop of [...inflight]) stop();
    },
  };
}

/** The JSON text of a body, or a ValidationError (nothing sent) for what JSON cannot carry (BigInt, cycles). */
function toJson(body: Record<string, unknown>): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    const message = `the request body cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw new ValidationError(message, { issues: [{ path: "body", message }] });
  }
}
