/** The one retry policy: what is retried, how long to wait, and how `Retry-After` is read. */

/** Statuses retried for idempotent methods (GET, PUT, PATCH, DELETE). Exported for the table's tests. */
export const IDEMPOTENT_RETRY: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
/** Statuses retried for POST: the server did not act on the request. Exported for the table's tests. */
export const POST_RETRY: ReadonlySet<number> = new Set([429, 503]);

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
  // Absent or blank is not 0 (what Number would make of it): NaN, refused below like any non-number.
  const ms = Number(headers.get("retry-after-ms")?.trim() || NaN);
  if (ms >= 0 && ms < Infinity) return ms;
  const value = headers.get("retry-after");
  if (!value?.trim()) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  // Only an HTTP-date (all three forms open with a weekday name): V8's Date.parse would also read
  // "-3" or "1.5.2" as a date in the past, turning a malformed header into an immediate retry.
  if (!/^\s*[A-Za-z]{3,9},?\s/.test(value)) return undefined;
  // The asctime form names no zone, and V8 would read it in local time: every HTTP-date is GMT.
  const date = Date.parse(/\b(?:GMT|UTC)\b/i.test(value) ? value : `${value} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The decision after a failed attempt: retry after `waitMs`, or give up and report the failure. */
export type RetryDecision = { retry: true; waitMs: number } | { retry: false };

/**
 * Decides whether a failed attempt is retried, and after how long.
 * @param retryable - whether the policy retries this failure for this method
 * @param attempt - 0-based number of the attempt that failed
 * @param maxRetries - retries allowed after the first attempt
 * @param serverWaitMs - what `Retry-After` / `retry-after-ms` asked, if anything
 * @param msLeft - time left before the call's deadline (`Infinity` without one)
 */
export function decideRetry(
  retryable: boolean,
  attempt: number,
  maxRetries: number,
  serverWaitMs: number | undefined,
  msLeft: number,
): RetryDecision {
  // A server asking for longer than we honour is answered at once, retries left or not.
  if (!retryable || attempt >= maxRetries || (serverWaitMs ?? 0) > MAX_RETRY_AFTER_MS) return { retry: false };
  const waitMs = serverWaitMs ?? backoffMs(attempt);
  return waitMs >= msLeft ? { retry: false } : { retry: true, waitMs };
}

/**
 * Waits `ms`, or less when `signal` aborts first; it never rejects, the caller reads the signal.
 * No timer or listener is left behind either way.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
