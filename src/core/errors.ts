/**
 * The error hierarchy. Every failure of an SDK call is an `ArmorError` or a subclass; each class sets
 * its `name` explicitly so it survives minification, and nothing here ever holds the API key: every
 * constructor redacts what it is given (message, code, details, cause, issues, bodies, models), so an
 * error built anywhere, by the SDK or by its users, is safe to print.
 */

import { NotJson, parseJson } from "./body";
import { isRecord } from "./check";
import { redactClip, redactValue } from "./redact";
import { retryAfterMs } from "./retry";

const BRAND = Symbol.for("anomalyarmor.error");

/** One problem found while validating params or a response body. */
export interface Issue {
  /** Dotted path to the offending value (`""` for the value itself). */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/** Fields every `ArmorError` constructor accepts besides the message. */
export interface ArmorErrorInit {
  /** HTTP status, when the failure came from a response. */
  status?: number | undefined;
  /** The server's `error.code`, else the class's own code. */
  code?: string | undefined;
  /** The server's `error.details` (redacted), or structured context. */
  details?: Record<string, unknown> | undefined;
  /** The server's `x-request-id`, when it sent one. */
  requestId?: string | undefined;
  /** Whether the SDK's retry policy would retry this failure. */
  retryable?: boolean | undefined;
  /** The underlying failure. */
  cause?: unknown;
}

/**
 * Base of every error the SDK throws; also any status without a dedicated class (3xx, 402, 405, 409…).
 * Use {@link ArmorError.is} rather than `instanceof` where two copies of the package may be loaded.
 */
export class ArmorError extends Error {
  /** The class's own name, set explicitly so that it survives minification. */
  override name = "ArmorError";
  // Fields here and in the subclasses are `declare`d and set by the constructors: plain declarations
  // would each be emitted as an `undefined` field into every bundle, for nothing.
  /** HTTP status of the response that failed, when there was one. */
  declare readonly status: number | undefined;
  /** The server's `error.code`, else this class's code (`API_ERROR` here). */
  declare readonly code: string;
  /** Structured details from the server or the SDK (never holds credentials). */
  declare readonly details: Record<string, unknown>;
  /** The server's request id (`x-request-id`), for support tickets. */
  declare readonly requestId: string | undefined;
  /** Whether the SDK's retry policy retries this failure (the query layer defers to it). */
  declare readonly retryable: boolean;

  /**
   * @param message - human-readable, credential-free description
   * @param init - status, code, details, request id, retryability and cause
   */
  constructor(message: string, init: ArmorErrorInit = {}) {
    // Redacted here, whoever builds the error: a server may have echoed the key into any of these.
    const [safe, code, details, requestId, cause] = redactValue([
      message,
      init.code ?? new.target.defaultCode,
      init.details ?? {},
      init.requestId,
      init.cause,
    ] as const);
    super(safe, cause === undefined ? undefined : { cause });
    this.status = init.status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
    this.retryable = init.retryable ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The code used when the server sent none. */
  static defaultCode = "API_ERROR";

  /**
   * Recognises an error of this package, also one thrown by another copy of it (ESM and CJS both loaded).
   * @param value - anything caught
   * @returns whether `value` is an `ArmorError` of any copy
   */
  static is(value: unknown): value is ArmorError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** `[CODE] message`, as the Python SDK prints errors. */
  override toString(): string {
    return `${this.name}: [${this.code}] ${this.message}`;
  }

  /** A plain, log-safe object: no stack, no cause object, no credentials. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message, code: this.code };
    if (this.status !== undefined) out.status = this.status;
    if (this.requestId !== undefined) out.requestId = this.requestId;
    out.retryable = this.retryable;
    out.details = this.details;
    return out;
  }
}

/** 401; a missing or malformed key; a secret key in a browser without `dangerouslyAllowBrowser`. */
export class AuthenticationError extends ArmorError {
  override name = "AuthenticationError";
  static override defaultCode = "UNAUTHORIZED";
}

/** 403: the key's scope is too low (`details.required_scope` says which is needed). */
export class AuthorizationError extends AuthenticationError {
  override name = "AuthorizationError";
  static override defaultCode = "FORBIDDEN";
}

/** 404: the asset, rule, check, key or job does not exist. */
export class NotFoundError extends ArmorError {
  override name = "NotFoundError";
  static override defaultCode = "NOT_FOUND";
}

/** 400 or 422 from the server, or params / options rejected before any request was sent. */
export class ValidationError extends ArmorError {
  override name = "ValidationError";
  static override defaultCode = "VALIDATION_ERROR";
  /** One entry per problem, when the SDK found them (path + message). */
  declare readonly issues: Issue[] | undefined;
  /**
   * @param message - what was rejected
   * @param init - as {@link ArmorError}, plus `issues`
   */
  constructor(message: string, init: ArmorErrorInit & { issues?: Issue[] | undefined } = {}) {
    super(message, init);
    // Paths name record keys a server chose and messages quote values: either may echo a key.
    this.issues = redactValue(init.issues);
  }
  override toJSON(): Record<string, unknown> {
    return this.issues ? { ...super.toJSON(), issues: this.issues } : super.toJSON();
  }
}

/** 429 after retries, or a `Retry-After` longer than the SDK may wait. */
export class RateLimitError extends ArmorError {
  override name = "RateLimitError";
  static override defaultCode = "RATE_LIMIT_EXCEEDED";
  /** Seconds the server asked to wait; `undefined` when it sent no `Retry-After`. */
  declare readonly retryAfter: number | undefined;
  /**
   * @param message - what the server said
   * @param init - as {@link ArmorError}, plus `retryAfter` in seconds
   */
  constructor(message: string, init: ArmorErrorInit & { retryAfter?: number | undefined } = {}) {
    super(message, init);
    this.retryAfter = init.retryAfter;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfter: this.retryAfter };
  }
}

/** 5xx after retries (an HTML error page included). */
export class ServerError extends ArmorError {
  override name = "ServerError";
  static override defaultCode = "SERVER_ERROR";
}

/** The network failed (refused, reset, dropped mid-body) after retries. */
export class ConnectionError extends ArmorError {
  override name = "ConnectionError";
  static override defaultCode = "CONNECTION_ERROR";
}

/** An attempt exceeded `timeout` after retries, or the `deadline` / a polling `timeoutMs` ran out. */
export class TimeoutError extends ArmorError {
  override name = "TimeoutError";
  static override defaultCode = "TIMEOUT";
}

/** The caller's `signal` aborted, or the client was closed. `cause` is the signal's reason. */
export class AbortError extends ArmorError {
  override name = "AbortError";
  static override defaultCode = "ABORTED";
}

/** A 2xx whose body does not fit the model. Never retried. */
export class ResponseValidationError extends ArmorError {
  override name = "ResponseValidationError";
  static override defaultCode = "INVALID_RESPONSE";
  /** What did not fit, path by path. */
  declare readonly issues: Issue[];
  /** The (redacted) body as received. */
  declare readonly body: unknown;
  /**
   * @param message - which response failed
   * @param init - as {@link ArmorError}, plus `issues` and `body`
   */
  constructor(message: string, init: ArmorErrorInit & { issues: Issue[]; body: unknown }) {
    super(message, init);
    this.issues = redactValue(init.issues);
    this.body = redactValue(init.body);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** Fields of a {@link StalenessError}. */
export interface StalenessErrorInit {
  /** The asset identifier the caller passed. */
  asset: string;
  /** Hours since the last update (`0` when the server reported none). */
  hours_since_update?: number | undefined;
  /** The threshold the asset was held to. */
  threshold_hours?: number | undefined;
  /** The freshness status that was read. */
  freshness?: unknown;
}

/** `requireFresh` found the asset stale. */
export class StalenessError extends ArmorError {
  override name = "StalenessError";
  static override defaultCode = "DATA_STALE";
  /** The asset identifier the caller passed (not the server's qualified name). */
  declare readonly asset: string;
  /** Hours since the last update. */
  declare readonly hours_since_update: number | undefined;
  /** The threshold in hours the asset was held to. */
  declare readonly threshold_hours: number | undefined;
  /** The `FreshnessStatus` that was read. */
  declare readonly freshness: unknown;
  /**
   * @param init - asset, hours since update, threshold and the status read
   */
  constructor(init: StalenessErrorInit) {
    // With `validate: "off"` these come straight from the server and may be anything: never let the
    // message itself throw.
    const hours = (x: unknown) => (Number.isFinite(x) ? `${(x as number).toFixed(1)}h` : undefined);
    const age = hours(init.hours_since_update);
    const threshold = hours(init.threshold_hours);
    const message =
      age === undefined || threshold === undefined
        ? `Asset '${init.asset}' is stale`
        : `Asset '${init.asset}' is stale: ${age} since last update (threshold: ${threshold})`;
    super(message);
    this.asset = redactValue(init.asset);
    this.hours_since_update = init.hours_since_update;
    this.threshold_hours = init.threshold_hours;
    // The status is server data: a key it echoes must not reach logs through the error.
    this.freshness = redactValue(init.freshness);
  }
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      asset: this.asset,
      hours_since_update: this.hours_since_update,
      threshold_hours: this.threshold_hours,
    };
  }
}

/** A polled job ended `failed`, `cancelled`, `timed_out` or `error`. */
export class JobFailedError extends ArmorError {
  override name = "JobFailedError";
  static override defaultCode = "JOB_FAILED";
  /** The final job status as read. */
  declare readonly job: { job_id?: string; status?: string; error?: string | null | undefined } & Record<
    string,
    unknown
  >;
  /**
   * @param job - the final job status
   */
  constructor(job: JobFailedError["job"]) {
    // With `validate: "off"` the job is whatever the server sent: the message must not throw on it.
    const safe = redactValue(job !== null && typeof job === "object" ? job : {});
    const say = (x: unknown) => (typeof x === "string" || typeof x === "number" ? String(x) : undefined);
    const error = say(safe.error);
    super(`Job ${say(safe.job_id) ?? "?"} ended ${say(safe.status) ?? "unknown"}${error ? `: ${error}` : ""}`);
    this.job = safe;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), job: this.job };
  }
}

const STATUS_CLASS: Record<number, new (message: string, init: ArmorErrorInit) => ArmorError> = {
  400: ValidationError,
  401: AuthenticationError,
  403: AuthorizationError,
  404: NotFoundError,
  422: ValidationError,
};

/**
 * Builds the error for a non-2xx response (`docs/protocol.md` §3), reading its body as its §3.1
 * describes: the class follows the status, `code` is the server's `error.code` when it sent one.
 * @param status - the HTTP status
 * @param body - the body: as parsed (JSON, a {@link NotJson} holding text that is not JSON, `undefined` when
 *   empty), or as a string, the text received, parsed here
 * @param headers - the response headers (`x-request-id`, `Retry-After`)
 * @param secret - the key, redacted from message and details even when the server echoes it
 * @param retryable - whether the retry policy retries this status for this method
 */
export function createApiError(
  status: number,
  body: unknown,
  headers: Headers,
  secret?: string,
  retryable = false,
): ArmorError {
  let message = "";
  let code: string | undefined;
  let details: Record<string, unknown> = {};
  if (typeof body === "string") body = parseJson(body);
  if (body instanceof NotJson) {
    // Plain text is a message; an HTML page (a gateway's) is not worth quoting.
    const text = body.text.trim();
    // Redacted before it is cut, so that a key straddling the cut leaves no piece behind.
    if (!text.startsWith("<")) message = redactClip(text, 500, secret);
  } else if (isRecord(body)) {
    const err = body.error;
    const top = typeof body.message === "string" ? body.message : "";
    if (isRecord(err)) {
      message = (typeof err.message === "string" && err.message) || top;
      if (typeof err.code === "string" && err.code) code = err.code;
      if (isRecord(err.details)) details = err.details;
    } else if (typeof err === "string") {
      message = top || err;
    } else {
      message = top || (typeof body.detail === "string" ? body.detail : "");
    }
  }
  // A server may echo anything anywhere, the key included.
  const [safe, safeCode, safeDetails, requestId] = redactValue(
    [message || `Request failed with HTTP ${status}`, code, details, headers.get("x-request-id") ?? undefined] as const,
    secret,
  );
  const init: ArmorErrorInit = { status, code: safeCode, details: safeDetails, requestId, retryable };
  if (status === 429) {
    const wait = retryAfterMs(headers);
    return new RateLimitError(safe, { ...init, retryAfter: wait === undefined ? undefined : wait / 1000 });
  }
  const Class = STATUS_CLASS[status] ?? (status >= 500 ? ServerError : ArmorError);
  return new Class(safe, init);
}
