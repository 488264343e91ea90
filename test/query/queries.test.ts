import {
  dehydrate,
  environmentManager,
  hydrate,
  InfiniteQueryObserver,
  isServer,
  QueryObserver,
} from "@tanstack/query-core";
import { HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, NotFoundError, ServerError, ValidationError } from "../../src/core/errors";
import { armorKeys, armorQueries } from "../../src/query";
import { KEY, useRemote } from "../helpers/remote";
import { asset, ASSET, freshness, makeClient, makeQueryClient, OTHER_KEY } from "./fixtures";

const remote = useRemote();

function settle<T>(observer: { subscribe(l: (r: T) => void): () => void }, done: (r: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = observer.subscribe((r) => {
      if (done(r)) {
        off();
        resolve(r);
      }
    });
  });
}

describe("armorQueries", () => {
  describe("reads", () => {
    it("should make one request for concurrent identical reads", async () => {
      const client = makeClient();
      const q = armorQueries(client);
      const qc = makeQueryClient();
      remote.reply(remote.data(freshness()));
      const results = await Promise.all([
        qc.fetchQuery(q.freshness.get(ASSET)),
        qc.fetchQuery(q.freshness.get(ASSET)),
        qc.ensureQueryData(q.freshness.get(ASSET)),
      ]);
      expect(remote.requests).toHaveLength(1);
      expect(results[0]).toBe(results[1]);
      expect(results[0]).toMatchObject({ qualified_name: ASSET, is_fresh: true });
    });

    it("should make no request for a cached read within staleTime, and refetch once it is stale", async () => {
      const q = armorQueries(makeClient());
      const qc = makeQueryClient();
      const options = q.assets.get(ASSET);
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        const start = Date.now();
        remote.reply(remote.data(asset()));
        await qc.fetchQuery(options);
        vi.setSystemTime(start + options.staleTime - 1);
        await qc.fetchQuery(q.assets.get(ASSET));
        expect(remote.requests).toHaveLength(1);
        vi.setSystemTime(start + options.staleTime + 1);
        await qc.fetchQuery(q.assets.get(ASSET));
        expect(remote.requests).toHaveLength(2);
      } finally {
        vi.useRealTimers();
      }
    });

    it("should cache under the key armorKeys gives, so getQueryData reads the model", async () => {
      const client = makeClient();
      const qc = makeQueryClient();
      remote.reply(remote.data(asset()));
      const fetched = await qc.fetchQuery(armorQueries(client).assets.get(ASSET));
      expect(qc.getQueryData(armorKeys(client).assets.get(ASSET))).toBe(fetched);
    });

    it("should send the call the options stand for", async () => {
      const q = armorQueries(makeClient());
      const qc = makeQueryClient();
      remote.reply(remote.data({ items: [] }));
      await qc.fetchQuery(q.metrics.snapshots(ASSET, "m-1", { limit: 10 }));
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: `/sdk/metrics/${ASSET}/m-1/snapshots`,
        search: "limit=10&offset=0",
      });
    });

    it("should pass TanStack's signal to the request", async () => {
      const q = armorQueries(makeClient());
      const controller = new AbortController();
      controller.abort("unmounted");
      const error = await q.assets
        .get(ASSET)
        .queryFn({ signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).cause).toBe("unmounted");
      expect(remote.requests).toHaveLength(0);
    });

    it("should abort the request in flight when the query is cancelled", async () => {
      const q = armorQueries(makeClient());
      const qc = makeQueryClient();
      let seen: AbortSignal | undefined;
      remote.reply(async (req) => {
        seen = req.signal;
        await new Promise((r) => setTimeout(r, 200));
        return HttpResponse.json({ data: asset() });
      });
      const pending = qc.fetchQuery(q.assets.get(ASSET)).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 20));
      await qc.cancelQueries({ queryKey: q.assets.get(ASSET).queryKey });
      await pending;
      expect(seen?.aborted).toBe(true);
    });

    it("should give every resource a positive staleTime, shorter for jobs and freshness than for the catalogue", () => {
      const q = armorQueries(makeClient());
      const jobs = q.jobs.status("j").staleTime;
      const fresh = q.freshness.get(ASSET).staleTime;
      const catalogue = q.assets.get(ASSET).staleTime;
      expect([jobs, fresh, catalogue, q.lineage.list().staleTime, q.metrics.summary(ASSET).staleTime]).toEqual([
        1_000, 30_000, 300_000, 300_000, 60_000,
      ]);
      expect(jobs).toBeLessThan(catalogue);
      expect(fresh).toBeLessThan(catalogue);
    });
  });

  describe("polled freshness", () => {
    it("should refuse a threshold that could never be met before any read, as waitForFresh does", () => {
      const q = armorQueries(makeClient());
      for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, "6"]) {
        let thrown: unknown;
        try {
          q.freshness.get(ASSET, { poll: { max_age_hours: bad as number } });
        } catch (error) {
          thrown = error;
        }
        expect(thrown, String(bad)).toBeInstanceOf(ValidationError);
        expect((thrown as ValidationError).issues).toEqual([
          { path: "max_age_hours", message: "max_age_hours must be a non-negative number of hours" },
        ]);
      }
      expect(remote.requests).toHaveLength(0);
      // A valid threshold, and none, still build the polled options.
      expect(typeof q.freshness.get(ASSET, { poll: { max_age_hours: 0 } }).refetchInterval).toBe("function");
      expect(typeof q.freshness.get(ASSET, { poll: true }).refetchInterval).toBe("function");
    });
  });

  describe("retry", () => {
    // query-core treats Node as a server, where it never retries: switch to client mode, where its
    // default is 3 retries, so the test shows ours.
    beforeEach(() => environmentManager.setIsServer(() => false));
    afterEach(() => environmentManager.setIsServer(() => isServer));

    it("should add no retry to the SDK's own: 1 + maxRetries requests for a retryable failure", async () => {
      const q = armorQueries(makeClient({ maxRetries: 1 }));
      const qc = makeQueryClient();
      qc.setDefaultOptions({ queries: { gcTime: Infinity, retryDelay: 0 } });
      remote.reply(remote.error(503, "UNAVAILABLE"));
      const observer = new QueryObserver(qc, q.assets.get(ASSET));
      const result = await settle(observer, (r) => r.status === "error");
      expect(result.error).toBeInstanceOf(ServerError);
      expect(result.failureCount).toBe(1);
      expect(remote.requests).toHaveLength(2);
    });

    it("should never retry a failure the SDK does not retry", async () => {
      const q = armorQueries(makeClient({ maxRetries: 2 }));
      const qc = makeQueryClient();
      qc.setDefaultOptions({ queries: { gcTime: Infinity, retryDelay: 0 } });
      remote.reply(remote.error(404, "ASSET_NOT_FOUND"));
      const result = await settle(new QueryObserver(qc, q.assets.get(ASSET)), (r) => r.status === "error");
      expect(result.error).toBeInstanceOf(NotFoundError);
      expect(remote.requests).toHaveLength(1);
    });
  });

  describe("infinite", () => {
    const rows = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => asset(`s.d.t.t${from + i}`, `id-${from + i}`));

    it("should read offset/limit pages from 0 and stop on a short page", async () => {
      const q = armorQueries(makeClient());
      const qc = makeQueryClient();
      remote.reply(
        remote.data({ data: rows(0, 2) }),
        remote.data({ data: rows(2, 2) }),
        remote.data({ data: rows(4, 1) }),
      );
      const observer = new InfiniteQueryObserver(qc, q.assets.infinite({ limit: 2, source: "snowflake" }));
      await settle(observer, (r) => r.status === "success");
      await observer.fetchNextPage();
      const last = await observer.fetchNextPage();
      expect(last.data?.pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(last.hasNextPage).toBe(false);
      expect(remote.requests.map((r) => r.search)).toEqual([
        "limit=2&offset=0&source=snowflake",
        "limit=2&offset=2&source=snowflake",
        "limit=2&offset=4&source=snowflake",
      ]);
    });

    it("should stop where the server says has_more: false, without reading an empty page", async () => {
      const q = armorQueries(makeClient());
      const qc = makeQueryClient();
      remote.reply(remote.data({ data: rows(0, 2), pagination: { has_more: false } }));
      const data = await qc.fetchInfiniteQuery(q.assets.infinite({ limit: 2 }));
      expect(data.pages).toEqual([{ items: expect.any(Array), offset: 0, has_more: false }]);
      const observer = new InfiniteQueryObserver(qc, q.assets.infinite({ limit: 2 }));
      expect(observer.getCurrentResult().hasNextPage).toBe(false);
      expect(remote.requests).toHaveLength(1);
    });

    it("should offer a next page after a full page the server says nothing about, with one request per page", async () => {
      const q = armorQueries(makeClient());
      const qc = makeQueryClient();
      remote.reply(remote.data({ data: rows(0, 2) }));
      const data = await qc.fetchInfiniteQuery(q.assets.infinite({ limit: 2 }));
      expect(data.pages[0]).toMatchObject({ offset: 0, has_more: true });
      expect(remote.requests).toHaveLength(1);
    });

    it("should use the endpoint's default page size when no limit is given", async () => {
      const q = armorQueries(makeClient());
      const qc = makeQueryClient();
      remote.reply(remote.data({ items: [] }), remote.data({ tags: [] }));
      await qc.fetchInfiniteQuery(q.metrics.infinite(ASSET));
      await qc.fetchInfiniteQuery(q.tags.infinite({ asset: ASSET }));
      expect(remote.requests[0]!.search).toBe("limit=50&offset=0");
      expect(remote.requests[1]!.search).toContain("limit=100&offset=0");
    });
  });

  describe("isolation", () => {
    it("should never show one client's data to another client sharing the QueryClient", async () => {
      const a = armorQueries(makeClient());
      const b = armorQueries(makeClient({ apiKey: OTHER_KEY }));
      const qc = makeQueryClient();
      remote.reply((req) =>
        HttpResponse.json({
          data: freshness({
            status: req.headers.get("authorization") === `Bearer ${KEY}` ? "fresh" : "stale",
            is_stale: req.headers.get("authorization") !== `Bearer ${KEY}`,
          }),
        }),
      );
      const fromA = await qc.fetchQuery(a.freshness.get(ASSET));
      const fromB = await qc.fetchQuery(b.freshness.get(ASSET));
      expect(remote.requests).toHaveLength(2);
      expect(fromA.status).toBe("fresh");
      expect(fromB.status).toBe("stale");
      expect(qc.getQueryData(a.freshness.get(ASSET).queryKey)?.status).toBe("fresh");
      expect(qc.getQueryData(b.freshness.get(ASSET).queryKey)?.status).toBe("stale");
      await qc.invalidateQueries({ queryKey: armorKeys(makeClient()).all });
      expect(qc.getQueryState(a.freshness.get(ASSET).queryKey)?.isInvalidated).toBe(true);
      expect(qc.getQueryState(b.freshness.get(ASSET).queryKey)?.isInvalidated).toBe(false);
    });
  });

  describe("dehydrate → JSON → hydrate", () => {
    it("should round-trip models, lists and infinite pages into another QueryClient", async () => {
      const client = makeClient();
      const q = armorQueries(client);
      const qc = makeQueryClient();
      remote.reply(
        remote.data(freshness()),
        remote.data({ data: [asset(), asset("snowflake.prod.warehouse.items", "id-2")] }),
        remote.data({ data: [asset()], pagination: { has_more: false } }),
        remote.data({ job_id: "job-1", status: "completed", progress: 100, completed_at: "2026-01-15T12:00:05Z" }),
      );
      await qc.fetchQuery(q.freshness.get(ASSET));
      await qc.fetchQuery(q.assets.list());
      await qc.fetchInfiniteQuery(q.assets.infinite());
      await qc.fetchQuery(q.jobs.status("job-1"));
      const wire = JSON.parse(JSON.stringify(dehydrate(qc)));
      const other = makeQueryClient();
      hydrate(other, wire);
      // A second client with the same key and URL reads the hydrated cache: same scope, same keys.
      const k = armorKeys(makeClient());
      for (const key of [k.freshness.get(ASSET), k.assets.list(), k.assets.infinite(), k.jobs.status("job-1")]) {
        expect(other.getQueryData(key)).toEqual(qc.getQueryData(key));
        expect(other.getQueryData(key)).not.toBe(undefined); // audit: the cached model itself is compared on the line above
      }
      expect(remote.requests).toHaveLength(4);
    });
  });
});
