import { describe, expect, it } from "vitest";
import { JobsResource } from "../../src/resources/jobs";
import { errorMatrix, ODD_ID, ODD_SEGMENT, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

describe("JobsResource", () => {
  const remote = useRemote();
  const jobs = new JobsResource(transport());

  describe("status", () => {
    it("should GET the job and keep every documented key", async () => {
      const job = {
        job_id: "job_abc123",
        status: "running",
        workflow_name: "freshness_check",
        asset_id: "a1",
        progress: 40,
        error: null,
        created_at: "2026-01-15T12:00:00Z",
        completed_at: null,
      };
      remote.reply(remote.data(job));
      const s = await jobs.status("job_abc123");
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/jobs/job_abc123",
        search: "",
        bodyText: "",
      });
      expect(s).toEqual(job);
    });

    it("should accept statuses beyond the seed's and keep unknown keys", async () => {
      for (const status of ["pending", "claimed", "completed", "failed", "cancelled", "timed_out", "error", "paused"]) {
        remote.reply(remote.data({ job_id: "j", status, attempt: 2 }));
        expect(await jobs.status("j")).toEqual({ job_id: "j", status, attempt: 2 });
      }
    });

    it("should encode the id as one segment", async () => {
      remote.reply(remote.data({ job_id: "j", status: "pending" }));
      await jobs.status(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/jobs/${ODD_SEGMENT}`);
    });

    it("should refuse reserved ids before sending", async () => {
      await rejectsBeforeSending(remote, () => jobs.status(""));
      await rejectsBeforeSending(remote, () => jobs.status("."));
      await rejectsBeforeSending(remote, () => jobs.status(42 as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { job_id: "j" } }, () => jobs.status("j"));
      await rejectsBody(remote, { data: { job_id: "j", status: "running", progress: "40%" } }, () => jobs.status("j"));
    });
  });

  errorMatrix(remote, () => jobs.status("job_abc123"));
});
