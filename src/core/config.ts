/**
 * Client options and their resolution: options first, then `ARMOR_API_KEY` / `ARMOR_API_URL` read through
 * the runtime probe, then defaults. Everything is checked here, before any request can be sent.
 */
import { checkDuration, invalid, isHeaderValue, isRecord, readOptions } from "./check";
import { AuthenticationError } from "./errors";
import { hasHooks, HOOK_NAMES, type ArmorHooks } from "./hooks";
import { isLogLevel, type Logger, type LogLevel } from "./log";
import { rememberSecret } from "./redact";
import { isBrowser, readEnv } from "./runtime";

/** The production API. */
export const DEFAULT_API_URL = "https://app.anomalyarmor.ai/api/v1";

/** A key, or a function returning one (for short-lived tokens). */
export type ApiKey = string | (() => string | Promise<string>);

/**
 * The default cap on a response body, as read (decompressed): 16 MiB. The largest pages this API
 * serves (1,000 check results, a deep lineage graph) are around a megabyte.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Options of `new Client()` and `createTransport()`; the hooks run on every call, before the call's own. */
export interface ClientOptions extends ArmorHooks {
  /** API key, or a function returning one. @default `ARMOR_API_KEY` where the runtime has an environment */
  apiKey?: ApiKey | undefined;
  /** Base URL including `/api/v1`. @default `ARMOR_API_URL`, else `https://app.anomalyarmor.ai/api/v1` */
  apiUrl?: string | undefined;
  /** Milliseconds per attempt. @default 30000 */
  timeout?: number | undefined;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number | undefined;
  /** A custom fetch (tests, proxies, Workers service bindings). @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** Allow a secret key in a browser. @default false */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Bound in ms on a whole call, retries and waits included. @default undefined (none) */
  deadline?: number | undefined;
  /** Response validation; `"off"` skips checks but still unwraps and fills defaults. @default "always" */
  validate?: "always" | "off" | undefined;
  /** Accept plain `http` for non-loopback hosts. @default false */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Query-key scope, replacing the one derived from URL and key. Without it, a key function's scope
   * follows the function's identity (same function, same scope; see docs/query.md "Keys").
   */
  cacheScope?: string | undefined;
  /** Log threshold. @default `ARMOR_LOG`, else "warn" */
  logLevel?: LogLevel | undefined;
  /** Log sink. @default console */
  logger?: Logger | undefined;
  /**
   * Cap in bytes on a response body as read (decompressed); past it the call fails with
   * `ResponseValidationError` code `RESPONSE_TOO_LARGE`, not retried. `Infinity` lifts it.
   * @default 16 MiB
   */
  maxResponseBytes?: number | undefined;
}

/** Per-call options, the last argument of every method; its hooks run after the client's. */
export interface RequestOptions extends ArmorHooks {
  /** Aborts the call (and any backoff wait) with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt, overriding the client's. */
  timeout?: number | undefined;
  /** Milliseconds for the whole call, overriding the client's. */
  deadline?: number | undefined;
  /** Retries for this call, overriding the client's. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** Extra query fields, for server features newer than this SDK. */
  query?: Record<string, string | number | boolean> | undefined;
  /** Extra body fields, for server features newer than this SDK. */
  body?: Record<string, unknown> | undefined;
  /** Cap in bytes on this call's response body, overriding the client's. */
  maxResponseBytes?: number | undefined;
}

/** Options after resolution; the key stays behind `getKey`. */
export interface ResolvedConfig {
  apiUrl: string;
  timeout: number;
  maxRetries: number;
  deadline: number | undefined;
  validate: "always" | "off";
  headers: Record<string, string>;
  fetch: typeof fetch | undefined;
  logLevel: LogLevel;
  logger: Logger | undefined;
  maxResponseBytes: number;
  /** The client's hooks, `undefined` when it has none. */
  hooks: ArmorHooks | undefined;
  browser: boolean;
  /** Non-reversible identity of URL + key, for query-key scopes. */
  scope: string;
  getKey: () => Promise<string>;
  /** The static key, for redaction only (undefined for function keys). */
  staticKey: string | undefined;
}

const LOOPBACK = /^(localhost|[^.]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether `hostname` is loopback: `localhost`, `*.localhost`, `127.0.0.0/8` or `[::1]`. */
export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Checks a key's form without revealing it.
 * @throws AuthenticationError when missing, empty, or holding anything but visible ASCII (whitespace and control characters included)
 */
export function checkKey(key: unknown): string {
  if (typeof key !== "string" || key === "") {
    throw new AuthenticationError("No API key: pass apiKey, or set ARMOR_API_KEY");
  }
  // A key is a token: whitespace or a control character would split or end the header, and anything
  // beyond ASCII would fail inside fetch, after we promised typed errors.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new AuthenticationError(
      "The API key may hold only visible ASCII characters (no whitespace or control characters)",
    );
  }
  // From here on every redaction knows this key, whatever its shape (key functions return any token).
  rememberSecret(key);
  return key;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Checks extra headers: names must be HTTP tokens and values strings without CR, LF or NUL (header
 * injection), so that a bad header fails before sending instead of as a retried network error.
 * @throws ValidationError naming the header
 */
export function checkHeaders(headers: unknown, where: string): void {
  if (headers === undefined) return;
  if (!isRecord(headers)) invalid(`${where} must be an object of header names to values`, where);
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) invalid(`${where}: '${name}' is not a valid header name`, `${where}.${name}`);
    if (!isHeaderValue(value)) {
      invalid(`${where}.${name} must be a string without CR, LF, NUL or characters beyond Latin-1`, `${where}.${name}`);
    }
  }
}

/**
 * Checks the options a client and a call share: timeout, deadline, retry count, headers, response cap
 * and hooks (each a function or an array of functions).
 */
function checkShared(o: Record<string, unknown>): void {
  checkDuration(o.timeout, "timeout", true);
  checkDuration(o.deadline, "deadline", true);
  const retries = o.maxRetries;
  if (retries !== undefined && !(Number.isInteger(retries) && (retries as number) >= 0 && (retries as number) <= 10))
    invalid("maxRetries must be an integer from 0 to 10", "maxRetries");
  checkHeaders(o.headers, "headers");
  const bytes = o.maxResponseBytes;
  if (bytes !== undefined && !(bytes === Infinity || (Number.isInteger(bytes) && (bytes as number) > 0)))
    invalid("maxResponseBytes must be a positive integer number of bytes, or Infinity", "maxResponseBytes");
  for (const name of HOOK_NAMES) {
    const hook = o[name];
    if (
      hook !== undefined &&
      !(typeof hook === "function" || (Array.isArray(hook) && hook.every((h) => typeof h === "function")))
    )
      invalid(`${name} must be a function or an array of functions`, name);
  }
}

/**
 * Checks the per-call options of every method, before anything is sent.
 * @throws ValidationError for a bad timeout, deadline, retry count, signal, headers, query or body
 */
export function checkRequestOptions(options: unknown): asserts options is RequestOptions {
  if (!isRecord(options)) invalid("options must be an object", "options");
  checkShared(options);
  const signal = options.signal as
    { aborted?: unknown; addEventListener?: unknown; removeEventListener?: unknown } | null | undefined;
  // null has none of the three.
  if (
    signal !== undefined &&
    (typeof signal?.aborted !== "boolean" ||
      typeof signal.addEventListener !== "function" ||
      typeof signal.removeEventListener !== "function")
  ) {
    invalid("signal must be an AbortSignal", "signal");
  }
  for (const name of ["query", "body"] as const) {
    const value = options[name];
    if (value !== undefined && !isRecord(value)) invalid(`${name} must be an object`, name);
  }
}

/** The scope of each key function given so far. */
const functionScopes = new WeakMap<object, string>();

/**
 * The cache scope of a key function: the same for the same function (as `withOptions` passes it on),
 * and for different functions different, random ones (so also from one page load or process to the
 * next: a persisted cache never restores into another function's reads). It says nothing of the key.
 */
function functionScope(fn: object): string {
  let scope = functionScopes.get(fn);
  if (scope === undefined) functionScopes.set(fn, (scope = Math.random().toString(36).slice(2)));
  return scope;
}

/** A stable, non-reversible 53-bit fingerprint (cyrb53) in base 36. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Resolves and checks client options.
 * @throws AuthenticationError for a missing or malformed key, or a secret key in a browser
 * @throws ValidationError for an invalid URL, plain http to a non-loopback host, or bad numbers
 */
export function resolveConfig(input?: ClientOptions): ResolvedConfig {
  const options = readOptions(input);
  const browser = isBrowser();
  const rawKey = options.apiKey || readEnv("ARMOR_API_KEY");
  let staticKey: string | undefined;
  let getKey: () => Promise<string>;
  // What identifies the key in the query-key scope, without revealing it.
  let keyScope: string;
  if (typeof rawKey === "function") {
    const fn = rawKey;
    getKey = async () => checkKey(await fn());
    keyScope = `fn${functionScope(fn)}`;
  } else {
    staticKey = checkKey(rawKey);
    const key = staticKey;
    keyScope = fingerprint(key);
    getKey = () => Promise.resolve(key);
    if (browser && !options.dangerouslyAllowBrowser) {
      throw new AuthenticationError(
        "A secret API key in a browser is refused: pass apiKey as a function returning a short-lived token, or dangerouslyAllowBrowser: true to accept the risk",
      );
    }
  }

  const rawUrl = options.apiUrl || readEnv("ARMOR_API_URL") || DEFAULT_API_URL;
  if (typeof rawUrl !== "string") invalid("apiUrl must be a string", "apiUrl");
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    invalid("apiUrl is not a valid URL", "apiUrl");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") invalid("apiUrl must use http or https", "apiUrl");
  if (url.username || url.password) invalid("apiUrl must not carry credentials", "apiUrl");
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
    invalid("apiUrl uses plain http to a non-loopback host: use https, or pass allowInsecureHttp: true", "apiUrl");
  }
  if (url.search || url.hash) invalid("apiUrl must not have a query or fragment", "apiUrl");
  const apiUrl = rawUrl.replace(/\/+$/, "");

  checkShared(options as Record<string, unknown>);
  if (options.validate !== undefined && options.validate !== "always" && options.validate !== "off") {
    invalid('validate must be "always" or "off"', "validate");
  }
  const envLevel = readEnv("ARMOR_LOG");
  const logLevel = options.logLevel ?? (isLogLevel(envLevel) ? envLevel : "warn");
  if (!isLogLevel(logLevel)) invalid("logLevel must be off, error, warn, info or debug", "logLevel");
  if (options.fetch !== undefined && typeof options.fetch !== "function") invalid("fetch must be a function", "fetch");
  // A copy: hooks changed on the options object later do not change the client.
  const hooks = hasHooks(options) ? Object.fromEntries(HOOK_NAMES.map((name) => [name, options[name]])) : undefined;

  if (options.cacheScope !== undefined && typeof options.cacheScope !== "string")
    invalid("cacheScope must be a string", "cacheScope");
  if (options.logger !== undefined && (options.logger === null || typeof options.logger !== "object"))
    invalid("logger must be an object", "logger");
  const scope = options.cacheScope ?? `${apiUrl}#${keyScope}`;

  return {
    apiUrl,
    timeout: options.timeout ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    deadline: options.deadline,
    validate: options.validate ?? "always",
    headers: { ...options.headers },
    fetch: options.fetch,
    logLevel,
    logger: options.logger,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    hooks,
    browser,
    scope,
    getKey,
    staticKey,
  };
}
