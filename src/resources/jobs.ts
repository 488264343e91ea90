/** Jobs: status of the asynchronous work other calls start (refreshes, discovery, intelligence). */
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { path } from "../core/path";
import { maybe, model, num, openEnum, str, timestamp } from "../core/schemas";

/** Schema of {@link JobStatus}. */
export const JobStatusSchema = model({
  job_id: str,
  status: openEnum(["pending", "claimed", "running", "completed", "failed", "cancelled", "timed_out", "error"]),
  workflow_name: maybe(str),
  asset_id: maybe(str),
  progress: maybe(num),
  error: maybe(str),
  created_at: maybe(timestamp),
  completed_at: maybe(timestamp),
});
/**
 * An async job's state. 0.2.x returns the server's raw object, so beside `job_id` and `status` every key is
 * optional and unknown keys are kept. Statuses are open: newer servers also report `claimed`, `cancelled`,
 * `timed_out` and `error`.
 */
export interface JobStatus {
  /** Id of the job. */
  job_id: string;
  /** `pending`, `claimed`, `running`, `completed`, `failed`, `cancelled`, `timed_out` or `error`; newer values pass through. */
  status:
    "pending" | "claimed" | "running" | "completed" | "failed" | "cancelled" | "timed_out" | "error" | (string & {});
  /** Kind of work the job does. */
  workflow_name?: string | null | undefined;
  /** Asset the job works on. */
  asset_id?: string | null | undefined;
  /** Progress, 0–100. */
  progress?: number | null | undefined;
  /** Why the job failed. */
  error?: string | null | undefined;
  /** When the job was created (ISO-8601). */
  created_at?: string | null | undefined;
  /** When the job finished (ISO-8601). */
  completed_at?: string | null | undefined;
}

/** `client.jobs`: async job status. */
export class JobsResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * The current state of a job. `GET /sdk/jobs/{job_id}`
   * @param jobId - the id a refresh, discovery or generate call returned
   * @returns status, progress (0–100) and error, when any
   * @throws NotFoundError when the job does not exist
   */
  async status(jobId: string, options?: RequestOptions): Promise<JobStatus> {
    return this.transport.request({ method: "GET", path: path`/sdk/jobs/${jobId}`, schema: JobStatusSchema }, options);
  }
}
