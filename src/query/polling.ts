/**
 * Polling: the one loop behind `pollJob` and `waitForFresh`, and the one definition of "settled" that
 * both the loop and the query options' `refetchInterval` read, so a script and a component agree on
 * when a job is done and when an asset is fresh.
 */
import type { RequestOptions } from "../core/config";
import { AbortError, JobFailedError, TimeoutError, ValidationError } from "../core/errors";
import type { FreshnessStatus } from "../resources/freshness";

/** Job states after which a job never changes again. */
export const JOB_TERMINAL_STATES: readonly string[] = ["completed", "failed", "cancelled", "timed_out", "error"];

/** The fields of a job status that polling reads. */
export interface JobLike {
  /** The job's id, when the status carries it. */
  job_id?: string | undefined;
  /** `pending`, `running`, `completed`, `failed`, …: settled on a terminal one. */
  status?: string | null | undefined;
  /** Why the job failed, when it did. */
  error?: string | null | undefined;
}

/**
 * Whether a job has reached a terminal state (`completed`, `failed`, `cancelled`, `timed_out`, `error`).
 * @param job - a job status as read
 */
export function isJobSettled(job: JobLike): boolean {
  // `includes` is false for anything but one of these strings, a missing or null status included.
  return JOB_TERMINAL_STATES.includes(job.status as string);
}

/**
 * Whether an asset counts as fresh, by the same rule as `freshness.requireFresh` (`docs/protocol.md` §3.3):
 * threshold = `max_age_hours`, else the asset's own threshold when set, else 24 h; stale when the
 * server says `is_stale` or the hours since the last update exceed the threshold.
 * @param status - a freshness status as read
 * @param max_age_hours - the threshold to hold the asset to
 */
export function isFreshSettled(status: FreshnessStatus, max_age_hours?: number): boolean {
  const threshold = max_age_hours ?? (status.staleness_threshold_hours || 24);
  const hours = status.hours_since_update;
  return status.is_stale !== true && !(typeof hours === "number" && hours > threshold);
}

/**
 * Milliseconds to wait after poll number `attempt` (0-based; below 0 counts as 0): `intervalMs`
 * exactly when given, else 1 s doubling up to 10 s.
 */
export function pollDelay(attempt: number, intervalMs?: number): number {
  if (intervalMs !== undefined) return intervalMs;
  return Math.min(2 ** Math.max(0, attempt), 10) * 1_000;
}

/** Options shared by `pollJob` and `waitForFresh`. */
export interface PollOptions {
  /** Milliseconds between polls, exactly. @default backoff from 1 s doubling to 10 s */
  intervalMs?: number | undefined;
  /** Give up after this many milliseconds with `TimeoutError`. @default undefined (wait as long as it takes) */
  timeoutMs?: number | undefined;
  /** Aborts the wait (and the read in flight) with `AbortError`. */
  signal?: AbortSignal | undefined;
}

/** Options of {@link pollJob}. */
export interface PollJobOptions<J = JobLike> extends PollOptions {
  /** Called with every status read, the last one included. */
  onProgress?: ((job: J) => void) | undefined;
}

/** Options of {@link waitForFresh}. */
export interface WaitForFreshOptions extends PollOptions {
  /** Threshold in hours; default: the asset's own threshold, else 24. */
  max_age_hours?: number | undefined;
  /** Called with every status read, the last one included. */
  onProgress?: ((status: FreshnessStatus) => void) | undefined;
}

/** The part of a client `pollJob` needs: anything with `jobs.status`. */
export interface JobsReader<J extends JobLike = JobLike> {
  /** Reads a job's status (`client.jobs`). */
  jobs: { status(jobId: string, options?: RequestOptions): Promise<J> };
}

/** The part of a client `waitForFresh` needs: anything with `freshness.get`. */
export interface FreshnessReader {
  /** Reads an asset's freshness (`client.freshness`). */
  freshness: { get(assetId: string, options?: RequestOptions): Promise<FreshnessStatus> };
}

/**
 * The reason this layer aborts its own controllers with (the poll's deadline, the page read's peek):
 * never a caller's, so an abort, or a refused request, carrying it is told apart from theirs.
 */
export const OWN_ABORT = Symbol("anomalyarmor.query.abort");

function checkMs(value: number | undefined, name: string, allowZero: boolean): void {
  // Number.isFinite is false for anything but a finite number, so one test covers type and range.
  if (value !== undefined && !(Number.isFinite(value) && (allowZero ? value >= 0 : value > 0))) {
    const message = `${name} must be a ${allowZero ? "non-negative" : "positive"} number of milliseconds`;
    throw new ValidationError(message, { issues: [{ path: name, message }] });
  }
}

/**
 * A controller of our own that follows `signal`: aborted with its reason as soon as `signal` aborts,
 * at once if it already has. `release` detaches it, so that no listener outlives the caller.
 */
export function follow(signal: AbortSignal | undefined): [controller: AbortController, release: () => void] {
  const controller = new AbortController();
  const forward = () => controller.abort(signal!.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener("abort", forward);
  return [controller, () => signal?.removeEventListener("abort", forward)];
}

/**
 * Reads until `settled` holds. One controller carries the caller's abort and the deadline into the
 * read in flight and into every wait, so nothing outlives the call: no timer, no listener.
 */
async function poll<T>(
  read: (options: RequestOptions) => Promise<T>,
  settled: (value: T) => boolean,
  options: PollOptions & { onProgress?: ((value: T) => void) | undefined },
  what: string,
): Promise<T> {
  const { intervalMs, timeoutMs, signal, onProgress } = options;
  checkMs(intervalMs, "intervalMs", true);
  checkMs(timeoutMs, "timeoutMs", false);

  // Aborted only by the deadline (reason OWN_ABORT) or by the caller's signal. Reads only listen to
  // it, so its `onabort` slot is left to the wait in progress, and dies with the call.
  const [controller, release] = follow(signal);
  const inner = controller.signal;
  const stopped = () =>
    inner.reason === OWN_ABORT
      ? new TimeoutError(`${what} did not settle within ${timeoutMs} ms`)
      : new AbortError("The poll was aborted", { cause: signal?.reason });
  const deadline = timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(OWN_ABORT), timeoutMs);

  try {
    for (let attempt = 0; !inner.aborted; attempt++) {
      let value: T;
      try {
        value = await read({ signal: inner });
      } catch (error) {
        throw inner.aborted ? stopped() : error;
      }
      onProgress?.(value);
      if (settled(value)) return value;
      if (!inner.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollDelay(attempt, intervalMs));
          // A stop cuts the wait short and takes its timer with it.
          inner.onabort = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
    throw stopped();
  } finally {
    clearTimeout(deadline);
    release();
  }
}

/**
 * Polls a job until it reaches a terminal state.
 * @param client - a `Client`, or anything with `jobs.status`
 * @param jobId - the job to watch (from `freshness.refresh`, `schema.refresh`, discovery, …)
 * @param options - `intervalMs` (exact; default backoff 1 s → 10 s), `timeoutMs`, `signal`, `onProgress`
 * @returns the final job status, when `completed`
 * @throws JobFailedError when the job ends `failed`, `cancelled`, `timed_out` or `error` (carrying `job`)
 * @throws TimeoutError when `timeoutMs` runs out; AbortError when `signal` aborts
 * @throws NotFoundError, or any error of `jobs.status`, when a read fails
 * @example
 * const { job_id } = await client.freshness.refresh("snowflake.prod.warehouse.orders");
 * await pollJob(client, job_id, { timeoutMs: 60_000, onProgress: (j) => console.log(j.progress) });
 */
export async function pollJob<J extends JobLike>(
  client: JobsReader<J>,
  jobId: string,
  options: PollJobOptions<J> = {},
): Promise<J> {
  const job = await poll((o) => client.jobs.status(jobId, o), isJobSettled, options, `Job ${jobId}`);
  if (job.status !== "completed")
    throw new JobFailedError({ ...job, job_id: job.job_id ?? jobId } as JobFailedError["job"]);
  return job;
}

/**
 * Polls an asset's freshness until it is fresh (by the `requireFresh` rule).
 * @param client - a `Client`, or anything with `freshness.get`
 * @param assetId - UUID or qualified name
 * @param options - `max_age_hours`, `intervalMs` (exact; default backoff 1 s → 10 s), `timeoutMs`, `signal`, `onProgress`
 * @returns the first fresh status read
 * @throws TimeoutError when `timeoutMs` runs out; AbortError when `signal` aborts
 * @throws NotFoundError, or any error of `freshness.get`, when a read fails
 * @example
 * await waitForFresh(client, "snowflake.prod.warehouse.orders", { max_age_hours: 6, timeoutMs: 15 * 60_000 });
 */
export async function waitForFresh(
  client: FreshnessReader,
  assetId: string,
  options: WaitForFreshOptions = {},
): Promise<FreshnessStatus> {
  const { max_age_hours } = options;
  return poll(
    (o) => client.freshness.get(assetId, o),
    (s) => isFreshSettled(s, max_age_hours),
    options,
    `Asset ${assetId}`,
  );
}

/** The part of a TanStack `Query` a `refetchInterval` function reads. */
export interface PolledQuery<T> {
  /** The query's state as query-core keeps it: the last data, the status and how often data arrived. */
  state: { data: T | undefined; status: "pending" | "error" | "success"; dataUpdateCount: number };
}
