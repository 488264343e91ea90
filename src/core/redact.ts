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
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secret, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = /^(authorization|api[_-]?key|key|token|secret|password)$/i.test(k) && typeof v === "string"
      ? REDACTED
      : redactValue(v, secret, depth + 1);
  }
  return out as T;
}
