/**
 * `armorMutations(client, queryClient)`: mutation options for every write. Path ids are bound when the
 * options are built; `mutate()` takes the params object (or nothing). After the write succeeds, the
 * families its line in `INVALIDATIONS` names are invalidated — inside `mutationFn`, so an `onSuccess`
 * the caller adds (or overrides) can never drop the invalidation, and the mutation settles only once
 * the cache is consistent again.
 */
import type { QueryClient } from "@tanstack/query-core";
import { INVALIDATIONS, type WriteLine, type WriteName } from "./invalidation";
import { armorKeys } from "./keys";
import { deferToSdk } from "./options";
import { pollJob } from "./polling";
import type { Client } from "../client";
import type { ArmorError } from "../core/errors";
import type { JobStatus } from "../resources/jobs";
import type { ArmorClient, DataOf, ResourceName, VariablesOf } from "./types";

/** Mutation options of one write, usable with `new MutationObserver(queryClient, …)` and every adapter's `useMutation`. */
export interface ArmorMutationOptions<TData, TVariables> {
  /** `["anomalyarmor", scope, resource, "mutation", method, …ids]`, for `isMutating` filters and devtools. */
  mutationKey: readonly unknown[];
  /** Performs the write, then invalidates what it made stale (waiting for its job first where the table says so). */
  mutationFn: (variables: TVariables) => Promise<TData>;
  /** Carries the write's name, as in the invalidation table. */
  meta: { write: WriteName };
  /**
   * Always `false`: the SDK already retried what is safe to retry. Typed with `ArmorError`, so adapters
   * infer it as the mutation's error (`useMutation(…).error.code`).
   */
  retry: (failureCount: number, error: ArmorError) => boolean;
}

/**
 * How long a write whose effects land with a job (`freshness.refresh`, `schema.refresh`,
 * `assets.triggerDiscovery`) waits for that job before invalidating.
 */
export interface JobWaitOptions {
  /** Milliseconds between job reads, exactly. @default 200 ms, growing by a fifth per read to 5 s */
  intervalMs?: number | undefined;
  /** Give up (the mutation fails with `TimeoutError`) after this many ms. @default 300000 (5 min) */
  timeoutMs?: number | undefined;
  /** Called with the job's status on every read, so that a UI can draw its progress while `mutate()` waits. */
  onProgress?: ((job: JobStatus) => void) | undefined;
}

const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;

/** Options of a write whose `mutate()` takes the params of `client[R][M]` at position `I`. */
type Write<R extends ResourceName, M extends keyof Client[R], I extends number> = ArmorMutationOptions<
  DataOf<R, M>,
  VariablesOf<R, M, I>
>;
/** Options of a write without params: `mutate()` takes nothing. */
type Act<R extends ResourceName, M extends keyof Client[R]> = ArmorMutationOptions<DataOf<R, M>, void>;

/** The mutation builders `armorMutations(client, queryClient)` returns: one per write, taking its path ids. */
export type ArmorMutations = {
  /** Mutation options for the writes of `client.assets`. */
  assets: {
    create: () => Write<"assets", "create", 0>;
    testConnection: (assetId: string) => Act<"assets", "testConnection">;
    triggerDiscovery: (assetId: string, wait?: JobWaitOptions) => Act<"assets", "triggerDiscovery">;
  };
  /** Mutation options for the writes of `client.freshness`. */
  freshness: {
    refresh: (assetId: string, wait?: JobWaitOptions) => Act<"freshness", "refresh">;
    createSchedule: () => Write<"freshness", "createSchedule", 0>;
    updateSchedule: (scheduleId: string) => Write<"freshness", "updateSchedule", 1>;
    deleteSchedule: (scheduleId: string) => Act<"freshness", "deleteSchedule">;
    dryRun: () => Write<"freshness", "dryRun", 0>;
  };
  /** Mutation options for the writes of `client.schema`. */
  schema: {
    refresh: (assetId: string, wait?: JobWaitOptions) => Act<"schema", "refresh">;
    createBaseline: (assetId: string) => Write<"schema", "createBaseline", 1>;
    enableMonitoring: (assetId: string) => Write<"schema", "enableMonitoring", 1>;
    disableMonitoring: (assetId: string) => Act<"schema", "disableMonitoring">;
    dryRun: () => Write<"schema", "dryRun", 0>;
  };
  /** Mutation options for the writes of `client.tags`. */
  tags: {
    create: () => Write<"tags", "create", 0>;
    apply: () => Write<"tags", "apply", 0>;
    bulkApply: () => Write<"tags", "bulkApply", 0>;
  };
  /** Mutation options for the writes of `client.intelligence`. */
  intelligence: {
    ask: () => Write<"intelligence", "ask", 0>;
    generate: () => Write<"intelligence", "generate", 0>;
  };
  /** Mutation options for the writes of `client.investigations`. */
  investigations: {
    explain: () => Write<"investigations", "explain", 0>;
  };
  /** Mutation options for the writes of `client.metrics`. */
  metrics: {
    create: (assetId: string) => Write<"metrics", "create", 1>;
    update: (assetId: string, metricId: string) => Write<"metrics", "update", 2>;
    delete: (assetId: string, metricId: string) => Act<"metrics", "delete">;
    capture: (assetId: string, metricId: string) => Act<"metrics", "capture">;
    dryRun: () => Write<"metrics", "dryRun", 0>;
  };
  /** Mutation options for the writes of `client.validity`. */
  validity: {
    create: (assetId: string) => Write<"validity", "create", 1>;
    update: (assetId: string, ruleId: string) => Write<"validity", "update", 2>;
    delete: (assetId: string, ruleId: string) => Act<"validity", "delete">;
    check: (assetId: string, ruleId: string) => Write<"validity", "check", 2>;
  };
  /** Mutation options for the writes of `client.referential`. */
  referential: {
    create: (assetId: string) => Write<"referential", "create", 1>;
    update: (assetId: string, checkId: string) => Write<"referential", "update", 2>;
    delete: (assetId: string, checkId: string) => Act<"referential", "delete">;
    execute: (assetId: string, checkId: string) => Act<"referential", "execute">;
  };
  /** Mutation options for the writes of `client.alerts`. */
  alerts: {
    createRule: () => Write<"alerts", "createRule", 0>;
    deleteRule: (ruleId: string) => Act<"alerts", "deleteRule">;
    createDestination: () => Write<"alerts", "createDestination", 0>;
    deleteDestination: (destinationId: string) => Act<"alerts", "deleteDestination">;
    acknowledge: (alertId: string) => Write<"alerts", "acknowledge", 1>;
    resolve: (alertId: string) => Write<"alerts", "resolve", 1>;
    dismiss: (alertId: string) => Write<"alerts", "dismiss", 1>;
    snooze: (alertId: string) => Write<"alerts", "snooze", 1>;
    preview: () => Write<"alerts", "preview", 0>;
  };
  /** Mutation options for the writes of `client.apiKeys`. */
  apiKeys: {
    create: () => Write<"apiKeys", "create", 0>;
    revoke: (keyId: string) => Act<"apiKeys", "revoke">;
  };
  /** Mutation options for the writes of `client.badges`. */
  badges: {
    create: () => Write<"badges", "create", 0>;
    update: (badgeId: string) => Write<"badges", "update", 1>;
    delete: (badgeId: string) => Act<"badges", "delete">;
  };
};

/**
 * Mutation options for every write of a client, each invalidating exactly what its write makes stale.
 * @param client - a `Client`
 * @param queryClient - the QueryClient whose cache the writes invalidate
 * @returns one builder per resource and write method, taking the write's path ids
 * @throws (from `mutate`) whatever the write throws; `JobFailedError` / `TimeoutError` when a write's
 *   job fails or outlasts `timeoutMs`
 * @example
 * const m = armorMutations(client, queryClient);
 * const create = new MutationObserver(queryClient, m.metrics.create("snowflake.prod.warehouse.orders"));
 * await create.mutate({ metric_type: "row_count", table_path: "warehouse.orders" });
 */
export function armorMutations(client: ArmorClient, queryClient: QueryClient): ArmorMutations {
  const keys = armorKeys(client);
  const out: Record<string, Record<string, (...args: unknown[]) => ArmorMutationOptions<unknown, unknown>>> = {};
  for (const [name, line] of Object.entries(INVALIDATIONS) as [WriteName, WriteLine][]) {
    const [resource, method] = name.split(".") as [ResourceName, string];
    const api = client[resource] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const { call } = line;
    const count = call.split("i").length - 1;
    (out[resource] ??= {})[method] = (...ids) => {
      const wait = ids[count] as JobWaitOptions | undefined;
      // From here on, only the path ids: as many as the write takes, even where the caller left one out.
      ids.length = count;
      return {
        mutationKey: [...keys.all, resource, "mutation", method, ...ids],
        mutationFn: async (variables) => {
          const data = await api[method]!(
            ...ids,
            ...(call.includes("v") ? [variables] : call.includes("g") ? [variables ?? undefined] : []),
          );
          const jobId = (data as { job_id?: unknown } | undefined)?.job_id;
          if (line.afterJob && typeof jobId === "string" && jobId) {
            await pollJob(client, jobId, {
              intervalMs: wait?.intervalMs,
              timeoutMs: wait?.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
              onProgress: wait?.onProgress,
            });
          }
          const vars =
            variables !== null && typeof variables === "object" ? (variables as Record<string, unknown>) : undefined;
          await Promise.all(
            line
              .families(keys, { ids: ids as string[], variables: vars })
              .map((queryKey) => queryClient.invalidateQueries({ queryKey })),
          );
          return data;
        },
        meta: { write: name },
        retry: deferToSdk,
      };
    };
  }
  return out as unknown as ArmorMutations;
}
