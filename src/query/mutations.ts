/**
 * `armorMutations(client, queryClient)`: mutation options for every write. Path ids are bound when the
 * options are built; `mutate()` takes the params object (or nothing), as `WRITES` (tables.ts) declares.
 * After the write succeeds, the families its line in `INVALIDATIONS` names are invalidated — inside `mutationFn`, so an `onSuccess`
 * the caller adds (or overrides) can never drop the invalidation, and the mutation settles only once
 * the cache is consistent again.
 */
import type { QueryClient } from "@tanstack/query-core";
import { INVALIDATIONS, type InvalidationRule } from "./invalidation";
import { armorKeys } from "./keys";
import { deferToSdk } from "./options";
import { pollJob } from "./polling";
import { readOptions } from "../core/check";
import type { ArmorError } from "../core/errors";
import type { JobStatus } from "../resources/jobs";
import { WRITES, type ArgsOf, type ParamsAt, type WriteCall, type WriteName, type Writes } from "./tables";
import { methodsOf, type ArmorClient, type DataOf, type ResourceName, type VariablesOf } from "./types";

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

/** The options of write `M` of resource `R`, declared as `C`: `mutate()` takes its params, or nothing where it has none. */
type WriteOptions<R extends ResourceName, M extends string, C> = ArmorMutationOptions<
  DataOf<R, M>,
  C extends { params: string } ? VariablesOf<R, M, ParamsAt<C>> : void
>;

/** The builder of one write: its path ids (and `JobWaitOptions` where it starts a job), with the method's own names. */
type WriteBuilder<R extends ResourceName, M extends string, C> = (
  ...args: [...ArgsOf<R, M, ParamsAt<C>>, ...(C extends { job: true } ? [wait?: JobWaitOptions] : [])]
) => WriteOptions<R, M, C>;

/** The mutation builders `armorMutations(client, queryClient)` returns: one per write of `WRITES`, taking its path ids. */
export type ArmorMutations = {
  [R in keyof Writes]: { [M in keyof Writes[R] & string]: WriteBuilder<R, M, Writes[R][M]> };
};

/**
 * Mutation options for every write of a client, each invalidating exactly what its write makes stale.
 * @param client - a `Client`
 * @param queryClient - the QueryClient whose cache the writes invalidate
 * @returns one builder per resource and write method, taking the write's path ids
 * @throws ValidationError (from a builder) for a `wait` that is not an object
 * @throws (from `mutate`) whatever the write throws; `JobFailedError` / `TimeoutError` when a write's
 *   job fails or outlasts `timeoutMs`
 * @example
 * const m = armorMutations(client, queryClient);
 * const create = new MutationObserver(queryClient, m.metrics.create("snowflake.prod.warehouse.orders"));
 * await create.mutate({ metric_type: "row_count", table_path: "warehouse.orders" });
 */
export function armorMutations(client: ArmorClient, queryClient: QueryClient): ArmorMutations;
// The declaration above is the type `WRITES` produces; this implementation builds the same builders from `WRITES`.
export function armorMutations(client: ArmorClient, queryClient: QueryClient): object {
  const keys = armorKeys(client);
  // Every line of the table, by resource and method (the table's type has one line per write of `WRITES`).
  const lines: Readonly<Record<string, Readonly<Record<string, InvalidationRule["families"]>>>> = INVALIDATIONS;
  const out: Record<string, Record<string, (...args: unknown[]) => object>> = {};
  for (const [resource, writes] of Object.entries(WRITES)) {
    const api = methodsOf(client, resource);
    const group: Record<string, (...args: unknown[]) => object> = (out[resource] = {});
    const groupLines = lines[resource]!;
    for (const [method, call] of Object.entries<WriteCall>(writes)) {
      const name = `${resource}.${method}`;
      const count = +!!call.asset + +!!call.id;
      group[method] = (...ids) => {
        // Read once, when the options are built: a `wait` that is not an object fails here, typed.
        const wait = call.job ? readOptions(ids[count] as JobWaitOptions | undefined, "wait") : undefined;
        // From here on, only the path ids: as many as the write takes, even where the caller left one out.
        ids.length = count;
        return {
          mutationKey: [...keys.all, resource, "mutation", method, ...ids],
          mutationFn: async (variables: unknown) => {
            const data = await api[method]!(
              ...ids,
              // Optional params read `null` as absent; a write without params is passed none.
              ...(call.params === "required" ? [variables] : call.params ? [variables ?? undefined] : []),
            );
            const jobId = (data as { job_id?: unknown } | undefined)?.job_id;
            if (wait && typeof jobId === "string" && jobId) await pollJob(client, jobId, wait);
            const vars =
              variables !== null && typeof variables === "object" ? (variables as Record<string, unknown>) : undefined;
            await Promise.all(
              groupLines[method]!(keys, { ids: ids as string[], variables: vars }).map((queryKey) =>
                queryClient.invalidateQueries({ queryKey }),
              ),
            );
            return data;
          },
          meta: { write: name },
          retry: deferToSdk,
        };
      };
    }
  }
  return out;
}
