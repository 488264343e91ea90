/**
 * The sandbox's notion of "now". A manual clock only moves when a test moves it, so freshness and job
 * progress are reproducible; a realtime clock follows wall time from `start` (for a served sandbox) and
 * can still be pushed forward. A clock nobody chose a mode for is manual in-process and turns realtime
 * when the sandbox is served, where nobody is there to move it.
 */

/** How far to move a clock. Every field is optional and may be fractional. */
export interface ClockAdvance {
  /** Days to add. */
  days?: number;
  /** Hours to add. */
  hours?: number;
  /** Minutes to add. */
  minutes?: number;
  /** Seconds to add. */
  seconds?: number;
}

/** The sandbox clock. */
export interface SandboxClock {
  /** The current sandbox time. */
  now(): Date;
  /** Moves the clock forward (a negative amount moves it back). */
  advance(by: ClockAdvance): void;
  /** Puts the clock at a given instant (ISO string, epoch ms or Date). */
  set(date: Date | string | number): void;
}

/** A clock plus what the sandbox needs internally. */
export interface InternalClock extends SandboxClock {
  /** The current sandbox time in epoch milliseconds. */
  nowMs(): number;
  /** The current sandbox time as an ISO-8601 string with `Z`. */
  iso(): string;
  /** Puts the clock back at `start`. */
  reset(): void;
  /** Whether the clock moves only when told (`manual`) or with wall time (`realtime`). */
  mode(): "manual" | "realtime";
  /** The sandbox is being served: a clock whose mode was not chosen follows wall time from its current instant on. */
  serve(): void;
}

/**
 * Where a sandbox keeps what `serveSandbox` calls on it (the clock's `serve`). A registered symbol, so a
 * sandbox made by one copy of the package (ESM) is recognised by the server of another (CJS), and not
 * a public name: being served is not something a user calls.
 */
export const ON_SERVE: unique symbol = Symbol.for("anomalyarmor.sandbox.serve") as never;

/** Parses a date the way every clock entry point accepts it. */
export function toMs(date: Date | string | number): number {
  const ms = date instanceof Date ? date.getTime() : typeof date === "number" ? date : Date.parse(date);
  if (!Number.isFinite(ms)) throw new TypeError(`Invalid date: ${String(date)}`);
  return ms;
}

/**
 * Creates a clock.
 * @param mode - `manual` (moves only when told), `realtime` (follows wall time from `start`), or
 *   `undefined`: manual until {@link InternalClock.serve} turns it realtime
 * @param start - the instant the clock starts at
 */
export function createClock(mode: "manual" | "realtime" | undefined, start: Date | string | number): InternalClock {
  const startMs = toMs(start);
  let realtime = mode === "realtime";
  // `offset` is sandbox time minus the reference (wall time for realtime, zero for manual).
  const reference = () => (realtime ? Date.now() : 0);
  let offset = startMs - reference();
  const nowMs = () => reference() + offset;
  return {
    now: () => new Date(nowMs()),
    nowMs,
    iso: () => new Date(nowMs()).toISOString(),
    advance(by: ClockAdvance) {
      const ms = (((by.days ?? 0) * 24 + (by.hours ?? 0)) * 60 + (by.minutes ?? 0)) * 60_000 + (by.seconds ?? 0) * 1000;
      if (!Number.isFinite(ms)) throw new TypeError("clock.advance needs finite numbers");
      offset += ms;
    },
    set(date) {
      offset = toMs(date) - reference();
    },
    reset() {
      offset = startMs - reference();
    },
    mode: () => (realtime ? "realtime" : "manual"),
    serve() {
      if (mode !== undefined || realtime) return;
      const now = nowMs();
      realtime = true;
      offset = now - reference();
    },
  };
}
