/**
 * `armorMutations(client, queryClient)`: mutation options for every write. Path ids are bound when the
 * options are built; `mutate()` takes the params object (or nothing). After the write succeeds, the
 * families its line in `INVALIDATIONS` names are invalidated — inside `mutationFn`, so an `onSuccess`
 * the caller adds (or overrides) can never drop the invalidation, and the mutation settles only once
 * the cache is consistent again.
 */
import type { QueryClient } from "@tanstack/query-core";
import { INVALIDATIONS, type InvalidationRule, type WriteName } from "./invalidation";
import { armorKeys, KEY_NAMESPACE } from "./keys";
import { pollJob } from "./polling";
import type { ArmorClient, DataOf, ResourceName, VariablesOf } from "./types";

/** Mutation options of one write, usable with `new MutationObserver(queryClient, …)` and every adapter's `useMutation`. */
export interface ArmorMutationOptions<TData, TVariables> {
  /** `["anomalyarmor", scope, resource, "mutation", method, …ids]`, for `isMutating` filters and devtools. */
  mutationKey: readonly unknown[];
  /** Performs the write, then invalidates what it made stale (waiting for its job first where the table says so). */
  mutationFn: (variables: TVariables) => Promise<TData>;
  /** Carries the write's name, as in the invalidation table. */
  meta: { write: WriteName };
}

/**
 * How long a write whose effects land with a job (`freshness.refresh`, `schema.refresh`,
 * `assets.triggerDiscovery`) waits for that job before invalidating.
 */
export interface JobWaitOptions {
  /** Milliseconds between job reads, exactly. @default backoff from 1 s doubling to 10 s */
  intervalMs?: number | undefined;
  /** Give up (the mutation fails with `TimeoutError`) after this many ms. @default 300000 (5 min) */
  timeoutMs?: number | undefined;
}

const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;

function given<P>(variables: P | void): P | undefined {
  return variables === undefined || variables === null ? undefined : (variables as P);
}

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
export function armorMutations(client: ArmorClient, queryClient: QueryClient) {
  const keys = armorKeys(client);
  const scope = client.transport.scope;

  async function invalidate(write: WriteName, ids: readonly string[], variables: unknown, data: unknown, wait?: JobWaitOptions) {
    const rule: InvalidationRule = INVALIDATIONS[write];
    if (rule.afterJob) {
      const jobId = (data as { job_id?: unknown } | undefined)?.job_id;
      if (typeof jobId === "string" && jobId) {
        await pollJob(client, jobId, { intervalMs: wait?.intervalMs, timeoutMs: wait?.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS });
      }
    }
    const vars = variables !== null && typeof variables === "object" ? (variables as Record<string, unknown>) : undefined;
    const families = rule.families(keys, { ids, variables: vars });
    await Promise.all(families.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  }

  function write<R extends ResourceName, TData, TVariables>(
    resource: R,
    method: string,
    ids: readonly string[],
    call: (variables: TVariables) => Promise<TData>,
    wait?: JobWaitOptions,
  ): ArmorMutationOptions<TData, TVariables> {
    const name = `${resource}.${method}` as WriteName;
    return {
      mutationKey: [KEY_NAMESPACE, scope, resource, "mutation", method, ...ids],
      mutationFn: async (variables) => {
        const data = await call(variables);
        await invalidate(name, ids, variables, data, wait);
        return data;
      },
      meta: { write: name },
    };
  }

  const { assets, freshness, schema, tags, intelligence, investigations, metrics, validity, referential, alerts, apiKeys, badges } = client;
  return {
    assets: {
      create: () => write("assets", "create", [], (v: VariablesOf<"assets", "create", 0>) => assets.create(v)),
      testConnection: (assetId: string) =>
        write("assets", "testConnection", [assetId], (_: void): Promise<DataOf<"assets", "testConnection">> => assets.testConnection(assetId)),
      triggerDiscovery: (assetId: string, wait?: JobWaitOptions) =>
        write("assets", "triggerDiscovery", [assetId], (_: void): Promise<DataOf<"assets", "triggerDiscovery">> => assets.triggerDiscovery(assetId), wait),
    },
    freshness: {
      refresh: (assetId: string, wait?: JobWaitOptions) =>
        write("freshness", "refresh", [assetId], (_: void): Promise<DataOf<"freshness", "refresh">> => freshness.refresh(assetId), wait),
      createSchedule: () =>
        write("freshness", "createSchedule", [], (v: VariablesOf<"freshness", "createSchedule", 0>) => freshness.createSchedule(v)),
      updateSchedule: (scheduleId: string) =>
        write("freshness", "updateSchedule", [scheduleId], (v: VariablesOf<"freshness", "updateSchedule", 1>) =>
          freshness.updateSchedule(scheduleId, v),
        ),
      deleteSchedule: (scheduleId: string) =>
        write("freshness", "deleteSchedule", [scheduleId], (_: void): Promise<DataOf<"freshness", "deleteSchedule">> => freshness.deleteSchedule(scheduleId)),
      dryRun: () => write("freshness", "dryRun", [], (v: VariablesOf<"freshness", "dryRun", 0>) => freshness.dryRun(v)),
    },
    schema: {
      refresh: (assetId: string, wait?: JobWaitOptions) =>
        write("schema", "refresh", [assetId], (_: void): Promise<DataOf<"schema", "refresh">> => schema.refresh(assetId), wait),
      createBaseline: (assetId: string) =>
        write("schema", "createBaseline", [assetId], (v: VariablesOf<"schema", "createBaseline", 1>) => schema.createBaseline(assetId, given(v))),
      enableMonitoring: (assetId: string) =>
        write("schema", "enableMonitoring", [assetId], (v: VariablesOf<"schema", "enableMonitoring", 1>) =>
          schema.enableMonitoring(assetId, given(v)),
        ),
      disableMonitoring: (assetId: string) =>
        write("schema", "disableMonitoring", [assetId], (_: void): Promise<DataOf<"schema", "disableMonitoring">> => schema.disableMonitoring(assetId)),
      dryRun: () => write("schema", "dryRun", [], (v: VariablesOf<"schema", "dryRun", 0>) => schema.dryRun(v)),
    },
    tags: {
      create: () => write("tags", "create", [], (v: VariablesOf<"tags", "create", 0>) => tags.create(v)),
      apply: () => write("tags", "apply", [], (v: VariablesOf<"tags", "apply", 0>) => tags.apply(v)),
      bulkApply: () => write("tags", "bulkApply", [], (v: VariablesOf<"tags", "bulkApply", 0>) => tags.bulkApply(v)),
    },
    intelligence: {
      ask: () => write("intelligence", "ask", [], (v: VariablesOf<"intelligence", "ask", 0>) => intelligence.ask(v)),
      generate: () => write("intelligence", "generate", [], (v: VariablesOf<"intelligence", "generate", 0>) => intelligence.generate(v)),
    },
    investigations: {
      explain: () => write("investigations", "explain", [], (v: VariablesOf<"investigations", "explain", 0>) => investigations.explain(v)),
    },
    metrics: {
      create: (assetId: string) => write("metrics", "create", [assetId], (v: VariablesOf<"metrics", "create", 1>) => metrics.create(assetId, v)),
      update: (assetId: string, metricId: string) =>
        write("metrics", "update", [assetId, metricId], (v: VariablesOf<"metrics", "update", 2>) => metrics.update(assetId, metricId, v)),
      delete: (assetId: string, metricId: string) =>
        write("metrics", "delete", [assetId, metricId], (_: void): Promise<DataOf<"metrics", "delete">> => metrics.delete(assetId, metricId)),
      capture: (assetId: string, metricId: string) =>
        write("metrics", "capture", [assetId, metricId], (_: void): Promise<DataOf<"metrics", "capture">> => metrics.capture(assetId, metricId)),
      dryRun: () => write("metrics", "dryRun", [], (v: VariablesOf<"metrics", "dryRun", 0>) => metrics.dryRun(v)),
    },
    validity: {
      create: (assetId: string) => write("validity", "create", [assetId], (v: VariablesOf<"validity", "create", 1>) => validity.create(assetId, v)),
      update: (assetId: string, ruleId: string) =>
        write("validity", "update", [assetId, ruleId], (v: VariablesOf<"validity", "update", 2>) => validity.update(assetId, ruleId, v)),
      delete: (assetId: string, ruleId: string) =>
        write("validity", "delete", [assetId, ruleId], (_: void): Promise<DataOf<"validity", "delete">> => validity.delete(assetId, ruleId)),
      check: (assetId: string, ruleId: string) =>
        write("validity", "check", [assetId, ruleId], (v: VariablesOf<"validity", "check", 2>) => validity.check(assetId, ruleId, given(v))),
    },
    referential: {
      create: (assetId: string) =>
        write("referential", "create", [assetId], (v: VariablesOf<"referential", "create", 1>) => referential.create(assetId, v)),
      update: (assetId: string, checkId: string) =>
        write("referential", "update", [assetId, checkId], (v: VariablesOf<"referential", "update", 2>) => referential.update(assetId, checkId, v)),
      delete: (assetId: string, checkId: string) =>
        write("referential", "delete", [assetId, checkId], (_: void): Promise<DataOf<"referential", "delete">> => referential.delete(assetId, checkId)),
      execute: (assetId: string, checkId: string) =>
        write("referential", "execute", [assetId, checkId], (_: void): Promise<DataOf<"referential", "execute">> => referential.execute(assetId, checkId)),
    },
    alerts: {
      createRule: () => write("alerts", "createRule", [], (v: VariablesOf<"alerts", "createRule", 0>) => alerts.createRule(v)),
      deleteRule: (ruleId: string) =>
        write("alerts", "deleteRule", [ruleId], (_: void): Promise<DataOf<"alerts", "deleteRule">> => alerts.deleteRule(ruleId)),
      createDestination: () =>
        write("alerts", "createDestination", [], (v: VariablesOf<"alerts", "createDestination", 0>) => alerts.createDestination(v)),
      deleteDestination: (destinationId: string) =>
        write("alerts", "deleteDestination", [destinationId], (_: void): Promise<DataOf<"alerts", "deleteDestination">> =>
          alerts.deleteDestination(destinationId),
        ),
      acknowledge: (alertId: string) =>
        write("alerts", "acknowledge", [alertId], (v: VariablesOf<"alerts", "acknowledge", 1>) => alerts.acknowledge(alertId, given(v))),
      resolve: (alertId: string) =>
        write("alerts", "resolve", [alertId], (v: VariablesOf<"alerts", "resolve", 1>) => alerts.resolve(alertId, given(v))),
      dismiss: (alertId: string) =>
        write("alerts", "dismiss", [alertId], (v: VariablesOf<"alerts", "dismiss", 1>) => alerts.dismiss(alertId, given(v))),
      snooze: (alertId: string) => write("alerts", "snooze", [alertId], (v: VariablesOf<"alerts", "snooze", 1>) => alerts.snooze(alertId, v)),
      preview: () => write("alerts", "preview", [], (v: VariablesOf<"alerts", "preview", 0>) => alerts.preview(given(v))),
    },
    apiKeys: {
      create: () => write("apiKeys", "create", [], (v: VariablesOf<"apiKeys", "create", 0>) => apiKeys.create(v)),
      revoke: (keyId: string) => write("apiKeys", "revoke", [keyId], (_: void): Promise<DataOf<"apiKeys", "revoke">> => apiKeys.revoke(keyId)),
    },
    badges: {
      create: () => write("badges", "create", [], (v: VariablesOf<"badges", "create", 0>) => badges.create(v)),
      update: (badgeId: string) => write("badges", "update", [badgeId], (v: VariablesOf<"badges", "update", 1>) => badges.update(badgeId, given(v))),
      delete: (badgeId: string) => write("badges", "delete", [badgeId], (_: void): Promise<DataOf<"badges", "delete">> => badges.delete(badgeId)),
    },
  } satisfies { [R in ResourceName]?: Record<string, (...args: never[]) => ArmorMutationOptions<unknown, never>> };
}

/** The mutation builders `armorMutations(client, queryClient)` returns. */
export type ArmorMutations = ReturnType<typeof armorMutations>;
