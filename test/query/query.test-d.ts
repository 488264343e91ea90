import {
  InfiniteQueryObserver,
  MutationObserver,
  QueryClient,
  QueryObserver,
  type DefaultError,
  type InfiniteData,
  type InfiniteQueryObserverOptions,
  type MutationObserverOptions,
  type QueryKey,
  type QueryObserverOptions,
} from "@tanstack/query-core";
import { describe, expectTypeOf, it } from "vitest";
import { Client } from "../../src/client";
import type { ArmorError } from "../../src/core/errors";
import type { Asset } from "../../src/resources/assets";
import type { FreshnessStatus } from "../../src/resources/freshness";
import type { JobStatus } from "../../src/resources/jobs";
import type { MetricDefinition, MetricSnapshot } from "../../src/resources/metrics";
import type { CreatedAPIKey, APIKey } from "../../src/resources/api-keys";
import { armorKeys, armorMutations, armorQueries, pollJob, waitForFresh, type ArmorPage } from "../../src/query";

declare const client: Client;
declare const qc: QueryClient;
const q = armorQueries(client);
const k = armorKeys(client);
const m = armorMutations(client, qc);

/** The signature of an adapter's `useQuery` (React's, minus the QueryClient argument): it infers from the options alone. */
declare function useQueryLike<
  TQueryFnData = unknown,
  TError = DefaultError,
  TData = TQueryFnData,
  TQueryKey extends QueryKey = QueryKey,
>(
  options: QueryObserverOptions<TQueryFnData, TError, TData, TQueryFnData, TQueryKey>,
): { data: TData | undefined; error: TError | null };
/** The same for `useMutation`: it infers data, error and variables from the options alone. */
declare function useMutationLike<TData = unknown, TError = DefaultError, TVariables = void, TContext = unknown>(
  options: MutationObserverOptions<TData, TError, TVariables, TContext>,
): { data: TData | undefined; error: TError | null; mutate: (variables: TVariables) => void };
/** The same for `useInfiniteQuery`. */
declare function useInfiniteQueryLike<
  TQueryFnData,
  TError = DefaultError,
  TData = InfiniteData<TQueryFnData>,
  TQueryKey extends QueryKey = QueryKey,
  TPageParam = unknown,
>(
  options: InfiniteQueryObserverOptions<TQueryFnData, TError, TData, TQueryKey, TPageParam>,
): { data: TData | undefined };

describe("armorKeys", () => {
  it("should tag leaf keys with their model, so getQueryData infers it", () => {
    expectTypeOf(qc.getQueryData(k.freshness.get("a"))).toEqualTypeOf<FreshnessStatus | undefined>();
    expectTypeOf(qc.getQueryData(k.assets.list())).toEqualTypeOf<Asset[] | undefined>();
    expectTypeOf(qc.getQueryData(k.metrics.snapshots("a", "m"))).toEqualTypeOf<MetricSnapshot[] | undefined>();
    expectTypeOf(qc.getQueryData(k.jobs.status("j"))).toEqualTypeOf<JobStatus | undefined>();
    expectTypeOf(qc.getQueryData(k.assets.infinite())).toEqualTypeOf<
      InfiniteData<ArmorPage<Asset>, number> | undefined
    >();
  });

  it("should check setQueryData against the model", () => {
    qc.setQueryData(k.apiKeys.list(), (old) => old?.filter((key) => !key.is_active));
    // @ts-expect-error — a freshness entry holds a FreshnessStatus, not a string
    qc.setQueryData(k.freshness.get("a"), "fresh");
  });

  it("should type prefixes as readonly tuples rooted at the namespace and scope", () => {
    expectTypeOf(k.all).toEqualTypeOf<readonly ["anomalyarmor", string]>();
    expectTypeOf(k.metrics.all).toEqualTypeOf<readonly ["anomalyarmor", string, "metrics"]>();
    expectTypeOf(k.metrics.asset("a")).toEqualTypeOf<readonly ["anomalyarmor", string, "metrics", "asset", string]>();
  });

  it("should take each read's own params", () => {
    k.assets.list({ source: "snowflake", limit: 10 });
    // @ts-expect-error — not a param of assets.list
    k.assets.list({ sorce: "snowflake" });
    // @ts-expect-error — infinite queries start at offset 0
    k.assets.infinite({ offset: 50 });
  });
});

describe("armorQueries", () => {
  it("should resolve fetchQuery to the model", () => {
    expectTypeOf(qc.fetchQuery(q.assets.get("a"))).resolves.toEqualTypeOf<Asset>();
    expectTypeOf(qc.fetchQuery(q.metrics.list("a"))).resolves.toEqualTypeOf<MetricDefinition[]>();
    expectTypeOf(qc.fetchQuery(q.freshness.get("a", { poll: true }))).resolves.toEqualTypeOf<FreshnessStatus>();
    expectTypeOf(qc.fetchInfiniteQuery(q.assets.infinite())).resolves.toEqualTypeOf<
      InfiniteData<ArmorPage<Asset>, number>
    >();
  });

  it("should fit a QueryObserver and an adapter's useQuery with the model and ArmorError inferred", () => {
    const observer = new QueryObserver(qc, q.jobs.status("j"));
    expectTypeOf(observer.getCurrentResult().data).toEqualTypeOf<JobStatus | undefined>();
    const { data, error } = useQueryLike(q.freshness.get("a", { poll: { max_age_hours: 6 } }));
    expectTypeOf(data).toEqualTypeOf<FreshnessStatus | undefined>();
    expectTypeOf(error).toEqualTypeOf<ArmorError | null>();
    expectTypeOf(useQueryLike({ ...q.assets.get("a"), select: (a) => a.qualified_name }).data).toEqualTypeOf<
      string | undefined
    >();
  });

  it("should fit an InfiniteQueryObserver and an adapter's useInfiniteQuery", () => {
    const observer = new InfiniteQueryObserver(qc, q.metrics.infiniteSnapshots("a", "m"));
    expectTypeOf(observer.getCurrentResult().data?.pages[0]).toEqualTypeOf<ArmorPage<MetricSnapshot> | undefined>();
    expectTypeOf(useInfiniteQueryLike(q.assets.infinite()).data?.pages[0]?.items).toEqualTypeOf<Asset[] | undefined>();
  });

  it("should require the params a read cannot do without", () => {
    // @ts-expect-error — tags.list needs the asset
    q.tags.list();
    q.tags.list({ asset: "a" });
  });
});

describe("armorMutations", () => {
  it("should bind ids at build time and take the params object in mutate()", () => {
    const create = new MutationObserver(qc, m.metrics.create("a"));
    expectTypeOf(
      create.mutate({ metric_type: "row_count", table_path: "warehouse.orders" }),
    ).resolves.toEqualTypeOf<MetricDefinition>();
    // @ts-expect-error — metric_type is required
    void create.mutate({ table_path: "warehouse.orders" });
  });

  it("should take nothing where a write has no params", () => {
    const revoke = new MutationObserver(qc, m.apiKeys.revoke("k"));
    expectTypeOf(revoke.mutate()).resolves.toEqualTypeOf<APIKey>();
    expectTypeOf(
      new MutationObserver(qc, m.apiKeys.create()).mutate({ name: "ci" }),
    ).resolves.toEqualTypeOf<CreatedAPIKey>();
    void new MutationObserver(qc, m.validity.check("a", "r")).mutate();
  });
});

describe("mutation errors", () => {
  it("should carry ArmorError as the error type, so useMutation(…).error.code type-checks", () => {
    const revoke = useMutationLike(m.apiKeys.revoke("k"));
    expectTypeOf(revoke.error).toEqualTypeOf<ArmorError | null>();
    expectTypeOf(revoke.error?.code).toEqualTypeOf<string | undefined>();
    expectTypeOf(revoke.data).toEqualTypeOf<APIKey | undefined>();
    const refresh = useMutationLike(m.freshness.refresh("a", { timeoutMs: 60_000 }));
    expectTypeOf(refresh.error).toEqualTypeOf<ArmorError | null>();
    const create = new MutationObserver(qc, m.metrics.create("a"));
    expectTypeOf(create.getCurrentResult().error).toEqualTypeOf<ArmorError | null>();
    // Spreading in callbacks of one's own keeps the inference.
    useMutationLike({ ...m.validity.create("a"), onError: (error) => expectTypeOf(error).toEqualTypeOf<ArmorError>() });
  });
});

describe("polling", () => {
  it("should resolve pollJob to the job status and waitForFresh to the freshness status", () => {
    expectTypeOf(pollJob(client, "j")).resolves.toEqualTypeOf<JobStatus>();
    expectTypeOf(waitForFresh(client, "a", { max_age_hours: 2 })).resolves.toEqualTypeOf<FreshnessStatus>();
  });
});
