/**
 * The single request primitive, on one ofetch instance per transport. ofetch encodes JSON bodies, reads
 * and parses responses (with our strict parser), builds its error context and runs the public hooks; our
 * loop keeps retries, timeouts, the deadline, cancellation and redaction. A call (`run`) reads in three
 * steps: prepare (options, key, headers, URL, held as the call's own constants), `attempt` (one try,
 * classified without throwing: a response, or a failure that says whether it may be retried) and decide
 * (return, retry after a wait, or throw). Responses are unwrapped from their envelope
 * (`docs/protocol.md` §2) and validated leniently.
 */
import { createFetch } from "ofetch";
import * as v from "valibot";
import { NotJson, parseJson, readText } from "./body";
import { invalid, invalidError, isRecord, kindOf } from "./check";
import { checkRequestOptions, resolveConfig, type ClientOptions, type RequestOptions } from "./config";
import {
  AbortError,
  ArmorError,
  AuthenticationError,
  ConnectionError,
  createApiError,
  ResponseValidationError,
  TimeoutError,
} from "./errors";
import { hasHooks, wrapHooks, type HookState } from "./hooks";
import { createLog, type Log } from "./log";
import { jsonBody, toIssues } from "./params";
import { encodeQuery } from "./path";
import { describeError, REDACTED, redactCause, redactClip, redactText, redactValue } from "./redact";
import { decideRetry, retryableFailure, retryableStatus, retryAfterMs, sleep } from "./retry";
import { normalize } from "./schemas";
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

const USER_AGENT = `anomalyarmor-ts/${VERSION}`;

/** The longest delay `setTimeout` honours. */
const MAX_TIMER_MS = 2_147_483_647;

/** Why an operation was stopped before it finished. */
type Stop = "timeout" | "deadline" | "caller" | "closed";

/** How a bounded operation ended: with its value, its own failure, or stopped from outside. */
type Bounded<T> = { ok: true; value: T } | { ok: false; stop: Stop | undefined; error: unknown };

/** A response as ofetch hands it back, its body read and parsed into `_data`. */
type Received = Response & { _data?: unknown };

/** The body of a 2xx and the key that read it (to redact what is built from it). */
interface Read {
  body: unknown;
  key: string;
}

/** What the transport passes beneath ofetch to its own fetch function, per attempt. */
interface Beneath {
  key: string;
  maxResponseBytes: number;
  /** Whether the request was handed to `fetch` (so the server may have acted on it). */
  sent: boolean;
}
const BENEATH = Symbol("anomalyarmor.attempt");

/** The init of one attempt as it reaches the transport's fetch beneath ofetch. */
type Attempt = RequestInit & { method: string; signal: AbortSignal; [BENEATH]: Beneath };

/**
 * Creates the transport every resource is built on.
 * @param options - the same options as `new Client()`
 * @throws AuthenticationError for a missing or malformed key, ValidationError for bad options
 * @example
 * const freshness = new FreshnessResource(createTransport({ apiKey }));
 */
export function createTransport(options: ClientOptions = {}): Transport {
  const config = resolveConfig(options);
  // Looked up per call, so that a fetch patched in later (msw, test doubles) is the one used.
  const send: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // ofetch's own retry is off (our loop decides), and ofetch never sees the key: it is set here, beneath
  // ofetch and after every hook. The body is read here too, under the cap, so that a body that fails or
  // is too long counts as "no response" (ofetch's onRequestError), like a connection that fails.
  const $fetch = createFetch({
    fetch: async (input, init) => {
      // What attempt() gave ofetch, as ofetch passes it on: always with a method and the attempt's signal.
      const { [BENEATH]: beneath, method, body, signal } = init as Attempt;
      // An attempt given up while a hook ran (its timeout, the caller, close()) is not sent late: a
      // custom fetch that ignores the signal would still carry it out, a write included.
      signal.throwIfAborted();
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${beneath.key}`);
      beneath.sent = true;
      const res: unknown = await send(input, { method, headers, body: body ?? null, signal, redirect: "manual" });
      return adopt(res, beneath.maxResponseBytes);
    },
  });
  // Stoppers of every attempt and wait in flight: close() calls them all. A set rather than one shared
  // AbortSignal, so that many concurrent calls never pile listeners onto one signal.
  const inflight = new Set<() => void>();
  let closed = false;
  let lastKey = config.staticKey;
  const log: Log = createLog(config.logLevel, config.logger, () => lastKey);
  // Debug lines are built only when someone reads them: they would cost every call a JSON.stringify.
  const debug = config.logLevel === "debug";
  // The headers every call starts from; the key is added beneath ofetch.
  const baseHeaders = addHeaders({ accept: "application/json" }, config.headers);
  if (!config.browser) baseHeaders["user-agent"] = USER_AGENT;

  /**
   * Runs `op` with a signal that aborts on the caller's signal, on `close()`, after `timeout` ms or at
   * `deadlineAt`, and settles as soon as any of those happen even if `op` ignores its signal.
   */
  function bounded<T>(
    op: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    timeout = Infinity,
    deadlineAt = Infinity,
  ): Promise<Bounded<T>> {
    // One promise per operation: whichever comes first (the result, the timer, the caller's abort or
    // close()) settles it, and the rest find it settled.
    return new Promise((resolve) => {
      const controller = new AbortController();
      let settled = false;
      const finish = (outcome: Bounded<T>) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        inflight.delete(onClose);
        try {
          signal?.removeEventListener("abort", onCaller);
        } catch {
          // A fake whose removeEventListener throws keeps the listener (nothing else can take it off), and
          // the operation still settles with its own outcome.
        }
        resolve(outcome);
      };
      const stop = (why: Stop) => {
        if (settled) return;
        controller.abort();
        finish({ ok: false, stop: why, error: controller.signal.reason });
      };
      const onCaller = () => stop("caller");
      const onClose = () => stop("closed");
      // Listening first: a signal that refuses the listener leaves nothing registered. A fake signal whose
      // addEventListener throws passed the shape check but cannot be listened to: a bad option.
      try {
        signal?.addEventListener("abort", onCaller);
      } catch (error) {
        const message = `signal must be an AbortSignal: adding a listener failed (${describeError(error, lastKey)})`;
        return resolve({ ok: false, stop: undefined, error: invalidError(message, "signal") });
      }
      inflight.add(onClose);
      const budget = Math.min(timeout, deadlineAt - Date.now());
      const onTimer = budget < timeout ? "deadline" : "timeout";
      // Timers overflow past 2^31-1 ms and would fire at once: a budget that long simply has no timer.
      const timer = budget <= MAX_TIMER_MS ? setTimeout(() => stop(onTimer), Math.max(0, budget)) : undefined;
      // Every op is an async function (the key function is wrapped in one): none throws synchronously.
      op(controller.signal).then(
        (value) => finish({ ok: true, value }),
        (error: unknown) => finish({ ok: false, stop: undefined, error }),
      );
    });
  }

  /** A call from start to end; whatever escapes the steps below ends typed and redacted all the same. */
  async function call(spec: RequestSpec, options: RequestOptions = {}): Promise<Read | undefined> {
    try {
      return await run(spec, options);
    } catch (error) {
      if (ArmorError.is(error)) throw error;
      // A hostile object no check foresaw (a fake AbortSignal whose methods throw), or a bug of ours.
      throw new ArmorError(`${spec.method} ${spec.path} failed: ${describeError(error, lastKey)}`, {
        cause: redactCause(error, lastKey),
      });
    }
  }

  /** One call in its three steps: prepare, attempt, decide. */
  async function run(spec: RequestSpec, options: RequestOptions): Promise<Read | undefined> {
    // Step 1: checks the options and resolves the key; everything an attempt needs.
    const method = spec.method;
    let body: Record<string, unknown> | undefined;
    let url: string;
    let headers = baseHeaders;
    try {
      checkRequestOptions(options);
      if (options.headers) headers = addHeaders({ ...baseHeaders }, options.headers);
      // The query is encoded by our rules (`docs/protocol.md` §1.4), not ofetch's (which differ on empty
      // values, `'()*`, `/` and dates), and the URL is whole before ofetch sees it: hooks read it in
      // onRequest, where ofetch has not yet joined a baseURL.
      const qs = encodeQuery({ ...spec.query, ...options.query });
      url = config.apiUrl + spec.path + (qs ? `?${qs}` : "");
      // Both parts are copied as JSON data: the resource's (record params hold the caller's values) and
      // the caller's extra fields.
      if (spec.body !== undefined || options.body !== undefined)
        body = { ...(spec.body && jsonBody(spec.body)), ...(options.body && jsonBody(options.body)) };
      // fetch would refuse a GET with a body once the call had started.
      if (body && method === "GET") invalid("A GET request has no body: pass extras as query", "body");
    } catch (error) {
      // A getter or a Proxy trap that throws: options that cannot be read are invalid options (in the
      // words readOptions uses for every other entry point).
      if (ArmorError.is(error)) throw error;
      invalid(`options could not be read: ${describeError(error, lastKey)}`, "options");
    }
    const signal = options.signal;
    const deadlineMs = options.deadline ?? config.deadline;
    const timeout = options.timeout ?? config.timeout;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const maxResponseBytes = options.maxResponseBytes ?? config.maxResponseBytes;
    /** The error that ends a call stopped by the caller, `close()` or the deadline. */
    const stopped = (stop: "caller" | "closed" | "deadline", secret: string | undefined) => {
      if (stop === "deadline") return new TimeoutError(`Deadline of ${deadlineMs} ms exceeded`);
      const caller = stop === "caller";
      return new AbortError(caller ? "The request was aborted" : "The client was closed", {
        cause: caller ? redactCause(signal?.reason, secret) : undefined,
      });
    };
    /** Why the call cannot start or go on: the client closed, or the caller aborted. */
    const blocked = () => (closed ? "closed" : signal?.aborted ? "caller" : undefined);
    const early = blocked();
    if (early) throw stopped(early, lastKey);
    const started = Date.now();
    const deadlineAt = deadlineMs === undefined ? Infinity : started + deadlineMs;

    // A key function is bounded like an attempt (by `timeout`, and by the deadline when there is one):
    // it may hang or throw, and neither may escape untyped. A static key needs no guard.
    let key = config.staticKey;
    if (key === undefined) {
      const got = await bounded(() => config.getKey(), signal, timeout, deadlineAt);
      if (!got.ok) {
        if (got.stop === "timeout")
          throw new TimeoutError(`The apiKey function did not return a key within ${timeout} ms`);
        if (got.stop === undefined) {
          if (ArmorError.is(got.error)) throw got.error;
          throw new AuthenticationError("The apiKey function failed", { cause: redactCause(got.error, lastKey) });
        }
        throw stopped(got.stop, lastKey);
      }
      key = got.value;
    }
    lastKey = key;
    const secret = key;
    const hookState: HookState = { attempt: 0, key };
    const hooks = config.hooks || hasHooks(options) ? wrapHooks(config.hooks, options, hookState) : undefined;

    /**
     * Step 2: one attempt, classified; it never throws. The response (whatever its status), or the
     * failure of an attempt that got none. A failure that ends the call (stopped by the caller, `close()`
     * or the deadline, a hook's failure, a request that cannot be sent) is not retryable, so step 3
     * throws it.
     */
    const attempt = async (n: number, beneath: Beneath): Promise<Received | ArmorError> => {
      const ended = blocked() ?? (deadlineAt <= Date.now() ? "deadline" : undefined);
      if (ended) return stopped(ended, secret);
      hookState.attempt = n + 1;
      if (debug)
        log(
          "debug",
          `${method} ${url} (attempt ${n + 1}) ${JSON.stringify({ ...headers, authorization: `Bearer ${REDACTED}` })}`,
        );
      const result = await bounded(
        (signal) =>
          $fetch.raw(url, {
            method,
            headers,
            body,
            signal,
            retry: false,
            parseResponse: parseJson,
            ...hooks,
            [BENEATH]: beneath,
          } as Parameters<typeof $fetch.raw>[1]),
        signal,
        timeout,
        deadlineAt,
      );
      if (result.ok) return result.value;
      const { stop, error } = result;
      if (stop && stop !== "timeout") return stopped(stop, secret);
      const retryable = retryableFailure(method);
      if (stop) return new TimeoutError(`Request timed out after ${timeout} ms`, { retryable });
      const fetchError = error as { name?: unknown; cause?: unknown; response?: Received };
      const isFetchError = fetchError?.name === "FetchError";
      // ofetch throws for a 4xx/5xx after its hooks ran: that is a response like any other.
      if (isFetchError && fetchError.response) return fetchError.response;
      // A hook's failure, or a typed failure from beneath ofetch (a body past the cap, which ofetch wraps):
      // as it is. None of the SDK's own is retryable; one a custom fetch threw keeps its own word.
      const cause = isFetchError ? (fetchError.cause ?? error) : error;
      if (ArmorError.is(cause)) return cause;
      // ofetch failed before handing the request to fetch; the body was checked already, so this is the
      // request itself (its headers or URL) that the runtime refused.
      if (!beneath.sent) return invalidError(`the request cannot be sent: ${describeError(error, secret)}`, "");
      return new ConnectionError(`Network error: ${describeError(cause, secret)}`, {
        retryable,
        cause: redactCause(cause, secret),
      });
    };

    // Step 3: what the call does after an attempt: return, retry after a wait, or throw.
    // Whether an earlier attempt may have been carried out although its answer never arrived: the request
    // left and then the connection failed or timed out, or the server failed with a 5xx that does not say
    // it did nothing (500, 502, 504).
    let mayHaveActed = false;
    for (let n = 0; ; n++) {
      const beneath: Beneath = { key, maxResponseBytes, sent: false };
      const outcome = await attempt(n, beneath);
      let failure: ArmorError;
      let serverWait: number | undefined;
      if (ArmorError.is(outcome)) {
        failure = outcome;
        if (beneath.sent) mayHaveActed = true;
      } else {
        const { status, headers, _data: data } = outcome;
        if (debug) log("debug", `${method} ${url} → ${status} in ${Date.now() - started} ms`);
        if (status >= 200 && status < 300) {
          // The body of a 2xx, or `undefined` where the endpoint reads none.
          if (!spec.schema) return undefined;
          if (data instanceof NotJson) {
            const text = redactClip(data.text, 2000, key);
            throw badResponse(spec, "the response body is not JSON", "", "invalid JSON", text, key, status);
          }
          return { body: data, key };
        }
        // A DELETE is done when the thing is gone: after an attempt that may have deleted it, the retry's
        // 404 is that attempt's success seen late, not a failure to report. Only where success has no body
        // to read (a revoke answers the key it revoked, which a 404 cannot give).
        if (status === 404 && method === "DELETE" && !spec.schema && mayHaveActed) {
          log("info", `${method} ${url}: 404 on a retry, taken as deleted`);
          return undefined;
        }
        if (status === 0 || (status >= 300 && status < 400)) {
          throw new ArmorError(`${method} ${spec.path}: redirect (HTTP ${status || "opaque"}) not followed`, {
            status: status || undefined,
          });
        }
        const retryable = retryableStatus(method, status);
        failure = createApiError(status, data, headers, key, retryable);
        serverWait = retryable ? retryAfterMs(headers) : undefined;
        if (status >= 500 && status !== 503) mayHaveActed = true;
      }
      const next = decideRetry(failure.retryable, n, maxRetries, serverWait, deadlineAt - Date.now());
      if (!next.retry) throw failure;
      log("info", `${method} ${url} failed (${failure.name}); retry ${n + 1}/${maxRetries} in ${next.waitMs} ms`);
      // The wait is bounded like an attempt, so that the caller's signal and close() cut it short; the
      // next attempt then finds the call stopped. Only a signal that refuses the listener ends it here.
      const waited = await bounded((signal) => sleep(next.waitMs, signal), signal);
      if (!waited.ok && !waited.stop) throw waited.error;
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
    if (isModel && !isRecord(value)) throw notObject(spec, where, where, value, value, secret);
    let result: v.SafeParseResult<v.GenericSchema>;
    try {
      if (config.validate === "off") return normalize(schema, value);
      result = v.safeParse(schema, value);
    } catch (error) {
      // A model's alias step met a shape it did not expect (possible with validation off): still typed.
      throw badResponse(
        spec,
        `the response could not be read at ${where}`,
        where,
        describeError(error, secret),
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
    if (!isRecord(body)) throw notObject(spec, "the envelope", "", body, body, secret);
    return body;
  }

  /** A ResponseValidationError for `value`, found at `where`, that should be a JSON object. */
  function notObject(
    spec: RequestSpec,
    what: string,
    where: string,
    value: unknown,
    body: unknown,
    secret: string | undefined,
  ): ResponseValidationError {
    return badResponse(
      spec,
      `expected ${what} to be an object, got ${kindOf(value)}`,
      where,
      "expected an object",
      body,
      secret,
    );
  }

  const publicConfig: TransportConfig = Object.freeze({
    apiUrl: config.apiUrl,
    timeout: config.timeout,
    maxRetries: config.maxRetries,
    deadline: config.deadline,
    validate: config.validate,
  });

  return {
    config: publicConfig,
    scope: config.scope,
    get closed() {
      return closed;
    },
    async request<T>(spec: RequestSpec, options?: RequestOptions): Promise<T> {
      const result = await call(spec, options);
      if (!result) return undefined as T;
      const data = envelope(spec, result.body, result.key).data;
      return check(spec, data === undefined ? {} : data, "data", result.key) as T;
    },
    async requestPage<T>(spec: RequestSpec, options?: RequestOptions): Promise<Page<T>> {
      const result = await call(spec, options);
      const top = envelope(spec, result?.body, result?.key ?? "");
      const data = top.data ?? {};
      const container = spec.list ?? "data";
      if (!isRecord(data)) throw notObject(spec, `data (holding "${container}")`, "data", data, top, result?.key);
      const raw = data[container] ?? [];
      if (!Array.isArray(raw)) {
        throw badResponse(
          spec,
          `expected data.${container} to be a list`,
          `data.${container}`,
          "expected an array",
          top,
          result?.key,
        );
      }
      const items = raw.map((item, i) => check(spec, item, `data.${container}.${i}`, result?.key ?? "")) as T[];
      const pagination = (data.pagination ?? top.pagination) as { has_more?: unknown } | undefined;
      const hasMore = typeof pagination?.has_more === "boolean" ? pagination.has_more : undefined;
      return { items, hasMore };
    },
    close() {
      closed = true;
      for (const stop of [...inflight]) stop();
    },
  };
}

/**
 * Adds `extra` to `headers` and returns them. Names are stored lower-case, so that a later source
 * replaces an earlier one whatever its case.
 */
function addHeaders(headers: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * Reads what a fetch function returned, at most `maxBytes` of its body, and hands ofetch a Response
 * holding that text. What is not a Response (a custom fetch may return anything) fails the attempt
 * with a final `ConnectionError`.
 */
async function adopt(res: unknown, maxBytes: number): Promise<Response> {
  let r: Response | undefined;
  try {
    // A status, headers and a body or text() to read: whatever lacks one is not a Response. A getter
    // that throws, or an object that only claims Response's prototype, lacks them too.
    const x = res as Response;
    const status = x.status;
    if (
      Number.isInteger(status) &&
      (status === 0 || (status > 199 && status < 600)) &&
      typeof x.headers.get === "function" &&
      typeof x.text === "function"
    )
      // No body at all (null, or absent as in fetch polyfills) is read through text().
      r = x.body == null || typeof x.body.getReader === "function" ? x : undefined;
  } catch {
    // left undefined
  }
  // A body built by hand has no stream to read under the cap: its text, measured once read.
  const text: unknown = r && (r.body ? await readText(r.body, maxBytes) : await r.text());
  if (!r || (text !== undefined && typeof text !== "string"))
    throw new ConnectionError("The fetch function did not return a Response");
  if (text === undefined || text.length > maxBytes) {
    // Past the cap nothing is parsed. An error status keeps its meaning (and its retry rule).
    if (r.status > 199 && r.status < 300) {
      throw new ResponseValidationError(`The response body is larger than maxResponseBytes (${maxBytes})`, {
        code: "RESPONSE_TOO_LARGE",
        status: r.status,
        issues: [{ path: "", message: `longer than ${maxBytes} bytes` }],
        body: undefined,
      });
    }
    return withText(r, "");
  }
  return withText(r, text);
}

/**
 * Hands ofetch a response whose body the transport has already read: its `text()` gives that text. A
 * copy is made where the response object cannot take the method (frozen, or not a plain object), and
 * for text that came without a body, since ofetch parses only a response that has one.
 */
function withText(res: Response, text: string): Response {
  if (res.body || !text) {
    try {
      Object.defineProperty(res, "text", { value: () => Promise.resolve(text), configurable: true });
      return res;
    } catch {
      // copied below
    }
  }
  return new Response(text, res);
}
