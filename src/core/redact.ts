/**
 * Credential redaction. A server may echo the key in an error body; everything that reaches an
 * error, a log line or a cache passes through here first.
 */

/** What a redacted secret is replaced with. */
export const REDACTED = "[REDACTED]";

const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
const KEY_LIKE = /\baa_(?:live|test|demo)_[A-Za-z0-9]+/g;

/** Replaces `secret` (when known), any bearer token and anything shaped like an AnomalyArmor key. */
export function redactText(text: string, secret?: string): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out.replace(BEARER, `$1${REDACTED}`).replace(KEY_LIKE, REDACTED);
}

/** Deep copy of a JSON-like value with every string redacted; cycles and depth are bounded. */
export function redactValue<T>(value: T, secret?: string, depth = 0): T {
  if (typeof value === "string") return redactText(value, secret) as T;
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v, secret, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const copy =
      /^(authorization|api[_-]?key|key|token|secret|password)$/i.test(k) && typeof v === "string"
        ? REDACTED
        : redactValue(v, secret, depth + 1);
    // A body may carry an own "__proto__" key (JSON.parse makes one): copy it as data, never as a prototype.
    Object.defineProperty(out, redactText(k, secret), {
      value: copy,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}

/**
 * A copy of an error's cause safe to keep on an SDK error: message, stack and nested causes redacted,
 * prototype (so `instanceof TypeError`), name and primitive fields such as `code` kept. Returns `cause`
 * itself when nothing in it needed redacting, so a caller's own abort reason keeps its identity.
 */
export function redactCause(cause: unknown, secret?: string, depth = 0): unknown {
  if (typeof cause === "string") return redactText(cause, secret);
  if (cause === null || typeof cause !== "object" || depth > 4) return depth > 4 ? undefined : cause;
  if (!(cause instanceof Error)) return redactValue(cause, secret);
  const message = redactText(cause.message, secret);
  const stack = cause.stack === undefined ? undefined : redactText(cause.stack, secret);
  const nested = "cause" in cause ? redactCause(cause.cause, secret, depth + 1) : undefined;
  const fields = Object.entries(cause).filter(([k]) => k !== "message" && k !== "stack" && k !== "cause");
  const changed =
    message !== cause.message ||
    stack !== cause.stack ||
    nested !== (cause as { cause?: unknown }).cause ||
    fields.some(([, v]) => (typeof v === "string" ? redactText(v, secret) !== v : typeof v === "object" && v !== null));
  if (!changed) return cause;
  const copy = Object.create(Object.getPrototypeOf(cause) as object) as Error;
  const define = (k: string, value: unknown, enumerable = false) =>
    Object.defineProperty(copy, k, { value, enumerable, writable: true, configurable: true });
  define("message", message);
  if (stack !== undefined) define("stack", stack);
  if (Object.prototype.hasOwnProperty.call(cause, "name")) define("name", redactText(String(cause.name), secret));
  if ("cause" in cause) define("cause", nested);
  for (const [k, v] of fields) {
    if (typeof v === "string") define(k, redactText(v, secret), true);
    else if (v === null || typeof v !== "object") define(k, v, true);
  }
  return copy;
}
