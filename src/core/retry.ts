/** The one retry policy: what is retried, how long to wait, and how `Retry-After` is read. */

/** Statuses retried for idempotent methods (GET, PUT, PATCH, DELETE). */
const IDEMPOTENT_RETRY = new Set([408, 429, 500, 502, 503, 504]);
/** Statuses retried for POST: the server did not act on the request. */
const POST_RETRY = new Set([429, 503]);

/** The longest server-requested wait the SDK honours, in ms. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Whether a response with `status` to `method` is retried. */
export function retryableStatus(method: string, status: number): boolean {
  return (method === "POST" ? POST_RETRY : IDEMPOTENT_RETRY).has(status);
}

/** Whether a connection failure or attempt timeout on `method` is retried (never for POST). */
export function retryableFailure(method: string): boolean {
  return method !== "POST";
}

/**
 * Backoff before retry number `attempt` (0-based): `min(500 ms · 2^attempt, 8 s)`, less up to 25 % jitter.
 * @param random - a number in [0, 1)
 */
export function backoffMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(500 * 2 ** attempt, 8_000);
  return Math.round(base * (1 - 0.25 * random));
}

/**
 * Reads `retry-after-ms`, then `Retry-After` (seconds or an HTTP date).
 * @returns the wait in ms, or `undefined` when the server sent none that parses
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
