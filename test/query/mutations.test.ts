import { readFileSync } from "node:fs";
import { MutationObserver, type QueryKey } from "@tanstack/query-core";
import { describe, expect, it } from "vitest";
import { RESOURCES as CLIENT_RESOURCES, type ResourceName } from "../../src/client";
import { JobFailedError, ValidationError } from "../../src/core/errors";
import { armorKeys, armorMutations, armorQueries } from "../../src/query";
import { INVALIDATIONS } from "../../src/query/invalidation";
import { useRemote } from "../helpers/remote";
import { ASSET, lenient, makeQueryClient, runMutation as run, seeded } from "./fixtures";
import { freshnessOf, metricsOf } from "./stale-entries";

const remote = useRemote();

const RESOURCES = Object.keys(CLIENT_RESOURCES) as ResourceName[];

const A = ASSET;

// What the tests below expect invalidated, by the names of `everyKey` (the full table is in invalidation.test.ts).
const freshnessOfA = freshnessOf(A);
describe("armorMutations", () => {
  describe("invalidation", () => {
    it("should have one table line per write builder and one builder per table line", () => {
      const m = armorMutations(lenient(), makeQueryClient());
      const builders = Object.entries(m).flatMap(([resource, group]) =>
        Object.keys(group).map((method) => `${resource}.${method}`),
      );
      const lines = Object.entries(INVALIDATIONS).flatMap(([resource, group]) =>
        Object.keys(group).map((method) => `${resource}.${method}`),
      );
      expect(builders.sort()).toEqual(lines.sort());
      // Each line's reason is the comment right above it (comments cost no bundle bytes), in its resource's block.
      const table = readFileSync(new URL("../../src/query/invalidation.ts", import.meta.url), "utf8");
      expect(lines.length).toBe(46);
      for (const name of lines) {
        const [resource, method] = name.split(".") as [string, string];
        const block = table.slice(table.indexOf(`\n  ${resource}: {\n`)).split("\n  },")[0];
        expect(block, name).toMatch(new RegExp(`// [^\\n]{10,}\\n\\s*${method}: `));
      }
    });

    it("should cover every method of every resource, as a read option or a write", () => {
      const client = lenient();
      const q = armorQueries(client);
      const m = armorMutations(client, makeQueryClient());
      // The resources' private helpers (page fetchers, the alert-action helper) are not API methods.
      const internal = (n: string) => n === "constructor" || n === "act" || /page/i.test(n);
      expect(RESOURCES).toHaveLength(16);
      for (const resource of RESOURCES) {
        const proto = Object.getPrototypeOf(client[resource]) as object;
        const methods = Object.getOwnPropertyNames(proto).filter(
          (n) =>
            !internal(n) && typeof (proto as Record<string, unknown>)[n] === "function" && !n.startsWith("iterate"),
        );
        expect(methods.length, resource).not.toBe(0);
        const covered = [
          ...Object.keys((q as Record<string, object>)[resource] ?? {}),
          ...Object.keys((m as Record<string, object>)[resource] ?? {}),
        ];
        for (const method of methods) expect(covered, `${resource}.${method}`).toContain(method);
      }
    });

    it("should bind path ids when built and take the params object in mutate()", async () => {
      const { client, qc } = seeded();
      remote.reply(remote.data({ id: "m1" }));
      await run(qc, armorMutations(client, qc).metrics.update(A, "m 1"), { sensitivity: 2 });
      expect(remote.requests[0]).toMatchObject({
        method: "PATCH",
        path: `/sdk/metrics/${A}/m%201`,
        body: { sensitivity: 2 },
      });
    });

    it("should keep invalidating when the caller adds an onSuccess of its own", async () => {
      const { client, qc, invalidated } = seeded();
      remote.reply(remote.data({ id: "m1" }));
      let called = false;
      const options = { ...armorMutations(client, qc).metrics.delete(A, "m1"), onSuccess: () => void (called = true) };
      await new MutationObserver(qc, options).mutate();
      expect(called).toBe(true);
      expect(invalidated()).toEqual(metricsOf(A).sort());
    });

    it("should invalidate nothing when the write fails", async () => {
      const { client, qc, invalidated } = seeded();
      remote.reply(remote.error(403, "FORBIDDEN"));
      await expect(run(qc, armorMutations(client, qc).metrics.delete(A, "m1"), undefined)).rejects.toThrow();
      expect(invalidated()).toEqual([]);
    });
  });

  describe("writes that start a job", () => {
    it("should invalidate only once the job has completed", async () => {
      const { client, qc, invalidated } = seeded();
      const key = armorKeys(client).freshness.get(A);
      const staleWhenRead: boolean[] = [];
      const answer = (status: string) => () => {
        staleWhenRead.push(qc.getQueryState(key)!.isInvalidated);
        return remote.data({ job_id: "job-7", status });
      };
      remote.reply(answer("pending"), answer("running"), answer("running"), answer("completed"));
      await run(qc, armorMutations(client, qc).freshness.refresh(A, { intervalMs: 5 }), undefined);
      expect(remote.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST /sdk/freshness/${A}/refresh`,
        "GET /sdk/jobs/job-7",
        "GET /sdk/jobs/job-7",
        "GET /sdk/jobs/job-7",
      ]);
      expect(staleWhenRead).toEqual([false, false, false, false]);
      expect(invalidated()).toEqual([...freshnessOfA].sort());
    });

    it("should report the job's progress to onProgress while mutate() waits", async () => {
      const { client, qc } = seeded();
      remote.reply(
        remote.data({ job_id: "job-9", status: "pending" }),
        remote.data({ job_id: "job-9", status: "running", progress: 40 }),
        remote.data({ job_id: "job-9", status: "completed", progress: 100 }),
      );
      const seen: string[] = [];
      await run(
        qc,
        armorMutations(client, qc).freshness.refresh(A, {
          intervalMs: 1,
          onProgress: (job) => seen.push(`${job.status}:${job.progress ?? "-"}`),
        }),
        undefined,
      );
      expect(seen).toEqual(["running:40", "completed:100"]);
    });

    it("should fail with JobFailedError and invalidate nothing when the job fails", async () => {
      const { client, qc, invalidated } = seeded();
      remote.reply(
        remote.data({ job_id: "job-8", status: "pending" }),
        remote.data({ job_id: "job-8", status: "failed", error: "unreachable" }),
      );
      const error = await run(qc, armorMutations(client, qc).schema.refresh(A, { intervalMs: 1 }), undefined).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JobFailedError);
      expect(invalidated()).toEqual([]);
    });

    it("should refuse a wait that is not an object when the options are built, typed", () => {
      const m = armorMutations(lenient(), makeQueryClient());
      const build = () => m.freshness.refresh(A, 5 as never);
      expect(build).toThrow(ValidationError);
      expect(build).toThrow("wait must be an object");
    });
  });

  it("should key mutations by scope, resource, write and ids", () => {
    const client = lenient();
    const m = armorMutations(client, makeQueryClient());
    const key: QueryKey = m.metrics.update(A, "m1").mutationKey;
    expect(key).toEqual(["anomalyarmor", client.transport.scope, "metrics", "mutation", "update", A, "m1"]);
    expect(m.metrics.update(A, "m1").meta).toEqual({ write: "metrics.update" });
  });
});
