/**
 * Polling: the one loop behind `pollJob` and `waitForFresh`, and the one definition of "settled" that
 * both the loop and the query options' `refetchInterval` read, so a script and a component agree on
 * when a job is done and when an asset is fresh.
 */
import type { RequestOptions } from "../core/config";
import { checkDuration, invalid, readOptions } from "../core/check";
import { AbortError, JobFailedError, TimeoutError } from "../core/errors";
import { staleThreshold, type FreshnessStatus } from "../resources/freshness";

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
 * Whether an asset counts as fresh: by `staleThreshold`, the rule `freshness.requireFresh` and the
 * freshness gate apply.
 * @param status - a freshness status as read
 * @param max_age_hours - the threshold to hold the asset to
 */
export function isFreshSettled(status: FreshnessStatus, max_age_hours?: number): boolean {
  return staleThreshold(status, max_age_hours) === undefined;
}

/**
 * Milliseconds to wait after poll number `attempt` (0-based; below 0 counts as 0): `intervalMs`
 * exactly when given, else 200 ms growing by a fifth per poll up to 5 s. The wait stays near a fifth
 * of the time already spent, so a job is seen done soon after it finishes (a 3 s job by 3.3 s) and a
 * long one costs about twelve reads a minute.
 */
export function pollDelay(attempt: number, intervalMs?: number): number {
  return intervalMs ?? Math.min(200 * 1.2 ** Math.max(0, attempt), 5_000);
}

/** How long `pollJob` and `waitForFresh` wait when not given `timeoutMs`: five minutes. */
export const DEFAULT_POLL_TIMEOUT_MS = 5 * 60_000;

/** Options shared by `pollJob` and `waitForFresh`. */
export interface PollOptions {
  /** Milliseconds between polls, exactly. @default 200 ms, growing by a fifth per poll to 5 s */
  intervalMs?: number | undefined;
  /** Give up after this many milliseconds with `TimeoutError`. @default 300000 (five minutes) */
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
 * never a caller's, so an abort, or a refused request, carrying it is told apart from theirs. (No
 * description: the query layer's size budget counts every byte, and nothing prints it.)
 */
export const OWN_ABORT = Symbol();

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
 * read in flight and into every wait, so nothing outlives the call: no timer, no listener. A timeout
 * says what the last read saw, so a wait that cannot end tells why rather than only how long.
 */
async function poll<T>(
  read: (options: RequestOptions) => Promise<T>,
  settled: (value: T) => boolean,
  options: PollOptions & { onProgress?: ((value: T) => void) | undefined },
  what: string,
): Promise<T> {
  const { intervalMs, timeoutMs = DEFAULT_POLL_TIMEOUT_MS, signal, onProgress } = options;
  checkDuration(intervalMs, "intervalMs", false);
  checkDuration(timeoutMs, "timeoutMs", true);

  // Aborted only by the deadline (reason OWN_ABORT) or by the caller's signal. Reads only listen to
  // it, so its `onabort` slot is left to the wait in progress, and dies with the call.
  const [controller, release] = follow(signal);
  const inner = controller.signal;
  let last: Record<string, unknown> | undefined;
  const stopped = () =>
    inner.reason === OWN_ABORT
      ? new TimeoutError(
          // The last read says why the wait did not end (a sandbox explains a job held by its manual
          // clock in the job's `message`). Server text may echo a credential: the error redacts its
          // message, as every ArmorError does.
          `${what} did not settle within ${timeoutMs} ms` + (last ? `; last read: ${JSON.stringify(last)}` : ""),
        )
      : new AbortError("The poll was aborted", { cause: signal?.reason });
  const deadline = setTimeout(() => controller.abort(OWN_ABORT), timeoutMs);

  try {
    for (let attempt = 0; !inner.aborted; attempt++) {
      let value: T;
      try {
        value = await read({ signal: inner });
      } catch (error) {
        throw inner.aborted ? stopped() : error;
      }
      last = value as Record<string, unknown>;
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
 * @param options - `intervalMs` (exact; default 200 ms growing to 5 s), `timeoutMs` (default 5 minutes), `signal`, `onProgress`
 * @returns the final job status, when `completed`
 * @throws JobFailedError when the job ends `failed`, `cancelled`, `timed_out` or `error` (carrying `job`)
 * @throws TimeoutError when `timeoutMs` runs out, its message holding the last status read (with the
 *   server's note on the job, such as a sandbox's manual clock); AbortError when `signal` aborts
 * @throws NotFoundError, or any error of `jobs.status`, when a read fails
 * @example
 * const { job_id } = await client.freshness.refresh("snowflake.prod.warehouse.orders");
 * await pollJob(client, job_id, { timeoutMs: 60_000, onProgress: (j) => console.log(j.progress) });
 */
export async function pollJob<J extends JobLike>(
  client: JobsReader<J>,
  jobId: string,
  options?: PollJobOptions<J>,
): Promise<J> {
  const status = methodOf<JobsReader<J>["jobs"]["status"]>(client, "jobs", "status");
  const job = await poll((o) => status(jobId, o), isJobSettled, readOptions(options), `Job ${jobId}`);
  if (job.status !== "completed")
    throw new JobFailedError({ ...job, job_id: job.job_id ?? jobId } as JobFailedError["job"]);
  return job;
}

/**
 * Polls an asset's freshness until it is fresh (by the `requireFresh` rule).
 * @param client - a `Client`, or anything with `freshness.get`
 * @param assetId - UUID or qualified name
 * @param options - `max_age_hours`, `intervalMs` (exact; default 200 ms growing to 5 s), `timeoutMs` (default 5 minutes), `signal`, `onProgress`
 * @returns the first fresh status read
 * @throws ValidationError for a bad `max_age_hours`, `intervalMs` or `timeoutMs` (nothing is read)
 * @throws TimeoutError when `timeoutMs` runs out, its message holding the last status read; AbortError when `signal` aborts
 * @throws NotFoundError, or any error of `freshness.get`, when a read fails
 * @example
 * await waitForFresh(client, "snowflake.prod.warehouse.orders", { max_age_hours: 6, timeoutMs: 15 * 60_000 });
 */
export async function waitForFresh(
  client: FreshnessReader,
  assetId: string,
  options?: WaitForFreshOptions,
): Promise<FreshnessStatus> {
  const get = methodOf<FreshnessReader["freshness"]["get"]>(client, "freshness", "get");
  const read = readOptions(options);
  const { max_age_hours } = read;
  checkDuration(max_age_hours, "max_age_hours", false, "hours");
  return poll(
    (o) => get(assetId, o),
    (s) => isFreshSettled(s, max_age_hours),
    read,
    `Asset ${assetId}`,
  );
}

/**
 * `client[resource][name]`, bound to its resource, read once before the first poll: anything that is
 * not such a client is refused typed (its own error, which may quote anything, is not passed on).
 */
function methodOf<F>(client: unknown, resource: string, name: string): F {
  try {
    const api = (client as Record<string, Record<string, unknown>>)[resource];
    const fn = api?.[name];
    if (typeof fn === "function") return fn.bind(api) as F;
  } catch {
    // refused below
  }
  return invalid(`client must have ${resource}.${name}()`, "client");
}

/** The part of a TanStack `Query` a `refetchInterval` function reads. */
export interface PolledQuery<T> {
  /** The query's state as query-core keeps it: the last data, the status and how often data arrived. */
  state: { data: T | undefined; status: "pending" | "error" | "success"; dataUpdateCount: number };
}
