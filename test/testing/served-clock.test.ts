/**
 * The sandbox clock a newcomer gets: manual in-process, wall time once served unless a mode was
 * chosen, and a job held by a manual clock says so to whoever polls it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import { TimeoutError } from "../../src/core/errors";
import { pollJob } from "../../src/query";
import { createSandbox, type Sandbox } from "../../src/testing";
import { serveSandbox, type SandboxServer } from "../../src/testing/server";

const TABLE = "snowflake.prod.marts.revenue_daily";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the sandbox's clock moved by itself over a short real wait. */
async function moves(sandbox: Sandbox): Promise<boolean> {
  const before = sandbox.clock.now().getTime();
  await sleep(60);
  return sandbox.clock.now().getTime() > before;
}

let server: SandboxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the sandbox clock when served", () => {
  it("should stand still in-process when no clock was chosen", async () => {
    expect(await moves(createSandbox())).toBe(false);
  });

  it("should follow wall time from where it stood once served, when no clock was chosen", async () => {
    const sandbox = createSandbox();
    sandbox.clock.advance({ hours: 2 });
    const before = sandbox.clock.now().getTime();
    server = await serveSandbox(sandbox);
    expect(await moves(sandbox)).toBe(true);
    // It goes on from the moved clock, not from the start or from the wall clock.
    expect(sandbox.clock.now().getTime() - before).toBeGreaterThan(0); // audit: a served clock runs in real time
    expect(sandbox.clock.now().getTime() - before).toBeLessThan(60_000);
    // reset() goes back to the start and keeps following wall time.
    sandbox.reset();
    expect(sandbox.clock.now().getTime()).toBeLessThan(before);
    expect(await moves(sandbox)).toBe(true);
  });

  it('should keep a clock chosen "manual" still when served', async () => {
    const sandbox = createSandbox({ clock: "manual" });
    server = await serveSandbox(sandbox);
    expect(await moves(sandbox)).toBe(false);
  });

  it("should refuse a clock mode it does not know", () => {
    expect(() => createSandbox({ clock: "wall" as "manual" })).toThrow(TypeError);
  });

  it("should finish a served job in real time, seen done by pollJob's default schedule soon after", async () => {
    const sandbox = createSandbox();
    server = await serveSandbox(sandbox);
    const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: server.url, maxRetries: 0 });
    const started = Date.now();
    const { job_id } = await client.freshness.refresh(TABLE);
    const seen: string[] = [];
    const job = await pollJob(client, job_id, { onProgress: (j) => seen.push(j.status) });
    expect(job.status).toBe("completed");
    expect(seen).toContain("running");
    // The sandbox's jobs take 5 s; the schedule's wait near 5 s is about a second.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(5_000);
  }, 30_000);
});

describe("a job waiting on a manual clock", () => {
  it("should say so in the job status while it waits, and no more once the clock moved", async () => {
    const sandbox = createSandbox();
    const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch });
    const { job_id } = await client.freshness.refresh(TABLE);
    const waiting = (await client.jobs.status(job_id)) as { message?: unknown };
    expect(waiting.message).toMatch(/sandbox clock is manual.*5 s.*sandbox\.clock\.advance/);
    sandbox.clock.advance({ seconds: 5 });
    const done = (await client.jobs.status(job_id)) as { status: string; message?: unknown };
    expect(done.status).toBe("completed");
    expect(done.message).toBeUndefined();
  });

  it("should not add the note under a realtime clock", async () => {
    const sandbox = createSandbox({ clock: "realtime" });
    const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch });
    const { job_id } = await client.freshness.refresh(TABLE);
    expect((await client.jobs.status(job_id)) as { message?: unknown }).not.toHaveProperty("message");
  });

  it("should name the manual clock in pollJob's TimeoutError, in-process and served", async () => {
    for (const served of [false, true]) {
      const sandbox = createSandbox({ clock: "manual" });
      server = served ? await serveSandbox(sandbox) : undefined;
      const client = new Client({
        apiKey: sandbox.keys.admin,
        apiUrl: server?.url ?? sandbox.url,
        fetch: served ? undefined : sandbox.fetch,
      });
      const { job_id } = await client.freshness.refresh(TABLE);
      const error = await pollJob(client, job_id, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toMatch(
        new RegExp(
          `^Job ${job_id} did not settle within 300 ms; last read: .*"status":"pending".*sandbox clock is manual`,
        ),
      );
      await server?.close();
      server = undefined;
    }
  });
});
