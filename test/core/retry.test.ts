/**
 * The retry policy as a table (docs/protocol.md): which method × status is retried, the backoff
 * schedule, how `Retry-After` is read, and when a retry is given up. Expected values are written out
 * here, never computed by the code under test.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  IDEMPOTENT_RETRY,
  MAX_RETRY_AFTER_MS,
  POST_RETRY,
  backoffMs,
  decideRetry,
  retryAfterMs,
  retryableFailure,
  retryableStatus,
  sleep,
} from "../../src/core/retry";

/** The oracle: statuses retried, per method. Every other status in 100–599 is not. */
const RETRIED: Record<string, readonly number[]> = {
  GET: [408, 429, 500, 502, 503, 504],
  PUT: [408, 429, 500, 502, 503, 504],
  PATCH: [408, 429, 500, 502, 503, 504],
  DELETE: [408, 429, 500, 502, 503, 504],
  POST: [429, 503],
};
const STATUSES = Array.from({ length: 500 }, (_, i) => 100 + i);

describe("retry table: method × status", () => {
  const rows = Object.entries(RETRIED).flatMap(([method, retried]) =>
    STATUSES.map((status) => [method, status, retried.includes(status)] as const),
  );

  it("should have a row for every method and status from 100 to 599", () => {
    expect(rows).toHaveLength(5 * 500);
  });

  it.each(rows.filter(([, , retried]) => retried))("should retry %s answered %i", (method, status) => {
    expect(retryableStatus(method, status)).toBe(true);
  });

  it.each(Object.keys(RETRIED))("should retry nothing else for %s", (method) => {
    const retriedHere = STATUSES.filter((status) => retryableStatus(method, status));
    expect(retriedHere).toEqual(RETRIED[method]);
  });

  it("meta: every line of the policy's tables has a test row", () => {
    expect([...IDEMPOTENT_RETRY].sort()).toEqual([...RETRIED.GET!]);
    expect([...POST_RETRY].sort()).toEqual([...RETRIED.POST!]);
    for (const method of ["GET", "PUT", "PATCH", "DELETE"]) expect(RETRIED[method]).toEqual([...IDEMPOTENT_RETRY]);
  });

  it("should retry a failed connection or attempt timeout except for POST", () => {
    expect(["GET", "PUT", "PATCH", "DELETE", "POST"].map(retryableFailure)).toEqual([true, true, true, true, false]);
  });
});

describe("backoffMs", () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 8000],
    [12, 8000],
  ])("should wait the full base before retry %i with no jitter", (attempt, expected) => {
    expect(backoffMs(attempt, 0)).toBe(expected);
  });

  it.each([
    [0, 0.5, 438],
    [0, 1, 375],
    [3, 0.25, 3750],
    [5, 1, 6000],
  ])("should take at most a quarter off as jitter (attempt %i, random %d)", (attempt, random, expected) => {
    expect(backoffMs(attempt, random)).toBe(expected);
  });

  it("should jitter with Math.random by default, within 75–100 % of the base", () => {
    const waits = Array.from({ length: 50 }, () => backoffMs(1));
    expect(waits.length).toBe(50);
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(750);
      expect(w).toBeLessThanOrEqual(1000);
    }
    expect(new Set(waits).size).toBeGreaterThan(1);
  });
});

describe("retryAfterMs", () => {
  const NOW = Date.UTC(2026, 9, 21, 7, 28, 0);
  const read = (headers: Record<string, string>) => retryAfterMs(new Headers(headers), NOW);

  it.each([
    [{ "retry-after-ms": "1500" }, 1500],
    [{ "retry-after-ms": "0" }, 0],
    [{ "retry-after-ms": "2.5" }, 2.5],
    [{ "retry-after-ms": "1500", "retry-after": "9" }, 1500],
    [{ "retry-after-ms": "", "retry-after": "9" }, 9000],
    [{ "retry-after-ms": "   ", "retry-after": "9" }, 9000],
    [{ "retry-after-ms": "soon", "retry-after": "9" }, 9000],
    [{ "retry-after-ms": "-1", "retry-after": "9" }, 9000],
    [{ "retry-after-ms": "Infinity", "retry-after": "9" }, 9000],
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "0" }, 0],
    [{ "retry-after": "1.5" }, 1500],
    [{ "retry-after": "1.25" }, 1250],
    [{ "retry-after": " 3 " }, 3000],
    [{ "retry-after": "Wed, 21 Oct 2026 07:28:05 GMT" }, 5000],
    [{ "retry-after": "Wed, 21 Oct 2026 07:27:00 GMT" }, 0],
    [{ "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" }, 0],
    [{ "retry-after": "Wednesday, 21-Oct-26 07:28:05 GMT" }, 5000],
  ])("should read %j as %i ms", (headers, expected) => {
    expect(read(headers)).toBe(expected);
  });

  it.each([
    [{}],
    [{ "retry-after": "" }],
    [{ "retry-after": "  " }],
    [{ "retry-after": "later" }],
    [{ "retry-after": "x5" }],
    [{ "retry-after": "5x" }],
    // Not HTTP-dates, though V8's Date.parse reads each as one in the past (an immediate retry).
    [{ "retry-after": "-3" }],
    [{ "retry-after": "1.5.2" }],
    [{ "retry-after": "2026-10-21" }],
    [{ "retry-after": "10/21/2026" }],
    // An HTTP-date opens with its weekday: a date without one is not an HTTP-date either.
    [{ "retry-after": "21 Oct 2026 07:28:05 GMT" }],
    // Nor does one with something glued before the weekday, though V8 reads this one as a date.
    [{ "retry-after": "-Wed, 21 Oct 2026 07:28:05 GMT" }],
  ])("should find no wait in %j", (headers) => {
    expect(read(headers)).toBeUndefined();
  });

  it("should read all three HTTP-date forms as GMT in any local time zone (asctime names no zone)", () => {
    const zone = process.env.TZ;
    const forms = ["Wed, 21 Oct 2026 07:28:05 GMT", "Wednesday, 21-Oct-26 07:28:05 GMT", "Wed Oct 21 07:28:05 2026"];
    try {
      for (const tz of ["Asia/Tokyo", "America/New_York", "UTC"]) {
        // Node reads TZ again on assignment.
        process.env.TZ = tz;
        expect(
          forms.map((f) => read({ "retry-after": f })),
          tz,
        ).toEqual([5000, 5000, 5000]);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("should measure an HTTP date from the current time by default", () => {
    vi.useFakeTimers({ now: NOW });
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 21 Oct 2026 07:28:10 GMT" }))).toBe(10_000);
  });

  afterEach(() => {
    vi.useRealTimers();
  });
});

describe("decideRetry", () => {
  it("should cap the server's wait at one minute", () => {
    expect(MAX_RETRY_AFTER_MS).toBe(60_000);
  });

  it.each([
    ["not retryable", false, 0, 2, undefined, Infinity, { retry: false }],
    ["no retries left", true, 2, 2, 100, Infinity, { retry: false }],
    ["past the retries", true, 3, 2, 100, Infinity, { retry: false }],
    ["a retry left", true, 1, 2, 100, Infinity, { retry: true, waitMs: 100 }],
    ["a server wait of zero", true, 0, 2, 0, Infinity, { retry: true, waitMs: 0 }],
    ["the longest server wait honoured", true, 0, 2, 60_000, Infinity, { retry: true, waitMs: 60_000 }],
    ["a server wait past the cap", true, 0, 2, 60_001, Infinity, { retry: false }],
    ["a server wait past the cap, retries spent", true, 2, 2, 60_001, Infinity, { retry: false }],
    ["a wait that ends at the deadline", true, 0, 2, 1000, 1000, { retry: false }],
    ["a wait past the deadline", true, 0, 2, 1000, 999, { retry: false }],
    ["a wait just inside the deadline", true, 0, 2, 1000, 1001, { retry: true, waitMs: 1000 }],
  ] as const)("should decide on %s", (_, retryable, attempt, maxRetries, serverWaitMs, msLeft, expected) => {
    expect(decideRetry(retryable, attempt, maxRetries, serverWaitMs, msLeft)).toEqual(expected);
  });

  it("should back off by the schedule when the server asks for nothing", () => {
    const first = decideRetry(true, 0, 3, undefined, Infinity);
    const third = decideRetry(true, 2, 3, undefined, Infinity);
    expect(first.retry && third.retry).toBe(true);
    if (!first.retry || !third.retry) return;
    expect(first.waitMs).toBeGreaterThanOrEqual(375);
    expect(first.waitMs).toBeLessThanOrEqual(500);
    expect(third.waitMs).toBeGreaterThanOrEqual(1500);
    expect(third.waitMs).toBeLessThanOrEqual(2000);
  });

  it("should give up when even the backoff would pass the deadline", () => {
    expect(decideRetry(true, 4, 5, undefined, 5000)).toEqual({ retry: false });
  });
});

describe("sleep", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("should resolve after the wait and leave no timer or listener", async () => {
    vi.useFakeTimers();
    const signal = new AbortController().signal;
    const removed = vi.spyOn(signal, "removeEventListener");
    let done = false;
    const waiting = sleep(1000, signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(removed).toHaveBeenCalledWith("abort", expect.any(Function));
  });

  it("should resolve at once on an abort mid-wait and clear its timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let done = false;
    const waiting = sleep(60_000, controller.signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await waiting;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("should not wait at all on a signal already aborted", async () => {
    vi.useFakeTimers();
    const signal = AbortSignal.abort();
    const added = vi.spyOn(signal, "addEventListener");
    await sleep(60_000, signal);
    expect(vi.getTimerCount()).toBe(0);
    expect(added).not.toHaveBeenCalled();
  });
});
