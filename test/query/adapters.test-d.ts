/**
 * Our options through the framework adapters' own hooks: the `data` and `error` types users get from
 * `@tanstack/react-query`, `@tanstack/vue-query` and `@tanstack/solid-query`, and from a QueryClient's
 * `getQueryData` / `setQueryData`. All adapters resolve to the one `@tanstack/query-core` of this
 * repository (npm `overrides`), so the types are compared, not merely assignable by accident.
 */
import {
  QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useSuspenseQuery,
  type InfiniteData,
} from "@tanstack/react-query";
import { useQuery as useSolidQuery } from "@tanstack/solid-query";
import { useQuery as useVueQuery } from "@tanstack/vue-query";
import type { Ref } from "vue";
import { describe, expectTypeOf, it } from "vitest";
import type { Client } from "../../src/client";
import type { ArmorError } from "../../src/core/errors";
import type { Asset } from "../../src/resources/assets";
import type { FreshnessStatus, FreshnessSummary } from "../../src/resources/freshness";
import type { JobStatus } from "../../src/resources/jobs";
import type { MetricDefinition } from "../../src/resources/metrics";
import { armorKeys, armorMutations, armorQueries, type ArmorPage } from "../../src/query";

declare const client: Client;
declare const queryClient: QueryClient;
const q = armorQueries(client);
const k = armorKeys(client);
const m = armorMutations(client, queryClient);

describe("@tanstack/react-query", () => {
  it("should type useQuery's data and error from our options", () => {
    const result = useQuery(q.freshness.get("a"));
    expectTypeOf(result.data).toEqualTypeOf<FreshnessStatus | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<ArmorError | null>();
    expectTypeOf(useQuery(q.jobs.status("j")).data).toEqualTypeOf<JobStatus | undefined>();
    expectTypeOf(useQuery(q.assets.list()).data).toEqualTypeOf<Asset[] | undefined>();
    // once checked for success, the model's own fields, and only those
    if (result.isSuccess) {
      expectTypeOf(result.data.hours_since_update).toEqualTypeOf<number | null | undefined>();
      // @ts-expect-error — not a field of FreshnessStatus
      void result.data.hoursSinceUpdate;
    }
  });

  it("should keep a select's own type", () => {
    const fresh = useQuery({ ...q.freshness.summary(), select: (s) => s.fresh_count });
    expectTypeOf(fresh.data).toEqualTypeOf<number | undefined>();
    expectTypeOf(fresh.error).toEqualTypeOf<ArmorError | null>();
  });

  it("should type useSuspenseQuery's data as defined", () => {
    const result = useSuspenseQuery(q.freshness.summary());
    expectTypeOf(result.data).toEqualTypeOf<FreshnessSummary>();
    expectTypeOf(result.error).toEqualTypeOf<ArmorError | null>();
  });

  it("should type useInfiniteQuery's pages", () => {
    const result = useInfiniteQuery(q.assets.infinite({ source: "snowflake" }));
    // TanStack's hook leaves pageParams unknown unless a select says otherwise; the pages are ours.
    expectTypeOf(result.data).toEqualTypeOf<InfiniteData<ArmorPage<Asset>, unknown> | undefined>();
    expectTypeOf(result.data?.pages[0]?.items).toEqualTypeOf<Asset[] | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<ArmorError | null>();
  });

  it("should type useMutation's variables, data and error", () => {
    const create = useMutation(m.metrics.create("a"));
    expectTypeOf(create.data).toEqualTypeOf<MetricDefinition | undefined>();
    expectTypeOf(create.error).toEqualTypeOf<ArmorError | null>();
    create.mutate({ metric_type: "row_count", table_path: "warehouse.orders" });
    // @ts-expect-error — table_path is required
    create.mutate({ metric_type: "row_count" });
    const revoke = useMutation(m.apiKeys.revoke("k"));
    revoke.mutate();
    const refresh = useMutation(
      m.freshness.refresh("a", { onProgress: (job) => expectTypeOf(job).toEqualTypeOf<JobStatus>() }),
    );
    expectTypeOf(refresh.error).toEqualTypeOf<ArmorError | null>();
  });
});

describe("@tanstack/vue-query", () => {
  it("should type useQuery's data and error refs from our options", () => {
    const result = useVueQuery(q.freshness.get("a"));
    expectTypeOf(result.data).toEqualTypeOf<Ref<FreshnessStatus, FreshnessStatus> | Ref<undefined, undefined>>();
    expectTypeOf(result.error).toEqualTypeOf<Ref<ArmorError, ArmorError> | Ref<null, null>>();
  });
});

describe("@tanstack/solid-query", () => {
  it("should type useQuery's data and error from our options", () => {
    const result = useSolidQuery(() => q.freshness.get("a"));
    expectTypeOf(result.data).toEqualTypeOf<FreshnessStatus | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<ArmorError | null>();
  });
});

describe("QueryClient", () => {
  it("should type getQueryData and setQueryData from our keys", () => {
    expectTypeOf(queryClient.getQueryData(k.freshness.get("a"))).toEqualTypeOf<FreshnessStatus | undefined>();
    expectTypeOf(queryClient.getQueryData(q.freshness.get("a").queryKey)).toEqualTypeOf<FreshnessStatus | undefined>();
    expectTypeOf(queryClient.getQueryData(k.assets.infinite())).toEqualTypeOf<
      InfiniteData<ArmorPage<Asset>, number> | undefined
    >();
    queryClient.setQueryData(k.freshness.summary(), (old) => old && { ...old, stale_count: old.stale_count + 1 });
    // @ts-expect-error — a summary holds a FreshnessSummary, not a FreshnessStatus field
    queryClient.setQueryData(k.freshness.summary(), (old) => old && { ...old, is_stale: true, stale_count: "1" });
  });
});
